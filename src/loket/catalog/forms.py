"""Back-office forms of the catalogue."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket.catalog.models import INSTRUCTIONS_MAX_LENGTH, MunicipalityProduct, Product
from loket.catalog.vocabulary import LIFE_EVENTS, THEMES, RequestChannel
from loket.tenancy.models import Department


class EuroField(forms.CharField):
    """An amount in euro, typed as 12,50 or 12.50, cleaned to whole cents (never a float)."""

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = str(value or "").strip().replace("€", "").replace(" ", "").replace(",", ".")
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(_("Give an amount such as 12,50.")) from None
        if amount < 0 or amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError(_("Give an amount of 0 or more with at most 2 decimals."))
        return int(amount * 100)


def cents_to_text(cents: int | None) -> str:
    if cents is None:
        return ""
    return f"{cents // 100},{cents % 100:02d}"


class ProductSettingForm(forms.Form):
    is_enabled = forms.BooleanField(
        label=gettext_lazy("Offered in this municipality"), required=False
    )
    fee = EuroField(
        label=gettext_lazy("Fee (euro)"),
        required=False,
        help_text=gettext_lazy("Leave empty to use the regional fee."),
    )
    processing_days = forms.IntegerField(
        label=gettext_lazy("Processing time (days)"),
        required=False,
        min_value=0,
        max_value=365,
        help_text=gettext_lazy("Leave empty to use the regional processing time."),
    )
    counts_working_days = forms.BooleanField(
        label=gettext_lazy("Count working days (skip weekends and public holidays)"),
        required=False,
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Responsible department"),
        queryset=Department.objects.none(),
        required=False,
    )
    instructions_nl = forms.CharField(
        label=gettext_lazy("Extra instructions (Dutch)"),
        required=False,
        max_length=INSTRUCTIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    instructions_fr = forms.CharField(
        label=gettext_lazy("Extra instructions (French)"),
        required=False,
        max_length=INSTRUCTIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    instructions_en = forms.CharField(
        label=gettext_lazy("Extra instructions (English)"),
        required=False,
        max_length=INSTRUCTIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(setting: MunicipalityProduct | None) -> dict[str, Any]:
        if setting is None:
            return {"is_enabled": True}
        return {
            "is_enabled": setting.is_enabled,
            "fee": cents_to_text(setting.fee_cents),
            "processing_days": setting.processing_days,
            "counts_working_days": setting.counts_working_days,
            "department": setting.department_id,
            "instructions_nl": setting.instructions_nl,
            "instructions_fr": setting.instructions_fr,
            "instructions_en": setting.instructions_en,
        }


class ProductForm(forms.Form):
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), choices=[])
    name_nl = forms.CharField(label=gettext_lazy("Name (Dutch)"), max_length=200)
    name_fr = forms.CharField(label=gettext_lazy("Name (French)"), max_length=200)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=200)
    summary_nl = forms.CharField(
        label=gettext_lazy("Summary (Dutch)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_fr = forms.CharField(
        label=gettext_lazy("Summary (French)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_en = forms.CharField(
        label=gettext_lazy("Summary (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    channels = forms.MultipleChoiceField(
        label=gettext_lazy("Channels"),
        choices=RequestChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    appointment_required = forms.BooleanField(
        label=gettext_lazy("Appointment required"), required=False
    )
    fee = EuroField(label=gettext_lazy("Fee (euro)"))
    processing_days = forms.IntegerField(
        label=gettext_lazy("Processing time (days)"), min_value=0, max_value=365
    )
    life_events = forms.MultipleChoiceField(
        label=gettext_lazy("Life events"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(t.code, t.label) for t in THEMES]  # type: ignore[attr-defined]
        self.fields["life_events"].choices = [(t.code, t.label) for t in LIFE_EVENTS]  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(product: Product) -> dict[str, Any]:
        return {
            "theme": product.theme,
            "name_nl": product.name_nl,
            "name_fr": product.name_fr,
            "name_en": product.name_en,
            "summary_nl": product.summary_nl,
            "summary_fr": product.summary_fr,
            "summary_en": product.summary_en,
            "channels": product.channels,
            "appointment_required": product.appointment_required,
            "fee": cents_to_text(product.fee_cents),
            "processing_days": product.processing_days,
            "life_events": product.life_events,
        }


class FormDefinitionForm(forms.Form):
    definition = forms.CharField(
        label=gettext_lazy("Form definition (JSON)"),
        widget=forms.Textarea(attrs={"rows": 30, "class": "mono", "spellcheck": "false"}),
        help_text=gettext_lazy("See the catalogue documentation for the field types and rules."),
    )

    def clean_definition(self) -> Any:
        try:
            return json.loads(self.cleaned_data["definition"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("This is not valid JSON (line %(line)d, column %(column)d).")
                % {"line": error.lineno, "column": error.colno}
            ) from error


class LpdcFeedForm(forms.Form):
    """The municipality's LBLOD identifier, under which LPDC knows it."""

    bestuurseenheid_iri = forms.URLField(
        label=gettext_lazy("LBLOD administrative unit IRI"),
        max_length=300,
        assume_scheme="https",
        help_text=gettext_lazy(
            "As in the LBLOD data, e.g. http://data.lblod.info/id/bestuurseenheden/…"
        ),
    )


# Largest page of the IPDC concept LDES accepted from an upload.
CONCEPT_PAGE_MAX_BYTES = 5 * 1024 * 1024


class ConceptImportForm(forms.Form):
    """A page of the IPDC concept LDES (JSON-LD), as downloaded from IPDC."""

    page = forms.FileField(label=gettext_lazy("Page of the IPDC concept LDES (JSON)"))

    def clean_page(self) -> Any:
        upload = self.cleaned_data["page"]
        if upload.size > CONCEPT_PAGE_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            page = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError(_("This is not a JSON file.")) from None
        if not isinstance(page, dict) or not isinstance(page.get("member"), list):
            raise forms.ValidationError(_("This is not a page of an LDES (no members)."))
        self.cleaned_data["pages"] = [page]
        return upload
