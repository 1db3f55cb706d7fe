"""The product catalogue: the regional products, each municipality's choices, and the forms.

A `Product` is one entry of the catalogue shared by the municipalities of the installation
(loaded from data/products.csv). A `MunicipalityProduct` holds what one municipality
changes: switched off, another fee or processing time, working days instead of calendar
days, the responsible department and extra instructions. A `FormDefinition` is the form of
a product as data; editing a form adds a new version, so a request keeps the form it was
made with.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.catalog.texts import text_in
from loket.catalog.vocabulary import LIFE_EVENTS, THEMES, RequestChannel

THEME_CHOICES = [(term.code, term.label_en) for term in THEMES]
LIFE_EVENT_CHOICES = [(term.code, term.label_en) for term in LIFE_EVENTS]


# Longest extra instructions a municipality may add to a product (per language).
INSTRUCTIONS_MAX_LENGTH = 2000


class Product(models.Model):
    """A product or service of the regional catalogue."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    theme = models.CharField(_("theme"), max_length=40, choices=THEME_CHOICES)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    summary_nl = models.TextField(_("summary (Dutch)"))
    summary_fr = models.TextField(_("summary (French)"))
    summary_en = models.TextField(_("summary (English)"))
    channels = ArrayField(
        models.CharField(max_length=10, choices=RequestChannel.choices),
        verbose_name=_("channels"),
        default=list,
        blank=True,
    )
    appointment_required = models.BooleanField(_("appointment required"), default=False)
    fee_cents = models.PositiveIntegerField(
        _("fee (cents)"), default=0, help_text=_("0 means free.")
    )
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (days)"), default=0, help_text=_("0 means on the spot.")
    )
    life_events = ArrayField(
        models.CharField(max_length=40, choices=LIFE_EVENT_CHOICES),
        verbose_name=_("life events"),
        default=list,
        blank=True,
    )
    related_products = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="related_from"
    )
    # An organisation's representative may request it in the organisation's name.
    open_to_organisations = models.BooleanField(_("open to organisations"), default=False)
    # The IPDC concept (Flemish product catalogue) this product is an instance of.
    ipdc_concept_iri = models.URLField(_("IPDC concept"), max_length=300, blank=True)
    # Lower-case, accent-free names and summaries in every language, for typo-tolerant search.
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            GinIndex(OpClass("search_text", name="gin_trgm_ops"), name="product_search_trgm"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(theme__in=[code for code, _label in THEME_CHOICES]),
                name="product_theme_known",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def name_in(self, language: str | None = None) -> str:
        return text_in(self, "name", language)

    def summary_in(self, language: str | None = None) -> str:
        return text_in(self, "summary", language)

    @property
    def name(self) -> str:
        return self.name_in()

    @property
    def summary(self) -> str:
        return self.summary_in()

    @property
    def is_online(self) -> bool:
        return RequestChannel.ONLINE in self.channels


class MunicipalityProduct(models.Model):
    """What one municipality changes about a product. Empty values keep the catalogue's."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="product_settings"
    )
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="municipality_settings"
    )
    is_enabled = models.BooleanField(_("offered"), default=True)
    fee_cents = models.PositiveIntegerField(_("fee (cents)"), null=True, blank=True)
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (days)"), null=True, blank=True
    )
    counts_working_days = models.BooleanField(
        _("count working days"),
        default=False,
        help_text=_("Skip weekends and Belgian public holidays when computing the due date."),
    )
    department = models.ForeignKey(
        "tenancy.Department",
        on_delete=models.PROTECT,
        related_name="product_settings",
        null=True,
        blank=True,
    )
    instructions_nl = models.TextField(_("extra instructions (Dutch)"), blank=True)
    instructions_fr = models.TextField(_("extra instructions (French)"), blank=True)
    instructions_en = models.TextField(_("extra instructions (English)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("municipal product setting")
        verbose_name_plural = _("municipal product settings")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "product"], name="municipality_product_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}:{self.product_id}"


class FormDefinition(models.Model):
    """One version of a product's form, as data (see docs/catalogue.md for the format)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="form_definitions")
    version = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    is_shipped = models.BooleanField(
        _("shipped with Loket"),
        default=False,
        help_text=_("False for a version written by staff; a reload never replaces those."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["product", "-version"]
        verbose_name = _("form definition")
        verbose_name_plural = _("form definitions")
        constraints = [
            models.UniqueConstraint(fields=["product", "version"], name="form_definition_version")
        ]

    def __str__(self) -> str:
        return f"{self.product_id} v{self.version}"


class LpdcFeed(models.Model):
    """A municipality that publishes its catalogue to Flanders (LPDC) as an LDES feed.

    The feed exists only once the municipality's LBLOD identifier (its `bestuurseenheid`
    IRI, as LPDC knows it) is set: LPDC links every instance to it."""

    municipality = models.OneToOneField(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="lpdc_feed"
    )
    bestuurseenheid_iri = models.URLField(_("LBLOD administrative unit IRI"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("LPDC feed")
        verbose_name_plural = _("LPDC feeds")

    def __str__(self) -> str:
        return f"{self.municipality_id}:{self.bestuurseenheid_iri}"


class LpdcSnapshot(models.Model):
    """One member of a municipality's LPDC feed: the full product instance at one moment.

    Append-only: a changed product gets a new snapshot, a product no longer offered an
    archived one (`is_archived`); rows are never changed or deleted."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="lpdc_snapshots"
    )
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="lpdc_snapshots")
    snapshot_uuid = models.UUIDField(unique=True)
    generated_at = models.DateTimeField()
    is_archived = models.BooleanField(default=False)
    content_hash = models.CharField(max_length=64)
    member = models.JSONField()

    class Meta:
        ordering = ["municipality", "id"]
        indexes = [models.Index(fields=["municipality", "id"], name="lpdc_snapshot_feed")]

    def __str__(self) -> str:
        return str(self.snapshot_uuid)


class ConceptProposal(models.Model):
    """What an imported IPDC concept suggests to a municipality's editor: new texts for a
    product linked to the concept, or a new product. The editor accepts or rejects it."""

    class Kind(models.TextChoices):
        TEXTS = "texts", _("Updated texts")
        NEW_PRODUCT = "new", _("New product")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.CASCADE, related_name="concept_proposals"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, null=True, blank=True, related_name="concept_proposals"
    )
    concept_iri = models.URLField(_("IPDC concept"), max_length=300)
    concept_snapshot_iri = models.URLField(max_length=300)
    product_number = models.CharField(_("IPDC product number"), max_length=20, blank=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    description_nl = models.TextField(_("description (Dutch)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("IPDC proposal")
        verbose_name_plural = _("IPDC proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "concept_snapshot_iri"], name="concept_proposal_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}:{self.concept_snapshot_iri}"
