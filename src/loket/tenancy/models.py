"""Regions, municipalities, departments and the staff memberships that tie people to them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from loket.core.rows import translated_name
from loket.tenancy.permissions import Role

nis_code_validator = RegexValidator(r"^\d{5}$", _("A NIS code has exactly five digits."))


class TranslatedNameMixin(models.Model):
    """Content names carried in the three languages of Loket."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def name_in(self, language: str | None = None) -> str:
        """The name in `language` (default: the active language), falling back sensibly."""
        return translated_name(self.name_nl, self.name_fr, self.name_en, language)

    @property
    def name(self) -> str:
        return self.name_in()


class Region(TranslatedNameMixin):
    """A group of municipalities sharing one Loket installation and catalogue."""

    slug = models.SlugField(_("slug"), unique=True)
    official_languages = models.CharField(
        _("official languages"),
        max_length=20,
        default="nl",
        help_text=_("Comma-separated language codes in which resident-facing texts are shown."),
    )
    # How a sentence says "in <region>": the preposition and article differ per name
    # ("dans le Sud-Ouest de la Flandre-Occidentale", "in het Brussels Hoofdstedelijk
    # Gewest"). Empty: "in <name>" (French: "en <name>").
    in_name_nl = models.CharField(_("“in …” (Dutch)"), max_length=220, blank=True)
    in_name_fr = models.CharField(_("“in …” (French)"), max_length=220, blank=True)
    in_name_en = models.CharField(_("“in …” (English)"), max_length=220, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def languages(self) -> list[str]:
        return [code.strip() for code in self.official_languages.split(",") if code.strip()]

    def in_name(self, language: str | None = None) -> str:
        """ "in <region>" as a sentence in `language` says it (default: the active one)."""
        language = (language or get_language() or "nl")[:2]
        stored: str = getattr(self, f"in_name_{language}", "")
        if stored:
            return stored
        return f"{'en' if language == 'fr' else 'in'} {self.name_in(language)}"


class Municipality(TranslatedNameMixin):
    """A municipality (gemeente, commune), identified by its NIS code."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    nis_code = models.CharField(
        _("NIS code"), max_length=5, unique=True, validators=[nis_code_validator]
    )
    slug = models.SlugField(_("slug"), unique=True)
    official_languages = models.CharField(_("official languages"), max_length=20, default="nl")
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    centroid_latitude = models.FloatField(_("centroid latitude"))
    centroid_longitude = models.FloatField(_("centroid longitude"))
    bbox_min_longitude = models.FloatField()
    bbox_min_latitude = models.FloatField()
    bbox_max_longitude = models.FloatField()
    bbox_max_latitude = models.FloatField()
    # Contact details of the town hall, kept by the municipal administrator.
    address_street = models.CharField(_("street and number"), max_length=200, blank=True)
    address_postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    address_locality = models.CharField(_("locality"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    opening_hours = models.JSONField(
        _("opening hours"),
        default=dict,
        blank=True,
        help_text=_("Per weekday (mon to sun): the opening periods and an optional note."),
    )
    contact_updated_at = models.DateTimeField(null=True, blank=True)
    contact_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def languages(self) -> list[str]:
        return [code.strip() for code in self.official_languages.split(",") if code.strip()]

    def in_name(self, language: str | None = None) -> str:
        """ "in <municipality>" as a sentence in `language` says it: French takes "à"
        ("à Ixelles"), contracted before an article ("au Roeulx", "aux Bons Villers")."""
        language = (language or get_language() or "nl")[:2]
        name = self.name_in(language)
        if language != "fr":
            return f"in {name}"
        for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
            if name.startswith(article):
                return contracted + name[len(article) :]
        return f"à {name}"

    @property
    def has_contact(self) -> bool:
        return bool(self.address_street or self.phone or self.email or self.opening_hours)

    @property
    def boundary(self) -> dict[str, Any]:
        """The GeoJSON geometry. It lives in its own table (`MunicipalityBoundary`) because
        only maps and point routing read it, while nearly every page reads a municipality
        row: a list joining 50 reports to their municipality would otherwise decode 50
        boundaries. Use `select_related("boundary_shape")` for a list of maps."""
        geometry: dict[str, Any] = self.boundary_shape.geometry
        return geometry

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (
            self.bbox_min_longitude,
            self.bbox_min_latitude,
            self.bbox_max_longitude,
            self.bbox_max_latitude,
        )


class MunicipalityBoundary(models.Model):
    """A municipality's boundary (see `Municipality.boundary`)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, primary_key=True, related_name="boundary_shape"
    )
    geometry = models.JSONField(
        _("boundary"), help_text=_("GeoJSON Polygon or MultiPolygon in WGS84 (lon, lat).")
    )

    def __str__(self) -> str:
        return str(self.municipality)


class Department(TranslatedNameMixin):
    """A team of a municipality (or a regional body) that handles work."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="departments",
        null=True,
        blank=True,
        help_text=_("Empty for a regional body."),
    )
    code = models.SlugField(_("code"))
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["municipality__name_nl", "name_nl"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"],
                name="department_code_unique_per_municipality",
                condition=Q(municipality__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["region", "code"],
                name="department_code_unique_per_region_body",
                condition=Q(municipality__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A staff member's role in a municipality (or region-wide), optionally in one department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="memberships")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
        help_text=_("Empty for a region-wide membership."),
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="memberships", null=True, blank=True
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "municipality", "department", "role"],
                name="membership_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        scope: Any = self.municipality or self.region
        return f"{self.user} - {self.get_role_display()} - {scope}"


class StaffAccessEventKind(models.TextChoices):
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REVOKED = "role_revoked", _("Role revoked")
    TWO_FACTOR_RESET = "two_factor_reset", _("Two-step verification reset")


class StaffAccessEvent(models.Model):
    """The audit trail of staff access in a municipality: who granted or revoked which role
    to whom, who reset whose two-step verification, and when.

    Append-only (a database trigger refuses UPDATE and DELETE): rows are written by
    `loket.tenancy.services.staff_access_event_append` only, in the transaction of the
    change they describe."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="staff_access_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who made the change (empty: a command on the server)."),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("what"), max_length=30, choices=StaffAccessEventKind.choices)
    role = models.CharField(_("role"), max_length=40, choices=Role.choices, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("staff access event")
        verbose_name_plural = _("staff access events")
        indexes = [models.Index(fields=["municipality", "-at"], name="staff_access_event_muni_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.subject_id}"
