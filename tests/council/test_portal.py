"""The councillors' portal: a councillor (a staff account with the councillor role whose
member holds a mandate in the body today) reads every item of their body's meetings,
closed ones included, and keeps private notes; anyone else, a secretary or an
administrator included, gets 404 on the portal's items and never reads a note."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client

from loket.council.models import AgendaItem, ItemNote, Member
from loket.council.portal import councillor_item_get, notes_of_author
from loket.council.services import item_note_save, member_account_link
from loket.council.workflow import MeetingStatus
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.council.helpers import Council, meeting_make
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def councillor(municipality: Municipality, council: Council, secretary_actor: Actor) -> Any:
    """Chris, the body's councillor, signs in with an account of their own."""
    user = staff_member(municipality, Role.COUNCILLOR, preferred_language="en")
    member_account_link(
        actor=secretary_actor,
        body_id=council.body.pk,
        mandate_id=council.mandates[2].pk,
        username=user.username,
    )
    return user


@pytest.fixture
def held(secretary_actor: Actor, council: Council) -> Any:
    return meeting_make(secretary_actor, council, status=MeetingStatus.PUBLISHED)


def _closed(meeting: Any) -> AgendaItem:
    return AgendaItem.objects.get(meeting=meeting, is_public=False)


def test_the_councillor_reads_the_closed_item_and_its_meeting(
    client: Client, councillor: Any, held: Any
) -> None:
    client.force_login(councillor)
    closed = _closed(held)

    meeting_page = client.get(f"/backoffice/raadslid/zittingen/{held.pk}/")
    item_page = client.get(f"/backoffice/raadslid/punten/{closed.pk}/")

    assert meeting_page.status_code == 200
    assert "Personnel matter of a named employee" in meeting_page.content.decode()
    assert item_page.status_code == 200
    assert "Secret draft decision on the employee." in item_page.content.decode()


def test_a_resident_cannot_see_the_closed_item_on_any_public_page(
    client: Client, held: Any, municipality: Municipality
) -> None:
    closed = _closed(held)

    pages = [
        client.get(f"/{municipality.slug}/bestuur/besluiten/{closed.pk}/"),
        client.get(f"/{municipality.slug}/bestuur/besluiten/?q=employee"),
    ]

    assert pages[0].status_code == 404
    assert "named employee" not in pages[1].content.decode()


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.MUNICIPAL_ADMIN, Role.COUNCILLOR])
def test_staff_who_are_not_members_get_404_on_the_portal_item(
    client: Client, held: Any, municipality: Municipality, role: Role
) -> None:
    """A secretary and an administrator read the back office, not the portal; a councillor
    of the municipality whose member does not sit in this body gets 404 too."""
    client.force_login(staff_member(municipality, role))

    answer = client.get(f"/backoffice/raadslid/punten/{_closed(held).pk}/")

    assert answer.status_code == (404 if role is Role.COUNCILLOR else 403)


def test_a_councillor_of_another_municipality_gets_404(
    client: Client, held: Any, other_municipality: Municipality
) -> None:
    client.force_login(staff_member(other_municipality, Role.COUNCILLOR))

    assert client.get(f"/backoffice/raadslid/zittingen/{held.pk}/").status_code == 404
    assert client.get(f"/backoffice/raadslid/punten/{_closed(held).pk}/").status_code == 404


def test_a_mandate_that_ended_closes_the_portal(
    councillor: Any, held: Any, council: Council
) -> None:
    council.mandates[2].ends_on = dt.date(2025, 6, 30)
    council.mandates[2].save(update_fields=["ends_on"])

    with pytest.raises(Http404):
        councillor_item_get(actor=actor_for_user(councillor), item_id=_closed(held).pk)


def test_a_private_note_is_read_by_its_author_alone(
    client: Client, councillor: Any, held: Any, secretary: Any, municipality: Municipality
) -> None:
    client.force_login(councillor)
    closed = _closed(held)

    saved = client.post(
        f"/backoffice/raadslid/punten/{closed.pk}/notitie/", {"text": "Ask about the appeal."}
    )

    assert saved.status_code == 302
    note = ItemNote.objects.get(item=closed)
    assert (note.author_id, note.text) == (councillor.pk, "Ask about the appeal.")
    assert (
        "Ask about the appeal."
        in client.get(f"/backoffice/raadslid/punten/{closed.pk}/").content.decode()
    )
    # Neither the secretary nor a second councillor of the same body reads it.
    colleague = staff_member(municipality, Role.COUNCILLOR)
    Member.objects.filter(pk=held.body.mandates.get(role="mayor").member_id).update(user=colleague)
    assert notes_of_author(actor=actor_for_user(secretary), item_ids=[closed.pk]) == {}
    assert notes_of_author(actor=actor_for_user(colleague), item_ids=[closed.pk]) == {}
    client.force_login(colleague)
    assert (
        "Ask about the appeal."
        not in client.get(f"/backoffice/raadslid/punten/{closed.pk}/").content.decode()
    )
    client.force_login(secretary)
    assert (
        "Ask about the appeal."
        not in client.get(f"/backoffice/bestuur/punten/{closed.pk}/").content.decode()
    )


def test_an_empty_note_removes_it_and_a_secretary_cannot_write_one(
    councillor: Any, held: Any, secretary_actor: Actor
) -> None:
    closed = _closed(held)
    item_note_save(actor=actor_for_user(councillor), item_id=closed.pk, text="First.")

    item_note_save(actor=actor_for_user(councillor), item_id=closed.pk, text="  ")

    assert not ItemNote.objects.filter(item=closed).exists()
    with pytest.raises(Http404):
        item_note_save(actor=secretary_actor, item_id=closed.pk, text="Mine.")
    assert not ItemNote.objects.exists()


def test_the_portal_lists_upcoming_meetings_and_searches_past_decisions(
    client: Client, councillor: Any, held: Any, secretary_actor: Actor, council: Council
) -> None:
    client.force_login(councillor)

    home = client.get("/backoffice/raadslid/")
    found = client.get("/backoffice/raadslid/besluiten/", {"q": "employee"})

    assert home.status_code == 200
    assert found.status_code == 200
    assert "Decision: Personnel matter of a named employee" in found.content.decode()


def test_only_a_councillors_account_of_the_municipality_is_linked(
    secretary_actor: Actor, council: Council, municipality: Municipality
) -> None:
    clerk = staff_member(municipality, Role.CLERK)

    with pytest.raises(ValidationError) as refused:
        member_account_link(
            actor=secretary_actor,
            body_id=council.body.pk,
            mandate_id=council.mandates[2].pk,
            username=clerk.username,
        )

    assert "username" in refused.value.message_dict
    assert Member.objects.filter(user=clerk).count() == 0
