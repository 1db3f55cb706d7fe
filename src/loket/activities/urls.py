"""The activities pages: browsing under /activiteiten/, the parent's under
/mijn/activiteiten/, the back office's under /backoffice/activiteiten/ (included from
loket.config.urls before the web pages)."""

from __future__ import annotations

from django.urls import path

from loket.activities.views import backoffice, portal, public

app_name = "activities"

urlpatterns = [
    path("activiteiten/", public.activity_list, name="list"),
    path("activiteiten/<int:activity_id>/", public.activity_detail, name="detail"),
    path("activiteiten/<int:activity_id>/inschrijven/", portal.register, name="register"),
    path("mijn/activiteiten/", portal.my_registrations, name="my-registrations"),
    path(
        "mijn/activiteiten/<int:registration_id>/annuleren/",
        portal.my_registration_cancel,
        name="my-registration-cancel",
    ),
    path(
        "mijn/activiteiten/<int:registration_id>/betalen/",
        portal.my_registration_pay,
        name="my-registration-pay",
    ),
    path(
        "mijn/activiteiten/<int:registration_id>/aanvaarden/",
        portal.my_offer_accept,
        name="my-registration-accept",
    ),
    path("backoffice/activiteiten/", backoffice.activity_list, name="backoffice-activities"),
    path("backoffice/activiteiten/nieuw/", backoffice.activity_new, name="backoffice-activity-new"),
    path(
        "backoffice/activiteiten/<int:activity_id>/",
        backoffice.activity_edit,
        name="backoffice-activity",
    ),
    path(
        "backoffice/activiteiten/<int:activity_id>/periodes/nieuw/",
        backoffice.period_new,
        name="backoffice-period-new",
    ),
    path(
        "backoffice/activiteiten/periodes/<int:period_id>/",
        backoffice.period_detail,
        name="backoffice-period",
    ),
    path(
        "backoffice/activiteiten/periodes/<int:period_id>/aanwezigheden.pdf",
        backoffice.attendance_pdf,
        name="backoffice-period-attendance",
    ),
]
