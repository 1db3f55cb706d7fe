"""The real OpenID Connect provider of the sign-in tests (tests/identity/oidc_provider.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client

from loket.identity import oidc
from tests.identity.oidc_provider import OidcTestProvider

PUBLIC = "http://127.0.0.1:8000"


@pytest.fixture(scope="session")
def oidc_server() -> Iterator[OidcTestProvider]:
    server = OidcTestProvider()
    server.start()
    for code in ("fas", "itsme"):
        server.client_add(
            f"loket-{code}",
            f"secret-{code}",
            redirect_uris=[f"{PUBLIC}/aanmelden/{code}/terug/"],
            post_logout_redirect_uris=[f"{PUBLIC}/"],
        )
    server.client_add(
        "loket-staff",
        "secret-staff",
        redirect_uris=[f"{PUBLIC}/backoffice/aanmelden/oidc/town-idp/terug/"],
        post_logout_redirect_uris=[f"{PUBLIC}/backoffice/aanmelden/"],
    )
    yield server
    server.stop()


@pytest.fixture
def oidc_provider(oidc_server: OidcTestProvider) -> Iterator[OidcTestProvider]:
    """The provider, with its controls reset and Loket's cached discovery forgotten."""
    oidc_server.reset()
    oidc._apps.clear()
    yield oidc_server
    oidc_server.reset()
    oidc._apps.clear()


def at_provider(client: Client, start: str, **params: str) -> Any:
    """Start the sign-in at `start`, let the provider answer (as the browser would follow
    its redirect) and bring its answer back to Loket's callback; Loket's answer."""
    response = client.get(start, params)
    assert response.status_code == 302, response.content[:500]
    back = requests.get(response["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text[:500]
    callback = urlsplit(back.headers["Location"])
    assert f"{callback.scheme}://{callback.netloc}" == PUBLIC
    return client.get(f"{callback.path}?{callback.query}")
