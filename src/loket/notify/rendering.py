"""Message templates: checking what a template uses, and rendering it for one recipient.

Templates use Django's template syntax restricted to `{{ variable }}` (with filters) and
`{% if %}`: an editor in the back office cannot load tags, include files or reach
anything but the variables the event provides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.base import FilterExpression, Node, TextNode, Variable, VariableNode
from django.template.defaulttags import IfNode
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from loket.notify.events import EventType, VariableKind, Wording

SMS_MAX_LENGTH = 480  # three concatenated text messages

_ENGINE = Engine(autoescape=False, libraries={}, builtins=[])


@lru_cache(maxsize=1024)
def _compiled(source: str) -> Template:
    return Template(source, engine=_ENGINE)


def _expression_names(expression: FilterExpression) -> Iterator[str]:
    if isinstance(expression.var, Variable) and expression.var.lookups:
        yield expression.var.lookups[0]
    for _function, arguments in expression.filters:
        for is_variable, argument in arguments:
            if is_variable and isinstance(argument, Variable) and argument.lookups:
                yield argument.lookups[0]


def _condition_names(condition: Any) -> Iterator[str]:
    """Variable names in an {% if %} condition (a tree of operators and literals)."""
    if condition is None:
        return
    value = getattr(condition, "value", None)
    if isinstance(value, FilterExpression):
        yield from _expression_names(value)
    for part in ("first", "second"):
        yield from _condition_names(getattr(condition, part, None))


def _walk(nodes: Iterable[Node]) -> Iterator[tuple[str, str]]:
    """('variable', name) for every variable used; ('tag', name) for a forbidden tag."""
    for node in nodes:
        if isinstance(node, TextNode):
            continue
        if isinstance(node, VariableNode):
            for name in _expression_names(node.filter_expression):
                yield "variable", name
        elif isinstance(node, IfNode):
            for condition, nodelist in node.conditions_nodelists:
                for name in _condition_names(condition):
                    yield "variable", name
                yield from _walk(nodelist)
        else:
            token = getattr(node, "token", None)
            yield "tag", token.contents.split()[0] if token is not None else type(node).__name__


def template_problems(source: str, allowed: Iterable[str]) -> list[str]:
    """Translated reasons why a template cannot be used (empty when it is fine)."""
    try:
        template = _compiled(source)
    except TemplateSyntaxError as error:
        return [_("The text cannot be read: %(error)s") % {"error": error}]
    allowed_names = set(allowed)
    problems: list[str] = []
    unknown: list[str] = []
    for kind, name in _walk(template.nodelist):
        if kind == "tag":
            problem = _(
                "Only {{ variables }} and {%% if %%} can be used; “%(tag)s” is not allowed."
            ) % {"tag": name}
            if problem not in problems:
                problems.append(problem)
        elif name not in allowed_names and name not in unknown:
            unknown.append(name)
    for name in unknown:
        problems.append(
            _("“%(name)s” is not a variable of this message. You can use: %(allowed)s.")
            % {"name": name, "allowed": ", ".join(sorted(allowed_names))}
        )
    return problems


def variables_used(source: str) -> set[str]:
    return {name for kind, name in _walk(_compiled(source).nodelist) if kind == "variable"}


def render_text(source: str, context: Mapping[str, Any]) -> str:
    return _compiled(source).render(Context(dict(context), autoescape=False))


def context_for_language(
    event_type: EventType, context: Mapping[str, Any], language: str
) -> dict[str, Any]:
    """The variables as the recipient reads them: dates written out in their language."""
    prepared = dict(context)
    with translation.override(language):
        for name, variable in event_type.all_variables().items():
            value = prepared.get(name)
            if not isinstance(value, str):
                continue
            if variable.kind is VariableKind.DATETIME:
                moment = parse_datetime(value)
                if moment is not None:
                    if timezone.is_naive(moment):
                        moment = timezone.make_aware(moment)
                    prepared[name] = formats.date_format(
                        timezone.localtime(moment), "DATETIME_FORMAT"
                    )
            elif variable.kind is VariableKind.DATE:
                day = parse_date(value)
                if isinstance(day, dt.date):
                    prepared[name] = formats.date_format(day, "DATE_FORMAT")
    return prepared


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    html: str
    sms: str


def message_render(
    *, event_type: EventType, wording: Wording, context: Mapping[str, Any], language: str
) -> RenderedMessage:
    prepared = context_for_language(event_type, context, language)
    subject = " ".join(render_text(wording.subject, prepared).split())[:300]
    body = render_text(wording.body, prepared).strip()
    sms = " ".join(render_text(wording.sms, prepared).split())[:SMS_MAX_LENGTH]
    with translation.override(language):
        html = render_to_string(
            "notify/email/message.html",
            {
                "subject": subject,
                "body": body,
                "municipality_name": prepared.get("municipality_name", ""),
                "language": language,
            },
        )
    return RenderedMessage(subject=subject, body=body, html=html, sms=sms)
