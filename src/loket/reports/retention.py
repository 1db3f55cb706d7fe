"""Closed reports past their retention period lose the reporter: the person link, name,
e-mail address, phone, device and account ids, the description, the note to the reporter,
the answers to the category's questions, the photos (files and rows), the followers' links
and addresses, the e-mails sent to them, and the messages, notes and people of the
timeline. The category, municipality, department, status, source, place and every date
stay, so reports per category, resolution times and the open-data extract (which never
holds any of the removed fields) do not change (loket.audit.retention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import CharField, F, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from loket.audit.retention import RetentionKind, retention_kind_register
from loket.reports.models import FollowerEmail, Report, ReportEvent, ReportFollower, ReportPhoto
from loket.reports.workflow import CLOSED_STATUSES

# Timeline data that is neither a person nor free text.
EVENT_DATA_KEPT = [
    "source",
    "department_id",
    "department",
    "category",
    "municipality",
    "merged_into",
    "followers_moved",
    "duplicate",
]


def _due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[Report]:
    return Report.objects.filter(
        municipality_id=municipality_id,
        status__in=sorted(CLOSED_STATUSES),
        closed_at__lt=cutoff,
    )


def reports_anonymise(ids: Sequence[int]) -> None:
    """Within `anonymisation_allowed()` (the timeline is append-only). The photo files are
    removed once the transaction has committed, so a rolled-back batch keeps them."""
    Report.objects.filter(pk__in=ids).update(
        reporter_person=None,
        reporter_name="",
        reporter_email="",
        reporter_phone="",
        device_id="",
        account_id="",
        description="",
        status_note="",
        attributes={},
        media_url="",
    )
    ReportEvent.objects.filter(report_id__in=ids).update(
        message="",
        note="",
        actor_person=None,
        data=RawSQL(
            "(SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb)"
            " FROM jsonb_each(reports_reportevent.data) WHERE key = ANY(%s))",
            (EVENT_DATA_KEPT,),
        ),
    )
    # The address is unique per event: each becomes a placeholder of its own.
    FollowerEmail.objects.filter(report_id__in=ids).update(
        email=Concat(Value("anonymised-"), Cast(F("pk"), output_field=CharField())),
        context={},
        detail="",
    )
    # A follower is a subscription, not history: it ends with the report.
    ReportFollower.objects.filter(report_id__in=ids).delete()
    photos = ReportPhoto.objects.filter(report_id__in=ids)
    files = [photo.image for photo in photos if photo.image]
    photos.delete()
    transaction.on_commit(lambda: [image.delete(save=False) for image in files], robust=True)


retention_kind_register(
    RetentionKind(
        code="reports_closed",
        label=_("Closed reports in public space"),
        default_days=730,
        minimum_days=365,
        basis=_(
            "Counted from the closing date. Long enough to answer a complaint about how a "
            "report was handled and to recognise a problem that comes back at the same place; "
            "two years by default, never less than one."
        ),
        due=_due,
        anonymise=reports_anonymise,
        order=20,
        kept=(
            "category",
            "municipality",
            "department",
            "status",
            "source",
            "place",
            "dates",
        ),
    )
)
