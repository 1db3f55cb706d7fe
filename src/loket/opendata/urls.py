"""Open data: /open-data/ (every region), /open-data/<region>/ and /<municipality>/open-data/.
Included from loket.config.urls before the municipality pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from loket.opendata.views import public as views

app_name = "opendata"

urlpatterns: list[URLPattern] = [
    path("open-data/", views.index, name="index"),
    path("open-data/<slug:region>/", views.region_page, name="region"),
    path(
        "open-data/<slug:region>/catalogus.<slug:suffix>",
        views.region_catalogue,
        name="region-catalogue",
    ),
    path(
        "open-data/<slug:region>/<slug:dataset>.<slug:file_format>",
        views.region_file,
        name="region-file",
    ),
    path("<slug:slug>/open-data/", views.municipality_page, name="municipality"),
    path("<slug:slug>/open-data/catalogus.<slug:suffix>", views.catalogue, name="catalogue"),
    path(
        "<slug:slug>/open-data/<slug:dataset>.<slug:file_format>",
        views.municipality_file,
        name="file",
    ),
]
