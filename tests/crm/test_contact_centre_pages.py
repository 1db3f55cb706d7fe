"""The contact centre's back-office pages and API: the queue (50 rows, htmx partial, a
constant number of queries), one question with its history and articles, the actions
without JavaScript, another municipality's question answering 404 with nothing written."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from loket.accounts.services import api_client_create
from loket.audit.models import AccessLogEntry
from loket.crm.contact_centre.knowledge import ArticleInput, knowledge_article_save
from loket.crm.contact_centre.services import contact_question_answer, contact_question_take
from loket.crm.models import (
    ContactMoment,
    ContactQuestion,
    ContactQuestionAnswerEmail,
    ContactQuestionEvent,
)
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from tests.crm.contact_centre_helpers import Region, hours_ago, question_make, region_build
from tests.factories import regional_staff_member, staff_member

QUEUE = "/backoffice/contactcenter/"


@pytest.fixture
def region(db: None) -> Region:
    return region_build()


def _client(user: Any) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


def _queue_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(queries)


def test_the_queue_costs_the_same_queries_for_3_or_40_rows(region: Region) -> None:
    client = _client(region.clerk_user)
    for index in range(3):
        question_make(region, person_id=region.sofie.pk, department_id=region.population.pk,
                      due_at=hours_ago(index))  # fmt: skip
    contact_question_take(actor=region.clerk, question_id=ContactQuestion.objects.first().pk)  # type: ignore[union-attr]
    _queue_queries(client)  # the first request of a session reads a little more
    few = _queue_queries(client)
    for index in range(37):
        question_make(region, department_id=region.mobility.pk, due_at=hours_ago(-index))
    assert _queue_queries(client) == few


def test_the_queue_shows_50_rows_soonest_due_first_and_htmx_gets_the_list_only(
    region: Region,
) -> None:
    for index in range(52):
        question_make(region, question=f"Vraag nummer {index:02d}", due_at=hours_ago(-index))
    client = _client(region.clerk_user)

    page = client.get(QUEUE).content.decode()
    assert page.count("Vraag nummer") == 50
    assert page.index("Vraag nummer 00") < page.index("Vraag nummer 01")
    assert "Vraag nummer 51" not in page
    assert "52 open vragen" in page  # the staff member speaks Dutch

    partial = client.get(QUEUE, {"page": "2"}, headers={"HX-Request": "true",
                                                         "HX-Target": "queue-results"})  # fmt: skip
    body = partial.content.decode()
    assert "<html" not in body
    assert "Vraag nummer 51" in body
    assert "HX-Request" in partial["Vary"]


def test_the_queue_of_a_clerk_leaves_out_other_municipalities(region: Region) -> None:
    question_make(region, question="Vraag uit Kortrijk")
    question_make(region, actor=region.agent, question="Vraag uit Menen",
                  municipality_id=region.menen.pk)  # fmt: skip
    assert "Vraag uit Menen" not in _client(region.clerk_user).get(QUEUE).content.decode()
    regional = _client(region.agent_user).get(QUEUE).content.decode()
    assert "Vraag uit Menen" in regional
    assert "Vraag uit Kortrijk" in regional


def test_a_question_is_taken_down_answered_and_transferred_without_javascript(
    region: Region,
) -> None:
    client = _client(region.clerk_user)
    response = client.post(
        "/backoffice/contactcenter/nieuw/",
        {"kind": "callback", "channel": "phone", "question": "Is mijn paspoort klaar?",
         "language": "nl", "person": str(region.sofie.pk), "reply_phone": "0470 12 34 56"},
    )  # fmt: skip
    question = ContactQuestion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/backoffice/contactcenter/{question.pk}/"
    assert (question.kind, question.person_id) == ("callback", region.sofie.pk)

    knowledge_article_save(
        actor=region.agent,
        data=ArticleInput(title="Paspoort afhalen", body="Een paspoort is na 5 dagen klaar."),
    )
    detail = client.get(f"/backoffice/contactcenter/{question.pk}/").content.decode()
    assert "Paspoort afhalen" in detail  # an article matching its words
    assert "Is mijn paspoort klaar?" in detail

    # The question is about Sofie: opening it is in her access log.
    logged = AccessLogEntry.objects.get(person=region.sofie)
    assert (logged.what, logged.purpose, logged.user_id) == (
        "contact-centre question",
        "case_handling",
        region.clerk_user.pk,
    )
    assert client.post(f"/backoffice/contactcenter/{question.pk}/nemen/").status_code == 302
    refused = client.post(f"/backoffice/contactcenter/{question.pk}/antwoorden/", {"answer": ""})
    assert refused.status_code == 400
    assert ContactMoment.objects.count() == 0
    moved = client.post(
        f"/backoffice/contactcenter/{question.pk}/doorsturen/",
        {"municipality": str(region.menen.pk), "reason": "Woont eigenlijk in Menen."},
    )
    assert moved.status_code == 302
    assert moved["Location"] == QUEUE
    assert client.get(f"/backoffice/contactcenter/{question.pk}/").status_code == 404
    menen = _client(region.agent_user).get(f"/backoffice/contactcenter/{question.pk}/")
    assert "Woont eigenlijk in Menen." in menen.content.decode()


def test_another_municipalitys_question_is_404_and_nothing_is_written(region: Region) -> None:
    question = question_make(region)
    before = ContactQuestionEvent.objects.count()
    client = _client(staff_member(region.menen, Role.CLERK))
    missing = 987_654_321
    for suffix, body in (
        ("", {}),
        ("nemen/", {}),
        ("antwoorden/", {"answer": "Ja."}),
        ("sluiten/", {"reason": "Weg."}),
        ("doorsturen/", {"reason": "Weg.", "municipality": str(region.menen.pk)}),
    ):
        for question_id in (question.pk, missing):
            url = f"/backoffice/contactcenter/{question_id}/{suffix}"
            response = client.post(url, body) if suffix else client.get(url)
            assert response.status_code == 404, url
    assert ContactQuestionEvent.objects.count() == before
    question.refresh_from_db()
    assert (question.status, question.municipality_id) == ("open", region.kortrijk.pk)


def test_staff_without_the_permission_get_403(region: Region) -> None:
    client = _client(staff_member(region.kortrijk, Role.PRIVACY_OFFICER))
    assert client.get(QUEUE).status_code == 403
    assert client.get("/backoffice/kennisbank/").status_code == 403


def _api(region: Region) -> Client:
    _, token = api_client_create(
        name="Telephony", region=region.kortrijk.region, municipality=region.kortrijk
    )
    return Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})


def test_the_api_lists_reads_creates_and_transfers(region: Region) -> None:
    api = _api(region)
    created = api.post(
        "/api/v1/contact-questions",
        json.dumps({"question": "Mag ik een kippenhok bouwen?", "person_id": region.sofie.pk}),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["channel"], body["person_id"]) == (
        "open",
        "phone",
        region.sofie.pk,
    )
    assert [event["kind"] for event in body["history"]] == ["created"]

    listed = api.get("/api/v1/contact-questions", {"view": "unassigned"}).json()
    assert [row["id"] for row in listed["items"]] == [body["id"]]

    refused = api.post(
        f"/api/v1/contact-questions/{body['id']}/transfer",
        json.dumps({"municipality_nis_code": region.elsewhere.nis_code, "reason": "Elders"}),
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert list(refused.json()["error"]["fields"]) == ["municipality_nis_code"]
    moved = api.post(
        f"/api/v1/contact-questions/{body['id']}/transfer",
        json.dumps({"department_id": region.mobility.pk, "reason": "Bouwen"}),
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert moved.json()["department_id"] == region.mobility.pk
    assert moved.json()["history"][-1]["kind"] == "transferred"
    away = api.post(
        f"/api/v1/contact-questions/{body['id']}/transfer",
        json.dumps({"municipality_nis_code": region.menen.nis_code, "reason": "Menen"}),
        content_type="application/json",
    )
    assert away.status_code == 404  # no longer the caller's to see
    assert api.get(f"/api/v1/contact-questions/{body['id']}").status_code == 404


def _post(api: Client, url: str, body: dict[str, Any]) -> Any:
    return api.post(url, json.dumps(body), content_type="application/json")


def test_the_api_answers_and_closes_a_question(region: Region) -> None:
    api = _api(region)
    question = question_make(region, person_id=region.sofie.pk, product_code="")
    url = f"/api/v1/contact-questions/{question.pk}"

    empty = _post(api, f"{url}/answer", {"answer": "  "})
    assert empty.status_code == 422
    assert list(empty.json()["error"]["fields"]) == ["answer"]
    answered = _post(api, f"{url}/answer", {"answer": "Op maandag, aan de straatkant."})
    assert answered.status_code == 200, answered.content
    assert (answered.json()["status"], answered.json()["answer"]) == (
        "answered",
        "Op maandag, aan de straatkant.",
    )
    assert ContactMoment.objects.filter(person=region.sofie, outcome="answered").count() == 1
    again = _post(api, f"{url}/answer", {"answer": "Nog eens"})
    assert again.status_code == 422

    closed = _post(api, f"{url}/close", {})
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert [event["to_status"] for event in closed.json()["history"]][-2:] == [
        "answered",
        "closed",
    ]


def test_the_api_closes_an_open_question_only_with_a_reason(region: Region) -> None:
    api = _api(region)
    question = question_make(region)
    url = f"/api/v1/contact-questions/{question.pk}/close"

    refused = _post(api, url, {"reason": ""})
    assert refused.status_code == 422
    assert list(refused.json()["error"]["fields"]) == ["reason"]
    closed = _post(api, url, {"reason": "Dubbel"})
    assert closed.status_code == 200
    assert closed.json()["history"][-1]["note"] == "Dubbel"


def test_the_api_answer_and_close_of_another_municipality_are_404_and_write_nothing(
    region: Region,
) -> None:
    api = _api(region)
    menen = question_make(region, actor=region.menen_clerk)
    before = ContactQuestionEvent.objects.count()

    for action, body in (("answer", {"answer": "Ja"}), ("close", {"reason": "Dubbel"})):
        response = _post(api, f"/api/v1/contact-questions/{menen.pk}/{action}", body)
        assert response.status_code == 404
    assert ContactQuestionEvent.objects.count() == before
    assert not ContactMoment.objects.exists()
    menen.refresh_from_db()
    assert menen.status == "open"


def test_the_api_knowledge_search(region: Region) -> None:
    knowledge_article_save(
        actor=region.agent,
        data=ArticleInput(
            title="Grofvuil ophalen", body="Het grofvuil wordt opgehaald op afspraak."
        ),
    )
    knowledge_article_save(
        actor=actor_for_user(regional_staff_member(region.elsewhere.region, Role.CONTACT_CENTRE)),
        data=ArticleInput(title="Grofvuil elders", body="Grofvuil in een andere regio."),
    )
    found = _api(region).get("/api/v1/knowledge-articles", {"q": "grofvuil"}).json()
    assert [row["title"] for row in found] == ["Grofvuil ophalen"]
    assert found[0]["municipality_nis_code"] is None


def test_the_api_queue_costs_the_same_queries_for_2_or_20_rows(region: Region) -> None:
    api = _api(region)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get("/api/v1/contact-questions")
        assert response.status_code == 200
        return len(captured)

    for _index in range(2):
        question_make(region, person_id=region.sofie.pk, product_code="")
    queries()
    few = queries()
    for _index in range(18):
        question_make(region, department_id=region.mobility.pk)
    assert queries() == few


def test_the_answer_sent_by_email_is_listed_with_its_delivery_status(region: Region) -> None:

    question = question_make(region, reply_email="bezoeker@example.org")
    contact_question_answer(actor=region.clerk, question_id=question.pk, answer="Maandag.")
    page = _client(region.clerk_user).get(f"{QUEUE}{question.pk}/")
    html = page.content.decode()
    assert "Antwoorden per e-mail verstuurd" in html  # the staff member speaks Dutch
    assert "In de wachtrij" in html

    email = ContactQuestionAnswerEmail.objects.get()
    ContactQuestionAnswerEmail.objects.filter(pk=email.pk).update(status="failed", attempts=3)
    failed = _client(region.clerk_user).get(f"{QUEUE}{question.pk}/").content.decode()
    assert "Mislukt" in failed
    assert "3 pogingen" in failed

    read = _api(region).get(f"/api/v1/contact-questions/{question.pk}").json()
    assert read["answer_emails"] == [
        {
            "email": "bezoeker@example.org",
            "status": "failed",
            "attempts": 3,
            "created_at": read["answer_emails"][0]["created_at"],
            "sent_at": None,
        }
    ]


def test_a_question_without_an_email_answer_lists_none(region: Region) -> None:
    question = question_make(region)
    html = _client(region.clerk_user).get(f"{QUEUE}{question.pk}/").content.decode()
    assert "Antwoorden per e-mail verstuurd" not in html
    read = _api(region).get(f"/api/v1/contact-questions/{question.pk}").json()
    assert read["answer_emails"] == []
