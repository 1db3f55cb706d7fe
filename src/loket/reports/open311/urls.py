"""Open311 GeoReport v2 routes, mounted at /open311/v2/. Every resource answers with and
without a format suffix (`services`, `services.xml`, `services.json`; XML by default)."""

from django.urls import re_path

from loket.reports.open311 import views

app_name = "open311"

FORMAT = r"(?:\.(?P<fmt>json|xml))?$"

urlpatterns = [
    re_path(r"^discovery" + FORMAT, views.discovery, name="discovery"),
    re_path(r"^services" + FORMAT, views.services, name="services"),
    re_path(
        r"^services/(?P<service_code>[A-Za-z0-9_-]+)" + FORMAT,
        views.service_definition,
        name="service-definition",
    ),
    re_path(r"^requests" + FORMAT, views.requests, name="requests"),
    # `requests/{id}` in the specification; `request/{id}` in its published Swagger file.
    re_path(
        r"^requests?/(?P<service_request_id>\d{1,18})" + FORMAT,
        views.request_detail,
        name="request-detail",
    ),
    re_path(r"^tokens/(?P<token>[A-Za-z0-9_-]{1,64})" + FORMAT, views.token_detail, name="token"),
    re_path(r"^.*$", views.not_found, name="not-found"),
]
