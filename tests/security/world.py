"""The fixture world of the isolation matrix: two municipalities of one region (Kortrijk,
the victim, and Menen, the attacker) and a Brussels commune, with one object of every kind
in the victim municipality. Built once per module by the matrix test."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from django.db import connection
from django.test import Client
from django.utils import timezone

from loket.accounts.services import api_client_create
from loket.activities.services import (
    ActivityFields,
    activity_save,
    period_add,
    registration_create,
)
from loket.appointments.models import Office
from loket.assistant.models import AskedQuestion, FaqEntry
from loket.assistant.workflow import Outcome
from loket.cases.services.work import case_message_send, case_note_add, case_task_add
from loket.catalog.models import ConceptProposal, LpdcFeed
from loket.crm.models import ContactQuestion
from loket.documents.services import document_upload
from loket.identity.services import SESSION_KEY
from loket.mandates.models import Mandate
from loket.notify.models import InboxMessage, Notification
from loket.payments.models import MunicipalityPaymentSettings
from loket.payments.services import payment_request_create
from loket.people.models import HouseholdRelation, Person
from loket.people.services import household_link_add, organisation_register
from loket.people.validators import enterprise_number_build
from loket.queue.links import ticket_token
from loket.queue.models import TicketChannel
from loket.queue.services import ticket_take
from loket.reports.demo import _mappings_load, category_tree_load
from loket.reports.models import Category, ReportSource
from loket.reports.services import open311_client_create
from loket.reports.services.intake import ReportIntake, report_create
from loket.resources.services import (
    ResourceSettings,
    TariffSetting,
    WindowSetting,
    booking_request,
    resource_create,
)
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.models import Department, Membership, Municipality
from loket.tenancy.permissions import Role
from loket.tenancy.services import department_create, municipality_create_from_nis, region_create
from tests.appointments.helpers import at, next_open_day
from tests.cases.conftest import png_bytes
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory, staff_member
from tests.queue.helpers import queue_make
from tests.security.world_appointments import appointments_world
from tests.security.world_council import council_world
from tests.security.world_crm import crm_world
from tests.security.world_participation import participation_world
from tests.security.world_waste import waste_world
from tests.security.world_works import works_world

KORTRIJK, MENEN, BRUSSELS = "34022", "34027", "21004"
KORTRIJK_POINT = (50.82803, 3.26487)
MENEN_POINT = (50.79622, 3.12296)

# The ids of the world start here (each table 1000 further), so ids are long, distinctive
# numbers that a page cannot contain by chance; a non-existent id is far above them.
ID_BASE = 7_300_000
MISSING_ID = 987_654_321
MISSING_NATIONAL_NUMBER = "85073003328"  # valid checksum, nobody in the world has it
MISSING_ENTERPRISE_NUMBER = enterprise_number_build(8999999)
MISSING_NIS_CODE = "99999"
MISSING_CODE = "no-such-thing"
MISSING_TOKEN = "no-such-token-0000000000"


# The victim objects the matrix may name (tests/security/matrix.py).
VICTIM_KEYS = frozenset(
    {
        "person", "child", "national_number", "enterprise_number", "organisation", "case",
        "case_number", "task", "payment", "payment_reference", "report", "report_token",
        "document", "notification", "municipality", "nis_code", "slug", "staff_user",
        "department", "inbox_message", "open311_client", "faq", "contact_question",
        "asked_question", "brussels_person", "brussels_national_number", "brussels_nis_code",
        "brussels_department",
        "office", "desk", "appointment", "closure", "special_hours",
        "queue", "ticket", "ticket_token", "resource", "booking",
        "activity", "period", "activity_registration",
        "contact_moment", "appointment_reference", "suggestion", "email_contact", "home_visit",
        "inbound_mail", "council_body", "council_party", "council_mandate", "meeting",
        "agenda_item", "membership", "knowledge_article", "idea", "published_idea",
        "concept_proposal", "waste_round", "satisfaction_invitation", "research_activity",
        "research_invitation", "mandate", "planned_work", "acting_organisation",
    }
)  # fmt: skip


# The attacker's own objects a path can hold while a body field tries the victim's.
OWN_KEYS = frozenset(
    {
        "case", "task", "report", "asked_question", "office", "activity", "period",
        "inbound_mail", "council_body", "meeting", "agenda_item", "contact_question", "idea",
        "waste_round", "planned_work", "organisation",
    }
)  # fmt: skip


@dataclass
class World:
    """Victim values (what an attacker would try), the same keys for non-existent values,
    clients per foreign role and the victim's secrets that no answer may contain."""

    victim: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    own: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    residents: dict[str, Person] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)
    victim_person_ids: list[int] = field(default_factory=list)
    clients: dict[str, Client] = field(default_factory=dict)
    cookies: dict[str, SimpleCookie] = field(default_factory=dict)


def _sequences_restart() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename)"
            " FROM pg_sequences WHERE schemaname = 'public'"
        )
        for index, (name,) in enumerate(cursor.fetchall()):
            cursor.execute("SELECT setval(%s, %s, false)", [name, ID_BASE + 1000 * index])


def _departments(region: Any, municipality: Municipality) -> None:
    for code, nl, fr, en in (
        ("public-works", "Openbare werken", "Travaux publics", "Public works"),
        ("cleanliness", "Netheid", "Propreté", "Cleanliness"),
    ):
        department_create(
            municipality=municipality, region=region, code=code, name_nl=nl, name_fr=fr, name_en=en
        )


def _payment_settings(municipality: Municipality, prefix: str) -> None:
    MunicipalityPaymentSettings.objects.create(
        municipality=municipality,
        beneficiary_name=f"Gemeente {municipality.name_nl}",
        iban="BE68539007547034",
        bic="GEBABEBB",
        online_provider="demo",
        communication_prefix=prefix,
    )


def _resident(municipality: Municipality, first: str, last: str) -> Person:
    person: Person = PersonFactory(
        municipality=municipality,
        first_names=first,
        last_name=last,
        email=f"{first.lower()}.{last.lower()}@example.test",
    )
    return person


def _activity(municipality: Municipality, *, published: bool) -> tuple[Any, Any]:
    actor = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    now = dt.datetime.now(dt.UTC)
    activity = activity_save(
        actor=actor,
        municipality=municipality,
        fields=ActivityFields(
            kind="camp",
            titles={"nl": f"Kamp {municipality.name_nl}"},
            descriptions={},
            location="",
            age_min=None,
            age_max=None,
            school_year_min=None,
            school_year_max=None,
            price_resident_cents=0,
            price_non_resident_cents=0,
            social_reduction_percent=0,
            sibling_reduction_percent=0,
            opens_residents_at=now - dt.timedelta(days=2),
            opens_everyone_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=30),
            offer_hours=48,
            is_published=published,
        ),
    )
    period = period_add(
        actor=actor,
        activity=activity,
        label="Week 1",
        starts_on=dt.date(2031, 7, 7),
        ends_on=dt.date(2031, 7, 11),
        capacity=5,
    )
    return activity, period


def world_build(document_folder: Any) -> World:
    _sequences_restart()
    world = World()
    region = region_create(
        slug="zwvl", name_nl="Zuid-West-Vlaanderen", name_fr="Flandre SO", name_en="SW Flanders"
    )
    brussels_region = region_create(
        slug="brussel", name_nl="Brussel", name_fr="Bruxelles", name_en="Brussels"
    )
    kortrijk = municipality_create_from_nis(region=region, nis_code=KORTRIJK)
    menen = municipality_create_from_nis(region=region, nis_code=MENEN)
    brussels = municipality_create_from_nis(region=brussels_region, nis_code=BRUSSELS)
    for municipality in (kortrijk, menen, brussels):
        _departments(region if municipality != brussels else brussels_region, municipality)
    _mappings_load(region, category_tree_load(region=region))
    for code in ("residence-certificate", "resident-parking-card"):
        catalog_product(code)
    _payment_settings(kortrijk, "3402")
    _payment_settings(menen, "3427")

    # The victim municipality: a household, a neighbour, an organisation and its staff.
    victim = _resident(kortrijk, "Veerle", "Slachtofferke")
    partner = _resident(kortrijk, "Pieter", "Partnerhuys")
    child = _resident(kortrijk, "Kobe", "Kindermans")
    household_link_add(person=victim, relative=partner, relation=HouseholdRelation.PARTNER)
    household_link_add(person=partner, relative=victim, relation=HouseholdRelation.PARTNER)
    household_link_add(person=victim, relative=child, relation=HouseholdRelation.PARENT)
    household_link_add(person=partner, relative=child, relation=HouseholdRelation.PARENT)
    neighbour = _resident(kortrijk, "Nele", "Naastbuur")
    bruxellois = _resident(brussels, "Amélie", "Bruxelloise")
    organisation = organisation_register(
        municipality=kortrijk,
        enterprise_number=enterprise_number_build(4123456),
        name="Slachtofferke Bouw BV",
        representatives=[victim],
    )
    kortrijk_clerk = staff_member(kortrijk, Role.DEPARTMENT_HEAD, preferred_language="en")
    kortrijk_actor = actor_for_user(kortrijk_clerk)

    case = certificate_request(
        actor=actor_for_resident(victim.pk), municipality=kortrijk, applicant=victim
    )
    task = case_task_add(actor=kortrijk_actor, case_id=case.pk, title="Check the register")
    case_note_add(actor=kortrijk_actor, case_id=case.pk, text="Internal note")
    case_message_send(actor=kortrijk_actor, case_id=case.pk, body="Please bring your card")
    payment = payment_request_create(
        actor=kortrijk_actor,
        municipality=kortrijk,
        payer=victim,
        subject_type="case",
        subject_id=case.pk,
        description="Attest",
        amount_cents=500,
        due_date=dt.date(2030, 1, 31),
    )
    category = Category.objects.filter(region=region, children__isnull=True).order_by("pk")[0]
    report = report_create(
        actor=kortrijk_actor,
        intake=ReportIntake(
            region=region,
            category=category,
            source=ReportSource.BACKOFFICE,
            description="Pothole in front of the town hall",
            latitude=KORTRIJK_POINT[0],
            longitude=KORTRIJK_POINT[1],
        ),
    )
    document = document_upload(
        actor=kortrijk_actor,
        municipality=kortrijk,
        owner_type="case",
        owner_id=case.pk,
        title="Identity card copy",
        file_name="card.png",
        content=png_bytes(),
        concerns_person=victim,
        visible_to_resident=True,
    )
    notification = Notification.objects.filter(person=victim).order_by("pk")[0]
    inbox = InboxMessage.objects.filter(person=victim).order_by("pk").first()
    if inbox is None:  # delivered by a job, which the world does not run
        inbox = InboxMessage.objects.create(
            person=victim,
            notification=notification,
            subject="Your request KORTRIJK",
            body="Dear Veerle Slachtofferke",
        )
    open311_client, _key = open311_client_create(
        actor=None, region=region, municipality=kortrijk, name="Kortrijk app"
    )
    faq = FaqEntry.objects.create(
        region=region, municipality=kortrijk, answer_nl="Ja", answer_fr="Oui", answer_en="Yes"
    )
    asked = AskedQuestion.objects.create(
        municipality=kortrijk,
        question="Veerle Slachtofferke asks about her card",
        language="nl",
        outcome=Outcome.HANDED_OVER,
        confidence=0.1,
    )
    contact = ContactQuestion.objects.create(
        municipality=kortrijk,
        question="Waar is mijn kaart, Veerle Slachtofferke?",
        language="nl",
        person=victim,
        reply_phone="+32 470 99 88 77",
        due_at=timezone.now(),
        created_at=timezone.now(),
    )

    appointments = appointments_world(kortrijk=kortrijk, menen=menen, victim=victim)
    office = Office.objects.get(pk=appointments.victim["office"])
    queue = queue_make(office)
    ticket = ticket_take(
        actor=kortrijk_actor,
        office=office,
        queue_id=queue.pk,
        channel=TicketChannel.CLERK,
        person=victim,
        email=victim.email,
        now=at(next_open_day(), 10),  # when the office is open, whenever the tests run
    )

    resource = resource_create(
        actor=actor_for_user(staff_member(kortrijk, Role.MUNICIPAL_ADMIN)),
        municipality=kortrijk,
        settings=ResourceSettings(
            kind="hall",
            names={"nl": "Feestzaal De Linde"},
            lead_minimum_hours=0,
            lead_maximum_days=3650,
            windows=[WindowSetting(day, dt.time(0), dt.time(23, 59)) for day in range(7)],
            tariffs={"resident": TariffSetting(1000, 0)},
        ),
    )
    booking = booking_request(
        actor=actor_for_resident(victim.pk),
        resource_id=resource.pk,
        starts_at=dt.datetime(2030, 1, 10, 10, tzinfo=dt.UTC),
        ends_at=dt.datetime(2030, 1, 10, 12, tzinfo=dt.UTC),
        category="resident",
        purpose="Verjaardagsfeest",
    )
    hidden_activity, hidden_period = _activity(kortrijk, published=False)
    _open_activity, open_period = _activity(kortrijk, published=True)
    activity_registration = registration_create(
        actor=actor_for_resident(victim.pk),
        period_id=open_period.pk,
        child_id=child.pk,
        idempotency_key="world",
    ).registration

    crm = crm_world(
        actor=kortrijk_actor,
        victim=victim,
        case=case,
        appointment_id=appointments.victim["appointment"],
        own=menen,
    )

    council = council_world(kortrijk=kortrijk, menen=menen)
    # Kortrijk publishes its catalogue to LPDC and has a proposal from IPDC.
    LpdcFeed.objects.create(
        municipality=kortrijk,
        bestuurseenheid_iri="http://data.lblod.info/id/bestuurseenheden/kortrijk",
    )
    proposal = ConceptProposal.objects.create(
        municipality=kortrijk,
        kind=ConceptProposal.Kind.NEW_PRODUCT,
        concept_iri="https://ipdc.tni-vlaanderen.be/id/concept/kortrijk",
        concept_snapshot_iri="https://ipdc.tni-vlaanderen.be/id/conceptsnapshot/kortrijk",
        name_nl="Voorstel voor Kortrijk",
        description_nl="Een voorgesteld product.",
    )
    waste_victim, waste_own = waste_world(kortrijk=kortrijk, menen=menen)
    works_victim, works_own = works_world(kortrijk=kortrijk, menen=menen)

    # The attacker municipality: staff, a token, a resident.
    world.users = {
        "menen_clerk": staff_member(menen, Role.CLERK, preferred_language="en"),
        "menen_head": staff_member(menen, Role.DEPARTMENT_HEAD, preferred_language="en"),
    }
    _client, world.tokens["menen_token"] = api_client_create(
        name="Menen case system", region=region, municipality=menen
    )
    own_resident = _resident(menen, "Mona", "Menenaar")
    own_organisation = organisation_register(
        municipality=menen,
        enterprise_number=enterprise_number_build(4123457),
        name="Menense Handel BV",
        representatives=[own_resident],
    )
    menen_head_actor = actor_for_user(world.users["menen_head"])
    own_case = certificate_request(
        actor=actor_for_resident(own_resident.pk), municipality=menen, applicant=own_resident
    )
    own_task = case_task_add(actor=menen_head_actor, case_id=own_case.pk, title="Call back")
    own_report = report_create(
        actor=menen_head_actor,
        intake=ReportIntake(
            region=region,
            category=category,
            source=ReportSource.BACKOFFICE,
            description="Broken street light",
            latitude=MENEN_POINT[0],
            longitude=MENEN_POINT[1],
        ),
    )
    own_question = AskedQuestion.objects.create(
        municipality=menen,
        question="Mona asks about the library",
        language="nl",
        outcome=Outcome.HANDED_OVER,
        confidence=0.1,
    )
    own_activity, own_period = _activity(menen, published=True)
    world.residents = {"neighbour": neighbour, "own_resident": own_resident}
    participation = participation_world(
        actor=kortrijk_actor, victim=victim, own_resident=own_resident
    )

    # The victim lets her partner act for her: a mandate nobody else may see or revoke.
    mandate = Mandate.objects.create(
        municipality=kortrijk,
        mandator=victim,
        mandatee=partner,
        valid_until=dt.date(2031, 12, 31),
    )
    world.victim = {
        "mandate": str(mandate.pk),
        "person": str(victim.pk),
        "child": str(child.pk),
        "national_number": victim.national_number,
        "enterprise_number": organisation.enterprise_number,
        "organisation": str(organisation.pk),
        # The "acting as" value of the victim's organisation (Representation.key).
        "acting_organisation": f"o{organisation.pk}",
        "case": str(case.pk),
        "case_number": case.number,
        "task": str(task.pk),
        "payment": str(payment.pk),
        "payment_reference": payment.structured_communication,
        "report": str(report.pk),
        "report_token": report.token,
        "document": str(document.pk),
        "notification": str(notification.pk),
        "municipality": str(kortrijk.pk),
        "nis_code": kortrijk.nis_code,
        "slug": kortrijk.slug,
        "staff_user": str(kortrijk_clerk.pk),
        "department": str(Department.objects.filter(municipality=kortrijk).order_by("pk")[0].pk),
        "inbox_message": str(inbox.pk),
        "open311_client": str(open311_client.pk),
        "faq": str(faq.pk),
        "contact_question": str(contact.pk),
        "asked_question": str(asked.pk),
        "brussels_person": str(bruxellois.pk),
        "brussels_national_number": bruxellois.national_number,
        # A municipality and a department of another region: where no question may go.
        "brussels_nis_code": brussels.nis_code,
        "brussels_department": str(
            Department.objects.filter(municipality=brussels).order_by("pk")[0].pk
        ),
        **appointments.victim,
        "queue": str(queue.pk),
        "ticket": str(ticket.pk),
        "ticket_token": ticket_token(ticket_id=ticket.pk),
        "resource": str(resource.pk),
        "booking": str(booking.pk),
        "activity": str(hidden_activity.pk),
        "period": str(hidden_period.pk),
        "activity_registration": str(activity_registration.pk),
        **crm.victim,
        **participation.victim,
        **council.victim,
        **waste_victim,
        **works_victim,
        "membership": str(Membership.objects.filter(user=kortrijk_clerk).order_by("pk")[0].pk),
        "concept_proposal": str(proposal.pk),
    }
    assert set(world.victim) == VICTIM_KEYS
    world.missing = {
        key: (
            MISSING_NATIONAL_NUMBER
            if "national_number" in key
            else MISSING_ENTERPRISE_NUMBER
            if key == "enterprise_number"
            else f"o{MISSING_ID}"
            if key == "acting_organisation"
            else MISSING_NIS_CODE
            if key == "nis_code"
            else MISSING_CODE
            if key == "slug"
            else MISSING_TOKEN
            if key in {"case_number", "payment_reference", "report_token", "ticket_token"}
            else str(MISSING_ID)
        )
        for key in world.victim
    }
    world.own = {
        "nis_code": menen.nis_code,
        "municipality": str(menen.pk),
        "person": str(own_resident.pk),
        "national_number": own_resident.national_number,
        "slug": menen.slug,
        "case": str(own_case.pk),
        "organisation": str(own_organisation.pk),
        "task": str(own_task.pk),
        "report": str(own_report.pk),
        "asked_question": str(own_question.pk),
        "activity": str(own_activity.pk),
        "period": str(own_period.pk),
        **appointments.own,
        **crm.own,
        **participation.own,
        **council.own,
        **waste_own,
        **works_own,
    }
    world.secrets = [
        *appointments.secrets,
        *crm.secrets,
        *participation.secrets,
        *council.secrets,
        victim.national_number,
        partner.national_number,
        child.national_number,
        bruxellois.national_number,
        "Slachtofferke",
        "Partnerhuys",
        "Kindermans",
        "Bruxelloise",
        victim.email,
        case.number,
        payment.structured_communication,
    ]
    world.victim_person_ids = [victim.pk, partner.pk, child.pk, bruxellois.pk]
    for role in ("menen_clerk", "menen_head", "menen_token", "neighbour", "anonymous"):
        client_for(world, role)
    return world


def client_for(world: World, role: str) -> Client:
    """The HTTP client of one foreign role, signed in once per world; its cookies are set
    back to the signed-in ones every time, whatever the last request did to them."""
    client = world.clients.get(role)
    if client is None:
        client = world.clients[role] = _client_new(world, role)
        world.cookies[role] = copy.deepcopy(client.cookies)
    client.cookies = copy.deepcopy(world.cookies[role])
    return client


def _client_new(world: World, role: str) -> Client:
    if role == "anonymous":
        return Client()
    if role == "menen_token":
        return Client(headers={"Authorization": f"Bearer {world.tokens[role]}"})
    if role == "neighbour":
        client = Client()
        session = client.session
        session[SESSION_KEY] = world.residents[role].pk
        session.save()
        return client
    client = Client()
    client.force_login(world.users[role])
    return client
