"""Back office: queues, the regional reporting point, handling a report, categories,
mappings and Open311 keys; other municipalities' reports answer 404."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from loket.audit.models import AccessLogEntry
from loket.reports.models import Category, CategoryMapping, Open311Client, Report, ReportSource
from loket.reports.services import Reporter, ReportIntake, report_create
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import ANONYMOUS
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory
from tests.reports.conftest import KORTRIJK_POINT, MENEN_POINT, ReportsRegion, jpeg_bytes, staff


def _report(
    zwvl: ReportsRegion,
    code: str = "illegal-dumping",
    point: tuple[float, float] = MENEN_POINT,
    **kwargs: Any,
) -> Report:
    return report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories[code],
            source=ReportSource.PORTAL,
            latitude=point[0],
            longitude=point[1],
            **kwargs,
        ),
    )


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def menen_client(client: Client, zwvl: ReportsRegion) -> Client:
    return _login(client, staff(zwvl.menen, Role.HANDLER))


def test_the_queue_shows_only_the_own_municipality(
    menen_client: Client, zwvl: ReportsRegion
) -> None:
    mine = _report(zwvl)
    theirs = _report(zwvl, point=KORTRIJK_POINT)
    html = menen_client.get("/backoffice/meldingen/").content.decode()
    assert f"/backoffice/meldingen/{mine.pk}/" in html
    assert f"/backoffice/meldingen/{theirs.pk}/" not in html


def test_another_municipalitys_report_is_404_on_every_page(
    client: Client, zwvl: ReportsRegion
) -> None:
    menen_client = _login(client, staff(zwvl.menen, Role.DEPARTMENT_HEAD))
    theirs = _report(zwvl, point=KORTRIJK_POINT)
    for method, path in (
        ("get", ""),
        ("get", "melder/"),
        ("post", "status/"),
        ("post", "routeren/"),
        ("post", "samenvoegen/"),
    ):
        response = getattr(menen_client, method)(
            f"/backoffice/meldingen/{theirs.pk}/{path}", {"to_status": "resolved", "message": "x"}
        )
        assert response.status_code == 404, path
    assert Report.objects.get(pk=theirs.pk).status == ReportStatus.NEW


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, zwvl: ReportsRegion) -> None:
    response = client.get("/backoffice/meldingen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/backoffice/aanmelden/")


def test_staff_without_report_permissions_get_403(client: Client, zwvl: ReportsRegion) -> None:
    _login(client, staff(zwvl.menen, Role.PRIVACY_OFFICER))
    assert client.get("/backoffice/meldingen/").status_code == 403


def test_a_clerk_resolves_with_a_message_and_an_after_photo(
    client: Client, zwvl: ReportsRegion
) -> None:
    person = PersonFactory(municipality=zwvl.menen)
    report = _report(zwvl, reporter=Reporter(person=person))
    _login(client, staff(zwvl.menen, Role.CLERK))
    photo = io.BytesIO(jpeg_bytes(colour=(0, 150, 0)))
    photo.name = "after.jpg"
    response = client.post(
        f"/backoffice/meldingen/{report.pk}/status/",
        {
            "to_status": "resolved",
            "message": "Opgeruimd door de ploeg.",
            "note": "",
            "photos": photo,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED
    assert report.photos.filter(kind="after").count() == 1
    assert person.notifications.filter(event="report.resolved").count() == 1


def test_an_invalid_transition_is_shown_and_nothing_changes(
    menen_client: Client, zwvl: ReportsRegion
) -> None:
    report = _report(zwvl)
    response = menen_client.post(
        f"/backoffice/meldingen/{report.pk}/status/", {"to_status": "rejected", "message": ""}
    )
    assert response.status_code == 400
    assert "Tell the reporter why the report is rejected." in response.content.decode()
    assert report.events.count() == 1


def test_reporter_contact_is_shown_on_request_and_logged(
    menen_client: Client, zwvl: ReportsRegion
) -> None:
    person = PersonFactory(municipality=zwvl.menen, email="an@example.test")
    report = _report(zwvl, reporter=Reporter(person=person))
    detail = menen_client.get(f"/backoffice/meldingen/{report.pk}/").content.decode()
    assert "an@example.test" not in detail
    assert AccessLogEntry.objects.count() == 0
    contact = menen_client.get(f"/backoffice/meldingen/{report.pk}/melder/").content.decode()
    assert "an@example.test" in contact
    entry = AccessLogEntry.objects.get()
    assert (entry.person, entry.purpose) == (person, "report_follow_up")
    # Without JavaScript the button opens a whole page; htmx swaps in the card alone.
    assert "<html" in contact
    card = menen_client.get(
        f"/backoffice/meldingen/{report.pk}/melder/",
        headers={"HX-Request": "true", "HX-Target": "reporter-contact"},
    ).content.decode()
    assert card.startswith('<div id="reporter-contact" class="card">')
    assert "an@example.test" in card


def test_the_dispatcher_sees_and_routes_the_whole_region(
    client: Client, zwvl: ReportsRegion
) -> None:
    CategoryMapping.objects.filter(category=zwvl.categories["other"]).update(department=None)
    waiting = _report(zwvl, code="other", point=KORTRIJK_POINT)
    routed = _report(zwvl)
    _login(client, staff(None, Role.DISPATCHER, region=zwvl.region))
    html = client.get("/backoffice/meldingen/meldpunt/").content.decode()
    assert f"/backoffice/meldingen/{waiting.pk}/" in html
    assert f"/backoffice/meldingen/{routed.pk}/" not in html
    everything = client.get("/backoffice/meldingen/meldpunt/", {"all": "1"}).content.decode()
    assert f"/backoffice/meldingen/{routed.pk}/" in everything
    department = zwvl.department(zwvl.kortrijk, "public-works")
    response = client.post(
        f"/backoffice/meldingen/{waiting.pk}/routeren/",
        {
            "municipality": zwvl.kortrijk.pk,
            "department": department.pk,
            "category": zwvl.categories["other"].pk,
            "note": "",
        },
    )
    assert response.status_code == 302
    assert Report.objects.get(pk=waiting.pk).department == department


def test_municipal_staff_cannot_open_the_regional_reporting_point(
    menen_client: Client, zwvl: ReportsRegion
) -> None:
    assert menen_client.get("/backoffice/meldingen/meldpunt/").status_code == 403


def test_the_overdue_list(menen_client: Client, zwvl: ReportsRegion) -> None:
    import datetime as dt

    from django.utils import timezone

    late = _report(zwvl)
    on_time = _report(zwvl)
    Report.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(days=1))
    html = menen_client.get("/backoffice/meldingen/te-laat/").content.decode()
    assert f"/backoffice/meldingen/{late.pk}/" in html
    assert f"/backoffice/meldingen/{on_time.pk}/" not in html


def test_merging_duplicates_from_the_back_office(menen_client: Client, zwvl: ReportsRegion) -> None:
    original = _report(zwvl)
    duplicate = _report(zwvl, reporter=Reporter(email="tweede@example.test"))
    response = menen_client.post(
        f"/backoffice/meldingen/{duplicate.pk}/samenvoegen/", {"target": original.pk, "message": ""}
    )
    assert response.status_code == 302
    assert Report.objects.get(pk=duplicate.pk).status == ReportStatus.MERGED
    assert original.followers.get().email == "tweede@example.test"


def test_merging_into_another_municipalitys_report_is_refused(
    menen_client: Client, zwvl: ReportsRegion
) -> None:
    mine = _report(zwvl)
    theirs = _report(zwvl, point=KORTRIJK_POINT)
    response = menen_client.post(
        f"/backoffice/meldingen/{mine.pk}/samenvoegen/", {"target": theirs.pk}
    )
    assert response.status_code == 400
    assert Report.objects.get(pk=mine.pk).status == ReportStatus.NEW


def test_the_category_tree_is_edited_by_regional_admins_only(
    client: Client, zwvl: ReportsRegion
) -> None:
    _login(client, staff(zwvl.menen, Role.MUNICIPAL_ADMIN))
    assert client.get("/backoffice/meldingen/categorieen/nieuw/").status_code == 403
    count = Category.objects.count()
    client.post(
        "/backoffice/meldingen/categorieen/nieuw/", {"code": "x", "name_nl": "X", "name_fr": "X"}
    )
    assert Category.objects.count() == count
    client.logout()
    _login(client, staff(None, Role.REGIONAL_ADMIN, region=zwvl.region))
    response = client.post(
        "/backoffice/meldingen/categorieen/nieuw/",
        {
            "code": "e-scooter",
            "parent": zwvl.categories["parking"].pk,
            "name_nl": "Hinderlijk geparkeerde deelstep",
            "name_fr": "Trottinette mal garée",
            "name_en": "Badly parked shared scooter",
            "default_visibility": "public",
            "default_target_days": 3,
            "position": 9,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    category = Category.objects.get(code="e-scooter")
    assert category.parent == zwvl.categories["parking"]
    response = client.post(
        f"/backoffice/meldingen/categorieen/{category.pk}/vraag/",
        {
            "attribute-code": "operator",
            "attribute-datatype": "singlevaluelist",
            "attribute-position": 1,
            "attribute-description_nl": "Welke aanbieder?",
            "attribute-description_fr": "Quel opérateur ?",
            "attribute-choices": (
                "a | Aanbieder A | Opérateur A | Operator A\n"
                "b | Aanbieder B | Opérateur B | Operator B"
            ),
        },
    )
    assert response.status_code == 302
    attribute = category.attributes.get()
    assert attribute.values == [
        {"key": "a", "name_nl": "Aanbieder A", "name_fr": "Opérateur A", "name_en": "Operator A"},
        {"key": "b", "name_nl": "Aanbieder B", "name_fr": "Opérateur B", "name_en": "Operator B"},
    ]


def test_a_municipal_admin_edits_the_mapping_of_their_municipality(
    client: Client, zwvl: ReportsRegion
) -> None:
    _login(client, staff(zwvl.menen, Role.MUNICIPAL_ADMIN))
    page = client.get("/backoffice/meldingen/categorieen/gemeente/menen/")
    assert page.status_code == 200
    pothole = zwvl.categories["pothole"]
    prefix = f"c{pothole.pk}"
    data = {}
    for row in page.context["rows"]:
        form = row["form"]
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if name == "is_active":
                if value:
                    data[f"{form.prefix}-{name}"] = "on"
            else:
                data[f"{form.prefix}-{name}"] = "" if value is None else value
    data[f"{prefix}-target_days"] = 3
    data[f"{prefix}-visibility"] = "private"
    response = client.post("/backoffice/meldingen/categorieen/gemeente/menen/", data)
    assert response.status_code == 302
    mapping = CategoryMapping.objects.get(category=pothole, municipality=zwvl.menen)
    assert (mapping.target_days, mapping.visibility) == (3, "private")
    assert (
        CategoryMapping.objects.get(category=pothole, municipality=zwvl.kortrijk).target_days == 10
    )
    assert client.get("/backoffice/meldingen/categorieen/gemeente/kortrijk/").status_code == 404


def test_open311_keys_are_issued_and_revoked_in_the_back_office(
    client: Client, zwvl: ReportsRegion
) -> None:
    _login(client, staff(zwvl.menen, Role.MUNICIPAL_ADMIN))
    response = client.post(
        "/backoffice/meldingen/open311-sleutels/",
        {
            "name": "Straatapp",
            "contact_email": "dev@example.test",
            "municipality": zwvl.menen.pk,
            "requests_per_minute": 30,
        },
    )
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.startswith("o311_")
    app = Open311Client.objects.get(name="Straatapp")
    assert app.municipality == zwvl.menen
    assert key not in Open311Client.objects.values_list("key_hash", flat=True)
    response = client.post(f"/backoffice/meldingen/open311-sleutels/{app.pk}/intrekken/")
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.is_active is False


def test_a_municipal_admin_cannot_issue_region_wide_keys_or_revoke_others(
    client: Client, zwvl: ReportsRegion
) -> None:
    from loket.reports.services import open311_client_create

    other, _key = open311_client_create(
        actor=None, region=zwvl.region, municipality=zwvl.kortrijk, name="Kortrijk app"
    )
    _login(client, staff(zwvl.menen, Role.MUNICIPAL_ADMIN))
    response = client.post(
        "/backoffice/meldingen/open311-sleutels/",
        {"name": "Regio", "municipality": "", "requests_per_minute": 30},
    )
    assert response.status_code == 200
    assert not Open311Client.objects.filter(name="Regio").exists()
    assert (
        client.post(f"/backoffice/meldingen/open311-sleutels/{other.pk}/intrekken/").status_code
        == 404
    )
    other.refresh_from_db()
    assert other.is_active is True


def test_handlers_cannot_manage_keys(menen_client: Client, zwvl: ReportsRegion) -> None:
    assert menen_client.get("/backoffice/meldingen/open311-sleutels/").status_code == 403


def test_the_queue_reads_a_fixed_number_of_queries_and_no_boundary(
    menen_client: Client, zwvl: ReportsRegion
) -> None:
    """A list joins every row to its municipality: the boundary (a large GeoJSON document)
    stays in its own table and is never read, and more rows cost no more queries."""
    _report(zwvl)
    menen_client.get("/backoffice/meldingen/")  # the session is saved on the first request
    with CaptureQueriesContext(connection) as one_row:
        assert menen_client.get("/backoffice/meldingen/").status_code == 200
    for _ in range(5):
        _report(zwvl)
    with CaptureQueriesContext(connection) as six_rows:
        assert menen_client.get("/backoffice/meldingen/").status_code == 200
    assert len(six_rows.captured_queries) == len(one_row.captured_queries)
    assert len(six_rows.captured_queries) <= 14
    assert not [
        query["sql"]
        for query in six_rows.captured_queries
        if '"boundary"' in query["sql"] or "municipalityboundary" in query["sql"]
    ]
