"""Appointments past their retention period lose the resident: the person link, the name,
e-mail address and mobile number, the key the per-person limit counted against, the reasons
typed in the history (a cancellation's reason), the addresses, variables and delivery details
of the messages to residents without an account, and the manage links (a way in, not
history: they are removed). The municipality, office, desk, product, reference, status,
channel, language, who booked it (staff or integration), the history's steps and data (desk,
channel, times moved) and every date stay, so the appointments held or missed per month, the
no-shows and the office's planning figures do not change (loket.audit.retention).

An appointment is over once its time has passed, whatever its status (a booked one nobody
recorded as held or missed is over too); a future one is never due, even cancelled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from loket.appointments.models import Appointment, AppointmentEvent, GuestMessage, ManageLink
from loket.audit.retention import RetentionKind, retention_kind_register


def _due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[Appointment]:
    return Appointment.objects.filter(municipality_id=municipality_id, ends_at__lt=cutoff)


def appointments_anonymise(ids: Sequence[int]) -> None:
    """Within `anonymisation_allowed()` (the history is append-only)."""
    Appointment.objects.filter(pk__in=ids).update(
        person=None, name="", email="", phone="", holder_key=""
    )
    AppointmentEvent.objects.filter(appointment_id__in=ids).update(message="")
    GuestMessage.objects.filter(appointment_id__in=ids).update(address="", context={}, detail="")
    ManageLink.objects.filter(appointment_id__in=ids).delete()


retention_kind_register(
    RetentionKind(
        code="appointments_past",
        label=_("Past appointments"),
        default_days=365,
        minimum_days=90,
        basis=_(
            "Counted from the end of the appointment's time. Long enough to answer a "
            "question or a complaint about an appointment (a cancellation, a missed one) and "
            "for the resident to find it among their appointments; one year by default, "
            "never less than three months."
        ),
        due=_due,
        anonymise=appointments_anonymise,
        order=50,
        kept=(
            "office",
            "desk",
            "product",
            "reference",
            "status",
            "channel",
            "language",
            "booked by",
            "history steps",
            "dates",
        ),
    )
)
