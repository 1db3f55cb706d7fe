"""The lifecycle of a document's text extraction, as data.

    pending ──► done            (text extracted and indexed)
        ├─────► failed          (unreadable; the reason is kept)
        └─────► not_applicable  (a format without a text layer, such as an image)

A worker (or the upload itself, for a small file) makes the one move; a document that is
no longer pending is left alone, so a repeated job changes nothing.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.lifecycle import Lifecycle, Transition


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for text extraction")
    DONE = "done", _("Text extracted")
    FAILED = "failed", _("Text could not be extracted")
    NOT_APPLICABLE = "not_applicable", _("No text (image)")


S = ExtractionStatus

EXTRACTION_LIFECYCLE = Lifecycle(
    name="text extraction",
    statuses=ExtractionStatus,
    transitions=tuple(
        Transition(S.PENDING, target) for target in (S.DONE, S.FAILED, S.NOT_APPLICABLE)
    ),
    field="extraction_status",
)
