"""Staff register children for a parent at the counter or on the phone: the parent is found
in the register of the clerk's municipality, the children must be of the parent's
household, the rules and prices are those of the parent online, the channel and the clerk
are recorded, opening the household is in the access log; anything out of reach is 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from loket.activities.models import Registration, RegistrationEvent
from loket.activities.services import registered_follow_up
from loket.audit.models import AccessLogEntry
from loket.notify.models import Notification
from loket.people.models import Person
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.activities.helpers import activity_with_period, family
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def _clerk(municipality: Municipality) -> tuple[Client, Any]:
    clerk = staff_member(municipality, Role.CLERK, preferred_language="en")
    client = Client()
    client.force_login(clerk)
    return client, clerk


def _url(activity: Any) -> str:
    return f"/backoffice/activiteiten/{activity.pk}/inschrijven/"


def _post(client: Client, activity: Any, parent: Person, period: Any, children, **extra):  # type: ignore[no-untyped-def]
    return client.post(
        _url(activity),
        {
            "person": parent.pk,
            "period": period.pk,
            "child": [child.pk for child in children],
            "token": "t1",
            "channel": "phone",
            **extra,
        },
    )


def test_a_clerk_finds_the_parent_and_registers_two_children_by_phone(
    municipality: Municipality,
) -> None:
    activity, period = activity_with_period(municipality, capacity=5)
    parent, children = family(municipality, children=2)
    client, clerk = _clerk(municipality)

    found = client.get(_url(activity), {"q": parent.national_number, "channel": "phone"})
    opened = client.get(_url(activity), {"person": parent.pk, "channel": "phone"})
    registered = _post(client, activity, parent, period, children)

    assert f"?person={parent.pk}&amp;channel=phone" in found.content.decode()
    assert opened.status_code == 200
    page = opened.content.decode()
    assert all(f"{child.first_names} {child.last_name}" in page for child in children)
    # Opening the household: the parent's and each child's access log, for the phone call.
    assert sorted(
        AccessLogEntry.objects.values_list("person_id", "user_id", "municipality_id", "purpose")
    ) == sorted(
        (person.pk, clerk.pk, municipality.pk, "phone_call") for person in (parent, *children)
    )
    assert registered.status_code == 302
    assert registered["Location"] == f"/backoffice/activiteiten/{activity.pk}/"
    rows = list(Registration.objects.order_by("child_id"))
    assert [(r.child_id, r.parent_id, r.status, r.channel) for r in rows] == [
        (child.pk, parent.pk, "confirmed", "phone") for child in children
    ]
    # The same prices as online: the resident price, the second child with its reduction.
    assert sorted(r.price_cents for r in rows) == [6000, 8000]
    assert set(RegistrationEvent.objects.values_list("kind", "actor_user_id")) == {
        ("created", clerk.pk)
    }
    assert AccessLogEntry.objects.count() == 3  # registering itself reads nothing more
    for row in rows:
        registered_follow_up(registration_id=row.pk)  # the job deferred with each
    assert Notification.objects.filter(event="activities.confirmed", person=parent).count() == 2


def test_the_rules_of_the_parent_online_apply(municipality: Municipality) -> None:
    activity, period = activity_with_period(
        municipality, closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    parent, children = family(municipality)
    client, _clerk_user = _clerk(municipality)

    refused = _post(client, activity, parent, period, children)

    assert refused.status_code == 400
    assert "Registration is closed." in refused.content.decode()
    assert Registration.objects.count() == 0


def test_a_full_period_puts_the_child_on_the_waiting_list(municipality: Municipality) -> None:
    activity, period = activity_with_period(municipality, capacity=1)
    first_parent, first_children = family(municipality, name="Eerst")
    parent, children = family(municipality, name="Tweede")
    client, _clerk_user = _clerk(municipality)
    _post(client, activity, first_parent, period, first_children, token="a")

    response = _post(client, activity, parent, period, children, token="b", channel="counter")

    waiting = Registration.objects.get(parent=parent)
    assert response.status_code == 302
    assert (waiting.status, waiting.channel) == ("waiting", "counter")
    registered_follow_up(registration_id=waiting.pk)  # the job deferred with it
    assert Notification.objects.filter(event="activities.waiting", person=parent).exists()


def test_a_child_outside_the_parents_household_registers_nobody(
    municipality: Municipality,
) -> None:
    activity, period = activity_with_period(municipality)
    parent, (own_child,) = family(municipality, name="Eigen")
    _other_parent, (other_child,) = family(municipality, name="Ander")
    client, _clerk_user = _clerk(municipality)

    refused = _post(client, activity, parent, period, [own_child, other_child])

    assert refused.status_code == 400
    assert "This child is not part of the parent&#x27;s household." in refused.content.decode()
    assert Registration.objects.count() == 0
    assert AccessLogEntry.objects.count() == 0  # the form shown again is not a new read


def test_a_parent_of_another_municipality_answers_like_nobody(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    activity, period = activity_with_period(municipality)
    stranger, children = family(other_municipality)
    client, _clerk_user = _clerk(municipality)

    opened = client.get(_url(activity), {"person": stranger.pk})
    nobody = client.get(_url(activity), {"person": 987654321})
    posted = _post(client, activity, stranger, period, children)
    searched = client.get(_url(activity), {"q": stranger.national_number})

    assert opened.status_code == nobody.status_code == posted.status_code == 404
    assert stranger.full_name not in searched.content.decode()
    assert Registration.objects.count() == 0
    assert AccessLogEntry.objects.count() == 0


def test_staff_of_another_municipality_get_404_and_nothing_is_written(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    activity, period = activity_with_period(municipality)
    parent, children = family(municipality)
    client, _clerk_user = _clerk(other_municipality)

    assert client.get(_url(activity), {"person": parent.pk}).status_code == 404
    assert _post(client, activity, parent, period, children).status_code == 404
    assert Registration.objects.count() == 0
    assert AccessLogEntry.objects.count() == 0


def test_a_period_of_another_activity_is_refused(municipality: Municipality) -> None:
    activity, _period = activity_with_period(municipality)
    _other_activity, other_period = activity_with_period(municipality)
    parent, children = family(municipality)
    client, _clerk_user = _clerk(municipality)

    refused = _post(client, activity, parent, other_period, children)

    assert refused.status_code == 400
    assert "Choose a week or course of this activity." in refused.content.decode()
    assert Registration.objects.count() == 0


def test_a_case_handler_may_not_register_for_a_parent(municipality: Municipality) -> None:
    activity, _period = activity_with_period(municipality)
    client = Client()
    client.force_login(staff_member(municipality, Role.HANDLER))

    assert client.get(_url(activity)).status_code == 403


def test_the_activity_page_links_to_it_for_a_clerk(municipality: Municipality) -> None:
    activity, _period = activity_with_period(municipality)
    client, _clerk_user = _clerk(municipality)

    page = client.get(f"/backoffice/activiteiten/{activity.pk}/").content.decode()

    assert _url(activity) in page
