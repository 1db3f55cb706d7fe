"""Resident sign-in with OpenID Connect (FAS/CSAM, itsme) against a real provider."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client

from loket.identity.models import OidcIdentity
from loket.identity.oidc import OIDC_SESSION_KEY
from loket.identity.services import SESSION_KEY
from loket.people.models import Person
from loket.tenancy.models import Municipality
from tests.factories import PersonFactory
from tests.identity.conftest import PUBLIC, at_provider
from tests.identity.oidc_provider import OidcTestProvider

pytestmark = pytest.mark.django_db

NRN_CLAIM = "egovNRN"
NOT_VERIFIED = "kon niet worden gecontroleerd"


@pytest.fixture(autouse=True)
def _oidc_settings(settings: Any, oidc_provider: OidcTestProvider) -> None:
    settings.LOKET_RESIDENT_LOGIN = ["demo", "fas", "itsme"]
    settings.LOKET_PUBLIC_URL = PUBLIC
    settings.LOKET_RESIDENT_OIDC = {
        code: {
            "issuer": oidc_provider.issuer,
            "client_id": f"loket-{code}",
            "client_secret": f"secret-{code}",
            "scopes": "openid profile",
            "nrn_claim": NRN_CLAIM,
            "userinfo": code == "fas",
            "label": "",
        }
        for code in ("fas", "itsme")
    }


@pytest.fixture
def person(municipality: Municipality) -> Person:
    return PersonFactory(municipality=municipality, first_names="Lotte", last_name="Maes")


def _signed_in(client: Client) -> Any:
    return client.session.get(SESSION_KEY)


def test_the_sign_in_page_offers_both_providers(client: Client) -> None:
    html = client.get("/aanmelden/").content.decode()
    assert 'href="/aanmelden/fas/?next=' in html
    assert 'href="/aanmelden/itsme/?next=' in html
    assert 'href="/aanmelden/demo/?next=' in html  # the demo plugin stays


@pytest.mark.parametrize("code", ["fas", "itsme"])
def test_happy_path_signs_in_the_resident_with_that_number(
    client: Client, oidc_provider: OidcTestProvider, person: Person, code: str
) -> None:
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})

    response = at_provider(client, f"/aanmelden/{code}/", next="/mijn/")

    assert response.status_code == 302
    assert response["Location"] == "/mijn/"
    assert _signed_in(client) == person.pk
    stored = client.session[OIDC_SESSION_KEY]
    assert stored["provider"] == code
    assert stored["sub"] == "subject-lotte"
    assert OidcIdentity.objects.filter(
        provider=code, subject="subject-lotte", person=person
    ).exists()
    page = client.get("/mijn/").content.decode()
    assert "Lotte" in page


def test_the_number_can_come_from_userinfo(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    """FAS tells the national register number in userinfo (LOKET_FAS_USERINFO, on here);
    the itsme plugin of this test reads the ID token only."""
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    oidc_provider.controls.userinfo_only = frozenset({NRN_CLAIM})

    assert at_provider(client, "/aanmelden/itsme/").status_code == 403
    assert _signed_in(client) is None

    assert at_provider(client, "/aanmelden/fas/").status_code == 302
    assert _signed_in(client) == person.pk


def test_a_lower_assurance_level_than_asked_for_is_refused(
    client: Client, oidc_provider: OidcTestProvider, person: Person, settings: Any
) -> None:
    fas = settings.LOKET_RESIDENT_OIDC["fas"]
    settings.LOKET_RESIDENT_OIDC = {
        **settings.LOKET_RESIDENT_OIDC,
        "fas": {**fas, "acr_values": "urn:test:loa:high urn:test:loa:substantial"},
    }
    oidc_provider.sign_in_as(
        "subject-lotte", acr="urn:test:loa:low", **{NRN_CLAIM: person.national_number}
    )

    assert at_provider(client, "/aanmelden/fas/").status_code == 403
    assert _signed_in(client) is None
    assert oidc_provider.authorize_requests[0]["acr_values"] == (
        "urn:test:loa:high urn:test:loa:substantial"
    )

    oidc_provider.sign_in_as(
        "subject-lotte", acr="urn:test:loa:substantial", **{NRN_CLAIM: person.national_number}
    )
    assert at_provider(client, "/aanmelden/fas/").status_code == 302
    assert _signed_in(client) == person.pk


def test_pkce_state_and_nonce_are_sent(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})

    at_provider(client, "/aanmelden/fas/")

    [authorize] = oidc_provider.authorize_requests
    [token] = oidc_provider.token_requests
    assert authorize["code_challenge_method"] == "S256"
    assert authorize["state"]
    assert authorize["nonce"]
    assert authorize["redirect_uri"] == f"{PUBLIC}/aanmelden/fas/terug/"
    verifier = token["code_verifier"]
    digest = hashlib.sha256(verifier.encode()).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == authorize["code_challenge"]


@pytest.mark.parametrize(
    "control", ["expired", "wrong_key", "wrong_nonce", "wrong_audience", "wrong_issuer"]
)
def test_a_bad_id_token_is_refused(
    client: Client, oidc_provider: OidcTestProvider, person: Person, control: str
) -> None:
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    setattr(oidc_provider.controls, control, True)

    response = at_provider(client, "/aanmelden/fas/", next="/mijn/")

    assert response.status_code == 403
    assert NOT_VERIFIED in response.content.decode()
    assert _signed_in(client) is None
    assert OIDC_SESSION_KEY not in client.session
    assert not OidcIdentity.objects.exists()
    assert len(oidc_provider.token_requests) == 1  # the token was fetched, then refused


def test_a_tampered_state_is_refused_before_the_code_is_used(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    oidc_provider.controls.wrong_state = True

    response = at_provider(client, "/aanmelden/fas/")

    assert response.status_code == 403
    assert NOT_VERIFIED in response.content.decode()
    assert _signed_in(client) is None
    assert oidc_provider.token_requests == []


def test_a_provider_error_is_refused(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    oidc_provider.controls.error = "access_denied"

    response = at_provider(client, "/aanmelden/fas/")

    assert response.status_code == 403
    assert _signed_in(client) is None


def test_a_callback_from_another_browser_signs_nobody_in(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    """Login CSRF: an attacker's authorization response, opened in the victim's browser,
    does not match the victim's session."""
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    attacker = Client()
    started = attacker.get("/aanmelden/fas/")
    back = requests.get(started["Location"], allow_redirects=False, timeout=10)
    callback = urlsplit(back.headers["Location"])

    response = client.get(f"{callback.path}?{callback.query}")

    assert response.status_code == 403
    assert _signed_in(client) is None
    assert oidc_provider.token_requests == []


def test_a_callback_works_once(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    started = client.get("/aanmelden/fas/")
    back = requests.get(started["Location"], allow_redirects=False, timeout=10)
    callback = urlsplit(back.headers["Location"])
    assert client.get(f"{callback.path}?{callback.query}").status_code == 302
    client.post("/afmelden/")

    replay = client.get(f"{callback.path}?{callback.query}")

    assert replay.status_code == 403
    assert _signed_in(client) is None


def test_a_resident_outside_the_register_gets_a_clear_message(
    client: Client, oidc_provider: OidcTestProvider, municipality: Municipality
) -> None:
    oidc_provider.sign_in_as("stranger", **{NRN_CLAIM: "85073100297"})

    response = at_provider(client, "/aanmelden/fas/")

    assert response.status_code == 403
    assert "niet in het bevolkingsregister" in response.content.decode()
    assert _signed_in(client) is None


def test_no_national_number_claim_is_refused(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    oidc_provider.sign_in_as("subject-lotte", email="lotte@example.org")

    response = at_provider(client, "/aanmelden/itsme/")

    assert response.status_code == 403
    assert "rijksregisternummer" in response.content.decode()
    assert _signed_in(client) is None


def test_a_foreign_next_page_is_not_followed(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})

    response = at_provider(client, "/aanmelden/fas/", next="https://evil.example/steal")

    assert response.status_code == 302
    assert response["Location"] == "/mijn/"
    assert _signed_in(client) == person.pk


def test_a_subject_cannot_switch_to_another_resident(
    client: Client, oidc_provider: OidcTestProvider, person: Person, municipality: Municipality
) -> None:
    """Account confusion: once linked, a provider's subject stays the same resident."""
    other = PersonFactory(municipality=municipality)
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    at_provider(client, "/aanmelden/fas/")
    client.post("/afmelden/")
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: other.national_number})

    response = at_provider(client, "/aanmelden/fas/")

    assert response.status_code == 403
    assert _signed_in(client) is None
    # The same subject at another provider is another identity.
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: other.national_number})
    assert at_provider(client, "/aanmelden/itsme/").status_code == 302
    assert _signed_in(client) == other.pk


def test_sign_out_ends_the_session_at_the_provider_too(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    at_provider(client, "/aanmelden/fas/")
    id_token = client.session[OIDC_SESSION_KEY]["id_token"]

    response = client.post("/afmelden/")

    assert _signed_in(client) is None
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{oidc_provider.issuer}/logout"
    )
    query = parse_qs(location.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == [f"{PUBLIC}/"]
    # The provider accepts the hint (its own signature) and sends the browser back home.
    ended = requests.get(response["Location"], allow_redirects=False, timeout=10)
    assert ended.status_code == 302
    assert ended.headers["Location"].startswith(f"{PUBLIC}/?state=")
    [ended_request] = oidc_provider.end_session_requests
    assert ended_request["client_id"] == "loket-fas"


def test_sign_out_stays_local_when_the_provider_offers_no_end_session(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    oidc_provider.offer_end_session = False
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    at_provider(client, "/aanmelden/fas/")

    response = client.post("/afmelden/")

    assert response["Location"] == "/"
    assert _signed_in(client) is None
    assert oidc_provider.end_session_requests == []


def test_an_unreachable_provider_gives_a_message_not_a_crash(
    client: Client, settings: Any, person: Person
) -> None:
    settings.LOKET_RESIDENT_OIDC = {
        **settings.LOKET_RESIDENT_OIDC,
        "fas": {**settings.LOKET_RESIDENT_OIDC["fas"], "issuer": "http://127.0.0.1:9"},
    }

    response = client.get("/aanmelden/fas/")

    assert response.status_code == 503
    assert "niet beschikbaar" in response.content.decode()


def test_an_answer_for_one_provider_is_refused_at_another(
    client: Client, oidc_provider: OidcTestProvider, person: Person
) -> None:
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    started = client.get("/aanmelden/fas/")
    back = requests.get(started["Location"], allow_redirects=False, timeout=10)
    query = urlsplit(back.headers["Location"]).query

    response = client.get(f"/aanmelden/itsme/terug/?{query}")

    assert response.status_code == 403
    assert _signed_in(client) is None
    assert oidc_provider.token_requests == []


def test_refused_sign_ins_count_towards_the_lockout(
    client: Client, oidc_provider: OidcTestProvider, person: Person, settings: Any
) -> None:
    settings.LOKET_LOGIN_MAX_FAILURES_PER_ADDRESS = 2
    oidc_provider.sign_in_as("subject-lotte", **{NRN_CLAIM: person.national_number})
    oidc_provider.controls.wrong_key = True
    assert at_provider(client, "/aanmelden/fas/").status_code == 403
    assert at_provider(client, "/aanmelden/fas/").status_code == 403
    oidc_provider.controls.wrong_key = False

    response = at_provider(client, "/aanmelden/fas/")

    assert response.status_code == 429
    assert _signed_in(client) is None
