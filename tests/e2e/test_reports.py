"""Public-space reports in a real browser.

A resident reports illegal dumping in Menen with a photo that carries its GPS position:
the photo's position is proposed, the stored photo has no EXIF, the report lands with
Menen's cleanliness department. A second resident near the same spot is offered to follow
it instead. A clerk resolves it with a message, and the reporter is told.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from loket.notify.models import Notification
from loket.reports.demo import _mappings_load, category_tree_load
from loket.reports.models import FollowerEmail, Report
from loket.reports.workflow import ReportStatus
from loket.tenancy.permissions import Role
from loket.tenancy.services import department_create, municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.reports.conftest import MENEN_POINT, jpeg_bytes

PASSWORD = "correct-horse-battery"


@pytest.fixture
def menen(transactional_db: None, settings: Any, tmp_path: Path) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    menen = municipality_create_from_nis(region=region, nis_code="34027", slug="menen")
    municipality_create_from_nis(region=region, nis_code="34022", slug="kortrijk")
    for municipality in region.municipalities.all():
        for code, name_nl, name_fr in (
            ("public-works", "Openbare werken", "Travaux publics"),
            ("cleanliness", "Netheid", "Propreté"),
        ):
            department_create(
                municipality=municipality,
                region=region,
                code=code,
                name_nl=name_nl,
                name_fr=name_fr,
            )
    _mappings_load(region, category_tree_load(region=region))
    return menen


def _photo_with_gps(tmp_path: Path) -> Path:
    path = tmp_path / "IMG_2041.jpg"
    path.write_bytes(jpeg_bytes(size=(640, 480), gps=MENEN_POINT))
    assert Image.open(path).getexif().get_ifd(0x8825)  # the photo does carry a position
    return path


def test_report_follow_resolve_and_notify(
    page: Any, browser: Any, live_server: Any, menen: Any, tmp_path: Path
) -> None:
    reporter = PersonFactory(
        municipality=menen,
        first_names="Sofie",
        last_name="Vandamme",
        birth_date=dt.date(1984, 4, 12),
        email="sofie@example.test",
        preferred_channels=["email", "portal"],
    )
    clerk = UserFactory(username="menen.clerk", preferred_language="nl")
    cleanliness = menen.departments.get(code="cleanliness")
    MembershipFactory(user=clerk, municipality=menen, role=Role.CLERK, department=cleanliness)

    # 1. The resident signs in with the demo e-ID and reports, with a photo and no pin.
    page.goto("/aanmelden/demo/?municipality=menen")
    page.get_by_role("button", name=re.compile("Sofie Vandamme")).click()
    page.wait_for_url("**/mijn/")
    page.goto("/meldingen/nieuw/")
    page.wait_for_selector("#report-picker .leaflet-overlay-pane path")  # boundaries without tiles
    assert_no_axe_violations(page)
    page.select_option("#id_category", "illegal-dumping")
    page.fill("#id_description", "Matras en zakken afval naast de glasbol")
    page.set_input_files("#id_photos", str(_photo_with_gps(tmp_path)))
    page.click("form[data-report-form] button[type=submit]")
    page.wait_for_selector("#photo-location-notice")
    assert float(page.input_value("#id_latitude")) == pytest.approx(MENEN_POINT[0], abs=1e-5)
    assert float(page.input_value("#id_longitude")) == pytest.approx(MENEN_POINT[1], abs=1e-5)
    page.wait_for_selector("#report-picker .leaflet-marker-icon")  # the proposed pin is on the map
    assert_no_axe_violations(page)
    page.click("form[data-report-form] button[type=submit]")
    page.wait_for_url("**/meldingen/ontvangen/**")
    assert page.locator("[data-testid=report-municipality]").inner_text() == "Menen"
    assert page.locator("[data-testid=report-department]").inner_text() == "Netheid"
    assert_no_axe_violations(page)

    report = Report.objects.get()
    assert (report.municipality, report.department, report.reporter_person) == (
        menen,
        cleanliness,
        reporter,
    )
    photo = report.photos.get()
    with photo.image.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info
    assert Notification.objects.filter(person=reporter, event="report.received").count() == 1

    # 2. A second resident, a few metres away, is offered to follow it instead.
    other = browser.new_context(locale="nl-BE", base_url=live_server.url)
    other.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    neighbour = other.new_page()
    neighbour.goto("/meldingen/nieuw/")
    neighbour.select_option("#id_category", "illegal-dumping")
    neighbour.click("details.coordinates summary")
    neighbour.fill("#id_latitude", str(MENEN_POINT[0] + 0.0001))
    neighbour.fill("#id_longitude", str(MENEN_POINT[1]))
    neighbour.locator("#id_longitude").dispatch_event("change")
    offered = neighbour.locator("[data-nearby-target] .nearby-list__item")
    offered.wait_for()  # shown live, before submitting
    assert f"/meldingen/{report.pk}/" in offered.locator("a").first.get_attribute("href")
    offered.locator(f"a[href='/meldingen/{report.pk}/volgen/']").click()
    neighbour.wait_for_url(f"**/meldingen/{report.pk}/volgen/")
    assert_no_axe_violations(neighbour)
    neighbour.fill("#id_email", "buur@example.test")
    neighbour.click("main form button[type=submit]")
    neighbour.wait_for_url(f"**/meldingen/{report.pk}/")
    assert_no_axe_violations(neighbour)
    other.close()
    assert list(report.followers.values_list("email", "is_reporter")) == [
        ("", True),
        ("buur@example.test", False),
    ]

    # 3. The clerk resolves it with a message.
    page.goto("/backoffice/aanmelden/")
    page.fill("#id_username", "menen.clerk")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    staff_second_step(page, "menen.clerk")
    page.goto("/backoffice/meldingen/")
    page.click(f"a[href='/backoffice/meldingen/{report.pk}/']")
    assert page.locator("[data-testid=report-department]").inner_text() == "Netheid"
    assert_no_axe_violations(page)
    page.select_option("#id_to_status", "resolved")
    page.fill("#id_message", "De ploeg heeft alles opgeruimd.")
    page.click(f"form[action='/backoffice/meldingen/{report.pk}/status/'] button[type=submit]")
    page.wait_for_url(f"**/backoffice/meldingen/{report.pk}/")
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED

    # 4. The reporter (and the neighbour who follows) are told.
    resolved = Notification.objects.get(person=reporter, event="report.resolved")
    assert resolved.context["message"] == "De ploeg heeft alles opgeruimd."
    assert (
        FollowerEmail.objects.filter(
            email="buur@example.test", notify_event="report.resolved"
        ).count()
        == 1
    )

    # 5. The public page shows the message and no personal data.
    page.goto(f"/meldingen/{report.pk}/")
    main = page.locator("main").inner_text()
    assert "De ploeg heeft alles opgeruimd." in main
    assert "Sofie" not in main
    assert "buur@example.test" not in main
    assert_no_axe_violations(page)


def test_the_public_map_and_list(page: Any, menen: Any) -> None:
    page.goto("/meldingen/gemeente/menen/")
    page.wait_for_selector("#reports-map .leaflet-overlay-pane path")
    assert_no_axe_violations(page)
