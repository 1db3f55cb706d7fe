"""One intake record for every channel: the same report, however it came in."""

from __future__ import annotations

from typing import Any

from django.test import Client

from loket.notify.models import Notification
from loket.reports.models import EventKind, FollowerEmail, Report, ReportSource
from loket.reports.open311.intake import Open311Origin
from loket.reports.services import Reporter, ReportIntake, report_create
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import ANONYMOUS, Actor
from tests.reports.conftest import MENEN_POINT, ReportsRegion

DESCRIPTION = "Matras naast de glasbol"


def _shape(report: Report) -> dict[str, Any]:
    """What a report is made of, leaving out what tells the channels apart."""
    return {
        "region": report.region_id,
        "municipality": report.municipality_id,
        "category": report.category_id,
        "department": report.department_id,
        "status": report.status,
        "is_public": report.is_public,
        "description": report.description,
        "point": (report.latitude, report.longitude),
        "approximate": report.location_is_approximate,
        "address": report.address,
        "postal_code": report.postal_code,
        "attributes": report.attributes,
        "reporter": (
            report.reporter_person_id,
            report.reporter_name,
            report.reporter_email,
            report.reporter_phone,
            report.reporter_language,
        ),
        "due_in": report.due_at - report.created_at if report.due_at else None,
        "followers": list(report.followers.values_list("person", "email", "is_reporter")),
        "events": list(report.events.values_list("kind", "to_status", "data__department_id")),
        "emails": list(
            FollowerEmail.objects.filter(report=report).values_list("email", "notify_event")
        ),
        "photos": report.photos.count(),
    }


def test_portal_open311_and_back_office_make_the_same_report_from_the_same_input(
    client: Client, zwvl: ReportsRegion, open311_key: tuple[Any, str], dispatcher: Actor
) -> None:
    latitude, longitude = MENEN_POINT
    response = client.post(
        "/meldingen/nieuw/",
        {
            "category": "illegal-dumping",
            "description": DESCRIPTION,
            "latitude": latitude,
            "longitude": longitude,
            "attribute_waste_type": "bulky",
            "name": "An Peeters",
            "email": "an@example.test",
            "phone": "0470",
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 302
    portal = Report.objects.get(source=ReportSource.PORTAL)

    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": open311_key[1],
            "jurisdiction_id": "zwvl",
            "service_code": "illegal-dumping",
            "description": DESCRIPTION,
            "lat": latitude,
            "long": longitude,
            "attribute[waste_type]": "bulky",
            "first_name": "An",
            "last_name": "Peeters",
            "email": "an@example.test",
            "phone": "0470",
            "device_id": "phone-1",
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    open311 = Report.objects.get(source=ReportSource.OPEN311)

    back_office = report_create(
        actor=dispatcher,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories["illegal-dumping"],
            source=ReportSource.BACKOFFICE,
            description=DESCRIPTION,
            latitude=latitude,
            longitude=longitude,
            attributes={"waste_type": ["bulky"]},
            reporter=Reporter(name="An Peeters", email="an@example.test", phone="0470"),
        ),
    )

    expected = {
        "region": zwvl.region.pk,
        "municipality": zwvl.menen.pk,
        "category": zwvl.categories["illegal-dumping"].pk,
        "department": zwvl.department(zwvl.menen, "cleanliness").pk,
        "status": ReportStatus.NEW,
        "is_public": True,
        "description": DESCRIPTION,
        "point": MENEN_POINT,
        "approximate": False,
        "address": "",
        "postal_code": "",
        "attributes": {"waste_type": "bulky"},
        "reporter": (None, "An Peeters", "an@example.test", "0470", "nl"),
        "due_in": back_office.due_at - back_office.created_at,  # type: ignore[operator]
        "followers": [(None, "an@example.test", True)],
        "events": [
            (EventKind.CREATED, ReportStatus.NEW, zwvl.department(zwvl.menen, "cleanliness").pk)
        ],
        "emails": [("an@example.test", "report.received")],
        "photos": 0,
    }
    assert expected["due_in"].days == 5
    assert _shape(portal) == expected
    assert _shape(open311) == expected
    assert _shape(back_office) == expected
    assert Notification.objects.count() == 0
    # Only what the channel adds tells them apart.
    assert [
        (report.source, report.open311_client_id, report.device_id)
        for report in (portal, open311, back_office)
    ] == [
        (ReportSource.PORTAL, None, ""),
        (ReportSource.OPEN311, open311_key[0].pk, "phone-1"),
        (ReportSource.BACKOFFICE, None, ""),
    ]


def test_an_open311_origin_fills_its_own_fields_only(zwvl: ReportsRegion) -> None:
    origin = Open311Origin(
        client=None, device_id=" dev " + "x" * 200, account_id="acc9", media_url=" https://a.b/1 "
    )
    report = report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories["illegal-dumping"],
            source=ReportSource.OPEN311,
            latitude=MENEN_POINT[0],
            longitude=MENEN_POINT[1],
            origin=origin,
        ),
    )
    assert (report.device_id, report.account_id, report.media_url) == (
        ("dev " + "x" * 200)[:100],
        "acc9",
        "https://a.b/1",
    )
