"""The pages for "not found", "not allowed" and "something went wrong" (handler404, 403 and
500 in loket.config.urls): Loket pages in the visitor's language, with the navigation of
the portal or of the back office (after the path) and a way forward.

The 500 page is rendered without the request's context processors: the database may be
the very thing that failed, so nothing on it may need it."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import NoReverseMatch
from django.views.csrf import csrf_failure as django_csrf_failure

from loket.tenancy.access import ANONYMOUS
from loket.web.navigation import BACKOFFICE_MENU, PORTAL_MENU, menu_links

logger = logging.getLogger(__name__)

BACKOFFICE_PREFIX = "/backoffice/"

# Last resort when even the template cannot be rendered: plain, static, in three languages.
FALLBACK_500 = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Loket</title></head><body><main>"
    "<h1>Er ging iets mis</h1><p>Probeer het over enkele minuten opnieuw.</p>"
    '<p lang="fr">Une erreur s\'est produite. Réessayez dans quelques minutes.</p>'
    '<p lang="en">Something went wrong. Please try again in a few minutes.</p>'
    '<p><a href="/">Loket</a></p></main></body></html>'
)


def _in_backoffice(request: HttpRequest) -> bool:
    return request.path.startswith(BACKOFFICE_PREFIX)


def _base_template(request: HttpRequest) -> str:
    return "web/backoffice_base.html" if _in_backoffice(request) else "web/portal_base.html"


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/errors/404.html",
        {"base_template": _base_template(request), "in_backoffice": _in_backoffice(request)},
        status=404,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/errors/403.html",
        {"base_template": _base_template(request), "in_backoffice": _in_backoffice(request)},
        status=403,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check (CSRF_FAILURE_VIEW): the 403 page, saying why.
    Under a URL configuration without Loket's pages (an API mounted alone), Django's own."""
    try:
        return render(
            request,
            "web/errors/403.html",
            {
                "base_template": _base_template(request),
                "in_backoffice": _in_backoffice(request),
                "csrf_failed": True,
            },
            status=403,
        )
    except NoReverseMatch:
        return django_csrf_failure(request, reason=reason)


def server_error(request: HttpRequest) -> HttpResponse:
    """Static and safe: no context processors, no database, no session; the language that
    was active for the request (the middleware chose it) is kept."""
    in_backoffice = _in_backoffice(request)
    context = {
        "base_template": _base_template(request),
        "in_backoffice": in_backoffice,
        # The menus as an anonymous visitor sees them: fixed links, no database.
        "portal_menu": menu_links(PORTAL_MENU, actor=ANONYMOUS),
        "backoffice_menu": menu_links(BACKOFFICE_MENU, actor=ANONYMOUS),
    }
    try:
        content = loader.get_template("web/errors/500.html").render(context)
    except Exception:
        logger.exception("The error page itself could not be rendered")
        content = FALLBACK_500
    return HttpResponseServerError(content)
