"""The council selectors: staff see their municipalities' meetings; the public reads give
what is published and never a closed item."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from loket.council.models import AgendaItem
from loket.council.selectors import (
    item_get_visible,
    items_public,
    meeting_get_visible,
    meeting_public_get,
    meetings_public,
    meetings_visible_to,
)
from loket.council.workflow import MeetingStatus
from loket.tenancy.access import ANONYMOUS, Actor, actor_for_resident
from tests.council.helpers import Council, meeting_make
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_staff_see_their_municipalitys_meetings_only(
    secretary_actor: Actor, council: Council, other_actor: Actor, municipality: Any
) -> None:
    meeting = meeting_make(secretary_actor, council)
    item = AgendaItem.objects.filter(meeting=meeting)[0]
    resident = actor_for_resident(PersonFactory(municipality=municipality).pk)

    assert list(meetings_visible_to(actor=secretary_actor)) == [meeting]
    for outsider in (other_actor, resident, ANONYMOUS):
        assert list(meetings_visible_to(actor=outsider)) == []
        with pytest.raises(Http404):
            meeting_get_visible(actor=outsider, meeting_id=meeting.pk)
        with pytest.raises(Http404):
            item_get_visible(actor=outsider, item_id=item.pk)


def test_the_public_reads_follow_the_lifecycle(
    secretary_actor: Actor, council: Council, municipality: Any
) -> None:
    draft = meeting_make(secretary_actor, council)
    agenda = meeting_make(secretary_actor, council, status=MeetingStatus.AGENDA_PUBLISHED)
    published = meeting_make(secretary_actor, council, status=MeetingStatus.PUBLISHED)

    assert set(meetings_public(municipality=municipality)) == {agenda, published}
    with pytest.raises(Http404):
        meeting_public_get(municipality=municipality, meeting_id=draft.pk)
    with pytest.raises(Http404):
        meeting_public_get(municipality=municipality, meeting_id=agenda.pk, decisions=True)
    assert meeting_public_get(municipality=municipality, meeting_id=published.pk, decisions=True)


def test_items_public_never_holds_a_closed_item(secretary_actor: Actor, council: Council) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.PUBLISHED)

    assert [item.title for item in items_public(meeting=meeting)] == [
        "Budget for the new playground"
    ]
    AgendaItem.objects.filter(meeting=meeting, is_public=True).update(held_in_public=False)
    assert items_public(meeting=meeting) == []
