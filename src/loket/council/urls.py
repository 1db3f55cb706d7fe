"""The council pages: anyone's under /<municipality>/bestuur/, the secretary's under
/backoffice/bestuur/ (included from loket.config.urls before the web pages)."""

from __future__ import annotations

from django.urls import URLPattern, path

from loket.council.views import public

app_name = "council"

_MEETING = "<slug:slug>/bestuur/zittingen/<int:meeting_id>/"

urlpatterns: list[URLPattern] = [
    path("<slug:slug>/bestuur/", public.bodies, name="bodies"),
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
]
