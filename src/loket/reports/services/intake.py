"""Receiving reports: photos, creation with routing, and following an existing report."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
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
    Open311Client,
    PhotoKind,
    Report,
    ReportFollower,
    ReportPhoto,
    ReportSource,
)
from loket.reports.photos import MAX_PHOTOS_PER_REPORT, PreparedPhoto
from loket.reports.routing import location_place, routing_for
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


@transaction.atomic
def report_create(
    *,
    actor: Actor,
    region: Region,
    category: Category,
    source: ReportSource,
    description: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    address: str = "",
    address_id: str = "",
    municipality: Municipality | None = None,
    attributes: Mapping[str, Sequence[str]] | None = None,
    photos: Sequence[PreparedPhoto] = (),
    draft_key: str = "",
    media_url: str = "",
    reporter: Reporter | None = None,
    open311_client: Open311Client | None = None,
    device_id: str = "",
    account_id: str = "",
    now: dt.datetime | None = None,
) -> Report:
    """Create a report: place it, route it, store its photos, add the reporter as follower
    and tell them it arrived. Raises ValidationError (LocationError for the location)."""
    reporter = reporter or Reporter()
    now = now or timezone.now()
    _category_check(category, region)
    description = description.strip()
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise ValidationError(
            {"description": _("The description may be at most 4,000 characters long.")},
            code="description_too_long",
        )
    placed = location_place(
        region=region,
        latitude=latitude,
        longitude=longitude,
        address=address,
        municipality=municipality,
    )
    if open311_client is not None and open311_client.municipality_id not in (
        None,
        placed.municipality.pk,
    ):
        raise PermissionDenied(_("This api_key may only report in its own municipality."))
    routing = routing_for(category=category, municipality=placed.municipality)
    if not routing.is_active:
        raise ValidationError(
            {
                "category": _("%(municipality)s does not take reports of this category.")
                % {"municipality": placed.municipality.name}
            },
            code="category_inactive",
        )
    try:
        answers = attributes_clean(category.attributes.all(), attributes or {})
    except AttributeErrors as error:
        raise ValidationError({"attributes": error.messages}, code="attributes_invalid") from None
    drafts = list(
        ReportPhoto.objects.select_for_update().filter(draft_key=draft_key, report__isnull=True)
        if draft_key
        else []
    )
    if len(drafts) + len(photos) > MAX_PHOTOS_PER_REPORT:
        raise ValidationError(
            {
                "photos": _("A report can have at most %(count)d photos.")
                % {"count": MAX_PHOTOS_PER_REPORT}
            },
            code="too_many_photos",
        )
    person = reporter.person
    report = Report.objects.create(
        region=region,
        municipality=placed.municipality,
        category=category,
        department=routing.department,
        status=ReportStatus.NEW,
        is_public=routing.is_public,
        description=description,
        latitude=placed.latitude,
        longitude=placed.longitude,
        location_is_approximate=placed.is_approximate,
        address=address.strip()[:300],
        address_id=address_id.strip()[:100],
        postal_code=placed.postal_code,
        attributes=answers,
        media_url=media_url.strip(),
        source=source,
        open311_client=open311_client,
        reporter_person=person,
        reporter_name=(reporter.name or (person.full_name if person else "")).strip()[:200],
        reporter_email=(reporter.email or (person.email if person else "")).strip(),
        reporter_phone=(reporter.phone or (person.phone if person else "")).strip()[:30],
        reporter_language=reporter.language if reporter.language in {"nl", "fr", "en"} else "nl",
        device_id=device_id.strip()[:100],
        account_id=account_id.strip()[:100],
        created_at=now,
        updated_at=now,
        due_at=now + dt.timedelta(days=routing.target_days),
    )
    for draft in drafts:
        draft.report, draft.draft_key = report, ""
        draft.save(update_fields=["report", "draft_key"])
    for prepared in photos:
        _photo_store(ReportPhoto(report=report, kind=PhotoKind.REPORT), prepared)
    event = report_event_append(
        report=report,
        kind=EventKind.CREATED,
        to_status=ReportStatus.NEW,
        actor=actor,
        data={
            "source": source,
            "department_id": routing.department.pk if routing.department else None,
        },
        created_at=now,
    )
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
