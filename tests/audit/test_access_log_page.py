"""The privacy officer's access log: searched by resident, staff member, period and
purpose, never beyond the municipalities they supervise; paginated; exported as CSV with
exactly the rows the filters show; the officer's home and menu lead there and not to the
resident search they may not open."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record
from loket.people.models import Person
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db


def _read(reader, person: Person, municipality: Municipality, purpose: str) -> None:  # type: ignore[no-untyped-def]
    access_log_record(
        actor=actor_for_user(reader),
        person=person,
        purpose=purpose,
        what="resident detail",
        channel=AccessChannel.WEB,
        municipality_id=municipality.pk,
    )


@pytest.fixture
def log(municipality: Municipality, other_municipality: Municipality) -> dict[str, object]:
    els = staff_member(municipality, Role.CLERK, first_name="Els", last_name="Vermeulen")
    bart = staff_member(municipality, Role.HANDLER, first_name="Bart", last_name="Claeys")
    menen = staff_member(other_municipality, Role.CLERK, first_name="Nathalie", last_name="Deleu")
    sofie = PersonFactory(municipality=municipality, first_names="Sofie", last_name="Dewitte")
    jan = PersonFactory(municipality=municipality, first_names="Jan", last_name="Peeters")
    _read(els, sofie, municipality, AccessPurpose.COUNTER_VISIT)
    _read(els, jan, municipality, AccessPurpose.PHONE_CALL)
    _read(bart, sofie, municipality, AccessPurpose.CASE_HANDLING)
    # Read on behalf of the other municipality: never on this officer's page.
    _read(menen, sofie, other_municipality, AccessPurpose.COUNTER_VISIT)
    officer = staff_member(municipality, Role.PRIVACY_OFFICER, username="privacy")
    return {"officer": officer, "sofie": sofie, "jan": jan}


def _officer(log: dict[str, object]) -> Client:
    client = Client()
    client.force_login(log["officer"])  # type: ignore[arg-type]
    return client


def _export(client: Client, query: str) -> list[list[str]]:
    response = client.get(f"/backoffice/toegangslog/export/?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(body)))


def _readers_and_residents(rows: list[list[str]]) -> list[tuple[str, str, str]]:
    return [(row[1], row[4], row[5]) for row in rows[1:]]


def test_every_filter_narrows_the_rows_and_the_export_holds_exactly_those(
    log: dict[str, object],
) -> None:
    client = _officer(log)
    sofie: Person = log["sofie"]  # type: ignore[assignment]
    everything = _export(client, "")
    assert everything[0] == [
        "Wanneer",
        "Wie",
        "Gemeente",
        "Rol",
        "Inwoner",
        "Waarom",
        "Wat",
        "Kanaal",
    ]
    assert sorted(_readers_and_residents(everything)) == [
        ("Bart Claeys", "Sofie Dewitte", "Behandeling van een aanvraag of dossier"),
        ("Els Vermeulen", "Jan Peeters", "Telefoongesprek met de inwoner"),
        ("Els Vermeulen", "Sofie Dewitte", "Inwoner aan het loket"),
    ]
    by_name = _export(client, "resident=dewitte+sofie")
    assert sorted(_readers_and_residents(by_name)) == [
        ("Bart Claeys", "Sofie Dewitte", "Behandeling van een aanvraag of dossier"),
        ("Els Vermeulen", "Sofie Dewitte", "Inwoner aan het loket"),
    ]
    number = sofie.national_number
    dotted = f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"
    assert _export(client, f"resident={dotted}") == by_name
    assert _readers_and_residents(_export(client, "staff=claeys")) == [
        ("Bart Claeys", "Sofie Dewitte", "Behandeling van een aanvraag of dossier")
    ]
    assert _readers_and_residents(_export(client, "purpose=phone_call")) == [
        ("Els Vermeulen", "Jan Peeters", "Telefoongesprek met de inwoner")
    ]
    assert _readers_and_residents(_export(client, "staff=nathalie")) == []
    today = timezone.localdate()
    assert len(_export(client, f"date_from={today}&date_to={today}")) == 4
    assert len(_export(client, f"date_from={today + dt.timedelta(days=1)}")) == 1
    assert len(_export(client, f"date_to={today - dt.timedelta(days=1)}")) == 1

    page = client.get("/backoffice/toegangslog/?resident=Sofie+Dewitte").content.decode()
    assert "2 regels komen overeen." in page
    assert "Exporteer deze 2 regels als CSV" in page
    assert 'href="/backoffice/toegangslog/export/?resident=Sofie+Dewitte"' in page
    assert "Nathalie" not in page


def test_wrong_dates_get_a_translated_error_and_no_rows(log: dict[str, object]) -> None:
    client = _officer(log)
    response = client.get("/backoffice/toegangslog/?date_from=2026-12-10&date_to=2026-12-01")
    assert response.status_code == 400
    html = response.content.decode()
    assert "De einddatum kan niet vóór de begindatum liggen." in html
    assert "Sofie Dewitte" not in html
    response = client.get("/backoffice/toegangslog/?date_from=31-31-2026&purpose=nonsense")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul de begindatum in als een geldige datum." in html
    assert "Kies een van de vermelde redenen." in html
    export = client.get("/backoffice/toegangslog/export/?date_from=nonsense")
    assert export.status_code == 400
    assert "Vul de begindatum in als een geldige datum." in export.content.decode()


def test_htmx_gets_only_the_results_and_pages_keep_the_filters(
    log: dict[str, object], municipality: Municipality
) -> None:
    client = _officer(log)
    partial = client.get(
        "/backoffice/toegangslog/?staff=els",
        headers={"HX-Request": "true", "HX-Target": "access-log-results"},
    )
    assert partial.status_code == 200
    html = partial.content.decode()
    assert "<form" not in html
    assert "2 regels komen overeen." in html
    assert "HX-Request" in partial["Vary"]
    invalid = client.get(
        "/backoffice/toegangslog/?date_from=x",
        headers={"HX-Request": "true", "HX-Target": "access-log-results"},
    )
    assert invalid.status_code == 200
    assert "Vul de begindatum in als een geldige datum." in invalid.content.decode()

    jan: Person = log["jan"]  # type: ignore[assignment]
    reader = staff_member(municipality, Role.CLERK, first_name="Koen", last_name="Maes")
    for _ in range(55):
        _read(reader, jan, municipality, AccessPurpose.DATA_CORRECTION)
    page = client.get("/backoffice/toegangslog/?staff=koen").content.decode()
    assert "55 regels komen overeen." in page
    assert page.count("Koen Maes") == 50
    assert 'href="?staff=koen&amp;page=2"' in page
    second = client.get("/backoffice/toegangslog/?staff=koen&page=2").content.decode()
    assert second.count("Koen Maes") == 5


def test_the_officer_s_home_and_menu_lead_to_the_access_log_not_to_the_resident_search(
    log: dict[str, object],
) -> None:
    client = _officer(log)
    home = client.get("/backoffice/").content.decode()
    assert 'href="/backoffice/toegangslog/"' in home
    assert "Open het toegangslog" in home
    assert "/backoffice/inwoners/" not in home
    assert client.get("/backoffice/inwoners/").status_code == 403


def test_staff_without_the_permission_cannot_read_or_export(municipality: Municipality) -> None:
    client = Client()
    client.force_login(staff_member(municipality, Role.CLERK))
    assert client.get("/backoffice/toegangslog/").status_code == 403
    assert client.get("/backoffice/toegangslog/export/").status_code == 403


def test_every_search_and_export_of_the_log_is_itself_logged_and_seen_only_in_its_municipality(
    log: dict[str, object], other_municipality: Municipality
) -> None:
    from loket.audit.models import AccessLogSearch

    client = _officer(log)
    client.post(reverse("web:language"), {"language": "en"})
    client.get("/backoffice/toegangslog/?resident=Dewitte&purpose=counter_visit")
    _export(client, "staff=Vermeulen&date_from=2020-01-01")

    searches = list(AccessLogSearch.objects.order_by("id"))
    municipality_id = log["officer"].memberships.get().municipality_id  # type: ignore[attr-defined]
    assert [
        (s.user_id, s.resident, s.staff, s.purpose, s.exported, s.results, s.municipality_ids)
        for s in searches
    ] == [
        (log["officer"].pk, "Dewitte", "", "counter_visit", False, 1, [municipality_id]),  # type: ignore[attr-defined]
        (log["officer"].pk, "", "Vermeulen", "", True, 2, [municipality_id]),  # type: ignore[attr-defined]
    ]
    assert searches[1].date_from == dt.date(2020, 1, 1)
    page = client.get("/backoffice/toegangslog/").content.decode()
    assert "Searches of this log" in page
    # Another municipality's officer neither sees these searches nor their filters.
    other = Client()
    other.force_login(staff_member(other_municipality, Role.PRIVACY_OFFICER))
    other_page = other.get("/backoffice/toegangslog/").content.decode()
    other_searches = other_page[other_page.index('id="searches-heading"') :]
    assert "Dewitte" not in other_searches
    assert "Vermeulen" not in other_searches
    mine = page[page.index('id="searches-heading"') :]
    assert "Dewitte" in mine
