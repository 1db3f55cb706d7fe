"""The contact moments part of the isolation matrix's world: a contact moment of the
victim municipality with the victim, pointing at her request, and the reference of her
appointment (what staff type in the quick-capture form); an e-mail of the victim (matched
to her, so it can be answered) and an unmatched e-mail, both to the victim municipality;
and an unmatched e-mail to the attacker's own municipality."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from loket.appointments.models import Appointment
from loket.cases.models import Case
from loket.catalog.models import Product
from loket.crm.mail import mail_receive
from loket.crm.models import (
    ContactChannel,
    ContactQuestion,
    HomeVisit,
    KnowledgeArticle,
    KnowledgeArticleVersion,
    MailSource,
    Suggestion,
    SuggestionRule,
)
from loket.crm.services import ContactInput, contact_moment_record
from loket.people.models import Consent, ConsentPurpose, Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality


@dataclass
class CrmWorld:
    victim: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)
    own: dict[str, str] = field(default_factory=dict)


def _mail(sender: str, subject: str, text: str, message_id: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: info@gemeente.test\r\nSubject: {subject}\r\n"
        f"Message-ID: <{message_id}@mail.test>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
    ).encode()


def crm_world(
    *, actor: Actor, victim: Person, case: Case, appointment_id: str, own: Municipality
) -> CrmWorld:
    summary = "Veerle belde: haar kaart is gestolen, aangifte gedaan bij de politie."
    contact = contact_moment_record(
        actor=actor,
        contact=ContactInput(
            channel=ContactChannel.PHONE,
            summary=summary,
            person_id=victim.pk,
            topic="Gestolen identiteitskaart",
            case_id=case.pk,
        ),
    )
    reference = Appointment.objects.get(pk=appointment_id).reference
    # A home visit planned to the victim.
    assert actor.user is not None
    home_visit = HomeVisit.objects.create(
        municipality_id=victim.municipality_id,
        person=victim,
        planned_on=case.submitted_at.date() + dt.timedelta(days=3),
        topic="Huisbezoek voor de identiteitskaart",
        created_by_user=actor.user,
    )
    # A suggestion of the proactive service to the victim (what the nightly run makes).
    suggestion = Suggestion.objects.create(
        municipality_id=victim.municipality_id,
        person=victim,
        product=case.product,
        rule=SuggestionRule.RELATED,
        occasion=f"case:{case.pk}",
        occasion_on=case.submitted_at.date(),
    )
    # A sensitive signal about the victim, who consented: for Kortrijk's social services
    # alone, so no page of anyone in the matrix may show it.
    Consent.objects.update_or_create(
        person=victim, purpose=ConsentPurpose.SOCIAL_SIGNALS, defaults={"granted": True}
    )
    debt_mediation = Product.objects.filter(code="debt-mediation").first() or case.product
    Suggestion.objects.create(
        municipality_id=victim.municipality_id,
        person=victim,
        product=debt_mediation,
        rule=SuggestionRule.UNPAID_FEES,
        occasion=f"payment:{case.pk}",
        occasion_on=case.submitted_at.date(),
    )
    kortrijk = victim.municipality
    matched = mail_receive(
        municipality=kortrijk,
        raw=_mail(victim.email, "Verhuis naar Brugge", "Ik verhuis in maart.", "victim-1"),
        source=MailSource.PIPE,
    )
    unmatched = mail_receive(
        municipality=kortrijk,
        raw=_mail("anoniem@mail.test", "Klacht over de buren", "Lawaai elke nacht.", "anon-1"),
        source=MailSource.PIPE,
    )
    own_mail = mail_receive(
        municipality=own,
        raw=_mail("iemand@mail.test", "Vraag", "Wanneer open?", "own-1"),
        source=MailSource.PIPE,
    )
    assert matched.contact_moment_id is not None
    # A knowledge article of the victim municipality (not meant for other municipalities'
    # staff), and a contact-centre question of the attacker's own municipality.
    article = KnowledgeArticle.objects.create(
        region_id=kortrijk.region_id,
        municipality=kortrijk,
        title="Interne werkwijze Kortrijk kaartverlies",
        body="Bel eerst de politie van Kortrijk.",
    )
    KnowledgeArticleVersion.objects.create(
        article=article,
        number=1,
        title=article.title,
        body="Vroeger: eerst het onthaal van Kortrijk bellen.",
        language="nl",
        municipality=kortrijk,
        is_active=True,
    )
    own_question = ContactQuestion.objects.create(
        municipality=own,
        question="Wanneer is de bibliotheek open?",
        language="nl",
        due_at=timezone.now(),
        created_at=timezone.now(),
    )
    return CrmWorld(
        victim={
            "contact_moment": str(contact.pk),
            "appointment_reference": reference,
            "suggestion": str(suggestion.pk),
            "home_visit": str(home_visit.pk),
            "email_contact": str(matched.contact_moment_id),
            "inbound_mail": str(unmatched.pk),
            "knowledge_article": str(article.pk),
        },
        secrets=[
            summary,
            "Gestolen identiteitskaart",
            "Verhuis naar Brugge",
            "Ik verhuis in maart.",
            "Klacht over de buren",
            "Lawaai elke nacht.",
            "Interne werkwijze Kortrijk kaartverlies",
            "Vroeger: eerst het onthaal van Kortrijk bellen.",
            "Several payments overdue",
            "Several payments are overdue",
        ],
        own={"inbound_mail": str(own_mail.pk), "contact_question": str(own_question.pk)},
    )
