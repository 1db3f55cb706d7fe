"""Demo data of participation in Kortrijk: ideas of the well-known demo residents and their
neighbours (published ones with supporters and comments, one planned, one declined with a
reason, one waiting for moderation), the happiness survey's areas, and enough answers in
the current period that the results show; satisfaction answers and the user panel
(`demo_feedback.py`).

`participation_demo_load()` runs after the tenants, staff and residents exist, through the
services like residents and staff would; idempotent: an idea whose title the author has
already used is not proposed again, and a resident who answered this period does not
answer again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from loket.accounts.models import User
from loket.participation.demo_feedback import panel_demo_load, satisfaction_demo_load
from loket.participation.models import Idea, SurveyArea
from loket.participation.services import (
    idea_comment_add,
    idea_moderate,
    idea_propose,
    idea_status_change,
    idea_vote,
    survey_answer,
    survey_area_save,
)
from loket.people.models import ConsentPurpose, Person
from loket.people.services import person_contact_update
from loket.tenancy.access import Actor, actor_for_resident, actor_for_user

MODERATOR = "kortrijk.clerk"
MANAGER = "kortrijk.admin"
AREAS = (
    ("Groen en parken", "Verdure et parcs", "Green and parks"),
    ("Veilig fietsen", "Vélo en sécurité", "Safe cycling"),
    ("Cultuur en evenementen", "Culture et événements", "Culture and events"),
    ("Netheid", "Propreté", "Cleanliness"),
    ("Betaalbaar wonen", "Logement abordable", "Affordable housing"),
)


@dataclass(frozen=True)
class DemoIdea:
    author: str  # featured person key, or "" for a neighbour of Kortrijk
    title: str
    body: str
    moderation: str = "published"  # or "submitted" (left waiting), "rejected"
    reason: str = ""
    public_status: tuple[str, ...] = ()  # the moves, in order
    status_reason: str = ""
    supporters: int = 0
    comments: tuple[str, ...] = ()


DEMO_IDEAS = (
    DemoIdea(
        "sofie",
        "Een speeltuin in het Astridpark",
        "Voor de kinderen van de wijk: schommels en een zandbak bij de vijver.",
        public_status=("planned",),
        supporters=9,
        comments=("Graag ook met schaduw!", "Onze kinderen zouden er elke dag spelen."),
    ),
    DemoIdea(
        "thomas",
        "Fietsenstallingen aan het station",
        "Overdekte, beveiligde stallingen aan de zuidkant van het station.",
        supporters=6,
        comments=("Nu staat alles tegen de gevel.",),
    ),
    DemoIdea(
        "",
        "Meer bankjes langs de Leie",
        "Om even te rusten tijdens een wandeling langs het water.",
        supporters=4,
    ),
    DemoIdea(
        "",
        "Een ijsbaan op de Grote Markt",
        "Een schaatsbaan in december, zoals in andere steden.",
        public_status=("declined",),
        status_reason=(
            "De Grote Markt is in december al volzet door de kerstmarkt; we bekijken een "
            "andere plaats voor volgend jaar."
        ),
        supporters=3,
    ),
    DemoIdea(
        "",
        "Gratis parkeren op zondag",
        "Zodat meer mensen naar de stad komen.",
        moderation="submitted",
    ),
)


@dataclass
class ParticipationDemoResult:
    ideas: int = 0
    answers: int = 0
    satisfaction_answers: int = 0
    panel_members: int = 0


def _neighbours(municipality_id: int, exclude: set[int]) -> list[Person]:
    return list(
        Person.objects.filter(
            municipality_id=municipality_id,
            birth_date__lte=timezone.localdate() - dt.timedelta(days=18 * 366),
        )
        .exclude(pk__in=exclude)
        .order_by("pk")[:30]
    )


def _opt_in(person: Person) -> None:
    person_contact_update(
        person=person,
        preferred_language=person.preferred_language,
        preferred_channels=person.preferred_channels,
        email=person.email,
        phone=person.phone,
        consents={ConsentPurpose.SURVEYS: True},
    )


def _idea_load(spec: DemoIdea, author: Person, neighbours: list[Person], moderator: Actor) -> bool:
    if Idea.objects.filter(author=author, title=spec.title).exists():
        return False
    idea = idea_propose(actor=actor_for_resident(author.pk), title=spec.title, body=spec.body)
    if spec.moderation == "submitted":
        return True
    idea_moderate(actor=moderator, idea_id=idea.pk, to_status=spec.moderation, reason=spec.reason)
    for position, supporter in enumerate(neighbours[: spec.supporters]):
        idea_vote(
            actor=actor_for_resident(supporter.pk), idea_id=idea.pk, wants_updates=position % 2 == 0
        )
    for position, text in enumerate(spec.comments):
        commenter = neighbours[-1 - position]
        idea_comment_add(actor=actor_for_resident(commenter.pk), idea_id=idea.pk, body=text)
    for move in spec.public_status:
        idea_status_change(
            actor=moderator,
            idea_id=idea.pk,
            to_status=move,
            reason=spec.status_reason if move == "declined" else "",
        )
    return True


def _survey_load(municipality_id: int, neighbours: list[Person], manager: Actor) -> int:
    for position, (nl, fr, en) in enumerate(AREAS):
        if not SurveyArea.objects.filter(municipality_id=municipality_id, name_nl=nl).exists():
            survey_area_save(
                actor=manager,
                municipality_id=municipality_id,
                name_nl=nl,
                name_fr=fr,
                name_en=en,
                position=position,
            )
    area_ids = list(
        SurveyArea.objects.filter(municipality_id=municipality_id)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    answers = 0
    for position, person in enumerate(neighbours[:24]):
        _opt_in(person)
        first = area_ids[position % len(area_ids)]
        second = area_ids[(position * 3 + 1) % len(area_ids)]
        try:
            survey_answer(
                actor=actor_for_resident(person.pk),
                score=5 + (position * 7) % 6,
                area_ids=sorted({first, second}),
            )
        except ValidationError:  # answered already in this period
            continue
        answers += 1
    return answers


def participation_demo_load(*, residents: Mapping[str, str]) -> ParticipationDemoResult:
    result = ParticipationDemoResult()
    moderator_user = User.objects.filter(username=MODERATOR).first()
    manager_user = User.objects.filter(username=MANAGER).first()
    sofie = Person.objects.filter(national_number=residents.get("sofie", "")).first()
    if moderator_user is None or manager_user is None or sofie is None:
        return result
    municipality_id = sofie.municipality_id
    featured = {
        key: person
        for key, number in residents.items()
        if (person := Person.objects.filter(national_number=number).first()) is not None
        and person.municipality_id == municipality_id
    }
    neighbours = _neighbours(municipality_id, {p.pk for p in featured.values()})
    if not neighbours:
        return result
    moderator = actor_for_user(moderator_user)
    with transaction.atomic():
        for index, spec in enumerate(DEMO_IDEAS):
            author = featured.get(spec.author) or neighbours[index % len(neighbours)]
            result.ideas += _idea_load(spec, author, neighbours, moderator)
        # Sofie answers herself (she said yes to surveys); her neighbours answered already.
        result.answers = _survey_load(municipality_id, neighbours, actor_for_user(manager_user))
        _opt_in(sofie)
        result.satisfaction_answers = satisfaction_demo_load(sofie=sofie, neighbours=neighbours)
        result.panel_members = panel_demo_load(
            manager=actor_for_user(manager_user),
            municipality_id=municipality_id,
            neighbours=neighbours,
        )
    return result
