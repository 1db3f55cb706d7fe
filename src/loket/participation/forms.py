"""Forms of the participation pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.participation.models import (
    MAX_SURVEY_AREAS,
    Idea,
    InvitationOutcome,
    ResearchKind,
    SurveyArea,
)
from loket.participation.workflow import (
    MODERATION_TARGETS,
    PUBLIC_TARGETS,
    IdeaStatus,
    PublicStatus,
)
from loket.reports.photos import ACCEPT_ATTRIBUTE


def _number(value: str) -> int:
    """A score or a number of months: a plain number, not the identifier of an object."""
    return int(value)


def _choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Your idea in a few words"), max_length=150)
    body = forms.CharField(
        label=_("Describe your idea"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    latitude = forms.FloatField(label=_("Latitude (optional)"), required=False)
    longitude = forms.FloatField(label=_("Longitude (optional)"), required=False)


class IdeaEditForm(forms.Form):
    title = forms.CharField(label=_("Your idea in a few words"), max_length=150)
    body = forms.CharField(
        label=_("Describe your idea"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )
    latitude = forms.FloatField(label=_("Latitude (optional)"), required=False)
    longitude = forms.FloatField(label=_("Longitude (optional)"), required=False)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ModerationForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Decision"))
    reason = forms.CharField(
        label=_("Reason (shown to the author when not published)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        targets = MODERATION_TARGETS.get(idea.status, frozenset()) - {IdeaStatus.MERGED}
        _choices(
            self,
            "to_status",
            [(status.value, status.label) for status in IdeaStatus if status in targets],
        )


class PublicStatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason (shown with the idea when declined)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        targets = PUBLIC_TARGETS.get(idea.public_status, frozenset())
        _choices(
            self,
            "to_status",
            [(status.value, status.label) for status in PublicStatus if status in targets],
        )


class MergeForm(forms.Form):
    into = forms.ChoiceField(label=_("Merge into"))

    def __init__(self, *args: Any, targets: list[Idea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "into", [(str(idea.pk), idea.title) for idea in targets])


class SurveyForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your score (1: not happy at all, 10: very happy)"),
        choices=[(str(n), str(n)) for n in range(1, 11)],
        coerce=_number,
        widget=forms.RadioSelect,
    )
    areas = forms.TypedMultipleChoiceField(
        label=_("What would make you happier? Choose up to three."),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, areas: list[SurveyArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "areas", [(area.pk, area.name) for area in areas])
        self.max_areas = MAX_SURVEY_AREAS


class AreaForm(forms.Form):
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=100)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100)
    position = forms.IntegerField(label=_("Position"), min_value=0, initial=0)


class ScheduleForm(forms.Form):
    period_months = forms.TypedChoiceField(
        label=_("Ask residents"),
        coerce=_number,
        choices=[
            (1, _("Monthly")),
            (3, _("Quarterly")),
            (6, _("Twice a year")),
            (12, _("Yearly")),
        ],
    )
    is_active = forms.BooleanField(label=_("Ask residents who opted in"), required=False)


class SatisfactionForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you? (1: not at all, 5: very satisfied)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=_number,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the department (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PanelJoinForm(forms.Form):
    interests = forms.TypedMultipleChoiceField(
        label=_("What would you like to help with?"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, interests: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "interests", [(item.pk, item.name) for item in interests])


class PanelInterestForm(AreaForm):
    pass


class ResearchActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResearchKind.choices)
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("What we ask (sent to the invitees)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    takes_place_on = forms.DateField(
        label=_("Date (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=InvitationOutcome.choices)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
