"""Open data: what is published leaks nothing (adversarial data with small groups, personal
details and exact points), small cells are suppressed, and the DCAT-AP 3.0 catalogue
conforms to the official shapes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pyshacl import validate
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic

from loket.cases.models import Case
from loket.opendata.datasets import LATITUDE_STEP, LONGITUDE_STEP, grid_point
from loket.opendata.models import PublishedFile
from loket.opendata.services import open_data_publish
from loket.participation.models import (
    SatisfactionAnswer,
    SatisfactionInvitation,
    SurveyAnswer,
    SurveyArea,
)
from loket.people.models import Person
from loket.queue.models import Ticket
from loket.reports.models import Category, Report
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory
from tests.queue.helpers import office_make, queue_make

SHAPES = Path(__file__).resolve().parents[1] / "fixtures" / "dcat-ap"
BASE = "https://loket.example"
SECRET_TEXT = "Kapotte-stoep-bij-nummer-17-ZEER-GEHEIM"
EXACT = (50.827312, 3.264891)


@pytest.fixture(autouse=True)
def _public_url(settings: Any, tmp_path: Path) -> None:
    settings.LOKET_PUBLIC_URL = BASE
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = tmp_path / "documents"


def _category(municipality: Municipality, code: str, *, visibility: str = "public") -> Category:
    return Category.objects.create(
        region=municipality.region,
        code=code,
        name_nl=f"{code} nl",
        name_fr=f"{code} fr",
        name_en=f"{code} en",
        default_visibility=visibility,
    )


def _report(municipality: Municipality, category: Category, person: Person, n: int) -> Report:
    return Report.objects.create(
        region=municipality.region,
        municipality=municipality,
        category=category,
        is_public=category.default_visibility == "public",
        description=f"{SECRET_TEXT} {n}",
        latitude=EXACT[0] + n * 0.00001,
        longitude=EXACT[1] + n * 0.00001,
        address="Grote Markt 17, 8500 Kortrijk",
        reporter_person=person,
        reporter_name=f"{person.first_names} {person.last_name}",
        reporter_email="marieke.vandenbroucke@example.org",
        reporter_phone="+32470123456",
        source="portal",
        status_note=SECRET_TEXT,
    )


@pytest.fixture
def world(municipality: Municipality, resident_actor: Actor, resident: Person) -> dict[str, Any]:
    """A municipality with small groups on purpose: a public category with 3 reports beside
    one with 12, a sensitive category with 15; 12 requests for one product in a month and 4
    in the next; 11 tickets in a month and 3 in the next; 12 survey answers in a period (9
    of them naming one area) and 9 in the next."""
    people = [
        PersonFactory(
            municipality=municipality,
            first_names="Marieke",
            last_name=f"Vandenbroucke{n}",
        )
        for n in range(3)
    ]
    potholes = _category(municipality, "potholes")
    graffiti = _category(municipality, "graffiti")
    violence = _category(municipality, "domestic-noise", visibility="private")
    for n in range(12):
        _report(municipality, potholes, people[n % 3], n)
    for n in range(3):
        _report(municipality, graffiti, people[0], n)
    for n in range(15):
        _report(municipality, violence, people[1], n)

    catalog_product("residence-certificate")
    cases = [
        certificate_request(actor=resident_actor, municipality=municipality, applicant=resident)
        for _ in range(16)
    ]
    january = timezone.make_aware(dt.datetime(2026, 1, 15, 10))
    february = timezone.make_aware(dt.datetime(2026, 2, 15, 10))
    Case.objects.filter(pk__in=[c.pk for c in cases[:12]]).update(submitted_at=january)
    Case.objects.filter(pk__in=[c.pk for c in cases[12:]]).update(submitted_at=february)

    office = office_make(municipality)
    queue = queue_make(office)
    for n, (day, count) in enumerate(((dt.date(2026, 3, 2), 11), (dt.date(2026, 4, 1), 3))):
        for k in range(count):
            taken = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
            Ticket.objects.create(
                municipality=municipality,
                office=office,
                queue=queue,
                day=day,
                sequence=100 * n + k + 1,
                code=f"A{100 * n + k + 1}",
                status="done",
                channel="kiosk",
                phone="+32470123456",
                taken_at=taken,
                called_at=taken + dt.timedelta(minutes=k),
                finished_at=taken + dt.timedelta(minutes=k + 5),
                person=people[2],
            )
    parks = SurveyArea.objects.create(
        municipality=municipality, name_nl="Parken", name_fr="Parcs", name_en="Parks"
    )
    safety = SurveyArea.objects.create(
        municipality=municipality, name_nl="Veiligheid", name_fr="Sécurité", name_en="Safety"
    )
    for n in range(12):
        SurveyAnswer.objects.create(
            municipality=municipality,
            period_start=dt.date(2026, 5, 1),
            score=7,
            area_ids=[parks.pk] if n < 9 else [safety.pk, parks.pk] if n < 10 else [],
            age_band="30-44",
            district="8500",
        )
    for _ in range(9):
        SurveyAnswer.objects.create(
            municipality=municipality, period_start=dt.date(2026, 6, 1), score=4
        )
    # After a service: 10 answers in May about requests (with a comment that must never
    # leave) and 3 in June about reports (suppressed).
    for n, (day, kind, score) in enumerate(
        [(dt.date(2026, 5, 4), "case", 5 if k < 7 else 3) for k in range(10)]
        + [(dt.date(2026, 6, 8), "report", 1)] * 3
    ):
        invitation = SatisfactionInvitation.objects.create(
            municipality=municipality,
            person=PersonFactory(municipality=municipality),
            service_kind=kind,
            service_reference=f"open-data-{n}",
            invited_on=day,
            window=(day, day + dt.timedelta(days=7)),
        )
        SatisfactionAnswer.objects.create(
            invitation=invitation,
            municipality=municipality,
            service_kind=kind,
            subject_name="Marieke Vandenbroucke",
            score=score,
            comment=SECRET_TEXT,
            answered_on=day,
        )
    return {"people": people, "resident": resident}


def _files(municipality: Municipality | None = None) -> list[PublishedFile]:
    return list(PublishedFile.objects.filter(municipality=municipality))


def _csv(name: str, municipality: Municipality) -> list[dict[str, str]]:
    published = PublishedFile.objects.get(
        municipality=municipality, dataset=name, file_format="csv"
    )
    return list(csv.DictReader(io.StringIO(bytes(published.content).decode("utf-8"))))


@pytest.mark.django_db
def test_no_published_file_holds_personal_data_text_or_an_exact_place(
    world: dict[str, Any], municipality: Municipality
) -> None:
    open_data_publish()

    files = _files(municipality) + _files(None)
    assert {f.dataset for f in files} == {
        "meldingen",
        "aanvragen",
        "wachttijden",
        "geluk",
        "tevredenheid",
    }
    forbidden = [SECRET_TEXT, "Grote Markt", "marieke", "Vandenbroucke", "0470123456"]
    for person in [*world["people"], world["resident"]]:
        forbidden += [person.national_number, person.last_name, person.email or "@"]
    for published in files:
        text = bytes(published.content).decode("utf-8")
        for value in forbidden:
            assert value.lower() not in text.lower(), (published, value)
        assert str(EXACT[0]) not in text
        assert "50.8273" not in text


@pytest.mark.django_db
def test_reports_are_on_the_grid_and_small_or_sensitive_categories_are_left_out(
    world: dict[str, Any], municipality: Municipality
) -> None:
    open_data_publish()

    geojson = json.loads(
        bytes(
            PublishedFile.objects.get(
                municipality=municipality, dataset="meldingen", file_format="geojson"
            ).content
        )
    )
    features = geojson["features"]
    assert len(features) == 12
    assert {f["properties"]["category"] for f in features} == {"potholes"}
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == grid_point(lat, lon)
        # The centre of a cell: half a step from the cell's edges.
        assert abs((lat / LATITUDE_STEP) % 1 - 0.5) < 1e-6
        assert abs((lon / LONGITUDE_STEP) % 1 - 0.5) < 1e-6
        assert abs(lat - EXACT[0]) < LATITUDE_STEP
        assert abs(lon - EXACT[1]) < LONGITUDE_STEP
        assert set(feature["properties"]) == {
            "municipality_nis",
            "category",
            "category_nl",
            "category_fr",
            "category_en",
            "status",
            "month",
            "days_to_close",
        }
    rows = _csv("meldingen", municipality)
    assert len(rows) == 12


@pytest.mark.django_db
def test_counts_under_ten_are_suppressed(world: dict[str, Any], municipality: Municipality) -> None:
    open_data_publish()

    requests = {row["month"]: row for row in _csv("aanvragen", municipality)}
    assert requests["2026-01"]["requests"] == "12"
    assert requests["2026-01"]["suppressed"] == "false"
    assert requests["2026-02"]["requests"] == ""
    assert requests["2026-02"]["suppressed"] == "true"

    waits = {row["month"]: row for row in _csv("wachttijden", municipality)}
    assert waits["2026-03"]["tickets"] == "11"
    assert float(waits["2026-03"]["median_wait_minutes"]) == 5.0
    assert waits["2026-04"] == {
        **waits["2026-04"],
        "tickets": "",
        "median_wait_minutes": "",
        "p90_wait_minutes": "",
        "suppressed": "true",
    }

    happiness = _csv("geluk", municipality)
    overall = {r["period_start"]: r for r in happiness if not r["improvement_area_en"]}
    assert overall["2026-05-01"]["respondents"] == "12"
    assert overall["2026-05-01"]["average_happiness"] == "7.0"
    assert overall["2026-06-01"]["respondents"] == ""
    assert overall["2026-06-01"]["average_happiness"] == ""
    areas = {r["improvement_area_en"]: r for r in happiness if r["improvement_area_en"]}
    assert areas["Parks"]["respondents"] == "10"
    assert areas["Safety"]["respondents"] == ""
    assert areas["Safety"]["suppressed"] == "true"
    satisfaction = {(r["month"], r["service"]): r for r in _csv("tevredenheid", municipality)}
    assert satisfaction["2026-05", "case"] == {
        **satisfaction["2026-05", "case"],
        "answers": "10",
        "average_score": "4.4",
        "share_satisfied": "0.7",
        "suppressed": "false",
    }
    assert satisfaction["2026-06", "report"] == {
        **satisfaction["2026-06", "report"],
        "answers": "",
        "average_score": "",
        "share_satisfied": "",
        "suppressed": "true",
    }
    for rows in (requests.values(), waits.values(), happiness, satisfaction.values()):
        for row in rows:
            for key in ("requests", "tickets", "respondents", "answers"):
                if row.get(key):
                    assert int(row[key]) >= 10


@pytest.mark.django_db
def test_the_region_file_repeats_the_municipal_cells_and_a_rerun_changes_nothing(
    world: dict[str, Any], municipality: Municipality, other_municipality: Municipality
) -> None:
    first = open_data_publish()
    region_rows = list(
        csv.DictReader(
            io.StringIO(
                bytes(
                    PublishedFile.objects.get(
                        municipality=None, dataset="aanvragen", file_format="csv"
                    ).content
                ).decode("utf-8")
            )
        )
    )
    assert region_rows == _csv("aanvragen", municipality)
    modified = {f.pk: f.modified_at for f in PublishedFile.objects.all()}

    second = open_data_publish()

    assert first.files == second.files
    assert second.changed == 0
    assert {f.pk: f.modified_at for f in PublishedFile.objects.all()} == modified


def _conformance(data: Graph) -> tuple[bool, str, int]:
    shapes = Graph()
    shapes.parse(SHAPES / "dcat-ap-3.0.0-SHACL.ttl", format="turtle")
    shapes.parse(SHAPES / "dcat-ap-3.0.0-range.ttl", format="turtle")
    conforms, results, text = validate(data, shacl_graph=shapes, inference="none")
    result = URIRef("http://www.w3.org/ns/shacl#ValidationResult")
    return conforms, text, len(list(results.subjects(RDF.type, result)))


@pytest.mark.django_db
@pytest.mark.parametrize("scope", ["municipality", "region"])
def test_the_catalogue_conforms_to_dcat_ap_3(
    client: Client, world: dict[str, Any], municipality: Municipality, scope: str
) -> None:
    open_data_publish()
    base = (
        f"/{municipality.slug}/open-data/"
        if scope == "municipality"
        else f"/open-data/{municipality.region.slug}/"
    )

    jsonld = client.get(base + "catalogus.jsonld")
    turtle = client.get(base + "catalogus.ttl")

    assert jsonld.status_code == 200
    assert jsonld["Content-Type"].startswith("application/ld+json")
    assert turtle.status_code == 200
    assert turtle["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=jsonld.content, format="json-ld")
    assert isomorphic(graph, Graph().parse(data=turtle.content, format="turtle"))
    conforms, text, violations = _conformance(graph)
    assert (conforms, violations) == (True, 0), text
    dcat = "http://www.w3.org/ns/dcat#"
    datasets = set(graph.subjects(RDF.type, URIRef(dcat + "Dataset")))
    distributions = set(graph.subjects(RDF.type, URIRef(dcat + "Distribution")))
    assert len(datasets) == 5
    assert len(distributions) == 6
    for distribution in distributions:
        url = str(graph.value(distribution, URIRef(dcat + "downloadURL")))
        assert url.startswith(BASE + base)
        download = client.get(url.removeprefix(BASE))
        assert download.status_code == 200, url
        assert download["Access-Control-Allow-Origin"] == "*"
    licence = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
    assert (None, URIRef("http://purl.org/dc/terms/license"), URIRef(licence)) in graph


@pytest.mark.django_db
def test_the_pages_list_the_downloads_and_unknown_files_are_not_found(
    client: Client,
    world: dict[str, Any],
    municipality: Municipality,
    other_municipality: Municipality,
) -> None:
    before = client.get(f"/{municipality.slug}/open-data/")
    assert before.status_code == 200
    open_data_publish()

    page = client.get(f"/{municipality.slug}/open-data/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f"/{municipality.slug}/open-data/meldingen.geojson" in html
    assert "CC BY 4.0" in html
    region = client.get(f"/open-data/{municipality.region.slug}/")
    assert region.status_code == 200
    assert f"/{other_municipality.slug}/open-data/" in region.content.decode()
    index = client.get("/open-data/")
    assert index.status_code == 200
    download = client.get(f"/{municipality.slug}/open-data/aanvragen.csv")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    again = client.get(
        f"/{municipality.slug}/open-data/aanvragen.csv", HTTP_IF_NONE_MATCH=download["ETag"]
    )
    assert again.status_code == 304
    assert client.get(f"/{municipality.slug}/open-data/aanvragen.geojson").status_code == 404
    assert client.get(f"/{municipality.slug}/open-data/unknown.csv").status_code == 404
    assert client.get("/no-such-place/open-data/aanvragen.csv").status_code == 404
    assert client.get("/open-data/no-such-region/catalogus.ttl").status_code == 404
    assert re.search(r"catalogus\.jsonld", html)
