"""Forms of the report pages (portal and back office)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.people.models import Person
from loket.reports.models import AttributeDatatype, Category, CategoryAttribute, ReportSource
from loket.reports.photos import ACCEPT_ATTRIBUTE, MAX_PHOTOS_PER_REPORT
from loket.reports.services import Reporter, ReportIntake
from loket.tenancy.models import Region

ATTRIBUTE_PREFIX = "attribute_"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Up to five files from one <input type="file" multiple>; content is checked later."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_PHOTOS_PER_REPORT:
            raise forms.ValidationError(
                _("Add at most %(count)d photos.") % {"count": MAX_PHOTOS_PER_REPORT}
            )
        return [super(MultiplePhotoField, self).clean(file, initial) for file in files]


def category_choices(categories: Iterable[Category]) -> list[Any]:
    """Leaf categories grouped under their group name (<optgroup>)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for category in categories:
        group = category.parent.name if category.parent else str(_("Other"))
        groups.setdefault(group, []).append((category.code, category.name))
    return [("", _("Choose what is wrong"))] + [(name, items) for name, items in groups.items()]


def attribute_field(attribute: CategoryAttribute) -> forms.Field:
    common: dict[str, Any] = {
        "label": attribute.description,
        "required": attribute.required,
        "help_text": attribute.datatype_description,
    }
    choices = [(str(value["key"]), attribute.choice_name(value)) for value in attribute.values]
    if attribute.datatype == AttributeDatatype.SINGLE_VALUE_LIST:
        return forms.ChoiceField(choices=[("", "—"), *choices], **common)
    if attribute.datatype == AttributeDatatype.MULTI_VALUE_LIST:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if attribute.datatype == AttributeDatatype.NUMBER:
        return forms.DecimalField(**common)
    if attribute.datatype == AttributeDatatype.DATETIME:
        return forms.DateTimeField(
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **common
        )
    if attribute.datatype == AttributeDatatype.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, **common)
    return forms.CharField(max_length=500, **common)


class ReportForm(forms.Form):
    """The resident's report. Location: a pin (JavaScript fills latitude/longitude), the
    device's position, typed coordinates, or a typed address."""

    category = forms.ChoiceField(label=_("What is wrong?"))
    description = forms.CharField(
        label=_("Describe the problem"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text=_("What do you see, and where exactly? Do not write personal details of others."),
    )
    photos = MultiplePhotoField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_(
            "Up to 5 photos (JPEG, PNG, WebP or HEIC). We remove the place and camera "
            "details stored in them before we keep them."
        ),
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=300,
        help_text=_("Street, house number or nearby landmark, postal code and municipality."),
    )
    name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=200)
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        help_text=_(
            "To tell you when the problem is dealt with. Leave empty to report anonymously."
        ),
    )
    phone = forms.CharField(label=_("Phone (optional)"), required=False, max_length=30)
    confirm_new = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # "Yes, this is not the report I just sent" (asked once, see report_just_sent).
    confirm_repeat = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # One per form shown: the same form sent again (Back, then Send) is recognised.
    form_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        categories: Iterable[Category],
        selected: Category | None = None,
        signed_in: bool = False,
        questions_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        categories = list(categories)
        self.categories = {category.code: category for category in categories}
        cast(forms.ChoiceField, self.fields["category"]).choices = category_choices(categories)
        if questions_url:
            # With htmx the category's questions swap in as soon as a category is chosen.
            self.fields["category"].widget.attrs.update(
                {
                    "hx-get": questions_url,
                    "hx-trigger": "change",
                    "hx-target": "#report-questions",
                    "hx-swap": "outerHTML",
                }
            )
        self.selected = selected
        if selected is not None:
            for attribute in selected.attributes.all():
                if attribute.variable:
                    self.fields[ATTRIBUTE_PREFIX + attribute.code] = attribute_field(attribute)
        if signed_in:
            for name in ("name", "email", "phone"):
                del self.fields[name]

    def initial_from(self, data: Any) -> None:
        """Show the values of `data` (a QueryDict) without judging them yet: the form shown
        again with the questions of the category just chosen."""
        for name, field in self.fields.items():
            values = [value for value in data.getlist(name) if value != ""]
            if values and not isinstance(field, forms.FileField):
                multiple = isinstance(field, forms.MultipleChoiceField)
                self.initial[name] = values if multiple else values[0]

    def attribute_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(ATTRIBUTE_PREFIX)]

    def location_fields(self) -> list[forms.BoundField]:
        return [self["latitude"], self["longitude"]]

    def clean_category(self) -> Category:
        code = self.cleaned_data["category"]
        category = self.categories.get(code)
        if category is None:
            raise forms.ValidationError(_("Choose one of the categories offered."))
        return category

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        return cleaned

    def attribute_answers(self) -> dict[str, list[str]]:
        answers: dict[str, list[str]] = {}
        for name, value in self.cleaned_data.items():
            if not name.startswith(ATTRIBUTE_PREFIX) or value in (None, "", []):
                continue
            code = name.removeprefix(ATTRIBUTE_PREFIX)
            if isinstance(value, list):
                answers[code] = [str(item) for item in value]
            elif hasattr(value, "isoformat"):
                answers[code] = [value.isoformat()]
            else:
                answers[code] = [str(value)]
        return answers

    def intake(
        self, *, region: Region, person: Person | None, language: str, draft_key: str
    ) -> ReportIntake:
        """The intake record of the valid form; a signed-in `person` reports under their own
        name and language, anyone else in `language`."""
        data = self.cleaned_data
        return ReportIntake(
            region=region,
            category=data["category"],
            source=ReportSource.PORTAL,
            description=data.get("description", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            address=data.get("address", ""),
            attributes=self.attribute_answers(),
            draft_key=draft_key,
            reporter=Reporter(
                person=person,
                name=data.get("name", ""),
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                language=person.preferred_language if person else language,
            ),
        )


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We write to you when the report is dealt with."),
        max_length=254,
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the problem not solved?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
