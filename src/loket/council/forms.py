"""The forms of the secretary's pages. Choices (bodies, parties, mandates) come from the
actor's selectors, so an object of another municipality is "not one of the choices"
exactly like one that does not exist."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.council.models import (
    BodyKind,
    GoverningBody,
    Mandate,
    MandateRole,
    Party,
    Topic,
    VoteChoice,
    VoteOutcome,
)

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyForm(forms.Form):
    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind of body"), choices=BodyKind.choices)

    def __init__(self, *args: Any, municipalities: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(m.pk, m.name) for m in municipalities]


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Governing body"), queryset=GoverningBody.objects.none())
    planned_start = forms.DateTimeField(label=_("Planned start"), widget=_DATETIME)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    secretary_name = forms.CharField(
        label=_("Secretary"),
        max_length=200,
        required=False,
        help_text=_("Who keeps the minutes; empty: you."),
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = bodies


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    draft_decision = forms.CharField(
        label=_("Draft decision"), widget=forms.Textarea, required=False
    )
    is_public = forms.BooleanField(label=_("Treated in public"), required=False, initial=True)
    topic = forms.ChoiceField(
        label=_("Topic"), choices=Topic.choices, initial=Topic.GENERAL, required=False
    )
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=80,
        required=False,
        help_text=_("The case this item decides on, if any (a permit, a request)."),
    )


class CaseLinkForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=80)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"))


class TreatmentForm(forms.Form):
    held_in_public = forms.BooleanField(label=_("Treated in public"), required=False)
    discussion = forms.CharField(label=_("Treatment"), widget=forms.Textarea, required=False)
    decision_title = forms.CharField(label=_("Decision title"), max_length=300)
    decision_text = forms.CharField(label=_("Decision"), widget=forms.Textarea)


class VoteForm(forms.Form):
    """A vote: the counts, or (an open vote) each member's choice, which then counts."""

    subject = forms.CharField(label=_("Subject of the vote"), max_length=300)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=VoteOutcome.choices)
    is_secret = forms.BooleanField(label=_("Secret vote"), required=False)
    count_for = forms.IntegerField(label=_("For"), min_value=0, required=False)
    count_against = forms.IntegerField(label=_("Against"), min_value=0, required=False)
    count_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, required=False)

    def __init__(self, *args: Any, mandates: list[Mandate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mandate_fields: list[str] = []
        for mandate in mandates:
            name = f"cast_{mandate.pk}"
            self.fields[name] = forms.ChoiceField(
                label=str(mandate.member),
                choices=[("", _("Not voted")), *VoteChoice.choices],
                required=False,
            )
            self.mandate_fields.append(name)

    def casts(self) -> dict[int, str]:
        return {
            int(name.removeprefix("cast_")): self.cleaned_data[name]
            for name in self.mandate_fields
            if self.cleaned_data.get(name)
        }

    def counts(self) -> tuple[int, int, int] | None:
        values = [self.cleaned_data.get(n) for n in ("count_for", "count_against", "count_abstain")]
        if all(value is None for value in values):
            return None
        return (values[0] or 0, values[1] or 0, values[2] or 0)


class MandateForm(forms.Form):
    """A seat in the body for a member (a new one by name, or one already recorded)."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=MandateRole.choices)
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none(), required=False)
    new_party = forms.CharField(label=_("Or a new party"), max_length=120, required=False)
    starts_on = forms.DateField(label=_("Start"), widget=_DATE)
    ends_on = forms.DateField(label=_("End"), widget=_DATE, required=False)

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["party"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = parties


class MeetingLinksForm(forms.Form):
    livestream_url = forms.URLField(
        label=_("Live stream"),
        required=False,
        assume_scheme="https",
        help_text=_("Empty: the body's live stream, if any."),
    )
    recording_url = forms.URLField(label=_("Recording"), required=False, assume_scheme="https")


class BodyLivestreamForm(forms.Form):
    livestream_url = forms.URLField(label=_("Live stream"), required=False, assume_scheme="https")


class AccountLinkForm(forms.Form):
    mandate = forms.TypedChoiceField(label=_("Member"), coerce=int)
    username = forms.CharField(
        label=_("Account"),
        max_length=150,
        help_text=_("The user name of the member's account with the councillor role."),
    )

    def __init__(self, *args: Any, mandates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mandate"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(m.pk, str(m.member)) for m in mandates]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("My private note"), widget=forms.Textarea, required=False)
