"""A request form that comes back with an error keeps the files already sent: they are
shown (with a way to take them out) and go with the next submission."""

from __future__ import annotations

import re
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.cases.models import Case, CaseMessage, Draft
from loket.catalog.models import Product
from loket.documents.models import Document
from loket.people.models import Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.conftest import png_bytes
from tests.cases.helpers import certificate_request
from tests.factories import staff_member
from tests.web.helpers import sign_in_resident


def _certificate() -> SimpleUploadedFile:
    return SimpleUploadedFile("certificate.png", png_bytes(), "image/png")


def test_a_file_survives_an_error_on_another_field(
    client: Client, parking_card: Product, municipality: Municipality, resident: Person
) -> None:
    sign_in_resident(client, resident)
    url = reverse("cases:request", args=[municipality.slug, "resident-parking-card"])
    token = str(uuid.uuid4())
    answers = {
        "token": token,
        "action": "submit",
        "licence_plate": "1-ABC-123",
        "ownership": "own",
        "declaration": "yes",
    }
    first = client.post(
        url, {**answers, "start_date": "", "registration_certificate": _certificate()}
    )
    page = first.content.decode()
    assert first.status_code == 400
    assert 'href="#f-start_date"' in page
    assert "certificate.png" in page
    draft = Draft.objects.get()
    reference = draft.attachments["registration_certificate"][0]
    assert reference["name"] == "certificate.png"
    assert f'value="registration_certificate:{reference["document_id"]}"' in page
    assert f'name="token" value="{token}"' in page
    assert Case.objects.count() == 0

    # The next submission, without choosing the file again, is complete.
    second = client.post(url, {**answers, "start_date": timezone.localdate().isoformat()})
    case = Case.objects.get()
    assert second["Location"] == reverse("cases:my-request", args=[case.number])
    assert [ref["name"] for ref in case.answers["registration_certificate"]] == ["certificate.png"]
    assert Document.objects.filter(owner_type="case", owner_id=case.pk).count() == 1
    draft.refresh_from_db()
    assert draft.case == case


def test_a_kept_file_can_be_taken_out_and_is_then_required_again(
    client: Client, parking_card: Product, municipality: Municipality, resident: Person
) -> None:
    sign_in_resident(client, resident)
    url = reverse("cases:request", args=[municipality.slug, "resident-parking-card"])
    token = str(uuid.uuid4())
    client.post(
        url,
        {
            "token": token,
            "action": "submit",
            "licence_plate": "",
            "registration_certificate": _certificate(),
        },
    )
    draft = Draft.objects.get()
    reference = draft.attachments["registration_certificate"][0]
    removed = client.post(
        url, {"token": token, "remove_file": f"registration_certificate:{reference['document_id']}"}
    )
    assert removed["Location"] == f"{url}?concept={token}"
    draft.refresh_from_db()
    assert draft.attachments["registration_certificate"] == []
    again = client.post(
        url,
        {
            "token": token,
            "action": "submit",
            "licence_plate": "1-ABC-123",
            "ownership": "own",
            "start_date": timezone.localdate().isoformat(),
            "declaration": "yes",
        },
    )
    assert again.status_code == 400
    assert 'href="#f-registration_certificate"' in again.content.decode()
    assert Case.objects.count() == 0


def test_a_refused_file_says_why_on_its_field_and_is_not_kept(
    client: Client, parking_card: Product, municipality: Municipality, resident: Person
) -> None:
    sign_in_resident(client, resident)
    url = reverse("cases:request", args=[municipality.slug, "resident-parking-card"])
    response = client.post(
        url,
        {
            "token": str(uuid.uuid4()),
            "action": "submit",
            "licence_plate": "",
            "registration_certificate": SimpleUploadedFile(
                "certificate.png", b"MZ\x90\x00 not an image", "image/png"
            ),
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#f-registration_certificate"' in page
    assert "remove_file" not in page
    assert Document.objects.count() == 0


def _kept_values(page: str) -> list[str]:
    return re.findall(r'name="kept_files" value="([^"]+)" checked', page)


def test_the_counter_form_keeps_the_file_after_an_error(
    client: Client, parking_card: Product, municipality: Municipality, resident: Person
) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    client.force_login(clerk)
    url = reverse("cases:counter-form", args=[resident.pk, "resident-parking-card"])
    answers = {
        "municipality": municipality.pk,
        "channel": "counter",
        "token": "counter-parking-1",
        "consent": "yes",
        "licence_plate": "1-ABC-123",
        "ownership": "own",
        "declaration": "yes",
    }
    first = client.post(
        url, {**answers, "start_date": "", "registration_certificate": _certificate()}
    )
    page = first.content.decode()
    assert first.status_code == 400
    assert 'href="#f-start_date"' in page
    kept = _kept_values(page)
    assert len(kept) == 1
    assert "certificate.png" in page
    assert Case.objects.count() == 0
    # The file is sent again with the ticked box; nothing is chosen twice.
    second = client.post(
        url, {**answers, "start_date": timezone.localdate().isoformat(), "kept_files": kept}
    )
    case = Case.objects.get()
    assert second["Location"] == reverse("cases:detail", args=[case.pk])
    assert [ref["name"] for ref in case.answers["registration_certificate"]] == ["certificate.png"]
    stored = Document.objects.get(owner_type="case", owner_id=case.pk)
    assert stored.file_name == "certificate.png"


def test_an_unticked_kept_file_is_left_out_and_a_forged_one_ignored(
    client: Client, parking_card: Product, municipality: Municipality, resident: Person
) -> None:
    client.force_login(staff_member(municipality, Role.CLERK))
    url = reverse("cases:counter-form", args=[resident.pk, "resident-parking-card"])
    answers = {
        "municipality": municipality.pk,
        "channel": "counter",
        "token": "counter-parking-2",
        "consent": "yes",
        "licence_plate": "1-ABC-123",
        "ownership": "own",
        "start_date": timezone.localdate().isoformat(),
        "declaration": "yes",
    }
    page = client.post(
        url, {**answers, "licence_plate": "", "registration_certificate": _certificate()}
    ).content.decode()
    kept = _kept_values(page)
    # Another clerk cannot use this reference.
    other = Client()
    other.force_login(staff_member(municipality, Role.CLERK))
    forged = other.post(url, {**answers, "kept_files": kept}).content.decode()
    assert 'href="#f-registration_certificate"' in forged
    # Unticked (not sent): the file is required again.
    unticked = client.post(url, answers)
    assert unticked.status_code == 400
    assert 'href="#f-registration_certificate"' in unticked.content.decode()
    assert Case.objects.count() == 0


def test_a_reply_keeps_its_attachment_when_the_message_is_missing(
    client: Client,
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    sign_in_resident(client, resident)
    case = certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
    url = reverse("cases:my-request", args=[case.number])
    first = client.post(url, {"body": "", "attachments": _certificate()})
    page = first.content.decode()
    assert first.status_code == 400
    kept = _kept_values(page)
    assert len(kept) == 1
    assert "certificate.png" in page
    assert CaseMessage.objects.count() == 0
    second = client.post(url, {"body": "Here is the certificate.", "kept_files": kept})
    assert second.status_code == 302
    message = CaseMessage.objects.get()
    assert [item["name"] for item in message.attachments] == ["certificate.png"]


def test_a_staff_message_keeps_its_text_and_attachment_when_refused(
    client: Client,
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    client.force_login(staff_member(municipality, Role.CLERK))
    case = certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
    too_long = "x" * 5001
    refused = client.post(
        reverse("cases:message", args=[case.pk]),
        {"body": too_long, "attachments": _certificate()},
        follow=True,
    )
    page = refused.content.decode()
    kept = _kept_values(page)
    assert len(kept) == 1
    assert f">{too_long}</textarea>" in page
    assert CaseMessage.objects.count() == 0
    client.post(
        reverse("cases:message", args=[case.pk]),
        {"body": "The certificate you asked for.", "kept_files": kept},
    )
    message = CaseMessage.objects.get()
    assert [item["name"] for item in message.attachments] == ["certificate.png"]
    # Shown once: the case page read again has an empty message form.
    again = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert _kept_values(again) == []
