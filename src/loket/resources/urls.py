"""Resources pages: public under /<municipality>/reserveren/, the resident's under
/mijn/reservaties/, the back office's under /backoffice/reservaties/ (included from
loket.config.urls before the web pages). The public pages were under
/reserveren/<municipality>/ first: those addresses redirect permanently."""

from __future__ import annotations

from django.urls import path

from loket.resources.views import backoffice, portal, public
from loket.web.redirects import moved

app_name = "resources"

urlpatterns = [
    path("<slug:slug>/reserveren/", public.resource_list, name="list"),
    path("<slug:slug>/reserveren/<int:resource_id>/", public.resource_detail, name="detail"),
    path(
        "<slug:slug>/reserveren/<int:resource_id>/agenda.ics",
        public.resource_ical,
        name="ical",
    ),
    path("<slug:slug>/reserveren/<int:resource_id>/boeken/", portal.booking_form, name="book"),
    # The first addresses of these pages (bookmarks, subscribed calendar feeds).
    path("reserveren/<slug:slug>/", moved("resources:list")),
    path("reserveren/<slug:slug>/<int:resource_id>/", moved("resources:detail")),
    path("reserveren/<slug:slug>/<int:resource_id>/agenda.ics", moved("resources:ical")),
    path("reserveren/<slug:slug>/<int:resource_id>/boeken/", moved("resources:book")),
    path("mijn/reservaties/", portal.my_bookings, name="my-bookings"),
    path("mijn/reservaties/<int:booking_id>/", portal.my_booking, name="my-booking"),
    path(
        "mijn/reservaties/<int:booking_id>/annuleren/",
        portal.my_booking_cancel,
        name="my-booking-cancel",
    ),
    path("backoffice/reservaties/", backoffice.booking_list, name="backoffice-bookings"),
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
