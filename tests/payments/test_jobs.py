"""Reminders for overdue requests and the statement drop folder."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from loket.notify.models import Notification
from loket.payments.models import BankStatementLine, PaymentEventKind, PaymentRequestEvent
from loket.payments.notifications import payment_reminders_send
from loket.payments.workflow import PaymentStatus
from tests.payments.conftest import FILES, person, request_for

pytestmark = pytest.mark.django_db


def test_the_payer_is_told_with_the_qr_code_attached(municipality, payment_settings, manager_actor):
    jan = person(municipality, "Jan", "Peeters")
    fee = request_for(manager_actor, municipality, jan, 2500)
    notification = Notification.objects.get(event="payment.requested")
    assert notification.person == jan
    assert notification.context["structured_communication"] == "+++123/4000/00148+++"
    assert notification.context["iban"] == "BE68 5390 0754 7034"
    assert notification.context["pay_url"].endswith(f"/betalingen/{fee.pk}/")
    png, pdf = notification.attachments.order_by("filename")
    assert (png.filename, png.content_type) == ("payment-qr.png", "image/png")
    assert bytes(png.content).startswith(b"\x89PNG")
    # the slip is a PDF page, which the letter channel prints behind the letter
    assert (pdf.filename, pdf.content_type) == ("payment-slip.pdf", "application/pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(pdf.content))).pages)
    assert "+++123/4000/00148+++" in text
    assert "BE68 5390 0754 7034" in text


def test_a_receipt_for_every_payment(municipality, payment_settings, manager_actor):
    from loket.payments.services import payment_manual_record

    fee = request_for(manager_actor, municipality, person(municipality, "Jan", "Peeters"), 2500)
    payment_manual_record(
        actor=manager_actor,
        payment_request=fee,
        amount_cents=1000,
        booked_on=dt.date(2026, 3, 2),
        note="cash",
    )
    receipt = Notification.objects.get(event="payment.received")
    assert receipt.context["amount_received"] == "€\u00a010,00"
    assert receipt.context["amount_due"] == "€\u00a015,00"


def test_reminders_go_once_per_due_date(municipality, payment_settings, manager_actor):
    jan = person(municipality, "Jan", "Peeters")
    overdue = request_for(manager_actor, municipality, jan, 2500, due_date=dt.date(2026, 3, 1))
    request_for(manager_actor, municipality, jan, 2500, due_date=dt.date(2026, 4, 1))  # not yet due
    paid = request_for(manager_actor, municipality, jan, 100, due_date=dt.date(2026, 2, 1))
    from loket.payments.services import payment_manual_record

    payment_manual_record(
        actor=manager_actor,
        payment_request=paid,
        amount_cents=100,
        booked_on=dt.date(2026, 2, 1),
        note="x",
    )
    assert payment_reminders_send(today=dt.date(2026, 3, 2)) == 1
    assert payment_reminders_send(today=dt.date(2026, 3, 3)) == 0
    assert Notification.objects.filter(event="payment.reminder").count() == 1
    # a new due date gets its own reminder when that one passes too
    overdue.due_date = dt.date(2026, 3, 15)
    overdue.save(update_fields=["due_date"])
    assert payment_reminders_send(today=dt.date(2026, 3, 10)) == 0
    assert payment_reminders_send(today=dt.date(2026, 3, 16)) == 1
    assert (
        PaymentRequestEvent.objects.filter(
            payment_request=overdue, kind=PaymentEventKind.REMINDER_SENT
        ).count()
        == 2
    )


def test_reminder_command(municipality, payment_settings, manager_actor, capsys):
    request_for(
        manager_actor,
        municipality,
        person(municipality, "Jan", "Peeters"),
        2500,
        due_date=dt.date(2020, 1, 1),
    )
    call_command("payments_send_reminders")
    assert "1 reminder(s) sent" in capsys.readouterr().out


def test_drop_folder_import(tmp_path, four_requests, capsys):
    (tmp_path / "day-042.cod").write_bytes((FILES / "coda_2_6.cod").read_bytes())
    (tmp_path / "day-043.xml").write_bytes((FILES / "camt053_v02.xml").read_bytes())
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "broken.xml").write_bytes(b"<Document>")
    with pytest.raises(CommandError, match="2 file"):
        call_command("payments_import_folder", str(tmp_path))
    output = capsys.readouterr()
    assert "day-042.cod: 4 matched, 2 to reconcile, 0 already imported" in output.out
    assert "broken.xml: not imported" in output.err
    # the CAMT file holds the same movements in the other format: refused, not booked twice
    assert "day-043.xml: not imported: The statements of account BE68539007547034" in output.err
    assert sorted(p.name for p in (tmp_path / "done").iterdir()) == ["day-042.cod"]
    assert sorted(p.name for p in (tmp_path / "failed").iterdir()) == [
        "broken.xml",
        "broken.xml.error.txt",
        "day-043.xml",
        "day-043.xml.error.txt",
    ]
    assert (tmp_path / "notes.pdf").exists()
    assert BankStatementLine.objects.count() == 6
    four_requests["jan"].refresh_from_db()
    assert four_requests["jan"].status == PaymentStatus.PAID
    (tmp_path / "day-042-copy.cod").write_bytes((FILES / "coda_2_6.cod").read_bytes())
    call_command("payments_import_folder", str(tmp_path))
    assert (
        "day-042-copy.cod: 0 matched, 0 to reconcile, 6 already imported" in capsys.readouterr().out
    )
    assert BankStatementLine.objects.count() == 6


def test_drop_folder_that_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("payments_import_folder", str(tmp_path / "nope"))
