"""Writes of the resources domain: import from here."""

from loket.resources.services.booking import (
    SUBJECT_TYPE,
    booking_payment_completed,
    booking_request,
    booking_transition,
    overlap_message,
)
from loket.resources.services.config import (
    ResourceSettings,
    TariffSetting,
    WindowSetting,
    resource_create,
    resource_update,
)

__all__ = [
    "SUBJECT_TYPE",
    "ResourceSettings",
    "TariffSetting",
    "WindowSetting",
    "booking_payment_completed",
    "booking_request",
    "booking_transition",
    "overlap_message",
    "resource_create",
    "resource_update",
]
