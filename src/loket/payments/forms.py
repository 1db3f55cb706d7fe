"""Forms of the payments pages. They parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.payments.money import cents_from_input
from loket.payments.structured_communication import structured_communication_parse

MAXIMUM_STATEMENT_BYTES = 20 * 1024 * 1024


class AmountField(forms.CharField):
    """An amount in euro typed as text ("12,50"), cleaned to an int of cents."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Amount in euro"))
        kwargs.setdefault("help_text", _("For example 12,50"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value: Any) -> int:
        text = super().clean(value)
        cents = cents_from_input(text)
        if cents <= 0:
            raise ValidationError(_("The amount must be more than € 0."))
        return cents


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PaymentSettingsForm(forms.Form):
    beneficiary_name = forms.CharField(
        label=_("Account holder"),
        max_length=70,
        required=False,
        help_text=_("As the bank knows it, for example Gemeente Zonnebeke."),
    )
    iban = forms.CharField(label=_("IBAN"), max_length=42, required=False)
    bic = forms.CharField(label=_("BIC"), max_length=11, required=False)
    online_provider = forms.ChoiceField(label=_("Online payments"), required=False)
    online_provider_account = forms.CharField(
        label=_("Account at the provider"), max_length=100, required=False
    )
    communication_prefix = forms.CharField(
        label=_("Prefix of structured communications"),
        max_length=4,
        required=False,
        help_text=_("Up to four digits; leave empty unless your accounting system asks for it."),
    )

    def __init__(self, *args: Any, provider_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["online_provider"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("None: bank transfer only")), *provider_choices]


class PaymentRequestCreateForm(forms.Form):
    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int)
    payer_number = forms.CharField(
        label=_("Payer"),
        max_length=20,
        help_text=_("National register number of a resident, or enterprise number."),
    )
    description = forms.CharField(label=_("What is it for"), max_length=140)
    amount = AmountField()
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(
        self, *args: Any, municipality_choices: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = municipality_choices


class ManualPaymentForm(forms.Form):
    amount = AmountField()
    booked_on = forms.DateField(
        label=_("Received on"), widget=DateInput(), initial=timezone.localdate
    )
    note = forms.CharField(
        label=_("How was it paid"),
        max_length=200,
        help_text=_("For example: card payment at the counter, receipt 1234."),
    )


class RefundForm(forms.Form):
    amount = AmountField(label=_("Amount to pay back in euro"))
    note = forms.CharField(label=_("Why"), max_length=200)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is the request cancelled"), max_length=200)


class StatementUploadForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement file"),
        help_text=_("A CODA file (.cod) or a CAMT.053 XML file from your bank."),
    )

    def clean_statement(self) -> Any:
        upload = self.cleaned_data["statement"]
        if upload.size > MAXIMUM_STATEMENT_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."))
        return upload


class LineAssignForm(forms.Form):
    payment_request = forms.TypedChoiceField(
        label=_("Suggested payment requests"), coerce=int, required=False, widget=forms.RadioSelect
    )
    structured_communication = forms.CharField(
        label=_("Or the structured communication of another request"),
        max_length=30,
        required=False,
        help_text=_("For example +++123/4567/89002+++"),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["payment_request"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = candidates

    def clean_structured_communication(self) -> str:
        value = self.cleaned_data["structured_communication"].strip()
        if not value:
            return ""
        return structured_communication_parse(value).digits

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = cleaned.get("payment_request") or cleaned.get("structured_communication")
        if not chosen and not self.errors:
            raise ValidationError(
                _("Choose a suggested request or give a structured communication.")
            )
        return cleaned


class LineIgnoreForm(forms.Form):
    note = forms.CharField(
        label=_("What is this money"),
        max_length=200,
        help_text=_("For example: subsidy from the province, not a payment for Loket."),
    )


class ExportForm(forms.Form):
    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int)
    date_from = forms.DateField(label=_("From"), widget=DateInput())
    date_until = forms.DateField(label=_("Until"), widget=DateInput())

    def __init__(
        self, *args: Any, municipality_choices: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = municipality_choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_until")
        if start and end and start > end:
            raise ValidationError(_("The start date is after the end date."))
        return cleaned
