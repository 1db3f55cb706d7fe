from django.urls import path

from loket.notify.views import backoffice, portal

app_name = "notify"

urlpatterns = [
    path("backoffice/berichten/", backoffice.message_list, name="message-list"),
    path(
        "backoffice/berichten/<int:notification_id>/",
        backoffice.message_detail,
        name="message-detail",
    ),
    path("backoffice/berichten/sjablonen/", backoffice.template_list, name="template-list"),
    path(
        "backoffice/berichten/sjablonen/<slug:slug>/<str:event>/<str:language>/",
        backoffice.template_edit,
        name="template-edit",
    ),
    path("backoffice/berichten/sms-demo/", backoffice.demo_sms_outbox, name="sms-outbox"),
    path("backoffice/berichten/brieven/", backoffice.letter_batches, name="letter-batches"),
    path(
        "backoffice/berichten/brieven/nu/",
        backoffice.letter_batch_build_now,
        name="letter-batch-build",
    ),
    path(
        "backoffice/berichten/brieven/<int:batch_id>/pdf/",
        backoffice.letter_batch_download,
        name="letter-batch-download",
    ),
    path("mijn/berichten/", portal.inbox, name="inbox"),
    path("mijn/berichten/<int:message_id>/", portal.inbox_message, name="inbox-message"),
    path(
        "mijn/berichten/<int:message_id>/bijlagen/<int:attachment_id>/",
        portal.inbox_attachment,
        name="inbox-attachment",
    ),
]
