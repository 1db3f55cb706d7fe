"""The public decisions search: full text in the language the decision is written in,
filters by date and topic, pages without JavaScript and a fragment for htmx, a permanent
address per decision; closed items never appear."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from loket.council.models import AgendaItem
from loket.council.search import decision_filter_from, decisions_matching, decisions_public
from loket.council.services import agenda_item_add, meeting_links_set
from loket.council.workflow import MeetingStatus
from loket.documents.selectors import search_query
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from tests.council.helpers import Council, meeting_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(secretary_actor: Actor, council: Council) -> Any:
    return meeting_make(secretary_actor, council, status=MeetingStatus.PUBLISHED)


def test_words_find_the_public_decision_through_the_stemmer(
    published: Any, municipality: Municipality
) -> None:
    # "playgrounds" is stemmed by the English configuration the item was indexed in.
    found = list(
        decisions_matching(
            decisions_public(municipality=municipality),
            search=decision_filter_from({"q": "playgrounds"}),
        )
    )

    assert [item.title for item in found] == ["Budget for the new playground"]


def test_a_closed_decision_never_matches(published: Any, municipality: Municipality) -> None:
    found = decisions_matching(
        decisions_public(municipality=municipality),
        search=decision_filter_from({"q": "employee"}),
    )

    assert list(found) == []


def test_dutch_and_french_decisions_are_indexed_in_their_language(
    secretary_actor: Actor, council: Council, municipality: Municipality
) -> None:
    meeting = meeting_make(secretary_actor, council, closed_item=False)
    dutch = agenda_item_add(
        actor=secretary_actor,
        meeting_id=meeting.pk,
        title="De gemeenteraad keurt de aanleg van de fietspaden goed",
    )
    french = agenda_item_add(
        actor=secretary_actor,
        meeting_id=meeting.pk,
        title="Le conseil approuve le projet des nouvelles pistes cyclables dans la commune",
    )

    configs = dict(
        AgendaItem.objects.filter(pk__in=[dutch.pk, french.pk]).values_list("pk", "search_config")
    )

    assert configs == {dutch.pk: "dutch", french.pk: "french"}
    assert list(
        AgendaItem.objects.filter(pk__in=[dutch.pk, french.pk])
        .filter(search_vector=search_query("fietspad"))
        .values_list("pk", flat=True)
    ) == [dutch.pk]


def test_date_and_topic_filters(published: Any, municipality: Municipality) -> None:
    public = decisions_public(municipality=municipality)
    day = published.planned_start.date()

    def titles(params: dict[str, str]) -> list[str]:
        return [i.title for i in decisions_matching(public, search=decision_filter_from(params))]

    assert titles({"from": str(day), "to": str(day)}) == ["Budget for the new playground"]
    assert titles({"from": str(day + dt.timedelta(days=1))}) == []
    assert titles({"topic": "general"}) == ["Budget for the new playground"]
    assert titles({"topic": "finance"}) == []
    assert titles({"topic": "not-a-topic", "from": "not-a-date"}) == [
        "Budget for the new playground"
    ]


def test_the_search_page_works_without_javascript_and_answers_htmx_with_the_results(
    client: Client, published: Any, municipality: Municipality
) -> None:
    item = AgendaItem.objects.get(meeting=published, is_public=True)
    url = f"/{municipality.slug}/bestuur/besluiten/"

    page = client.get(url, {"q": "playground"})
    fragment = client.get(url, {"q": "playground"}, headers={"HX-Request": "true"})
    permanent = client.get(f"{url}{item.pk}/")

    assert page.status_code == 200
    assert "<form" in page.content.decode()
    assert f'href="{url}{item.pk}/"' in page.content.decode()
    assert fragment.status_code == 200
    assert "<form" not in fragment.content.decode()
    assert f'href="{url}{item.pk}/"' in fragment.content.decode()
    assert permanent.status_code == 200
    assert "The council approves the budget." not in permanent.content.decode()
    assert "Decided on Budget for the new playground." in permanent.content.decode()


def test_an_unpublished_decision_and_another_municipalitys_answer_404(
    client: Client,
    secretary_actor: Actor,
    council: Council,
    municipality: Municipality,
    other_municipality: Municipality,
    published: Any,
) -> None:
    held = meeting_make(secretary_actor, council, status=MeetingStatus.DECISIONS_RECORDED)
    unpublished = AgendaItem.objects.get(meeting=held, is_public=True)
    public = AgendaItem.objects.get(meeting=published, is_public=True)

    assert (
        client.get(f"/{municipality.slug}/bestuur/besluiten/{unpublished.pk}/").status_code == 404
    )
    assert (
        client.get(f"/{other_municipality.slug}/bestuur/besluiten/{public.pk}/").status_code == 404
    )


def test_the_meeting_page_shows_the_live_stream_and_the_recording(
    client: Client, secretary_actor: Actor, council: Council, municipality: Municipality
) -> None:
    upcoming = meeting_make(secretary_actor, council, status=MeetingStatus.AGENDA_PUBLISHED)
    council.body.livestream_url = "https://stream.example/raad"
    council.body.save(update_fields=["livestream_url"])
    url = f"/{municipality.slug}/bestuur/zittingen/{upcoming.pk}/"

    before = client.get(url).content.decode()
    meeting_links_set(
        actor=secretary_actor,
        meeting_id=upcoming.pk,
        livestream_url="https://stream.example/zitting-9",
        recording_url="https://video.example/zitting-9",
    )
    after = client.get(url).content.decode()
    jsonld = client.get(f"{url}agenda.jsonld").content.decode()

    assert 'href="https://stream.example/raad"' in before
    assert 'href="https://stream.example/zitting-9"' in after
    assert 'href="https://video.example/zitting-9"' in after
    assert "video.example" not in jsonld
