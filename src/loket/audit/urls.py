from django.urls import path

from loket.audit.views import backoffice as views

app_name = "audit"

urlpatterns = [
    path("backoffice/toegangslog/", views.access_log_list, name="access-log"),
]
