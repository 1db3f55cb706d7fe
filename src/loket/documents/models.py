"""Dossier documents: one row per stored version, never overwritten.

A *logical* document (a passport photo, a building plan, a decision letter) keeps its
`logical_id` across versions; every new version is a new row with the next `version`
number and a link to the previous one. The database enforces the chain: versions are
unique per owner and logical document, one version is current, and the stored content of a
row (file, hash, size, owner) cannot be changed (a trigger, migration 0002).

The full-text index lives beside it, in `DocumentSearchEntry`: one narrow row per current
version, so that a search reads small rows only (see docs/documents.md, "Search").
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from loket.documents.workflow import ExtractionStatus as ExtractionStatus


class UploaderKind(models.TextChoices):
    STAFF = "staff", _("Staff member")
    RESIDENT = "resident", _("Resident")
    INTEGRATION = "integration", _("Integration")
    SYSTEM = "system", _("Loket")


class Document(models.Model):
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="documents"
    )
    owner_type = models.CharField(
        _("owner type"), max_length=40, help_text=_('What the document belongs to, e.g. "case".')
    )
    owner_id = models.BigIntegerField(_("owner id"))
    logical_id = models.UUIDField(_("document"), default=uuid.uuid4)
    version = models.PositiveIntegerField(_("version"), default=1)
    previous_version = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    is_current = models.BooleanField(_("current version"), default=True)

    title = models.CharField(_("title"), max_length=300)
    # The title in each language it was given in ({"nl": …, "fr": …}), so every reader
    # sees it in theirs; `title` is the one the document was filed under (and searched by).
    titles = models.JSONField(_("title per language"), default=dict, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=40,
        blank=True,
        help_text=_('Free classification chosen by the owner, e.g. "attachment", "decision".'),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    storage_backend = models.CharField(_("storage"), max_length=20)
    storage_key = models.CharField(_("storage key"), max_length=300, unique=True)

    language = models.CharField(_("language"), max_length=2, blank=True)
    search_config = models.CharField(_("search configuration"), max_length=20, default="simple")
    text = models.TextField(_("extracted text"), blank=True)
    extraction_status = models.CharField(
        _("text extraction"),
        max_length=20,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    extraction_error = models.CharField(max_length=300, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    concerns_person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("The resident the document is about, if any."),
    )
    visible_to_resident = models.BooleanField(
        _("visible to the resident"),
        default=False,
        help_text=_("The resident concerned may see and download it on the portal."),
    )
    uploaded_by_kind = models.CharField(max_length=20, choices=UploaderKind.choices)
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_by_person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_by_api_client = models.ForeignKey(
        "accounts.ApiClient", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["owner_type", "owner_id", "logical_id", "version"],
                name="document_version_unique_per_owner",
            ),
            models.UniqueConstraint(
                fields=["logical_id"],
                condition=Q(is_current=True),
                name="document_one_current_version",
            ),
            models.CheckConstraint(
                condition=Q(version=1, previous_version__isnull=True)
                | Q(version__gt=1, previous_version__isnull=False),
                name="document_version_chain",
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="document_sha256_hex"
            ),
            models.CheckConstraint(
                condition=Q(search_config__in=["dutch", "french", "english", "simple"]),
                name="document_search_config_known",
            ),
        ]
        indexes = [
            models.Index(
                fields=["owner_type", "owner_id", "-created_at"], name="document_owner_recent"
            ),
            models.Index(
                fields=["municipality", "-created_at"], name="document_municipality_recent"
            ),
            models.Index(
                fields=["extraction_status"],
                condition=Q(extraction_status="pending"),
                name="document_extraction_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def title_in(self, language: str | None = None) -> str:
        """The title in `language` (default: the active one), else the filed title."""
        code = (language or get_language() or "")[:2]
        return str(self.titles.get(code) or self.title)


class DocumentSearchEntry(models.Model):
    """The search vector of a current document version (derived data, rebuilt at will).

    Kept out of the wide documents table: finding and ordering the matches of a word reads
    these rows only (id, municipality, date, vector), either through the GIN index or, for
    a common word, in date order until enough matches are found. Rows are appended in
    upload order, so the date order is also the physical order.
    """

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    created_at = models.DateTimeField()
    search_vector = SearchVectorField()

    class Meta:
        indexes = [
            GinIndex(fields=["search_vector"], name="document_search_vector"),
            models.Index(
                fields=["municipality", "-created_at", "-document"],
                name="document_search_recent",
            ),
            models.Index(fields=["-created_at", "-document"], name="document_search_recent_all"),
        ]

    def __str__(self) -> str:
        return f"search entry of document {self.document_id}"
