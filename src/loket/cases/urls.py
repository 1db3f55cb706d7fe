"""Cases pages: the resident's under /mijn/aanvragen/ and the request forms under
/<municipality>/producten/<product>/aanvragen/, the back office's under /backoffice/dossiers/
(included from loket.config.urls before the web pages)."""

from django.urls import path

from loket.cases.views import backoffice, counter, portal

app_name = "cases"

urlpatterns = [
    path("<slug:slug>/producten/<slug:code>/aanvragen/", portal.request_form, name="request"),
    path("mijn/aanvragen/", portal.my_requests, name="my-requests"),
    path(
        "mijn/aanvragen/concept/<str:token>/verwijderen/",
        portal.my_draft_delete,
        name="my-draft-delete",
    ),
    path("mijn/aanvragen/<str:number>/", portal.my_request, name="my-request"),
    path(
        "mijn/aanvragen/<str:number>/intrekken/",
        portal.my_request_withdraw,
        name="my-request-withdraw",
    ),
    path("backoffice/dossiers/", backoffice.queue, name="queue"),
    path("backoffice/dossiers/nieuw/", counter.counter_start, name="counter-start"),
    path(
        "backoffice/dossiers/nieuw/<int:person_id>/<slug:code>/",
        counter.counter_form,
        name="counter-form",
    ),
    path("backoffice/dossiers/<int:case_id>/", backoffice.case_detail, name="detail"),
    path(
        "backoffice/dossiers/<int:case_id>/status/",
        backoffice.case_status_change,
        name="status-change",
    ),
    path(
        "backoffice/dossiers/<int:case_id>/toewijzen/", backoffice.case_assign_view, name="assign"
    ),
    path("backoffice/dossiers/<int:case_id>/notities/", backoffice.case_note_view, name="note"),
    path("backoffice/dossiers/<int:case_id>/taken/", backoffice.case_task_view, name="task"),
    path(
        "backoffice/dossiers/<int:case_id>/taken/<int:task_id>/klaar/",
        backoffice.case_task_done_view,
        name="task-done",
    ),
    path(
        "backoffice/dossiers/<int:case_id>/berichten/",
        backoffice.case_message_view,
        name="message",
    ),
    path(
        "backoffice/dossiers/<int:case_id>/betaling/",
        backoffice.case_payment_record_view,
        name="payment-record",
    ),
]
