"""Loket's URLs plus one that fails, to see the 500 page (tests/web/test_error_pages.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from loket.config.urls import handler403, handler404, handler500, urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("broken on purpose")


urlpatterns = [
    path("kapot/", broken),
    path("backoffice/kapot/", broken),
    *urlpatterns,
]
