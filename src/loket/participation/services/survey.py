"""The happiness survey: the areas a municipality offers, the schedule, one answer per
resident and period, and the invitations.

An answer is written as two rows that nothing joins: the participation marker (resident,
municipality, period: what makes a second answer impossible) and the answer (municipality,
period, score, areas, age band, district), with a random key and no time. Only aggregates
of the answers leave the table (`survey_results`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.participation import notifications
from loket.participation.models import (
    MAX_SURVEY_AREAS,
    SurveyAnswer,
    SurveyArea,
    SurveyParticipation,
    SurveySchedule,
)
from loket.participation.selectors import (
    municipality_get_managed,
    resident_of,
    survey_areas_offered,
    survey_schedule_of,
)
from loket.people.models import Address, Consent, ConsentPurpose, Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality

AGE_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 17, "0-17"),
    (18, 24, "18-24"),
    (25, 34, "25-34"),
    (35, 44, "35-44"),
    (45, 54, "45-54"),
    (55, 64, "55-64"),
    (65, 74, "65-74"),
    (75, None, "75+"),
)


def period_start_of(*, period_months: int, day: dt.date) -> dt.date:
    """The first day of the period `day` lies in (periods start in January)."""
    months = period_months if period_months in {1, 2, 3, 4, 6, 12} else 1
    return dt.date(day.year, ((day.month - 1) // months) * months + 1, 1)


def age_band_of(birth_date: dt.date | None, today: dt.date) -> str:
    if birth_date is None:
        return ""
    age = (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return ""


def district_of(person: Person) -> str:
    """The postal code of the resident's current address (the survey's district)."""
    address = (
        Address.objects.filter(person=person, valid_until__isnull=True)
        .order_by("-valid_from", "-id")
        .first()
    )
    return address.postal_code if address is not None else ""


def survey_opted_in(*, person: Person) -> bool:
    return Consent.objects.filter(
        person=person, purpose=ConsentPurpose.SURVEYS, granted=True
    ).exists()


def survey_period_current(*, municipality_id: int, today: dt.date | None = None) -> dt.date | None:
    """The period asked now, None when the municipality does not ask."""
    schedule = survey_schedule_of(municipality_id=municipality_id)
    if not schedule.is_active:
        return None
    return period_start_of(period_months=schedule.period_months, day=today or timezone.localdate())


def survey_answered(*, person: Person, period_start: dt.date) -> bool:
    return SurveyParticipation.objects.filter(
        person=person, municipality_id=person.municipality_id, period_start=period_start
    ).exists()


def survey_answer(*, actor: Actor, score: int | None, area_ids: Sequence[int]) -> None:
    """A resident who opted in answers for this period, once. The areas must be among the
    ones their municipality offers (at most three)."""
    person = resident_of(actor)
    if not survey_opted_in(person=person):
        raise PermissionDenied
    today = timezone.localdate()
    period_start = survey_period_current(municipality_id=person.municipality_id, today=today)
    if period_start is None:
        raise ValidationError(_("Your municipality does not ask this question at the moment."))
    errors: dict[str, str] = {}
    if score is None or not 1 <= score <= 10:
        errors["score"] = _("Choose a score from 1 to 10.")
    chosen = sorted(set(area_ids))
    offered = set(
        survey_areas_offered(municipality_id=person.municipality_id)
        .filter(pk__in=chosen)
        .values_list("pk", flat=True)
    )
    if len(chosen) > MAX_SURVEY_AREAS:
        errors["areas"] = _("Choose at most three areas.")
    elif offered != set(chosen):
        errors["areas"] = _("Choose among the areas offered.")
    if errors or score is None:
        raise ValidationError(errors)
    already = ValidationError(
        _("You have already answered for this period. Thank you!"), code="already_answered"
    )
    try:
        with transaction.atomic():
            SurveyParticipation.objects.create(
                municipality_id=person.municipality_id, person=person, period_start=period_start
            )
            SurveyAnswer.objects.create(
                municipality_id=person.municipality_id,
                period_start=period_start,
                score=score,
                area_ids=chosen,
                age_band=age_band_of(person.birth_date, today),
                district=district_of(person),
            )
    except IntegrityError:  # the marker exists: answered before, or at the same moment
        raise already from None


def survey_area_save(
    *,
    actor: Actor,
    municipality_id: int,
    name_nl: str,
    name_fr: str,
    name_en: str,
    position: int = 0,
    is_active: bool = True,
    area_id: int | None = None,
) -> SurveyArea:
    """Add an area to the municipality's list, or change one (areas are switched off,
    never removed: answers point at them)."""
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    names = {"name_nl": name_nl.strip(), "name_fr": name_fr.strip(), "name_en": name_en.strip()}
    errors = {field: _("This field is required.") for field, value in names.items() if not value}
    errors |= {
        field: _("At most %(count)d characters.") % {"count": 100}
        for field, value in names.items()
        if len(value) > 100
    }
    if errors:
        raise ValidationError(errors)
    area = (
        SurveyArea(municipality=municipality)
        if area_id is None
        else SurveyArea.objects.filter(municipality=municipality, pk=area_id).first()
    )
    if area is None:
        raise ValidationError({"area": _("Choose one of the areas of this municipality.")})
    for field, value in names.items():
        setattr(area, field, value)
    area.position, area.is_active = position, is_active
    try:
        with transaction.atomic():
            area.save()
    except IntegrityError:
        raise ValidationError(
            {"name_nl": _("This municipality has an area of that name.")}
        ) from None
    return area


def survey_schedule_save(
    *, actor: Actor, municipality_id: int, period_months: int, is_active: bool
) -> SurveySchedule:
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    if period_months not in {1, 3, 6, 12}:
        raise ValidationError({"period_months": _("Choose how often to ask.")})
    schedule, _created = SurveySchedule.objects.update_or_create(
        municipality=municipality,
        defaults={"period_months": period_months, "is_active": is_active},
    )
    return schedule


def survey_invitations_send(*, today: dt.date | None = None) -> int:
    """Invite the residents who said yes to surveys and have not answered this period yet,
    in every municipality that asks and offers areas; once per period (the notification's
    idempotency key), so running it daily is safe."""
    today = today or timezone.localdate()
    sent = 0
    municipality_ids = SurveyArea.objects.filter(is_active=True).values_list(
        "municipality_id", flat=True
    )
    for municipality in Municipality.objects.filter(pk__in=municipality_ids).order_by("pk"):
        period_start = survey_period_current(municipality_id=municipality.pk, today=today)
        if period_start is None:
            continue
        answered = SurveyParticipation.objects.filter(
            municipality=municipality, period_start=period_start
        ).values_list("person_id", flat=True)
        people = Person.objects.filter(
            municipality=municipality,
            consents__purpose=ConsentPurpose.SURVEYS,
            consents__granted=True,
        ).exclude(pk__in=answered)
        for person in people.order_by("pk").iterator():
            with transaction.atomic():
                notifications.happiness_invitation_notify(
                    person=person, municipality=municipality, period_start=period_start.isoformat()
                )
            sent += 1
    return sent
