"""Typed configuration read from the environment, validated once at start-up.

Every variable is documented in docs/configuration.md. A bad value stops start-up
with a message that names the variable.
"""

from __future__ import annotations

import re
import sys
import zoneinfo
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from loket.config.env_oidc import (
    ClientAuth,
    StaffOidcProvider,
    issuer_checked,
    private_key_checked,
    request_keys_checked,
)


class Mode(StrEnum):
    DEVELOPMENT = "development"
    DEMO = "demo"
    PRODUCTION = "production"


class ConfigurationError(SystemExit):
    """Raised when the environment does not describe a valid configuration."""


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("loket", appauthor=False))


class LoketSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=True, extra="ignore")

    LOKET_MODE: Mode = Mode.DEVELOPMENT
    LOKET_SECRET_KEY: str = ""
    LOKET_ALLOWED_HOSTS: Annotated[list[str], NoDecode] = Field(default_factory=list)
    LOKET_DATA_DIR: Path = Field(default_factory=_default_data_dir)
    DATABASE_URL: str | None = None
    LOKET_DATABASE_CONN_MAX_AGE: int = Field(default=60, ge=0)
    LOKET_DEFAULT_LANGUAGE: str = "nl"
    LOKET_TIME_ZONE: str = "Europe/Brussels"
    LOKET_PUBLIC_URL: str = "http://127.0.0.1:8000"
    LOKET_OPEN_DATA_LICENCE: Literal["CC0-1.0", "CC-BY-4.0"] = "CC-BY-4.0"
    LOKET_MAP_TILE_URL: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    LOKET_MAP_TILE_ATTRIBUTION: str = "© OpenStreetMap contributors"
    LOKET_EMAIL_DELIVERY: Literal["smtp", "folder"] | None = None
    LOKET_EMAIL_HOST: str = "127.0.0.1"
    LOKET_EMAIL_PORT: int = Field(default=25, ge=1, le=65535)
    LOKET_EMAIL_FROM: str = "loket@localhost"
    LOKET_RESIDENT_LOGIN: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["demo"])
    LOKET_AUTHENTIC_SOURCE: str = "local"
    # MAGDA person services (docs/interop.md, "MAGDA"), used when LOKET_AUTHENTIC_SOURCE=magda.
    LOKET_MAGDA_URL: str = ""
    LOKET_MAGDA_SENDER_ID: str = ""
    LOKET_MAGDA_CAPACITY: str = ""
    LOKET_MAGDA_CLIENT_CERT_FILE: Path | None = None
    LOKET_MAGDA_CLIENT_KEY_FILE: Path | None = None
    LOKET_MAGDA_CA_FILE: Path | None = None
    LOKET_MAGDA_TIMEOUT: float = Field(default=10.0, gt=0)
    LOKET_MAGDA_CACHE_SECONDS: int = Field(default=300, ge=0)
    # The Flemish global header with the Mijn Burgerprofiel login state (docs/interop.md).
    # Per municipality (NIS code -> widget id issued by Digitaal Vlaanderen); empty = off.
    LOKET_FLANDERS_HEADER_WIDGETS: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict)
    LOKET_FLANDERS_HEADER_SCRIPT_URL: str = (
        "https://prod.widgets.burgerprofiel.vlaanderen.be/api/v2/widget/{id}/entry"
    )
    # Resident sign-in with OpenID Connect (docs/identity.md): the federal authentication
    # service (FAS/CSAM) and itsme, switched on by naming them in LOKET_RESIDENT_LOGIN.
    LOKET_FAS_ISSUER: str = ""
    LOKET_FAS_CLIENT_ID: str = ""
    LOKET_FAS_CLIENT_SECRET: str = ""
    LOKET_FAS_SCOPES: str = "openid profile egovnrn"
    LOKET_FAS_NRN_CLAIM: str = "egovNRN"
    LOKET_FAS_USERINFO: bool = True
    LOKET_FAS_ACR_VALUES: str = ""
    LOKET_FAS_CLIENT_AUTH: ClientAuth = "client_secret_basic"
    LOKET_FAS_PRIVATE_KEY_FILE: Path | None = None
    LOKET_FAS_REQUEST_OBJECT: bool = False
    LOKET_FAS_ENCRYPTION_KEY_FILE: Path | None = None
    LOKET_FAS_LABEL: str = ""
    LOKET_ITSME_ISSUER: str = ""
    LOKET_ITSME_CLIENT_ID: str = ""
    LOKET_ITSME_CLIENT_SECRET: str = ""
    LOKET_ITSME_SCOPES: str = "openid profile eid"
    LOKET_ITSME_NRN_CLAIM: str = "http://itsme.services/v2/claim/BENationalNumber"
    LOKET_ITSME_USERINFO: bool = True
    LOKET_ITSME_ACR_VALUES: str = ""
    LOKET_ITSME_CLIENT_AUTH: ClientAuth = "client_secret_basic"
    LOKET_ITSME_PRIVATE_KEY_FILE: Path | None = None
    LOKET_ITSME_REQUEST_OBJECT: bool = False
    LOKET_ITSME_ENCRYPTION_KEY_FILE: Path | None = None
    LOKET_ITSME_LABEL: str = ""
    # Staff sign-in through the municipalities' identity providers (docs/identity.md).
    LOKET_STAFF_OIDC_PROVIDERS: list[StaffOidcProvider] = Field(default_factory=list)
    LOKET_SECURE_COOKIES: bool | None = None
    LOKET_LOG_LEVEL: str = "INFO"
    # Sign-in throttling and session lifetime (docs/configuration.md, "Security").
    LOKET_LOGIN_MAX_FAILURES_PER_ACCOUNT: int = Field(default=5, ge=1, le=1000)
    LOKET_LOGIN_MAX_FAILURES_PER_ADDRESS: int = Field(default=30, ge=1, le=100_000)
    LOKET_LOGIN_LOCKOUT_MINUTES: int = Field(default=15, ge=1, le=1440)
    LOKET_STAFF_SESSION_IDLE_MINUTES: int = Field(default=480, ge=5, le=43_200)
    LOKET_RESIDENT_SESSION_IDLE_MINUTES: int = Field(default=30, ge=5, le=43_200)
    # Staff two-factor sign-in: the issuer name authenticator apps show (docs/identity.md).
    LOKET_STAFF_TOTP_ISSUER: str = Field(default="Loket", min_length=1, max_length=60)
    # HTTPS in production mode (docs/configuration.md, "Security").
    LOKET_SSL_REDIRECT: bool | None = None
    LOKET_HSTS_SECONDS: int = Field(default=31_536_000, ge=0)
    LOKET_HSTS_INCLUDE_SUBDOMAINS: bool = True
    LOKET_HSTS_PRELOAD: bool = True
    # Public-space reports (docs/reports.md).
    LOKET_REPORTS_DUPLICATE_RADIUS_M: int = Field(default=30, ge=1, le=1000)
    # "My municipality": reports and works within this distance of the address count as
    # nearby; the evening-before waste reminders go out from this hour (local time) on.
    LOKET_NEARBY_RADIUS_M: int = Field(default=750, ge=50, le=10000)
    LOKET_WASTE_REMINDER_HOUR: int = Field(default=18, ge=0, le=23)
    LOKET_REPORTS_DUPLICATE_MAX_AGE_DAYS: int = Field(default=30, ge=1, le=365)
    LOKET_REPORTS_ADDRESS_LOCATOR: str = "local"
    LOKET_REPORTS_STREETS_FILE: str = ""
    LOKET_REPORTS_RATE_LIMIT_PER_MINUTE: int = Field(default=30, ge=1)
    # Notifications and background workers (docs/configuration.md, "Notifications").
    LOKET_EMAIL_HOST_USER: str = ""
    LOKET_EMAIL_HOST_PASSWORD: str = ""
    LOKET_EMAIL_USE_TLS: bool = False
    LOKET_EMAIL_TIMEOUT: float = Field(default=10.0, gt=0)
    LOKET_MAIL_IMAP_TIMEOUT: float = Field(default=30.0, gt=0)
    LOKET_MAIL_MAX_BYTES: int = Field(default=52428800, ge=1024)
    LOKET_SMS_GATEWAY: str | None = None
    LOKET_SMS_GATEWAY_URL: str = ""
    LOKET_SMS_GATEWAY_TOKEN: str = ""
    LOKET_SMS_GATEWAY_AUTH_HEADER: str = "Authorization"
    LOKET_SMS_SENDER: str = "Loket"
    LOKET_NOTIFY_QUIET_HOURS: str = "21:00-08:00"
    LOKET_NOTIFY_QUIET_HOURS_TIME_ZONE: str = "Europe/Brussels"
    LOKET_NOTIFY_RETRY_BASE_SECONDS: float = Field(default=30.0, gt=0)
    LOKET_NOTIFY_RETRY_MAX_SECONDS: float = Field(default=3600.0, gt=0)
    LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK: int = Field(default=3, ge=1)
    LOKET_NOTIFY_MAX_ATTEMPTS: int = Field(default=24, ge=1)
    LOKET_NOTIFY_BATCH_SIZE: int = Field(default=50, ge=1, le=1000)
    LOKET_NOTIFY_LETTER_DIR: Path | None = None
    # The federal eBox channel (docs/interop.md): empty LOKET_EBOX_URL = no eBox channel.
    LOKET_EBOX_URL: str = ""
    LOKET_EBOX_TOKEN_URL: str = ""
    LOKET_EBOX_CLIENT_ID: str = ""
    LOKET_EBOX_CLIENT_SECRET: str = ""
    LOKET_EBOX_CLIENT_AUTH: Literal["private_key_jwt", "client_secret_basic"] = "private_key_jwt"
    LOKET_EBOX_TOKEN_AUDIENCE: str = ""
    LOKET_EBOX_SCOPE: str = (
        "scope:document:management:consult:ws-eboxrestentreprise:publicationsender"
    )
    LOKET_EBOX_SENDER_ORGANIZATION_ID: str = ""
    LOKET_EBOX_SENDER_ORGANIZATION_IDS: Annotated[dict[str, str], NoDecode] = Field(
        default_factory=dict
    )
    LOKET_EBOX_SENDER_APPLICATION_ID: str = ""
    LOKET_EBOX_MESSAGE_TYPE_ID: str = ""
    LOKET_EBOX_CITIZEN_PROFILE_URL: str = ""
    LOKET_EBOX_CLIENT_CERT_FILE: Path | None = None
    LOKET_EBOX_CLIENT_KEY_FILE: Path | None = None
    LOKET_EBOX_TIMEOUT: float = Field(default=20.0, gt=0)
    LOKET_WORKER_STALLED_AFTER_SECONDS: int = Field(default=30, ge=3)
    LOKET_WORKER_STALLED_CHECK_SECONDS: int = 60
    # Payments (docs/payments.md): statement drop folder and the Stripe provider.
    LOKET_PAYMENTS_DROP_FOLDER: Path | None = None
    LOKET_STRIPE_SECRET_KEY: str = ""
    LOKET_STRIPE_WEBHOOK_SECRET: str = ""
    LOKET_STRIPE_API_BASE: str = "https://api.stripe.com"
    # Dossier documents and signed decision letters (docs/documents.md, docs/decisions.md).
    LOKET_UPLOAD_MAX_BYTES: int = Field(default=20 * 1024 * 1024, ge=1024)
    LOKET_DOCUMENT_STORAGE: str = "local"
    LOKET_DOCUMENT_STORAGE_DIR: Path | None = None
    LOKET_DOCUMENT_S3_BUCKET: str = ""
    LOKET_DOCUMENT_S3_ENDPOINT_URL: str = ""
    LOKET_DOCUMENT_S3_REGION: str = ""
    LOKET_SIGNING_DIR: Path | None = None
    LOKET_SIGNING_TRUST_ROOTS: Annotated[list[Path], NoDecode] = Field(default_factory=list)

    @field_validator("LOKET_ALLOWED_HOSTS", "LOKET_RESIDENT_LOGIN", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("LOKET_DEFAULT_LANGUAGE")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in {"nl", "fr", "en"}:
            raise ValueError("must be one of nl, fr, en")
        return value

    @field_validator("LOKET_PUBLIC_URL")
    @classmethod
    def _public_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("DATABASE_URL")
    @classmethod
    def _postgres_only(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("postgres://", "postgresql://")):
            raise ValueError(
                "must be a postgres:// or postgresql:// URL (Loket runs on PostgreSQL only)"
            )
        return value

    @field_validator("LOKET_LOG_LEVEL")
    @classmethod
    def _log_level(cls, value: str) -> str:
        upper = value.upper()
        if upper not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return upper

    @field_validator("LOKET_SMS_GATEWAY")
    @classmethod
    def _sms_gateway(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if value not in {"demo", "http", "disabled"}:
            raise ValueError("must be one of demo, http, disabled")
        return value

    @field_validator("LOKET_FLANDERS_HEADER_WIDGETS", mode="before")
    @classmethod
    def _flanders_widgets(cls, value: object) -> object:
        """`44021=3a1f…,11002=9c2e…`: a municipality's (NIS code) global header widget id."""
        if not isinstance(value, str):
            return value
        widgets: dict[str, str] = {}
        for item in filter(None, (part.strip() for part in value.split(","))):
            nis_code, _, widget = item.partition("=")
            if not re.fullmatch(r"\d{5}", nis_code.strip()) or not re.fullmatch(
                r"[A-Za-z0-9-]+", widget.strip()
            ):
                raise ValueError("write NIS=widget-id pairs, e.g. 44021=0f8a3c1e-…")
            widgets[nis_code.strip()] = widget.strip()
        return widgets

    @field_validator("LOKET_EBOX_SENDER_ORGANIZATION_IDS", mode="before")
    @classmethod
    def _ebox_senders(cls, value: object) -> object:
        """`11002=0207500123,44021=0207451227`: a municipality's (NIS code) own KBO number."""
        if not isinstance(value, str):
            return value
        senders: dict[str, str] = {}
        for item in filter(None, (part.strip() for part in value.split(","))):
            nis_code, _, kbo = item.partition("=")
            if not re.fullmatch(r"\d{5}", nis_code.strip()) or not re.fullmatch(
                r"[01]\d{9}", kbo.strip()
            ):
                raise ValueError("write NIS=KBO pairs, e.g. 11002=0207500123,44021=0207451227")
            senders[nis_code.strip()] = kbo.strip()
        return senders

    @field_validator("LOKET_EBOX_CLIENT_CERT_FILE", "LOKET_EBOX_CLIENT_KEY_FILE", mode="before")
    @classmethod
    def _ebox_files(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("LOKET_EBOX_SENDER_ORGANIZATION_ID")
    @classmethod
    def _ebox_sender(cls, value: str) -> str:
        if value and not re.fullmatch(r"[01]\d{9}", value):
            raise ValueError("must be a KBO/BCE enterprise number of 10 digits, e.g. 0207500123")
        return value

    @field_validator("LOKET_NOTIFY_QUIET_HOURS")
    @classmethod
    def _quiet_hours(cls, value: str) -> str:
        value = value.strip()
        clock = r"([01]\d|2[0-3]):[0-5]\d"
        if value and not re.fullmatch(f"{clock}-{clock}", value):
            raise ValueError("must look like 21:00-08:00 (start-end, 24-hour clock), or be empty")
        return value

    @field_validator("LOKET_NOTIFY_QUIET_HOURS_TIME_ZONE")
    @classmethod
    def _time_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be a time zone name such as Europe/Brussels") from None
        return value

    @field_validator("LOKET_WORKER_STALLED_CHECK_SECONDS")
    @classmethod
    def _stalled_check(cls, value: int) -> int:
        if value not in {5, 10, 15, 20, 30, 60}:
            raise ValueError("must be one of 5, 10, 15, 20, 30, 60")
        return value

    @field_validator("LOKET_DOCUMENT_STORAGE")
    @classmethod
    def _document_storage(cls, value: str) -> str:
        if value not in {"local", "s3"}:
            raise ValueError("must be one of local, s3")
        return value

    @field_validator("LOKET_REPORTS_ADDRESS_LOCATOR")
    @classmethod
    def _address_locator(cls, value: str) -> str:
        if value not in {"local"}:
            raise ValueError("must be one of local")
        return value

    @field_validator("LOKET_SIGNING_TRUST_ROOTS", mode="before")
    @classmethod
    def _trust_root_paths(cls, value: object) -> object:
        if isinstance(value, str):
            return [Path(item.strip()) for item in value.split(",") if item.strip()]
        return value

    @field_validator("LOKET_FAS_ISSUER", "LOKET_ITSME_ISSUER")
    @classmethod
    def _oidc_issuer(cls, value: str) -> str:
        return issuer_checked(value) if value else value

    @model_validator(mode="after")
    def _oidc_complete(self) -> LoketSettings:
        for code in ("fas", "itsme"):
            if code not in self.LOKET_RESIDENT_LOGIN:
                continue
            prefix = f"LOKET_{code.upper()}_"
            for name in ("ISSUER", "CLIENT_ID"):
                if not getattr(self, prefix + name):
                    raise ValueError(f"{prefix}{name}: the {code} sign-in needs it")
            if "openid" not in getattr(self, prefix + "SCOPES").split():
                raise ValueError(f"{prefix}SCOPES: must contain openid")
            private_key_checked(
                prefix + "PRIVATE_KEY_FILE",
                getattr(self, prefix + "CLIENT_AUTH"),
                getattr(self, prefix + "PRIVATE_KEY_FILE"),
            )
            request_keys_checked(
                prefix,
                request_object=getattr(self, prefix + "REQUEST_OBJECT"),
                private_key=getattr(self, prefix + "PRIVATE_KEY_FILE"),
                encryption_key=getattr(self, prefix + "ENCRYPTION_KEY_FILE"),
            )
        codes = [provider.code for provider in self.LOKET_STAFF_OIDC_PROVIDERS]
        if len(set(codes)) != len(codes):
            raise ValueError("LOKET_STAFF_OIDC_PROVIDERS: two providers with the same code")
        for provider in self.LOKET_STAFF_OIDC_PROVIDERS:
            if "openid" not in provider.scopes.split():
                raise ValueError(f"LOKET_STAFF_OIDC_PROVIDERS: {provider.code}: scopes need openid")
            private_key_checked(
                f"LOKET_STAFF_OIDC_PROVIDERS: {provider.code}: private_key_file",
                provider.client_auth,
                provider.private_key_file,
            )
        if self.LOKET_MODE is Mode.PRODUCTION:
            issuers = {
                "LOKET_FAS_ISSUER": self.LOKET_FAS_ISSUER,
                "LOKET_ITSME_ISSUER": self.LOKET_ITSME_ISSUER,
                **{
                    f"LOKET_STAFF_OIDC_PROVIDERS: {provider.code}": provider.issuer
                    for provider in self.LOKET_STAFF_OIDC_PROVIDERS
                },
            }
            for name, issuer in issuers.items():
                if issuer and not issuer.startswith("https://"):
                    raise ValueError(f"{name}: production mode needs an https:// issuer")
        return self

    @model_validator(mode="after")
    def _document_storage_complete(self) -> LoketSettings:
        if self.LOKET_DOCUMENT_STORAGE == "s3" and not self.LOKET_DOCUMENT_S3_BUCKET:
            raise ValueError("LOKET_DOCUMENT_S3_BUCKET: the s3 document storage needs a bucket")
        return self

    @model_validator(mode="after")
    def _sms_gateway_complete(self) -> LoketSettings:
        if self.LOKET_SMS_GATEWAY == "http" and not self.LOKET_SMS_GATEWAY_URL:
            raise ValueError("LOKET_SMS_GATEWAY_URL: the http SMS gateway needs the gateway's URL")
        if self.LOKET_MODE is Mode.PRODUCTION and self.LOKET_SMS_GATEWAY == "demo":
            raise ValueError(
                "LOKET_SMS_GATEWAY: the demo SMS gateway cannot be used in production mode"
            )
        return self

    @model_validator(mode="after")
    def _ebox_complete(self) -> LoketSettings:
        if not self.LOKET_EBOX_URL:
            return self
        needed = (
            "LOKET_EBOX_TOKEN_URL",
            "LOKET_EBOX_CLIENT_ID",
            "LOKET_EBOX_CITIZEN_PROFILE_URL",
            "LOKET_EBOX_MESSAGE_TYPE_ID",
            "LOKET_EBOX_SENDER_APPLICATION_ID",
        )
        for name in needed:
            if not getattr(self, name):
                raise ValueError(f"{name}: the eBox channel (LOKET_EBOX_URL) needs it")
        if self.LOKET_EBOX_CLIENT_AUTH == "private_key_jwt" and not self.LOKET_EBOX_CLIENT_KEY_FILE:
            raise ValueError(
                "LOKET_EBOX_CLIENT_KEY_FILE: private_key_jwt signs with the certificate's key"
            )
        if self.LOKET_EBOX_CLIENT_AUTH == "client_secret_basic" and not (
            self.LOKET_EBOX_CLIENT_SECRET
        ):
            raise ValueError("LOKET_EBOX_CLIENT_SECRET: client_secret_basic needs the secret")
        if not (self.LOKET_EBOX_SENDER_ORGANIZATION_ID or self.LOKET_EBOX_SENDER_ORGANIZATION_IDS):
            raise ValueError(
                "LOKET_EBOX_SENDER_ORGANIZATION_ID: the eBox channel needs the sender's KBO number"
            )
        return self

    @model_validator(mode="after")
    def _production_needs_secrets(self) -> LoketSettings:
        if self.LOKET_MODE is Mode.PRODUCTION:
            if len(self.LOKET_SECRET_KEY) < 50:
                raise ValueError(
                    "LOKET_SECRET_KEY: production mode needs a secret key of at least 50 characters"
                )
            if not self.LOKET_ALLOWED_HOSTS:
                raise ValueError(
                    "LOKET_ALLOWED_HOSTS: production mode needs the host names it serves"
                )
            if "demo" in self.LOKET_RESIDENT_LOGIN:
                raise ValueError(
                    "LOKET_RESIDENT_LOGIN: the demo e-ID login cannot be used in production mode"
                )
        return self


def load_settings() -> LoketSettings:
    """Read and validate the environment; stop with a readable message when it is wrong."""
    try:
        return LoketSettings()
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            variable = ".".join(str(part) for part in problem["loc"]) or "configuration"
            message = problem["msg"].removeprefix("Value error, ")
            lines.append(f"  {variable}: {message}")
        text = "Loket cannot start, the configuration is invalid:\n" + "\n".join(lines)
        print(text, file=sys.stderr)  # noqa: T201 - the only way to speak before logging exists
        raise ConfigurationError(2) from None
