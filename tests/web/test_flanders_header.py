"""The Flemish global header: only for a municipality that switched it on, with the
resident's login state for setProfile, and the page works without it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from loket.config.env import LoketSettings
from loket.people.models import Person
from loket.tenancy.models import Municipality
from tests.web.helpers import sign_in_resident

WIDGET = "0f8a3c1e-1234-4abc-9def-0123456789ab"


@pytest.fixture
def header_on(settings: Any, municipality: Municipality) -> Municipality:
    settings.LOKET_FLANDERS_HEADER_WIDGETS = {municipality.nis_code: WIDGET}
    settings.LOKET_FLANDERS_HEADER_SCRIPT_URL = (
        "https://tni.widgets.burgerprofiel.dev-vlaanderen.be/api/v2/widget/{id}/entry"
    )
    return municipality


def _catalogue(client: Client, municipality: Municipality) -> str:
    response = client.get(reverse("catalog:portal", args=[municipality.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_off_by_default(client: Client, municipality: Municipality) -> None:
    page = _catalogue(client, municipality)
    assert "flanders-global-header" not in page
    assert "widgets.burgerprofiel" not in page


def test_shown_for_the_municipality_that_switched_it_on(
    client: Client, header_on: Municipality, other_municipality: Municipality
) -> None:
    page = _catalogue(client, header_on)
    assert f'data-widget-id="{WIDGET}"' in page
    assert 'data-logged-in="false"' in page
    script = f"https://tni.widgets.burgerprofiel.dev-vlaanderen.be/api/v2/widget/{WIDGET}/entry"
    assert f'<script src="{script}" defer>' in page
    assert "web/flanders-header.js" in page
    # Loket's own sign-in link stays: the page works without the widget's JavaScript.
    assert reverse("web:resident-login") in page
    assert "flanders-global-header" not in _catalogue(client, other_municipality)


def test_carries_the_residents_login_state(
    client: Client, header_on: Municipality, resident: Person
) -> None:
    sign_in_resident(client, resident)
    page = _catalogue(client, header_on)
    assert 'data-logged-in="true"' in page
    assert f'data-name="{resident.last_name}"' in page
    # and on pages without a municipality in the address, the resident's own one
    home = client.get(reverse("web:home")).content.decode()
    assert 'data-logged-in="true"' in home


def test_the_setting_reads_nis_widget_pairs() -> None:
    parsed = LoketSettings(LOKET_FLANDERS_HEADER_WIDGETS=f"44021={WIDGET}, 11002=abc")  # type: ignore[call-arg]
    assert parsed.LOKET_FLANDERS_HEADER_WIDGETS == {"44021": WIDGET, "11002": "abc"}
    with pytest.raises(ValueError, match="NIS=widget-id"):
        LoketSettings(LOKET_FLANDERS_HEADER_WIDGETS="Gent=abc")  # type: ignore[call-arg]
