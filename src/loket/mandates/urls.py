"""Mandate pages of the resident (included from loket.config.urls)."""

from django.urls import path

from loket.mandates.views import portal

app_name = "mandates"

urlpatterns = [
    path("mijn/machtigingen/", portal.my_mandates, name="my-mandates"),
    path(
        "mijn/machtigingen/<int:mandate_id>/intrekken/",
        portal.my_mandate_revoke,
        name="my-mandate-revoke",
    ),
    path("mijn/handelen-voor/", portal.acting_as, name="acting-as"),
]
