"""The resources pages (included from loket.config.urls before the web pages)."""

from __future__ import annotations

from django.urls import URLPattern, path  # noqa: F401

app_name = "resources"

urlpatterns: list[URLPattern] = []
