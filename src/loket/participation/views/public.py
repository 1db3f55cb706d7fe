"""Pages anyone may open: a municipality's published ideas with their support and status,
and one idea with its public history and comments. A signed-in resident of that
municipality also finds the forms to support it and to comment."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from loket.participation.forms import CommentForm
from loket.participation.models import Idea
from loket.participation.selectors import (
    idea_comments,
    idea_get_for_photo,
    idea_get_published,
    idea_history_public,
    ideas_published,
    vote_of_resident,
)
from loket.participation.workflow import IdeaStatus, PublicStatus
from loket.people.models import Person
from loket.tenancy.access import actor_from_request, public
from loket.tenancy.selectors import municipalities_public
from loket.web.pagination import page_of


@public
def idea_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    ideas = ideas_published(municipality=municipality)
    wanted = request.GET.get("status", "")
    if wanted in PublicStatus.values:
        ideas = ideas.filter(public_status=wanted)
    return render(
        request,
        "participation/public/list.html",
        {
            "municipality": municipality,
            "page": page_of(request, ideas, per_page=20),
            "statuses": PublicStatus.choices,
            "status": wanted,
        },
    )


def idea_page(
    request: HttpRequest, idea: Idea, *, comment_form: CommentForm | None = None, status: int = 200
) -> HttpResponse:
    actor = actor_from_request(request)
    may_act = (
        actor.is_resident
        and actor.person_id is not None
        and Person.objects.filter(pk=actor.person_id, municipality_id=idea.municipality_id).exists()
    )
    context: dict[str, Any] = {
        "idea": idea,
        "municipality": idea.municipality,
        "history": idea_history_public(idea=idea),
        "comments": idea_comments(idea=idea),
        "may_act": may_act,
        "signed_in": actor.is_resident,
        "vote": vote_of_resident(actor=actor, idea=idea) if may_act else None,
        "comment_form": comment_form or CommentForm(),
    }
    return render(request, "participation/public/detail.html", context, status=status)


@public
def idea_detail(request: HttpRequest, slug: str, idea_id: int) -> HttpResponse:
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    return idea_page(request, idea_get_published(municipality=municipality, idea_id=idea_id))


@public
def idea_photo(request: HttpRequest, idea_id: int) -> FileResponse:
    """An idea's photo (stored cleaned, as JPEG): public for a published idea, else only
    for its author and the municipality's staff."""
    idea = idea_get_for_photo(actor=actor_from_request(request), idea_id=idea_id)
    response = FileResponse(idea.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = (
        "public, max-age=86400" if idea.status == IdeaStatus.PUBLISHED else "private, no-store"
    )
    return response
