"""Writes of the activities domain; import from here."""

from loket.activities.services.family import child_error_key, registrations_create
from loket.activities.services.offer import (
    ActivityFields,
    activity_save,
    period_add,
    period_capacity_set,
)
from loket.activities.services.payment import (
    SUBJECT_TYPE,
    registration_payment_completed,
    registration_payment_ensure,
)
from loket.activities.services.registration import (
    IdempotencyConflict,
    RegistrationResult,
    registered_follow_up,
    registration_create,
    registration_create_for_parent,
    waiting_rank,
)
from loket.activities.services.waiting import (
    registration_cancel,
    registration_offer_accept,
    registration_offer_expire,
    registration_release_unpaid,
    registrations_release_unpaid,
    registrations_sweep,
)

__all__ = [
    "SUBJECT_TYPE",
    "ActivityFields",
    "IdempotencyConflict",
    "RegistrationResult",
    "activity_save",
    "child_error_key",
    "period_add",
    "period_capacity_set",
    "registered_follow_up",
    "registration_cancel",
    "registration_create",
    "registration_create_for_parent",
    "registration_offer_accept",
    "registration_offer_expire",
    "registration_payment_completed",
    "registration_payment_ensure",
    "registration_release_unpaid",
    "registrations_create",
    "registrations_release_unpaid",
    "registrations_sweep",
    "waiting_rank",
]
