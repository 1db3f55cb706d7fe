"""The lifecycle of a registration, as data.

```
 (new) ──seat free──────────────► confirmed ──cancel──► cancelled
   │                                  ▲   └──not paid in time──► released
   └──no seat──► waiting ──seat freed─► offered ──accept──┘
                   │                    │  ├──decline──► cancelled
                   └──cancel──► cancelled └──time up──► expired
```

A registration holds a seat while it is offered or confirmed (HOLDING_STATUSES); the
database checks it (models.Registration). Residents act on their own registrations; staff
with activities.manage may cancel any of their municipality; the system offers places, lets
offers expire and releases places not paid in time.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.core.lifecycle import Lifecycle, Transition
from loket.tenancy.permissions import Permission


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Offer expired")
    RELEASED = "released", _("Released: not paid in time")


S = RegistrationStatus
HOLDING_STATUSES = (S.CONFIRMED.value, S.OFFERED.value)
ACTIVE_STATUSES = (S.CONFIRMED.value, S.OFFERED.value, S.WAITING.value)

RESIDENT = "resident"
STAFF = "staff"
SYSTEM = "system"


def _refusal(source: str, target: str, party: str) -> Exception:
    return ValidationError(
        gettext("This registration cannot go from “%(current)s” to “%(new)s”.")
        % {"current": S(source).label, "new": S(target).label},
        code="transition_not_allowed",
    )


REGISTRATION_LIFECYCLE = Lifecycle(
    name="activity registration",
    statuses=RegistrationStatus,
    transitions=(
        Transition(S.WAITING, S.OFFERED, SYSTEM),
        Transition(S.OFFERED, S.CONFIRMED, RESIDENT),
        Transition(S.OFFERED, S.CANCELLED, RESIDENT),
        Transition(S.OFFERED, S.EXPIRED, SYSTEM),
        Transition(S.CONFIRMED, S.RELEASED, SYSTEM),
        Transition(S.WAITING, S.CANCELLED, RESIDENT),
        Transition(S.CONFIRMED, S.CANCELLED, RESIDENT),
        Transition(S.WAITING, S.CANCELLED, STAFF, permission=Permission.ACTIVITIES_MANAGE),
        Transition(S.OFFERED, S.CANCELLED, STAFF, permission=Permission.ACTIVITIES_MANAGE),
        Transition(
            S.CONFIRMED,
            S.CANCELLED,
            STAFF,
            permission=Permission.ACTIVITIES_MANAGE,
            reason_required=True,
        ),
    ),
    refusal=_refusal,
)
