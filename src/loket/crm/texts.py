"""Texts about suggestions shown to staff and residents, in the reader's language."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext

from loket.crm.models import Suggestion, SuggestionRule


def suggestion_reason(suggestion: Suggestion) -> str:
    """Why the product is suggested, in one sentence."""
    day = date_format(suggestion.occasion_on, "SHORT_DATE_FORMAT")
    if suggestion.rule == SuggestionRule.MOVED:
        return gettext("Moved house on %(day)s.") % {"day": day}
    if suggestion.rule == SuggestionRule.BIRTH:
        return gettext("A child was born on %(day)s.") % {"day": day}
    if suggestion.rule == SuggestionRule.RELATED:
        return gettext("Goes with a request of %(day)s.") % {"day": day}
    if suggestion.rule == SuggestionRule.UNPAID_FEES:
        return gettext("Several payments are overdue, the first since %(day)s.") % {"day": day}
    return gettext("The identity card is valid until %(day)s.") % {"day": day}
