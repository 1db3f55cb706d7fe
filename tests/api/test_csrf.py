"""Session-authenticated unsafe requests must pass Django's CSRF check; tokens need none."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.tenancy.permissions import Role
from tests.api.conftest import bearer
from tests.factories import staff_member

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.probe_urls")]

CSRF_SECRET = "k" * 32
NOTE = {"text": "Call back on Monday", "count": 1}


def test_a_session_post_without_csrf_token_is_refused(municipality, staff_session):
    browser = staff_session(staff_member(municipality, Role.CLERK), enforce_csrf_checks=True)

    response = browser.post("/probe/notes", NOTE, content_type="application/json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"


def test_a_session_post_with_the_csrf_token_passes(municipality, staff_session):
    browser = staff_session(staff_member(municipality, Role.CLERK), enforce_csrf_checks=True)
    browser.cookies["csrftoken"] = CSRF_SECRET

    response = browser.post(
        "/probe/notes", NOTE, content_type="application/json", headers={"X-CSRFToken": CSRF_SECRET}
    )

    assert response.status_code == 200
    assert response.json() == {"kind": "staff", "text": "Call back on Monday"}


def test_a_resident_session_post_needs_the_csrf_token_too(municipality, resident, resident_session):
    browser = resident_session(resident, enforce_csrf_checks=True)

    response = browser.post("/probe/notes", NOTE, content_type="application/json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"


def test_a_session_get_needs_no_csrf_token(municipality, staff_session):
    browser = staff_session(staff_member(municipality, Role.CLERK), enforce_csrf_checks=True)

    response = browser.get("/api/v1/me")

    assert response.status_code == 200


def test_a_token_post_needs_no_csrf_token(municipality, token_for):
    _api_client, token = token_for(region=municipality.region, municipality=municipality)

    response = Client(enforce_csrf_checks=True).post(
        "/probe/notes", NOTE, content_type="application/json", headers=bearer(token)
    )

    assert response.status_code == 200
    assert response.json()["kind"] == "integration"


def test_an_anonymous_post_is_401_not_a_csrf_failure(db):
    response = Client(enforce_csrf_checks=True).post(
        "/probe/notes", NOTE, content_type="application/json"
    )

    assert response.status_code == 401
