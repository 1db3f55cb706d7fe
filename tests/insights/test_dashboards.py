"""The dashboard pages: a municipality's charts as pictures, tables and CSV; the regional
comparison; the period filter; the channel targets; and isolation between municipalities."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from lxml import etree

from loket.insights.models import ChannelTargets
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import MunicipalityFactory, RegionFactory, staff_member

PERIOD = "van=2026-01&tot=2026-06"


@pytest.mark.django_db
@pytest.mark.usefixtures("figures")
def test_the_dashboard_shows_every_chart_with_its_table(
    admin_client: Client, municipality: Municipality
) -> None:
    response = admin_client.get(f"/backoffice/inzichten/{municipality.pk}/?{PERIOD}")

    assert response.status_code == 200
    html = response.content.decode()
    for slug in (
        "kanalen",
        "digitaal",
        "aanvragen",
        "doorlooptijd",
        "meldingen",
        "wachttijd",
        "afspraken",
        "geluk",
        "tevredenheid",
    ):
        assert f'id="grafiek-{slug}"' in html
        query = PERIOD.replace("&", "&amp;")
        assert f"/backoffice/inzichten/{municipality.pk}/{slug}.svg?{query}" in html
        assert f"/backoffice/inzichten/{municipality.pk}/{slug}.csv?{query}" in html
    # The channel mix: 5 digital of 10 contacts (6 contact moments, 4 online requests).
    assert '<th scope="row">Digital</th><td>5</td><td>50.0</td><td>50</td>' in html


@pytest.mark.django_db
@pytest.mark.usefixtures("figures")
def test_the_csv_holds_the_tables_figures(admin_client: Client, municipality: Municipality) -> None:
    response = admin_client.get(f"/backoffice/inzichten/{municipality.pk}/wachttijd.csv?{PERIOD}")

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Month",
        "Tickets called",
        "Median wait (minutes)",
        "Called within 5 minutes (%)",
    ]
    assert rows[1][1:] == ["12", "2.0", "83.3"]
    satisfaction = admin_client.get(
        f"/backoffice/inzichten/{municipality.pk}/tevredenheid.csv?{PERIOD}"
    )
    rows = list(csv.reader(io.StringIO(satisfaction.content.decode("utf-8-sig"))))
    # 11 answers: average 46 / 11, 8 of them satisfied (4 or 5).
    assert rows[1][1:] == ["11", "4.2", "72.7"]


@pytest.mark.django_db
@pytest.mark.usefixtures("figures")
def test_the_chart_is_an_svg_document_with_its_own_policy(
    admin_client: Client, municipality: Municipality
) -> None:
    response = admin_client.get(f"/backoffice/inzichten/{municipality.pk}/kanalen.svg?{PERIOD}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = etree.fromstring(response.content)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Contacts per channel against the targets" in response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy
    assert "script-src" not in policy
    assert "default-src 'none'" in policy


@pytest.mark.django_db
@pytest.mark.usefixtures("figures")
def test_a_bad_period_is_explained_and_the_default_shown(
    admin_client: Client, municipality: Municipality
) -> None:
    response = admin_client.get(f"/backoffice/inzichten/{municipality.pk}/?van=maart&tot=2026-06")

    assert response.status_code == 200
    assert "Write the months as YYYY-MM" in response.content.decode()
    reversed_period = admin_client.get(
        f"/backoffice/inzichten/{municipality.pk}/?van=2026-06&tot=2026-01"
    )
    assert "The first month comes after the last." in reversed_period.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("figures")
def test_the_comparison_shows_the_regions_municipalities_only(
    admin_client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    elsewhere = MunicipalityFactory(region=RegionFactory(), name_nl="Ver Weg")

    response = admin_client.get(f"/backoffice/inzichten/regio/?{PERIOD}")

    assert response.status_code == 200
    html = response.content.decode()
    assert municipality.name in html
    assert other_municipality.name in html
    assert elsewhere.name not in html
    table = admin_client.get(f"/backoffice/inzichten/regio/binnen-5.csv?{PERIOD}")
    rows = list(csv.reader(io.StringIO(table.content.decode("utf-8-sig"))))
    assert rows[1] == [municipality.name, "83.3", "12"]
    happiness = admin_client.get(f"/backoffice/inzichten/regio/geluk.csv?{PERIOD}")
    assert list(csv.reader(io.StringIO(happiness.content.decode("utf-8-sig"))))[1] == [
        municipality.name,
        "7.5",
        "12",
    ]
    satisfaction = admin_client.get(f"/backoffice/inzichten/regio/tevredenheid.csv?{PERIOD}")
    rows = list(csv.reader(io.StringIO(satisfaction.content.decode("utf-8-sig"))))
    assert rows[1] == [municipality.name, "4.2", "11"]
    assert admin_client.get("/backoffice/inzichten/regio/onbekend.svg").status_code == 404


@pytest.mark.django_db
@pytest.mark.usefixtures("figures")
def test_another_municipalitys_dashboard_and_targets_are_not_found(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(
        staff_member(other_municipality, Role.MUNICIPAL_ADMIN, preferred_language="en")
    )

    for url in (
        f"/backoffice/inzichten/{municipality.pk}/",
        f"/backoffice/inzichten/{municipality.pk}/kanalen.svg",
        f"/backoffice/inzichten/{municipality.pk}/kanalen.csv",
    ):
        assert client.get(url).status_code == 404
    response = client.post(
        f"/backoffice/inzichten/{municipality.pk}/doelen/",
        {"digital": 70, "phone": 10, "counter": 15, "home_visit": 5},
    )
    assert response.status_code == 404
    assert not ChannelTargets.objects.exists()


@pytest.mark.django_db
def test_a_clerk_has_no_dashboard(municipality: Municipality) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staff_member(municipality, Role.CLERK, preferred_language="en"))

    assert client.get(f"/backoffice/inzichten/{municipality.pk}/").status_code == 403


@pytest.mark.django_db
def test_the_targets_must_make_one_hundred(
    admin_client: Client, municipality: Municipality, settings: Any
) -> None:
    wrong = admin_client.post(
        f"/backoffice/inzichten/{municipality.pk}/doelen/",
        {"digital": 70, "phone": 20, "counter": 20, "home_visit": 5},
    )
    assert wrong.status_code == 400
    assert "must make 100 %" in wrong.content.decode()
    assert not ChannelTargets.objects.exists()

    right = admin_client.post(
        f"/backoffice/inzichten/{municipality.pk}/doelen/",
        {"digital": 70, "phone": 10, "counter": 15, "home_visit": 5},
    )

    assert right.status_code == 302
    targets = ChannelTargets.objects.get(municipality=municipality)
    assert (targets.digital, targets.phone, targets.counter, targets.home_visit) == (70, 10, 15, 5)
