"""The resident's pages: the report form without JavaScript, duplicates, following,
the public map and list, a page per report, reopening."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from loket.config.links import absolute_url
from loket.identity.services import SESSION_KEY
from loket.reports.models import FollowerEmail, Report, ReportPhoto, ReportSource
from loket.reports.notifications import REOPEN_SALT
from loket.reports.services import Reporter, ReportIntake, report_create, report_update
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import ANONYMOUS, Actor
from tests.factories import PersonFactory
from tests.reports.conftest import LILLE_POINT, MENEN_POINT, ReportsRegion, jpeg_bytes

NEW = "/meldingen/nieuw/"


def _photo(name: str = "photo.jpg", **kwargs: Any) -> io.BytesIO:
    upload = io.BytesIO(jpeg_bytes(**kwargs))
    upload.name = name
    return upload


def _report(zwvl: ReportsRegion, code: str = "illegal-dumping", **kwargs: Any) -> Report:
    return report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories[code],
            source=ReportSource.PORTAL,
            description="Zakken afval",
            latitude=MENEN_POINT[0],
            longitude=MENEN_POINT[1],
            **kwargs,
        ),
    )


def test_the_form_offers_the_categories_grouped(client: Client, zwvl: ReportsRegion) -> None:
    response = client.get(NEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<optgroup label="Cleanliness and illegal dumping">' in html
    assert '<option value="illegal-dumping">Illegal dumping</option>' in html
    assert 'name="latitude"' in html
    assert 'name="address"' in html
    assert "vendor/leaflet/leaflet.js" in html


def test_a_report_without_javascript_with_typed_coordinates(
    client: Client, zwvl: ReportsRegion
) -> None:
    response = client.post(
        NEW,
        {
            "category": "illegal-dumping",
            "description": "Matras op de stoep",
            "latitude": MENEN_POINT[0],
            "longitude": MENEN_POINT[1],
            "email": "melder@example.test",
            "attribute_waste_type": "bulky",
            "photos": _photo(),
        },
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meldingen/ontvangen/{report.token}/"
    assert (report.municipality, report.department.code) == (zwvl.menen, "cleanliness")  # type: ignore[union-attr]
    assert report.reporter_email == "melder@example.test"
    assert report.photos.count() == 1
    received = client.get(response["Location"]).content.decode()
    assert "Menen" in received
    assert "Cleanliness" in received
    assert report.token in received


def test_a_typed_address_is_enough(client: Client, zwvl: ReportsRegion) -> None:
    response = client.post(NEW, {"category": "pothole", "address": "Rijselstraat 5, 8930 Menen"})
    assert response.status_code == 302
    assert Report.objects.get().municipality == zwvl.menen


def test_the_photo_position_is_proposed_when_no_pin_was_dropped(
    client: Client, zwvl: ReportsRegion
) -> None:
    response = client.post(NEW, {"category": "illegal-dumping", "photos": _photo(gps=MENEN_POINT)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "We placed the pin where your photo was taken." in html
    assert re.search(r'name="latitude" value="50\.7962\d*"', html)
    assert Report.objects.count() == 0
    assert ReportPhoto.objects.filter(report__isnull=True).count() == 1
    latitude = re.search(r'name="latitude" value="([\d.]+)"', html).group(1)  # type: ignore[union-attr]
    longitude = re.search(r'name="longitude" value="([\d.]+)"', html).group(1)  # type: ignore[union-attr]
    # Sent again without the file: the photo kept as a draft joins the report.
    client.post(NEW, {"category": "illegal-dumping", "latitude": latitude, "longitude": longitude})
    report = Report.objects.get()
    assert report.municipality == zwvl.menen
    assert report.photos.count() == 1


def test_a_point_outside_the_region_is_explained(client: Client, zwvl: ReportsRegion) -> None:
    response = client.post(
        NEW, {"category": "litter", "latitude": LILLE_POINT[0], "longitude": LILLE_POINT[1]}
    )
    assert response.status_code == 200
    assert "This place lies outside South-West Flanders." in response.content.decode()
    assert Report.objects.count() == 0


def test_no_location_at_all_is_explained(client: Client, zwvl: ReportsRegion) -> None:
    response = client.post(NEW, {"category": "litter"})
    assert "Tell us where the problem is" in response.content.decode()
    assert Report.objects.count() == 0


def test_a_file_that_is_not_a_photo_is_refused(client: Client, zwvl: ReportsRegion) -> None:
    fake = io.BytesIO(b"%PDF-1.4 not a photo")
    fake.name = "photo.jpg"
    response = client.post(
        NEW,
        {
            "category": "litter",
            "latitude": MENEN_POINT[0],
            "longitude": MENEN_POINT[1],
            "photos": fake,
        },
    )
    assert "photo.jpg: This file is not a photo we can read." in response.content.decode()
    assert Report.objects.count() == 0


def test_open_reports_nearby_are_offered_before_submitting(
    client: Client, zwvl: ReportsRegion
) -> None:
    existing = _report(zwvl)
    near = (MENEN_POINT[0] + 0.0001, MENEN_POINT[1])  # about 11 m north
    data = {
        "category": "illegal-dumping",
        "latitude": near[0],
        "longitude": near[1],
        "email": "buur@example.test",
    }
    response = client.post(NEW, data)
    html = response.content.decode()
    assert "Is it one of these?" in html
    assert f'action="/meldingen/{existing.pk}/volgen/"' in html
    assert "Follow this report instead" in html
    assert 'name="confirm_new" value="True"' in html
    assert Report.objects.count() == 1
    # Following instead:
    client.post(f"/meldingen/{existing.pk}/volgen/", {"email": "buur@example.test"})
    assert list(existing.followers.values_list("email", flat=True)) == ["buur@example.test"]
    # Or insisting that it is another problem:
    response = client.post(NEW, {**data, "confirm_new": "True"})
    assert response.status_code == 302
    assert Report.objects.count() == 2


def test_reports_further_away_or_of_another_category_are_not_offered(
    client: Client, zwvl: ReportsRegion
) -> None:
    _report(zwvl)
    far = (MENEN_POINT[0] + 0.001, MENEN_POINT[1])  # about 110 m
    assert (
        client.post(
            NEW, {"category": "illegal-dumping", "latitude": far[0], "longitude": far[1]}
        ).status_code
        == 302
    )
    assert (
        client.post(
            NEW, {"category": "litter", "latitude": MENEN_POINT[0], "longitude": MENEN_POINT[1]}
        ).status_code
        == 302
    )


def test_the_nearby_partial_for_the_map_script(client: Client, zwvl: ReportsRegion) -> None:
    existing = _report(zwvl)
    html = client.get(
        "/meldingen/in-de-buurt/",
        {"category": "illegal-dumping", "latitude": MENEN_POINT[0], "longitude": MENEN_POINT[1]},
    ).content.decode()
    assert f"/meldingen/{existing.pk}/" in html
    empty = client.get(
        "/meldingen/in-de-buurt/", {"category": "litter", "latitude": "x"}
    ).content.decode()
    assert empty.strip() == ""


def test_the_portal_form_is_rate_limited(
    client: Client, zwvl: ReportsRegion, settings: Any
) -> None:
    settings.LOKET_REPORTS_RATE_LIMIT_PER_MINUTE = 2
    codes = [client.post(NEW, {"category": "litter"}).status_code for _ in range(4)]
    assert codes.count(429) >= 1
    response = client.post(NEW, {"category": "litter"})
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()


def test_a_signed_in_resident_reports_under_their_name(client: Client, zwvl: ReportsRegion) -> None:
    person = PersonFactory(municipality=zwvl.menen)
    session = client.session
    session[SESSION_KEY] = person.pk
    session.save()
    html = client.get(NEW).content.decode()
    assert 'name="email"' not in html
    client.post(
        NEW, {"category": "litter", "latitude": MENEN_POINT[0], "longitude": MENEN_POINT[1]}
    )
    assert Report.objects.get().reporter_person == person


def test_public_list_and_map_show_no_personal_data(client: Client, zwvl: ReportsRegion) -> None:
    public = _report(
        zwvl, reporter=Reporter(name="Jan Geheim", email="jan@example.test", phone="0477")
    )
    private = _report(zwvl, code="abandoned-vehicle")
    for url in ("/meldingen/", "/meldingen/gemeente/menen/"):
        html = client.get(url).content.decode()
        assert f"/meldingen/{public.pk}/" in html
        assert f"/meldingen/{private.pk}/" not in html
        assert "Geheim" not in html
        assert "jan@example.test" not in html
        assert "0477" not in html
    assert (
        f"/meldingen/{public.pk}/"
        not in client.get("/meldingen/gemeente/kortrijk/").content.decode()
    )


def test_public_list_filters(client: Client, zwvl: ReportsRegion, menen_handler: Actor) -> None:
    open_one = _report(zwvl)
    closed = _report(zwvl, code="pothole")
    report_update(
        actor=menen_handler,
        report_id=closed.pk,
        to_status=ReportStatus.RESOLVED,
        message="Hersteld",
    )
    html = client.get("/meldingen/", {"status": "closed"}).content.decode()
    assert f"/meldingen/{closed.pk}/" in html
    assert f"/meldingen/{open_one.pk}/" not in html
    html = client.get("/meldingen/", {"status": "all", "group": "roads"}).content.decode()
    assert f"/meldingen/{closed.pk}/" in html
    assert f"/meldingen/{open_one.pk}/" not in html
    redirect = client.get("/meldingen/", {"municipality": "menen", "status": "all"})
    assert redirect["Location"] == "/meldingen/gemeente/menen/?status=all"


def test_the_page_of_a_report_shows_its_public_history(
    client: Client, zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    report = _report(zwvl, reporter=Reporter(email="melder@example.test"))
    report_update(
        actor=menen_handler,
        report_id=report.pk,
        to_status=ReportStatus.PLANNED,
        message="Dinsdag opgeruimd",
        note="INTERN-NOTITIE",
    )
    html = client.get(f"/meldingen/{report.pk}/").content.decode()
    assert "Dinsdag opgeruimd" in html
    assert "INTERN-NOTITIE" not in html
    assert "melder@example.test" not in html
    assert "Planned" in html or "Gepland" in html


def test_a_private_report_has_no_public_page(client: Client, zwvl: ReportsRegion) -> None:
    private = _report(zwvl, code="abandoned-vehicle")
    assert client.get(f"/meldingen/{private.pk}/").status_code == 404
    assert client.get("/meldingen/999999/").status_code == 404


def test_photos_of_private_reports_are_not_served_to_the_public(
    client: Client, zwvl: ReportsRegion
) -> None:
    from loket.reports.photos import photo_prepare

    public = _report(zwvl, photos=[photo_prepare(io.BytesIO(jpeg_bytes()))])
    private = _report(
        zwvl, code="abandoned-vehicle", photos=[photo_prepare(io.BytesIO(jpeg_bytes()))]
    )
    response = client.get(f"/meldingen/foto/{public.photos.get().pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert client.get(f"/meldingen/foto/{private.photos.get().pk}/").status_code == 404


def test_following_a_report(client: Client, zwvl: ReportsRegion) -> None:
    report = _report(zwvl)
    response = client.post(f"/meldingen/{report.pk}/volgen/", {"email": "volger@example.test"})
    assert response.status_code == 302
    assert FollowerEmail.objects.get().notify_event == "report.followed"
    bad = client.post(f"/meldingen/{report.pk}/volgen/", {"email": "nope"})
    assert bad.status_code == 400
    assert report.followers.count() == 1


def test_an_anonymous_reporter_reopens_with_the_link_from_the_email(
    client: Client, zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    report = _report(zwvl, reporter=Reporter(email="melder@example.test"))
    report_update(
        actor=menen_handler,
        report_id=report.pk,
        to_status=ReportStatus.RESOLVED,
        message="Opgeruimd",
    )
    email = FollowerEmail.objects.get(notify_event="report.resolved")
    url = email.context["reopen_url"].removeprefix(absolute_url("").rstrip("/"))
    assert url.startswith(f"/meldingen/{report.pk}/heropenen/?key=")
    key = url.split("?key=")[1]
    assert signing.loads(key, salt=REOPEN_SALT) == {"r": report.pk, "e": "melder@example.test"}
    assert client.get(url).status_code == 200
    response = client.post(
        reverse("reports:reopen", args=[report.pk]), {"key": key, "reason": "Nog altijd afval"}
    )
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).status == ReportStatus.NEW


def test_reopening_without_a_valid_link_is_404(
    client: Client, zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    report = _report(zwvl, reporter=Reporter(email="melder@example.test"))
    report_update(
        actor=menen_handler,
        report_id=report.pk,
        to_status=ReportStatus.RESOLVED,
        message="Opgeruimd",
    )
    assert client.get(f"/meldingen/{report.pk}/heropenen/", {"key": "forged"}).status_code == 404
    response = client.post(f"/meldingen/{report.pk}/heropenen/", {"reason": "x"})
    assert response.status_code == 404
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RESOLVED


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_form_speaks_the_visitors_language(
    client: Client, zwvl: ReportsRegion, language: str
) -> None:
    html = client.get(NEW, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    expected = {"fr": "Dépôt clandestin", "en": "Illegal dumping"}[language]
    assert expected in html
