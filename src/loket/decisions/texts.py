"""The fixed wording of decision letters in Dutch, French and English.

A letter is written in the language the law or the resident chooses, whatever language the
staff member's screen is in, and it must read the same on every installation. So its
wording is content carried in the three languages (like catalogue names), not interface
text that depends on the translation catalogues. Municipalities override the body, the
subject and the appeal paragraph per product with a `DecisionTemplate`. Every text here
uses the one placeholder syntax of `loket.core.placeholders`.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("nl", "fr", "en")


@dataclass(frozen=True)
class LetterWording:
    our_reference: str
    date: str
    subject: str
    appeal_heading: str
    seal_heading: str
    seal_text: str
    verification_page: str
    page: str
    signature_reason: str
    facts_heading: str
    validity: str
    validity_period: str
    signatory_heading: str
    signatory_function: str


WORDING: dict[str, LetterWording] = {
    "nl": LetterWording(
        our_reference="Ons kenmerk",
        date="Datum",
        subject="Onderwerp",
        appeal_heading="Beroepsmogelijkheden",
        seal_heading="Elektronisch ondertekend",
        seal_text=(
            "Deze brief draagt de elektronische handtekening van {{ municipality }}. Zo kunt u "
            "nagaan dat hij echt van ons komt en niet gewijzigd is: {{ verification }}."
        ),
        verification_page="de verificatiepagina van het digitale loket ({{ url }})",
        page="Pagina",
        signature_reason="Beslissing van het gemeentebestuur",
        facts_heading="Waarover deze beslissing gaat",
        validity="Geldigheid",
        validity_period="van {{ start }} tot en met {{ end }}",
        signatory_heading="Beslist door",
        signatory_function="namens het gemeentebestuur",
    ),
    "fr": LetterWording(
        our_reference="Notre référence",
        date="Date",
        subject="Objet",
        appeal_heading="Voies de recours",
        seal_heading="Signé électroniquement",
        seal_text=(
            "Ce courrier porte la signature électronique de {{ municipality }}. Vous pouvez "
            "vérifier qu'il émane bien de nous et qu'il n'a pas été modifié : {{ verification }}."
        ),
        verification_page="la page de vérification du guichet électronique ({{ url }})",
        page="Page",
        signature_reason="Décision de l'administration communale",
        facts_heading="Objet de la décision",
        validity="Validité",
        validity_period="du {{ start }} au {{ end }} inclus",
        signatory_heading="Décidé par",
        signatory_function="pour l'administration communale",
    ),
    "en": LetterWording(
        our_reference="Our reference",
        date="Date",
        subject="Subject",
        appeal_heading="How to appeal",
        seal_heading="Signed electronically",
        seal_text=(
            "This letter carries the electronic signature of {{ municipality }}. You can check "
            "that it comes from us and has not been changed: {{ verification }}."
        ),
        verification_page="the verification page of the e-counter ({{ url }})",
        page="Page",
        signature_reason="Decision of the municipality",
        facts_heading="What this decision is about",
        validity="Valid",
        validity_period="from {{ start }} up to and including {{ end }}",
        signatory_heading="Decided by",
        signatory_function="on behalf of the municipality",
    ),
}


@dataclass(frozen=True)
class LetterFields:
    """Which of the case's answers a product's letter repeats, in this order, and (for a
    product that is valid for a while) from which date answer and for how many months."""

    answer_keys: tuple[str, ...]
    validity_from: str = ""
    validity_months: int = 0


# The fields of the shipped letters. A product not listed here repeats the answers its
# form marks `"in_letter": true` (see docs/decisions.md).
PRODUCT_LETTER_FIELDS: dict[str, LetterFields] = {
    "resident-parking-card": LetterFields(
        answer_keys=("licence_plate", "start_date"),
        validity_from="start_date",
        validity_months=12,
    ),
}

# Default texts, used when no template exists for the product. Variables between double
# braces come from the context given by the caller (see docs/decisions.md).
DEFAULT_SUBJECT: dict[str, str] = {
    "nl": "Beslissing over uw aanvraag: {{ product_name }}",
    "fr": "Décision concernant votre demande : {{ product_name }}",
    "en": "Decision on your request: {{ product_name }}",
}

DEFAULT_BODY: dict[str, dict[str, str]] = {
    "approved": {
        "nl": (
            "Geachte {{ resident_name }},\n\n"
            "Wij hebben uw aanvraag „{{ product_name }}” (dossier {{ reference }}) behandeld. "
            "Het gemeentebestuur van {{ municipality }} keurt uw aanvraag goed.\n\n"
            "{{ motivation }}\n\n"
            "Met vriendelijke groeten,\n{{ municipality }}"
        ),
        "fr": (
            "Madame, Monsieur,\n\n"
            "Nous avons examiné votre demande « {{ product_name }} » (dossier {{ reference }}). "
            "L'administration communale de {{ municipality }} accepte votre demande.\n\n"
            "{{ motivation }}\n\n"
            "Veuillez agréer nos salutations distinguées.\n{{ municipality }}"
        ),
        "en": (
            "Dear {{ resident_name }},\n\n"
            "We have examined your request “{{ product_name }}” (case {{ reference }}). "
            "The municipality of {{ municipality }} approves your request.\n\n"
            "{{ motivation }}\n\n"
            "Kind regards,\n{{ municipality }}"
        ),
    },
    "rejected": {
        "nl": (
            "Geachte {{ resident_name }},\n\n"
            "Wij hebben uw aanvraag „{{ product_name }}” (dossier {{ reference }}) behandeld. "
            "Het gemeentebestuur van {{ municipality }} weigert uw aanvraag om de volgende "
            "reden:\n\n{{ motivation }}\n\n"
            "Met vriendelijke groeten,\n{{ municipality }}"
        ),
        "fr": (
            "Madame, Monsieur,\n\n"
            "Nous avons examiné votre demande « {{ product_name }} » (dossier {{ reference }}). "
            "L'administration communale de {{ municipality }} refuse votre demande pour le "
            "motif suivant :\n\n{{ motivation }}\n\n"
            "Veuillez agréer nos salutations distinguées.\n{{ municipality }}"
        ),
        "en": (
            "Dear {{ resident_name }},\n\n"
            "We have examined your request “{{ product_name }}” (case {{ reference }}). "
            "The municipality of {{ municipality }} refuses your request for the following "
            "reason:\n\n{{ motivation }}\n\n"
            "Kind regards,\n{{ municipality }}"
        ),
    },
}

DEFAULT_APPEAL: dict[str, str] = {
    "nl": (
        "Bent u het niet eens met deze beslissing, dan kunt u binnen {{ appeal_days }} dagen "
        "na de kennisgeving ervan een bezwaar indienen bij het college van burgemeester en "
        "schepenen van {{ municipality }}, per brief of via het digitale loket, met "
        "vermelding van het dossiernummer {{ reference }}. U kunt de vernietiging van de "
        "beslissing ook vragen aan de Raad van State, binnen 60 dagen na de kennisgeving."
    ),
    "fr": (
        "Si vous n'êtes pas d'accord avec cette décision, vous pouvez introduire une "
        "réclamation auprès du collège des bourgmestre et échevins de {{ municipality }} "
        "dans les {{ appeal_days }} jours de sa notification, par courrier ou via le guichet "
        "électronique, en mentionnant la référence {{ reference }}. Vous pouvez aussi "
        "demander l'annulation de la décision au Conseil d'État, dans les 60 jours de sa "
        "notification."
    ),
    "en": (
        "If you disagree with this decision, you may lodge an objection with the Board of "
        "Mayor and Aldermen of {{ municipality }} within {{ appeal_days }} days of being "
        "notified, by letter or through the e-counter, quoting reference {{ reference }}. "
        "You may also ask the Council of State to annul the decision, within 60 days of "
        "being notified."
    ),
}

DEFAULT_APPEAL_DAYS = 30
