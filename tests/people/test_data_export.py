"""The resident's data export: every model that references a person is exported or
deliberately excluded with a reason; every object of the resident appears (another
resident's never); the JSON and PDF downloads are the signed-in resident's own only and
are written to their access log."""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from loket.audit.models import AccessChannel, AccessLogEntry, AccessPurpose
from loket.audit.services import access_log_record
from loket.cases.models import CaseMessage, Draft
from loket.crm.contact_centre.services import QuestionInput, contact_question_register
from loket.documents.services import document_upload
from loket.identity.models import OidcIdentity
from loket.mandates.models import (
    CounterConsent,
    Mandate,
    RepresentativeAction,
    RepresentativeChange,
)
from loket.notify.models import InboxMessage, Notification
from loket.participation.models import (
    Idea,
    IdeaComment,
    IdeaVote,
    PanelMember,
    ResearchActivity,
    ResearchInvitation,
    ResearchKind,
    SatisfactionInvitation,
    SurveyParticipation,
)
from loket.people.data_export import (
    SCHEMA_VERSION,
    excluded_models,
    exported_models,
    resident_data_export,
)
from loket.people.models import Consent, ConsentPurpose, Person
from loket.people.services import organisation_register
from loket.people.validators import enterprise_number_build
from loket.queue.models import Ticket, TicketChannel
from loket.queue.services.tickets import ticket_take
from loket.tenancy.access import ANONYMOUS, actor_for_resident, actor_for_user
from tests.crm.helpers import Resident, resident_build
from tests.documents.files import pdf_bytes
from tests.factories import PersonFactory
from tests.queue.helpers import office_make, queue_make
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _document_folder(settings: Any, tmp_path: Path) -> None:
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = tmp_path / "documents"


def _person_references() -> dict[str, list[str]]:
    """Every Loket model with a foreign key or one-to-one to the person, and those fields."""
    person = apps.get_model("people", "Person")
    found: dict[str, list[str]] = {}
    for model in apps.get_models():
        if not model.__module__.startswith("loket."):
            continue
        fields = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, models.ForeignKey) and field.related_model is person
        ]
        if fields:
            found[model._meta.label] = fields
    return found


def _rich_resident() -> Resident:
    """A resident with something in every domain (what `resident_build` makes, and the
    rest made here)."""
    sofie = resident_build()
    person = sofie.person
    Consent.objects.create(person=person, purpose=ConsentPurpose.choices[0][0], granted=True)
    OidcIdentity.objects.create(provider="itsme", subject="sofie-sub", person=person)
    notification = Notification.objects.filter(person=person).order_by("pk")[0]
    InboxMessage.objects.create(
        person=person, notification=notification, subject="Uw aanvraag", body="Klaar."
    )
    CaseMessage.objects.create(
        case=sofie.case,
        direction="from_resident",
        author_person=person,
        body="Wanneer is het klaar?",
    )
    Draft.objects.create(
        token=uuid.uuid4(),
        person=person,
        municipality=sofie.case.municipality,
        product=sofie.case.product,
        form_definition=sofie.case.form_definition,
        answers={},
    )
    municipality = sofie.case.municipality
    document_upload(
        actor=actor_for_user(sofie.clerk),
        municipality=municipality,
        owner_type="case",
        owner_id=sofie.case.pk,
        title="Attest",
        file_name="attest.pdf",
        content=pdf_bytes("Attest"),
        concerns_person=person,
        visible_to_resident=True,
    )
    office = office_make(municipality, name="Loket Sofie")
    ticket = ticket_take(
        actor=ANONYMOUS,
        office=office,
        queue_id=queue_make(office).pk,
        channel=TicketChannel.KIOSK,
    )
    # Only a clerk links a ticket to a resident; as if one did.
    Ticket.objects.filter(pk=ticket.pk).update(person=person)
    contact_question_register(
        actor=actor_for_user(sofie.clerk),
        data=QuestionInput(
            question="Wanneer wordt het grofvuil opgehaald?",
            municipality_id=municipality.pk,
            person_id=person.pk,
        ),
    )
    idea = Idea.objects.create(
        municipality=municipality, author=person, title="Meer bomen", body="Op het plein."
    )
    IdeaVote.objects.create(idea=idea, person=person)
    IdeaComment.objects.create(idea=idea, person=person, body="Graag ook bankjes.")
    SurveyParticipation.objects.create(
        municipality=municipality, person=person, period_start=dt.date(2026, 12, 1)
    )
    AccessLogEntry.objects.create(
        person=person,
        municipality=sofie.case.municipality,
        purpose=AccessPurpose.CASE_HANDLING,
        what="request",
        channel="web",
    )
    neighbour = PersonFactory(municipality=municipality)
    Mandate.objects.create(
        municipality=municipality,
        mandator=person,
        mandatee=neighbour,
        valid_until=dt.date(2030, 1, 1),
    )
    CounterConsent.objects.create(municipality=municipality, person=person, user=sofie.clerk)
    organisation = organisation_register(
        municipality=municipality,
        enterprise_number=enterprise_number_build(4666001),
        name="Bakkerij Export",
        representatives=[person],
    )
    RepresentativeChange.objects.create(
        organisation=organisation,
        person=person,
        action=RepresentativeAction.ADDED,
        recorded_by=sofie.clerk,
    )
    PanelMember.objects.create(municipality=municipality, person=person)
    activity = ResearchActivity.objects.create(
        municipality=municipality,
        kind=ResearchKind.choices[0][0],
        title="Nieuw formulier",
        description="Test het nieuwe formulier.",
    )
    ResearchInvitation.objects.create(activity=activity, person=person)
    SatisfactionInvitation.objects.create(
        municipality=municipality,
        person=person,
        service_kind="case",
        service_reference=str(sofie.case.pk),
        window=(dt.date(2026, 12, 1), dt.date(2026, 12, 8)),
    )
    return sofie


def _exported_keys(export: dict[str, object]) -> set[tuple[str, int]]:
    return {
        (item["type"], item["id"])
        for part in export["parts"]  # type: ignore[attr-defined]
        for item in part["items"]
    }


def test_every_model_referencing_a_person_is_exported_or_excluded_with_a_reason() -> None:
    exported, excluded = exported_models(), excluded_models()
    assert not exported & set(excluded), "a model is both exported and excluded"
    assert all(reason.strip() for reason in excluded.values())
    missing = set(_person_references()) - exported - set(excluded)
    assert not missing, f"models referencing a person, not in the export nor EXCLUDED: {missing}"


def test_export_holds_every_object_of_the_resident_and_none_of_another() -> None:
    sofie = _rich_resident()
    other = resident_build(sofie.place)
    person = sofie.person
    export = resident_data_export(actor=actor_for_resident(person.pk), person=person)
    keys = _exported_keys(export)
    excluded = excluded_models()
    without_objects = []
    for label, fields in _person_references().items():
        if label in excluded:
            continue
        model = apps.get_model(label)
        query = models.Q()
        for name in fields:
            query |= models.Q(**{name: person})
        own = set(model._default_manager.filter(query).values_list("pk", flat=True))
        if not own:
            without_objects.append(label)
        assert {(label, pk) for pk in own} <= keys, label
        if label != "people.HouseholdLink":
            theirs = model._default_manager.filter(**{f"{fields[0]}": other.person}).values_list(
                "pk", flat=True
            )
            assert not {(label, pk) for pk in theirs} & keys, label
    assert ("people.Person", person.pk) in keys
    assert ("people.Person", other.person.pk) not in keys
    assert not without_objects, f"the test resident has no object of {without_objects}"
    assert export["schema_version"] == SCHEMA_VERSION
    json.dumps(export)  # JSON all the way down


def test_export_of_another_person_is_refused() -> None:
    sofie = resident_build()
    with pytest.raises(PermissionError):
        resident_data_export(actor=actor_for_resident(sofie.person.pk), person=sofie.child)


@pytest.mark.parametrize("route", ["people:my-data-json", "people:my-data-pdf"])
def test_anonymous_visitor_gets_the_sign_in_page(client: Client, route: str) -> None:
    response = client.get(reverse(route))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:resident-login"))


def test_download_json_is_the_residents_own_and_logged(client: Client) -> None:
    sofie = _rich_resident()
    other = resident_build(sofie.place)
    sign_in_resident(client, sofie.person)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("people:my-data-json"))
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    export = json.loads(response.content)
    assert export["person_id"] == sofie.person.pk
    keys = _exported_keys(export)
    assert ("cases.Case", sofie.case.pk) in keys
    assert ("cases.Case", other.case.pk) not in keys
    logged = AccessLogEntry.objects.filter(
        person=sofie.person, purpose=AccessPurpose.OWN_DATA_EXPORT
    )
    assert list(logged.values_list("what", flat=True)) == ["all your data, downloaded as JSON"]
    assert not AccessLogEntry.objects.filter(
        person=other.person, purpose=AccessPurpose.OWN_DATA_EXPORT
    ).exists()
    assert elapsed < 2.0, f"the JSON export took {elapsed:.2f}s"
    # About one query per exported model, whatever the number of objects.
    assert len(queries) < 60, f"{len(queries)} queries"


def test_download_pdf_is_a_pdf_and_logged(client: Client) -> None:
    sofie = _rich_resident()
    sign_in_resident(client, sofie.person)
    response = client.get(reverse("people:my-data-pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(
        person=sofie.person, purpose=AccessPurpose.OWN_DATA_EXPORT, what__contains="PDF"
    ).exists()
    page = client.get(reverse("people:my-page"))
    assert reverse("people:my-data-pdf") in page.content.decode()
    assert reverse("people:my-data-json") in page.content.decode()


def test_staff_member_has_no_download(client: Client, clerk: object) -> None:
    client.force_login(clerk)  # type: ignore[arg-type]
    response = client.get(reverse("people:my-data-json"))
    assert response.status_code == 302
    assert not AccessLogEntry.objects.filter(purpose=AccessPurpose.OWN_DATA_EXPORT).exists()


def test_a_person_is_what_the_export_starts_with() -> None:
    person: Person = resident_build().person
    export = resident_data_export(actor=actor_for_resident(person.pk), person=person)
    first = export["parts"][0]["items"][0]
    assert (first["type"], first["id"]) == ("people.Person", person.pk)
    assert first["fields"]["national_number"] == person.national_number


def test_staff_cannot_claim_the_residents_own_download_as_purpose(clerk: object) -> None:
    person = resident_build().person
    with pytest.raises(PermissionDenied):
        access_log_record(
            actor=actor_for_user(clerk),  # type: ignore[arg-type]
            person=person,
            purpose=AccessPurpose.OWN_DATA_EXPORT,
            what="record",
            channel=AccessChannel.WEB,
            municipality_id=person.municipality_id,
        )
    assert not AccessLogEntry.objects.filter(person=person).exists()
