"""Every write of the reports domain. Keyword-only, typed, atomic."""

from loket.reports.services.categories import (
    category_attribute_save,
    category_mapping_set,
    category_save,
    category_upsert,
)
from loket.reports.services.clients import (
    open311_client_authenticate,
    open311_client_create,
    open311_client_revoke,
)
from loket.reports.services.intake import (
    IntakeOrigin,
    Reporter,
    ReportIntake,
    photo_draft_key_new,
    report_create,
    report_follow,
    report_photo_draft_add,
    report_photo_drafts_purge,
    report_photo_drafts_remove,
    report_place,
)
from loket.reports.services.lifecycle import (
    report_merge,
    report_reopen,
    report_route,
    report_update,
)

__all__ = [
    "IntakeOrigin",
    "ReportIntake",
    "Reporter",
    "category_attribute_save",
    "category_mapping_set",
    "category_save",
    "category_upsert",
    "open311_client_authenticate",
    "open311_client_create",
    "open311_client_revoke",
    "photo_draft_key_new",
    "report_create",
    "report_follow",
    "report_merge",
    "report_photo_draft_add",
    "report_photo_drafts_purge",
    "report_photo_drafts_remove",
    "report_place",
    "report_reopen",
    "report_route",
    "report_update",
]
