"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from loket.config.env import Mode
from loket.tenancy.access import actor_from_request


def loket(request: HttpRequest) -> dict[str, Any]:
    actor = actor_from_request(request)
    return {
        "actor": actor,
        "is_demo": settings.LOKET_MODE is Mode.DEMO,
        "map_tile_url": settings.LOKET_MAP_TILE_URL,
        "map_tile_attribution": settings.LOKET_MAP_TILE_ATTRIBUTION,
    }
