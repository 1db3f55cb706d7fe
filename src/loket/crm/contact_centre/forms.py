"""Forms of the contact-centre and knowledge pages. Choices are filled by the views from
the actor's selectors; the services check every id again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.core.enums import Language
from loket.crm.contact_centre.workflow import QuestionChannel, QuestionKind

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _choices(rows: Any, empty: Any) -> list[tuple[str, str]]:
    return [("", str(empty)), *[(str(pk), str(label)) for pk, label in rows]]


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=QuestionKind.choices, initial=QuestionKind.QUESTION
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[c for c in QuestionChannel.choices if c[0] != QuestionChannel.ASSISTANT],
        initial=QuestionChannel.PHONE,
    )
    question = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500
    )
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), coerce=int, empty_value=None, required=False
    )
    department = forms.TypedChoiceField(
        label=_("Department"), coerce=int, empty_value=None, required=False
    )
    product = forms.ChoiceField(label=_("Product"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=Language.choices, initial=Language.DUTCH
    )
    reply_phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    reply_email = forms.CharField(label=_("Email address"), max_length=254, required=False)
    callback_from = forms.DateTimeField(
        label=_("Call back from"), required=False, widget=_DATETIME, input_formats=_FORMATS
    )
    callback_until = forms.DateTimeField(
        label=_("Call back until"), required=False, widget=_DATETIME, input_formats=_FORMATS
    )
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        municipalities: list[tuple[int, str]],
        departments: list[tuple[int, str]],
        products: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ChoiceField)
        municipality.choices = _choices(municipalities, _("The resident's municipality"))
        department = self.fields["department"]
        assert isinstance(department, forms.ChoiceField)
        department.choices = _choices(departments, _("No department"))
        product = self.fields["product"]
        assert isinstance(product, forms.ChoiceField)
        product.choices = _choices(products, _("No product"))


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    send = forms.BooleanField(
        label=_("Send the answer to the resident"), required=False, initial=True
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it closed?"), max_length=1000, required=False,
        help_text=_("Needed when the question was not answered."),
    )  # fmt: skip


class AssignForm(forms.Form):
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args: Any, owners: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = _choices(owners, _("Nobody"))


class TransferForm(forms.Form):
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), coerce=int, empty_value=None, required=False
    )
    department = forms.TypedChoiceField(
        label=_("Department"), coerce=int, empty_value=None, required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000)

    def __init__(
        self,
        *args: Any,
        municipalities: list[tuple[int, str]],
        departments: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ChoiceField)
        municipality.choices = _choices(municipalities, _("This municipality"))
        department = self.fields["department"]
        assert isinstance(department, forms.ChoiceField)
        department.choices = _choices(departments, _("No department"))


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    language = forms.ChoiceField(
        label=_("Language"), choices=Language.choices, initial=Language.DUTCH
    )
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), coerce=int, empty_value=None, required=False
    )
    products = forms.MultipleChoiceField(
        label=_("Products"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        municipalities: list[tuple[int, str]],
        products: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ChoiceField)
        municipality.choices = _choices(municipalities, _("The whole region"))
        field = self.fields["products"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = products
