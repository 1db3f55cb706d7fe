"""Puts the signed-in resident (if any) on the request as `resident_person_id`."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from loket.identity.services import SESSION_KEY


class ResidentMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        person_id = request.session.get(SESSION_KEY)
        request.resident_person_id = person_id if isinstance(person_id, int) else None  # type: ignore[attr-defined]
        return self.get_response(request)
