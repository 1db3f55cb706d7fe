"""Catalogue pages: the public catalogue under /<municipality>/producten/ and the editors
under /backoffice/catalogus/ (included from loket.config.urls before the web pages)."""

from django.urls import path

from loket.catalog.views import backoffice as views

app_name = "catalog"

urlpatterns = [
    path("backoffice/catalogus/", views.catalog_admin, name="backoffice"),
    path(
        "backoffice/catalogus/<int:municipality_id>/<slug:code>/",
        views.product_setting_edit,
        name="setting-edit",
    ),
    path("backoffice/catalogus/producten/<slug:code>/", views.product_edit, name="product-edit"),
    path(
        "backoffice/catalogus/producten/<slug:code>/formulier/",
        views.form_edit,
        name="form-edit",
    ),
    path("<slug:slug>/producten/", views.catalog_page, name="portal"),
    path("<slug:slug>/producten/<slug:code>/", views.product_page, name="product"),
]
