"""Loket's form renderer writes select options inline: the same markup as Django's own
renderer, without two included templates per option."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.test.signals import template_rendered

from loket.web.form_renderer import FormRenderer

MANY = [(str(number), f"Option {number} & <b>") for number in range(30)]


class _Form(forms.Form):
    single = forms.ChoiceField(choices=MANY, initial="2")
    multiple = forms.MultipleChoiceField(choices=MANY, initial=["1", "3"])
    grouped = forms.ChoiceField(
        choices=[("Group", [("1", "a"), ("2", "b")]), ("3", "c")], required=False
    )
    radio = forms.ChoiceField(choices=MANY[:3], widget=forms.RadioSelect)
    maybe = forms.NullBooleanField()
    fixed = forms.ChoiceField(choices=MANY[:2], disabled=True)


def test_it_is_the_renderer_of_every_form() -> None:
    assert isinstance(get_default_renderer(), FormRenderer)


@pytest.mark.parametrize("name", list(_Form.base_fields))
def test_the_markup_is_django_s_own(name: str) -> None:
    django_own = _Form(renderer=DjangoTemplates())[name].as_widget()
    assert _Form(renderer=FormRenderer())[name].as_widget() == django_own


def test_a_long_select_renders_no_template_per_option() -> None:
    rendered: list[str] = []

    def count(sender: Any, template: Any, **kwargs: Any) -> None:
        rendered.append(str(template.name))

    template_rendered.connect(count)
    try:
        _Form(renderer=FormRenderer())["single"].as_widget()
    finally:
        template_rendered.disconnect(count)
    assert len(rendered) <= 3, rendered
