"""Useful answers without a municipality: the general answer with a request started after
choosing the municipality in one step, and the municipality guessed from a place name in
the question."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.assistant.services import assistant_ask, municipality_named_in
from loket.identity.services import SESSION_KEY
from loket.tenancy.models import Municipality
from tests.factories import PersonFactory


@pytest.mark.usefixtures("knowledge")
def test_without_a_municipality_the_answer_offers_to_start_after_choosing_one() -> None:
    reply = assistant_ask(question="mijn identiteitskaart is vervallen")

    assert reply.product_code == "eid-card"
    assert reply.answer.startswith("Identiteitskaart (eID): ")
    assert [(a.kind, a.url) for a in reply.actions] == [
        ("start_request", "/assistent/?product=eid-card#assistant-municipality")
    ]


@pytest.mark.usefixtures("knowledge")
def test_choosing_the_municipality_leads_straight_to_the_product(
    client: Client, municipality: Municipality
) -> None:
    page = client.get("/assistent/?product=eid-card")
    response = client.get(f"/assistent/?product=eid-card&municipality={municipality.slug}")

    assert 'name="product" value="eid-card"' in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == f"/{municipality.slug}/producten/eid-card/"


@pytest.mark.usefixtures("knowledge")
def test_a_place_name_in_the_question_gives_the_municipality(municipality: Municipality) -> None:
    question = f"mijn identiteitskaart is vervallen, ik woon in {municipality.name_nl}"

    reply = assistant_ask(question=question)

    assert municipality_named_in(question) == municipality
    assert municipality_named_in("mijn identiteitskaart is vervallen") is None
    assert reply.product_code == "eid-card"
    assert reply.actions[-1].url == f"/{municipality.slug}/producten/eid-card/"


@pytest.mark.usefixtures("knowledge")
def test_the_signed_in_resident_s_municipality_is_used(municipality: Municipality) -> None:
    person = PersonFactory(municipality=municipality)
    client = Client()
    session = client.session
    session[SESSION_KEY] = person.pk
    session.save()

    response = client.post("/assistent/", {"question": "mijn identiteitskaart is vervallen"})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/{municipality.slug}/producten/eid-card/"' in html
    assert f"Gemeente: {municipality.name}" in html
