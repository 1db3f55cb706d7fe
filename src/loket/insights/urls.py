"""The dashboards, under /backoffice/inzichten/ (included before the web pages)."""

from __future__ import annotations

from django.urls import URLPattern, path

from loket.insights.views import backoffice as views

app_name = "insights"

urlpatterns: list[URLPattern] = [
    path("backoffice/inzichten/", views.index, name="index"),
    path("backoffice/inzichten/regio/", views.region, name="region"),
    path("backoffice/inzichten/regio/<slug:chart>.svg", views.region_chart_svg, name="region-svg"),
    path("backoffice/inzichten/regio/<slug:chart>.csv", views.region_chart_csv, name="region-csv"),
    path(
        "backoffice/inzichten/<int:municipality_id>/",
        views.municipality_dashboard,
        name="municipality",
    ),
    path(
        "backoffice/inzichten/<int:municipality_id>/doelen/",
        views.channel_targets,
        name="targets",
    ),
    path(
        "backoffice/inzichten/<int:municipality_id>/<slug:chart>.svg",
        views.municipality_chart_svg,
        name="municipality-svg",
    ),
    path(
        "backoffice/inzichten/<int:municipality_id>/<slug:chart>.csv",
        views.municipality_chart_csv,
        name="municipality-csv",
    ),
]
