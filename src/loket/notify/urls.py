from django.urls import path

from loket.notify import portal_views, views

app_name = "notify"

urlpatterns = [
    path("backoffice/berichten/", views.message_list, name="message-list"),
    path(
        "backoffice/berichten/<int:notification_id>/",
        views.message_detail,
        name="message-detail",
    ),
    path("backoffice/berichten/sjablonen/", views.template_list, name="template-list"),
    path(
        "backoffice/berichten/sjablonen/<slug:slug>/<str:event>/<str:language>/",
        views.template_edit,
        name="template-edit",
    ),
    path("backoffice/berichten/sms-demo/", views.demo_sms_outbox, name="sms-outbox"),
    path("backoffice/berichten/brieven/", views.letter_batches, name="letter-batches"),
    path(
        "backoffice/berichten/brieven/nu/", views.letter_batch_build_now, name="letter-batch-build"
    ),
    path(
        "backoffice/berichten/brieven/<int:batch_id>/pdf/",
        views.letter_batch_download,
        name="letter-batch-download",
    ),
    path("mijn/berichten/", portal_views.inbox, name="inbox"),
    path("mijn/berichten/<int:message_id>/", portal_views.inbox_message, name="inbox-message"),
    path(
        "mijn/berichten/<int:message_id>/bijlagen/<int:attachment_id>/",
        portal_views.inbox_attachment,
        name="inbox-attachment",
    ),
]
