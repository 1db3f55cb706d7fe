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

    page = client.get(reverse("activities:detail", args=[activity.municipality.slug, activity.pk]))
    response = client.post(
        reverse("activities:register", args=[activity.municipality.slug, activity.pk]),
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
        reverse("activities:register", args=[activity.municipality.slug, activity.pk]),
        {"period": period.pk, "child": [other_child.pk], "token": "t"},
        follow=True,
    )

    assert "Dit kind hoort niet bij uw gezin." in response.content.decode()
    assert Registration.objects.count() == 0


def test_the_attendance_pdf_asks_the_reason_and_logs_it(municipality, other_municipality):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality)
    parent, (child,) = family(municipality)
    _parent_client(parent).post(
        reverse("activities:register", args=[activity.municipality.slug, activity.pk]),
        {"period": period.pk, "child": [child.pk], "token": "t"},
    )
    staff = Client()
    staff.force_login(staff_member(municipality, Role.CLERK))
    outsider = Client()
    outsider.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    url = reverse("activities:backoffice-period-attendance", args=[period.pk])

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
        reverse("activities:backoffice-activity-new"),
        {
            "municipality": municipality.pk,
            "kind": "lessons",
            "title_nl": "Zwemles",
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
    page = admin.get(reverse("activities:backoffice-activity", args=[activity_id]))
    assert "Reeks 1" in page.content.decode()


def test_a_clerk_cannot_create_activities(municipality):  # type: ignore[no-untyped-def]
    clerk = Client()
    clerk.force_login(staff_member(municipality, Role.CLERK))

    assert clerk.get(reverse("activities:backoffice-activity-new")).status_code == 403


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


def _period_page_post(client: Client, period, data: dict[str, object]):  # type: ignore[no-untyped-def]
    url = reverse("activities:backoffice-period", args=[period.pk])
    return client.post(f"{url}?purpose=case_handling", data)


def _dutch(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


def test_a_refused_number_of_places_shows_the_reason_next_to_the_field_and_keeps_it(
    municipality,
):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality, capacity=1)
    parent, (child,) = family(municipality)
    _parent_client(parent).post(
        reverse("activities:register", args=[activity.municipality.slug, activity.pk]),
        {"period": period.pk, "child": [child.pk], "token": "t"},
    )
    admin = Client()
    admin.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    nonsense = _period_page_post(admin, period, {"capacity": "veel"})
    too_few = _period_page_post(admin, period, {"capacity": "0"})

    assert nonsense.status_code == 400
    page = nonsense.content.decode()
    assert (
        f'<span class="field-error" id="id_capacity_error">'
        f"{_dutch('Give a number of places from 0 to 10000.')}</span>"
    ) in page
    assert 'value="veel"' in page
    assert too_few.status_code == 400
    assert 'id="id_capacity_error">1 plaatsen zijn bezet' in too_few.content.decode()
    period.refresh_from_db()
    assert period.capacity == 1
    assert period.seats.count() == 1


def test_cancelling_a_registration_of_another_period_is_refused_on_the_page(
    municipality,
):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    other_activity, other_period = activity_with_period(municipality, title="Ander kamp")
    parent, (child,) = family(municipality)
    _parent_client(parent).post(
        reverse("activities:register", args=[other_activity.municipality.slug, other_activity.pk]),
        {"period": other_period.pk, "child": [child.pk], "token": "t"},
    )
    registration = Registration.objects.get()
    admin = Client()
    admin.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    response = _period_page_post(
        admin, period, {"cancel": registration.pk, "reason": "Dubbel ingeschreven"}
    )

    assert response.status_code == 400
    assert _dutch("Choose a registration of this period.") in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_cancelling_a_cancelled_registration_again_is_refused_and_writes_nothing(
    municipality,
):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality)
    parent, (child,) = family(municipality)
    _parent_client(parent).post(
        reverse("activities:register", args=[activity.municipality.slug, activity.pk]),
        {"period": period.pk, "child": [child.pk], "token": "t"},
    )
    registration = Registration.objects.get()
    admin = Client()
    admin.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    _period_page_post(admin, period, {"cancel": registration.pk, "reason": "Ziek"})

    again = _period_page_post(admin, period, {"cancel": registration.pk, "reason": "Nog eens"})

    assert again.status_code == 400
    # A cancelled registration leaves the list: the reason is shown above it.
    assert 'class="error-summary"' in again.content.decode()
    assert registration.events.filter(to_status="cancelled").count() == 1


def test_registering_without_a_child_shows_the_reason_at_the_children(municipality):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality)
    parent, _kids = family(municipality)

    response = _parent_client(parent).post(
        reverse("activities:register", args=[activity.municipality.slug, activity.pk]),
        {"period": period.pk, "token": "t"},
    )

    assert response.status_code == 400
    assert (
        f'<span class="field-error" id="children-error">'
        f"{_dutch('Choose at least one child.')}</span>"
    ) in response.content.decode()
    assert f'id="period-{period.pk}" value="{period.pk}" checked' in response.content.decode()
    assert Registration.objects.count() == 0


def test_an_activity_lives_under_its_municipality_and_the_first_addresses_redirect(
    municipality, other_municipality
):  # type: ignore[no-untyped-def]
    activity, period = activity_with_period(municipality)
    hidden, _ = activity_with_period(municipality, title="Verborgen", is_published=False)
    slug = municipality.slug
    parent, (child,) = family(municipality)

    page = _parent_client(parent).get(f"/{slug}/activiteiten/{activity.pk}/")
    elsewhere = Client().get(f"/{other_municipality.slug}/activiteiten/{activity.pk}/")
    old = Client().get(f"/activiteiten/{activity.pk}/")
    old_hidden = Client().get(f"/activiteiten/{hidden.pk}/")
    old_post = _parent_client(parent).post(
        f"/activiteiten/{activity.pk}/inschrijven/",
        {"period": period.pk, "child": [child.pk], "token": "t"},
    )
    chosen = Client().get("/activiteiten/", {"gemeente": slug})
    listing = Client().get(f"/{slug}/activiteiten/").content.decode()
    other_listing = Client().get(f"/{other_municipality.slug}/activiteiten/").content.decode()

    assert page.status_code == 200
    assert f'action="/{slug}/activiteiten/{activity.pk}/inschrijven/"' in page.content.decode()
    assert elsewhere.status_code == 404
    assert (old.status_code, old["Location"]) == (301, f"/{slug}/activiteiten/{activity.pk}/")
    assert old_hidden.status_code == 404
    assert (old_post.status_code, old_post["Location"]) == (
        308,
        f"/{slug}/activiteiten/{activity.pk}/inschrijven/",
    )
    assert Registration.objects.count() == 0
    assert (chosen.status_code, chosen["Location"]) == (302, f"/{slug}/activiteiten/")
    assert f'href="/{slug}/activiteiten/{activity.pk}/"' in listing
    assert f"/activiteiten/{activity.pk}/" not in other_listing
