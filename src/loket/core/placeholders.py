"""Texts with placeholders, one syntax for all of them: notification messages, decision
letters and the fixed wording around them.

The syntax is Django's template language restricted to `{{ variable }}` (with the built-in
filters) and `{% if %}`/`{% elif %}`/`{% else %}`: whoever edits a text in the back office
cannot load tags, include files, loop, or reach anything but the variables given. Nothing
is escaped (the texts are plain text; whoever puts them in HTML or a PDF escapes them
there).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.base import FilterExpression, Node, TextNode, Variable, VariableNode
from django.template.defaulttags import IfNode
from django.utils.translation import gettext as _

_ENGINE = Engine(autoescape=False, libraries={}, builtins=[])


@lru_cache(maxsize=1024)
def _compiled(text: str) -> Template:
    return Template(text, engine=_ENGINE)


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


def placeholders_problems(text: str, allowed: Iterable[str] | None = None) -> list[str]:
    """Translated reasons why `text` cannot be used (empty when it is fine). `allowed`
    names the variables it may use; None allows any name."""
    try:
        template = _compiled(text)
    except TemplateSyntaxError as error:
        return [_("The text cannot be read: %(error)s") % {"error": error}]
    allowed_names = None if allowed is None else set(allowed)
    problems: list[str] = []
    unknown: list[str] = []
    for kind, name in _walk(template.nodelist):
        if kind == "tag":
            problem = _(
                "Only {{ variables }} and {%% if %%} can be used; “%(tag)s” is not allowed."
            ) % {"tag": name}
            if problem not in problems:
                problems.append(problem)
        elif allowed_names is not None and name not in allowed_names and name not in unknown:
            unknown.append(name)
    for name in unknown:
        problems.append(
            _("“%(name)s” is not a variable of this message. You can use: %(allowed)s.")
            % {"name": name, "allowed": ", ".join(sorted(allowed_names or ()))}
        )
    return problems


def placeholders_used(text: str) -> set[str]:
    """The names of the variables `text` uses (raises TemplateSyntaxError when it cannot
    be read: check it with `placeholders_problems` first)."""
    return {name for kind, name in _walk(_compiled(text).nodelist) if kind == "variable"}


def placeholders_render(text: str, context: Mapping[str, Any]) -> str:
    """`text` with its placeholders filled in from `context` (a missing one is empty)."""
    return _compiled(text).render(Context(dict(context), autoescape=False))
