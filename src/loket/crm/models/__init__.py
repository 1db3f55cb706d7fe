"""Contact moments: every contact between a municipality and a resident, an organisation or
someone unknown, on every channel (counter, phone, e-mail, web form, chat, social media,
letter, home visit), with what it was about and how it ended.

A contact moment is a record of something that happened: it is written once and never
changed or deleted (migration 0002 makes the database refuse it). What it was about is a
product of the catalogue or a free topic; it may point at the request, report, appointment
or payment it concerned, all of its own municipality.

The tables live in one module per subject (`contacts`, `mail`, `proactive`, `outreach`;
the contact centre's in `loket.crm.contact_centre.models`): import them from here.
"""

from loket.crm.contact_centre.models import (
    ContactQuestion,
    ContactQuestionAnswerEmail,
    ContactQuestionEvent,
    KnowledgeArticle,
    KnowledgeArticleVersion,
)
from loket.crm.models.contacts import (
    DURATION_MAX_MINUTES,
    SUMMARY_MAX_LENGTH,
    TOPIC_MAX_LENGTH,
    ContactChannel,
    ContactDirection,
    ContactMoment,
    ContactOutcome,
)
from loket.crm.models.mail import InboundMail, MailAttachment, Mailbox, MailSource, MailStatus
from loket.crm.models.outreach import CannotCome, HomeVisit, HomeVisitStatus, OutreachReason
from loket.crm.models.proactive import SENSITIVE_RULES, Suggestion, SuggestionRule, SuggestionStatus

__all__ = [
    "DURATION_MAX_MINUTES",
    "SENSITIVE_RULES",
    "SUMMARY_MAX_LENGTH",
    "TOPIC_MAX_LENGTH",
    "CannotCome",
    "ContactChannel",
    "ContactDirection",
    "ContactMoment",
    "ContactOutcome",
    "ContactQuestion",
    "ContactQuestionAnswerEmail",
    "ContactQuestionEvent",
    "HomeVisit",
    "HomeVisitStatus",
    "InboundMail",
    "KnowledgeArticle",
    "KnowledgeArticleVersion",
    "MailAttachment",
    "MailSource",
    "MailStatus",
    "Mailbox",
    "OutreachReason",
    "Suggestion",
    "SuggestionRule",
    "SuggestionStatus",
]
