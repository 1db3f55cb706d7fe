"""itsme's stricter OpenID Connect: the authorization request as a request object signed with
Loket's private key, and the ID token encrypted to Loket's encryption key; both against the
real provider of the tests, which refuses a request object signed with another key. An
unencrypted ID token, or one encrypted for someone else, is refused. Loket publishes its
public keys for the provider."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from joserfc.jwk import RSAKey

from loket.identity.oidc import OIDC_SESSION_KEY
from loket.identity.services import SESSION_KEY
from loket.people.models import Person
from loket.tenancy.models import Municipality
from tests.factories import PersonFactory
from tests.identity.conftest import PUBLIC, at_provider
from tests.identity.oidc_provider import OidcTestProvider

pytestmark = pytest.mark.django_db

NRN_CLAIM = "http://itsme.services/v2/claim/BENationalNumber"
CLIENT = "loket-itsme-strict"


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Any]:
    signing = RSAKey.generate_key(2048, parameters={"kid": "loket-sig"})
    encryption = RSAKey.generate_key(2048, parameters={"kid": "loket-enc"})
    signing_file = tmp_path / "signing.pem"
    signing_file.write_bytes(signing.as_pem(private=True))
    encryption_file = tmp_path / "encryption.jwk"
    encryption_file.write_text(json.dumps(encryption.as_dict(private=True)))
    return {
        "signing": signing,
        "encryption": encryption,
        "signing_file": signing_file,
        "encryption_file": encryption_file,
    }


def _public(key: RSAKey) -> RSAKey:
    return RSAKey.import_key(key.as_dict(private=False))


@pytest.fixture
def itsme(settings: Any, oidc_provider: OidcTestProvider, keys: dict[str, Any]) -> OidcTestProvider:
    oidc_provider.client_add(
        CLIENT,
        "",
        redirect_uris=[f"{PUBLIC}/aanmelden/itsme/terug/"],
        post_logout_redirect_uris=[f"{PUBLIC}/"],
        public_key=_public(keys["signing"]),
        require_request_object=True,
        encryption_key=_public(keys["encryption"]),
    )
    settings.LOKET_RESIDENT_LOGIN = ["demo", "itsme"]
    settings.LOKET_PUBLIC_URL = PUBLIC
    settings.LOKET_RESIDENT_OIDC = {
        "itsme": {
            "issuer": oidc_provider.issuer,
            "client_id": CLIENT,
            "client_secret": "",
            "scopes": "openid service:LOKET profile eid",
            "nrn_claim": NRN_CLAIM,
            "userinfo": False,
            "label": "",
            "client_auth": "private_key_jwt",
            "private_key_file": keys["signing_file"],
            "request_object": True,
            "encryption_key_file": keys["encryption_file"],
        }
    }
    return oidc_provider


@pytest.fixture
def person(municipality: Municipality) -> Person:
    return PersonFactory(municipality=municipality, first_names="Lotte", last_name="Maes")


def test_signed_request_and_encrypted_id_token_sign_the_resident_in(
    client: Client, itsme: OidcTestProvider, person: Person
) -> None:
    itsme.sign_in_as("itsme-lotte", **{NRN_CLAIM: person.national_number})
    response = at_provider(client, "/aanmelden/itsme/", next="/mijn/")
    assert response["Location"] == "/mijn/"
    assert client.session[SESSION_KEY] == person.pk
    [sent] = itsme.authorize_requests
    [request_object] = itsme.request_objects
    assert request_object["iss"] == CLIENT
    assert request_object["aud"] == itsme.issuer
    assert request_object["exp"] - request_object["iat"] == 300
    assert request_object["jti"]
    for name in ("state", "nonce", "redirect_uri", "code_challenge", "scope"):
        assert request_object[name] == sent[name]
    # The provider sent an encrypted ID token (5 parts); the session keeps the signed one.
    [id_token] = itsme.id_tokens_sent
    assert id_token.count(".") == 4
    assert client.session[OIDC_SESSION_KEY]["id_token"].count(".") == 2


def test_a_request_object_signed_with_another_key_is_refused_by_the_provider(
    client: Client, itsme: OidcTestProvider, person: Person, tmp_path: Path, settings: Any
) -> None:
    other = tmp_path / "other.pem"
    other.write_bytes(RSAKey.generate_key(2048).as_pem(private=True))
    settings.LOKET_RESIDENT_OIDC["itsme"]["private_key_file"] = other
    itsme.sign_in_as("itsme-lotte", **{NRN_CLAIM: person.national_number})
    response = at_provider(client, "/aanmelden/itsme/", next="/mijn/")
    assert response.status_code == 403  # the refusal page, no session
    assert SESSION_KEY not in client.session
    assert not itsme.request_objects
    assert not itsme.id_tokens_sent


def test_an_unencrypted_id_token_is_refused(
    client: Client, itsme: OidcTestProvider, person: Person
) -> None:
    itsme.controls.plain_id_token = True
    itsme.sign_in_as("itsme-lotte", **{NRN_CLAIM: person.national_number})
    response = at_provider(client, "/aanmelden/itsme/", next="/mijn/")
    assert response.status_code == 403  # the refusal page, no session
    assert SESSION_KEY not in client.session
    assert itsme.id_tokens_sent[0].count(".") == 2  # it was sent, signed only


def test_an_id_token_encrypted_for_another_key_is_refused(
    client: Client, itsme: OidcTestProvider, person: Person
) -> None:
    itsme.clients[CLIENT].encryption_key = _public(RSAKey.generate_key(2048))
    itsme.sign_in_as("itsme-lotte", **{NRN_CLAIM: person.national_number})
    response = at_provider(client, "/aanmelden/itsme/", next="/mijn/")
    assert response.status_code == 403  # the refusal page, no session
    assert SESSION_KEY not in client.session


def test_the_public_keys_are_published_without_their_private_parts(
    client: Client, itsme: OidcTestProvider, keys: dict[str, Any]
) -> None:
    response = client.get("/aanmelden/itsme/jwks.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk-set+json"
    published = {key["use"]: key for key in response.json()["keys"]}
    assert set(published) == {"sig", "enc"}
    assert published["sig"]["n"] == keys["signing"].as_dict()["n"]
    assert published["enc"]["n"] == keys["encryption"].as_dict()["n"]
    assert not any("d" in key or "p" in key for key in published.values())
    assert client.get("/aanmelden/demo/jwks.json").status_code == 404
    assert client.get("/aanmelden/nobody/jwks.json").status_code == 404
