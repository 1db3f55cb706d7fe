"""Catalogue pages: the public catalogue under /<municipality>/producten/ and the editors
under /backoffice/catalogus/ (included from loket.config.urls before the web pages)."""

from django.urls import path

from loket.catalog.views import backoffice, portal

app_name = "catalog"

urlpatterns = [
    path("backoffice/catalogus/", backoffice.catalog_admin, name="backoffice"),
    path(
        "backoffice/catalogus/<int:municipality_id>/<slug:code>/",
        backoffice.product_setting_edit,
        name="setting-edit",
    ),
    path(
        "backoffice/catalogus/producten/<slug:code>/",
        backoffice.product_edit,
        name="product-edit",
    ),
    path(
        "backoffice/catalogus/producten/<slug:code>/formulier/",
        backoffice.form_edit,
        name="form-edit",
    ),
    path("<slug:slug>/producten/", portal.catalog_page, name="portal"),
    # The catalogue in CPSV-AP 3.2.0 (JSON-LD), docs/interop.md.
    path("<slug:slug>/producten/cpsv-ap.jsonld", portal.catalog_cpsv_ap, name="cpsv-ap"),
    path("<slug:slug>/producten/<slug:code>/", portal.product_page, name="product"),
]
