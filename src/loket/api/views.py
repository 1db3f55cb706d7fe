"""Django-level wrapping of the API's URLs: request language, and the error format for
what happens outside django-ninja's handlers (unknown paths, wrong methods)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, URLResolver, include, path, re_path, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from ninja import NinjaAPI

from loket.api.errors import ErrorCode, error_response

LANGUAGE_PARAMETER = "lang"
_SUPPORTED = {code for code, _name in settings.LANGUAGES}

DjangoView = Callable[..., HttpResponse]


def api_language(request: HttpRequest) -> str:
    """``?lang=`` first, then the Accept-Language header, then the default (nl)."""
    requested = request.GET.get(LANGUAGE_PARAMETER, "").lower()[:2]
    if requested in _SUPPORTED:
        return requested
    for code in _accepted_languages(request.headers.get("Accept-Language", "")):
        if code in _SUPPORTED:
            return code
    return str(settings.LANGUAGE_CODE)


def _accepted_languages(header: str) -> list[str]:
    """Primary language codes of an Accept-Language header, most wanted first."""
    weighted: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")):
        language, _separator, parameters = item.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _equals, value = parameter.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if language and quality > 0:
            weighted.append((-quality, position, language.split("-")[0].lower()))
    return [code for *_order, code in sorted(weighted)]


def api_view(view: DjangoView) -> DjangoView:
    """Run an API view in the request language and keep every error in the API format."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = api_language(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                response = error_response(status=404, code=ErrorCode.NOT_FOUND)
            if isinstance(response, HttpResponseNotAllowed):
                allowed = response["Allow"]
                response = error_response(status=405, code=ErrorCode.METHOD_NOT_ALLOWED)
                response["Allow"] = allowed
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]  # the session auth checks CSRF
    return wrapped


def api_urlpatterns(api: NinjaAPI) -> list[URLPattern | URLResolver]:
    """The API's URL patterns, wrapped by `api_view`, with a JSON root and a JSON 404."""
    patterns, _app_name, _namespace = api.urls
    wrapped: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            callback: DjangoView = pattern.callback
            if pattern.name == "api-root":
                callback = _root_view(api)
            wrapped.append(
                URLPattern(pattern.pattern, api_view(callback), pattern.default_args, pattern.name)
            )
        else:
            wrapped.append(pattern)
    wrapped.append(re_path(r"^.*$", api_view(_not_found), name="api-not-found"))
    return wrapped


def _root_view(api: NinjaAPI) -> DjangoView:
    def root(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        namespace = api.urls_namespace
        return JsonResponse(
            {
                "title": api.title,
                "version": api.version,
                "openapi": reverse(f"{namespace}:openapi-json"),
                "docs": reverse(f"{namespace}:openapi-view"),
            }
        )

    return root


def _not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def api_path(prefix: str, api: NinjaAPI) -> URLResolver:
    """Mount an API at ``prefix`` under its own URL namespace."""
    return path(prefix, include((api_urlpatterns(api), "ninja"), namespace=api.urls_namespace))
