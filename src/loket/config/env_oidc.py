"""The settings of staff identity providers (LOKET_STAFF_OIDC_PROVIDERS) and the checks
shared with the residents' providers; read by loket.config.env."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator

OIDC_CODE = r"^[a-z0-9][a-z0-9-]{0,39}$"
# Roles a municipality's own identity provider may grant: roles within one municipality.
# Region-wide roles (dispatcher, regional administrator) and API roles never come from a
# claim.
STAFF_OIDC_ROLES = frozenset(
    {"clerk", "handler", "department_head", "privacy_officer", "municipal_admin"}
)


ClientAuth = Literal["client_secret_basic", "client_secret_post", "private_key_jwt"]


def issuer_checked(value: str) -> str:
    if not value.startswith(("https://", "http://127.0.0.1", "http://localhost", "http://[::1]")):
        raise ValueError("must be an https:// URL (plain http only on the loopback address)")
    return value.rstrip("/")


def private_key_checked(name: str, client_auth: str, path: Path | None) -> None:
    if client_auth != "private_key_jwt":
        return
    if path is None or not path.is_file():
        raise ValueError(f"{name}: private_key_jwt needs the file of the client's private key")


def request_keys_checked(
    prefix: str, *, request_object: bool, private_key: Path | None, encryption_key: Path | None
) -> None:
    """Signed request objects need the client's private key; an encryption key must exist."""
    if request_object and (private_key is None or not private_key.is_file()):
        raise ValueError(
            f"{prefix}REQUEST_OBJECT: signing request objects needs {prefix}PRIVATE_KEY_FILE"
        )
    if encryption_key is not None and not encryption_key.is_file():
        raise ValueError(f"{prefix}ENCRYPTION_KEY_FILE: no such file")


class StaffOidcProvider(BaseModel):
    """One municipality's staff identity provider (ACM/IDM, Microsoft Entra ID, ...):
    an element of LOKET_STAFF_OIDC_PROVIDERS (docs/identity.md)."""

    model_config = {"extra": "forbid", "frozen": True}

    code: str = Field(pattern=OIDC_CODE)
    municipality: str = Field(pattern=r"^\d{5}$", description="NIS code")
    label: str = ""
    issuer: str
    client_id: str = Field(min_length=1)
    client_secret: str = ""
    client_auth: ClientAuth = "client_secret_basic"
    private_key_file: Path | None = None
    scopes: str = "openid email profile"
    userinfo: bool = False
    acr_values: str = ""
    # The claim that names the staff member, and the account field it is compared with.
    user_claim: str = "email"
    user_field: Literal["email", "username"] = "email"
    provision: bool = False
    roles_claim: str = "roles"
    role_map: dict[str, str] = Field(default_factory=dict)
    mfa_amr: list[str] = Field(default_factory=lambda: ["mfa", "otp", "hwk"])
    mfa_acr: list[str] = Field(default_factory=list)

    @field_validator("issuer")
    @classmethod
    def _issuer(cls, value: str) -> str:
        return issuer_checked(value)

    @field_validator("role_map")
    @classmethod
    def _roles(cls, value: dict[str, str]) -> dict[str, str]:
        wrong = sorted(set(value.values()) - STAFF_OIDC_ROLES)
        if wrong:
            raise ValueError(
                f"role_map: {', '.join(wrong)} cannot be granted by a municipality's identity "
                f"provider (allowed: {', '.join(sorted(STAFF_OIDC_ROLES))})"
            )
        return value
