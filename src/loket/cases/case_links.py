"""What other domains show on the staff page of a case: the places the case appears in.

The cases domain sits below the domains that refer to a case (the agenda item of a council
meeting that decides it), so it cannot read them: a domain declares a `CaseLinkSource` in
`<domain>/case_links.py` and registers it in `CASE_LINK_SOURCES`; this app imports those
modules when Django starts (`CasesConfig.ready`). A source reads through its own selectors
with the staff member as the actor, so it shows only what that actor may open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from loket.core.plugins import Registry

if TYPE_CHECKING:
    from loket.cases.models import Case
    from loket.tenancy.access import Actor


@dataclass(frozen=True)
class CaseLink:
    """A link on the case page: what it is (`label`), where, and a line about it."""

    label: str
    url: str
    detail: str = ""


class CaseLinkSource:
    code: ClassVar[str] = ""
    position: ClassVar[int] = 100

    def links(self, *, actor: Actor, case: Case) -> list[CaseLink]:
        raise NotImplementedError


CASE_LINK_SOURCES: Registry[CaseLinkSource] = Registry("case link source")


def case_links(*, actor: Actor, case: Case) -> list[CaseLink]:
    """The links every source gives this actor for this case, in the sources' order."""
    sources = sorted(
        (CASE_LINK_SOURCES.create(code) for code in CASE_LINK_SOURCES.codes()),
        key=lambda source: (source.position, source.code),
    )
    return [link for source in sources for link in source.links(actor=actor, case=case)]
