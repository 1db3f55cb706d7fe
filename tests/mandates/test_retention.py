"""Retention of consents at the counter: past the period a consent no longer names the
resident, while the clerk, the municipality, the time and the cases registered with it stay
(loket.mandates.retention)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count
from django.utils import timezone

from loket.audit.retention import retention_run
from loket.mandates.models import CounterConsent
from loket.mandates.selectors import counter_consents_of_person
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db


def _consent(municipality: Municipality, clerk: object, days_ago: int) -> CounterConsent:
    consent = CounterConsent.objects.create(
        municipality=municipality,
        person=PersonFactory(municipality=municipality),
        user=clerk,
    )
    # As if it was given `days_ago` days ago (setting up a test, not a feature).
    CounterConsent.objects.filter(pk=consent.pk).update(
        given_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    consent.refresh_from_db()
    return consent


def test_an_old_consent_no_longer_names_the_resident(municipality: Municipality) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    old = _consent(municipality, clerk, 11 * 365)
    recent = _consent(municipality, clerk, 30)
    resident = old.person
    assert resident is not None
    before = list(
        CounterConsent.objects.values("municipality_id", "user_id").annotate(n=Count("pk"))
    )
    plan = retention_run()
    assert plan.counts[(municipality.slug, "counter_consents")] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.person is None
    assert recent.person is not None
    assert (old.user_id, old.municipality_id) == (clerk.pk, municipality.pk)
    assert not counter_consents_of_person(person=resident).exists()
    after = list(
        CounterConsent.objects.values("municipality_id", "user_id").annotate(n=Count("pk"))
    )
    assert after == before
    assert retention_run().total == 0
