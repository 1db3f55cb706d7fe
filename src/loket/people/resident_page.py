"""Sections other domains add to the resident's own page ("my page").

The register sits below the domains, so it cannot read them: a domain declares a
`ResidentPageSection` in `<domain>/resident_page.py` and registers it in
`RESIDENT_PAGE_SECTIONS`; this app imports those modules when Django starts
(`PeopleConfig.ready`). A section reads through its own selectors with the resident as the
actor and answers None when it has nothing to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from loket.core.plugins import Registry

if TYPE_CHECKING:
    from loket.people.models import Person
    from loket.tenancy.access import Actor


@dataclass(frozen=True)
class ShownSection:
    code: str
    template: str
    context: dict[str, Any]


class ResidentPageSection:
    """`code` is also the section's anchor on the page; `template` is included with the
    section's context under `section`."""

    code: ClassVar[str] = ""
    position: ClassVar[int] = 100
    template: ClassVar[str] = ""

    def context(self, *, actor: Actor) -> dict[str, Any] | None:
        raise NotImplementedError


RESIDENT_PAGE_SECTIONS: Registry[ResidentPageSection] = Registry("resident page section")


def resident_page_sections(*, actor: Actor) -> list[ShownSection]:
    """The sections that have something to show to this resident, in their order."""
    sections = sorted(
        (RESIDENT_PAGE_SECTIONS.create(code) for code in RESIDENT_PAGE_SECTIONS.codes()),
        key=lambda section: (section.position, section.code),
    )
    shown = []
    for section in sections:
        context = section.context(actor=actor)
        if context is not None:
            shown.append(ShownSection(section.code, section.template, context))
    return shown


class ChildPageSection:
    """A section on the page of a resident's child ("my child"), read with the parent as
    the actor."""

    code: ClassVar[str] = ""
    position: ClassVar[int] = 100
    template: ClassVar[str] = ""

    def context(self, *, actor: Actor, child: Person) -> dict[str, Any] | None:
        raise NotImplementedError


CHILD_PAGE_SECTIONS: Registry[ChildPageSection] = Registry("child page section")


def child_page_sections(*, actor: Actor, child: Person) -> list[ShownSection]:
    sections = sorted(
        (CHILD_PAGE_SECTIONS.create(code) for code in CHILD_PAGE_SECTIONS.codes()),
        key=lambda section: (section.position, section.code),
    )
    shown = []
    for section in sections:
        context = section.context(actor=actor, child=child)
        if context is not None:
            shown.append(ShownSection(section.code, section.template, context))
    return shown
