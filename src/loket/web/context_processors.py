"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from loket.config.env import Mode
from loket.tenancy.access import actor_from_request
from loket.web.navigation import BACKOFFICE_MENU, PORTAL_MENU, RESIDENT_MENU, menu_links


def loket(request: HttpRequest) -> dict[str, Any]:
    actor = actor_from_request(request)
    return {
        "actor": actor,
        "portal_menu": menu_links(PORTAL_MENU, actor=actor),
        "resident_menu": menu_links(RESIDENT_MENU, actor=actor) if actor.is_resident else [],
        "backoffice_menu": menu_links(BACKOFFICE_MENU, actor=actor) if actor.is_staff else [],
        "is_demo": settings.LOKET_MODE is Mode.DEMO,
        "map_tile_url": settings.LOKET_MAP_TILE_URL,
        "map_tile_attribution": settings.LOKET_MAP_TILE_ATTRIBUTION,
    }
