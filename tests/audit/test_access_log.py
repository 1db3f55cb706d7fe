"""The access log tells the truth: the reader's municipality and role, the purpose, every
person whose data was shown (household included), reads through a submission too; and
the database refuses to change or delete a row."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation

from loket.accounts.services import api_client_create
from loket.audit.models import AccessChannel, AccessLogEntry, AccessPurpose
from loket.audit.selectors import access_log_visible_to
from loket.audit.services import HOUSEHOLD_SHOWN, access_log_record
from loket.people.models import HouseholdLink, HouseholdRelation, Person
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.conftest import residence_certificate  # noqa: F401 (fixture)
from tests.cases.helpers import CERTIFICATE_ANSWERS, certificate_request
from tests.factories import PersonFactory, staff_member
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _documents(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = tmp_path / "documents"


@pytest.fixture
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _family(municipality: Municipality) -> tuple[Person, Person, Person]:
    parent = PersonFactory(municipality=municipality)
    partner = PersonFactory(municipality=municipality)
    child = PersonFactory(municipality=municipality)
    HouseholdLink.objects.create(
        person=parent, relative=partner, relation=HouseholdRelation.PARTNER
    )
    HouseholdLink.objects.create(person=parent, relative=child, relation=HouseholdRelation.PARENT)
    return parent, partner, child


def _rows(person: Person) -> list[tuple[int | None, str, str, str, str]]:
    return [
        (e.municipality_id, e.role, e.purpose, e.what, e.channel)
        for e in AccessLogEntry.objects.filter(person=person).order_by("pk")
    ]


def test_a_read_records_the_reader_s_municipality_and_role_not_the_resident_s(
    client: Client,
    municipality: Municipality,
    other_municipality: Municipality,
    residence_certificate,  # noqa: F811
) -> None:
    """A resident of `municipality` asks `other_municipality` for something; a clerk of
    the other municipality opens the case."""
    resident = PersonFactory(municipality=municipality)
    case = certificate_request(
        actor=actor_for_resident(resident.pk), municipality=other_municipality, applicant=resident
    )
    client.force_login(staff_member(other_municipality, Role.CLERK, first_name="Els"))
    assert client.get(f"/backoffice/dossiers/{case.pk}/").status_code == 200
    assert _rows(resident) == [
        (other_municipality.pk, "clerk", "case_handling", "case file", "web")
    ]
    resident_client = Client()
    sign_in_resident(resident_client, resident)
    html = resident_client.get("/mijn/").content.decode()
    assert f'<span class="muted small">{other_municipality.name_nl}</span>' in html
    assert '<span class="muted small">Loketmedewerker</span>' in html
    assert municipality.name_nl not in html.split('id="access-log"')[1]


def test_the_privacy_officer_sees_the_reads_made_for_their_municipality(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    resident = PersonFactory(municipality=municipality)
    reader = actor_for_user(staff_member(other_municipality, Role.CLERK))
    [entry] = access_log_record(
        actor=reader,
        person=resident,
        purpose=AccessPurpose.CASE_HANDLING,
        what="case file",
        channel=AccessChannel.WEB,
        municipality_id=other_municipality.pk,
    )
    theirs = actor_for_user(staff_member(other_municipality, Role.PRIVACY_OFFICER))
    resident_s = actor_for_user(staff_member(municipality, Role.PRIVACY_OFFICER))
    assert list(access_log_visible_to(actor=theirs)) == [entry]
    assert list(access_log_visible_to(actor=resident_s)) == []


def test_the_360_view_logs_each_household_member_shown(
    client: Client, municipality: Municipality
) -> None:
    parent, partner, child = _family(municipality)
    client.force_login(staff_member(municipality, Role.CLERK))
    response = client.get(f"/backoffice/inwoners/{parent.pk}/?purpose=counter_visit")
    assert response.status_code == 200
    assert partner.full_name in response.content.decode()
    assert _rows(parent) == [(municipality.pk, "clerk", "counter_visit", "resident detail", "web")]
    for member in (partner, child):
        assert _rows(member) == [
            (municipality.pk, "clerk", "counter_visit", HOUSEHOLD_SHOWN, "web")
        ]


def test_without_the_360_view_no_household_member_is_logged(
    client: Client, municipality: Municipality
) -> None:
    parent, partner, child = _family(municipality)
    client.force_login(staff_member(municipality, Role.HANDLER))
    response = client.get(f"/backoffice/inwoners/{parent.pk}/?purpose=counter_visit")
    assert response.status_code == 200
    assert partner.full_name not in response.content.decode()
    assert _rows(parent) == [
        (municipality.pk, "handler", "counter_visit", "resident detail", "web")
    ]
    assert AccessLogEntry.objects.filter(person__in=[partner, child]).count() == 0


def test_a_submission_through_the_api_logs_the_register_data_it_returns(
    municipality: Municipality,
    residence_certificate,  # noqa: F811
) -> None:
    parent, partner, child = _family(municipality)
    _, token = api_client_create(
        name="Case system", region=municipality.region, municipality=municipality
    )
    response = Client(headers={"Authorization": f"Bearer {token}"}).post(
        "/api/v1/cases",
        {
            "municipality_nis_code": municipality.nis_code,
            "product_code": "residence-certificate",
            "applicant_national_number": parent.national_number,
            "answers": CERTIFICATE_ANSWERS,
        },
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201
    shown = {m["national_number"] for m in response.json()["register_data"]["household"]}
    assert shown == {partner.national_number, child.national_number}
    [entry] = AccessLogEntry.objects.filter(person=parent)
    assert (entry.municipality_id, entry.role, entry.purpose, entry.api_client_name) == (
        municipality.pk,
        "integration",
        "integration",
        "Case system",
    )
    for member in (partner, child):
        assert _rows(member) == [
            (municipality.pk, "integration", "integration", HOUSEHOLD_SHOWN, "api")
        ]


def test_a_resident_reading_their_own_data_leaves_no_row(municipality: Municipality) -> None:
    resident = PersonFactory(municipality=municipality)
    written = access_log_record(
        actor=actor_for_resident(resident.pk),
        person=resident,
        purpose=AccessPurpose.CASE_HANDLING,
        what="case file",
        channel=AccessChannel.API,
        municipality_id=municipality.pk,
    )
    assert written == []
    assert AccessLogEntry.objects.count() == 0


def test_the_database_refuses_to_change_or_delete_a_row(municipality: Municipality) -> None:
    resident = PersonFactory(municipality=municipality)
    [entry] = access_log_record(
        actor=actor_for_user(staff_member(municipality, Role.CLERK)),
        person=resident,
        purpose=AccessPurpose.COUNTER_VISIT,
        what="resident detail",
        channel=AccessChannel.WEB,
        municipality_id=municipality.pk,
    )
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose=AccessPurpose.PHONE_CALL)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.purpose == AccessPurpose.COUNTER_VISIT


def test_the_privacy_officer_s_page_shows_the_reader_s_municipality_and_role(
    client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    resident = PersonFactory(municipality=municipality, first_names="Mira", last_name="Vos")
    access_log_record(
        actor=actor_for_user(staff_member(other_municipality, Role.CLERK, first_name="Els")),
        person=resident,
        purpose=AccessPurpose.CASE_HANDLING,
        what="case file",
        channel=AccessChannel.WEB,
        municipality_id=other_municipality.pk,
    )
    client.force_login(staff_member(other_municipality, Role.PRIVACY_OFFICER))
    html = client.get("/backoffice/toegangslog/").content.decode()
    row = html.split("<tbody>")[1].split("</tbody>")[0]
    assert "Els" in row
    assert f"<td>{other_municipality.name_nl}</td>" in row
    assert "<td>Loketmedewerker</td>" in row
    assert "<td>Mira Vos</td>" in row
    assert "<td>Dossier</td>" in row  # the what-key read in the page's language
    client.force_login(staff_member(municipality, Role.PRIVACY_OFFICER))
    html = client.get("/backoffice/toegangslog/").content.decode()
    assert "Mira Vos" not in html
    client.force_login(staff_member(municipality, Role.CLERK))
    assert client.get("/backoffice/toegangslog/").status_code == 403
