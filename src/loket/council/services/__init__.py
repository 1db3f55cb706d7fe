"""Every write of the council domain (keyword-only, typed, one transaction each).

Each service takes the actor and checks its permission in the object's municipality
(objects out of reach are 404 from the selectors): `council.manage` for bodies, parties,
members and mandates; `council.prepare` for meetings and agenda items; `council.record`
for the meeting's lifecycle and what the meeting treated, voted and decided.
"""

from loket.council.services.agenda import (
    agenda_item_add,
    agenda_item_attach,
    agenda_item_case_link,
    meeting_create,
    meeting_links_set,
)
from loket.council.services.bodies import (
    body_create,
    body_livestream_set,
    mandate_add,
    mandate_register,
    member_account_link,
    member_create,
    party_create,
)
from loket.council.services.notes import item_note_save
from loket.council.services.recording import (
    attendance_record,
    item_treatment_record,
    meeting_transition,
    vote_record,
)

__all__ = [
    "agenda_item_add",
    "agenda_item_attach",
    "agenda_item_case_link",
    "attendance_record",
    "body_create",
    "body_livestream_set",
    "item_note_save",
    "item_treatment_record",
    "mandate_add",
    "mandate_register",
    "meeting_create",
    "meeting_links_set",
    "meeting_transition",
    "member_account_link",
    "member_create",
    "party_create",
    "vote_record",
]
