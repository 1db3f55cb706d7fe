"""The published open-data files: one row per (region, municipality or none, dataset, format),
replaced by each publication run. Only aggregated, anonymised content is ever stored here
(see loket.opendata.datasets)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    GEOJSON = "geojson", "GeoJSON"


class PublishedFile(models.Model):
    region = models.ForeignKey("tenancy.Region", on_delete=models.CASCADE, related_name="+")
    # Empty for the region's own file (all municipalities together, with a column naming each).
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    dataset = models.SlugField(_("dataset"), max_length=60)
    file_format = models.CharField(_("format"), max_length=10, choices=FileFormat.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    byte_size = models.PositiveIntegerField()
    rows = models.PositiveIntegerField(_("rows"))
    # The first and last day the data covers (the catalogue's temporal coverage).
    covers_from = models.DateField(null=True, blank=True)
    covers_until = models.DateField(null=True, blank=True)
    generated_at = models.DateTimeField(_("generated at"))
    # When the content last changed (a run that produces the same bytes keeps it).
    modified_at = models.DateTimeField(_("modified at"))

    class Meta:
        verbose_name = _("open-data file")
        verbose_name_plural = _("open-data files")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "municipality", "dataset", "file_format"],
                name="opendata_file_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(file_format__in=["csv", "geojson"]), name="opendata_file_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset}.{self.file_format}"
