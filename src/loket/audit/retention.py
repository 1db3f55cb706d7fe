"""Retention periods and the nightly anonymisation (docs/privacy.md, "Retention").

Each domain declares the kinds of object it keeps personal data in, in its own
`<domain>/retention.py`, with `retention_kind_register(RetentionKind(...))`
(`AuditConfig.ready` imports them, as the people app does for `resident_data.py`). A kind says:

- its default period and the legal minimum below which a municipality cannot go;
- `due(municipality_id, cutoff)`: the objects of that municipality whose period has ended
  (its date before `cutoff`);
- `anonymise(ids)`: replace the personal links (to `people.Person`) and the free text of
  those objects, keeping counts, dates, product, municipality, status and durations, so that
  every aggregate (cases per product per month, processing times, reports per category)
  stays the same. The object and its history are never deleted; what only serves the
  resident and counts nothing (a report's photos and followers, a message's inbox copy,
  attachments and printed batch) may be removed with it.

`retention_run` anonymises what is due, municipality by municipality and batch by batch
(then, for a kind with `due_without_municipality`, the objects of no municipality, after the
kind's default period),
each batch in its own transaction with an `AnonymisationRecord` per object. An object with a
record is never taken again (idempotent); a run that stops half way leaves whole batches done
and the next run goes on with the rest (resumable). Append-only history tables let the
anonymisation's UPDATE through only inside `loket.core.history.anonymisation_allowed()`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket.audit.models import AccessLogEntry, AnonymisationRecord, RetentionRule
from loket.core.history import anonymisation_allowed
from loket.tenancy.models import Municipality

BATCH_SIZE = 200


@dataclass(frozen=True)
class RetentionKind:
    code: str
    label: Promise
    default_days: int
    minimum_days: int
    basis: Promise  # why the default and the minimum (shown with the periods)
    due: Callable[[int, dt.datetime], QuerySet[models.Model]]
    anonymise: Callable[[Sequence[int]], None]
    order: int = 100
    kept: Sequence[str] = field(default_factory=tuple)  # what stays, for the documentation
    # The objects that belong to no municipality (a question asked on the regional page)
    # whose period (the default: no municipality can set one) has ended.
    due_without_municipality: Callable[[dt.datetime], QuerySet[models.Model]] | None = None


RETENTION_KINDS: dict[str, RetentionKind] = {}


def retention_kind_register(kind: RetentionKind) -> RetentionKind:
    if kind.code in RETENTION_KINDS:
        raise ValueError(f"retention kind {kind.code!r} is registered twice")
    if kind.default_days < kind.minimum_days:
        raise ValueError(f"retention kind {kind.code!r}: default below its minimum")
    RETENTION_KINDS[kind.code] = kind
    return kind


def retention_kinds() -> list[RetentionKind]:
    return sorted(RETENTION_KINDS.values(), key=lambda kind: (kind.order, kind.code))


def retention_days(*, municipality_id: int, kind: RetentionKind) -> int:
    """The municipality's period for the kind, never below the kind's minimum."""
    rule = RetentionRule.objects.filter(municipality_id=municipality_id, kind=kind.code).first()
    days = rule.days if rule is not None else kind.default_days
    return max(days, kind.minimum_days)


@transaction.atomic
def retention_rule_set(*, municipality: Municipality, kind_code: str, days: int) -> RetentionRule:
    """Set a municipality's period for one kind; a period below the legal minimum is
    refused."""
    kind = RETENTION_KINDS.get(kind_code)
    if kind is None:
        raise ValidationError({"kind": _("Unknown kind of object.")})
    if days < kind.minimum_days:
        raise ValidationError(
            {
                "days": _("The period cannot be shorter than %(days)s days.")
                % {"days": kind.minimum_days}
            }
        )
    rule, _created = RetentionRule.objects.update_or_create(
        municipality=municipality, kind=kind.code, defaults={"days": days}
    )
    return rule


# The slug a run's plan names the objects of no municipality by.
WITHOUT_MUNICIPALITY = "-"


def _due(
    kind: RetentionKind, municipality_id: int | None, cutoff: dt.datetime
) -> QuerySet[models.Model]:
    if municipality_id is not None:
        return kind.due(municipality_id, cutoff)
    assert kind.due_without_municipality is not None
    return kind.due_without_municipality(cutoff)


def _due_ids(
    kind: RetentionKind, municipality_id: int | None, cutoff: dt.datetime
) -> QuerySet[models.Model, tuple[int]]:
    done = AnonymisationRecord.objects.filter(kind=kind.code).values("object_id")
    return _due(kind, municipality_id, cutoff).exclude(pk__in=done).order_by("pk").values_list("pk")


def _scopes() -> list[tuple[int | None, str, RetentionKind, int]]:
    """(municipality id, slug, kind, days) for every municipality and kind, then the kinds
    that also keep objects of no municipality, with their default period."""
    kinds = retention_kinds()
    scopes: list[tuple[int | None, str, RetentionKind, int]] = [
        (
            municipality.pk,
            municipality.slug,
            kind,
            retention_days(municipality_id=municipality.pk, kind=kind),
        )
        for municipality in Municipality.objects.order_by("pk").only("pk", "slug")
        for kind in kinds
    ]
    scopes += [
        (None, WITHOUT_MUNICIPALITY, kind, kind.default_days)
        for kind in kinds
        if kind.due_without_municipality is not None
    ]
    return scopes


@dataclass
class RetentionPlan:
    """What one run did (or, dry, would do): per municipality slug and kind, how many."""

    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    cutoffs: dict[tuple[str, str], dt.datetime] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def retention_run(
    *,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    max_batches: int | None = None,
) -> RetentionPlan:
    """Anonymise every object past its municipality's period (or, `dry_run`, only count
    them). `max_batches` stops after that many batches (the rest waits for the next run)."""
    now = now or timezone.now()
    run = uuid.uuid4()
    plan = RetentionPlan()
    batches = 0
    for municipality_id, slug, kind, days in _scopes():
        cutoff = now - dt.timedelta(days=days)
        key = (slug, kind.code)
        plan.cutoffs[key] = cutoff
        if dry_run:
            count = _due_ids(kind, municipality_id, cutoff).count()
            if count:
                plan.counts[key] = count
            continue
        while max_batches is None or batches < max_batches:
            done = _batch_anonymise(
                kind=kind,
                municipality_id=municipality_id,
                cutoff=cutoff,
                days=days,
                run=run,
                batch_size=batch_size,
            )
            if not done:
                break
            batches += 1
            plan.counts[key] = plan.counts.get(key, 0) + done
    return plan


@transaction.atomic
def _batch_anonymise(
    *,
    kind: RetentionKind,
    municipality_id: int | None,
    cutoff: dt.datetime,
    days: int,
    run: uuid.UUID,
    batch_size: int,
) -> int:
    """One batch in one transaction: lock the due rows (skipping rows another worker holds),
    anonymise them and record each. Returns how many."""
    model = _due(kind, municipality_id, cutoff).model
    ids = list(
        model._default_manager.filter(pk__in=_due_ids(kind, municipality_id, cutoff)[:batch_size])
        .order_by("pk")
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    with anonymisation_allowed():
        kind.anonymise(ids)
    AnonymisationRecord.objects.bulk_create(
        [
            AnonymisationRecord(
                run=run,
                kind=kind.code,
                object_id=object_id,
                municipality_id=municipality_id,
                days=days,
            )
            for object_id in ids
        ],
        ignore_conflicts=True,
    )
    return len(ids)


# The access log itself: after its period the entry no longer names the resident; the
# reader, the reader's municipality and role, the purpose, what and when stay.
def _access_log_due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[models.Model]:
    return AccessLogEntry.objects.filter(
        municipality_id=municipality_id, at__lt=cutoff, person__isnull=False
    )


def _access_log_anonymise(ids: Sequence[int]) -> None:
    AccessLogEntry.objects.filter(pk__in=ids).update(person=None, acted_by_person=None)


retention_kind_register(
    RetentionKind(
        code="access_log",
        label=gettext_lazy("Access log entries"),
        default_days=3650,
        minimum_days=3650,
        basis=gettext_lazy(
            "Reads of personal data stay accountable to the resident and the data "
            "protection officer; ten years, as for the log of consultations of the National "
            "Register."
        ),
        due=_access_log_due,
        anonymise=_access_log_anonymise,
        order=90,
        kept=("reader", "municipality", "role", "purpose", "what", "channel", "when"),
    )
)
