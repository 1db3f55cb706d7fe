"""Learning: staff turn a question into a new phrasing in one action, and the assistant
answers such questions from then on."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from loket.assistant.models import AskedQuestion, FaqEntry, FaqPhrasing, ProductPhrasing
from loket.assistant.services import assistant_ask
from loket.assistant.teaching import faq_entry_save, question_learn
from loket.assistant.workflow import Outcome, ReviewStatus
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import staff_member

QUESTION = "mag ik kippen houden achter mijn huis"
LATER = "mogen wij kippen houden"


@pytest.mark.usefixtures("knowledge")
def test_learning_a_question_changes_a_later_answer(
    client: Client, municipality: Municipality
) -> None:
    before = assistant_ask(question=LATER, municipality=municipality)
    assert before.product_code is None
    first = assistant_ask(question=QUESTION, municipality=municipality)
    asked = AskedQuestion.objects.get(pk=first.asked_question_id)
    head = staff_member(municipality, Role.DEPARTMENT_HEAD)
    client.force_login(head)

    review = client.get("/backoffice/assistent/")
    assert review.status_code == 200
    assert QUESTION in review.content.decode()
    response = client.post(
        f"/backoffice/assistent/vragen/{asked.pk}/leren/",
        {f"q{asked.pk}-target": "product:environment-permit", f"q{asked.pk}-text": ""},
    )

    assert response.status_code == 302
    phrasing = ProductPhrasing.objects.get(text=QUESTION)
    assert (phrasing.product_code, phrasing.language, phrasing.created_by) == (
        "environment-permit",
        "nl",
        head,
    )
    asked.refresh_from_db()
    assert asked.review_status == ReviewStatus.LEARNED
    after = assistant_ask(question=LATER, municipality=municipality)
    assert after.handover is False
    assert after.product_code == "environment-permit"
    assert QUESTION not in client.get("/backoffice/assistent/").content.decode()


@pytest.mark.usefixtures("knowledge")
def test_learning_into_an_faq_entry_answers_with_its_text(municipality: Municipality) -> None:
    head = staff_member(municipality, Role.DEPARTMENT_HEAD)
    actor = actor_for_user(head)
    entry = faq_entry_save(
        actor=actor,
        region_id=municipality.region_id,
        municipality=municipality,
        answers={"nl": "Het gemeentehuis is open van 9 tot 12 uur.", "fr": "", "en": ""},
        phrasings={"nl": "wanneer is het gemeentehuis open\nopeningsuren stadhuis"},
    )
    reply = assistant_ask(
        question="wat zijn de openingsuren van het gemeentehuis", municipality=municipality
    )
    assert reply.answer == "Het gemeentehuis is open van 9 tot 12 uur."
    assert reply.product_code is None

    unknown = assistant_ask(
        question="tot hoe laat kan ik binnen op zaterdag", municipality=municipality
    )
    asked = AskedQuestion.objects.get(pk=unknown.asked_question_id)
    question_learn(actor=actor, asked_question=asked, target=f"faq:{entry.pk}")

    assert FaqPhrasing.objects.filter(
        entry=entry, text="tot hoe laat kan ik binnen op zaterdag"
    ).exists()
    later = assistant_ask(question="tot hoe laat binnen op zaterdag", municipality=municipality)
    assert later.answer == "Het gemeentehuis is open van 9 tot 12 uur."


@pytest.mark.usefixtures("knowledge")
def test_an_faq_entry_of_one_municipality_never_answers_in_another(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    faq_entry_save(
        actor=actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN)),
        region_id=municipality.region_id,
        municipality=municipality,
        answers={"nl": "Onze markt is op dinsdag.", "fr": "", "en": ""},
        phrasings={"nl": "wanneer is de wekelijkse markt"},
    )

    here = assistant_ask(question="wanneer is de wekelijkse markt", municipality=municipality)
    there = assistant_ask(
        question="wanneer is de wekelijkse markt", municipality=other_municipality
    )

    assert here.answer == "Onze markt is op dinsdag."
    assert there.answer != "Onze markt is op dinsdag."


@pytest.mark.usefixtures("knowledge")
def test_a_clerk_may_read_the_questions_but_not_teach(
    client: Client, municipality: Municipality
) -> None:
    reply = assistant_ask(question=QUESTION, municipality=municipality)
    asked = AskedQuestion.objects.get(pk=reply.asked_question_id)
    client.force_login(staff_member(municipality, Role.CLERK))

    page = client.get("/backoffice/assistent/")
    response = client.post(
        f"/backoffice/assistent/vragen/{asked.pk}/leren/",
        {f"q{asked.pk}-target": "product:environment-permit"},
    )

    assert page.status_code == 200
    assert QUESTION in page.content.decode()
    assert response.status_code == 403
    assert ProductPhrasing.objects.filter(text=QUESTION).count() == 0
    asked.refresh_from_db()
    assert asked.review_status == ReviewStatus.NEW


@pytest.mark.usefixtures("knowledge")
def test_questions_of_another_municipality_stay_hidden(
    client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    reply = assistant_ask(question=QUESTION, municipality=municipality)
    client.force_login(staff_member(other_municipality, Role.DEPARTMENT_HEAD))

    page = client.get("/backoffice/assistent/")
    response = client.post(
        f"/backoffice/assistent/vragen/{reply.asked_question_id}/leren/",
        {f"q{reply.asked_question_id}-target": "product:environment-permit"},
    )

    assert QUESTION not in page.content.decode()
    assert response.status_code == 404
    assert ProductPhrasing.objects.filter(text=QUESTION).count() == 0


@pytest.mark.usefixtures("knowledge")
def test_faq_entries_are_edited_in_the_back_office(
    client: Client, municipality: Municipality
) -> None:
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    response = client.post(
        "/backoffice/assistent/faq/nieuw/",
        {
            "municipality": municipality.pk,
            "product_code": "",
            "phrasings_nl": "waar kan ik parkeren bij het gemeentehuis",
            "phrasings_fr": "où me garer près de la maison communale",
            "answer_nl": "Achter het gemeentehuis is een gratis parking.",
            "answer_fr": "Un parking gratuit se trouve derrière la maison communale.",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    entry = FaqEntry.objects.get()
    assert entry.municipality == municipality
    assert sorted(entry.phrasings.values_list("language", flat=True)) == ["fr", "nl"]
    reply = assistant_ask(
        question="où se garer près de la maison communale", municipality=municipality
    )
    assert reply.outcome is Outcome.ANSWERED
    assert reply.answer == "Un parking gratuit se trouve derrière la maison communale."
    assert client.get("/backoffice/assistent/faq/").status_code == 200
    assert client.get(f"/backoffice/assistent/faq/{entry.pk}/").status_code == 200


@pytest.mark.usefixtures("knowledge")
def test_a_clerk_cannot_edit_the_faq(client: Client, municipality: Municipality) -> None:
    client.force_login(staff_member(municipality, Role.CLERK))

    response = client.post(
        "/backoffice/assistent/faq/nieuw/",
        {"municipality": municipality.pk, "phrasings_nl": "vraag", "answer_nl": "antwoord"},
    )

    assert response.status_code == 403
    assert FaqEntry.objects.count() == 0


@pytest.mark.usefixtures("knowledge")
def test_the_review_page_costs_the_same_queries_for_more_questions(
    client: Client, municipality: Municipality, django_assert_max_num_queries: Any
) -> None:
    client.force_login(staff_member(municipality, Role.DEPARTMENT_HEAD))
    assistant_ask(question=QUESTION, municipality=municipality)
    client.get("/backoffice/assistent/")  # warm the session and the permission caches
    with CaptureQueriesContext(connection) as one:
        client.get("/backoffice/assistent/")
    for number in range(5):
        assistant_ask(question=f"{QUESTION} {number}", municipality=municipality)

    with django_assert_max_num_queries(len(one)):
        response = client.get("/backoffice/assistent/")

    assert response.content.decode().count('class="card" id="question-') == 6
