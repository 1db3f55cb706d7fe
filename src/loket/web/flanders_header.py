"""The Flemish government's global header with the resident's login state.

A Flemish municipality that wants its Loket pages to appear inside Mijn Burgerprofiel
switches the header on with its widget id (`LOKET_FLANDERS_HEADER_WIDGETS`, NIS code ->
widget id; off by default). Portal pages of that municipality (a URL with its slug, or any
page for a signed-in resident registered there) then load the widget's entry script and
`web/flanders-header.js`, which mounts it and calls `accessMenu.setProfile` with the login
state read from the element's data attributes (no inline script: the CSP allows none).
Without JavaScript nothing of it shows and the page works as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality


@dataclass(frozen=True)
class FlandersHeader:
    widget_id: str
    script_url: str
    logged_in: bool
    login_url: str
    logout_url: str
    first_name: str
    name: str


def _nis_code(request: HttpRequest, actor: Actor) -> str:
    match = request.resolver_match
    slug = match.kwargs.get("slug") if match else None
    if slug:
        return (
            Municipality.objects.filter(slug=slug).values_list("nis_code", flat=True).first() or ""
        )
    if actor.is_resident and actor.person_id:
        from loket.people.models import Person
        from loket.people.selectors import address_current

        person = Person.objects.filter(pk=actor.person_id).first()
        address = address_current(person=person) if person else None
        return address.municipality.nis_code if address else ""
    return ""


def flanders_header(request: HttpRequest, actor: Actor) -> FlandersHeader | None:
    """The header of this page, or None (not configured for its municipality)."""
    widgets: dict[str, str] = settings.LOKET_FLANDERS_HEADER_WIDGETS
    if not widgets:
        return None
    widget_id = widgets.get(_nis_code(request, actor))
    if not widget_id:
        return None
    first_name = name = ""
    if actor.is_resident and actor.person_id:
        from loket.people.models import Person

        person = Person.objects.filter(pk=actor.person_id).first()
        if person is not None:
            first_name, name = person.first_names.split(" ")[0], person.last_name
    return FlandersHeader(
        widget_id=widget_id,
        script_url=settings.LOKET_FLANDERS_HEADER_SCRIPT_URL.replace("{id}", widget_id),
        logged_in=actor.is_resident,
        login_url=reverse("web:resident-login"),
        logout_url=reverse("web:resident-logout"),
        first_name=first_name,
        name=name,
    )
