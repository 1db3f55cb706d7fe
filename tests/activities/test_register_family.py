"""Registering several children at once: all of them or none, each refusal next to its child."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from loket.activities.models import Activity, Registration
from loket.activities.services import registration_create, registrations_create
from loket.identity.services import SESSION_KEY
from loket.tenancy.access import actor_for_resident
from tests.activities.helpers import activity_with_period, family

pytestmark = pytest.mark.django_db


def _parent_client(person) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    session = client.session
    session[SESSION_KEY] = person.pk
    session.save()
    return client


def test_one_refused_child_registers_none_and_the_page_names_that_child(municipality):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality, capacity=5)
    parent, (first, second) = family(municipality, children=2)
    earlier = registration_create(
        actor=actor_for_resident(parent.pk),
        period_id=period.pk,
        child_id=second.pk,
        idempotency_key="earlier",
    ).registration

    response = _parent_client(parent).post(
        reverse("activities:register", args=[activity.municipality.slug, activity.pk]),
        {"period": period.pk, "child": [first.pk, second.pk], "token": "t2"},
    )

    body = response.content.decode()
    with translation.override("nl"):
        duplicate = gettext("This child is already registered for this period.")
    assert response.status_code == 400
    assert list(Registration.objects.values_list("pk", flat=True)) == [earlier.pk]
    assert f'<span class="field-error" id="child-{second.pk}-error">{duplicate}</span>' in body
    assert f'id="child-{first.pk}-error"' not in body
    assert f'aria-describedby="child-{second.pk}-error"' in body


def test_the_service_rolls_back_every_child_when_one_is_not_of_the_household(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    parent, (own,) = family(municipality, name="Own")
    _other, (stranger,) = family(municipality, name="Other")

    with pytest.raises(ValidationError) as refused:
        registrations_create(
            actor=actor_for_resident(parent.pk),
            period_id=period.pk,
            child_ids=[own.pk, stranger.pk],
            token="t",
        )

    assert refused.value.message_dict == {
        f"child-{stranger.pk}": ["This child is not part of your household."]
    }
    assert Registration.objects.count() == 0


def test_a_period_no_longer_open_is_reported_as_such_not_as_a_stranger_child(municipality):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality)
    parent, (own,) = family(municipality)
    Activity.objects.filter(pk=activity.pk).update(is_published=False)

    with pytest.raises(ValidationError) as refused:
        registrations_create(
            actor=actor_for_resident(parent.pk),
            period_id=period.pk,
            child_ids=[own.pk],
            token="t",
        )

    assert refused.value.message_dict == {
        "period": ["This week or course is no longer open for registration."]
    }
    assert Registration.objects.count() == 0
