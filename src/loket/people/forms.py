"""Forms of the resident portal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from loket.core.enums import Language
from loket.people.models import Channel, ConsentPurpose, Person

NOT_USED = ""


def channel_field_name(channel: str) -> str:
    return f"channel_{channel}"


def consent_field_name(purpose: str) -> str:
    return f"consent_{purpose}"


def channels_offered() -> list[tuple[str, Any]]:
    """The channels a resident can choose: the eBox only where it is configured."""
    return [
        (channel, label)
        for channel, label in Channel.choices
        if channel != Channel.EBOX or settings.LOKET_EBOX_URL
    ]


class ContactPreferencesForm(forms.Form):
    """Language, contact details, channels in order of preference, and consents.

    The order of channels is a preference number per channel (1 = first choice), so it
    works without JavaScript and reads well with a screen reader."""

    preferred_language = forms.ChoiceField(
        label=_("Language for letters and messages"), choices=Language.choices
    )
    email = forms.EmailField(label=_("Email address"), required=False, max_length=254)
    phone = forms.CharField(
        label=_("Mobile phone number"),
        required=False,
        max_length=20,
        help_text=_("For example +32 470 12 34 56."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rank_choices = [(NOT_USED, _("Do not use"))] + [
            (str(rank), str(rank)) for rank in range(1, len(channels_offered()) + 1)
        ]
        for channel, label in channels_offered():
            self.fields[channel_field_name(channel)] = forms.ChoiceField(
                label=label, choices=rank_choices, required=False
            )
        for purpose, label in ConsentPurpose.choices:
            self.fields[consent_field_name(purpose)] = forms.BooleanField(
                label=label, required=False
            )

    @classmethod
    def initial_for(cls, person: Person, consents: dict[str, bool]) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "preferred_language": person.preferred_language,
            "email": person.email,
            "phone": person.phone,
        }
        for rank, channel in enumerate(person.preferred_channels, start=1):
            initial[channel_field_name(channel)] = str(rank)
        for purpose, granted in consents.items():
            initial[consent_field_name(purpose)] = granted
        return initial

    def channel_fields(self) -> list[forms.BoundField]:
        return [self[channel_field_name(channel)] for channel, _label in channels_offered()]

    def consent_fields(self) -> list[forms.BoundField]:
        return [self[consent_field_name(purpose)] for purpose in ConsentPurpose.values]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        ranks: dict[str, str] = {}
        for channel, _label in channels_offered():
            rank = cleaned.get(channel_field_name(channel)) or NOT_USED
            if rank == NOT_USED:
                continue
            if rank in ranks:
                self.add_error(
                    channel_field_name(channel),
                    _("Give each channel a different number; %(rank)s is used twice.")
                    % {"rank": rank},
                )
            ranks[rank] = channel
        if not ranks:
            self.add_error(None, _("Choose at least one way to be contacted."))
        return cleaned

    def channels_in_order(self) -> list[str]:
        ranked = [
            (int(self.cleaned_data[channel_field_name(channel)]), channel)
            for channel, _label in channels_offered()
            if self.cleaned_data.get(channel_field_name(channel))
        ]
        return [channel for _rank, channel in sorted(ranked)]

    def consents(self) -> dict[str, bool]:
        return {
            purpose: bool(self.cleaned_data.get(consent_field_name(purpose)))
            for purpose in ConsentPurpose.values
        }
