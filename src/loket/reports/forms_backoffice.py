"""Forms of the back-office report pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from loket.reports.forms import MultiplePhotoField
from loket.reports.models import AttributeDatatype, Category, Report, Visibility
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import Actor
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Permission
from loket.web.choices import GroupedModelChoiceField


def _field(form: forms.BaseForm, name: str) -> Any:
    """A form field, typed loosely to set choices or a queryset on it."""
    return form.fields[name]


def department_group(department: Department) -> str:
    """The heading a department is listed under: its municipality, or the regional bodies."""
    return department.municipality.name if department.municipality else str(_("Regional body"))


def category_group(category: Category) -> str:
    return category.parent.name if category.parent else str(_("Other"))


class UpdateForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), required=False)
    message = forms.CharField(
        label=_("Message to the reporter and followers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("Public: shown on the report's page and sent to its followers."),
    )
    note = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
        help_text=_("Only staff see this."),
    )
    photos = MultiplePhotoField(label=_("Photos after the work (optional)"), required=False)

    def __init__(self, *args: Any, transitions: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "to_status").choices = [("", _("Keep the current status"))] + [
            (status, ReportStatus(status).label) for status in transitions
        ]


class RouteForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=_("Choose a municipality"),
    )
    department = GroupedModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Choose a department"),
        help_text=_("Without a department the report stays at the regional reporting point."),
        group_label=department_group,
    )
    category = GroupedModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.none(),
        empty_label=_("Choose a category"),
        group_label=category_group,
    )
    note = forms.CharField(label=_("Internal note"), required=False, max_length=2000)

    def __init__(self, *args: Any, actor: Actor, report: Report, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "municipality": report.municipality_id,
                "department": report.department_id,
                "category": report.category_id,
            },
        )
        super().__init__(*args, **kwargs)
        municipality_ids = actor.municipality_ids(Permission.REPORTS_ROUTE)
        municipalities = Municipality.objects.filter(
            region_id=report.region_id, pk__in=municipality_ids
        )
        _field(self, "municipality").queryset = municipalities.order_by("name_nl")
        # Grouped by municipality (regional bodies last), each group in name order.
        _field(self, "department").queryset = (
            (
                Department.objects.filter(municipality__in=municipalities)
                | Department.objects.filter(municipality__isnull=True, region_id=report.region_id)
            )
            .select_related("municipality")
            .order_by(F("municipality__name_nl").asc(nulls_last=True), "name_nl")
        )
        _field(self, "category").queryset = (
            Category.objects.filter(region_id=report.region_id, children__isnull=True)
            .select_related("parent")
            .order_by(F("parent__name_nl").asc(nulls_last=True), "name_nl")
        )


class MergeForm(forms.Form):
    target = forms.IntegerField(
        label=_("Number of the report it duplicates"),
        min_value=1,
        help_text=_(
            "This report is closed; its reporter and followers follow that report instead."
        ),
    )
    message = forms.CharField(label=_("Message to the reporter"), required=False, max_length=2000)


class CategoryForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Category
        fields = [
            "code",
            "parent",
            "name_nl",
            "name_fr",
            "name_en",
            "description_nl",
            "description_fr",
            "description_en",
            "keywords_nl",
            "keywords_fr",
            "keywords_en",
            "default_visibility",
            "default_target_days",
            "regional_department",
            "position",
            "is_active",
        ]
        widgets = {
            f"description_{code}": forms.Textarea(attrs={"rows": 2}) for code in ("nl", "fr", "en")
        }

    def __init__(self, *args: Any, region_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Category.objects.filter(region_id=region_id, parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        _field(self, "parent").queryset = parents.order_by("position", "name_nl")
        _field(self, "regional_department").queryset = Department.objects.filter(
            region_id=region_id, municipality__isnull=True
        ).order_by("name_nl")

    def category_values(self) -> dict[str, Any]:
        skip = {"code", "parent", "regional_department"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}


class AttributeForm(forms.Form):
    """One extra question. Choices: one per line, "key | Dutch | French | English"."""

    code = forms.RegexField(label=_("Code"), regex=r"^[A-Za-z0-9_-]{1,40}$", max_length=40)
    datatype = forms.ChoiceField(label=_("Kind of answer"))
    required = forms.BooleanField(label=_("Required"), required=False)
    position = forms.IntegerField(label=_("Order"), min_value=1, initial=1)
    description_nl = forms.CharField(label=_("Question (Dutch)"), max_length=300)
    description_fr = forms.CharField(label=_("Question (French)"), max_length=300)
    description_en = forms.CharField(label=_("Question (English)"), max_length=300, required=False)
    choices = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("For lists: one choice per line, as key | Dutch | French | English."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        _field(self, "datatype").choices = AttributeDatatype.choices

    def attribute_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = []
        for line in data["choices"].splitlines():
            parts = [part.strip() for part in line.split("|")]
            if parts and parts[0]:
                parts += [""] * (4 - len(parts))
                values.append(
                    {"key": parts[0], "name_nl": parts[1], "name_fr": parts[2], "name_en": parts[3]}
                )
        return {
            "datatype": data["datatype"],
            "required": data["required"],
            "position": data["position"],
            "description_nl": data["description_nl"],
            "description_fr": data["description_fr"],
            "description_en": data["description_en"],
            "values": values,
        }


class MappingRowForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Regional reporting point routes it"),
    )
    target_days = forms.IntegerField(label=_("Target days"), min_value=1, max_value=365)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    is_active = forms.BooleanField(label=_("Accepts reports"), required=False)

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "department").queryset = departments


class Open311ClientForm(forms.Form):
    name = forms.CharField(label=_("Name of the app"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Contact email of its makers"), required=False, max_length=254
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("The whole region"),
    )
    requests_per_minute = forms.IntegerField(
        label=_("Requests per minute"), min_value=1, max_value=100_000, initial=60
    )

    def __init__(self, *args: Any, municipalities: Any, allow_region: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "municipality").queryset = municipalities
        if not allow_region:
            _field(self, "municipality").required = True
            _field(self, "municipality").empty_label = None
