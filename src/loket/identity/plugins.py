"""Resident sign-in (e-ID) as plugins.

A plugin starts the sign-in (`begin`) and, when the resident comes back, tells which
national register number proved who they are (`complete`). The `demo` plugin lets a
visitor choose a demo resident and is refused in production mode. The `fas` (federal
authentication service, CSAM) and `itsme` plugins sign in with OpenID Connect
(`loket.identity.oidc`); they come back to the callback page, not with a form.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from loket.config.links import absolute_url
from loket.core.plugins import Registry
from loket.identity.oidc import (
    OidcProvider,
    OidcRefused,
    oidc_begin,
    oidc_complete,
)
from loket.identity.selectors import demo_residents
from loket.identity.services import oidc_identity_link
from loket.people.selectors import person_for_sign_in

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResidentProof:
    """What a plugin proved: the national register number, and for a redirect-based
    plugin the page to return to and what the session keeps of the sign-in."""

    national_number: str
    next_url: str | None = None
    session: dict[str, Any] = field(default_factory=dict)


class SignInRefused(Exception):
    """The sign-in did not prove a resident of this register; `message` is shown."""

    def __init__(self, message: str, *, account: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.account = account


class ResidentLoginPlugin(ABC):
    code: ClassVar[str]
    label: str | Promise
    is_demo: ClassVar[bool] = False

    @abstractmethod
    def begin(self, request: HttpRequest, *, next_url: str) -> HttpResponse:
        """Start the sign-in: a page or a redirect to the identity provider."""

    @abstractmethod
    def complete(self, request: HttpRequest) -> ResidentProof | None:
        """What the provider proved, or None if it failed (or raise SignInRefused with a
        message for the resident)."""


RESIDENT_LOGINS: Registry[ResidentLoginPlugin] = Registry("resident sign-in plugin")


def resident_login_register(plugin: type[ResidentLoginPlugin]) -> type[ResidentLoginPlugin]:
    """Class decorator: make a sign-in plugin available (a taken code is refused)."""
    return RESIDENT_LOGINS.register(plugin)


def resident_login_plugins() -> list[ResidentLoginPlugin]:
    """The plugins switched on by `LOKET_RESIDENT_LOGIN`, in that order (the demo plugin
    only outside production mode)."""
    available = RESIDENT_LOGINS.codes()
    return [
        RESIDENT_LOGINS.create(code) for code in settings.LOKET_RESIDENT_LOGIN if code in available
    ]


def resident_login_plugin(code: str) -> ResidentLoginPlugin | None:
    for plugin in resident_login_plugins():
        if plugin.code == code:
            return plugin
    return None


@resident_login_register
class DemoLogin(ResidentLoginPlugin):
    """Choose a demo resident. Clearly marked as a demonstration; never in production."""

    code = "demo"
    label = _("Demo e-ID (choose a demo resident)")
    is_demo = True

    def begin(self, request: HttpRequest, *, next_url: str) -> HttpResponse:
        municipality_slug = request.GET.get("municipality", "")
        query = request.GET.get("q", "")
        return render(
            request,
            "identity/portal/demo_login.html",
            {
                "residents": demo_residents(municipality_slug=municipality_slug, query=query),
                "next_url": next_url,
                "plugin": self,
                "query": query,
                "municipality_slug": municipality_slug,
            },
        )

    def complete(self, request: HttpRequest) -> ResidentProof | None:
        number = request.POST.get("national_number", "")
        if number.isdigit() and len(number) == 11:
            return ResidentProof(national_number=number)
        return None


class OidcResidentLogin(ResidentLoginPlugin):
    """Sign-in at an OpenID Connect provider that asserts the national register number
    in a claim (configured per installation: LOKET_<CODE>_*, docs/identity.md)."""

    def __init__(self) -> None:
        config = settings.LOKET_RESIDENT_OIDC[self.code]
        self.provider = OidcProvider(
            code=self.code,
            issuer=config["issuer"],
            client_id=config["client_id"],
            client_secret=config["client_secret"],
            scopes=config["scopes"],
            userinfo=bool(config["userinfo"]),
            acr_values=str(config.get("acr_values") or ""),
            client_auth=str(config.get("client_auth") or "client_secret_basic"),
            private_key_file=str(config.get("private_key_file") or ""),
            request_object=bool(config.get("request_object")),
            encryption_key_file=str(config.get("encryption_key_file") or ""),
        )
        self.nrn_claim: str = config["nrn_claim"]
        if config["label"]:
            self.label = config["label"]

    def begin(self, request: HttpRequest, *, next_url: str) -> HttpResponse:
        redirect_uri = absolute_url(
            reverse("web:resident-login-callback", kwargs={"code": self.code})
        )
        try:
            return oidc_begin(request, self.provider, redirect_uri=redirect_uri, next=next_url)
        except OidcRefused as refusal:
            logger.warning("sign-in with %s not started: %s", self.code, refusal.reason)
            raise SignInRefused(self._unavailable()) from refusal

    def _unavailable(self) -> str:
        return _g("Signing in with %(provider)s is not available at the moment.") % {
            "provider": self.label
        }

    def complete(self, request: HttpRequest) -> ResidentProof | None:
        try:
            result = oidc_complete(request, self.provider)
        except OidcRefused as refusal:
            logger.warning("sign-in with %s refused: %s", self.code, refusal.reason)
            raise SignInRefused(
                _g("The sign-in with %(provider)s could not be verified. Please try again.")
                % {"provider": self.label}
            ) from refusal
        number = "".join(c for c in str(result.claims.get(self.nrn_claim) or "") if c.isdigit())
        if len(number) != 11:
            logger.warning("sign-in with %s: no national number in %r", self.code, self.nrn_claim)
            raise SignInRefused(
                _g(
                    "%(provider)s did not share your national register number, "
                    "so you cannot be signed in."
                )
                % {"provider": self.label}
            )
        person = person_for_sign_in(national_number=number)
        if person is None:
            raise SignInRefused(
                _g(
                    "You are not in the resident register of the municipalities served here, "
                    "so there is no personal page for you. Contact your municipality if you "
                    "think this is wrong."
                ),
                account=number,
            )
        if not oidc_identity_link(provider=self.code, subject=result.subject, person=person):
            logger.warning("sign-in with %s: subject linked to another resident", self.code)
            raise SignInRefused(
                _g("The sign-in with %(provider)s could not be verified. Please try again.")
                % {"provider": self.label},
                account=number,
            )
        next_url = result.extra.get("next")
        return ResidentProof(
            national_number=number,
            next_url=next_url if isinstance(next_url, str) else None,
            session={
                "provider": self.code,
                "kind": "resident",
                "sub": result.subject,
                "id_token": result.id_token,
            },
        )


@resident_login_register
class FasLogin(OidcResidentLogin):
    """The federal authentication service (FAS, CSAM): eID card, itsme and the other
    keys the federal government accepts."""

    code = "fas"
    label = _("Federal authentication service (CSAM)")


@resident_login_register
class ItsmeLogin(OidcResidentLogin):
    code = "itsme"
    label = _("itsme")
