from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.cases.models import Case, CaseMessage, Draft
from loket.cases.workflow import CaseStatus
from loket.catalog.models import MunicipalityProduct, Product
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_resident
from loket.tenancy.models import Municipality
from tests.cases.conftest import png_bytes
from tests.cases.helpers import CERTIFICATE_ANSWERS, certificate_request
from tests.factories import PersonFactory
from tests.web.helpers import sign_in_resident


@pytest.fixture
def resident_client(client: Client, resident: Person) -> Client:
    sign_in_resident(client, resident)
    return client


def _request_url(municipality: Municipality, code: str) -> str:
    return reverse("cases:request", args=[municipality.slug, code])


def test_the_catalogue_page_groups_and_searches(
    client: Client,
    residence_certificate: Product,
    parking_card: Product,
    municipality: Municipality,
) -> None:
    url = reverse("catalog:portal", args=[municipality.slug])
    page = client.get(url).content.decode()
    assert '<h2 id="group-residence">Wonen en verhuizen</h2>' in page  # Dutch by default
    assert reverse("catalog:product", args=[municipality.slug, "resident-parking-card"]) in page
    by_event = client.get(url, {"group": "life-event"}).content.decode()
    assert '<h2 id="group-moving">Ik verhuis</h2>' in by_event
    partial = client.get(url, {"q": "parkeren"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert "resident-parking-card" in partial.content.decode()
    assert "HX-Request" in partial["Vary"]
    restored = client.get(
        url, {"q": "parkeren"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restored.content.decode()


def test_a_product_switched_off_is_not_shown(
    client: Client, parking_card: Product, municipality: Municipality
) -> None:
    MunicipalityProduct.objects.create(
        municipality=municipality, product=parking_card, is_enabled=False
    )
    url = reverse("catalog:product", args=[municipality.slug, "resident-parking-card"])
    assert client.get(url).status_code == 404
    assert client.get(_request_url(municipality, "resident-parking-card")).status_code == 302


def test_the_request_form_asks_to_sign_in(
    client: Client, parking_card: Product, municipality: Municipality
) -> None:
    response = client.get(_request_url(municipality, "resident-parking-card"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:resident-login"))


def test_the_form_shows_what_the_register_knows_instead_of_asking(
    resident_client: Client, parking_card: Product, municipality: Municipality, resident: Person
) -> None:
    page = resident_client.get(_request_url(municipality, "resident-parking-card")).content.decode()
    assert resident.full_name in page
    assert "Kerkstraat 1" in page
    assert 'id="prefill-heading"' in page
    for asked in ('name="national_number"', 'name="first_names"', 'name="last_name"'):
        assert asked not in page
    assert 'name="licence_plate"' in page
    assert 'data-show-if-field="ownership"' in page


def test_the_form_writes_dates_and_accepted_files_in_the_page_s_language(
    resident_client: Client, parking_card: Product, municipality: Municipality, resident: Person
) -> None:
    resident.birth_date = dt.date(1986, 3, 14)
    resident.save(update_fields=["birth_date"])
    url = _request_url(municipality, "resident-parking-card")
    resident_client.post(reverse("web:language"), {"language": "nl"})
    dutch = resident_client.get(url).content.decode()
    assert "<dd>14 maart 1986</dd>" in dutch
    assert "1986-03-14" not in dutch
    assert (
        '<span class="hint" id="f-registration_certificate-formats">'
        "Toegelaten bestanden: PDF, JPEG of PNG.</span>"
    ) in dutch
    assert 'accept=".pdf,application/pdf,.jpg,.jpeg,image/jpeg,.png,image/png"' in dutch
    assert ".docx" not in dutch
    resident_client.post(reverse("web:language"), {"language": "fr"})
    french = resident_client.get(url).content.decode()
    assert "<dd>14 mars 1986</dd>" in french
    too_early = resident_client.post(
        url,
        {
            "token": str(uuid.uuid4()),
            "action": "submit",
            "start_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        },
    ).content.decode()
    assert "La date doit être aujourd&#x27;hui ou plus tard." in too_early


def test_submitting_twice_makes_one_case(
    resident_client: Client, residence_certificate: Product, municipality: Municipality
) -> None:
    token = str(uuid.uuid4())
    data = {**CERTIFICATE_ANSWERS, "token": token, "action": "submit"}
    url = _request_url(municipality, "residence-certificate")
    first = resident_client.post(url, data)
    second = resident_client.post(url, data)
    case = Case.objects.get()
    target = reverse("cases:my-request", args=[case.number])
    assert (first.status_code, first["Location"]) == (302, target)
    assert (second.status_code, second["Location"]) == (302, target)


def test_wrong_answers_come_back_with_their_errors(
    resident_client: Client, residence_certificate: Product, municipality: Municipality
) -> None:
    response = resident_client.post(
        _request_url(municipality, "residence-certificate"),
        {"token": str(uuid.uuid4()), "action": "submit", "copies": "99"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in page
    assert 'href="#f-copies"' in page
    assert 'value="99"' in page
    assert Case.objects.count() == 0


def test_a_draft_with_a_file_is_saved_resumed_and_submitted(
    resident_client: Client, parking_card: Product, municipality: Municipality
) -> None:
    url = _request_url(municipality, "resident-parking-card")
    token = str(uuid.uuid4())
    upload = {"registration_certificate": ("certificate.png", png_bytes(), "image/png")}
    from django.core.files.uploadedfile import SimpleUploadedFile

    saved = resident_client.post(
        url,
        {
            "token": token,
            "action": "save",
            "licence_plate": "1-ABC-123",
            "registration_certificate": SimpleUploadedFile(*upload["registration_certificate"]),
        },
    )
    draft = Draft.objects.get()
    assert saved["Location"] == f"{url}?concept={draft.token}"
    assert str(draft.token) == token
    assert draft.answers["licence_plate"] == "1-ABC-123"
    assert [ref["name"] for ref in draft.attachments["registration_certificate"]] == [
        "certificate.png"
    ]
    resumed = resident_client.get(saved["Location"]).content.decode()
    assert 'value="1-ABC-123"' in resumed
    assert "certificate.png" in resumed
    reference = draft.attachments["registration_certificate"][0]
    removal = f'value="registration_certificate:{reference["document_id"]}"'
    assert removal in resumed
    resident_client.post(
        saved["Location"],
        {"token": token, "remove_file": f"registration_certificate:{reference['document_id']}"},
    )
    draft.refresh_from_db()
    assert draft.attachments["registration_certificate"] == []
    resident_client.post(
        url,
        {
            "token": token,
            "action": "save",
            "licence_plate": "1-ABC-123",
            "registration_certificate": SimpleUploadedFile(*upload["registration_certificate"]),
        },
    )
    listing = resident_client.get(reverse("cases:my-requests")).content.decode()
    assert f"?concept={draft.token}" in listing
    submitted = resident_client.post(
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
    case = Case.objects.get()
    assert submitted["Location"] == reverse("cases:my-request", args=[case.number])
    assert case.answers["registration_certificate"][0]["name"] == "certificate.png"
    draft.refresh_from_db()
    assert draft.case == case


def test_my_requests_and_one_request_page(
    resident_client: Client,
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    case = certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
    listing = resident_client.get(reverse("cases:my-requests")).content.decode()
    assert case.number in listing
    page = resident_client.get(reverse("cases:my-request", args=[case.number])).content.decode()
    assert "For my employer" in page
    assert 'id="case-status"' in page


def test_another_resident_s_request_is_not_found(
    resident_client: Client, residence_certificate: Product, municipality: Municipality
) -> None:
    neighbour = PersonFactory(municipality=municipality)
    case = certificate_request(
        actor=actor_for_resident(neighbour.pk), municipality=municipality, applicant=neighbour
    )
    assert resident_client.get(reverse("cases:my-request", args=[case.number])).status_code == 404
    response = resident_client.post(
        reverse("cases:my-request-withdraw", args=[case.number]), {"reason": "x"}
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_the_resident_replies_and_withdraws(
    resident_client: Client,
    residence_certificate: Product,
    municipality: Municipality,
    resident: Person,
    resident_actor: Actor,
) -> None:
    case = certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
    url = reverse("cases:my-request", args=[case.number])
    assert resident_client.post(url, {"body": "A question"}).status_code == 302
    assert CaseMessage.objects.get().body == "A question"
    assert resident_client.post(url, {"body": ""}).status_code == 400
    resident_client.post(reverse("cases:my-request-withdraw", args=[case.number]), {"reason": ""})
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
