"""Receiving reports: photos, creation from one intake record, following an existing report."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.people.models import Person
from loket.reports import notifications
from loket.reports.attributes import AttributeErrors, attributes_clean
from loket.reports.history import report_event_append
from loket.reports.models import (
    Category,
    EventKind,
    PhotoKind,
    Report,
    ReportEvent,
    ReportFollower,
    ReportPhoto,
    ReportSource,
)
from loket.reports.photos import MAX_PHOTOS_PER_REPORT, PreparedPhoto
from loket.reports.routing import PlacedLocation, Routing, location_place, routing_for
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality, Region

MAX_DESCRIPTION_LENGTH = 4000
DRAFT_PHOTO_LIFETIME = dt.timedelta(days=1)


@dataclass(frozen=True)
class Reporter:
    """Who reported: a signed-in resident, or contact details given (all optional)."""

    person: Person | None = None
    name: str = ""
    email: str = ""
    phone: str = ""
    language: str = "nl"
    wants_updates: bool = True


class IntakeOrigin(Protocol):
    """What a channel adds to a report beyond the common fields (an app and its device)."""

    def place_check(self, municipality: Municipality) -> None:
        """Raise PermissionDenied when this origin may not report in `municipality`."""

    def report_fields(self) -> dict[str, Any]:
        """The report fields this origin fills."""


@dataclass(frozen=True)
class ReportIntake:
    """Everything a new report is made of, whichever channel it came in by: built by the
    portal form (`ReportForm.intake`), from an Open311 request (`open311/intake.py`), or
    directly by staff registering a report (source `BACKOFFICE`) and the demonstration data.

    The location is a point, else a typed address (`address_id`: the caller's own reference),
    else the municipality named; `draft_key` collects photos uploaded earlier on the portal."""

    region: Region
    category: Category
    source: ReportSource
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None
    address: str = ""
    address_id: str = ""
    municipality: Municipality | None = None
    attributes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    photos: Sequence[PreparedPhoto] = ()
    draft_key: str = ""
    reporter: Reporter = Reporter()
    origin: IntakeOrigin | None = None


def photo_draft_key_new() -> str:
    return uuid.uuid4().hex


def _photo_store(photo: ReportPhoto, prepared: PreparedPhoto) -> ReportPhoto:
    photo.width, photo.height = prepared.width, prepared.height
    photo.gps_latitude, photo.gps_longitude = prepared.gps_latitude, prepared.gps_longitude
    photo.image.save("photo.jpg", ContentFile(prepared.content), save=False)
    photo.save()
    return photo


@transaction.atomic
def report_photo_draft_add(*, draft_key: str, prepared: PreparedPhoto) -> ReportPhoto:
    """Keep a cleaned photo for a report that is still being written on the portal."""
    if not draft_key:
        raise ValidationError(_("A draft photo needs a draft key."))
    if ReportPhoto.objects.filter(draft_key=draft_key, report__isnull=True).count() >= (
        MAX_PHOTOS_PER_REPORT
    ):
        raise ValidationError(
            _("A report can have at most %(count)d photos.") % {"count": MAX_PHOTOS_PER_REPORT},
            code="too_many_photos",
        )
    return _photo_store(ReportPhoto(draft_key=draft_key, kind=PhotoKind.REPORT), prepared)


def report_photo_drafts_purge(*, older_than: dt.timedelta = DRAFT_PHOTO_LIFETIME) -> int:
    """Remove photos uploaded for reports that were never sent (and their files)."""
    drafts = ReportPhoto.objects.filter(
        report__isnull=True, created_at__lt=timezone.now() - older_than
    )
    count = 0
    for photo in drafts.iterator():
        photo.image.delete(save=False)
        photo.delete()
        count += 1
    return count


@transaction.atomic
def report_photo_drafts_remove(*, draft_key: str, photo_ids: Sequence[int]) -> int:
    """Take photos out of a report still being written (only that draft's photos)."""
    if not draft_key:
        return 0
    photos = ReportPhoto.objects.filter(
        draft_key=draft_key, report__isnull=True, pk__in=list(photo_ids)
    )
    count = 0
    for photo in photos:
        photo.image.delete(save=False)
        photo.delete()
        count += 1
    return count


def _category_check(category: Category, region: Region) -> None:
    # `is_group` is there when the category comes from `category_get_offered`.
    is_group = getattr(category, "is_group", None)
    if is_group is None:
        is_group = category.children.exists()
    if category.region_id != region.pk or not category.is_active or is_group:
        raise ValidationError(
            {"category": _("Choose one of the categories offered.")}, code="category_invalid"
        )


def _follower_add(
    *, report: Report, person: Person | None, email: str, language: str, is_reporter: bool
) -> tuple[ReportFollower, bool]:
    """Add a follower unless they already follow (by person, else by email)."""
    existing = (
        report.followers.filter(person=person).first()
        if person is not None
        else report.followers.filter(person__isnull=True, email__iexact=email).first()
    )
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            follower = ReportFollower.objects.create(
                report=report,
                person=person,
                email="" if person is not None else email.strip(),
                language=language if language in {"nl", "fr", "en"} else "nl",
                is_reporter=is_reporter,
            )
    except IntegrityError:  # followed at the same moment from another request
        return report.followers.get(person=person) if person else report.followers.get(
            person__isnull=True, email__iexact=email
        ), False
    return follower, True


def report_place(*, intake: ReportIntake) -> PlacedLocation:
    """Step 1, where: the municipality and point of the report (LocationError if none).

    A form that places the location to show its error next to the field passes the result
    on to `report_create`, so it is placed once."""
    return location_place(
        region=intake.region,
        latitude=intake.latitude,
        longitude=intake.longitude,
        address=intake.address,
        municipality=intake.municipality,
    )


def _description_clean(description: str) -> str:
    description = description.strip()
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise ValidationError(
            {"description": _("The description may be at most 4,000 characters long.")},
            code="description_too_long",
        )
    return description


def _route(*, intake: ReportIntake, placed: PlacedLocation) -> Routing:
    """Step 2, who: the department of the category in the municipality, if it takes it."""
    if intake.origin is not None:
        intake.origin.place_check(placed.municipality)
    routing = routing_for(category=intake.category, municipality=placed.municipality)
    if not routing.is_active:
        raise ValidationError(
            {
                "category": _("%(municipality)s does not take reports of this category.")
                % {"municipality": placed.municipality.name}
            },
            code="category_inactive",
        )
    return routing


def _answers_clean(intake: ReportIntake) -> dict[str, Any]:
    try:
        return attributes_clean(intake.category.attributes.all(), intake.attributes)
    except AttributeErrors as error:
        raise ValidationError({"attributes": error.messages}, code="attributes_invalid") from None


def _drafts_claim(intake: ReportIntake) -> list[ReportPhoto]:
    """The portal's draft photos of this report, locked; refused when there are too many."""
    drafts = list(
        ReportPhoto.objects.select_for_update().filter(
            draft_key=intake.draft_key, report__isnull=True
        )
        if intake.draft_key
        else []
    )
    if len(drafts) + len(intake.photos) > MAX_PHOTOS_PER_REPORT:
        raise ValidationError(
            {
                "photos": _("A report can have at most %(count)d photos.")
                % {"count": MAX_PHOTOS_PER_REPORT}
            },
            code="too_many_photos",
        )
    return drafts


def _reporter_fields(reporter: Reporter) -> dict[str, Any]:
    person = reporter.person
    return {
        "reporter_person": person,
        "reporter_name": (reporter.name or (person.full_name if person else "")).strip()[:200],
        "reporter_email": (reporter.email or (person.email if person else "")).strip(),
        "reporter_phone": (reporter.phone or (person.phone if person else "")).strip()[:30],
        "reporter_language": (
            reporter.language if reporter.language in {"nl", "fr", "en"} else "nl"
        ),
    }


def _store(
    *,
    actor: Actor,
    intake: ReportIntake,
    description: str,
    placed: PlacedLocation,
    routing: Routing,
    answers: dict[str, Any],
    drafts: list[ReportPhoto],
    now: dt.datetime,
) -> tuple[Report, ReportEvent]:
    """Step 3: the report, its photos and the first row of its history."""
    report = Report.objects.create(
        region=intake.region,
        municipality=placed.municipality,
        category=intake.category,
        department=routing.department,
        status=ReportStatus.NEW,
        is_public=routing.is_public,
        description=description,
        latitude=placed.latitude,
        longitude=placed.longitude,
        location_is_approximate=placed.is_approximate,
        address=(placed.address or intake.address).strip()[:300],
        address_id=intake.address_id.strip()[:100],
        postal_code=placed.postal_code,
        attributes=answers,
        source=intake.source,
        **_reporter_fields(intake.reporter),
        **(intake.origin.report_fields() if intake.origin is not None else {}),
        created_at=now,
        updated_at=now,
        due_at=now + dt.timedelta(days=routing.target_days),
    )
    for draft in drafts:
        draft.report, draft.draft_key = report, ""
        draft.save(update_fields=["report", "draft_key"])
    for prepared in intake.photos:
        _photo_store(ReportPhoto(report=report, kind=PhotoKind.REPORT), prepared)
    event = report_event_append(
        report=report,
        kind=EventKind.CREATED,
        to_status=ReportStatus.NEW,
        actor=actor,
        data={
            "source": intake.source,
            "department_id": routing.department.pk if routing.department else None,
        },
        created_at=now,
    )
    return report, event


def _notify(*, report: Report, event: ReportEvent, reporter: Reporter) -> None:
    """Step 4: the reporter follows the report (when they want updates and can be reached)
    and is told it arrived."""
    person = reporter.person
    followers = []
    if reporter.wants_updates and (person is not None or report.reporter_email):
        # A report made a moment ago in this transaction has no follower yet.
        followers.append(
            ReportFollower.objects.create(
                report=report,
                person=person,
                email="" if person is not None else report.reporter_email,
                language=report.reporter_language,
                is_reporter=True,
            )
        )
    notifications.report_event_notify(report=report, event=event, followers=followers)


@transaction.atomic
def report_create(
    *,
    actor: Actor,
    intake: ReportIntake,
    placed: PlacedLocation | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """Create a report from its intake record: place it, route it, store it with its photos
    and history, and tell the reporter it arrived. `placed` is `report_place(intake=intake)`
    when the caller placed it already. Raises ValidationError (LocationError for the
    location) and PermissionDenied (an origin reporting outside its municipality)."""
    now = now or timezone.now()
    _category_check(intake.category, intake.region)
    description = _description_clean(intake.description)
    placed = placed or report_place(intake=intake)
    routing = _route(intake=intake, placed=placed)
    answers = _answers_clean(intake)
    drafts = _drafts_claim(intake)
    report, event = _store(
        actor=actor,
        intake=intake,
        description=description,
        placed=placed,
        routing=routing,
        answers=answers,
        drafts=drafts,
        now=now,
    )
    _notify(report=report, event=event, reporter=intake.reporter)
    return report


@transaction.atomic
def report_follow(
    *, report: Report, person: Person | None = None, email: str = "", language: str = "nl"
) -> ReportFollower:
    """Follow a report instead of reporting the same problem again."""
    if person is None and not email.strip():
        raise ValidationError(
            {"email": _("Give an email address to be told about this report.")},
            code="email_missing",
        )
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_open:
        raise ValidationError(_("This report is closed and can no longer be followed."))
    follower, created = _follower_add(
        report=report, person=person, email=email, language=language, is_reporter=False
    )
    if created:
        event = report_event_append(
            report=report, kind=EventKind.FOLLOWED, actor=None, actor_person=person
        )
        notifications.report_follow_confirm(report=report, follower=follower, event=event)
    return follower
