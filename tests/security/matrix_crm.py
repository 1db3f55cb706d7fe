"""Matrix entries of the contact moments pages and endpoints, and of the resident's
timeline in the API (the meaning of the values: tests/security/matrix.py)."""

from __future__ import annotations

from tests.security.entries import Entry, P, both, get_post, one

_TOUCHES = ("crm_contactmoment",)
_QUESTION = P(question_id="contact_question")
_QUESTION_WRITES = ("crm_contactquestion", "crm_contactquestionevent")
_TOLD = ("notify_notification", "procrastinate_jobs")
_NEW_QUESTION = {"question": "Wanneer komt het grofvuil?", "channel": "phone", "kind": "question"}
_ARTICLE = {"title": "Grofvuil", "body": "Bel de milieudienst.", "language": "nl"}
_QUICK_CAPTURE = {
    "channel": "phone",
    "subject": "Opening hours",
    "summary": "Asked when the office is open.",
    "direction": "inbound",
    "outcome": "answered",
}

CRM_HTML = [
    *get_post(
        "/backoffice/contacten/nieuw/",
        Entry(body={"person": "person", "q": "national_number"}),
        Entry(
            body={
                "person": "person",
                "municipality": "municipality",
                "organisation_number": "enterprise_number",
                "case_number": "case_number",
                "report_number": "report",
                "appointment_reference": "appointment_reference",
                "payment_reference": "payment_reference",
            },
            base=_QUICK_CAPTURE,
            also={"person": ("brussels_person",)},
            touches=_TOUCHES,
        ),
    ),
    *get_post(
        "/backoffice/contacten/<int:contact_moment_id>/",
        Entry(path={"contact_moment_id": "contact_moment"}, base={"purpose": "phone_call"}),
        Entry(path={"contact_moment_id": "contact_moment"}, base={"purpose": "phone_call"}),
    ),
    *both("/backoffice/huisbezoeken/"),
    *get_post(
        "/backoffice/huisbezoeken/nieuw/",
        Entry(body={"person": "person"}),
        Entry(
            body={"person": "person", "visitor": "staff_user"},
            base={"person": "own:person", "planned_on": "2031-01-06", "topic": "Bezoek"},
            touches=("crm_homevisit", "crm_cannotcome", "audit_accesslogentry"),
        ),
    ),
    *get_post(
        "/backoffice/huisbezoeken/<int:visit_id>/",
        Entry(path={"visit_id": "home_visit"}),
        Entry(
            path={"visit_id": "home_visit"},
            base={"summary": "Bezocht.", "outcome": "answered"},
            touches=("crm_homevisit", "crm_contactmoment"),
        ),
    ),
    *both("/backoffice/suggesties/"),
    *get_post(
        "/backoffice/suggesties/<int:suggestion_id>/",
        Entry(path={"suggestion_id": "suggestion"}),
        Entry(
            path={"suggestion_id": "suggestion"},
            base={"decision": "accept"},
            touches=("crm_suggestion",),
        ),
    ),
    *get_post(
        "/mijn/suggesties/<int:suggestion_id>/",
        Entry(path={"suggestion_id": "suggestion"}),
        Entry(
            path={"suggestion_id": "suggestion"},
            base={"decision": "accept"},
            touches=("crm_suggestion",),
        ),
    ),
    *both("/backoffice/contacten/e-mail/", Entry(body={"municipality": "municipality"})),
    *get_post(
        "/backoffice/contacten/e-mail/<int:mail_id>/",
        Entry(path={"mail_id": "inbound_mail"}, body={"q": "national_number"}),
        Entry(
            path={"mail_id": "inbound_mail"},
            body={"person_id": "person"},
            also={"person_id": ("brussels_person",)},
            touches=("crm_inboundmail", "crm_contactmoment"),
        ),
    ),
    *both("/backoffice/contacten/e-mail/<int:mail_id>/origineel/", P(mail_id="inbound_mail")),
    *get_post(
        "/backoffice/contacten/mailbox/<int:municipality_id>/",
        P(municipality_id="municipality"),
        Entry(
            path={"municipality_id": "municipality"},
            base={
                "address": "info@gemeente.test",
                "host": "imap.gemeente.test",
                "security": "tls",
                "port": "993",
                "username": "info",
                "password": "secret",
                "folder": "INBOX",
                "processed_folder": "Loket/Processed",
                "is_active": "on",
            },
            touches=("crm_mailbox",),
        ),
    ),
    *get_post(
        "/backoffice/contacten/<int:contact_moment_id>/antwoorden/",
        Entry(path={"contact_moment_id": "email_contact"}, base={"purpose": "phone_call"}),
        Entry(
            path={"contact_moment_id": "email_contact"},
            base={"purpose": "phone_call", "text": "We hebben uw verhuis genoteerd."},
            touches=("crm_contactmoment", "notify_notification", "procrastinate_jobs"),
        ),
    ),
    # The consents a resident gives at the counter (the social services' signals need one).
    *get_post(
        "/backoffice/inwoners/<int:person_id>/toestemmingen/",
        Entry(path={"person_id": "person"}, base={"purpose": "counter_visit"}),
        Entry(
            path={"person_id": "person"},
            base={"consent": "social_signals", "answer": "given"},
            touches=("people_consent", "audit_accesslogentry"),
        ),
    ),
]

# The contact centre and its knowledge articles. A transfer may name another municipality or
# department of the same region by design (the region's municipalities hand questions to
# each other): its body is tried with those of another region, where no question may go.
CONTACT_CENTRE_HTML = [
    *both(
        "/backoffice/contactcenter/",
        Entry(body={"department": "department", "municipality": "municipality"}),
    ),
    *get_post(
        "/backoffice/contactcenter/nieuw/",
        Entry(body={"person": "person"}),
        Entry(
            body={"person": "person", "municipality": "municipality", "department": "department"},
            base={**_NEW_QUESTION, "language": "nl"},
            also={"person": ("brussels_person",)},
            touches=(*_QUESTION_WRITES, *_TOLD),
        ),
    ),
    *both("/backoffice/contactcenter/<int:question_id>/", _QUESTION),
    *both(
        "/backoffice/contactcenter/<int:question_id>/nemen/",
        Entry(path={"question_id": "contact_question"}, touches=_QUESTION_WRITES),
    ),
    *both(
        "/backoffice/contactcenter/<int:question_id>/toewijzen/",
        Entry(
            path={"question_id": "contact_question"},
            body={"owner": "staff_user"},
            touches=_QUESTION_WRITES,
        ),
    ),
    *both(
        "/backoffice/contactcenter/<int:question_id>/antwoorden/",
        Entry(
            path={"question_id": "contact_question"},
            base={"answer": "Het grofvuil komt op maandag."},
            touches=(*_QUESTION_WRITES, "crm_contactmoment", *_TOLD),
        ),
    ),
    *both(
        "/backoffice/contactcenter/<int:question_id>/sluiten/",
        Entry(
            path={"question_id": "contact_question"},
            base={"reason": "Dubbel"},
            touches=_QUESTION_WRITES,
        ),
    ),
    *both(
        "/backoffice/contactcenter/<int:question_id>/doorsturen/",
        Entry(
            path={"question_id": "contact_question"},
            base={"reason": "Verkeerde dienst"},
            touches=(*_QUESTION_WRITES, *_TOLD),
        ),
    ),
    *both("/backoffice/kennisbank/", Entry(base={"q": "kaartverlies"})),
    *get_post(
        "/backoffice/kennisbank/nieuw/",
        Entry(),
        Entry(
            body={"municipality": "municipality"},
            base=_ARTICLE,
            touches=("crm_knowledgearticle",),
        ),
    ),
    *get_post(
        "/backoffice/kennisbank/<int:article_id>/",
        P(article_id="knowledge_article"),
        Entry(
            path={"article_id": "knowledge_article"},
            base=_ARTICLE,
            touches=("crm_knowledgearticle",),
        ),
    ),
    *both("/backoffice/kennisbank/<int:article_id>/versies/", P(article_id="knowledge_article")),
]

CONTACT_CENTRE_API = [
    *one("GET /api/v1/contact-questions", Entry(body={"department_id": "department"})),
    *one("GET /api/v1/contact-questions/{question_id}", _QUESTION),
    *one(
        "POST /api/v1/contact-questions",
        Entry(
            body={
                "person_id": "person",
                "department_id": "department",
                "municipality_nis_code": "nis_code",
            },
            base=_NEW_QUESTION,
            also={"person_id": ("brussels_person",)},
            touches=(*_QUESTION_WRITES, *_TOLD),
        ),
    ),
    *one(
        "POST /api/v1/contact-questions/{question_id}/transfer",
        Entry(
            path={"question_id": "contact_question"},
            body={
                "municipality_nis_code": "brussels_nis_code",
                "department_id": "brussels_department",
            },
            base={"reason": "Verkeerde dienst"},
            touches=(*_QUESTION_WRITES, *_TOLD),
        ),
    ),
    *one(
        "POST /api/v1/contact-questions/{question_id}/answer",
        Entry(
            path={"question_id": "contact_question"},
            base={"answer": "Het grofvuil komt op maandag."},
            touches=(*_QUESTION_WRITES, "crm_contactmoment", *_TOLD),
        ),
    ),
    *one(
        "POST /api/v1/contact-questions/{question_id}/close",
        Entry(
            path={"question_id": "contact_question"},
            base={"reason": "Dubbel"},
            touches=_QUESTION_WRITES,
        ),
    ),
    *one("GET /api/v1/knowledge-articles", Entry(base={"q": "kaartverlies"})),
]

CRM_API = [
    *one(
        "GET /api/v1/contact-moments",
        Entry(body={"person_id": "person", "organisation_id": "organisation"}),
    ),
    *one(
        "GET /api/v1/contact-moments/{contact_moment_id}",
        Entry(path={"contact_moment_id": "contact_moment"}, base={"purpose": "integration"}),
    ),
    *one(
        "POST /api/v1/contact-moments",
        Entry(
            body={
                "person_id": "person",
                "organisation_id": "organisation",
                "case_id": "case",
                "report_id": "report",
                "appointment_id": "appointment",
                "payment_request_id": "payment",
                "municipality_nis_code": "nis_code",
            },
            base={
                "channel": "phone",
                "summary": "Asked when the office is open.",
                "topic": "Hours",
            },
            also={"person_id": ("brussels_person",)},
            touches=_TOUCHES,
        ),
    ),
    *one("GET /api/v1/inbound-mails"),
    *one(
        "POST /api/v1/inbound-mails/{mail_id}/link",
        Entry(
            path={"mail_id": "inbound_mail"},
            body={"person_id": "person"},
            base={"person_id": "own:person"},
            also={"person_id": ("brussels_person",)},
            touches=("crm_inboundmail", "crm_contactmoment"),
        ),
    ),
    *one(
        "POST /api/v1/contact-moments/{contact_moment_id}/reply",
        Entry(
            path={"contact_moment_id": "email_contact"},
            base={"text": "We hebben uw verhuis genoteerd."},
            touches=("crm_contactmoment", "notify_notification", "procrastinate_jobs"),
        ),
    ),
    *one(
        "GET /api/v1/residents/{person_id}/timeline",
        Entry(path={"person_id": "person"}, base={"purpose": "phone_call"}),
    ),
]
