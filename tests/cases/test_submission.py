from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from loket.cases.attachments import Upload
from loket.cases.models import Case, CaseChannel, CaseEvent, CaseEventKind
from loket.cases.services import IdempotencyConflict, case_submit
from loket.cases.workflow import CaseStatus
from loket.catalog.models import MunicipalityProduct, Product
from loket.documents.models import Document
from loket.notify.models import Notification
from loket.payments.models import PaymentRequest
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.conftest import png_bytes
from tests.cases.helpers import CERTIFICATE_ANSWERS, certificate_request, parking_request
from tests.catalog.helpers import catalog_product
from tests.documents.files import docx_bytes
from tests.factories import PersonFactory, staff_member


def test_resident_submits_online(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    case = certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
    year = timezone.localdate().year
    assert case.number == f"{municipality.slug.upper()}-{year}-000001"
    assert case.status == CaseStatus.SUBMITTED
    assert case.channel == CaseChannel.PORTAL
    assert case.submitted_by_user is None
    assert case.due_date == timezone.localdate()  # 0 processing days: on the spot
    assert case.fee_cents == 0
    assert case.payment_request is None
    assert case.answers == {
        "with_history": False,
        "language": "nl",
        "copies": 1,
        "purpose": "For my employer",
        "declaration": True,
    }
    assert case.register_snapshot["national_number"] == resident.national_number
    assert case.register_snapshot["source"] == "Resident register of the municipality"
    assert case.register_snapshot["address"].startswith("Kerkstraat 1, 8500")
    events = list(case.events.all())
    assert [(e.kind, e.to_status, e.actor_person_id) for e in events] == [
        (CaseEventKind.SUBMITTED, CaseStatus.SUBMITTED, resident.pk)
    ]
    notification = Notification.objects.get(person=resident)
    assert notification.event == "case.submitted"
    assert notification.context["case_number"] == case.number


def test_a_retried_submission_returns_the_first_case(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    key = str(uuid.uuid4())
    first = case_submit(
        actor=resident_actor,
        municipality=municipality,
        product_code="residence-certificate",
        applicant=resident,
        answers=CERTIFICATE_ANSWERS,
        idempotency_key=key,
    )
    again = case_submit(
        actor=resident_actor,
        municipality=municipality,
        product_code="residence-certificate",
        applicant=resident,
        answers=CERTIFICATE_ANSWERS,
        idempotency_key=key,
    )
    assert first.created is True
    assert again.created is False
    assert again.case.pk == first.case.pk
    assert Case.objects.count() == 1
    assert CaseEvent.objects.count() == 1
    assert Notification.objects.count() == 1


def test_the_same_key_for_another_request_is_refused(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    key = str(uuid.uuid4())
    certificate_request(
        actor=resident_actor, municipality=municipality, applicant=resident, key=key
    )
    with pytest.raises(IdempotencyConflict):
        certificate_request(
            actor=resident_actor,
            municipality=municipality,
            applicant=resident,
            key=key,
            answers={**CERTIFICATE_ANSWERS, "copies": "2"},
        )
    assert Case.objects.count() == 1


def test_the_database_refuses_a_second_case_with_the_same_key(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    case = certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
    duplicate = Case.objects.get(pk=case.pk)
    duplicate.pk = None
    duplicate.number = "OTHER-1"
    duplicate.sequence = 99
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save(force_insert=True)


def test_the_same_key_of_two_submitters_makes_two_cases(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    neighbour = PersonFactory(municipality=municipality)
    certificate_request(
        actor=resident_actor, municipality=municipality, applicant=resident, key="k1"
    )
    certificate_request(
        actor=actor_for_resident(neighbour.pk),
        municipality=municipality,
        applicant=neighbour,
        key="k1",
    )
    assert Case.objects.count() == 2


def test_numbers_are_gap_free_per_municipality_and_a_refused_request_takes_none(
    residence_certificate: Product,
    municipality: Municipality,
    other_municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    first = certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
    with pytest.raises(ValidationError):
        certificate_request(
            actor=resident_actor,
            municipality=municipality,
            applicant=resident,
            answers={**CERTIFICATE_ANSWERS, "copies": "0"},
        )
    second = certificate_request(
        actor=resident_actor, municipality=municipality, applicant=resident
    )
    elsewhere = certificate_request(
        actor=resident_actor, municipality=other_municipality, applicant=resident
    )
    assert (first.sequence, second.sequence, elsewhere.sequence) == (1, 2, 1)
    assert second.number.endswith("-000002")
    assert elsewhere.number.startswith(other_municipality.slug.upper())


def test_invalid_answers_are_refused_per_field_and_nothing_is_stored(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    with pytest.raises(ValidationError) as caught:
        certificate_request(
            actor=resident_actor,
            municipality=municipality,
            applicant=resident,
            answers={"with_history": "maybe", "copies": "11"},
        )
    assert set(caught.value.message_dict) == {"with_history", "language", "copies", "declaration"}
    assert Case.objects.count() == 0
    assert Notification.objects.count() == 0


def test_a_resident_cannot_submit_for_someone_else(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    neighbour = PersonFactory(municipality=municipality)
    # Neither a minor child nor a mandator: answered like a person who does not exist.
    with pytest.raises(Http404):
        certificate_request(actor=resident_actor, municipality=municipality, applicant=neighbour)
    assert Case.objects.count() == 0


def test_a_clerk_submits_at_the_counter_for_a_resident(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    clerk: object,
    clerk_actor: Actor,
) -> None:
    case = certificate_request(
        actor=clerk_actor,
        municipality=municipality,
        applicant=resident,
        channel=CaseChannel.COUNTER,
    )
    assert case.channel == CaseChannel.COUNTER
    assert case.submitted_by_user == clerk
    event = case.events.get()
    assert event.actor_user == clerk
    assert event.data["channel"] == "counter"
    assert event.data["assisted_by"] == clerk.get_full_name()  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", [Role.HANDLER, Role.PRIVACY_OFFICER, Role.DISPATCHER])
def test_staff_without_submit_on_behalf_cannot_submit(
    residence_certificate: Product, municipality: Municipality, resident: Person, role: Role
) -> None:
    actor = actor_for_user(staff_member(municipality, role))
    with pytest.raises(PermissionDenied):
        certificate_request(
            actor=actor, municipality=municipality, applicant=resident, channel=CaseChannel.PHONE
        )
    assert Case.objects.count() == 0


def test_a_clerk_of_another_municipality_cannot_submit_here(
    residence_certificate: Product,
    municipality: Municipality,
    other_municipality: Municipality,
    resident: Person,
) -> None:
    actor = actor_for_user(staff_member(other_municipality, Role.CLERK))
    with pytest.raises(PermissionDenied):
        certificate_request(
            actor=actor, municipality=municipality, applicant=resident, channel=CaseChannel.COUNTER
        )
    assert Case.objects.count() == 0


def test_a_fee_creates_a_payment_request_and_the_payment_unlocks_the_case(
    parking_card: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
    clerk_actor: Actor,
) -> None:
    from loket.payments.services import payment_manual_record

    start = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    case = parking_request(
        actor=resident_actor, municipality=municipality, applicant=resident, start_date=start
    )
    assert case.fee_cents == 1000
    request = PaymentRequest.objects.get(subject_type="case", subject_id=str(case.pk))
    assert case.payment_request == request
    assert request.amount_cents == 1000
    assert request.payer_person == resident
    assert case.paid_at is None
    payment_manual_record(
        actor=clerk_actor,
        payment_request=request,
        amount_cents=1000,
        booked_on=timezone.localdate(),
        note="Paid by card at the counter",
    )
    case.refresh_from_db()
    assert case.paid_at is not None
    assert list(case.events.values_list("kind", flat=True)) == [
        CaseEventKind.SUBMITTED,
        CaseEventKind.PAYMENT_REQUESTED,
        CaseEventKind.PAYMENT_RECEIVED,
    ]


def test_uploaded_files_become_documents_of_the_case(
    parking_card: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    start = timezone.localdate().isoformat()
    case = parking_request(
        actor=resident_actor, municipality=municipality, applicant=resident, start_date=start
    )
    document = Document.objects.get()
    assert (document.owner_type, document.owner_id) == ("case", case.pk)
    assert document.concerns_person == resident
    assert case.answers["registration_certificate"] == [
        {"document_id": document.pk, "name": "certificate.png"}
    ]


def test_a_file_refused_by_its_content_is_an_error_on_its_field(
    parking_card: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    with pytest.raises(ValidationError) as caught:
        case_submit(
            actor=resident_actor,
            municipality=municipality,
            product_code="resident-parking-card",
            applicant=resident,
            answers={
                "licence_plate": "1-ABC-123",
                "ownership": "own",
                "start_date": timezone.localdate().isoformat(),
                "declaration": "on",
            },
            idempotency_key="x",
            uploads=[Upload("registration_certificate", "certificate.png", b"MZ not an image")],
        )
    assert list(caught.value.message_dict) == ["registration_certificate"]
    assert Case.objects.count() == 0
    assert Document.objects.count() == 0


def test_every_error_of_a_request_comes_back_at_once(
    parking_card: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    """Field errors, a file the field does not take and a missing required file: one
    submission names them all."""
    docx = Upload("registration_certificate", "certificate.docx", docx_bytes())
    with pytest.raises(ValidationError) as caught:
        case_submit(
            actor=resident_actor,
            municipality=municipality,
            product_code="resident-parking-card",
            applicant=resident,
            answers={
                "licence_plate": "abc!",
                "ownership": "company",
                "start_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            },
            idempotency_key="x",
            uploads=[docx],
            language="en",
        )
    assert caught.value.message_dict == {
        "licence_plate": ["Give the plate as on the registration certificate, e.g. 1-ABC-123."],
        "registration_certificate": [
            "certificate.docx: This type of file is not accepted. Accepted files: PDF, JPEG or PNG."
        ],
        "employer_statement": ["This field is required."],
        "start_date": ["The date must be today or later."],
        "declaration": ["You must agree to continue."],
    }
    assert Case.objects.count() == 0
    assert Document.objects.count() == 0


def test_a_required_file_is_asked(
    parking_card: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    with pytest.raises(ValidationError) as caught:
        case_submit(
            actor=resident_actor,
            municipality=municipality,
            product_code="resident-parking-card",
            applicant=resident,
            answers={
                "licence_plate": "1-ABC-123",
                "ownership": "company",
                "start_date": timezone.localdate().isoformat(),
                "declaration": "on",
            },
            idempotency_key="x",
            uploads=[Upload("registration_certificate", "c.png", png_bytes())],
        )
    assert list(caught.value.message_dict) == ["employer_statement"]


def test_a_product_switched_off_cannot_be_requested(
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    MunicipalityProduct.objects.create(
        municipality=municipality, product=residence_certificate, is_enabled=False
    )
    with pytest.raises(ValidationError, match="does not offer"):
        certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)


def test_a_counter_only_product_cannot_be_requested_online(
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
    clerk_actor: Actor,
) -> None:
    catalog_product("eid-card")
    answers = {"reason": "expired", "urgent": "no", "declaration": "on"}
    with pytest.raises(ValidationError, match="cannot be requested online"):
        case_submit(
            actor=resident_actor,
            municipality=municipality,
            product_code="eid-card",
            applicant=resident,
            answers=answers,
            idempotency_key="k",
        )
    case = case_submit(
        actor=clerk_actor,
        municipality=municipality,
        product_code="eid-card",
        applicant=resident,
        answers=answers,
        idempotency_key="k",
        channel=CaseChannel.COUNTER,
    ).case
    assert case.fee_cents == 2500


def test_due_date_in_working_days_when_the_municipality_chose_so(
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    product = catalog_product("civil-status-extract")  # 2 days
    MunicipalityProduct.objects.create(
        municipality=municipality, product=product, counts_working_days=True, processing_days=10
    )
    case = case_submit(
        actor=resident_actor,
        municipality=municipality,
        product_code="civil-status-extract",
        applicant=resident,
        answers={
            "document_type": "birth",
            "concerns": "me",
            "multilingual": "no",
            "copies": "1",
            "declaration": "on",
        },
        idempotency_key="k",
    ).case
    from loket.cases.calendar import due_date_compute

    assert case.counts_working_days is True
    assert case.due_date == due_date_compute(start=timezone.localdate(), days=10, working_days=True)


def test_the_fee_and_the_files_of_a_request_read_in_each_reader_s_language(
    parking_card: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    case = parking_request(
        actor=resident_actor,
        municipality=municipality,
        applicant=resident,
        start_date=timezone.localdate().isoformat(),
    )
    payment = PaymentRequest.objects.get()
    assert case.language == "nl"
    assert payment.description == f"{case.number} {parking_card.name_nl}"
    assert payment.description_in("fr") == f"{case.number} {parking_card.name_fr}"
    assert payment.description_in("en") == f"{case.number} {parking_card.name_en}"
    document = Document.objects.get(owner_type="case", owner_id=case.pk)
    assert document.title == f"{case.number} - Inschrijvingsbewijs van het voertuig"
    assert document.title_in("fr") == f"{case.number} - Certificat d'immatriculation"
    assert document.title_in("en") == f"{case.number} - Vehicle registration certificate"
