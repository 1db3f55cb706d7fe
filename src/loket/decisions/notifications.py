"""What residents are told about decisions, through the notification service.

The event types are registered at start-up (the notify app loads this module).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from loket.notify.events import EventType, Variable, VariableKind, Wording, event_register

DECISION_MADE = event_register(
    EventType(
        code="decision.made",
        label=_("A decision was taken on a request"),
        essential=True,
        variables={
            "case_reference": Variable(_("Reference of the request"), "2025-000123"),
            "case_title": Variable(_("Title of the request"), "Parkeerkaart voor bewoners"),
            "decision": Variable(_("The decision, in one sentence"), "Uw aanvraag is goedgekeurd."),
            "case_url": Variable(
                _("Link to the request on my page"),
                "https://loket.example/mijn/dossiers/2025-000123/",
                VariableKind.URL,
            ),
        },
        wordings={
            "nl": Wording(
                subject="Beslissing over uw aanvraag {{ case_reference }}",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "{{ municipality_name }} heeft een beslissing genomen over uw aanvraag "
                    "“{{ case_title }}” ({{ case_reference }}).\n\n{{ decision }}\n\n"
                    "U leest de volledige beslissing op {{ case_url }}.\n\n"
                    "Met vriendelijke groeten,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: er is een beslissing over uw aanvraag "
                    "{{ case_reference }}. Lees ze op {{ case_url }}"
                ),
            ),
            "fr": Wording(
                subject="Décision concernant votre demande {{ case_reference }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "{{ municipality_name }} a pris une décision concernant votre demande "
                    "« {{ case_title }} » ({{ case_reference }}).\n\n{{ decision }}\n\n"
                    "Vous pouvez lire la décision complète sur {{ case_url }}.\n\n"
                    "Cordialement,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : une décision a été prise sur votre demande "
                    "{{ case_reference }}. Lisez-la sur {{ case_url }}"
                ),
            ),
            "en": Wording(
                subject="Decision on your request {{ case_reference }}",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "{{ municipality_name }} has taken a decision on your request "
                    "“{{ case_title }}” ({{ case_reference }}).\n\n{{ decision }}\n\n"
                    "You can read the full decision at {{ case_url }}.\n\n"
                    "Kind regards,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: a decision was taken on your request "
                    "{{ case_reference }}. Read it at {{ case_url }}"
                ),
            ),
        },
    )
)
