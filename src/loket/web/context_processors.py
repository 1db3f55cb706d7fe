"""Template context shared by every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from loket.config.env import Mode
from loket.tenancy.access import actor_from_request
from loket.web.flanders_header import flanders_header
from loket.web.navigation import (
    BACKOFFICE_MENU,
    PORTAL_MENU,
    RESIDENT_MENU,
    MenuLink,
    menu_links,
)


def _lazy(build: Callable[[], list[MenuLink]]) -> list[MenuLink]:
    """A menu built when a template first reads it: a back-office page never draws the
    portal menus, and a part of a page asked for by htmx draws none."""
    return SimpleLazyObject(build)  # type: ignore[return-value]


def loket(request: HttpRequest) -> dict[str, Any]:
    actor = actor_from_request(request)
    return {
        "actor": actor,
        "portal_menu": _lazy(lambda: menu_links(PORTAL_MENU, actor=actor)),
        "resident_menu": _lazy(
            lambda: menu_links(RESIDENT_MENU, actor=actor) if actor.is_resident else []
        ),
        "backoffice_menu": _lazy(
            lambda: menu_links(BACKOFFICE_MENU, actor=actor) if actor.is_staff else []
        ),
        "flanders_header": SimpleLazyObject(lambda: flanders_header(request, actor) or ""),
        "is_demo": settings.LOKET_MODE is Mode.DEMO,
        "map_tile_url": settings.LOKET_MAP_TILE_URL,
        "map_tile_attribution": settings.LOKET_MAP_TILE_ATTRIBUTION,
    }
