"""The staff pages of works: only for works managers, per municipality (another
municipality's work answers 404 and changes nothing, and no work is recorded in a
municipality the staff member does not manage), bad input keeps what was typed and saves
nothing, and a saved work shows on "My municipality" near it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from loket.works.models import PlannedWork, WorkKind
from loket.works.services import WorkInput, work_create, work_update
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, municipality):
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    return client


def _work(municipality, **fields):
    today = timezone.localdate()
    values = {
        "municipality": municipality,
        "kind": WorkKind.WORKS,
        "title": "Riolering Kerkstraat",
        "place": "Kerkstraat",
        "latitude": municipality.centroid_latitude,
        "longitude": municipality.centroid_longitude,
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=30),
    } | fields
    return PlannedWork.objects.create(**values)


def _post(municipality, **fields):
    today = timezone.localdate()
    return {
        "municipality": municipality.pk,
        "kind": "occupation",
        "title": "Container voor verbouwing",
        "description": "",
        "place": "Kerkstraat 12",
        "latitude": str(municipality.centroid_latitude),
        "longitude": str(municipality.centroid_longitude),
        "starts_on": str(today),
        "ends_on": str(today + dt.timedelta(days=14)),
        "case_number": "",
    } | fields


def test_a_clerk_may_not_manage_works(client, municipality):
    client.force_login(staff_member(municipality, Role.CLERK))
    assert client.get(reverse("works:backoffice-works")).status_code == 403
    assert client.post(reverse("works:backoffice-work-new"), _post(municipality)).status_code == 403
    assert not PlannedWork.objects.exists()


def test_the_list_shows_only_the_own_municipalitys_works(
    admin_client, municipality, other_municipality
):
    _work(municipality, title="Heraanleg plein")
    _work(other_municipality, title="Werken elders")
    html = admin_client.get(reverse("works:backoffice-works")).content.decode()
    assert "Heraanleg plein" in html
    assert "Werken elders" not in html


def test_a_work_is_recorded_with_its_pin(admin_client, municipality):
    response = admin_client.post(reverse("works:backoffice-work-new"), _post(municipality))
    assert response.status_code == 302
    work = PlannedWork.objects.get()
    assert (work.kind, work.title, work.municipality_id) == (
        "occupation",
        "Container voor verbouwing",
        municipality.pk,
    )
    page = admin_client.get(
        reverse("works:backoffice-work", args=[work.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert 'value="Container voor verbouwing"' in page.content.decode()


def test_bad_input_keeps_what_was_typed_and_saves_nothing(admin_client, municipality):
    today = timezone.localdate()
    response = admin_client.post(
        reverse("works:backoffice-work-new"),
        _post(municipality, ends_on=str(today - dt.timedelta(days=1)), title="Nieuwe stoep"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "De einddatum ligt vóór de begindatum." in html
    assert 'value="Nieuwe stoep"' in html

    outside = admin_client.post(
        reverse("works:backoffice-work-new"), _post(municipality, latitude="10.0")
    )
    assert outside.status_code == 400
    assert "Zet de speld binnen de gemeente." in outside.content.decode()
    assert not PlannedWork.objects.exists()


def test_another_municipalitys_work_is_404_and_unchanged(
    admin_client, municipality, other_municipality
):
    foreign = _work(other_municipality, title="Werken elders")
    url = reverse("works:backoffice-work", args=[foreign.pk])
    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url, _post(municipality)).status_code == 404
    delete = reverse("works:backoffice-work-delete", args=[foreign.pk])
    assert admin_client.post(delete).status_code == 404
    foreign.refresh_from_db()
    assert (foreign.title, foreign.municipality_id) == ("Werken elders", other_municipality.pk)

    # Nor is a work recorded in, or moved to, a municipality the staff member does not manage.
    own = _work(municipality)
    into = admin_client.post(reverse("works:backoffice-work-new"), _post(other_municipality))
    assert into.status_code == 400
    moved = admin_client.post(
        reverse("works:backoffice-work", args=[own.pk]), _post(other_municipality)
    )
    assert moved.status_code == 400
    assert PlannedWork.objects.filter(municipality=other_municipality).count() == 1
    own.refresh_from_db()
    assert own.municipality_id == municipality.pk


def test_the_service_refuses_a_municipality_the_staff_member_does_not_manage(
    municipality, other_municipality
):
    actor = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    today = timezone.localdate()
    data = WorkInput(
        municipality_id=other_municipality.pk,
        kind="works",
        title="Werken elders",
        place="Kerkstraat",
        latitude=other_municipality.centroid_latitude,
        longitude=other_municipality.centroid_longitude,
        starts_on=today,
        ends_on=today,
    )
    with pytest.raises(PermissionDenied):
        work_create(actor=actor, data=data)
    own = _work(municipality)
    with pytest.raises(PermissionDenied):
        work_update(actor=actor, work_id=own.pk, data=data)
    own.refresh_from_db()
    assert own.municipality_id == municipality.pk
    assert not PlannedWork.objects.filter(municipality=other_municipality).exists()


def test_a_work_is_changed_and_removed(admin_client, municipality):
    work = _work(municipality)
    url = reverse("works:backoffice-work", args=[work.pk])
    changed = admin_client.post(url, _post(municipality, title="Riolering, fase 2"))
    assert changed.status_code == 302
    work.refresh_from_db()
    assert work.title == "Riolering, fase 2"
    removed = admin_client.post(reverse("works:backoffice-work-delete", args=[work.pk]))
    assert removed.status_code == 302
    assert not PlannedWork.objects.exists()
