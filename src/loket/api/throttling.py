"""Rate limits: per client address for anonymous calls, per caller for authenticated ones.

Counts live in Django's cache; with the default (per-process) cache each web process
counts on its own, so configure a shared cache for exact limits across processes.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.throttling import AnonRateThrottle, BaseThrottle, SimpleRateThrottle

from loket.tenancy.access import Actor

ANONYMOUS_RATE = "600/min"
AUTHENTICATED_RATE = "3000/min"


class AnonymousThrottle(AnonRateThrottle):
    scope = "loket_anonymous"


class ActorThrottle(SimpleRateThrottle):
    """Counts per staff member, resident or API client (not per address)."""

    scope = "loket_actor"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        actor = getattr(request, "auth", None)
        if not isinstance(actor, Actor):
            return None
        identity = actor.user_id or actor.api_client_id or actor.person_id
        return self.cache_format % {"scope": self.scope, "ident": f"{actor.kind}-{identity}"}


def api_throttles() -> list[BaseThrottle]:
    return [AnonymousThrottle(ANONYMOUS_RATE), ActorThrottle(AUTHENTICATED_RATE)]
