"""What happens after a service was delivered to a resident.

A case closed, a report resolved, an appointment held, a contact-centre question answered:
the domain that delivered the service calls `service_done(...)` inside its own transaction.
Whoever wants to act on it (participation asks the resident how satisfied they were)
registers a listener here at start-up (`AFTER_SERVICE_LISTENERS`). The delivering domains sit
below or beside participation and may not import it; this module, in the lowest domain
layer, is where they meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from loket.core.plugins import Registry


class ServiceKind(TextChoices):
    CASE = "case", _("Request closed")
    REPORT = "report", _("Report resolved")
    APPOINTMENT = "appointment", _("Appointment held")
    CONTACT_QUESTION = "contact_question", _("Question answered")


@dataclass(frozen=True)
class ServiceDone:
    """One delivered service: what, for whom, by which department, about which product or
    category (`subject_code`, `subject_name`), and a reference unique within its kind."""

    kind: ServiceKind
    reference: str
    municipality_id: int
    person_id: int
    department_id: int | None = None
    subject_code: str = ""
    subject_name: str = ""


class AfterServiceListener(Protocol):
    code: ClassVar[str]

    @classmethod
    def service_done(cls, *, done: ServiceDone) -> None:
        """Act on it inside the caller's transaction (defer a job, write a row)."""
        ...


AFTER_SERVICE_LISTENERS: Registry[AfterServiceListener] = Registry("after-service listener")


def service_done(*, done: ServiceDone) -> None:
    """Tell every registered listener that a service was delivered (caller's transaction)."""
    for code in AFTER_SERVICE_LISTENERS.codes():
        AFTER_SERVICE_LISTENERS.get(code).service_done(done=done)
