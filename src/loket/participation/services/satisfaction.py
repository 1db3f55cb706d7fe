"""Satisfaction after a service: the invitation (at most one per resident per week, the
database refuses a second), its signed one-time link, and the one answer to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.backends.postgresql.psycopg_any import DateRange
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.notify.after_service import ServiceDone, ServiceKind
from loket.participation import notifications
from loket.participation.models import (
    SATISFACTION_INTERVAL_DAYS,
    SatisfactionAnswer,
    SatisfactionInvitation,
)
from loket.people.models import Consent, ConsentPurpose, Person

MAX_SATISFACTION_COMMENT = 2000
_SALT = "loket.participation.satisfaction"
# The link answers for 30 days; the answer page says so when it has expired.
LINK_LIFETIME = dt.timedelta(days=30)


def satisfaction_link_token(*, invitation: SatisfactionInvitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=_SALT, compress=True)


def satisfaction_invitation_from_token(*, token: str) -> SatisfactionInvitation:
    """The invitation of a signed link; Http404 for a forged, altered or expired one."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=LINK_LIFETIME)
    except signing.BadSignature as error:
        raise Http404 from error
    invitation = (
        SatisfactionInvitation.objects.select_related("municipality", "department")
        .filter(pk=data.get("i"))
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def satisfaction_job_arguments(done: ServiceDone) -> dict[str, Any]:
    """What the invitation job needs, as plain JSON values."""
    return {
        "kind": str(done.kind),
        "reference": done.reference,
        "municipality_id": done.municipality_id,
        "person_id": done.person_id,
        "department_id": done.department_id,
        "subject_code": done.subject_code,
        "subject_name": done.subject_name,
    }


def _surveys_refused(person: Person) -> bool:
    """The question is an optional message under the surveys consent: a resident who said
    no to surveys is not asked (and nothing is written for them)."""
    return Consent.objects.filter(
        person=person, purpose=ConsentPurpose.SURVEYS, granted=False
    ).exists()


def satisfaction_invite(
    *,
    kind: str,
    reference: str,
    municipality_id: int,
    person_id: int,
    department_id: int | None = None,
    subject_code: str = "",
    subject_name: str = "",
    today: dt.date | None = None,
) -> SatisfactionInvitation | None:
    """Ask the resident how satisfied they were, unless they were asked in the last week (or
    about this service already): then nothing is written and None comes back. The
    database's exclusion constraint decides, also for two invitations at the same moment."""
    if kind not in ServiceKind.values:
        raise ValueError(f"unknown service kind {kind!r}")
    person = Person.objects.filter(pk=person_id).first()
    if person is None or _surveys_refused(person):
        return None
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            # One resident's questions one at a time: two invitations inserted at the same
            # moment would otherwise wait on each other in the exclusion constraint and one
            # could end in a deadlock instead of the constraint's clear refusal.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                    [f"satisfaction/{person.pk}"],
                )
            invitation = SatisfactionInvitation.objects.create(
                municipality_id=municipality_id,
                person=person,
                department_id=department_id,
                service_kind=kind,
                service_reference=reference[:60],
                subject_code=subject_code[:100],
                subject_name=subject_name[:200],
                invited_on=today,
                window=DateRange(today, today + dt.timedelta(days=SATISFACTION_INTERVAL_DAYS)),
            )
            notifications.satisfaction_invitation_notify(
                invitation=invitation, token=satisfaction_link_token(invitation=invitation)
            )
    except IntegrityError:  # asked this week already, or about this service
        return None
    return invitation


def satisfaction_answer(
    *, invitation: SatisfactionInvitation, score: int | str | None, comment: str = ""
) -> SatisfactionAnswer:
    """Record the one answer to an invitation; a second (even at the same moment) is refused
    and writes nothing."""
    errors: dict[str, str] = {}
    try:
        value = int(score) if score not in (None, "") else 0
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        errors["score"] = _("Choose a score from 1 to 5.")
    comment = (comment or "").strip()
    if len(comment) > MAX_SATISFACTION_COMMENT:
        errors["comment"] = _("At most %(count)d characters.") % {"count": MAX_SATISFACTION_COMMENT}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return SatisfactionAnswer.objects.create(
                invitation=invitation,
                municipality_id=invitation.municipality_id,
                department_id=invitation.department_id,
                service_kind=invitation.service_kind,
                subject_code=invitation.subject_code,
                subject_name=invitation.subject_name,
                score=value,
                comment=comment,
            )
    except IntegrityError as error:
        raise ValidationError(
            {"score": _("This question has been answered already. Thank you!")},
            code="answered",
        ) from error


def satisfaction_answered(*, invitation: SatisfactionInvitation) -> bool:
    return SatisfactionAnswer.objects.filter(invitation_id=invitation.pk).exists()
