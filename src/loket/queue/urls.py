"""The queue pages: the kiosk, the phone page, the ticket and the hall display under
/wachtrij/, the desks under /backoffice/wachtrij/ (included from loket.config.urls before
the web pages)."""

from __future__ import annotations

from django.urls import URLPattern, path

from loket.queue.views import backoffice, public

app_name = "queue"

urlpatterns: list[URLPattern] = [
    path("wachtrij/<int:office_id>/", public.phone, name="phone"),
    path("wachtrij/<int:office_id>/kiosk/", public.kiosk, name="kiosk"),
    path("wachtrij/<int:office_id>/scherm/", public.display, name="display"),
    path("wachtrij/<int:office_id>/qr.svg", public.qr_code, name="qr"),
    path("wachtrij/ticket/<str:token>/", public.ticket, name="ticket"),
    path("wachtrij/ticket/<str:token>/qr.svg", public.ticket_qr_code, name="ticket-qr"),
    path("backoffice/wachtrij/", backoffice.office_list, name="backoffice-offices"),
    path(
        "backoffice/wachtrij/kantoor/<int:office_id>/wachtrijen/",
        backoffice.office_queues,
        name="backoffice-office-queues",
    ),
    path(
        "backoffice/wachtrij/kantoor/<int:office_id>/ticket/",
        backoffice.clerk_ticket,
        name="backoffice-office-ticket",
    ),
    path("backoffice/wachtrij/balie/<int:desk_id>/", backoffice.desk, name="backoffice-desk"),
    path(
        "backoffice/wachtrij/balie/<int:desk_id>/volgende/",
        backoffice.desk_call_next,
        name="backoffice-desk-call-next",
    ),
    path(
        "backoffice/wachtrij/balie/<int:desk_id>/open/",
        backoffice.desk_open_close,
        name="backoffice-desk-open",
    ),
    path(
        "backoffice/wachtrij/balie/<int:desk_id>/afspraken/<int:appointment_id>/",
        backoffice.appointment_check_in,
        name="backoffice-appointment-check-in",
    ),
    path(
        "backoffice/wachtrij/tickets/<int:ticket_id>/status/",
        backoffice.ticket_status,
        name="backoffice-ticket-status",
    ),
]
