"""A resident with something of every kind, for the contact moments and timeline tests.

Sofie lives in Kortrijk. In Kortrijk she has a request, a report, a payment request, an
appointment, a registration of her son for a camp, a hall reservation, a contact moment
and the messages those sent. In Menen (same region) she has a request, a report, a payment
request and a contact moment of her own: a Kortrijk clerk must never see those.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from loket.activities.services import registration_create
from loket.appointments.models import Appointment
from loket.appointments.services import Holder, appointment_book
from loket.cases.models import Case
from loket.crm.contact_centre.services import (
    QuestionInput,
    contact_question_register,
    contact_question_transfer,
)
from loket.crm.models import (
    ContactChannel,
    ContactMoment,
    ContactQuestion,
    HomeVisit,
    Suggestion,
    SuggestionRule,
)
from loket.crm.services import ContactInput, contact_moment_record
from loket.payments.models import MunicipalityPaymentSettings, PaymentRequest
from loket.payments.services import payment_request_create
from loket.people.models import HouseholdRelation, Person
from loket.people.services import household_link_add
from loket.reports.demo import _mappings_load, category_tree_load
from loket.reports.models import Category, Report, ReportSource
from loket.reports.services.intake import Reporter, ReportIntake, report_create
from loket.resources.models import Booking
from loket.resources.services import booking_request
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.geometry import boundary_index_reset
from loket.tenancy.models import Municipality, Region
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.activities.helpers import activity_with_period
from tests.appointments.helpers import at, next_open_day, office_with_desks
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory, regional_staff_member, staff_member
from tests.resources.helpers import resource_make

KORTRIJK, MENEN = "34022", "34027"
KORTRIJK_POINT = (50.82803, 3.26487)
MENEN_POINT = (50.79622, 3.12296)


@dataclass
class Place:
    region: Region
    kortrijk: Municipality
    menen: Municipality


def place_build() -> Place:
    region = region_create(
        slug="zwvl", name_nl="Zuid-West-Vlaanderen", name_fr="Flandre SO", name_en="SW Flanders"
    )
    kortrijk = municipality_create_from_nis(region=region, nis_code=KORTRIJK)
    menen = municipality_create_from_nis(region=region, nis_code=MENEN)
    # Built once per test module, before the per-test reset: the point index cached by an
    # earlier module (another region of the same name, rolled back) must not be used.
    boundary_index_reset()
    _mappings_load(region, category_tree_load(region=region))
    for code in ("residence-certificate", "eid-card", "resident-parking-card"):
        catalog_product(code)
    for municipality, prefix in ((kortrijk, "3402"), (menen, "3427")):
        MunicipalityPaymentSettings.objects.create(
            municipality=municipality,
            beneficiary_name=f"Gemeente {municipality.name_nl}",
            iban="BE68539007547034",
            bic="GEBABEBB",
            online_provider="demo",
            communication_prefix=prefix,
        )
    return Place(region=region, kortrijk=kortrijk, menen=menen)


def payment_for(actor: Any, municipality: Municipality, payer: Person, text: str) -> PaymentRequest:
    return payment_request_create(
        actor=actor,
        municipality=municipality,
        payer=payer,
        subject_type="test",
        subject_id=text,
        description=text,
        amount_cents=1250,
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )


@dataclass
class Resident:
    place: Place
    person: Person
    child: Person
    clerk: Any
    case: Case
    report: Report
    payment: PaymentRequest
    appointment: Appointment
    registration: Any
    booking: Booking
    contact: ContactMoment
    menen_case: Case
    menen_report: Report
    menen_payment: PaymentRequest
    menen_contact: ContactMoment
    question: ContactQuestion
    transferred_question: ContactQuestion


def resident_build(place: Place | None = None) -> Resident:
    place = place or place_build()
    kortrijk, menen = place.kortrijk, place.menen
    sofie: Person = PersonFactory(
        municipality=kortrijk, first_names="Sofie", last_name="Vandenbroucke"
    )
    son: Person = PersonFactory(
        municipality=kortrijk,
        first_names="Warre",
        last_name="Vandenbroucke",
        birth_date=dt.date(2022, 2, 1),
    )
    household_link_add(person=sofie, relative=son, relation=HouseholdRelation.PARENT)
    clerk = staff_member(kortrijk, Role.CLERK, first_name="Els", last_name="Vandamme")
    clerk_actor = actor_for_user(clerk)
    as_sofie = actor_for_resident(sofie.pk)

    case = certificate_request(actor=as_sofie, municipality=kortrijk, applicant=sofie)
    category = Category.objects.filter(region=place.region, children__isnull=True).order_by("pk")[0]
    report = report_create(
        actor=as_sofie,
        intake=ReportIntake(
            region=place.region,
            category=category,
            source=ReportSource.PORTAL,
            description="Losliggende stoeptegel",
            latitude=KORTRIJK_POINT[0],
            longitude=KORTRIJK_POINT[1],
            reporter=Reporter(person=sofie),
        ),
    )
    payment = payment_for(clerk_actor, kortrijk, sofie, "Bewonerskaart")
    _office, office_product, _desks = office_with_desks(municipality=kortrijk)
    appointment = appointment_book(
        actor=as_sofie,
        office_product=office_product,
        starts_at=at(next_open_day(), 10),
        holder=Holder(person=sofie),
    ).appointment
    _activity, period = activity_with_period(
        kortrijk, age_min=None, age_max=None, title="Speelpleinwerking"
    )
    registration = registration_create(
        actor=as_sofie, period_id=period.pk, child_id=son.pk, idempotency_key="timeline"
    ).registration
    hall = resource_make(kortrijk, lead_minimum_hours=0)
    starts = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=7)
    starts = starts.replace(hour=10)
    booking = booking_request(
        actor=as_sofie,
        resource_id=hall.pk,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        category="resident",
        purpose="Verjaardag",
    )
    contact = contact_moment_record(
        actor=clerk_actor,
        contact=ContactInput(
            channel=ContactChannel.PHONE,
            summary="Vroeg naar de stand van haar aanvraag.",
            person_id=sofie.pk,
            topic="Stand van de aanvraag",
            case_id=case.pk,
        ),
    )

    menen_case = certificate_request(actor=as_sofie, municipality=menen, applicant=sofie)
    menen_report = report_create(
        actor=as_sofie,
        intake=ReportIntake(
            region=place.region,
            category=category,
            source=ReportSource.PORTAL,
            description="Kapotte straatlamp",
            latitude=MENEN_POINT[0],
            longitude=MENEN_POINT[1],
            reporter=Reporter(person=sofie),
        ),
    )
    # Menen's staff cannot find a Kortrijk resident; a regional administrator can.
    regional = actor_for_user(regional_staff_member(place.region, Role.REGIONAL_ADMIN))
    menen_payment = payment_for(regional, menen, sofie, "Marktplaats")
    menen_contact = contact_moment_record(
        actor=regional,
        municipality_id=menen.pk,
        contact=ContactInput(
            channel=ContactChannel.COUNTER,
            summary="Vroeg naar een standplaats op de markt van Menen.",
            person_id=sofie.pk,
            topic="Standplaats markt",
        ),
    )
    # A home visit planned in Kortrijk, and one in Menen.
    for where in (kortrijk, menen):
        HomeVisit.objects.create(
            municipality=where,
            person=sofie,
            planned_on=timezone.localdate() + dt.timedelta(days=2),
            topic=f"Huisbezoek {where.name}",
            created_by_user=clerk,
        )
    # What the proactive service suggested to her, in Kortrijk and in Menen.
    for where, request in ((kortrijk, case), (menen, menen_case)):
        Suggestion.objects.create(
            municipality=where,
            person=sofie,
            product=request.product,
            rule=SuggestionRule.RELATED,
            occasion=f"case:{request.pk}",
            occasion_on=request.submitted_at.date(),
        )
    # Her questions for the contact centre: one open in Kortrijk, and one the Kortrijk clerk
    # sent on to Menen (Menen's now: the clerk no longer sees it).
    question = contact_question_register(
        actor=clerk_actor,
        data=QuestionInput(question="Wanneer wordt het groenafval opgehaald?", person_id=sofie.pk),
    )
    transferred = contact_question_register(
        actor=clerk_actor,
        data=QuestionInput(question="Vraag over de kermis in Menen", person_id=sofie.pk),
    )
    contact_question_transfer(
        actor=clerk_actor,
        question_id=transferred.pk,
        municipality_id=menen.pk,
        department_id=None,
        reason="Gaat over Menen",
    )
    return Resident(
        place=place,
        person=sofie,
        child=son,
        clerk=clerk,
        case=case,
        report=report,
        payment=payment,
        appointment=appointment,
        registration=registration,
        booking=booking,
        contact=contact,
        menen_case=menen_case,
        menen_report=menen_report,
        menen_payment=menen_payment,
        menen_contact=menen_contact,
        question=question,
        transferred_question=transferred,
    )
