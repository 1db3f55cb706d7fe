"""Catalogue pages: the public catalogue under /<municipality>/producten/ and the editors
under /backoffice/catalogus/ (included from loket.config.urls before the web pages)."""

from django.urls import path

from loket.catalog.views import backoffice, lpdc, portal

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
    path(
        "backoffice/catalogus/lpdc/<int:municipality_id>/",
        lpdc.lpdc_admin,
        name="lpdc",
    ),
    path(
        "backoffice/catalogus/lpdc/<int:municipality_id>/import/",
        lpdc.lpdc_import,
        name="lpdc-import",
    ),
    path(
        "backoffice/catalogus/lpdc/voorstellen/<int:pk>/",
        lpdc.lpdc_proposal_decide,
        name="lpdc-decide",
    ),
    path("<slug:slug>/producten/", portal.catalog_page, name="portal"),
    # The catalogue to Flanders: the LDES feed of instance snapshots, docs/interop.md.
    path("<slug:slug>/producten/lpdc/instancesnapshot", lpdc.lpdc_feed, name="lpdc-feed"),
    path("<slug:slug>/producten/lpdc/<str:name>", lpdc.lpdc_context, name="lpdc-context"),
    # The catalogue in CPSV-AP 3.2.0 (JSON-LD), docs/interop.md.
    path("<slug:slug>/producten/cpsv-ap.jsonld", portal.catalog_cpsv_ap, name="cpsv-ap"),
    path("<slug:slug>/producten/<slug:code>/", portal.product_page, name="product"),
]
