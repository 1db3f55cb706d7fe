"""Open311 input at the edges: dates at the end of the calendar, texts longer than their
stored field. Each is an Open311 error (400, XML or JSON as asked), never a 500, and
nothing is stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from loket.reports.models import Open311Client, Report
from tests.reports.conftest import ReportsRegion

BASE = "/open311/v2"


@pytest.fixture
def key(open311_key: tuple[Open311Client, str]) -> str:
    return open311_key[1]


def _errors(response: Any) -> list[dict[str, Any]]:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("params", "description"),
    [
        (
            {"start_date": "9999-12-31T23:59:59Z"},
            "start_date must lie between the years 1900 and 2999.",
        ),
        ({"end_date": "0001-01-01"}, "end_date must lie between the years 1900 and 2999."),
        (
            {"start_date": "0001-01-01T00:00:00+01:00"},
            "start_date must lie between the years 1900 and 2999.",
        ),
        ({"end_date": "9999-12-31"}, "end_date must lie between the years 1900 and 2999."),
    ],
)
def test_dates_at_the_edge_of_the_calendar_are_open311_400s(
    client: Client, zwvl: ReportsRegion, params: dict[str, str], description: str
) -> None:
    response = client.get(f"{BASE}/requests.json", {"jurisdiction_id": "zwvl", **params})

    assert response.status_code == 400
    assert _errors(response) == [{"code": 400, "description": description}]


def test_dates_near_the_edge_still_work(client: Client, zwvl: ReportsRegion) -> None:
    response = client.get(
        f"{BASE}/requests.json",
        {"jurisdiction_id": "zwvl", "start_date": "2999-10-03T00:00:00Z", "end_date": "2999-12-31"},
    )

    assert response.status_code == 200
    assert _errors(response) == []


def _post(client: Client, key: str, **fields: str) -> Any:
    data = {
        "api_key": key,
        "jurisdiction_id": "zwvl",
        "service_code": "illegal-dumping",
        "lat": "50.79622",
        "long": "3.12296",
        **fields,
    }
    return client.post(f"{BASE}/requests.json", data)


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("device_id", 100),
        ("account_id", 100),
        ("address_string", 300),
        ("phone", 30),
        ("first_name", 200),
        ("attribute[waste_type]", 1000),
    ],
)
def test_a_text_longer_than_its_field_is_refused_not_cut(
    client: Client, zwvl: ReportsRegion, key: str, field: str, limit: int
) -> None:
    response = _post(client, key, **{field: "x" * 10_000})

    assert response.status_code == 400
    assert _errors(response) == [
        {"code": 400, "description": f"{field} may be at most {limit} characters long."}
    ]
    assert Report.objects.count() == 0


def test_a_name_of_ten_thousand_characters_is_refused(
    client: Client, zwvl: ReportsRegion, key: str
) -> None:
    response = _post(client, key, first_name="A" * 150, last_name="B" * 150)

    assert response.status_code == 400
    assert _errors(response) == [
        {
            "code": 400,
            "description": "first_name and last_name together may be at most 199 characters long.",
        }
    ]
    assert Report.objects.count() == 0


def test_an_email_longer_than_its_field_is_refused(
    client: Client, zwvl: ReportsRegion, key: str
) -> None:
    response = _post(client, key, email="a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".be")

    assert response.status_code == 400
    assert _errors(response) == [
        {"code": 400, "description": "email may be at most 254 characters long."}
    ]


def test_texts_at_their_limit_are_stored_whole(
    client: Client, zwvl: ReportsRegion, key: str
) -> None:
    response = _post(client, key, device_id="d" * 100, account_id="a" * 100, phone="0" * 30)

    assert response.status_code == 200
    report = Report.objects.get()
    assert (report.device_id, report.account_id, report.reporter_phone) == (
        "d" * 100,
        "a" * 100,
        "0" * 30,
    )
