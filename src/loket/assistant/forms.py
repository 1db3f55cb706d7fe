"""Forms of the assistant pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.assistant.models import FaqEntry
from loket.tenancy.models import Municipality


class AskForm(forms.Form):
    question = forms.CharField(label=_("Your question"), max_length=500)
    municipality = forms.SlugField(required=False, widget=forms.HiddenInput)


class ReachForm(forms.Form):
    """How a staff member can answer a handed-over question."""

    email = forms.EmailField(label=_("Your e-mail address"), max_length=254, required=False)
    phone = forms.CharField(
        label=_("Or your phone number"),
        max_length=30,
        required=False,
        help_text=_("For example 0470 12 34 56."),
    )


class MunicipalityChoiceForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Your municipality"),
        queryset=Municipality.objects.none(),
        to_field_name="slug",
        empty_label=_("Choose…"),
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]


class LearnForm(forms.Form):
    target = forms.ChoiceField(label=_("This question is about"))
    text = forms.CharField(
        label=_("Phrasing to learn"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to learn the question as it was asked."),
    )

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets  # type: ignore[attr-defined]


class FaqEntryForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("The whole region"),
    )
    product_code = forms.ChoiceField(label=_("Product (optional)"), required=False)
    phrasings_nl = forms.CharField(
        label=_("Questions in Dutch (one a line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    phrasings_fr = forms.CharField(
        label=_("Questions in French (one a line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    phrasings_en = forms.CharField(
        label=_("Questions in English (one a line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    answer_nl = forms.CharField(
        label=_("Answer in Dutch"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    answer_fr = forms.CharField(
        label=_("Answer in French"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    answer_en = forms.CharField(
        label=_("Answer in English"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        municipalities: Any,
        products: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["product_code"].choices = [("", "—"), *products]  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(entry: FaqEntry) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "municipality": entry.municipality_id,
            "product_code": entry.product_code,
            "is_active": entry.is_active,
        }
        for language in ("nl", "fr", "en"):
            initial[f"answer_{language}"] = getattr(entry, f"answer_{language}")
            initial[f"phrasings_{language}"] = "\n".join(
                p.text for p in entry.phrasings.all() if p.language == language
            )
        return initial
