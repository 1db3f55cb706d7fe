"""Event types: what Loket tells people about, the variables each event provides, and the
default wording in Dutch, French and English.

A domain registers its events once, at start-up, from `<domain>/notifications.py` (loaded
by the notify app for every installed app), with `event_register(EventType(...))`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from loket.people.models import ConsentPurpose

LANGUAGES = ("nl", "fr", "en")


class VariableKind(StrEnum):
    TEXT = "text"
    URL = "url"
    DATE = "date"  # ISO date in the context, written out in the recipient's language
    DATETIME = "datetime"  # ISO date and time, written out in the recipient's language


@dataclass(frozen=True)
class Variable:
    description: str | Promise
    sample: str
    kind: VariableKind = VariableKind.TEXT


@dataclass(frozen=True)
class Wording:
    """The texts of one event in one language (Django template syntax, variables only)."""

    subject: str
    body: str
    sms: str


@dataclass(frozen=True)
class EventType:
    code: str
    label: str | Promise
    essential: bool
    variables: Mapping[str, Variable]
    wordings: Mapping[str, Wording]
    # Optional events name the consent that governs them; essential ones always go out.
    consent_purpose: ConsentPurpose | None = None
    description: str | Promise = ""

    def all_variables(self) -> dict[str, Variable]:
        """The event's own variables plus the ones every message has."""
        return {**COMMON_VARIABLES, **self.variables}

    def sample_context(self) -> dict[str, str]:
        return {name: variable.sample for name, variable in self.variables.items()}


COMMON_VARIABLES: dict[str, Variable] = {
    "recipient_name": Variable(_("Full name of the recipient"), "Marie Peeters"),
    "municipality_name": Variable(_("Name of the municipality"), "Gemeente Voorbeeld"),
}

# The closing lines of a message in each language, the municipality signing (appended to a
# domain's default wordings).
SIGN_OFF = {
    "nl": "\n\nMet vriendelijke groeten,\n{{ municipality_name }}",
    "fr": "\n\nCordialement,\n{{ municipality_name }}",
    "en": "\n\nKind regards,\n{{ municipality_name }}",
}

# Consent purposes a resident must have said yes to (opt-in); the others are sent
# unless the resident said no (opt-out).
OPT_IN_PURPOSES = frozenset({ConsentPurpose.NEWSLETTER, ConsentPurpose.WASTE_REMINDERS})


class UnknownEvent(LookupError):
    """No event type is registered under this code."""


_REGISTRY: dict[str, EventType] = {}


def event_register(event_type: EventType) -> EventType:
    """Add an event type (idempotent for the same object; a different one is an error)."""
    missing = [language for language in LANGUAGES if language not in event_type.wordings]
    if missing:
        raise ValueError(f"{event_type.code}: no default wording in {', '.join(missing)}")
    if event_type.essential == (event_type.consent_purpose is not None):
        raise ValueError(
            f"{event_type.code}: optional events need a consent purpose, essential none"
        )
    existing = _REGISTRY.get(event_type.code)
    if existing is not None and existing is not event_type:
        raise ValueError(f"{event_type.code}: already registered")
    _REGISTRY[event_type.code] = event_type
    return event_type


def event_get(code: str) -> EventType:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise UnknownEvent(code) from None


def events_all() -> list[EventType]:
    return sorted(_REGISTRY.values(), key=lambda event_type: event_type.code)
