"""The contract of POST /api/v1/assistant/ask."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from loket.assistant.models import AskedQuestion, Conversation
from loket.crm.models import ContactQuestion
from loket.tenancy.models import Department, Municipality

URL = "/api/v1/assistant/ask"
FIELDS = {
    "answer",
    "language",
    "product_code",
    "confidence",
    "alternatives",
    "actions",
    "handover",
}


def _ask(client: Client, **body: Any) -> Any:
    return client.post(URL, data=json.dumps(body), content_type="application/json")


@pytest.mark.usefixtures("knowledge")
def test_ask_answers_a_dutch_question_with_the_product_and_its_links(
    client: Client, municipality: Municipality
) -> None:
    response = _ask(
        client, question="mijn identiteitskaart is vervallen", municipality=municipality.slug
    )

    assert response.status_code == 200
    body = response.json()
    assert set(body) == FIELDS
    assert body["language"] == "nl"
    assert body["product_code"] == "eid-card"
    assert body["handover"] is False
    assert 0.5 <= body["confidence"] <= 1
    assert body["answer"].startswith("Identiteitskaart (eID): ")
    assert "eid-card" not in body["alternatives"]
    kinds = [action["kind"] for action in body["actions"]]
    assert kinds == ["book_appointment", "read_more"]
    assert body["actions"][-1]["url"] == f"/{municipality.slug}/producten/eid-card/"


@pytest.mark.usefixtures("knowledge")
def test_ask_answers_french_and_english_in_their_own_language(
    client: Client, municipality: Municipality
) -> None:
    french = _ask(
        client, question="combien coute une carte de riverain", municipality=municipality.slug
    ).json()
    english = _ask(
        client,
        question="how do I sign my son up for the sports camp",
        municipality=municipality.slug,
    ).json()

    assert (french["language"], french["product_code"]) == ("fr", "resident-parking-card")
    assert french["answer"].startswith("Carte de riverain (stationnement): ")
    assert [a["kind"] for a in french["actions"]] == ["start_request", "read_more"]
    assert french["actions"][0]["url"] == (
        f"/{municipality.slug}/producten/resident-parking-card/aanvragen/"
    )
    assert (english["language"], english["product_code"]) == ("en", "sports-camp-registration")
    assert english["answer"].startswith("Holiday sports camps: ")


@pytest.mark.usefixtures("knowledge")
def test_ask_respects_a_language_given_by_the_caller(
    client: Client, municipality: Municipality
) -> None:
    body = _ask(
        client, question="nieuw rijbewijs aanvragen", language="fr", municipality=municipality.slug
    ).json()

    assert body["language"] == "fr"
    assert body["product_code"] == "driving-licence"
    assert body["answer"].startswith("Permis de conduire: ")


@pytest.mark.usefixtures("knowledge")
def test_ask_hands_over_an_out_of_scope_question(
    client: Client, municipality: Municipality, contact_centre: Department
) -> None:
    body = _ask(
        client, question="wie heeft de match gewonnen gisteren", municipality=municipality.slug
    ).json()

    assert body["handover"] is True
    assert body["product_code"] is None
    assert body["alternatives"] == []
    assert body["confidence"] < 0.5
    assert [a["kind"] for a in body["actions"]] == ["contact", "contact"]
    assert body["actions"][0]["url"] == "mailto:contact@gemeente.example"
    assert ContactQuestion.objects.filter(municipality=municipality).count() == 1


@pytest.mark.usefixtures("knowledge")
def test_ask_remembers_the_municipality_for_the_session(
    client: Client, municipality: Municipality
) -> None:
    first = _ask(
        client,
        question="grofvuil laten ophalen",
        municipality=municipality.slug,
        session="abc-12345",
    )
    second = _ask(client, question="en een bewonerskaart?", session="abc-12345")

    assert first.json()["product_code"] == "bulky-waste-pickup"
    body = second.json()
    assert body["product_code"] == "resident-parking-card"
    assert body["actions"][-1]["url"] == f"/{municipality.slug}/producten/resident-parking-card/"
    conversation = Conversation.objects.get(key="abc-12345")
    assert conversation.municipality == municipality
    assert [turn["question"] for turn in conversation.turns] == [
        "grofvuil laten ophalen",
        "en een bewonerskaart?",
    ]
    assert AskedQuestion.objects.filter(conversation=conversation).count() == 2


@pytest.mark.usefixtures("knowledge")
def test_ask_without_municipality_answers_and_asks_for_the_municipality(client: Client) -> None:
    body = _ask(client, question="paspoort aanvragen").json()

    assert body["product_code"] == "passport"
    assert body["handover"] is False
    assert [a["kind"] for a in body["actions"]] == ["start_request"]
    assert body["actions"][0]["url"] == "/assistent/?product=passport#assistant-municipality"


@pytest.mark.usefixtures("knowledge")
def test_ask_refuses_an_unknown_municipality_in_the_error_format(client: Client) -> None:
    response = _ask(client, question="paspoort", municipality="nergenshuizen")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert list(response.json()["error"]["fields"]) == ["municipality"]
    assert AskedQuestion.objects.count() == 0


@pytest.mark.usefixtures("knowledge")
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"question": ""}, "question"),
        ({"question": "x" * 501}, "question"),
        ({"question": "paspoort", "language": "de"}, "language"),
        ({"question": "paspoort", "session": "kort"}, "session"),
    ],
)
def test_ask_validates_its_input(client: Client, body: dict[str, Any], field: str) -> None:
    response = _ask(client, **body)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert field in response.json()["error"]["fields"]
    assert AskedQuestion.objects.count() == 0
