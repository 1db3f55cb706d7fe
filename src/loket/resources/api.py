"""The resources endpoints under /api/v1 (joined in loket.api.routers)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["resources"])
