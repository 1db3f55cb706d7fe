from django.contrib import admin
from django.urls import include, path

from loket.api.urls import urlpatterns as api_urlpatterns
from loket.identity.views.backoffice import admin_login
from loket.web.views import errors

# Loket pages for errors, in the visitor's language (see loket.web.views.errors).
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error

urlpatterns = [
    path("django-admin/login/", admin_login, name="admin-login"),
    path("django-admin/", admin.site.urls),
    *api_urlpatterns,
    path("", include("loket.opendata.urls")),
    path("", include("loket.payments.urls")),
    path("open311/v2/", include("loket.reports.open311.urls")),
    path("", include("loket.reports.urls")),
    path("", include("loket.notify.urls")),
    path("", include("loket.documents.urls")),
    path("", include("loket.decisions.urls")),
    path("", include("loket.catalog.urls")),
    path("", include("loket.cases.urls")),
    path("", include("loket.mandates.urls")),
    path("", include("loket.assistant.urls")),
    path("", include("loket.appointments.urls")),
    path("", include("loket.queue.urls")),
    path("", include("loket.activities.urls")),
    path("", include("loket.resources.urls")),
    path("", include("loket.participation.urls")),
    path("", include("loket.crm.urls")),
    path("", include("loket.council.urls")),
    path("", include("loket.insights.urls")),
    path("", include("loket.mymunicipality.urls")),
    path("", include("loket.waste.urls")),
    path("", include("loket.works.urls")),
    path("", include("loket.audit.urls")),
    path("", include("loket.people.urls")),
    path("", include("loket.identity.urls_two_factor")),
    path("", include("loket.web.urls")),
]
