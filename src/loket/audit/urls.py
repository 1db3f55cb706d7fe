from django.urls import path

from loket.audit.views import backoffice as views

app_name = "audit"

urlpatterns = [
    path("backoffice/toegangslog/", views.access_log_list, name="access-log"),
    path("backoffice/toegangslog/export/", views.access_log_export, name="access-log-export"),
]
