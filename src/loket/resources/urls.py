"""Resources pages: public under /reserveren/<municipality>/, the resident's under
/mijn/reservaties/, the back office's under /backoffice/reservaties/ (included from
loket.config.urls before the web pages)."""

from __future__ import annotations

from django.urls import path

from loket.resources.views import backoffice, portal, public

app_name = "resources"

urlpatterns = [
    path("reserveren/<slug:slug>/", public.resource_list, name="list"),
    path("reserveren/<slug:slug>/<int:resource_id>/", public.resource_detail, name="detail"),
    path(
        "reserveren/<slug:slug>/<int:resource_id>/agenda.ics",
        public.resource_ical,
        name="ical",
    ),
    path("reserveren/<slug:slug>/<int:resource_id>/boeken/", portal.booking_form, name="book"),
    path("mijn/reservaties/", portal.my_bookings, name="my-bookings"),
    path("mijn/reservaties/<int:booking_id>/", portal.my_booking, name="my-booking"),
    path(
        "mijn/reservaties/<int:booking_id>/annuleren/",
        portal.my_booking_cancel,
        name="my-booking-cancel",
    ),
    path("backoffice/reservaties/", backoffice.queue, name="backoffice-bookings"),
    path(
        "backoffice/reservaties/<int:booking_id>/",
        backoffice.booking_detail,
        name="backoffice-booking",
    ),
    path(
        "backoffice/reservaties/middelen/",
        backoffice.resource_list,
        name="backoffice-resources",
    ),
    path(
        "backoffice/reservaties/middelen/nieuw/",
        backoffice.resource_new,
        name="backoffice-resource-new",
    ),
    path(
        "backoffice/reservaties/middelen/<int:resource_id>/",
        backoffice.resource_edit,
        name="backoffice-resource",
    ),
]
