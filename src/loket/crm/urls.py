"""Contact moments in the back office under /backoffice/contacten/ (included from
loket.config.urls before the web pages)."""

from django.urls import path

from loket.crm.views import backoffice, suggestions

app_name = "crm"

urlpatterns = [
    path("backoffice/contacten/nieuw/", backoffice.contact_new, name="new"),
    path(
        "backoffice/contacten/<int:contact_moment_id>/",
        backoffice.contact_detail,
        name="detail",
    ),
    path("backoffice/suggesties/", suggestions.suggestion_uptake_page, name="suggestion-uptake"),
    path(
        "backoffice/suggesties/<int:suggestion_id>/",
        suggestions.suggestion_detail,
        name="suggestion",
    ),
    path(
        "mijn/suggesties/<int:suggestion_id>/",
        suggestions.my_suggestion,
        name="my-suggestion",
    ),
]
