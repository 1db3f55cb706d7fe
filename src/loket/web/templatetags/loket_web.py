"""Template helpers of the portal and back office."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from loket.core import rows
from loket.core.dates import date_display
from loket.core.file_formats import accept_attribute, formats_hint
from loket.people.models import Channel, ConsentPurpose
from loket.tenancy.selectors import memberships_of_user, municipalities_public

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_roles(context: template.Context, user: Any) -> list[str]:
    """'Role, municipality' labels of a staff member's memberships (those the request's
    actor already read when it is that staff member: no query of its own)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    actor = context.get("actor")
    memberships = (
        actor.memberships
        if actor is not None and actor.is_staff and actor.user_id == user.pk
        else memberships_of_user(user=user)
    )
    labels = []
    for membership in memberships:
        scope = membership.municipality or membership.region
        labels.append(f"{membership.get_role_display()}, {scope.name}")
    return labels


@register.filter
def national_number(value: str) -> str:
    """An 11-digit national register number as YY.MM.DD-XXX.CC."""
    digits = "".join(character for character in str(value or "") if character.isdigit())
    if len(digits) != 11:
        return str(value or "")
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:11]}"


@register.filter
def name_in(obj: Any, language: str) -> str:
    """A translated content name in one given language."""
    return str(obj.name_in(language))


@register.simple_tag
def other_official_names(obj: Any) -> list[dict[str, str]]:
    """The names in the other official languages of a bilingual place (Brussels: French
    and Dutch), as {"language", "name"}, leaving out the name already shown."""
    languages = getattr(obj, "languages", [])
    if len(languages) < 2:
        return []
    shown = obj.name_in()
    names: list[dict[str, str]] = []
    for language in languages:
        name = obj.name_in(language)
        if name and name != shown and all(name != other["name"] for other in names):
            names.append({"language": language, "name": name})
    return names


@register.simple_tag
def public_municipalities() -> list[Any]:
    """Every municipality, sorted by its name in the active language."""
    municipalities = list(municipalities_public())
    municipalities.sort(key=lambda municipality: municipality.name.casefold())
    return municipalities


@register.simple_tag
def field_widget(field: Any) -> str:
    """A form field's widget that points at its hint and error text for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return str(field.as_widget(attrs=attrs))


@register.filter
def channel_label(value: str) -> str:
    """The translated label of a contact channel code."""
    return str(Channel(value).label) if value in Channel.values else value


@register.simple_tag
def consent_labels(consents: dict[str, bool]) -> list[str]:
    """The translated purposes a resident agreed to."""
    return [str(label) for purpose, label in ConsentPurpose.choices if consents.get(purpose)]


@register.filter
def official_name(obj: Any) -> str:
    """The name in the active language, followed by the names in the other official
    languages of a bilingual place: "Elsene / Ixelles" (resident-facing text in Brussels)."""
    others = [other["name"] for other in other_official_names(obj)]
    return " / ".join([str(obj.name_in()), *others])


@register.filter
def excluding(items: Any, condition: str) -> list[Any]:
    """The items whose attribute is not the given value: `sent|excluding:"channel=portal"`."""
    attribute, _separator, value = condition.partition("=")
    return [item for item in items if str(getattr(item, attribute, "")) != value]


@register.filter
def readable_date(value: Any) -> str:
    """A date (or ISO date text) written out in the page's language: the one way pages,
    forms and errors show a date."""
    return date_display(value)


@register.filter
def grouped_number(value: Any) -> str:
    """A whole number with the page language's thousands separator ("77.109" in Dutch,
    "77 109" with a no-break space in French, "77,109" in English)."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@register.simple_tag
def document_accept() -> str:
    """The `accept` attribute of a file picker that takes any document Loket accepts."""
    return accept_attribute()


@register.simple_tag
def document_formats_hint() -> str:
    """The hint next to such a picker, from the same list."""
    return formats_hint()


@register.simple_tag
def error_line(label: Any, error: Any) -> str:
    """One line of an error summary: the field's label, then its error. A label that is a
    question or a sentence ("From when?", "I declare … complete.") is followed by the error
    as the next sentence; any other label by a colon, written the way the language writes
    it ("Plaque : …" in French)."""
    label_text = str(label).strip()
    if label_text.endswith(("?", ".", "!")):
        return f"{label_text} {error}"
    return _("%(label)s: %(error)s") % {"label": label_text.rstrip(":"), "error": error}


@register.filter
def pk_url(pk: Any, url_name: str) -> str:
    """The address of a row's page from its id: `{{ case.pk|pk_url:"cases:detail" }}`, the
    same as `{% url "cases:detail" case.pk %}` but reversed once per process, not once per
    row (`loket.web.rows.pk_url`)."""
    return rows.pk_url(url_name)(pk)


@register.simple_tag
def select_options(choices: Any, selected: Any = None) -> str:
    """The `<option>` elements of a filter's `<select>` from (value, label) pairs, the one
    whose value equals `selected` marked as selected (none when `selected` is None or "").
    Written in one pass, not a template loop per option: a region's 187 departments are a
    select of 187 options on every page of its queue.

        <select name="status">
          <option value="">…</option>{% select_options statuses chosen.status %}
        </select>
    """
    chosen = "" if selected is None else str(selected)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if chosen and str(value) == chosen else "", label)
            for value, label in choices
        ),
    )
