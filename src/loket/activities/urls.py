"""The activities pages: browsing under /activiteiten/ (every municipality) and
/<municipality>/activiteiten/, the parent's under /mijn/activiteiten/, the back office's
under /backoffice/activiteiten/ (included from loket.config.urls before the web pages).
An activity's page was /activiteiten/<id>/ first: that address redirects permanently."""

from __future__ import annotations

from django.urls import path

from loket.activities.views import backoffice, counter, portal, public

app_name = "activities"

urlpatterns = [
    path("activiteiten/", public.activity_list, name="list"),
    # The first addresses of an activity's pages (bookmarks, shared links).
    path("activiteiten/<int:activity_id>/", public.activity_moved),
    path("activiteiten/<int:activity_id>/inschrijven/", public.activity_moved, {"to": "register"}),
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
        "backoffice/activiteiten/<int:activity_id>/inschrijven/",
        counter.register_for_parent,
        name="backoffice-register",
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
    # Last: a municipality's pages would also match /mijn/activiteiten/ and
    # /backoffice/activiteiten/.
    path("<slug:slug>/activiteiten/", public.activity_list, name="municipality-list"),
    path("<slug:slug>/activiteiten/<int:activity_id>/", public.activity_detail, name="detail"),
    path(
        "<slug:slug>/activiteiten/<int:activity_id>/inschrijven/",
        portal.register,
        name="register",
    ),
]
