"""The quick-capture form of a contact moment. It parses what staff type and turns the
numbers they know (a request number, a report number, an appointment reference, a
structured communication, an enterprise number) into ids through the actor's selectors;
`contact_moment_record` checks the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.appointments.selectors import appointments_visible_to
from loket.cases.selectors import cases_visible_to
from loket.catalog.selectors import product_by_name
from loket.crm.models import (
    DURATION_MAX_MINUTES,
    SUMMARY_MAX_LENGTH,
    TOPIC_MAX_LENGTH,
    ContactChannel,
    ContactDirection,
    ContactOutcome,
    Mailbox,
)
from loket.crm.services import (
    APPOINTMENT_UNKNOWN,
    CASE_UNKNOWN,
    ORGANISATION_UNKNOWN,
    PAYMENT_UNKNOWN,
    REPORT_UNKNOWN,
    ContactInput,
)
from loket.payments.selectors import payment_requests_visible_to
from loket.people.selectors import organisations_visible_to
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

# The service names its input fields as the API does; the form names some differently.
FORM_FIELD_OF = {
    "person_id": "person",
    "organisation_id": "organisation_number",
    "case_id": "case_number",
    "report_id": "report_number",
    "appointment_id": "appointment_reference",
    "payment_request_id": "payment_reference",
    "product_code": "subject",
    "topic": "subject",
}


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isdigit())


class ContactMomentForm(forms.Form):
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    municipality = forms.TypedChoiceField(
        label=_("Municipality"), coerce=int, required=False, empty_value=None
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=ContactChannel.choices)
    subject = forms.CharField(
        label=_("What was it about?"),
        max_length=TOPIC_MAX_LENGTH,
        help_text=_("Choose a product of the catalogue or write the topic in your own words."),
    )
    summary = forms.CharField(
        label=_("Summary of the contact"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was asked and what was answered or agreed."),
    )
    direction = forms.ChoiceField(
        label=_("Who contacted whom"),
        choices=ContactDirection.choices,
        initial=ContactDirection.INBOUND,
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ContactOutcome.choices, initial=ContactOutcome.ANSWERED
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=1, max_value=DURATION_MAX_MINUTES, required=False
    )
    organisation_number = forms.CharField(
        label=_("Organisation (enterprise number)"),
        max_length=20,
        required=False,
        help_text=_("Instead of a resident, for a company or association."),
    )
    case_number = forms.CharField(label=_("Request number"), max_length=80, required=False)
    report_number = forms.CharField(label=_("Report number"), max_length=20, required=False)
    appointment_reference = forms.CharField(
        label=_("Appointment reference"), max_length=20, required=False
    )
    payment_reference = forms.CharField(
        label=_("Payment: structured communication"),
        max_length=30,
        required=False,
        help_text=_("For example +++123/4567/89002+++"),
    )

    DETAIL_FIELDS = (
        "direction",
        "outcome",
        "duration_minutes",
        "organisation_number",
        "case_number",
        "report_number",
        "appointment_reference",
        "payment_reference",
    )

    def __init__(
        self,
        *args: Any,
        actor: Actor,
        municipality_choices: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["subject"].widget.attrs.update(
            {"list": "contact-products", "autocomplete": "off"}
        )
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = municipality_choices
        if len(municipality_choices) <= 1:
            field.widget = forms.HiddenInput()

    def quick_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("channel", "subject", "summary")]

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.DETAIL_FIELDS]

    def _found(self, field: str, rows: Any, message: Any) -> int | None:
        found = rows.first()
        if found is None:
            self.add_error(field, message)
            return None
        return int(found.pk)

    def clean_organisation_number(self) -> int | None:
        digits = _digits(self.cleaned_data.get("organisation_number", ""))
        if not digits:
            return None
        rows = organisations_visible_to(
            actor=self.actor, permission=Permission.PEOPLE_SEARCH
        ).filter(enterprise_number=digits.zfill(10))
        return self._found("organisation_number", rows, ORGANISATION_UNKNOWN)

    def clean_case_number(self) -> int | None:
        number = self.cleaned_data.get("case_number", "").strip().upper()
        if not number:
            return None
        rows = cases_visible_to(actor=self.actor).filter(number=number)
        return self._found("case_number", rows, CASE_UNKNOWN)

    def clean_report_number(self) -> int | None:
        number = self.cleaned_data.get("report_number", "").strip().lstrip("#")
        if not number:
            return None
        if not number.isdigit() or len(number) > 18:
            self.add_error("report_number", REPORT_UNKNOWN)
            return None
        return int(number)

    def clean_appointment_reference(self) -> int | None:
        reference = self.cleaned_data.get("appointment_reference", "").strip().upper()
        if not reference:
            return None
        rows = appointments_visible_to(actor=self.actor).filter(reference=reference)
        return self._found("appointment_reference", rows, APPOINTMENT_UNKNOWN)

    def clean_payment_reference(self) -> int | None:
        digits = _digits(self.cleaned_data.get("payment_reference", ""))
        if not digits:
            return None
        rows = payment_requests_visible_to(actor=self.actor).filter(structured_communication=digits)
        return self._found("payment_reference", rows, PAYMENT_UNKNOWN)

    def contact_input(self) -> ContactInput:
        """The cleaned form as the service's input (call after is_valid())."""
        data = self.cleaned_data
        subject = data["subject"].strip()
        product = product_by_name(subject)
        return ContactInput(
            channel=data["channel"],
            summary=data["summary"],
            direction=data["direction"],
            outcome=data["outcome"],
            person_id=data.get("person"),
            organisation_id=data.get("organisation_number"),
            product_code=product.code if product is not None else "",
            topic="" if product is not None else subject,
            duration_minutes=data.get("duration_minutes"),
            case_id=data.get("case_number"),
            report_id=data.get("report_number"),
            appointment_id=data.get("appointment_reference"),
            payment_request_id=data.get("payment_reference"),
        )


class MailLinkForm(forms.Form):
    """Which resident sent an unmatched e-mail (a button per resident found)."""

    person_id = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose the resident who sent the e-mail.")},
    )


class MailReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=SUMMARY_MAX_LENGTH,
        error_messages={"required": _("Write the answer.")},
    )


class MailboxForm(forms.Form):
    """The IMAP mailbox of a municipality's contact address (crm.mailboxes)."""

    address = forms.EmailField(label=_("Contact address"))
    host = forms.CharField(label=_("IMAP server"), max_length=255)
    security = forms.ChoiceField(label=_("Connection security"), choices=Mailbox.Security.choices)
    port = forms.IntegerField(label=_("Port"), min_value=1, max_value=65535, initial=993)
    username = forms.CharField(label=_("User name"), max_length=255)
    password = forms.CharField(
        label=_("Password"),
        max_length=255,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the password already set."),
    )
    folder = forms.CharField(label=_("Folder to read"), max_length=255, initial="INBOX")
    processed_folder = forms.CharField(
        label=_("Folder for processed mail"),
        max_length=255,
        initial="Loket/Processed",
        help_text=_("Every mail read is moved here, so it is never read twice."),
    )
    is_active = forms.BooleanField(label=_("Read this mailbox"), required=False, initial=True)
