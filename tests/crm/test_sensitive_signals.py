"""Sensitive proactive signals: repeated unpaid fees suggest debt mediation, only about a
resident who consented (on their page, or recorded by a clerk at the counter), and only
to the social services of the municipality owed. Nobody else gets it or any trace of it:
not the 360° view (nor its count of items), the uptake page, the suggestion's page, the
timeline API or the resident's own page. Withdrawing the consent hides it at once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from loket.audit.models import AccessLogEntry
from loket.catalog.loading import catalog_load
from loket.crm.models import Suggestion, SuggestionRule
from loket.crm.proactive import suggestions_refresh
from loket.crm.selectors import suggestions_visible_to
from loket.identity.services import SESSION_KEY
from loket.payments.services import payment_request_create
from loket.people.models import Consent, ConsentPurpose, Person
from loket.people.timeline import resident_timeline
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission, Role
from tests.factories import PersonFactory, UserFactory, regional_staff_member, staff_member

pytestmark = pytest.mark.django_db
LABEL = "Several payments overdue"


@pytest.fixture(autouse=True)
def _catalogue(db: None) -> None:
    catalog_load()


def _today() -> dt.date:
    return timezone.localdate()


def _resident(municipality: Municipality, consent: bool | None = True) -> Person:
    person: Person = PersonFactory(municipality=municipality, birth_date=dt.date(1975, 3, 2))
    if consent is not None:
        Consent.objects.create(
            person=person, purpose=ConsentPurpose.SOCIAL_SIGNALS, granted=consent
        )
    return person


def _owes(person: Person, municipality: Municipality, *days_overdue: int) -> list[int]:
    # The region's administrator: a resident may owe a neighbouring municipality too.
    actor = actor_for_user(regional_staff_member(municipality.region, Role.REGIONAL_ADMIN))
    return [
        payment_request_create(
            actor=actor,
            municipality=municipality,
            payer=person,
            subject_type="case",
            subject_id=f"{person.pk}-{days}",
            description="Afvalbelasting",
            amount_cents=12_000,
            due_date=_today() - dt.timedelta(days=days),
        ).pk
        for days in days_overdue
    ]


def _staff(municipality: Municipality, role: Role) -> Client:
    client = Client()
    client.force_login(staff_member(municipality, role, preferred_language="en"))
    return client


def _resident_client(person: Person) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    session = client.session
    session[SESSION_KEY] = person.pk
    session.save()
    return client


def _sensitive() -> list[Suggestion]:
    return list(Suggestion.objects.filter(rule=SuggestionRule.UNPAID_FEES))


def test_two_overdue_payments_of_a_consenting_resident_make_one_sensitive_suggestion(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    behind = _resident(municipality)
    first, _second = _owes(behind, municipality, 40, 5)
    one_only = _resident(municipality)
    _owes(one_only, municipality, 40)
    not_yet_due = _resident(municipality)
    _owes(not_yet_due, municipality, 3, -10)  # one overdue, one due in ten days
    # One overdue here and one there: two municipalities' data are not put together.
    split = _resident(municipality)
    _owes(split, municipality, 20)
    _owes(split, other_municipality, 20)

    made = suggestions_refresh(today=_today())
    again = suggestions_refresh(today=_today())

    [suggestion] = _sensitive()
    assert suggestion.person == behind
    assert suggestion.municipality == municipality
    assert suggestion.product.code == "debt-mediation"
    assert suggestion.occasion == f"payment:{first}"
    assert suggestion.occasion_on == _today() - dt.timedelta(days=40)
    assert made.made["unpaid_fees"] == 1
    assert sum(again.made.values()) == 0


@pytest.mark.parametrize("consent", [None, False])
def test_without_consent_nothing_is_made(municipality: Municipality, consent: bool | None) -> None:
    person = _resident(municipality, consent=consent)
    _owes(person, municipality, 40, 30, 20)

    suggestions_refresh(today=_today())

    assert _sensitive() == []


def test_only_the_social_services_of_the_municipality_see_it(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    person = _resident(municipality)
    _owes(person, municipality, 40, 5)
    social = staff_member(municipality, Role.SOCIAL_WORKER, preferred_language="en")
    suggestions_refresh(today=_today())
    [suggestion] = _sensitive()
    page = f"/backoffice/suggesties/{suggestion.pk}/"
    social_client = Client()
    social_client.force_login(social)

    seen = resident_timeline(actor=actor_for_user(social), person=person, kinds=["suggestions"])
    detail = social_client.get(page)
    uptake = social_client.get("/backoffice/suggesties/")

    assert [entry.url for entry in seen] == [page]
    assert detail.status_code == 200
    assert "Only the social services" in detail.content.decode()
    assert person.full_name not in detail.content.decode()
    assert LABEL in uptake.content.decode()

    others = {
        "clerk": staff_member(municipality, Role.CLERK),
        "head": staff_member(municipality, Role.DEPARTMENT_HEAD),
        "admin": staff_member(municipality, Role.MUNICIPAL_ADMIN),
        "regional admin": regional_staff_member(municipality.region, Role.REGIONAL_ADMIN),
        "superuser": UserFactory(is_superuser=True),
        "social worker elsewhere": staff_member(other_municipality, Role.SOCIAL_WORKER),
    }
    for name, user in others.items():
        actor = actor_for_user(user)
        client = Client(headers={"Accept-Language": "en"})
        client.force_login(user)
        assert not suggestions_visible_to(actor=actor).filter(pk=suggestion.pk).exists(), name
        assert client.get(page).status_code == 404, name
        assert client.post(page, {"decision": "accept"}).status_code == 404, name
        assert LABEL not in client.get("/backoffice/suggesties/").content.decode(), name
    assert not actor_for_user(others["regional admin"]).has(Permission.CRM_VIEW_SENSITIVE)
    assert not actor_for_user(others["superuser"]).has(Permission.CRM_VIEW_SENSITIVE)

    # The resident themselves: not on their page, and not to be answered there.
    resident = _resident_client(person)
    assert "debt" not in resident.get("/mijn/").content.decode().lower()
    assert (
        resident.post(f"/mijn/suggesties/{suggestion.pk}/", {"decision": "dismiss"}).status_code
        == 404
    )
    assert not suggestions_visible_to(actor=actor_for_resident(person.pk)).exists()
    suggestion.refresh_from_db()
    assert suggestion.status == "open"


def _timeline_html(client: Client, person: Person) -> str:
    html = client.get(
        f"/backoffice/inwoners/{person.pk}/", {"purpose": "counter_visit"}
    ).content.decode()
    match = re.search(r'<table class="timeline">.*?</table>', html, re.S)
    return match.group(0) if match else ""


def test_other_staff_get_no_hint_in_the_360_view_nor_in_the_api(
    municipality: Municipality,
) -> None:
    person = _resident(municipality)
    _owes(person, municipality, 40, 5)
    clerk = _staff(municipality, Role.CLERK)
    api_page = f"/api/v1/residents/{person.pk}/timeline"
    before_page = _timeline_html(clerk, person)
    before_api = clerk.get(api_page, {"purpose": "counter_visit"}).json()

    suggestions_refresh(today=_today())
    assert len(_sensitive()) == 1

    assert "Afvalbelasting" in before_page  # the payments are in it
    assert _timeline_html(clerk, person) == before_page  # not one line more, same count
    assert clerk.get(api_page, {"purpose": "counter_visit"}).json() == before_api
    social = _staff(municipality, Role.SOCIAL_WORKER)
    social_api = social.get(api_page, {"purpose": "counter_visit"}).json()
    assert "suggestions" in [item["kind"] for item in social_api]
    assert "suggestions" not in [item["kind"] for item in before_api]
    # The one search box knows nothing of it either.
    search = clerk.get("/api/v1/search", {"q": person.national_number}).json()
    assert search["residents"]
    assert "suggesti" not in str(search).lower()
    assert "debt" not in str(search).lower()


def test_withdrawing_consent_on_my_page_hides_it_at_once_and_a_clerk_records_it_again(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    person = _resident(municipality)
    person.email = "resident@example.org"
    person.save()
    _owes(person, municipality, 40, 5)
    suggestions_refresh(today=_today())
    [suggestion] = _sensitive()
    social = actor_for_user(staff_member(municipality, Role.SOCIAL_WORKER))
    assert suggestions_visible_to(actor=social).filter(pk=suggestion.pk).exists()

    resident = _resident_client(person)
    form = resident.get("/mijn/").content.decode()
    assert 'name="consent_social_signals"' in form
    saved = resident.post(
        "/mijn/",
        {"preferred_language": "nl", "email": person.email, "phone": "", "channel_email": "1"},
    )

    assert saved.status_code == 302
    consent = Consent.objects.get(person=person, purpose=ConsentPurpose.SOCIAL_SIGNALS)
    assert (consent.granted, consent.recorded_by_user) == (False, None)
    assert not suggestions_visible_to(actor=social).exists()  # gone before any run
    suggestions_refresh(today=_today())
    assert not suggestions_visible_to(actor=social).exists()

    # At the counter the resident gives it again; the clerk is noted.
    clerk_user = staff_member(municipality, Role.CLERK, preferred_language="en")
    clerk = Client()
    clerk.force_login(clerk_user)
    page = f"/backoffice/inwoners/{person.pk}/toestemmingen/"
    asks_purpose = clerk.get(page)
    shown = clerk.get(page, {"purpose": "counter_visit"})
    recorded = clerk.post(
        f"{page}?purpose=counter_visit", {"consent": "social_signals", "answer": "given"}
    )

    assert "purpose" in asks_purpose.content.decode()
    assert shown.status_code == 200
    assert 'id="consent-social_signals"' in shown.content.decode()
    assert recorded.status_code == 302
    assert recorded["Location"] == f"{page}?purpose=counter_visit"
    consent.refresh_from_db()
    assert (consent.granted, consent.recorded_by_user) == (True, clerk_user)
    assert (
        clerk_user.get_full_name() in clerk.get(page, {"purpose": "counter_visit"}).content.decode()
    )
    assert AccessLogEntry.objects.filter(person=person, what="resident consents").exists()
    assert suggestions_visible_to(actor=social).filter(pk=suggestion.pk).exists()

    # And withdraws it at the counter: hidden again.
    clerk.post(
        f"{page}?purpose=counter_visit", {"consent": "social_signals", "answer": "withdrawn"}
    )
    assert not suggestions_visible_to(actor=social).exists()


def test_another_municipality_s_resident_s_consents_answer_404_and_nothing_is_written(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    person = _resident(municipality, consent=None)
    outsider = _staff(other_municipality, Role.CLERK)
    page = f"/backoffice/inwoners/{person.pk}/toestemmingen/"
    missing = "/backoffice/inwoners/987654321/toestemmingen/"

    answers = [
        outsider.get(page),
        outsider.get(page, {"purpose": "counter_visit"}),
        outsider.post(
            f"{page}?purpose=counter_visit", {"consent": "social_signals", "answer": "given"}
        ),
    ]
    unknown = outsider.post(
        f"{missing}?purpose=counter_visit", {"consent": "social_signals", "answer": "given"}
    )

    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert unknown.status_code == 404
    assert not Consent.objects.filter(person=person).exists()
    assert not AccessLogEntry.objects.filter(person=person).exists()
    # A handler (no people.edit) may not record consents at all.
    handler = _staff(municipality, Role.HANDLER)
    assert handler.get(page, {"purpose": "counter_visit"}).status_code == 403


def test_a_bad_answer_is_refused_and_nothing_is_written(municipality: Municipality) -> None:
    person = _resident(municipality, consent=None)
    clerk = _staff(municipality, Role.CLERK)
    page = f"/backoffice/inwoners/{person.pk}/toestemmingen/?purpose=counter_visit"

    unknown_purpose = clerk.post(page, {"consent": "everything", "answer": "given"})
    no_answer = clerk.post(page, {"consent": "social_signals", "answer": "maybe"})

    assert (unknown_purpose.status_code, no_answer.status_code) == (400, 400)
    assert not Consent.objects.filter(person=person).exists()
