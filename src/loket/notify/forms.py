"""Forms of the notify back office."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from loket.notify.services import template_override_validate
from loket.notify.workflow import NotificationStatus
from loket.people.models import Channel


class TemplateOverrideForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(
        label=_("Message (e-mail, inbox and letter)"),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    sms = forms.CharField(
        label=_("Text message (SMS)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Keep it short: at most 480 characters are sent."),
    )

    def __init__(self, *args: Any, event: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            template_override_validate(
                event=self.event,
                subject=cleaned.get("subject", ""),
                body=cleaned.get("body", ""),
                sms=cleaned.get("sms", ""),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned


class NotificationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *NotificationStatus.choices],
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels")), *Channel.choices]
    )
    person = forms.IntegerField(label=_("Resident number"), required=False, min_value=1)
