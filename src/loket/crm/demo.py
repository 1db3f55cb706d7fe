"""Demo data of contact moments: a few contacts with the well-known demo residents, at the
counter, on the phone, by e-mail, by chat and at home, recorded by the demo clerks; and a
few received e-mails (one from Sofie Vandenbroucke, matched to her; two from addresses no
resident has, waiting on the "Unmatched e-mail" page of Kortrijk and Menen).

Thomas Desmet consents to the social services' signals and owes Kortrijk two payments past
their due date (`signals_demo_load()`), so `kortrijk.social` sees a sensitive suggestion.

`crm_demo_load()` and `mails_demo_load()` run after the tenants, staff, residents and
requests exist; idempotent: a contact that is there already (same resident, same summary)
is not recorded again, a mail with the same Message-ID is stored once. Everything goes
through the services, like a clerk or the mail server would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone

from loket.accounts.models import User
from loket.cases.selectors import cases_visible_to
from loket.crm.mail import mail_receive
from loket.crm.models import (
    ContactChannel,
    ContactDirection,
    ContactMoment,
    ContactOutcome,
    InboundMail,
    MailSource,
)
from loket.crm.services import ContactInput, contact_moment_record
from loket.people.models import Person
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission


@dataclass(frozen=True)
class DemoContact:
    resident: str  # featured person key
    clerk: str  # username
    channel: str
    days_ago: int
    summary: str
    product: str = ""
    topic: str = ""
    direction: str = ContactDirection.INBOUND
    outcome: str = ContactOutcome.ANSWERED
    minutes: int | None = None
    with_request: bool = False  # linked to the resident's first request, if any


DEMO_CONTACTS = (
    DemoContact(
        "sofie",
        "kortrijk.clerk",
        ContactChannel.PHONE,
        2,
        "Vroeg hoe ver haar aanvraag staat; uitgelegd dat de dienst ze deze week behandelt.",
        product="residence-certificate",
        minutes=6,
        with_request=True,
    ),
    DemoContact(
        "sofie",
        "kortrijk.clerk",
        ContactChannel.COUNTER,
        9,
        "Identiteitskaart verloren. Afspraak gemaakt om een nieuwe aan te vragen.",
        product="eid-card",
        outcome=ContactOutcome.APPOINTMENT,
        minutes=12,
    ),
    DemoContact(
        "thomas",
        "kortrijk.clerk",
        ContactChannel.EMAIL,
        20,
        "Klacht over lawaai van een werf 's nachts. Doorgestuurd naar de dienst omgeving.",
        topic="Lawaai van een werf",
        outcome=ContactOutcome.REFERRED,
    ),
    DemoContact(
        "marie",
        "menen.clerk",
        ContactChannel.PHONE,
        4,
        "Teruggebeld over de ontbrekende bijlage; geen antwoord, morgen opnieuw.",
        topic="Ontbrekende bijlage bij de aanvraag",
        direction=ContactDirection.OUTBOUND,
        outcome=ContactOutcome.NOT_REACHED,
        minutes=2,
    ),
    DemoContact(
        "godelieve",
        "menen.clerk",
        ContactChannel.HOME_VISIT,
        15,
        "Huisbezoek: samen de aanvraag voor vervoer door de Minder Mobielen Centrale ingevuld.",
        product="mobility-service-seniors",
        direction=ContactDirection.OUTBOUND,
        outcome=ContactOutcome.REGISTERED,
        minutes=45,
    ),
    DemoContact(
        "camille",
        "brussel.clerk",
        ContactChannel.COUNTER,
        1,
        "Attestation de résidence imprimée et remise au guichet.",
        product="residence-certificate",
        minutes=8,
    ),
    DemoContact(
        "youssef",
        "brussel.clerk",
        ContactChannel.CHAT,
        6,
        "A demandé les heures d'ouverture du service population le samedi.",
        topic="Heures d'ouverture",
    ),
)


def crm_demo_load(*, residents: Mapping[str, str]) -> int:
    """Record the demo contacts that are not there yet; returns how many were recorded.
    `residents` gives the national number of each demo resident by key ("sofie" …)."""
    recorded = 0
    now = timezone.now()
    for spec in DEMO_CONTACTS:
        person = Person.objects.filter(national_number=residents.get(spec.resident, "")).first()
        user = User.objects.filter(username=spec.clerk).first()
        if person is None or user is None:
            continue
        if ContactMoment.objects.filter(person=person, summary=spec.summary).exists():
            continue
        actor = actor_for_user(user)
        request = (
            cases_visible_to(actor=actor)
            .filter(applicant=person, municipality_id=person.municipality_id)
            .order_by("submitted_at", "pk")
            .values_list("pk", flat=True)
            .first()
            if spec.with_request
            else None
        )
        contact_moment_record(
            actor=actor,
            contact=ContactInput(
                channel=spec.channel,
                summary=spec.summary,
                direction=spec.direction,
                outcome=spec.outcome,
                person_id=person.pk,
                product_code=spec.product,
                topic=spec.topic,
                duration_minutes=spec.minutes,
                case_id=request,
                occurred_at=now - dt.timedelta(days=spec.days_ago, hours=1),
            ),
        )
        recorded += 1
    return recorded


def suggestions_demo_load(*, residents: Mapping[str, str]) -> int:
    """Identity cards with an end date for every demo resident of 12 or older who has none
    (spread over ten years, so about one in sixty ends within two months; Sofie's ends in
    five weeks), then the proactive service's run of today. Idempotent; returns how many
    suggestions the run made."""
    from django.db import connection

    from loket.crm.proactive import suggestions_refresh

    today = timezone.localdate()
    sofie = residents.get("sofie", "")
    Person.objects.filter(national_number=sofie, id_card_expires_on__isnull=True).update(
        id_card_expires_on=today + dt.timedelta(days=35)
    )
    twelve = today.replace(year=today.year - 12, day=min(today.day, 28))
    with connection.cursor() as cursor:
        # The day in the next ten years from the id (a fixed spread, the same every load).
        cursor.execute(
            f"UPDATE {Person._meta.db_table} SET id_card_expires_on = %s::date + "
            "((id * 7919) %% 3650)::int "
            "WHERE id_card_expires_on IS NULL AND birth_date <= %s",
            [today, twelve],
        )
    return sum(suggestions_refresh(today=today).made.values())


@dataclass(frozen=True)
class DemoQuestion:
    clerk: str  # who takes it down (username)
    question: str
    channel: str
    hours_due: int  # due in this many hours (negative: overdue)
    kind: str = "question"
    resident: str = ""  # featured person key
    product: str = ""
    department: str = ""  # code of a department of the clerk's municipality
    phone: str = ""
    take: bool = False  # the clerk takes it
    transfer_to: str = ""  # slug of a municipality of the region it is sent to


DEMO_QUESTIONS = (
    DemoQuestion("kortrijk.clerk", "Wanneer is mijn nieuwe identiteitskaart klaar?", "phone", -3,
                 resident="sofie", product="eid-card", department="population", take=True),
    DemoQuestion("kortrijk.clerk", "Bel mij terug over de bewonerskaart voor mijn tweede wagen.",
                 "counter", 4, kind="callback", resident="thomas",
                 product="resident-parking-card", department="mobility", phone="0470 11 22 33"),
    DemoQuestion("kortrijk.clerk", "Mag ik een container op straat zetten voor mijn verhuis?",
                 "email", 20, product="public-domain-occupation"),
    DemoQuestion("kortrijk.clerk", "Hoe vraag ik een attest van woonst aan voor mijn werkgever?",
                 "phone", -26, product="residence-certificate", department="population"),
    DemoQuestion("kortrijk.clerk", "Ik woon sinds kort in Menen: waar meld ik mijn adres?",
                 "phone", 30, product="address-change", transfer_to="menen"),
    DemoQuestion("zwvl.contactcenter", "Wanneer is het recyclagepark open op zaterdag?",
                 "phone", 6),
    DemoQuestion("zwvl.contactcenter", "Kan iemand mij terugbellen over mijn rijbewijs?",
                 "phone", 2, kind="callback", product="driving-licence", phone="0485 44 55 66"),
    DemoQuestion("menen.clerk", "Mijn moeder heeft vervoer nodig naar het ziekenhuis.",
                 "counter", 10, resident="marie", product="mobility-service-seniors"),
    DemoQuestion("menen.clerk", "Hoeveel kost een reispas voor een kind?", "letter", 48,
                 product="passport"),
)  # fmt: skip

DEMO_ARTICLES = (
    # (municipality slug or "" for the region, title, body, products)
    ("", "Identiteitskaart aanvragen of vernieuwen",
     "Een nieuwe eID vraagt de inwoner aan aan het loket van zijn gemeente, met een afspraak. "
     "De kaart is na ongeveer drie weken klaar; de inwoner krijgt een brief met de PIN- en "
     "PUK-code. Bij verlies of diefstal: eerst laten blokkeren via DOC STOP (00800 2123 2123).",
     ("eid-card", "eid-pin-puk")),
    ("", "Adreswijziging: hoe verloopt het?",
     "Een verhuis meldt de inwoner binnen acht werkdagen bij de nieuwe gemeente, online of aan "
     "het loket. De wijkagent komt langs; daarna past de dienst bevolking het adres aan.",
     ("address-change",)),
    ("", "Terugbelverzoeken: afspraken van het contactcenter",
     "Een terugbelverzoek wordt binnen het gevraagde tijdvak behandeld, anders binnen vier uur. "
     "Wie niet bereikbaar is, krijgt een tweede poging de volgende werkdag.", ()),
    ("kortrijk", "Bewonerskaart parkeren in Kortrijk",
     "Elke bewoner van een zone met betalend parkeren kan een bewonerskaart aanvragen. De eerste "
     "kaart kost 25 euro per jaar, een tweede 100 euro. Aanvragen via het e-loket.",
     ("resident-parking-card",)),
    ("kortrijk", "Attest van woonst: online of aan het loket",
     "Het attest van woonst is gratis online te downloaden met eID of itsme, en kost 5 euro aan "
     "het loket.", ("residence-certificate",)),
    ("menen", "Minder Mobielen Centrale Menen",
     "Senioren met een beperkt inkomen kunnen rit aanvragen bij de Minder Mobielen Centrale, "
     "minstens twee werkdagen vooraf.", ("mobility-service-seniors",)),
)  # fmt: skip


def contact_centre_demo_load(*, residents: Mapping[str, str]) -> tuple[int, int]:
    """The contact centre's queue and knowledge articles: questions and callback requests
    taken down by the demo clerks and the region's contact-centre agent (some overdue, one
    taken, one transferred to Menen), and articles of the region and of Kortrijk and Menen.
    Idempotent: a question or article that is there already is not made again. Returns
    (questions, articles) made."""
    from loket.catalog.selectors import products_all
    from loket.crm.contact_centre.knowledge import ArticleInput, knowledge_article_save
    from loket.crm.contact_centre.services import (
        QuestionInput,
        contact_question_register,
        contact_question_take,
        contact_question_transfer,
    )
    from loket.crm.models import ContactQuestion, KnowledgeArticle
    from loket.tenancy.models import Department, Municipality

    products = set(products_all().values_list("code", flat=True))
    questions = 0
    now = timezone.now()
    for spec in DEMO_QUESTIONS:
        user = User.objects.filter(username=spec.clerk).first()
        if user is None or ContactQuestion.objects.filter(question=spec.question).exists():
            continue
        actor = actor_for_user(user)
        person = Person.objects.filter(national_number=residents.get(spec.resident, "")).first()
        municipality_id = (
            person.municipality_id
            if person is not None
            else min(actor.municipality_ids(Permission.CRM_HANDLE_QUESTIONS), default=None)
        )
        if municipality_id is None:
            continue
        department = Department.objects.filter(
            municipality_id=municipality_id, code=spec.department
        ).first()
        question = contact_question_register(
            actor=actor,
            data=QuestionInput(
                question=spec.question,
                channel=spec.channel,
                kind=spec.kind,
                municipality_id=municipality_id,
                department_id=department.pk if department else None,
                person_id=person.pk if person else None,
                product_code=spec.product if spec.product in products else "",
                reply_phone=spec.phone,
                due_at=now + dt.timedelta(hours=spec.hours_due),
            ),
        )
        questions += 1
        if spec.take:
            contact_question_take(actor=actor, question_id=question.pk)
        target = Municipality.objects.filter(slug=spec.transfer_to).first()
        if target is not None:
            contact_question_transfer(
                actor=actor,
                question_id=question.pk,
                municipality_id=target.pk,
                department_id=None,
                reason="De inwoner woont in Menen.",
            )
    articles = 0
    agent = User.objects.filter(username="zwvl.contactcenter").first()
    if agent is None:
        return questions, articles
    author = actor_for_user(agent)
    for slug, title, body, codes in DEMO_ARTICLES:
        if KnowledgeArticle.objects.filter(title=title).exists():
            continue
        municipality = Municipality.objects.filter(slug=slug).first() if slug else None
        if slug and municipality is None:
            continue
        knowledge_article_save(
            actor=author,
            data=ArticleInput(
                title=title,
                body=body,
                municipality_id=municipality.pk if municipality else None,
                product_codes=[code for code in codes if code in products],
            ),
        )
        articles += 1
    return questions, articles


@dataclass(frozen=True)
class DemoMail:
    key: str  # the Message-ID's local part: the mail is stored once
    municipality: str  # slug
    sender: str  # a featured person key (their address), or an address no resident has
    sender_name: str
    subject: str
    text: str
    hours_ago: int


DEMO_MAILS = (
    DemoMail(
        "sofie-parking",
        "kortrijk",
        "sofie",
        "Sofie Vandenbroucke",
        "Bewonerskaart na mijn verhuis",
        "Goedendag,\n\nIk ben vorige maand verhuisd binnen Kortrijk. Moet ik een nieuwe "
        "bewonerskaart aanvragen, of wordt mijn kaart aangepast?\n\nMet vriendelijke groet,"
        "\nSofie",
        3,
    ),
    DemoMail(
        "anon-noise",
        "kortrijk",
        "een.buur@voorbeeld.test",
        "Een buur",
        "Lawaai van de container in onze straat",
        "Elke ochtend om 5 uur wordt de glascontainer in de Sint-Jansstraat geleegd. Kan dat "
        "later op de dag?",
        20,
    ),
    DemoMail(
        "anon-bins",
        "menen",
        "bewoner.menen@voorbeeld.test",
        "",
        "Vraag over de afvalkalender",
        "Waar vind ik de afvalkalender van 2027 voor Lauwe?",
        30,
    ),
)


def _demo_mail_raw(spec: DemoMail, sender: str, received: dt.datetime) -> bytes:
    from email.message import EmailMessage
    from email.utils import format_datetime, formataddr

    message = EmailMessage()
    message["From"] = formataddr((spec.sender_name, sender)) if spec.sender_name else sender
    message["To"] = f"info@{spec.municipality}.demo.loket.test"
    message["Subject"] = spec.subject
    message["Date"] = format_datetime(received)
    message["Message-ID"] = f"<demo-{spec.key}@demo.loket.test>"
    message.set_content(spec.text)
    return message.as_bytes()


def mails_demo_load(*, residents: Mapping[str, str]) -> int:
    """Receive the demo e-mails that are not there yet, as the mail server would deliver
    them (`mail_receive`); returns how many were new. A featured sender without an e-mail
    address in the register is left out."""
    received = 0
    now = timezone.now()
    for spec in DEMO_MAILS:
        municipality = Municipality.objects.filter(slug=spec.municipality).first()
        if municipality is None:
            continue
        sender = spec.sender
        if "@" not in sender:
            person = Person.objects.filter(national_number=residents.get(sender, "")).first()
            if person is None or not person.email:
                continue
            sender = person.email
        key = f"<demo-{spec.key}@demo.loket.test>"
        if InboundMail.objects.filter(municipality=municipality, message_key=key).exists():
            continue
        raw = _demo_mail_raw(spec, sender, now - dt.timedelta(hours=spec.hours_ago))
        mail = mail_receive(municipality=municipality, raw=raw, source=MailSource.PIPE)
        InboundMail.objects.filter(pk=mail.pk).update(
            received_at=now - dt.timedelta(hours=spec.hours_ago)
        )
        received += 1
    return received


UNPAID_DEMO = ("thomas", (45, 20))  # the featured resident, and how many days overdue each


def signals_demo_load(*, residents: Mapping[str, str]) -> int:
    """Thomas Desmet (Kortrijk) consents to the social services seeing his signals and owes
    Kortrijk two payments past their due date, so the nightly run (`suggestions_demo_load`
    after this) gives `kortrijk.social`, and nobody else, the sensitive suggestion of debt
    mediation. Idempotent; returns how many payment requests were made."""
    from loket.payments.models import PaymentRequest
    from loket.payments.services import payment_request_create
    from loket.people.models import Consent, ConsentPurpose
    from loket.tenancy.access import Actor, ActorKind
    from loket.tenancy.permissions import Permission

    key, overdue = UNPAID_DEMO
    person = (
        Person.objects.select_related("municipality")
        .filter(national_number=residents.get(key, ""))
        .first()
    )
    if person is None:
        return 0
    Consent.objects.get_or_create(
        person=person, purpose=ConsentPurpose.SOCIAL_SIGNALS, defaults={"granted": True}
    )
    loader = Actor(
        kind=ActorKind.STAFF,
        municipality_grants={Permission.PAYMENTS_MANAGE: frozenset({person.municipality_id})},
    )
    made = 0
    today = timezone.localdate()
    for number, days in enumerate(overdue, start=1):
        subject = f"demo-unpaid-{number}"
        if PaymentRequest.objects.filter(payer_person=person, subject_id=subject).exists():
            continue
        payment_request_create(
            actor=loader,
            municipality=person.municipality,
            payer=person,
            subject_type="tax",
            subject_id=subject,
            description=f"Afvalbelasting {today.year - number}",
            amount_cents=12_500,
            due_date=today - dt.timedelta(days=days),
        )
        made += 1
    return made
