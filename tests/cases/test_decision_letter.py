"""The decision letter of a case: the clerk reads it before deciding (the preview writes
nothing), the signed letter says the same, repeats the case's key answers and names who
decided with their function; the API decides without a preview."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.accounts.models import User
from loket.audit.models import AccessLogEntry
from loket.cases.letters import case_letter_facts
from loket.cases.models import Case, CaseEvent
from loket.cases.services import case_submit
from loket.cases.workflow import CaseStatus
from loket.catalog.models import Product
from loket.catalog.selectors import form_spec
from loket.decisions.models import DecisionTemplate
from loket.decisions.services import decision_template_save
from loket.documents.models import Document
from loket.documents.selectors import document_content_open
from loket.notify.models import Notification
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import parking_request
from tests.catalog.helpers import catalog_product
from tests.decisions.helpers import pdf_text
from tests.factories import regional_staff_member, staff_member

pytestmark = pytest.mark.django_db

START = dt.date(2026, 12, 14)


@pytest.fixture
def decider(signing: Municipality) -> User:
    return staff_member(
        signing,
        Role.CLERK,
        first_name="Els",
        last_name="Claeys",
        job_title_nl="Deskundige mobiliteit",
        job_title_fr="Experte en mobilité",
    )


@pytest.fixture
def parking_case(
    parking_card: Product, signing: Municipality, resident: Person, resident_actor: Actor
) -> Case:
    """A paid parking card request for 1-ABC-123, in treatment."""
    resident.preferred_language = "nl"
    resident.save(update_fields=["preferred_language"])
    case = parking_request(
        actor=resident_actor,
        municipality=signing,
        applicant=resident,
        start_date=timezone.localdate().isoformat(),
    )
    # The start date lies in the past by the time the case is decided: set it directly.
    answers = {**case.answers, "start_date": START.isoformat()}
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.IN_TREATMENT, paid_at=timezone.now(), answers=answers
    )
    case.refresh_from_db()
    return case


def _written(case: Case) -> tuple[int, int, int, int, str]:
    """What a decision writes: history, the letter, notifications, jobs, and the status."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM procrastinate_jobs")
        (jobs,) = cursor.fetchone()
    return (
        CaseEvent.objects.filter(case=case).count(),
        Document.objects.filter(owner_type="case", owner_id=case.pk, kind="decision").count(),
        Notification.objects.count(),
        jobs,
        Case.objects.get(pk=case.pk).status,
    )


def _letter_text(case: Case) -> str:
    document = Document.objects.get(owner_type="case", owner_id=case.pk, kind="decision")
    with document_content_open(document=document) as stream:
        return pdf_text(stream.read())


def test_approving_shows_the_letter_first_and_writes_nothing(
    client: Client, parking_case: Case, decider: User
) -> None:
    client.force_login(decider)
    before = _written(parking_case)
    logged = AccessLogEntry.objects.count()

    response = client.post(
        reverse("cases:status-change", args=[parking_case.pk]),
        {"to_status": "approved", "reason": "U woont in de blauwe zone."},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="letter-preview"' in page
    assert "Beslissing over uw aanvraag: Bewonerskaart (parkeren)" in page
    assert "<dt>Nummerplaat</dt><dd>1-ABC-123</dd>" in page
    assert "<dt>Vanaf wanneer?</dt><dd>14 december 2026</dd>" in page
    assert "<dt>Geldigheid</dt><dd>van 14 december 2026 tot en met 13 december 2027</dd>" in page
    assert "Els Claeys<br>Deskundige mobiliteit" in page
    assert "U woont in de blauwe zone." in page
    assert 'name="confirm" value="1"' in page
    parking_case.refresh_from_db()
    assert parking_case.status == CaseStatus.IN_TREATMENT
    assert parking_case.decided_at is None
    assert _written(parking_case) == before
    assert AccessLogEntry.objects.count() == logged


def test_confirming_signs_the_letter_the_preview_showed(
    client: Client, parking_case: Case, decider: User
) -> None:
    client.force_login(decider)
    url = reverse("cases:status-change", args=[parking_case.pk])
    data = {"to_status": "approved", "reason": "U woont in de blauwe zone."}
    client.post(url, data)

    response = client.post(url, {**data, "confirm": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[parking_case.pk])
    parking_case.refresh_from_db()
    assert parking_case.status == CaseStatus.APPROVED
    text = _letter_text(parking_case)
    assert "Waarover deze beslissing gaat" in text
    assert "Nummerplaat 1-ABC-123" in text
    assert "Vanaf wanneer? 14 december 2026" in text
    assert "Geldigheid van 14 december 2026 tot en met 13 december 2027" in text
    assert "Beslist door Els Claeys Deskundige mobiliteit" in text
    assert "U woont in de blauwe zone." in text


def test_a_signatory_without_a_function_signs_on_behalf_of_the_municipality(
    client: Client, parking_case: Case, signing: Municipality
) -> None:
    client.force_login(staff_member(signing, Role.CLERK, first_name="Jan", last_name="Peeters"))
    url = reverse("cases:status-change", args=[parking_case.pk])

    page = client.post(url, {"to_status": "approved"}).content.decode()
    client.post(url, {"to_status": "approved", "confirm": "1"})

    assert "Jan Peeters<br>namens het gemeentebestuur" in page
    assert "Beslist door Jan Peeters namens het gemeentebestuur" in _letter_text(parking_case)


def test_a_preview_of_a_move_that_is_refused_reports_it_and_writes_nothing(
    client: Client, parking_case: Case, decider: User
) -> None:
    client.force_login(decider)
    before = _written(parking_case)

    response = client.post(
        reverse("cases:status-change", args=[parking_case.pk]),
        {"to_status": "rejected", "reason": "  "},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("cases:detail", args=[parking_case.pk]), 302)]
    assert "Geef de reden; de inwoner zal ze lezen." in response.content.decode()
    parking_case.refresh_from_db()
    assert parking_case.status == CaseStatus.IN_TREATMENT
    assert _written(parking_case) == before


def test_a_move_that_decides_nothing_needs_no_preview(
    client: Client, parking_case: Case, decider: User
) -> None:
    client.force_login(decider)
    Case.objects.filter(pk=parking_case.pk).update(status=CaseStatus.SUBMITTED)

    response = client.post(
        reverse("cases:status-change", args=[parking_case.pk]), {"to_status": "in_treatment"}
    )

    assert response.status_code == 302
    parking_case.refresh_from_db()
    assert parking_case.status == CaseStatus.IN_TREATMENT


def test_another_municipality_s_clerk_gets_no_preview(
    client: Client, parking_case: Case, other_municipality: Municipality
) -> None:
    client.force_login(staff_member(other_municipality, Role.DEPARTMENT_HEAD))
    before = _written(parking_case)

    response = client.post(
        reverse("cases:status-change", args=[parking_case.pk]), {"to_status": "approved"}
    )

    assert response.status_code == 404
    assert "1-ABC-123" not in response.content.decode()
    assert _written(parking_case) == before


def test_the_api_decides_without_a_preview(parking_case: Case, decider: User) -> None:
    api = Client()
    api.force_login(decider)

    response = api.post(
        f"/api/v1/cases/{parking_case.pk}/transitions",
        {"to_status": "approved"},
        content_type="application/json",
    )

    assert (response.status_code, response.json()["status"]) == (200, "approved")
    assert "Nummerplaat 1-ABC-123" in _letter_text(parking_case)


def test_without_declared_fields_the_letter_lists_the_answers_marked_as_key(
    signing: Municipality, resident: Person, resident_actor: Actor
) -> None:
    catalog_product("public-domain-occupation")
    case = case_submit(
        actor=resident_actor,
        municipality=signing,
        product_code="public-domain-occupation",
        applicant=resident,
        answers={
            "purpose": "container",
            "location": {
                "street": "Doorniksestraat",
                "number": "112",
                "postal_code": "8500",
                "municipality": "Kortrijk",
            },
            "length_m": "6",
            "parking_ban": "yes",
            "start_date": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
            "end_date": (timezone.localdate() + dt.timedelta(days=22)).isoformat(),
            "declaration": "on",
        },
        idempotency_key=str(uuid.uuid4()),
    ).case
    form = form_spec(case.form_definition)
    marked = [spec.key for spec in form.fields if spec.in_letter]

    rows, values = case_letter_facts(case=case, language="en", fields=None)

    assert marked == ["purpose", "location", "start_date", "end_date"]
    assert [label for label, _value in rows] == [
        form.field_get(key).label_in("en")  # type: ignore[union-attr]
        for key in marked
    ]
    assert rows[1][1] == "Doorniksestraat 112, 8500 Kortrijk"
    assert values["length_m"] == "6.0"


def test_a_region_s_template_declares_which_answers_the_letter_repeats(
    client: Client, parking_case: Case, decider: User, signing: Municipality
) -> None:
    head = actor_for_user(regional_staff_member(signing.region, Role.REGIONAL_ADMIN))
    decision_template_save(
        actor=head,
        region=signing.region,
        product_code="resident-parking-card",
        outcome="approved",
        texts={"body_nl": "Uw kaart voor {{ licence_plate }} geldt tot {{ valid_until }}."},
        answer_keys=["ownership", "licence_plate"],
    )
    client.force_login(decider)

    page = client.post(
        reverse("cases:status-change", args=[parking_case.pk]), {"to_status": "approved"}
    ).content.decode()

    assert (
        "<dt>Van wie is het voertuig?</dt><dd>Van mij of een gezinslid</dd>"
        "</div><div><dt>Nummerplaat</dt><dd>1-ABC-123</dd>"
        "</div><div><dt>Geldigheid</dt>"
    ) in page
    assert "Vanaf wanneer?" not in page
    assert "Uw kaart voor 1-ABC-123 geldt tot 13 december 2027." in page


def test_a_template_names_answers_by_their_keys(signing: Municipality) -> None:
    head = actor_for_user(regional_staff_member(signing.region, Role.REGIONAL_ADMIN))

    with pytest.raises(ValidationError) as caught:
        decision_template_save(
            actor=head,
            region=signing.region,
            product_code="resident-parking-card",
            outcome="approved",
            texts={},
            answer_keys=["licence_plate", "Licence plate"],
        )

    assert list(caught.value.message_dict) == ["answer_keys"]
    assert DecisionTemplate.objects.count() == 0


def test_a_french_speaking_resident_s_letter_says_it_in_french(
    client: Client, parking_case: Case, decider: User
) -> None:
    Person.objects.filter(pk=parking_case.applicant_id).update(preferred_language="fr")
    client.force_login(decider)

    page = client.post(
        reverse("cases:status-change", args=[parking_case.pk]), {"to_status": "approved"}
    ).content.decode()

    assert 'lang="fr"' in page
    assert "<dt>Plaque d&#x27;immatriculation</dt><dd>1-ABC-123</dd>" in page
    assert "<dt>Validité</dt><dd>du 14 décembre 2026 au 13 décembre 2027 inclus</dd>" in page
    assert "Els Claeys<br>Experte en mobilité" in page
    assert "Deskundige mobiliteit" not in page
    # French puts a no-break space before a colon.
    assert f"Notre référence\u00a0: {parking_case.number}<br>Date\u00a0: " in page
    assert "Objet\u00a0: " in page


def test_the_function_of_a_staff_member_is_edited_in_the_admin(client: Client) -> None:
    admin = User.objects.create_superuser("root", "root@example.test", "correct-horse-battery")
    clerk = staff_member(first_name="An", last_name="Maes")
    client.force_login(admin)
    url = reverse("admin:accounts_user_change", args=[clerk.pk])
    form = client.get(url).context["adminform"].form

    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "username": clerk.username,
            "job_title_nl": "Diensthoofd burgerzaken",
            "job_title_fr": "Cheffe du service population",
            "job_title_en": "Head of civil affairs",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
            "preferred_language": "nl",
        }
    )
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("last_login", None)
    data.pop("date_joined", None)
    data.pop("password", None)
    response = client.post(url, data)

    assert response.status_code == 302
    clerk.refresh_from_db()
    assert (clerk.job_title_nl, clerk.job_title_fr, clerk.job_title_en) == (
        "Diensthoofd burgerzaken",
        "Cheffe du service population",
        "Head of civil affairs",
    )


def test_a_letter_without_a_function_in_its_language_falls_back_to_the_official_one(
    signing: Municipality,
) -> None:
    """No English function: the English letter names the one in the municipality's
    official language rather than none; no function at all: nothing."""
    clerk = staff_member(signing, Role.CLERK, job_title_fr="Experte", job_title_nl="Deskundige")
    assert signing.languages == ["nl"]
    assert clerk.job_title_in("en", signing.languages) == "Deskundige"
    assert clerk.job_title_in("fr", signing.languages) == "Experte"
    clerk.job_title_nl = ""
    assert clerk.job_title_in("en", signing.languages) == "Experte"
    clerk.job_title_fr = ""
    assert clerk.job_title_in("en", signing.languages) == ""
