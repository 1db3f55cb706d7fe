"""What a back-office list computes once per page instead of once per row.

A list of 50 rows that reverses a URL, builds model instances with every column of four
joined tables, or asks a permission per row pays it 50 times; the page itself needs it
once (see BENCHMARKS.md, "Back-office pages"):

- `pk_url(url_name)`: the address of a row's page from its id, reversed once per process
  (a placeholder id is reversed and cut around it), then joined per row. The template
  filter `{{ row.pk|pk_url:"cases:detail" }}` (`loket_web`) does the same in a template.
- `name_fields(*relations)`: the translated name columns (`name_nl`, `name_fr`, `name_en`)
  of related rows, for `QuerySet.only()` or `values_list()`: a list shows a category's or
  a municipality's name, not its opening hours or its contact details; `translated_name()`
  picks the name to show from those three columns read as plain values (the same choice
  as `TranslatedNameMixin.name_in`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# An id no row has (beyond PostgreSQL's bigint); reversed in its place and cut out again.
_PLACEHOLDER = "98765432109876543210"
NAME_FIELDS = ("name_nl", "name_fr", "name_en")
# The name shown in each language, then the fallbacks.
_NAME_ORDER = {"nl": (0, 1, 2), "fr": (1, 0, 2), "en": (2, 0, 1)}


@functools.cache
def _parts(url_name: str, script_prefix: str, urlconf: str | None) -> tuple[str, str] | None:
    """(before, after) the id in the address of `url_name`; None when the placeholder
    cannot be cut out cleanly (the address is then reversed per row)."""
    address = reverse(url_name, args=[_PLACEHOLDER], urlconf=urlconf)
    if address.count(_PLACEHOLDER) != 1:
        return None
    before, _placeholder, after = address.partition(_PLACEHOLDER)
    return before, after


def pk_url(url_name: str) -> Callable[[object], str]:
    """`pk → reverse(url_name, args=[pk])`, reversed once per process (for the current
    script prefix and URLconf). The URL pattern must take the id as its one argument."""
    parts = _parts(url_name, get_script_prefix(), get_urlconf())
    if parts is None:
        return lambda pk: reverse(url_name, args=[pk])
    before, after = parts

    def url(pk: object) -> str:
        return f"{before}{int(pk)}{after}"  # type: ignore[call-overload]

    return url


def name_fields(*relations: str) -> list[str]:
    """The translated name columns of each relation (`"category"` → `category__name_nl`,
    …), for `QuerySet.only()`."""
    return [f"{relation}__{field}" for relation in relations for field in NAME_FIELDS]


def translated_name(
    nl: str | None, fr: str | None, en: str | None, language: str | None = None
) -> str:
    """The name in `language` (default: the active one) from its Dutch, French and English
    columns, falling back to the others (Dutch first, French for French)."""
    names = (nl, fr, en)
    for index in _NAME_ORDER.get((language or get_language() or "nl")[:2], (0, 1, 2)):
        if names[index]:
            return str(names[index])
    return ""
