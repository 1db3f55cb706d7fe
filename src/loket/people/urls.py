"""Resident register pages: the resident's own under /mijn/, the back office's under
/backoffice/inwoners/ (included from loket.config.urls before the web pages)."""

from django.urls import path

from loket.people.views import backoffice, consents, portal

app_name = "people"

urlpatterns = [
    path("mijn/", portal.my_page, name="my-page"),
    path("mijn/gegevens/download.json", portal.my_data_json, name="my-data-json"),
    path("mijn/gegevens/download.pdf", portal.my_data_pdf, name="my-data-pdf"),
    path("mijn/toestemmingen/", consents.my_consents, name="my-consents"),
    path("mijn/kind/<int:person_id>/", portal.my_child, name="my-child"),
    path("backoffice/inwoners/", backoffice.resident_search, name="resident-search"),
    path(
        "backoffice/inwoners/<int:person_id>/", backoffice.resident_detail, name="resident-detail"
    ),
    path(
        "backoffice/inwoners/<int:person_id>/toestemmingen/",
        backoffice.resident_consents,
        name="resident-consents",
    ),
]
