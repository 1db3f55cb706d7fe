"""Every read of ideas and of the happiness survey, scoped by the actor.

Published ideas are public. An idea waiting for moderation, or not published, is seen by
its author and by staff with `participation.view` in its municipality; to anyone else it
answers 404 exactly like an idea that does not exist. A resident votes and comments only on
the published ideas of the municipality they live in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet
from django.http import Http404

from loket.participation.models import (
    Idea,
    IdeaComment,
    IdeaEvent,
    IdeaVote,
    SatisfactionAnswer,
    SatisfactionInvitation,
    SurveyAnswer,
    SurveyArea,
    SurveySchedule,
)
from loket.participation.workflow import IdeaStatus
from loket.people.models import Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission


def _with_votes(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    return ideas.annotate(vote_count=Count("votes", distinct=True)).select_related("municipality")


def resident_of(actor: Actor) -> Person:
    """The signed-in resident behind `actor` (404 for anyone else)."""
    if not actor.is_resident or actor.person_id is None:
        raise Http404
    person = Person.objects.select_related("municipality").filter(pk=actor.person_id).first()
    if person is None:
        raise Http404
    return person


def ideas_published(*, municipality: Municipality) -> QuerySet[Idea]:
    """The published ideas of one municipality, most supported first."""
    return _with_votes(
        Idea.objects.filter(municipality=municipality, status=IdeaStatus.PUBLISHED)
    ).order_by(F("vote_count").desc(), "-created_at", "-id")


def idea_get_published(*, municipality: Municipality, idea_id: int) -> Idea:
    idea = ideas_published(municipality=municipality).filter(pk=idea_id).first()
    if idea is None:
        raise Http404
    return idea


def idea_history_public(*, idea: Idea) -> QuerySet[IdeaEvent]:
    return idea.events.filter(is_public=True).order_by("created_at", "id")


def idea_comments(*, idea: Idea) -> QuerySet[IdeaComment]:
    return idea.comments.select_related("person").order_by("created_at", "id")


def ideas_of_resident(*, actor: Actor) -> QuerySet[Idea]:
    person = resident_of(actor)
    return _with_votes(Idea.objects.filter(author_id=person.pk)).order_by("-created_at", "-id")


def idea_get_of_resident(*, actor: Actor, idea_id: int) -> Idea:
    idea = ideas_of_resident(actor=actor).filter(pk=idea_id).first()
    if idea is None:
        raise Http404
    return idea


def idea_get_for_resident_action(*, actor: Actor, idea_id: int) -> Idea:
    """A published idea of the resident's own municipality (to vote or comment), else 404."""
    person = resident_of(actor)
    idea = (
        Idea.objects.select_related("municipality")
        .filter(pk=idea_id, status=IdeaStatus.PUBLISHED, municipality_id=person.municipality_id)
        .first()
    )
    if idea is None:
        raise Http404
    return idea


def vote_of_resident(*, actor: Actor, idea: Idea) -> IdeaVote | None:
    if not actor.is_resident or actor.person_id is None:
        return None
    return IdeaVote.objects.filter(idea=idea, person_id=actor.person_id).first()


def ideas_visible_to(
    *, actor: Actor, permission: Permission = Permission.PARTICIPATION_VIEW
) -> QuerySet[Idea]:
    """Every idea of the municipalities where staff hold `permission`."""
    if not actor.is_staff:
        return Idea.objects.none()
    return _with_votes(
        Idea.objects.filter(municipality_id__in=actor.municipality_ids(permission))
    ).select_related("author")


def idea_get_visible(
    *, actor: Actor, idea_id: int, permission: Permission = Permission.PARTICIPATION_VIEW
) -> Idea:
    idea = ideas_visible_to(actor=actor, permission=permission).filter(pk=idea_id).first()
    if idea is None:
        raise Http404
    return idea


def ideas_for_moderation(*, actor: Actor) -> QuerySet[Idea]:
    """Ideas waiting for moderation, oldest first."""
    return (
        ideas_visible_to(actor=actor)
        .filter(status=IdeaStatus.SUBMITTED)
        .order_by("created_at", "id")
    )


def merge_targets(*, actor: Actor, idea: Idea) -> QuerySet[Idea]:
    """The published ideas of the same municipality another idea may be merged into."""
    return (
        ideas_visible_to(actor=actor, permission=Permission.PARTICIPATION_MODERATE)
        .filter(municipality_id=idea.municipality_id, status=IdeaStatus.PUBLISHED)
        .exclude(pk=idea.pk)
        .order_by("title", "id")
    )


def municipalities_managed(*, actor: Actor) -> QuerySet[Municipality]:
    ids = actor.municipality_ids(Permission.PARTICIPATION_MANAGE) if actor.is_staff else ()
    return Municipality.objects.filter(pk__in=list(ids)).order_by("name_nl")


def municipality_get_managed(*, actor: Actor, municipality_id: int) -> Municipality:
    municipality = municipalities_managed(actor=actor).filter(pk=municipality_id).first()
    if municipality is None:
        raise Http404
    return municipality


def survey_areas_offered(*, municipality_id: int) -> QuerySet[SurveyArea]:
    return SurveyArea.objects.filter(municipality_id=municipality_id, is_active=True)


def survey_areas_of(*, actor: Actor, municipality_id: int) -> QuerySet[SurveyArea]:
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    return SurveyArea.objects.filter(municipality=municipality)


def survey_schedule_of(*, municipality_id: int) -> SurveySchedule:
    """The municipality's schedule (monthly and active when it set none)."""
    schedule = SurveySchedule.objects.filter(municipality_id=municipality_id).first()
    return schedule or SurveySchedule(municipality_id=municipality_id)


# The happiness survey's results: aggregates only, no cell under MIN_CELL answers.

MIN_CELL = 10
DIMENSIONS = ("municipality", "area", "age_band", "district")


@dataclass(frozen=True)
class ResultCell:
    label: str
    answers: int | None  # None: fewer than MIN_CELL answers, not shown
    average: float | None

    @property
    def is_suppressed(self) -> bool:
        return self.answers is None


@dataclass(frozen=True)
class SurveyResults:
    period_start: dt.date
    dimension: str
    total: int | None
    average: float | None
    cells: tuple[ResultCell, ...]
    other: ResultCell | None  # the small groups together, when together they reach MIN_CELL


def survey_periods(*, actor: Actor, municipality_id: int) -> list[dt.date]:
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    return list(
        SurveyAnswer.objects.filter(municipality=municipality)
        .values_list("period_start", flat=True)
        .distinct()
        .order_by("-period_start")
    )


def _cells(groups: dict[str, list[int]]) -> tuple[tuple[ResultCell, ...], ResultCell | None]:
    """Cells of at least MIN_CELL answers; the smaller ones go into one "other" group. When
    that group is not empty but under MIN_CELL, the smallest shown cells join it until it
    reaches MIN_CELL, so no small group can be worked out from the total minus the others."""
    shown = {label: scores for label, scores in groups.items() if len(scores) >= MIN_CELL}
    small = [score for label, scores in groups.items() if label not in shown for score in scores]
    while small and len(small) < MIN_CELL and shown:
        smallest = min(shown, key=lambda label: (len(shown[label]), label))
        small.extend(shown.pop(smallest))
    cells = tuple(
        ResultCell(label, len(scores), round(sum(scores) / len(scores), 1))
        for label, scores in sorted(shown.items(), key=lambda item: (-len(item[1]), item[0]))
    )
    other = None
    if small:
        enough = len(small) >= MIN_CELL
        other = ResultCell(
            "",
            len(small) if enough else None,
            round(sum(small) / len(small), 1) if enough else None,
        )
    return cells, other


def survey_results(
    *, actor: Actor, municipality_id: int, period_start: dt.date, dimension: str
) -> SurveyResults:
    """The period's results of one municipality, by `dimension`; staff with
    `participation.manage` there only (404 otherwise)."""
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    if dimension not in DIMENSIONS:
        dimension = "municipality"
    rows = list(
        SurveyAnswer.objects.filter(municipality=municipality, period_start=period_start)
        .values_list("score", "area_ids", "age_band", "district")
        .order_by()
    )
    scores = [row[0] for row in rows]
    enough = len(scores) >= MIN_CELL
    total = len(scores) if enough else None
    average = round(sum(scores) / len(scores), 1) if enough else None
    if not enough or dimension == "municipality":
        return SurveyResults(period_start, dimension, total, average, (), None)
    groups: dict[str, list[int]] = defaultdict(list)
    if dimension == "area":
        names = {
            area.pk: area.name for area in SurveyArea.objects.filter(municipality=municipality)
        }
        for score, area_ids, _age, _district in rows:
            for area_id in area_ids:
                groups[names.get(area_id, "?")].append(score)
        # An answer names up to three areas: the cells overlap, so each stands alone.
        cells = tuple(
            ResultCell(label, len(values), round(sum(values) / len(values), 1))
            if len(values) >= MIN_CELL
            else ResultCell(label, None, None)
            for label, values in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
        )
        return SurveyResults(period_start, dimension, total, average, cells, None)
    index = 2 if dimension == "age_band" else 3
    for row in rows:
        groups[str(row[index])].append(row[0])
    cells, other = _cells(groups)
    return SurveyResults(period_start, dimension, total, average, cells, other)


def idea_get_for_photo(*, actor: Actor, idea_id: int) -> Idea:
    """An idea whose photo the actor may see: a published one (anyone), their own (the
    author), or one of a municipality where staff may view ideas; else 404."""
    idea = Idea.objects.select_related("municipality").filter(pk=idea_id).first()
    if idea is None or not idea.photo:
        raise Http404
    if idea.status == IdeaStatus.PUBLISHED:
        return idea
    if actor.is_resident and actor.person_id == idea.author_id:
        return idea
    if actor.is_staff and actor.has(Permission.PARTICIPATION_VIEW, idea.municipality_id):
        return idea
    raise Http404


# Satisfaction after a service.


def satisfaction_invitations_open(*, actor: Actor) -> QuerySet[SatisfactionInvitation]:
    """The signed-in resident's questions not answered yet."""
    person = resident_of(actor)
    return SatisfactionInvitation.objects.filter(person=person, answer__isnull=True).order_by(
        "-created_at", "-id"
    )


def satisfaction_invitation_of_resident(
    *, actor: Actor, invitation_id: int
) -> SatisfactionInvitation:
    person = resident_of(actor)
    invitation = (
        SatisfactionInvitation.objects.select_related("municipality", "department")
        .filter(pk=invitation_id, person=person)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def satisfaction_answers_visible_to(*, actor: Actor) -> QuerySet[SatisfactionAnswer]:
    """The answers (score and comment) of the municipalities where the staff member reads
    participation; never who answered."""
    return SatisfactionAnswer.objects.filter(
        municipality_id__in=actor.municipality_ids(Permission.PARTICIPATION_VIEW)
    ).select_related("municipality", "department")
