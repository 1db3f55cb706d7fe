"""Mandate pages of the resident and the staff pages of organisations' representatives
(included from loket.config.urls)."""

from django.urls import path

from loket.mandates.views import backoffice, portal

app_name = "mandates"

urlpatterns = [
    path("mijn/machtigingen/", portal.my_mandates, name="my-mandates"),
    path(
        "mijn/machtigingen/<int:mandate_id>/intrekken/",
        portal.my_mandate_revoke,
        name="my-mandate-revoke",
    ),
    path("mijn/handelen-voor/", portal.acting_as, name="acting-as"),
    path("backoffice/organisaties/", backoffice.organisations, name="backoffice-organisations"),
    path(
        "backoffice/organisaties/<int:organisation_id>/",
        backoffice.organisation,
        name="backoffice-organisation",
    ),
    path(
        "backoffice/organisaties/<int:organisation_id>/vertegenwoordigers/<int:person_id>/beeindigen/",
        backoffice.representative_end,
        name="backoffice-representative-end",
    ),
]
