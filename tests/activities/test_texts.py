"""An activity's title and description in Dutch, French and English: each reader gets
their language, or another one when it is empty; the back-office form, the API and the
migration of the texts written before."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from loket.activities.models import Activity
from loket.activities.services import activity_save
from loket.tenancy.permissions import Role
from tests.activities.helpers import activity_with_period, admin_actor, fields
from tests.factories import MunicipalityFactory, staff_member


@pytest.mark.django_db
def test_the_title_is_in_the_reader_s_language_or_falls_back(municipality) -> None:  # type: ignore[no-untyped-def]
    activity, _period = activity_with_period(
        municipality, titles={"nl": "Zwemkamp", "fr": "Stage de natation"}
    )

    assert activity.title_in("nl") == "Zwemkamp"
    assert activity.title_in("fr") == "Stage de natation"
    assert activity.title_in("en") == "Zwemkamp"  # English is empty: Dutch first
    assert activity.description_in("fr") == "Sport en spel"


@pytest.mark.django_db
def test_an_activity_needs_a_title_in_one_language_and_none_too_long(municipality) -> None:  # type: ignore[no-untyped-def]
    actor = admin_actor(municipality)

    with pytest.raises(ValidationError) as untitled:
        activity_save(actor=actor, municipality=municipality, fields=fields(titles={"nl": " "}))
    with pytest.raises(ValidationError) as too_long:
        activity_save(
            actor=actor, municipality=municipality, fields=fields(titles={"fr": "x" * 141})
        )

    assert untitled.value.message_dict == {"title_nl": ["Give the title in at least one language."]}
    assert too_long.value.message_dict == {"title_fr": ["A title has at most 140 characters."]}
    assert Activity.objects.count() == 0


@pytest.mark.django_db
def test_the_back_office_form_saves_each_language_and_the_page_falls_back(municipality) -> None:  # type: ignore[no-untyped-def]
    admin = Client()
    admin.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    created = admin.post(
        reverse("activities:backoffice-activity-new"),
        {
            "municipality": municipality.pk,
            "kind": "camp",
            "title_fr": "Plaine de jeux",
            "description_fr": "Tout l'été",
            "price_resident": "10",
            "price_non_resident": "20",
            "social_reduction_percent": "0",
            "sibling_reduction_percent": "0",
            "opens_residents_at": "2031-01-01 09:00",
            "opens_everyone_at": "2031-01-02 09:00",
            "closes_at": "2031-02-01 09:00",
            "offer_hours": "48",
            "is_published": "on",
        },
    )
    refused = admin.post(
        reverse("activities:backoffice-activity-new"), {"municipality": municipality.pk}
    )

    activity = Activity.objects.get()
    assert created.status_code == 302
    assert (activity.title_nl, activity.title_fr, activity.title_en) == ("", "Plaine de jeux", "")
    dutch = (
        Client()
        .get(reverse("activities:detail", args=[activity.municipality.slug, activity.pk]))
        .content.decode()
    )
    assert "<h1>Plaine de jeux</h1>" in dutch
    assert "Tout l&#x27;été" in dutch
    assert refused.status_code == 200
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_the_api_takes_and_gives_each_language(municipality) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    created = client.post(
        "/api/v1/activities",
        {
            "municipality_nis_code": municipality.nis_code,
            "kind": "camp",
            "title_nl": "Speelplein",
            "title_en": "Playground",
            "price_resident_cents": 0,
            "price_non_resident_cents": 0,
            "opens_residents_at": "2031-01-01T09:00:00Z",
            "opens_everyone_at": "2031-01-02T09:00:00Z",
            "closes_at": "2031-02-01T09:00:00Z",
            "is_published": True,
        },
        content_type="application/json",
    )
    untitled = client.post(
        "/api/v1/activities",
        {**created.json(), "title_nl": "", "title_en": ""}
        | {"municipality_nis_code": municipality.nis_code},
        content_type="application/json",
    )
    english = Client().get(
        f"/api/v1/activities/{created.json()['id']}", headers={"Accept-Language": "en"}
    )
    french = Client().get(
        f"/api/v1/activities/{created.json()['id']}", headers={"Accept-Language": "fr"}
    )

    assert created.status_code == 201
    body = english.json()
    assert (body["title_nl"], body["title_fr"], body["title_en"]) == (
        "Speelplein",
        "",
        "Playground",
    )
    assert body["title"] == "Playground"
    assert french.json()["title"] == "Speelplein"
    assert untitled.status_code == 422
    assert Activity.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_puts_the_old_text_in_the_municipality_s_first_language() -> None:
    executor = MigrationExecutor(connection)
    before = [("activities", "0002_guarantees")]
    after = [("activities", "0003_titles_per_language")]
    executor.migrate(before)
    # Only the activities table is as it was; the municipalities are today's.
    OldActivity = executor.loader.project_state(before).apps.get_model("activities", "Activity")
    brussels = MunicipalityFactory(official_languages="fr,nl")
    kortrijk = MunicipalityFactory(official_languages="nl")
    common = {
        "kind": "camp",
        "price_resident_cents": 0,
        "price_non_resident_cents": 0,
        "opens_residents_at": "2031-01-01T09:00:00Z",
        "opens_everyone_at": "2031-01-02T09:00:00Z",
        "closes_at": "2031-02-01T09:00:00Z",
    }
    french = OldActivity.objects.create(
        municipality_id=brussels.pk, title="Stage", description="Été", **common
    )
    dutch = OldActivity.objects.create(municipality_id=kortrijk.pk, title="Kamp", **common)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("activities", "Activity")

    assert new.objects.filter(pk=french.pk).values_list(
        "title_nl", "title_fr", "title_en", "description_fr"
    ).get() == ("", "Stage", "", "Été")
    assert new.objects.filter(pk=dutch.pk).values_list("title_nl", "title_fr").get() == (
        "Kamp",
        "",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
