"""Open311 GeoReport v2: every endpoint in JSON and XML, and every error of the specification.

JSON answers are validated against the definitions of the published Swagger description
(tests/reports/data, CC BY 3.0); XML answers are parsed back and checked element by element.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml
from django.test import Client
from django.utils import timezone
from PIL import Image

from loket.reports.models import Open311Client, Report, ReportSource
from loket.reports.services import (
    ReportIntake,
    open311_client_create,
    open311_client_revoke,
    report_create,
    report_merge,
)
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import ANONYMOUS, Actor
from loket.tenancy.services import region_create
from tests.reports.conftest import (
    KORTRIJK_POINT,
    LILLE_POINT,
    MENEN_POINT,
    ReportsRegion,
    jpeg_bytes,
)

SWAGGER = yaml.safe_load(
    (Path(__file__).parent / "data" / "georeport_v2-1.swagger.yaml").read_text()
)
BASE = "/open311/v2"


def _schema(definition: str) -> dict[str, Any]:
    return {"$ref": f"#/definitions/{definition}", "definitions": SWAGGER["definitions"]}


def _without_nulls(value: Any) -> Any:
    """The specification maps an empty XML element to JSON null; Swagger has no nullable
    fields, so an empty value is checked as an absent one."""
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


def assert_valid(value: Any, definition: str) -> None:
    jsonschema.validate(_without_nulls(value), _schema(definition))


def xml_root(response: Any) -> ElementTree.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith('<?xml version="1.0" encoding="utf-8"?>')
    return ElementTree.fromstring(response.content)


def json_body(response: Any) -> Any:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def errors_of(response: Any) -> list[dict[str, Any]]:
    if response["Content-Type"].startswith("text/xml"):
        root = xml_root(response)
        assert root.tag == "errors"
        return [
            {"code": int(error.findtext("code") or 0), "description": error.findtext("description")}
            for error in root.findall("error")
        ]
    return json_body(response)  # type: ignore[no-any-return]


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
            description="Afval",
            latitude=point[0],
            longitude=point[1],
            **kwargs,
        ),
    )


@pytest.fixture
def key(open311_key: tuple[Open311Client, str]) -> str:
    return open311_key[1]


def _post(client: Client, fmt: str = "json", **data: Any) -> Any:
    return client.post(f"{BASE}/requests.{fmt}", data)


# --- discovery ----------------------------------------------------------------------


def test_discovery_json_and_xml(client: Client, zwvl: ReportsRegion) -> None:
    data = json_body(client.get(f"{BASE}/discovery.json"))
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert endpoint["type"] == "test"
    root = xml_root(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]
    assert root.findtext("endpoints/endpoint/url") == "http://testserver/open311/v2"


# --- services -----------------------------------------------------------------------


def test_services_json_for_the_region(client: Client, zwvl: ReportsRegion) -> None:
    response = client.get(f"{BASE}/services.json", {"jurisdiction_id": "zwvl"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    services = json_body(response)
    for service in services:
        assert_valid(service, "Service")
    by_code = {service["service_code"]: service for service in services}
    assert len(by_code) == 35
    assert by_code["illegal-dumping"] == {
        "service_code": "illegal-dumping",
        "service_name": "Illegal dumping",
        "description": "Waste someone left in the street or in nature.",
        "metadata": True,
        "type": "realtime",
        "keywords": "waste, rubbish, bags, fly-tipping",
        "group": "Cleanliness and illegal dumping",
    }
    assert by_code["litter"]["metadata"] is False


def test_services_speak_the_language_asked_for(client: Client, zwvl: ReportsRegion) -> None:
    services = json_body(client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="fr"))
    assert {s["service_code"]: s["service_name"] for s in services}[
        "illegal-dumping"
    ] == "Dépôt clandestin"


def test_services_xml_is_the_default_format(client: Client, zwvl: ReportsRegion) -> None:
    for path in (f"{BASE}/services", f"{BASE}/services.xml"):
        root = xml_root(client.get(path, {"jurisdiction_id": "zwvl"}))
        assert root.tag == "services"
        services = root.findall("service")
        assert len(services) == 35
        dumping = next(s for s in services if s.findtext("service_code") == "illegal-dumping")
        assert [child.tag for child in dumping] == [
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        ]
        assert dumping.findtext("metadata") == "true"


def test_a_municipality_jurisdiction_lists_what_it_accepts(
    client: Client, zwvl: ReportsRegion
) -> None:
    zwvl.categories["pothole"].mappings.filter(municipality=zwvl.menen).update(is_active=False)
    menen = {
        s["service_code"]
        for s in json_body(client.get(f"{BASE}/services.json", {"jurisdiction_id": "34027"}))
    }
    kortrijk = {
        s["service_code"]
        for s in json_body(client.get(f"{BASE}/services.json", {"jurisdiction_id": "34022"}))
    }
    assert "pothole" not in menen
    assert "pothole" in kortrijk


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_jurisdiction_is_404(client: Client, zwvl: ReportsRegion, fmt: str) -> None:
    for jurisdiction in ("nowhere", "99999"):
        response = client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": jurisdiction})
        assert response.status_code == 404
        assert errors_of(response) == [
            {"code": 404, "description": f"jurisdiction_id {jurisdiction} was not found."}
        ]


def test_without_jurisdiction_several_regions_need_one(client: Client, zwvl: ReportsRegion) -> None:
    region_create(slug="second", name_nl="Tweede", name_fr="Deuxième")
    response = client.get(f"{BASE}/services.json")
    assert response.status_code == 400
    assert errors_of(response) == [
        {"code": 400, "description": "jurisdiction_id was not provided."}
    ]
    assert client.get(f"{BASE}/services.json", {"jurisdiction_id": "zwvl"}).status_code == 200


# --- service definition -------------------------------------------------------------


def test_service_definition_json(client: Client, zwvl: ReportsRegion) -> None:
    data = json_body(
        client.get(f"{BASE}/services/illegal-dumping.json", {"jurisdiction_id": "zwvl"})
    )
    assert_valid(data, "ServiceDefinition")
    assert data["service_code"] == "illegal-dumping"
    attribute = data["attributes"][0]
    assert {
        key: attribute[key] for key in ("variable", "code", "datatype", "required", "order")
    } == {
        "variable": True,
        "code": "waste_type",
        "datatype": "singlevaluelist",
        "required": False,
        "order": 1,
    }
    assert attribute["values"][0] == {"key": "bags", "name": "Rubbish bags"}


def test_service_definition_xml(client: Client, zwvl: ReportsRegion) -> None:
    root = xml_root(client.get(f"{BASE}/services/illegal-dumping.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "illegal-dumping"
    attribute = root.find("attributes/attribute")
    assert attribute is not None
    assert attribute.findtext("code") == "waste_type"
    assert [value.findtext("key") for value in attribute.findall("values/value")] == [
        "bags",
        "bulky",
        "construction",
        "hazardous",
        "other",
    ]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_service_code_is_404(client: Client, zwvl: ReportsRegion, fmt: str) -> None:
    response = client.get(f"{BASE}/services/unicorns.{fmt}")
    assert response.status_code == 404
    assert errors_of(response) == [
        {"code": 404, "description": "service_code unicorns was not found."}
    ]


# --- POST requests --------------------------------------------------------------------


def test_post_a_request_form_encoded(client: Client, zwvl: ReportsRegion, key: str) -> None:
    response = client.post(
        f"{BASE}/requests.json",
        "api_key=" + key + "&jurisdiction_id=zwvl&service_code=illegal-dumping"
        "&lat=50.79622&long=3.12296&email=melder%40example.test&first_name=Ann&last_name=Peeters"
        "&phone=0470&description=Zakken+afval&device_id=dev1&account_id=acc9"
        "&media_url=https%3A%2F%2Fphotos.example%2F1.jpg&attribute%5Bwaste_type%5D=bulky",
        content_type="application/x-www-form-urlencoded; charset=utf-8",
    )
    assert response.status_code == 200
    data = json_body(response)
    assert_valid(data[0], "RequestResponse")
    report = Report.objects.get()
    assert data == [
        {
            "service_request_id": str(report.pk),
            "service_notice": "We aim to deal with this within 5 days.",
            "account_id": "acc9",
        }
    ]
    assert report.source == ReportSource.OPEN311
    assert report.municipality == zwvl.menen
    assert report.attributes == {"waste_type": "bulky"}
    assert report.media_url == "https://photos.example/1.jpg"
    assert (report.reporter_name, report.reporter_email, report.reporter_phone) == (
        "Ann Peeters",
        "melder@example.test",
        "0470",
    )
    assert report.followers.get().email == "melder@example.test"


def test_post_answers_xml(client: Client, zwvl: ReportsRegion, key: str) -> None:
    response = _post(
        client, "xml", api_key=key, service_code="litter", lat=MENEN_POINT[0], long=MENEN_POINT[1]
    )
    root = xml_root(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert request is not None
    assert request.findtext("service_request_id") == str(Report.objects.get().pk)
    assert request.find("account_id") is not None


def test_post_with_an_address_string_only(client: Client, zwvl: ReportsRegion, key: str) -> None:
    response = _post(
        client, api_key=key, service_code="pothole", address_string="Rijselstraat 5, 8930 Menen"
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert (report.municipality, report.address, report.latitude) == (
        zwvl.menen,
        "Rijselstraat 5, 8930 Menen",
        None,
    )


def test_post_with_an_address_id_needs_a_municipality_jurisdiction(
    client: Client, zwvl: ReportsRegion, key: str
) -> None:
    response = _post(client, api_key=key, service_code="pothole", address_id="A-1234")
    assert response.status_code == 400
    response = _post(
        client, api_key=key, service_code="pothole", address_id="A-1234", jurisdiction_id="34022"
    )
    assert response.status_code == 200
    assert Report.objects.get().address_id == "A-1234"


def test_post_with_media_files_stores_them_without_exif(
    client: Client, zwvl: ReportsRegion, key: str
) -> None:
    photo = io.BytesIO(jpeg_bytes(gps=MENEN_POINT))
    photo.name = "IMG_0001.jpg"
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "service_code": "graffiti",
            "lat": MENEN_POINT[0],
            "long": MENEN_POINT[1],
            "media": photo,
        },
    )
    assert response.status_code == 200
    report = Report.objects.get()
    stored = report.photos.get()
    with stored.image.open("rb") as handle:
        assert dict(Image.open(io.BytesIO(handle.read())).getexif()) == {}
    detail = json_body(client.get(f"{BASE}/requests/{report.pk}.json"))
    assert detail[0]["media_url"] == f"http://testserver/meldingen/foto/{stored.pk}/"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_without_api_key_is_403_and_creates_nothing(
    client: Client, zwvl: ReportsRegion, fmt: str
) -> None:
    response = _post(client, fmt, service_code="litter", lat=MENEN_POINT[0], long=MENEN_POINT[1])
    assert response.status_code == 403
    assert errors_of(response) == [
        {
            "code": 403,
            "description": "api_key is missing: an api_key is needed to create a request.",
        }
    ]
    assert Report.objects.count() == 0


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_with_a_wrong_or_revoked_api_key_is_403(
    client: Client,
    zwvl: ReportsRegion,
    key: str,
    open311_key: tuple[Open311Client, str],
    menen_handler: Actor,
    fmt: str,
) -> None:
    wrong = _post(
        client,
        fmt,
        api_key=key + "x",
        service_code="litter",
        lat=MENEN_POINT[0],
        long=MENEN_POINT[1],
    )
    assert wrong.status_code == 403
    assert (
        errors_of(wrong)[0]["description"]
        == "Invalid api_key received: can't proceed with create_request."
    )
    Open311Client.objects.filter(pk=open311_key[0].pk).update(is_active=False)
    revoked = _post(
        client, fmt, api_key=key, service_code="litter", lat=MENEN_POINT[0], long=MENEN_POINT[1]
    )
    assert revoked.status_code == 403
    assert Report.objects.count() == 0


def test_an_api_key_of_another_region_is_refused(client: Client, zwvl: ReportsRegion) -> None:
    other = region_create(slug="elsewhere", name_nl="Elders", name_fr="Ailleurs")
    _client, other_key = open311_client_create(actor=None, region=other, name="Other")
    response = _post(
        client,
        api_key=other_key,
        jurisdiction_id="zwvl",
        service_code="litter",
        lat=MENEN_POINT[0],
        long=MENEN_POINT[1],
    )
    assert response.status_code == 403
    assert Report.objects.count() == 0


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_without_service_code_is_400(
    client: Client, zwvl: ReportsRegion, key: str, fmt: str
) -> None:
    response = _post(client, fmt, api_key=key, lat=MENEN_POINT[0], long=MENEN_POINT[1])
    assert response.status_code == 400
    assert errors_of(response) == [{"code": 400, "description": "service_code was not provided."}]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_with_an_unknown_service_code_is_404(
    client: Client, zwvl: ReportsRegion, key: str, fmt: str
) -> None:
    response = _post(
        client, fmt, api_key=key, service_code="unicorns", lat=MENEN_POINT[0], long=MENEN_POINT[1]
    )
    assert response.status_code == 404
    assert errors_of(response) == [
        {"code": 404, "description": "service_code unicorns was not found."}
    ]
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"lat": "abc", "long": "3.1"}, "lat and long must be numbers (WGS84 degrees)."),
        (
            {"lat": "95", "long": "3.1"},
            "lat must lie between -90 and 90 and long between -180 and 180.",
        ),
        (
            {"lat": "50.1", "long": "-181"},
            "lat must lie between -90 and 90 and long between -180 and 180.",
        ),
        (
            {"lat": "nan", "long": "3.1"},
            "lat must lie between -90 and 90 and long between -180 and 180.",
        ),
        ({"lat": "50.79622"}, "lat and long must be sent together."),
        ({}, "A location is needed: send lat and long, address_string or address_id."),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_with_bad_coordinates_is_400(
    client: Client,
    zwvl: ReportsRegion,
    key: str,
    fmt: str,
    params: dict[str, str],
    description: str,
) -> None:
    response = _post(client, fmt, api_key=key, service_code="litter", **params)
    assert response.status_code == 400
    assert errors_of(response) == [{"code": 400, "description": description}]
    assert Report.objects.count() == 0


def test_post_outside_the_region_is_400_with_a_clear_message(
    client: Client, zwvl: ReportsRegion, key: str
) -> None:
    response = _post(
        client, api_key=key, service_code="litter", lat=LILLE_POINT[0], long=LILLE_POINT[1]
    )
    assert response.status_code == 400
    assert errors_of(response)[0]["description"].startswith(
        "This place lies outside South-West Flanders."
    )


def test_post_in_another_municipality_than_the_jurisdiction_is_400(
    client: Client, zwvl: ReportsRegion, key: str
) -> None:
    response = _post(
        client,
        api_key=key,
        jurisdiction_id="34027",
        service_code="litter",
        lat=KORTRIJK_POINT[0],
        long=KORTRIJK_POINT[1],
    )
    assert response.status_code == 400
    assert errors_of(response) == [
        {"code": 400, "description": "This place lies in Kortrijk, not in Menen."}
    ]


def test_post_lists_every_problem_at_once(client: Client, zwvl: ReportsRegion, key: str) -> None:
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "service_code": "illegal-dumping",
            "lat": MENEN_POINT[0],
            "long": MENEN_POINT[1],
            "attribute[waste_type]": "gold",
            "attribute[colour][]": ["red", "blue"],
        },
    )
    assert response.status_code == 400
    assert errors_of(response) == [
        {"code": 400, "description": "“colour” is not a question of this category."},
        {"code": 400, "description": "“gold” is not a choice of “What kind of waste?”."},
    ]


def test_post_with_bad_contact_fields_is_400(client: Client, zwvl: ReportsRegion, key: str) -> None:
    response = _post(
        client,
        api_key=key,
        service_code="litter",
        lat=MENEN_POINT[0],
        long=MENEN_POINT[1],
        email="not-an-address",
        media_url="javascript:alert(1)",
        description="x" * 4001,
    )
    assert response.status_code == 400
    assert [error["description"] for error in errors_of(response)] == [
        "email is not a valid email address.",
        "media_url must be an http or https URL.",
        "description may be at most 4,000 characters long.",
    ]


def test_post_is_rate_limited_per_api_key(client: Client, zwvl: ReportsRegion) -> None:
    _client, limited_key = open311_client_create(
        actor=None, region=zwvl.region, name="Small", requests_per_minute=2
    )
    codes = [
        _post(
            client,
            api_key=limited_key,
            service_code="litter",
            lat=MENEN_POINT[0],
            long=MENEN_POINT[1],
        ).status_code
        for _ in range(3)
    ]
    assert codes[:2] == [200, 200]
    if codes[2] == 200:  # the minute turned between the calls: one more must be refused
        codes[2] = _post(
            client,
            api_key=limited_key,
            service_code="litter",
            lat=MENEN_POINT[0],
            long=MENEN_POINT[1],
        ).status_code
    assert codes[2] == 429
    response = _post(
        client, api_key=limited_key, service_code="litter", lat=MENEN_POINT[0], long=MENEN_POINT[1]
    )
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert errors_of(response)[0]["code"] == 429
    assert Report.objects.count() == 2


def test_get_on_a_post_only_path_and_unknown_paths(client: Client, zwvl: ReportsRegion) -> None:
    response = client.delete(f"{BASE}/requests.json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    unknown = client.get(f"{BASE}/nothing-here.json")
    assert unknown.status_code == 404
    assert errors_of(unknown) == [
        {"code": 404, "description": "There is no such Open311 resource."}
    ]
    assert xml_root(client.get(f"{BASE}/nothing-here")).tag == "errors"


# --- GET requests -------------------------------------------------------------------


def test_get_requests_json_lists_public_reports_without_personal_data(
    client: Client, zwvl: ReportsRegion
) -> None:
    from loket.reports.services import Reporter

    report = _report(
        zwvl, reporter=Reporter(name="Geheim", email="geheim@example.test", phone="0499")
    )
    _report(zwvl, code="abandoned-vehicle")  # private category: never listed
    response = client.get(f"{BASE}/requests.json")
    data = json_body(response)
    assert len(data) == 1
    assert_valid(data[0], "Request")
    assert data[0]["service_request_id"] == str(report.pk)
    assert data[0]["status"] == "open"
    assert data[0]["service_code"] == "illegal-dumping"
    assert data[0]["agency_responsible"] == "Cleanliness"
    assert data[0]["lat"] == MENEN_POINT[0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data[0]["requested_datetime"])
    text = response.content.decode()
    assert "Geheim" not in text
    assert "geheim@example.test" not in text
    assert "0499" not in text


def test_get_requests_xml(client: Client, zwvl: ReportsRegion) -> None:
    report = _report(zwvl)
    root = xml_root(client.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests"
    request = root.find("request")
    assert request is not None
    assert [child.tag for child in request] == [
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
    ]
    assert request.findtext("service_request_id") == str(report.pk)
    assert request.findtext("lat") == str(MENEN_POINT[0])


def test_control_characters_never_break_the_xml(client: Client, zwvl: ReportsRegion) -> None:
    report = _report(zwvl)
    Report.objects.filter(pk=report.pk).update(description="bad \x0b char & <tag>")
    root = xml_root(client.get(f"{BASE}/requests.xml"))
    assert root.findtext("request/description") == "bad  char & <tag>"


def test_get_requests_filters(client: Client, zwvl: ReportsRegion, menen_handler: Actor) -> None:
    dumping = _report(zwvl)
    pothole = _report(zwvl, code="pothole")
    litter = _report(zwvl, code="litter")
    from loket.reports.services import report_update

    report_update(
        actor=menen_handler,
        report_id=litter.pk,
        to_status=ReportStatus.RESOLVED,
        message="Opgeruimd",
    )

    def ids(**params: str) -> list[int]:
        return [
            int(item["service_request_id"])
            for item in json_body(client.get(f"{BASE}/requests.json", params))
        ]

    assert ids() == [litter.pk, pothole.pk, dumping.pk]
    assert ids(status="open") == [pothole.pk, dumping.pk]
    assert ids(status="closed") == [litter.pk]
    assert ids(status="open,closed") == [litter.pk, pothole.pk, dumping.pk]
    assert ids(service_code="pothole") == [pothole.pk]
    assert ids(service_code="pothole,illegal-dumping") == [pothole.pk, dumping.pk]
    assert ids(service_request_id=f"{dumping.pk},{litter.pk}", status="open") == [
        litter.pk,
        dumping.pk,
    ]
    closed = json_body(client.get(f"{BASE}/requests.json", {"status": "closed"}))[0]
    assert closed["status_notes"] == "Opgeruimd"
    assert closed["updated_datetime"] is not None
    assert ids(jurisdiction_id="34022") == []
    assert ids(jurisdiction_id="34027") == [litter.pk, pothole.pk, dumping.pk]


def test_get_requests_date_range(client: Client, zwvl: ReportsRegion) -> None:
    old = _report(zwvl)
    recent = _report(zwvl)
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=100))

    def ids(**params: str) -> list[int]:
        return [
            int(item["service_request_id"])
            for item in json_body(client.get(f"{BASE}/requests.json", params))
        ]

    assert ids() == [recent.pk]  # the most recent 90 days by default
    start = (timezone.now() - dt.timedelta(days=120)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (timezone.now() - dt.timedelta(days=60)).strftime("%Y-%m-%dT%H:%M:%S+01:00")
    assert ids(start_date=start, end_date=end) == [old.pk]
    assert ids(start_date=start) == [old.pk]
    assert ids(end_date=(timezone.now() + dt.timedelta(days=1)).date().isoformat()) == [recent.pk]


BAD_DATE = (
    "%s is not a valid date-time: use the W3C format with a time zone, for example "
    "2010-01-01T00:00:00Z."
)


@pytest.mark.parametrize(
    ("params", "description"),
    [
        (
            {"start_date": "yesterday"},
            BAD_DATE % "start_date",
        ),
        (
            {"end_date": "2024-13-01T00:00:00Z"},
            BAD_DATE % "end_date",
        ),
        (
            {"start_date": "2024-01-01T00:00:00"},
            BAD_DATE % "start_date",
        ),
        (
            {"start_date": "2024-03-01T00:00:00Z", "end_date": "2024-02-01T00:00:00Z"},
            "end_date lies before start_date.",
        ),
        (
            {"start_date": "2024-01-01T00:00:00Z", "end_date": "2024-06-01T00:00:00Z"},
            "start_date and end_date may not span more than 90 days.",
        ),
        ({"status": "pending"}, "status pending is not valid: use open or closed."),
        ({"service_code": "unicorns"}, "service_code unicorns was not found."),
        (
            {"service_request_id": "12,abc"},
            "service_request_id must be numbers separated by commas.",
        ),
        ({"page": "0"}, "page must be a whole number from 1 to 100000."),
        ({"page_size": "5000"}, "page_size must be a whole number from 1 to 1000."),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_get_requests_with_invalid_filters_is_400(
    client: Client, zwvl: ReportsRegion, fmt: str, params: dict[str, str], description: str
) -> None:
    response = client.get(f"{BASE}/requests.{fmt}", params)
    assert response.status_code == 400
    assert errors_of(response) == [{"code": 400, "description": description}]


def test_get_requests_paging(client: Client, zwvl: ReportsRegion) -> None:
    reports = [_report(zwvl) for _ in range(5)]
    newest_first = [report.pk for report in reversed(reports)]
    first = client.get(f"{BASE}/requests.json", {"page_size": "2"})
    assert [int(item["service_request_id"]) for item in json_body(first)] == newest_first[:2]
    assert (
        first["Link"]
        == '<http://testserver/open311/v2/requests.json?page_size=2&page=2>; rel="next"'
    )
    third = client.get(f"{BASE}/requests.json", {"page_size": "2", "page": "3"})
    assert [int(item["service_request_id"]) for item in json_body(third)] == newest_first[4:]
    assert "Link" not in third


def test_get_requests_is_a_constant_number_of_queries(
    client: Client, zwvl: ReportsRegion, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        _report(zwvl)
    with django_assert_max_num_queries(6):
        assert len(json_body(client.get(f"{BASE}/requests.json"))) == 30


def test_a_merged_request_is_closed_with_a_note(
    client: Client, zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    original, duplicate = _report(zwvl), _report(zwvl)
    report_merge(actor=menen_handler, duplicate_id=duplicate.pk, target_id=original.pk)
    data = json_body(client.get(f"{BASE}/requests/{duplicate.pk}.json"))[0]
    assert data["status"] == "closed"
    assert data["status_notes"] == f"This problem was already reported as report {original.pk}."


# --- GET one request, tokens ------------------------------------------------------------


@pytest.mark.parametrize("path", ["requests", "request"])
def test_get_one_request_json_and_xml(client: Client, zwvl: ReportsRegion, path: str) -> None:
    report = _report(zwvl)
    data = json_body(client.get(f"{BASE}/{path}/{report.pk}.json"))
    assert len(data) == 1
    assert_valid(data[0], "Request")
    assert data[0]["service_request_id"] == str(report.pk)
    root = xml_root(client.get(f"{BASE}/{path}/{report.pk}.xml"))
    assert root.findtext("request/service_request_id") == str(report.pk)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_or_private_request_is_404(
    client: Client, zwvl: ReportsRegion, fmt: str
) -> None:
    private = _report(zwvl, code="abandoned-vehicle")
    for report_id in (private.pk, 999999):
        response = client.get(f"{BASE}/requests/{report_id}.{fmt}")
        assert response.status_code == 404
        assert errors_of(response) == [
            {"code": 404, "description": f"service_request_id {report_id} was not found."}
        ]


def test_the_app_that_made_a_private_request_may_read_it(
    client: Client, zwvl: ReportsRegion, key: str
) -> None:
    response = _post(
        client,
        api_key=key,
        service_code="abandoned-vehicle",
        lat=MENEN_POINT[0],
        long=MENEN_POINT[1],
    )
    report_id = json_body(response)[0]["service_request_id"]
    assert client.get(f"{BASE}/requests/{report_id}.json").status_code == 404
    mine = client.get(f"{BASE}/requests/{report_id}.json", {"api_key": key})
    assert json_body(mine)[0]["service_code"] == "abandoned-vehicle"


def test_tokens_json_and_xml(client: Client, zwvl: ReportsRegion) -> None:
    report = _report(zwvl)
    data = json_body(client.get(f"{BASE}/tokens/{report.token}.json"))
    assert data == [{"service_request_id": str(report.pk), "token": report.token}]
    assert_valid(data[0], "TokenResponse")
    root = xml_root(client.get(f"{BASE}/tokens/{report.token}.xml"))
    assert root.tag == "service_requests"
    assert root.findtext("request/service_request_id") == str(report.pk)
    assert root.findtext("request/token") == report.token


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_token_is_404(client: Client, zwvl: ReportsRegion, fmt: str) -> None:
    response = client.get(f"{BASE}/tokens/abc123.{fmt}")
    assert response.status_code == 404
    assert errors_of(response) == [{"code": 404, "description": "token abc123 was not found."}]


def test_a_revoked_key_is_refused_right_away(
    client: Client, zwvl: ReportsRegion, key: str, open311_key: tuple[Open311Client, str]
) -> None:
    from loket.tenancy.access import actor_for_user
    from loket.tenancy.permissions import Role
    from tests.reports.conftest import staff

    admin = actor_for_user(staff(None, Role.REGIONAL_ADMIN, region=zwvl.region))
    open311_client_revoke(actor=admin, client_id=open311_key[0].pk)
    assert (
        _post(
            client, api_key=key, service_code="litter", lat=MENEN_POINT[0], long=MENEN_POINT[1]
        ).status_code
        == 403
    )
