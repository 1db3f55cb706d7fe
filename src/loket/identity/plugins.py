"""Resident sign-in (e-ID) as plugins.

A plugin starts the sign-in (`begin`) and, when the resident comes back, tells which
national register number proved who they are (`complete`). The `demo` plugin lets a
visitor choose a demo resident and is refused in production mode.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from loket.core.plugins import Registry
from loket.identity.selectors import demo_residents


class ResidentLoginPlugin(ABC):
    code: ClassVar[str]
    label: ClassVar[str | Promise]
    is_demo: ClassVar[bool] = False

    @abstractmethod
    def begin(self, request: HttpRequest, *, next_url: str) -> HttpResponse:
        """Start the sign-in: a page or a redirect to the identity provider."""

    @abstractmethod
    def complete(self, request: HttpRequest) -> str | None:
        """The national register number proven by the provider, or None if it failed."""


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

    def complete(self, request: HttpRequest) -> str | None:
        number = request.POST.get("national_number", "")
        return number if number.isdigit() and len(number) == 11 else None
