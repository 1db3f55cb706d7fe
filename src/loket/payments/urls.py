"""Payment pages: the resident's under /betalingen/, the back office's under
/backoffice/betalingen/ (included from loket.config.urls before the web pages)."""

from django.urls import path

from loket.payments.views import backoffice, portal, reconciliation

app_name = "payments"

urlpatterns = [
    path("betalingen/", portal.my_payments, name="my-payments"),
    path("betalingen/<int:payment_request_id>/", portal.payment_page, name="pay"),
    path("betalingen/<int:payment_request_id>/online/", portal.pay_online, name="pay-online"),
    path("betalingen/<int:payment_request_id>/qr.png", portal.payment_qr_png, name="qr-png"),
    path("betalingen/demo-bank/<str:reference>/", portal.demo_bank, name="demo-bank"),
    path("betalingen/webhooks/<slug:provider>/", portal.provider_webhook, name="webhook"),
    path("backoffice/betalingen/", backoffice.payment_request_list, name="backoffice-list"),
    path(
        "backoffice/betalingen/nieuw/",
        backoffice.payment_request_create_view,
        name="backoffice-create",
    ),
    path(
        "backoffice/betalingen/<int:payment_request_id>/",
        backoffice.payment_request_detail,
        name="backoffice-detail",
    ),
    path(
        "backoffice/betalingen/<int:payment_request_id>/ontvangen/",
        backoffice.payment_manual_record_view,
        name="backoffice-manual",
    ),
    path(
        "backoffice/betalingen/<int:payment_request_id>/terugbetalen/",
        backoffice.payment_refund_view,
        name="backoffice-refund",
    ),
    path(
        "backoffice/betalingen/<int:payment_request_id>/annuleren/",
        backoffice.payment_request_cancel_view,
        name="backoffice-cancel",
    ),
    path(
        "backoffice/betalingen/instellingen/<int:municipality_id>/",
        backoffice.payment_settings_view,
        name="backoffice-settings",
    ),
    path(
        "backoffice/betalingen/afstemming/",
        reconciliation.reconciliation_queue_view,
        name="reconciliation",
    ),
    path(
        "backoffice/betalingen/afstemming/<int:line_id>/",
        reconciliation.statement_line_view,
        name="reconciliation-line",
    ),
    path(
        "backoffice/betalingen/uittreksels/",
        reconciliation.statements_view,
        name="statements",
    ),
    path("backoffice/betalingen/export/", reconciliation.export_view, name="export"),
]
