"""Report pages: the portal (meldingen/) and the back office (backoffice/meldingen/)."""

from django.urls import path

from loket.reports.views import backoffice, categories, keys, oslo, portal, public

app_name = "reports"

urlpatterns = [
    # Portal
    path("meldingen/", public.public_list, name="public-list"),
    path("meldingen/gemeente/<slug:slug>/", public.public_municipality, name="public-municipality"),
    path("meldingen/nieuw/", portal.report_new, name="new"),
    path("meldingen/in-de-buurt/", portal.report_nearby, name="nearby"),
    path("meldingen/vragen/", portal.report_questions, name="questions"),
    path("meldingen/ontvangen/<slug:token>/", portal.report_received, name="received"),
    path("meldingen/foto/<int:photo_id>/", public.report_photo, name="photo"),
    path("meldingen/<int:report_id>/", public.report_detail, name="detail"),
    # OSLO Melding (JSON-LD): a document per public report and a paged feed.
    path("meldingen/oslo/", oslo.feed, name="oslo-feed"),
    path("meldingen/<int:report_id>/oslo/", oslo.report_melding, name="oslo-report"),
    path("meldingen/<int:report_id>/volgen/", public.report_follow_view, name="follow"),
    path("meldingen/<int:report_id>/heropenen/", public.report_reopen_view, name="reopen"),
    # Back office
    path("backoffice/meldingen/", backoffice.queue, name="queue"),
    path("backoffice/meldingen/te-laat/", backoffice.overdue, name="overdue"),
    path("backoffice/meldingen/meldpunt/", backoffice.dispatch, name="dispatch"),
    path("backoffice/meldingen/<int:report_id>/", backoffice.detail, name="staff-detail"),
    path(
        "backoffice/meldingen/<int:report_id>/melder/",
        backoffice.reporter_contact,
        name="reporter-contact",
    ),
    path("backoffice/meldingen/<int:report_id>/status/", backoffice.update, name="update"),
    path("backoffice/meldingen/<int:report_id>/routeren/", backoffice.route, name="route"),
    path("backoffice/meldingen/<int:report_id>/samenvoegen/", backoffice.merge, name="merge"),
    path("backoffice/meldingen/categorieen/", categories.category_overview, name="categories"),
    path("backoffice/meldingen/categorieen/nieuw/", categories.category_edit, name="category-new"),
    path(
        "backoffice/meldingen/categorieen/<int:category_id>/",
        categories.category_edit,
        name="category-edit",
    ),
    path(
        "backoffice/meldingen/categorieen/<int:category_id>/vraag/",
        categories.attribute_edit,
        name="attribute-edit",
    ),
    path(
        "backoffice/meldingen/categorieen/gemeente/<slug:slug>/",
        categories.mapping_edit,
        name="mappings",
    ),
    path("backoffice/meldingen/open311-sleutels/", keys.key_list, name="keys"),
    path(
        "backoffice/meldingen/open311-sleutels/<int:client_id>/intrekken/",
        keys.key_revoke,
        name="key-revoke",
    ),
]
