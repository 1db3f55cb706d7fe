"""Participation pages: a municipality's ideas under /<municipality>/ideeen/, the
resident's under /mijn/ideeen/ and /mijn/geluk/, staff's under /backoffice/ideeen/ and
/backoffice/geluk/ (included from loket.config.urls before the web pages)."""

from __future__ import annotations

from django.urls import path

from loket.participation.views import backoffice, panel, portal, public, satisfaction

app_name = "participation"

urlpatterns = [
    path("mijn/ideeen/", portal.my_ideas, name="my-ideas"),
    path("mijn/ideeen/nieuw/", portal.my_idea_new, name="my-idea-new"),
    path("mijn/ideeen/<int:idea_id>/", portal.my_idea, name="my-idea"),
    path("mijn/ideeen/<int:idea_id>/wijzigen/", portal.my_idea_edit, name="my-idea-edit"),
    path("mijn/ideeen/<int:idea_id>/intrekken/", portal.my_idea_withdraw, name="my-idea-withdraw"),
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
    path("tevredenheid/<str:token>/", satisfaction.satisfaction_by_link, name="satisfaction"),
    path("mijn/tevredenheid/", satisfaction.my_satisfaction_list, name="my-satisfactions"),
    path(
        "mijn/tevredenheid/<int:invitation_id>/",
        satisfaction.my_satisfaction,
        name="my-satisfaction",
    ),
    path(
        "backoffice/tevredenheid/",
        satisfaction.satisfaction_comments,
        name="backoffice-satisfaction",
    ),
    path("mijn/panel/", panel.my_panel, name="my-panel"),
    path("mijn/panel/verlaten/", panel.my_panel_leave, name="my-panel-leave"),
    path("backoffice/panel/", panel.panel, name="backoffice-panel"),
    path(
        "backoffice/panel/<int:municipality_id>/",
        panel.panel_municipality,
        name="backoffice-panel-municipality",
    ),
    path(
        "backoffice/panel/activiteit/<int:activity_id>/",
        panel.panel_activity,
        name="backoffice-panel-activity",
    ),
    path(
        "backoffice/panel/uitnodiging/<int:invitation_id>/",
        panel.panel_outcome,
        name="backoffice-panel-outcome",
    ),
    path("<slug:slug>/ideeen/", public.idea_list, name="ideas"),
    path("<slug:slug>/ideeen/<int:idea_id>/", public.idea_detail, name="idea"),
]
