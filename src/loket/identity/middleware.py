"""Puts the signed-in resident (if any) on the request as `resident_person_id`, and
slides the idle time-out of signed-in sessions."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY as STAFF_SESSION_KEY
from django.http import HttpRequest, HttpResponse

from loket.identity.services import SESSION_KEY

# The session's last refresh (epoch seconds); saved at most once a minute.
SEEN_KEY = "loket_seen"
REFRESH_SECONDS = 60


class ResidentMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        person_id = request.session.get(SESSION_KEY)
        request.resident_person_id = person_id if isinstance(person_id, int) else None  # type: ignore[attr-defined]
        return self.get_response(request)


class SessionIdleMiddleware:
    """A signed-in session expires after its idle time (LOKET_STAFF_SESSION_IDLE_MINUTES,
    LOKET_RESIDENT_SESSION_IDLE_MINUTES) without a request. Each request moves the expiry
    forward; to spare the database the session is written at most once a minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if STAFF_SESSION_KEY in session or SESSION_KEY in session:
            now = int(time.time())
            seen = session.get(SEEN_KEY)
            if not isinstance(seen, int) or now - seen >= REFRESH_SECONDS:
                session[SEEN_KEY] = now  # marks the session modified: saved, expiry moved
        return self.get_response(request)
