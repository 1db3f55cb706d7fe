"""The language switch: a small POST form on every page, working without JavaScript."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from loket.accounts.models import User
from loket.accounts.services import user_language_set
from loket.identity.mfa import mfa_exempt
from loket.people.selectors import person_get_visible
from loket.people.services import person_language_set
from loket.tenancy.access import actor_from_request
from loket.web.middleware import SESSION_LANGUAGE_KEY, SUPPORTED


def safe_next_url(request: HttpRequest, candidate: str | None, *, default: str) -> str:
    """`candidate` when it points inside this site, else `default`."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@mfa_exempt
@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    next_url = safe_next_url(request, request.POST.get("next"), default=reverse("web:home"))
    response = HttpResponseRedirect(next_url)
    if language not in SUPPORTED:
        return response
    request.session[SESSION_LANGUAGE_KEY] = language
    actor = actor_from_request(request)
    if actor.is_staff and isinstance(actor.user, User):
        user_language_set(user=actor.user, language=language)
    elif actor.is_resident and actor.person_id is not None:
        person = person_get_visible(actor=actor, person_id=actor.person_id)
        person_language_set(person=person, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
