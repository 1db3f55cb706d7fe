"""Retention: the nightly job anonymises what is past its period (a closed case, a contact
moment, an access-log entry) and nothing else; aggregates stay identical; the job is
idempotent and resumable; the dry run changes nothing; append-only tables let only the
anonymisation's UPDATE through (loket.audit.retention, docs/privacy.md)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, InternalError, connection, transaction
from django.db.models import Avg, Count, F
from django.db.models.functions import TruncMonth
from django.utils import timezone

from loket.audit.models import AccessLogEntry, AccessPurpose, AnonymisationRecord
from loket.audit.retention import retention_rule_set, retention_run
from loket.audit.services import access_log_record
from loket.cases.models import Case, CaseEvent, CaseMessage, CaseNote
from loket.cases.services import case_message_send, case_note_add, case_transition
from loket.cases.workflow import CaseStatus
from loket.catalog.models import Product
from loket.crm.models import ContactMoment
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import certificate_request
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

SECRET = "Jan woont sinds kort bij zijn zus in de Kerkstraat 12"


@pytest.fixture
def head(signing: Municipality) -> Actor:
    return actor_for_user(staff_member(signing, Role.DEPARTMENT_HEAD))


def _closed_case(actor: Actor, head: Actor, municipality: Municipality, applicant: Person) -> Case:
    case = certificate_request(actor=actor, municipality=municipality, applicant=applicant)
    case_transition(actor=head, case_id=case.pk, to_status=CaseStatus.IN_TREATMENT)
    case_note_add(actor=head, case_id=case.pk, text=SECRET)
    case_message_send(actor=head, case_id=case.pk, body=SECRET)
    case_transition(actor=head, case_id=case.pk, to_status=CaseStatus.APPROVED, reason=SECRET)
    case_transition(actor=head, case_id=case.pk, to_status=CaseStatus.CLOSED)
    case.refresh_from_db()
    return case


def _age(case: Case, days: int) -> None:
    """Move a case's dates into the past (setting up a test, not a feature)."""
    shift = dt.timedelta(days=days)
    Case.objects.filter(pk=case.pk).update(
        submitted_at=F("submitted_at") - shift,
        decided_at=F("decided_at") - shift,
        closed_at=F("closed_at") - shift,
    )


def _aggregates(municipality: Municipality) -> dict[str, Any]:
    """What dashboards compute: cases per product per month, processing times, contact
    moments per channel and month, reads per purpose."""
    cases = Case.objects.filter(municipality=municipality)
    return {
        "per_product_month": sorted(
            cases.annotate(month=TruncMonth("submitted_at"))
            .values("product_id", "month", "status")
            .annotate(n=Count("id"))
            .values_list("product_id", "month", "status", "n")
        ),
        "processing": list(
            cases.values("product_id")
            .annotate(avg=Avg(F("decided_at") - F("submitted_at")), n=Count("id"))
            .values_list("product_id", "avg", "n")
        ),
        "events": sorted(
            CaseEvent.objects.filter(case__municipality=municipality)
            .values("kind", "to_status")
            .annotate(n=Count("id"))
            .values_list("kind", "to_status", "n")
        ),
        "contacts": sorted(
            ContactMoment.objects.filter(municipality=municipality)
            .annotate(month=TruncMonth("occurred_at"))
            .values("channel", "month")
            .annotate(n=Count("id"))
            .values_list("channel", "month", "n")
        ),
        "reads": sorted(
            AccessLogEntry.objects.filter(municipality=municipality)
            .values("purpose")
            .annotate(n=Count("id"))
            .values_list("purpose", "n")
        ),
    }


@pytest.fixture
def world(
    residence_certificate: Product,
    signing: Municipality,
    resident: Person,
    resident_actor: Actor,
    head: Actor,
) -> dict[str, Any]:
    old = _closed_case(resident_actor, head, signing, resident)
    _age(old, 11 * 365)
    recent = _closed_case(resident_actor, head, signing, resident)
    _age(recent, 2 * 365)
    still_open = certificate_request(actor=resident_actor, municipality=signing, applicant=resident)
    Case.objects.filter(pk=still_open.pk).update(submitted_at=timezone.now() - dt.timedelta(4000))
    long_ago = timezone.now() - dt.timedelta(days=4 * 365)
    old_contact = ContactMoment.objects.create(
        municipality=signing,
        channel="phone",
        person=resident,
        summary=SECRET,
        topic="Verhuis",
        occurred_at=long_ago,
        duration_minutes=7,
    )
    new_contact = ContactMoment.objects.create(
        municipality=signing,
        channel="phone",
        person=resident,
        summary=SECRET,
        topic="Afval",
        duration_minutes=3,
    )
    access_log_record(
        actor=head,
        person=resident,
        purpose=AccessPurpose.CASE_HANDLING,
        what="case file",
        channel="web",
        municipality_id=signing.pk,
    )
    return {
        "old": old,
        "recent": recent,
        "open": still_open,
        "old_contact": old_contact,
        "new_contact": new_contact,
        "municipality": signing,
        "resident": resident,
    }


def _texts(case: Case) -> list[str]:
    return [
        *CaseNote.objects.filter(case=case).values_list("text", flat=True),
        *CaseMessage.objects.filter(case=case).values_list("body", flat=True),
        *CaseEvent.objects.filter(case=case).values_list("message", flat=True),
    ]


def test_a_closed_case_past_its_period_is_anonymised_and_one_within_it_is_untouched(
    world: dict[str, Any],
) -> None:
    municipality = world["municipality"]
    before = _aggregates(municipality)
    recent_before = Case.objects.filter(pk=world["recent"].pk).values().get()

    plan = retention_run()

    old = Case.objects.get(pk=world["old"].pk)
    assert old.applicant_id is None
    assert (old.answers, old.register_snapshot, old.request_fingerprint) == ({}, {}, "")
    assert old.idempotency_scope == "anonymised"
    assert SECRET not in " ".join(_texts(old))
    assert not CaseEvent.objects.filter(case=old, actor_person__isnull=False).exists()
    assert not CaseMessage.objects.filter(case=old, author_person__isnull=False).exists()
    # What aggregates read stays: number, product, status and dates.
    assert (old.number, old.product_id, old.status) == (
        world["old"].number,
        world["old"].product_id,
        CaseStatus.CLOSED,
    )
    assert (old.submitted_at, old.decided_at, old.closed_at) != (None, None, None)

    assert Case.objects.filter(pk=world["recent"].pk).values().get() == recent_before
    assert SECRET in " ".join(_texts(world["recent"]))
    assert Case.objects.get(pk=world["open"].pk).applicant_id == world["resident"].pk

    old_contact = ContactMoment.objects.get(pk=world["old_contact"].pk)
    assert (old_contact.person_id, old_contact.summary) == (None, "")
    assert old_contact.duration_minutes == 7
    assert ContactMoment.objects.get(pk=world["new_contact"].pk).summary == SECRET

    assert _aggregates(municipality) == before
    assert plan.counts == {
        (municipality.slug, "cases_closed"): 1,
        (municipality.slug, "contact_moments"): 1,
    }
    assert set(AnonymisationRecord.objects.values_list("kind", "object_id")) == {
        ("cases_closed", old.pk),
        ("contact_moments", old_contact.pk),
    }


def test_the_job_is_idempotent_and_resumable(
    world: dict[str, Any], resident_actor: Actor, head: Actor
) -> None:
    municipality = world["municipality"]
    third = _closed_case(resident_actor, head, municipality, world["resident"])
    _age(third, 12 * 365)

    first = retention_run(batch_size=1, max_batches=1)  # stops after one object
    assert first.total == 1
    second = retention_run(batch_size=1)  # goes on with the rest
    assert second.total == 2
    assert retention_run().total == 0  # nothing twice
    assert AnonymisationRecord.objects.count() == 3
    assert not Case.objects.filter(pk__in=[world["old"].pk, third.pk], applicant__isnull=False)


def test_a_longer_period_of_the_municipality_keeps_the_case_and_the_minimum_holds(
    world: dict[str, Any],
) -> None:
    municipality = world["municipality"]
    retention_rule_set(municipality=municipality, kind_code="cases_closed", days=12 * 365)
    with pytest.raises(ValidationError):
        retention_rule_set(municipality=municipality, kind_code="cases_closed", days=30)

    retention_run()

    assert Case.objects.get(pk=world["old"].pk).applicant_id == world["resident"].pk


def test_access_log_entries_lose_the_resident_after_ten_years(world: dict[str, Any]) -> None:
    with connection.cursor() as cursor:  # setting up: entries written eleven years ago
        cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off
        AccessLogEntry.objects.filter(person=world["resident"]).update(
            at=timezone.now() - dt.timedelta(days=11 * 365)
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
    purposes = sorted(AccessLogEntry.objects.values_list("purpose", "what", "user_id"))

    retention_run()

    assert not AccessLogEntry.objects.filter(person=world["resident"]).exists()
    assert sorted(AccessLogEntry.objects.values_list("purpose", "what", "user_id")) == purposes


def test_the_dry_run_prints_what_it_would_do_and_changes_nothing(world: dict[str, Any]) -> None:
    out = io.StringIO()

    call_command("retention_run", "--dry-run", stdout=out)

    text = out.getvalue()
    slug = world["municipality"].slug
    assert f"{slug}: would anonymise 1 cases_closed" in text
    assert f"{slug}: would anonymise 1 contact_moments" in text
    assert "Dry run: 2 objects would anonymise" in text
    assert Case.objects.get(pk=world["old"].pk).applicant_id == world["resident"].pk
    assert not AnonymisationRecord.objects.exists()


def test_append_only_rows_refuse_updates_outside_the_anonymisation_and_deletes_always(
    world: dict[str, Any],
) -> None:
    event = CaseEvent.objects.filter(case=world["old"]).first()
    assert event is not None
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).update(message="")
    retention_run()
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        AnonymisationRecord.objects.all().update(days=1)


def test_the_periods_are_set_per_municipality_on_the_command_line(
    world: dict[str, Any], other_municipality: Municipality
) -> None:
    out = io.StringIO()
    slug = world["municipality"].slug

    call_command(
        "retention_set",
        "--municipality",
        slug,
        "--kind",
        "contact_moments",
        "--days",
        "800",
        stdout=out,
    )

    text = out.getvalue()
    assert f"{slug}\tcontact_moments\t800 days (default 1095, minimum 365)" in text
    assert f"{other_municipality.slug}\tcontact_moments\t1095 days" in text
    with pytest.raises(CommandError):
        call_command("retention_set", "--municipality", slug, "--kind", "access_log", "--days", "9")
