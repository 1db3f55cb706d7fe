"""The middle outcome: when unsure between a few products the assistant offers two or three
as choices (API, widget, page without JavaScript); a pick answers with that product and
"none of these" hands the question over with the conversation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

import loket.assistant.engine as engine_module
from loket.assistant.calibration import Calibration, Logistic
from loket.assistant.models import AskedQuestion, Conversation
from loket.assistant.services import assistant_ask
from loket.assistant.workflow import Outcome
from loket.crm.models import ContactQuestion
from loket.tenancy.models import Department, Municipality

URL = "/api/v1/assistant/ask"
QUESTION = "identiteitskaart"
# Never sure enough to answer, always sure enough to offer: every question gets choices.
ALWAYS_CHOICES = Calibration(
    answer=Logistic({}, -10.0),
    choice=Logistic({}, 10.0),
    answer_threshold=0.9,
    choice_threshold=0.5,
)


@pytest.fixture
def always_choices(monkeypatch: pytest.MonkeyPatch, knowledge: None) -> None:
    monkeypatch.setattr(engine_module, "calibration_current", lambda variant: ALWAYS_CHOICES)


def _ask(client: Client, **body: Any) -> Any:
    return client.post(URL, data=json.dumps(body), content_type="application/json")


@pytest.mark.usefixtures("always_choices")
def test_the_api_offers_the_likely_products_as_choices(
    client: Client, municipality: Municipality
) -> None:
    body = _ask(
        client, question=QUESTION, municipality=municipality.slug, session="choices-0001"
    ).json()

    assert body["handover"] is False
    assert body["product_code"] is None
    assert body["alternatives"][0] == "eid-card"
    assert 2 <= len(body["alternatives"]) <= 3
    assert body["answer"].startswith("Bedoelt u Identiteitskaart (eID)")
    assert body["actions"] == []
    conversation = Conversation.objects.get(key="choices-0001")
    assert conversation.is_awaiting_choice is True
    assert conversation.candidates == [f"product:{code}" for code in body["alternatives"]]
    assert ContactQuestion.objects.count() == 0


@pytest.mark.usefixtures("always_choices")
def test_picking_a_choice_answers_with_that_product(
    client: Client, municipality: Municipality
) -> None:
    offered = _ask(
        client, question=QUESTION, municipality=municipality.slug, session="choices-0002"
    ).json()["alternatives"]

    picked = _ask(client, session="choices-0002", choice=offered[1]).json()

    assert picked["handover"] is False
    assert picked["product_code"] == offered[1]
    assert picked["actions"][-1]["url"] == f"/{municipality.slug}/producten/{offered[1]}/"
    assert Conversation.objects.get(key="choices-0002").is_awaiting_choice is False
    logged = AskedQuestion.objects.get(product_code=offered[1])
    assert (logged.question, logged.outcome) == (QUESTION, Outcome.ANSWERED)


@pytest.mark.usefixtures("always_choices")
def test_none_of_these_hands_the_question_over_with_the_transcript(
    client: Client, municipality: Municipality, contact_centre: Department
) -> None:
    _ask(client, question=QUESTION, municipality=municipality.slug, session="choices-0003")

    reply = _ask(client, session="choices-0003", choice="none").json()

    assert reply["handover"] is True
    assert reply["product_code"] is None
    contact = ContactQuestion.objects.get()
    assert contact.question == QUESTION
    assert contact.municipality == municipality
    assert contact.department == contact_centre
    assert [turn["question"] for turn in contact.transcript] == [QUESTION, "Geen van deze"]
    assert contact.transcript[0]["answer"].startswith("Bedoelt u ")


@pytest.mark.usefixtures("always_choices")
def test_a_choice_that_was_not_offered_is_refused_and_changes_nothing(
    client: Client, municipality: Municipality
) -> None:
    _ask(client, question=QUESTION, municipality=municipality.slug, session="choices-0004")
    asked = AskedQuestion.objects.count()

    response = _ask(client, session="choices-0004", choice="building-permit")
    without_session = _ask(client, choice="eid-card")

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "choice": ["Kies een van de voorgestelde antwoorden."]
    }
    assert without_session.status_code == 422
    assert AskedQuestion.objects.count() == asked
    assert Conversation.objects.get(key="choices-0004").is_awaiting_choice is True


@pytest.mark.usefixtures("always_choices")
def test_a_typed_reply_picks_the_third_choice(municipality: Municipality) -> None:
    offered = assistant_ask(question=QUESTION, municipality=municipality, session_key="typed-0001")
    assert len(offered.choices) == 3

    reply = assistant_ask(question="de derde", session_key="typed-0001")

    assert reply.outcome is Outcome.ANSWERED
    assert reply.product_code == offered.choices[2].removeprefix("product:")


@pytest.mark.usefixtures("always_choices")
def test_the_widget_offers_buttons_and_a_button_picks(
    client: Client, municipality: Municipality
) -> None:
    response = client.post(
        "/assistent/",
        {"question": QUESTION, "municipality": municipality.slug},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<button type="submit" name="choice" value="product:eid-card"' in html
    assert '<button type="submit" name="choice" value="none"' in html
    assert 'hx-post="/assistent/"' in html
    picked = client.post(
        "/assistent/",
        {"choice": "product:eid-card", "municipality": municipality.slug},
        headers={"HX-Request": "true"},
    )
    assert picked.status_code == 200
    assert "Identiteitskaart (eID): " in picked.content.decode()


@pytest.mark.usefixtures("always_choices")
def test_the_page_without_javascript_offers_links_and_a_link_picks(
    client: Client, municipality: Municipality, contact_centre: Department
) -> None:
    response = client.post("/assistent/", {"question": QUESTION, "municipality": municipality.slug})

    html = response.content.decode()
    link = f'href="/assistent/?choice=product%3Aeid-card&amp;municipality={municipality.slug}"'
    assert link in html
    assert 'name="choice" value="none"' in html
    picked = client.get(f"/assistent/?choice=product%3Aeid-card&municipality={municipality.slug}")
    assert picked.status_code == 200
    assert "Identiteitskaart (eID): " in picked.content.decode()
    assert Conversation.objects.get().is_awaiting_choice is False


@pytest.mark.usefixtures("always_choices")
def test_none_of_these_on_the_page_passes_the_question_on(
    client: Client, municipality: Municipality, contact_centre: Department
) -> None:
    client.post("/assistent/", {"question": QUESTION, "municipality": municipality.slug})

    response = client.post("/assistent/", {"choice": "none", "municipality": municipality.slug})

    assert response.status_code == 200
    assert "contactcenter" in response.content.decode().lower()
    assert ContactQuestion.objects.get().question == QUESTION
