"""Staff sign-in through the municipality's identity provider (ACM/IDM, Entra ID) against
a real OpenID Connect provider: account mapping, roles from claims, MFA, refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY as STAFF_SESSION_KEY
from django.test import Client
from joserfc.jwk import RSAKey

from loket.accounts.models import User
from loket.config.env import LoketSettings
from loket.identity.mfa import MFA_SESSION_KEY
from loket.identity.models import OidcIdentity, OidcMembershipGrant
from loket.identity.staff_oidc import OIDC_MFA_SESSION_KEY
from loket.tenancy.models import Membership, Municipality
from loket.tenancy.permissions import Role
from tests.factories import MembershipFactory, UserFactory, staff_member
from tests.identity.conftest import PUBLIC, at_provider
from tests.identity.oidc_provider import OidcTestProvider

pytestmark = pytest.mark.django_db

START = "/backoffice/aanmelden/oidc/town-idp/"


@pytest.fixture(autouse=True)
def _staff_provider(
    settings: Any, oidc_provider: OidcTestProvider, municipality: Municipality
) -> None:
    settings.LOKET_PUBLIC_URL = PUBLIC
    settings.LOKET_STAFF_OIDC_PROVIDERS = [
        {
            "code": "town-idp",
            "municipality": municipality.nis_code,
            "label": "Town Entra ID",
            "issuer": oidc_provider.issuer,
            "client_id": "loket-staff",
            "client_secret": "secret-staff",
            "scopes": "openid email profile",
            "userinfo": False,
            "user_claim": "email",
            "user_field": "email",
            "provision": False,
            "roles_claim": "roles",
            "role_map": {"Loket.Clerk": "clerk", "Loket.Head": "department_head"},
            "mfa_amr": ["mfa", "otp", "hwk"],
            "mfa_acr": ["urn:town:loa:high"],
        }
    ]


def _signed_in(client: Client) -> Any:
    return client.session.get(STAFF_SESSION_KEY)


def _roles(user: User) -> set[tuple[str, int | None]]:
    return {(m.role, m.municipality_id) for m in Membership.objects.filter(user=user)}


def test_the_staff_sign_in_page_offers_the_provider(client: Client) -> None:
    html = client.get("/backoffice/aanmelden/").content.decode()
    assert f'href="{START}"' in html
    assert "Aanmelden met Town Entra ID" in html


def test_happy_path_maps_the_account_and_grants_the_claimed_role(
    client: Client, oidc_provider: OidcTestProvider, municipality: Municipality
) -> None:
    user = UserFactory(email="an.peeters@town.example")
    oidc_provider.sign_in_as(
        "entra-oid-1", email="An.Peeters@town.example", roles=["Loket.Clerk", "Other.App"]
    )

    response = at_provider(client, START, next="/backoffice/zoeken/")

    assert response.status_code == 302
    assert response["Location"] == "/backoffice/zoeken/"
    assert str(_signed_in(client)) == str(user.pk)
    assert _roles(user) == {(Role.CLERK, municipality.pk)}
    assert OidcMembershipGrant.objects.filter(membership__user=user).count() == 1
    assert OidcIdentity.objects.get(provider="staff-town-idp", subject="entra-oid-1").user == user
    assert OIDC_MFA_SESSION_KEY not in client.session
    # The provider asserted no second factor: Loket's own step comes first (docs/identity.md).
    assert client.get("/backoffice/")["Location"].startswith("/backoffice/tweestapsverificatie/")


def test_roles_follow_the_claim_and_hand_granted_ones_stay(
    client: Client, oidc_provider: OidcTestProvider, municipality: Municipality
) -> None:
    user = staff_member(municipality, Role.HANDLER, email="an@town.example")
    oidc_provider.sign_in_as("oid-an", email="an@town.example", roles=["Loket.Head"])
    at_provider(client, START)
    assert _roles(user) == {
        (Role.HANDLER, municipality.pk),
        (Role.DEPARTMENT_HEAD, municipality.pk),
    }
    client.post("/backoffice/afmelden/")

    oidc_provider.sign_in_as("oid-an", email="an@town.example", roles=["Loket.Clerk"])
    at_provider(client, START)

    assert _roles(user) == {(Role.HANDLER, municipality.pk), (Role.CLERK, municipality.pk)}


def test_an_unverified_email_address_links_no_account(
    client: Client, oidc_provider: OidcTestProvider, municipality: Municipality
) -> None:
    staff_member(municipality, Role.CLERK, email="an@town.example")
    oidc_provider.sign_in_as("oid-x", email="an@town.example", email_verified=False)

    at_provider(client, START)

    assert _signed_in(client) is None
    assert not OidcIdentity.objects.exists()


def test_an_account_of_another_municipality_is_refused(
    client: Client,
    oidc_provider: OidcTestProvider,
    municipality: Municipality,
    other_municipality: Municipality,
) -> None:
    """A municipality's provider never reaches another municipality: not by signing in
    one of its staff, not by granting a role there."""
    user = staff_member(other_municipality, Role.CLERK, email="clerk@other.example")
    oidc_provider.sign_in_as(
        "oid-other", email="clerk@other.example", roles=["Loket.Clerk", "Loket.Head"]
    )

    response = at_provider(client, START)

    assert response.status_code == 302
    assert response["Location"] == "/backoffice/aanmelden/"
    assert _signed_in(client) is None
    assert _roles(user) == {(Role.CLERK, other_municipality.pk)}
    assert not OidcIdentity.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "kon niet worden aangemeld met het account van uw organisatie" in page


def test_a_region_wide_account_and_a_superuser_are_refused(
    client: Client, oidc_provider: OidcTestProvider, municipality: Municipality
) -> None:
    regional = UserFactory(email="dispatch@region.example")
    MembershipFactory(
        user=regional, municipality=None, region=municipality.region, role=Role.DISPATCHER
    )
    UserFactory(email="root@region.example", is_superuser=True)
    for email in ("dispatch@region.example", "root@region.example"):
        oidc_provider.sign_in_as(f"oid-{email}", email=email, roles=["Loket.Clerk"])
        at_provider(client, START)
        assert _signed_in(client) is None
    assert not Membership.objects.filter(municipality=municipality).exists()


def test_a_regional_role_in_the_mapping_stops_start_up() -> None:
    with pytest.raises(ValueError, match="regional_admin cannot be granted"):
        LoketSettings(
            LOKET_STAFF_OIDC_PROVIDERS=[  # type: ignore[list-item]
                {
                    "code": "town",
                    "municipality": "34022",
                    "issuer": "https://login.example",
                    "client_id": "x",
                    "role_map": {"Admins": "regional_admin"},
                }
            ]
        )


def test_an_unknown_account_is_refused_unless_provisioning_is_on(
    client: Client, oidc_provider: OidcTestProvider, settings: Any, municipality: Municipality
) -> None:
    oidc_provider.sign_in_as(
        "oid-new", email="new@town.example", given_name="Nel", roles=["Loket.Clerk"]
    )
    at_provider(client, START)
    assert _signed_in(client) is None
    assert not User.objects.filter(email="new@town.example").exists()

    settings.LOKET_STAFF_OIDC_PROVIDERS = [
        {**settings.LOKET_STAFF_OIDC_PROVIDERS[0], "provision": True}
    ]
    at_provider(client, START)

    user = User.objects.get(email="new@town.example")
    assert str(_signed_in(client)) == str(user.pk)
    assert user.first_name == "Nel"
    assert not user.has_usable_password()
    assert _roles(user) == {(Role.CLERK, municipality.pk)}


def test_no_mapped_role_means_no_sign_in(client: Client, oidc_provider: OidcTestProvider) -> None:
    UserFactory(email="norole@town.example")
    oidc_provider.sign_in_as("oid-norole", email="norole@town.example", roles=["Other.App"])

    response = at_provider(client, START)

    assert _signed_in(client) is None
    assert "geen rol in Loket" in client.get(response["Location"]).content.decode()


def test_a_subject_cannot_take_over_another_linked_account(
    client: Client, oidc_provider: OidcTestProvider, municipality: Municipality
) -> None:
    user = staff_member(municipality, Role.CLERK, email="an@town.example")
    oidc_provider.sign_in_as("oid-an", email="an@town.example")
    at_provider(client, START)
    client.post("/backoffice/afmelden/")

    # Another subject at the same provider now claims An's e-mail address.
    oidc_provider.sign_in_as("oid-mallory", email="an@town.example")
    at_provider(client, START)

    assert _signed_in(client) is None
    assert list(OidcIdentity.objects.values_list("subject", flat=True)) == ["oid-an"]
    assert user.is_active


@pytest.mark.parametrize(
    ("claims", "marked"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["hwk"]}, True),
        ({"acr": "urn:town:loa:high"}, True),
        ({"amr": ["pwd"]}, False),
        ({"acr": "urn:town:loa:low"}, False),
    ],
)
def test_the_session_is_marked_when_the_provider_asserts_mfa(
    client: Client,
    oidc_provider: OidcTestProvider,
    municipality: Municipality,
    claims: dict[str, Any],
    marked: bool,
) -> None:
    staff_member(municipality, Role.CLERK, email="an@town.example")
    oidc_provider.sign_in_as("oid-an", email="an@town.example", **claims)

    at_provider(client, START)

    assert _signed_in(client) is not None
    assert (OIDC_MFA_SESSION_KEY in client.session) is marked
    # Loket's two-step gate counts the provider's second factor, and only that.
    assert (MFA_SESSION_KEY in client.session) is marked
    assert (client.get("/backoffice/").status_code == 200) is marked


@pytest.mark.parametrize("control", ["expired", "wrong_key", "wrong_audience", "wrong_state"])
def test_a_bad_answer_signs_no_staff_member_in(
    client: Client, oidc_provider: OidcTestProvider, municipality: Municipality, control: str
) -> None:
    user = staff_member(municipality, Role.CLERK, email="an@town.example")
    oidc_provider.sign_in_as("oid-an", email="an@town.example", roles=["Loket.Head"])
    setattr(oidc_provider.controls, control, True)

    response = at_provider(client, START)

    assert response["Location"] == "/backoffice/aanmelden/"
    assert _signed_in(client) is None
    assert _roles(user) == {(Role.CLERK, municipality.pk)}
    assert "kon niet worden gecontroleerd" in client.get(response["Location"]).content.decode()


def test_staff_sign_out_ends_the_session_at_the_provider(
    client: Client, oidc_provider: OidcTestProvider, municipality: Municipality
) -> None:
    staff_member(municipality, Role.CLERK, email="an@town.example")
    oidc_provider.sign_in_as("oid-an", email="an@town.example")
    at_provider(client, START)

    response = client.post("/backoffice/afmelden/")

    assert _signed_in(client) is None
    location = urlsplit(response["Location"])
    assert location.path == "/logout"
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == [f"{PUBLIC}/backoffice/aanmelden/"]
    assert query["id_token_hint"]


def test_a_foreign_next_page_is_not_followed(
    client: Client, oidc_provider: OidcTestProvider, municipality: Municipality
) -> None:
    staff_member(municipality, Role.CLERK, email="an@town.example")
    oidc_provider.sign_in_as("oid-an", email="an@town.example")

    response = at_provider(client, START, next="//evil.example/backoffice/")

    assert response["Location"] == "/backoffice/"
    assert _signed_in(client) is not None


@pytest.mark.parametrize("key_format", ["pem", "jwk"])
def test_private_key_jwt_client_authentication(
    client: Client,
    oidc_provider: OidcTestProvider,
    municipality: Municipality,
    settings: Any,
    tmp_path: Path,
    key_format: str,
) -> None:
    """The client proves itself with a JWT signed by its private key (RFC 7523), as
    providers that accept no client secret require."""
    key = RSAKey.generate_key(2048)
    key_file = tmp_path / f"client.{key_format}"
    if key_format == "pem":
        key_file.write_bytes(key.as_pem(private=True))
    else:
        key_file.write_text(json.dumps({**key.as_dict(private=True), "kid": "loket-2026"}))
    oidc_provider.client_add(
        "loket-staff-jwt",
        "",
        redirect_uris=[f"{PUBLIC}{START}terug/"],
        public_key=RSAKey.import_key(key.as_dict(private=False)),
    )
    settings.LOKET_STAFF_OIDC_PROVIDERS = [
        {
            **settings.LOKET_STAFF_OIDC_PROVIDERS[0],
            "client_id": "loket-staff-jwt",
            "client_secret": "",
            "client_auth": "private_key_jwt",
            "private_key_file": key_file,
        }
    ]
    user = staff_member(municipality, Role.CLERK, email="an@town.example")
    oidc_provider.sign_in_as("oid-an", email="an@town.example")

    at_provider(client, START)

    assert str(_signed_in(client)) == str(user.pk)
    [token] = oidc_provider.token_requests
    assert token["client_assertion_type"] == (
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    )
    assert "client_secret" not in token
    [assertion] = oidc_provider.client_assertions
    assert assertion["iss"] == assertion["sub"] == "loket-staff-jwt"
    assert assertion["aud"] == f"{oidc_provider.issuer}/token"


def test_a_client_assertion_signed_with_another_key_is_refused(
    client: Client,
    oidc_provider: OidcTestProvider,
    municipality: Municipality,
    settings: Any,
    tmp_path: Path,
) -> None:
    key_file = tmp_path / "client.pem"
    key_file.write_bytes(RSAKey.generate_key(2048).as_pem(private=True))
    registered = RSAKey.generate_key(2048)
    oidc_provider.client_add(
        "loket-staff-jwt",
        "",
        redirect_uris=[f"{PUBLIC}{START}terug/"],
        public_key=RSAKey.import_key(registered.as_dict(private=False)),
    )
    settings.LOKET_STAFF_OIDC_PROVIDERS = [
        {
            **settings.LOKET_STAFF_OIDC_PROVIDERS[0],
            "client_id": "loket-staff-jwt",
            "client_auth": "private_key_jwt",
            "private_key_file": key_file,
        }
    ]
    staff_member(municipality, Role.CLERK, email="an@town.example")
    oidc_provider.sign_in_as("oid-an", email="an@town.example")

    at_provider(client, START)

    assert _signed_in(client) is None
