"""The crm's kinds of object past their retention period lose the resident
(loket.audit.retention):

- **contact moments**: the person link and the summary. The topic (the short subject a
  contact needs when it names no product), channel, direction, outcome, duration, product,
  municipality, staff member, the Message-ID and the dates stay, so the counts per channel
  (the dashboards' contacts figure) and the contact durations do not change;
- **contact-centre questions and callback requests**, once answered or closed: the person
  link, the question, the assistant's transcript, the reply e-mail address and phone
  number, the answer, the notes of the history (answers, reasons, transfer reasons) and the
  address, texts and delivery details of the answer e-mailed to a visitor. The kind,
  channel, status, municipality, department, product, language, owner, the callback window
  and every date stay, so the counts per status, channel and kind and the answering times
  do not change;
- **home visits**, once done or cancelled: the person link and what the visit was for. The
  day, time, status, visitor and municipality stay; the visit's contact moment follows the
  contact moments' own period;
- **received e-mails**, once recorded with a resident (matched or linked by staff), ignored
  (an automatic reply) or recorded on our message (a bounce): the raw message (headers,
  body and attachments as received), the sender's address and name, the subject, the
  problem noted and the attachments' file names. The Message-ID (`message_key`), status,
  source, size, municipality, the attachments' types, sizes and refusals and the dates
  stay, so a duplicate delivery is still recognised, an answer to the mail is still
  threaded to its contact moment (found by the contact moment's Message-ID) and the counts
  per status do not change. A mail still waiting for a clerk (unmatched, unreadable) is
  never due. The attachments stored as documents of the contact moment are the documents
  domain's;
- **suggestions**, once accepted, dismissed or expired (still open past the period): the
  person link and the occasion (which address, child, request or payment led to it). The
  product, rule, status, municipality, who decided and the dates stay, and a sensitive one
  remembers whether the resident's consent was given (`social_signals_consented`), so the
  uptake page counts the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.audit.retention import RetentionKind, retention_kind_register
from loket.crm.contact_centre.workflow import AnswerEmailStatus, QuestionStatus
from loket.crm.models import (
    SENSITIVE_RULES,
    ContactMoment,
    ContactQuestion,
    ContactQuestionAnswerEmail,
    ContactQuestionEvent,
    HomeVisit,
    HomeVisitStatus,
    InboundMail,
    MailAttachment,
    MailStatus,
    Suggestion,
    SuggestionStatus,
)
from loket.people.models import Consent, ConsentPurpose


def _due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[ContactMoment]:
    return ContactMoment.objects.filter(municipality_id=municipality_id, occurred_at__lt=cutoff)


def contact_moments_anonymise(ids: Sequence[int]) -> None:
    """Within `anonymisation_allowed()` (contact moments are append-only)."""
    ContactMoment.objects.filter(pk__in=ids).update(person=None, summary="")


retention_kind_register(
    RetentionKind(
        code="contact_moments",
        label=_("Contact moments"),
        default_days=1095,
        minimum_days=365,
        basis=_(
            "Counted from the contact. Long enough to follow up a question and a complaint "
            "about it; three years by default, never less than one."
        ),
        due=_due,
        anonymise=contact_moments_anonymise,
        order=30,
        kept=(
            "topic",
            "channel",
            "direction",
            "outcome",
            "duration",
            "product",
            "staff member",
            "dates",
        ),
    )
)


# --- contact-centre questions and callback requests -------------------------------------

FINISHED_QUESTIONS = (QuestionStatus.ANSWERED, QuestionStatus.CLOSED)


def _questions_due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[ContactQuestion]:
    """Answered or closed, counted from the closing (an answered question nobody closed:
    from the answer); an answer still queued for e-mail waits for its delivery."""
    return (
        ContactQuestion.objects.filter(
            municipality_id=municipality_id, status__in=sorted(FINISHED_QUESTIONS)
        )
        .alias(finished_at=Coalesce("closed_at", "answered_at", "created_at"))
        .filter(finished_at__lt=cutoff)
        .exclude(answer_email__status=AnswerEmailStatus.QUEUED)
    )


def contact_questions_anonymise(ids: Sequence[int]) -> None:
    """Within `anonymisation_allowed()` (the history is append-only)."""
    ContactQuestion.objects.filter(pk__in=ids).update(
        person=None,
        question="",
        transcript=[],
        reply_email="",
        reply_phone="",
        answer_note="",
    )
    ContactQuestionEvent.objects.filter(contact_question_id__in=ids).update(note="")
    ContactQuestionAnswerEmail.objects.filter(contact_question_id__in=ids).update(
        email="", context={}, detail=""
    )


retention_kind_register(
    RetentionKind(
        code="contact_questions",
        label=_("Contact-centre questions and callback requests"),
        default_days=1095,
        minimum_days=365,
        basis=_(
            "Counted from the closing (or the answer, for a question answered but not "
            "closed). Long enough to follow up the answer and a complaint about it, as for "
            "the contact moment the answer is recorded as; three years by default, never "
            "less than one."
        ),
        due=_questions_due,
        anonymise=contact_questions_anonymise,
        order=31,
        kept=(
            "kind",
            "channel",
            "status",
            "department",
            "product",
            "language",
            "owner",
            "callback window",
            "history (without notes)",
            "dates",
        ),
    )
)


# --- home visits -------------------------------------------------------------------------


def _visits_due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[HomeVisit]:
    """Done or cancelled, counted from the day of the visit; a planned one never."""
    return HomeVisit.objects.filter(
        municipality_id=municipality_id,
        status__in=[HomeVisitStatus.DONE, HomeVisitStatus.CANCELLED],
        planned_on__lt=timezone.localdate(cutoff),
    )


def home_visits_anonymise(ids: Sequence[int]) -> None:
    HomeVisit.objects.filter(pk__in=ids).update(person=None, topic="")


retention_kind_register(
    RetentionKind(
        code="home_visits",
        label=_("Home visits"),
        default_days=1095,
        minimum_days=365,
        basis=_(
            "Counted from the day of the visit. Long enough to plan a next visit knowing "
            "the earlier ones and to answer a complaint, as for the contact moment the visit "
            "is recorded as; three years by default, never less than one."
        ),
        due=_visits_due,
        anonymise=home_visits_anonymise,
        order=32,
        kept=("day", "time", "status", "visitor", "contact moment", "dates"),
    )
)


# --- received e-mails ----------------------------------------------------------------------

HANDLED_MAILS = (MailStatus.MATCHED, MailStatus.LINKED, MailStatus.AUTO_REPLY, MailStatus.BOUNCE)


def _mails_due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[InboundMail]:
    """Handled, counted from the receipt (or the link to a resident, when later); a mail
    still waiting for a clerk (received, unmatched, unreadable) never."""
    return InboundMail.objects.filter(
        municipality_id=municipality_id,
        status__in=sorted(HANDLED_MAILS),
        received_at__lt=cutoff,
    ).filter(Q(linked_at__isnull=True) | Q(linked_at__lt=cutoff))


def inbound_mails_anonymise(ids: Sequence[int]) -> None:
    InboundMail.objects.filter(pk__in=ids).update(
        raw=b"", from_address="", from_name="", subject="", problem=""
    )
    MailAttachment.objects.filter(mail_id__in=ids).update(file_name="")


retention_kind_register(
    RetentionKind(
        code="inbound_mails",
        label=_("Received e-mails"),
        default_days=365,
        minimum_days=90,
        basis=_(
            "Counted from the receipt. The contact moment recorded from the e-mail keeps what "
            "it was about for its own period; the message as received is only needed to "
            "read it again, to answer it and for a complaint about how it was handled. One "
            "year by default, never less than three months."
        ),
        due=_mails_due,
        anonymise=inbound_mails_anonymise,
        order=33,
        kept=(
            "Message-ID",
            "status",
            "source",
            "size",
            "contact moment",
            "attachment types and sizes",
            "dates",
        ),
    )
)


# --- suggestions ---------------------------------------------------------------------------


def _suggestions_due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[Suggestion]:
    """Accepted or dismissed, counted from the decision; still open, counted from when it
    was made (expired: every signal is a matter of weeks)."""
    return Suggestion.objects.filter(municipality_id=municipality_id, person__isnull=False).filter(
        Q(status__in=[SuggestionStatus.ACCEPTED, SuggestionStatus.DISMISSED], decided_at__lt=cutoff)
        | Q(status=SuggestionStatus.OPEN, created_at__lt=cutoff)
    )


def suggestions_anonymise(ids: Sequence[int]) -> None:
    """A sensitive suggestion first records whether the social services count it (the
    resident's consent, as `crm.selectors.suggestions_visible_to` reads it)."""
    consented = Consent.objects.filter(
        person_id=OuterRef("person_id"), purpose=ConsentPurpose.SOCIAL_SIGNALS, granted=True
    )
    Suggestion.objects.filter(pk__in=ids, rule__in=SENSITIVE_RULES).update(
        social_signals_consented=Exists(consented)
    )
    Suggestion.objects.filter(pk__in=ids).update(person=None, occasion="")


retention_kind_register(
    RetentionKind(
        code="suggestions",
        label=_("Suggestions to residents"),
        default_days=730,
        minimum_days=365,
        basis=_(
            "Counted from the answer (an unanswered suggestion: from when it was made). A "
            "resident is not suggested the same product twice within a year, which needs "
            "the link; two years by default, never less than one. The uptake per rule is "
            "kept."
        ),
        due=_suggestions_due,
        anonymise=suggestions_anonymise,
        order=34,
        kept=("product", "rule", "status", "decided by", "occasion date", "dates"),
    )
)
