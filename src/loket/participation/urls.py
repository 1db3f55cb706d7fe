"""Participation pages: a municipality's ideas under /<municipality>/ideeen/, the
resident's under /mijn/ideeen/ and /mijn/geluk/, staff's under /backoffice/ideeen/ and
/backoffice/geluk/ (included from loket.config.urls before the web pages)."""

from __future__ import annotations

from django.urls import path

from loket.participation.views import backoffice, portal, public

app_name = "participation"

urlpatterns = [
    path("mijn/ideeen/", portal.my_ideas, name="my-ideas"),
    path("mijn/ideeen/nieuw/", portal.my_idea_new, name="my-idea-new"),
    path("mijn/ideeen/<int:idea_id>/", portal.my_idea, name="my-idea"),
    path("mijn/ideeen/<int:idea_id>/steunen/", portal.my_idea_vote, name="my-idea-vote"),
    path(
        "mijn/ideeen/<int:idea_id>/niet-meer-steunen/",
        portal.my_idea_unvote,
        name="my-idea-unvote",
    ),
    path("mijn/ideeen/<int:idea_id>/reageren/", portal.my_idea_comment, name="my-idea-comment"),
    path("ideeen/foto/<int:idea_id>/", public.idea_photo, name="idea-photo"),
    path("mijn/geluk/", portal.my_happiness, name="my-happiness"),
    path("backoffice/ideeen/", backoffice.ideas, name="backoffice-ideas"),
    path("backoffice/ideeen/<int:idea_id>/", backoffice.idea_detail, name="backoffice-idea"),
    path(
        "backoffice/ideeen/<int:idea_id>/moderatie/",
        backoffice.idea_moderate_view,
        name="backoffice-idea-moderate",
    ),
    path(
        "backoffice/ideeen/<int:idea_id>/status/",
        backoffice.idea_status_view,
        name="backoffice-idea-status",
    ),
    path(
        "backoffice/ideeen/<int:idea_id>/samenvoegen/",
        backoffice.idea_merge_view,
        name="backoffice-idea-merge",
    ),
    path("backoffice/geluk/", backoffice.happiness, name="backoffice-happiness"),
    path(
        "backoffice/geluk/<int:municipality_id>/",
        backoffice.happiness_municipality,
        name="backoffice-happiness-municipality",
    ),
    path(
        "backoffice/geluk/<int:municipality_id>/gebieden/",
        backoffice.happiness_area_new,
        name="backoffice-happiness-area-new",
    ),
    path(
        "backoffice/geluk/<int:municipality_id>/planning/",
        backoffice.happiness_schedule,
        name="backoffice-happiness-schedule",
    ),
    path("<slug:slug>/ideeen/", public.idea_list, name="ideas"),
    path("<slug:slug>/ideeen/<int:idea_id>/", public.idea_detail, name="idea"),
]
