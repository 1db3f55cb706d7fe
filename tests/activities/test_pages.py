"""The parent's pages and the back office: register, my registrations, the attendance PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from loket.activities.models import Registration
from loket.activities.services import activity_save
from loket.audit.models import AccessLogEntry
from loket.identity.services import SESSION_KEY
from loket.tenancy.permissions import Role
from tests.activities.helpers import activity_with_period, admin_actor, family, fields
from tests.factories import staff_member
from tests.web.helpers import pages_of

pytestmark = pytest.mark.django_db


def _parent_client(person) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    session = client.session
    session[SESSION_KEY] = person.pk
    session.save()
    return client


def test_a_parent_registers_two_children_from_the_household(municipality):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality, capacity=5)
    parent, (first, second) = family(municipality, children=2)
    client = _parent_client(parent)

    page = client.get(reverse("activities:detail", args=[activity.pk]))
    response = client.post(
        reverse("activities:register", args=[activity.pk]),
        {"period": period.pk, "child": [first.pk, second.pk], "token": "t1"},
        follow=True,
    )

    assert first.first_names in page.content.decode()
    assert response.redirect_chain[-1][0] == reverse("activities:my-registrations")
    assert sorted(Registration.objects.values_list("child_id", "price_cents")) == sorted(
        [(first.pk, 8000), (second.pk, 6000)]
    )


def test_another_household_child_is_refused_with_a_message(municipality):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality)
    parent, _kids = family(municipality, name="Own")
    _other, (other_child,) = family(municipality, name="Other")

    response = _parent_client(parent).post(
        reverse("activities:register", args=[activity.pk]),
        {"period": period.pk, "child": [other_child.pk], "token": "t"},
        follow=True,
    )

    assert "Dit kind hoort niet bij uw gezin." in response.content.decode()
    assert Registration.objects.count() == 0


def test_the_attendance_pdf_asks_the_reason_and_logs_it(municipality, other_municipality):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality)
    parent, (child,) = family(municipality)
    _parent_client(parent).post(
        reverse("activities:register", args=[activity.pk]),
        {"period": period.pk, "child": [child.pk], "token": "t"},
    )
    staff = Client()
    staff.force_login(staff_member(municipality, Role.CLERK))
    outsider = Client()
    outsider.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    url = reverse("activities:backoffice-attendance", args=[period.pk])

    asked = staff.get(url)
    pdf = staff.get(url, {"purpose": "case_handling"})

    assert asked.status_code == 200
    assert asked["Content-Type"].startswith("text/html")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(person=child).count() == 1
    assert outsider.get(url, {"purpose": "case_handling"}).status_code == 404


def test_a_municipal_admin_creates_an_activity_and_a_week(municipality):  # type: ignore[no-untyped-def]
    admin = Client()
    admin.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    created = admin.post(
        reverse("activities:backoffice-new"),
        {
            "municipality": municipality.pk,
            "kind": "lessons",
            "title": "Zwemles",
            "price_resident": "60.00",
            "price_non_resident": "90",
            "social_reduction_percent": "50",
            "sibling_reduction_percent": "0",
            "opens_residents_at": "2031-01-01 09:00",
            "opens_everyone_at": "2031-01-02 09:00",
            "closes_at": "2031-02-01 09:00",
            "offer_hours": "24",
        },
    )
    activity_id = int(created["Location"].rstrip("/").split("/")[-1])
    added = admin.post(
        reverse("activities:backoffice-period-new", args=[activity_id]),
        {"label": "Reeks 1", "starts_on": "2031-03-04", "ends_on": "2031-05-06", "capacity": "8"},
    )

    assert created.status_code == 302
    assert added.status_code == 302
    page = admin.get(reverse("activities:backoffice-edit", args=[activity_id]))
    assert "Reeks 1" in page.content.decode()


def test_a_clerk_cannot_create_activities(municipality):  # type: ignore[no-untyped-def]
    clerk = Client()
    clerk.force_login(staff_member(municipality, Role.CLERK))

    assert clerk.get(reverse("activities:backoffice-new")).status_code == 403


def test_a_refused_period_shows_the_reason_next_to_its_field_and_adds_nothing(municipality):  # type: ignore[no-untyped-def]
    activity, _period = activity_with_period(municipality)
    admin = Client()
    admin.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    response = admin.post(
        reverse("activities:backoffice-period-new", args=[activity.pk]),
        {"label": "Week 2", "starts_on": "2031-03-10", "ends_on": "2031-03-04", "capacity": "8"},
    )

    with translation.override("nl"):
        reason = gettext("The last day cannot be before the first day.")
    assert response.status_code == 400
    assert f'<span class="field-error" id="id_ends_on_error">{reason}</span>' in (
        response.content.decode()
    )
    assert list(activity.periods.values_list("label", flat=True)) == ["Week 1"]


def test_the_back_office_list_has_pages_and_page_2_shows_its_activities(municipality, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("loket.activities.views.backoffice.PAGE_SIZE", 2)
    now = timezone.now()
    for days, title in ((3, "Kamp Drie"), (2, "Kamp Twee"), (1, "Kamp Een")):
        activity_save(
            actor=admin_actor(municipality),
            municipality=municipality,
            fields=fields(
                title=title,
                opens_residents_at=now - dt.timedelta(days=days + 1),
                opens_everyone_at=now - dt.timedelta(days=days),
            ),
        )
    client = Client()
    client.force_login(staff_member(municipality, Role.CLERK))

    first, second = pages_of(client, "/backoffice/activiteiten/")

    assert ("Kamp Een" in first, "Kamp Drie" in first) == (True, False)
    assert ("Kamp Een" in second, "Kamp Drie" in second) == (False, True)
