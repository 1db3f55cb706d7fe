"""Conversation: when two answers are close the assistant asks which one is meant, and
the reply picks one."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from loket.assistant.models import Conversation
from loket.assistant.services import assistant_ask
from loket.assistant.teaching import faq_entry_save
from loket.assistant.workflow import Outcome
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import staff_member


@pytest.fixture
def two_close_entries(municipality: Municipality) -> None:
    actor = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    for place, answer in (
        ("het station", "Aan het station is een fietsenstalling."),
        ("de sporthal", "Aan de sporthal is een fietsenstalling."),
    ):
        faq_entry_save(
            actor=actor,
            region_id=municipality.region_id,
            municipality=municipality,
            answers={"nl": answer, "fr": "", "en": ""},
            phrasings={"nl": f"fietsenstalling aan {place}"},
        )


@pytest.mark.usefixtures("knowledge", "two_close_entries")
def test_close_answers_lead_to_a_clarifying_question_and_the_reply_picks_one(
    municipality: Municipality,
) -> None:
    question = assistant_ask(
        question="waar is er een fietsenstalling",
        municipality=municipality,
        session_key="conv-0001",
    )

    assert question.outcome is Outcome.CLARIFIED
    assert question.handover is False
    assert question.product_code is None
    assert sorted(question.options) == [
        "fietsenstalling aan de sporthal",
        "fietsenstalling aan het station",
    ]
    assert question.answer.startswith("Bedoelt u ")
    assert Conversation.objects.get(key="conv-0001").is_awaiting_choice is True

    second = question.options[1]
    reply = assistant_ask(question="de tweede", session_key="conv-0001")

    assert reply.outcome is Outcome.ANSWERED
    assert (
        reply.answer == f"Aan {second.removeprefix('fietsenstalling aan ')} is een fietsenstalling."
    )
    assert Conversation.objects.get(key="conv-0001").is_awaiting_choice is False


@pytest.mark.usefixtures("knowledge", "two_close_entries")
def test_the_page_offers_the_two_options_as_links(
    client: Client, municipality: Municipality
) -> None:
    response = client.post(
        "/assistent/",
        {"question": "waar is er een fietsenstalling", "municipality": municipality.slug},
    )

    html = response.content.decode()
    links = re.findall(r'<a href="(/assistent/\?choice=[^"]+)">([^<]+)</a>', html)
    assert sorted(name for _url, name in links) == [
        "fietsenstalling aan de sporthal",
        "fietsenstalling aan het station",
    ]
    url = next(url for url, name in links if name == "fietsenstalling aan het station")
    picked = client.get(url.replace("&amp;", "&"))
    assert "Aan het station is een fietsenstalling." in picked.content.decode()
