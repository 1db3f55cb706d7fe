"""The appointments pages (included from loket.config.urls before the web pages): booking
under /<municipality>/afspraken/, the manage link under /afspraken/beheer/, the resident's
under /mijn/afspraken/ and the back office's under /backoffice/afspraken/."""

from __future__ import annotations

from django.urls import URLPattern, path

from loket.appointments.views import backoffice, configuration, portal, public

app_name = "appointments"

urlpatterns: list[URLPattern] = [
    path("afspraken/geboekt/", public.booked, name="booked"),
    path("afspraken/beheer/<str:token>/", public.manage, name="manage"),
    path(
        "afspraken/beheer/<str:token>/verplaatsen/",
        public.manage_reschedule,
        name="manage-reschedule",
    ),
    path("afspraken/beheer/<str:token>/annuleren/", public.manage_cancel, name="manage-cancel"),
    path("afspraken/agenda/<int:desk_id>/<str:token>.ics", public.desk_feed, name="desk-feed"),
    path("mijn/afspraken/", portal.my_appointments, name="my-appointments"),
    path(
        "mijn/afspraken/<int:appointment_id>/verplaatsen/",
        portal.my_reschedule,
        name="my-appointment-reschedule",
    ),
    path(
        "mijn/afspraken/<int:appointment_id>/annuleren/",
        portal.my_cancel,
        name="my-appointment-cancel",
    ),
    path("backoffice/afspraken/", backoffice.office_list, name="backoffice-offices"),
    path(
        "backoffice/afspraken/<int:appointment_id>/",
        backoffice.appointment_detail,
        name="backoffice-appointment",
    ),
    path(
        "backoffice/afspraken/<int:appointment_id>/status/",
        backoffice.appointment_status,
        name="backoffice-appointment-status",
    ),
    path(
        "backoffice/afspraken/<int:appointment_id>/verplaatsen/",
        backoffice.appointment_move,
        name="backoffice-appointment-move",
    ),
    path(
        "backoffice/afspraken/kantoren/nieuw/",
        configuration.office_new,
        name="backoffice-office-new",
    ),
    path(
        "backoffice/afspraken/kantoren/<int:office_id>/",
        backoffice.calendar,
        name="backoffice-office-calendar",
    ),
    path(
        "backoffice/afspraken/kantoren/<int:office_id>/boeken/",
        backoffice.staff_book,
        name="backoffice-office-book",
    ),
    path(
        "backoffice/afspraken/kantoren/<int:office_id>/instellingen/",
        configuration.office_edit,
        name="backoffice-office-edit",
    ),
    path(
        "backoffice/afspraken/kantoren/<int:office_id>/sluitingen/",
        configuration.closure_new,
        name="backoffice-closure-new",
    ),
    path(
        "backoffice/afspraken/kantoren/<int:office_id>/sluitingen/<int:closure_id>/verwijderen/",
        configuration.closure_delete,
        name="backoffice-closure-delete",
    ),
    path(
        "backoffice/afspraken/kantoren/<int:office_id>/uitzonderingen/",
        configuration.special_hours_new,
        name="backoffice-special-hours-new",
    ),
    path(
        "backoffice/afspraken/kantoren/<int:office_id>/uitzonderingen/<int:special_id>/verwijderen/",
        configuration.special_hours_delete,
        name="backoffice-special-hours-delete",
    ),
    path(
        "backoffice/afspraken/kantoren/<int:office_id>/producten/",
        configuration.office_product,
        name="backoffice-office-product",
    ),
    path(
        "backoffice/afspraken/kantoren/<int:office_id>/loketten/nieuw/",
        configuration.desk_new,
        name="backoffice-desk-new",
    ),
    path(
        "backoffice/afspraken/loketten/<int:desk_id>/",
        configuration.desk_edit,
        name="backoffice-desk",
    ),
    path(
        "backoffice/afspraken/loketten/<int:desk_id>/agenda-adres/",
        backoffice.desk_feed_renew,
        name="backoffice-desk-feed-renew",
    ),
    path(
        "backoffice/afspraken/loketten/<int:desk_id>/agenda-adres/stoppen/",
        backoffice.desk_feed_stop_view,
        name="backoffice-desk-feed-stop",
    ),
    path("<slug:slug>/afspraken/", public.municipality_offices, name="offices"),
    path("<slug:slug>/afspraken/<slug:code>/", public.book, name="book"),
]
