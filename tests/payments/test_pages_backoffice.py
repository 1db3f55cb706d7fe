"""Back-office pages of payments."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loket.audit.models import AccessLogEntry
from loket.payments.models import (
    BankStatementLine,
    LineStatus,
    MunicipalityPaymentSettings,
    PaymentMovement,
    PaymentRequest,
)
from loket.payments.workflow import PaymentStatus
from loket.tenancy.permissions import Role
from tests.factories import staff_member
from tests.payments.conftest import FILES, person, request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan(municipality):
    return person(municipality, "Jan", "Peeters", preferred_language="en")


@pytest.fixture
def fee(municipality, payment_settings, manager_actor, jan):
    return request_for(manager_actor, municipality, jan, 2500, description="Bewonerskaart")


def test_staff_page_shows_the_ledger_and_history_and_logs_access(client, fee, manager):
    client.force_login(manager)
    response = client.post(
        reverse("payments:backoffice-manual", args=[fee.pk]),
        {"amount": "10,00", "booked_on": "2026-03-02", "note": "bancontact aan het loket"},
    )
    assert response.status_code == 302
    page = client.get(reverse("payments:backoffice-detail", args=[fee.pk])).content.decode()
    assert "bancontact aan het loket" in page
    assert 'data-status="partially_paid"' in page
    assert AccessLogEntry.objects.filter(person=fee.payer_person, user=manager).exists()


def test_staff_record_refund_and_cancel_through_forms(
    client, municipality, manager, manager_actor, jan, payment_settings
):
    client.force_login(manager)
    paid = request_for(manager_actor, municipality, jan, 2500)
    client.post(
        reverse("payments:backoffice-manual", args=[paid.pk]),
        {"amount": "25", "booked_on": "2026-03-02", "note": "cash"},
    )
    bad = client.post(
        reverse("payments:backoffice-refund", args=[paid.pk]), {"amount": "30", "note": "x"}
    )
    assert bad.status_code == 422
    assert "more than what was paid" in bad.content.decode()
    client.post(
        reverse("payments:backoffice-refund", args=[paid.pk]), {"amount": "25", "note": "dubbel"}
    )
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.REFUNDED
    unpaid = request_for(manager_actor, municipality, jan, 100)
    client.post(reverse("payments:backoffice-cancel", args=[unpaid.pk]), {"reason": "fout"})
    unpaid.refresh_from_db()
    assert unpaid.status == PaymentStatus.CANCELLED


def test_another_municipalitys_request_answers_404_to_staff(client, fee, other_municipality):
    outsider = staff_member(other_municipality, Role.MUNICIPAL_ADMIN)
    client.force_login(outsider)
    assert client.get(reverse("payments:backoffice-detail", args=[fee.pk])).status_code == 404
    response = client.post(
        reverse("payments:backoffice-manual", args=[fee.pk]),
        {"amount": "25", "booked_on": "2026-03-02", "note": "x"},
    )
    assert response.status_code == 404
    assert (
        client.post(
            reverse("payments:backoffice-cancel", args=[fee.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    assert "Bewonerskaart" not in client.get(reverse("payments:backoffice-list")).content.decode()
    fee.refresh_from_db()
    assert (fee.status, fee.movements.count()) == (PaymentStatus.OPEN, 0)


def test_staff_without_the_permission_are_refused_and_nothing_happens(client, fee, municipality):
    handler = staff_member(municipality, Role.HANDLER)  # payments.view only
    client.force_login(handler)
    assert client.get(reverse("payments:backoffice-detail", args=[fee.pk])).status_code == 200
    response = client.post(
        reverse("payments:backoffice-manual", args=[fee.pk]),
        {"amount": "25", "booked_on": "2026-03-02", "note": "x"},
    )
    assert response.status_code == 403
    upload = client.post(
        reverse("payments:statements"),
        {"statement": SimpleUploadedFile("s.cod", (FILES / "coda_2_6.cod").read_bytes())},
    )
    assert upload.status_code == 403
    assert client.get(reverse("payments:reconciliation")).status_code == 403
    assert PaymentMovement.objects.count() == 0
    assert BankStatementLine.objects.count() == 0
    client.logout()
    assert client.get(reverse("payments:backoffice-list")).status_code == 302


def test_upload_a_statement_and_reconcile_from_the_queue(
    client, four_requests, manager, manager_actor, municipality
):
    client.force_login(manager)
    response = client.post(
        reverse("payments:statements"),
        {"statement": SimpleUploadedFile("uittreksel.cod", (FILES / "coda_2_6.cod").read_bytes())},
        follow=True,
    )
    page = response.content.decode()
    assert "6 credits imported: 4 matched, 2 to check." in page
    assert BankStatementLine.objects.count() == 6
    again = client.post(
        reverse("payments:statements"),
        {"statement": SimpleUploadedFile("uittreksel.cod", (FILES / "coda_2_6.cod").read_bytes())},
        follow=True,
    )
    assert BankStatementLine.objects.count() == 6
    assert "This statement was imported before; nothing changed." in again.content.decode()
    queue = client.get(reverse("payments:reconciliation")).content.decode()
    assert "lidgeld sportclub 2026" in queue
    line = BankStatementLine.objects.get(amount_cents=1234)
    club = request_for(
        manager_actor, municipality, person(municipality, "Tom", "Wouters"), 1234, subject_id="x"
    )
    from loket.payments.structured_communication import StructuredCommunication

    formatted = StructuredCommunication(club.structured_communication).formatted
    wrong = client.post(
        reverse("payments:reconciliation-line", args=[line.pk]),
        {"action": "assign", "structured_communication": "+++123/4000/00149+++"},
    )
    assert wrong.status_code == 422
    done = client.post(
        reverse("payments:reconciliation-line", args=[line.pk]),
        {"action": "assign", "structured_communication": formatted, "note": "belde op"},
    )
    assert done.status_code == 302
    line.refresh_from_db()
    club.refresh_from_db()
    assert (line.status, club.status) == (LineStatus.RECONCILED, PaymentStatus.PAID)
    assert client.get(reverse("payments:reconciliation-line", args=[line.pk])).status_code == 404


def test_a_file_that_is_no_statement_is_explained(client, manager, payment_settings):
    client.force_login(manager)
    response = client.post(
        reverse("payments:statements"),
        {"statement": SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff")},
    )
    assert response.status_code == 422
    assert "cannot be read as a bank statement" in response.content.decode()


def test_csv_export_for_accounting(
    client, manager, manager_actor, four_requests, other_municipality
):
    from loket.payments.reconciliation import statement_import

    statement_import(
        actor=manager_actor, content=(FILES / "coda_2_6.cod").read_bytes(), file_name="x"
    )
    elsewhere_admin = staff_member(other_municipality, Role.MUNICIPAL_ADMIN)
    client.force_login(manager)
    municipality = four_requests["jan"].municipality
    response = client.get(
        reverse("payments:export"),
        {"municipality": municipality.pk, "date_from": "2026-03-01", "date_until": "2026-03-31"},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["booked_on", "municipality_nis_code", "payment_request"]
    amounts = sorted(row[9] for row in rows[1:])
    assert amounts == ["17.50", "20.00", "25.00", "30.00"]
    assert rows[1][0] == "2026-03-02"
    assert rows[1][3].startswith("+++123/4000/")
    client.force_login(elsewhere_admin)
    refused = client.get(
        reverse("payments:export"),
        {"municipality": municipality.pk, "date_from": "2026-03-01", "date_until": "2026-03-31"},
    )
    assert refused.status_code == 200  # the form again: that municipality is not a choice
    assert "text/csv" not in refused["Content-Type"]


def test_payment_settings_are_validated_and_saved(client, manager, municipality):
    client.force_login(manager)
    url = reverse("payments:backoffice-settings", args=[municipality.pk])
    assert client.get(url).status_code == 200
    wrong = client.post(
        url,
        {
            "beneficiary_name": "Gemeente Testdorp",
            "iban": "BE68 5390 0754 7035",
            "bic": "GEBABEBB",
            "online_provider": "demo",
        },
    )
    assert wrong.status_code == 422
    assert "check digits" in wrong.content.decode()
    assert not MunicipalityPaymentSettings.objects.filter(iban__startswith="BE68").exists()
    saved = client.post(
        url,
        {
            "beneficiary_name": "Gemeente Testdorp",
            "iban": "be68 5390 0754 7034",
            "bic": "gebabebb",
            "online_provider": "",
        },
    )
    assert saved.status_code == 302
    row = MunicipalityPaymentSettings.objects.get(municipality=municipality)
    assert (row.iban, row.bic, row.online_provider) == ("BE68539007547034", "GEBABEBB", "")


def test_payment_settings_of_another_municipality_answer_404(
    client, other_municipality, municipality
):
    client.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    url = reverse("payments:backoffice-settings", args=[municipality.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"iban": "BE68539007547034", "beneficiary_name": "x"}).status_code == 404
    )
    assert not MunicipalityPaymentSettings.objects.filter(iban="BE68539007547034").exists()


def test_staff_create_a_request_for_a_resident(
    client, manager, municipality, payment_settings, jan
):
    client.force_login(manager)
    response = client.post(
        reverse("payments:backoffice-create"),
        {
            "municipality": municipality.pk,
            "payer_number": jan.national_number,
            "description": "Kopie trouwboekje",
            "amount": "7,50",
            "due_date": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        },
    )
    created = PaymentRequest.objects.get(description="Kopie trouwboekje")
    assert response["Location"] == reverse("payments:backoffice-detail", args=[created.pk])
    assert (created.amount_cents, created.payer_person) == (750, jan)
