"""Language choice: remembered per user (staff account or resident), else per session."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SESSION_LANGUAGE_KEY = "loket_language"
SUPPORTED = {code for code, _ in settings.LANGUAGES}


def language_for_request(request: HttpRequest) -> str:
    """Session choice first (set at sign-in from the stored preference or by the switch),
    then a staff member's stored preference, the cookie, the browser, the default."""
    chosen = request.session.get(SESSION_LANGUAGE_KEY)
    if chosen in SUPPORTED:
        return str(chosen)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        preferred = getattr(user, "preferred_language", "")
        if preferred in SUPPORTED:
            return str(preferred)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in SUPPORTED:
        return str(cookie)
    browser = translation.get_language_from_request(request)
    if browser and browser[:2] in SUPPORTED:
        return browser[:2]
    return str(settings.LANGUAGE_CODE)


def language_chosen(request: HttpRequest) -> str | None:
    """The language the visitor chose with the switch in this browser (this session, or
    the cookie the switch left), None when they chose none. Signing in keeps this choice;
    the stored preference applies only to a visitor who made none."""
    for chosen in (
        request.session.get(SESSION_LANGUAGE_KEY),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
    ):
        if chosen in SUPPORTED:
            return str(chosen)
    return None


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
