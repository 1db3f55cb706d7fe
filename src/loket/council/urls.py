"""The council pages: anyone's under /<municipality>/bestuur/, the secretary's under
/backoffice/bestuur/ (included from loket.config.urls before the web pages)."""

from __future__ import annotations

from django.urls import URLPattern, path

from loket.council.views import backoffice, backoffice_links, councillor, public

app_name = "council"

_MEETING = "<slug:slug>/bestuur/zittingen/<int:meeting_id>/"

# The back office first: its paths would otherwise be read as a municipality "backoffice".
urlpatterns: list[URLPattern] = [
    path("backoffice/bestuur/", backoffice.meetings, name="backoffice-meetings"),
    path("backoffice/bestuur/organen/", backoffice.bodies, name="backoffice-bodies"),
    path("backoffice/bestuur/organen/<int:body_id>/", backoffice.body, name="backoffice-body"),
    path(
        "backoffice/bestuur/zittingen/nieuw/",
        backoffice.meeting_new,
        name="backoffice-meeting-new",
    ),
    path(
        "backoffice/bestuur/zittingen/<int:meeting_id>/",
        backoffice.meeting,
        name="backoffice-meeting",
    ),
    path(
        "backoffice/bestuur/zittingen/<int:meeting_id>/status/",
        backoffice.meeting_status,
        name="backoffice-meeting-status",
    ),
    path(
        "backoffice/bestuur/zittingen/<int:meeting_id>/aanwezigheden/",
        backoffice.meeting_attendance,
        name="backoffice-meeting-attendance",
    ),
    path("backoffice/bestuur/punten/<int:item_id>/", backoffice.item, name="backoffice-item"),
    path(
        "backoffice/bestuur/punten/<int:item_id>/dossier/",
        backoffice.item_case,
        name="backoffice-item-case",
    ),
    path(
        "backoffice/bestuur/punten/<int:item_id>/bijlagen/",
        backoffice.item_attachment,
        name="backoffice-item-attachment",
    ),
    path(
        "backoffice/bestuur/punten/<int:item_id>/behandeling/",
        backoffice.item_treatment,
        name="backoffice-item-treatment",
    ),
    path(
        "backoffice/bestuur/punten/<int:item_id>/stemmingen/",
        backoffice.item_vote,
        name="backoffice-item-vote",
    ),
    path(
        "backoffice/bestuur/organen/<int:body_id>/livestream/",
        backoffice_links.body_livestream,
        name="backoffice-body-livestream",
    ),
    path(
        "backoffice/bestuur/organen/<int:body_id>/accounts/",
        backoffice_links.body_account,
        name="backoffice-body-account",
    ),
    path(
        "backoffice/bestuur/zittingen/<int:meeting_id>/links/",
        backoffice_links.meeting_links,
        name="backoffice-meeting-links",
    ),
    # The councillors' portal.
    path("backoffice/raadslid/", councillor.home, name="councillor-home"),
    path("backoffice/raadslid/besluiten/", councillor.decisions, name="councillor-decisions"),
    path(
        "backoffice/raadslid/zittingen/<int:meeting_id>/",
        councillor.meeting,
        name="councillor-meeting",
    ),
    path("backoffice/raadslid/punten/<int:item_id>/", councillor.item, name="councillor-item"),
    path(
        "backoffice/raadslid/punten/<int:item_id>/notitie/",
        councillor.item_note,
        name="councillor-item-note",
    ),
    path(
        "backoffice/raadslid/punten/<int:item_id>/bijlagen/<int:document_id>/",
        councillor.attachment,
        name="councillor-attachment",
    ),
    path("<slug:slug>/bestuur/", public.bodies, name="bodies"),
    path("<slug:slug>/bestuur/besluiten/", public.decisions, name="decisions"),
    path("<slug:slug>/bestuur/besluiten/<int:item_id>/", public.decision, name="decision"),
    path("<slug:slug>/bestuur/zittingen/", public.meetings, name="meetings"),
    path(_MEETING, public.meeting, name="meeting"),
    path(_MEETING + "agenda/", public.agenda, name="agenda"),
    path(_MEETING + "besluitenlijst/", public.decision_list, name="decision-list"),
    path(_MEETING + "notulen/", public.minutes, name="minutes"),
    path(
        _MEETING + "<slug:document>.jsonld",
        public.document_jsonld_view,
        name="document-jsonld",
    ),
    path(_MEETING + "<slug:document>.pdf", public.document_pdf, name="document-pdf"),
]
