"""A municipality's boundary moves to its own table: nearly every page reads municipality
rows (joined to reports, cases, payments), only maps and point routing read the boundary."""

import django.db.models.deletion
from django.db import migrations, models

COPY = """
INSERT INTO tenancy_municipalityboundary (municipality_id, geometry)
SELECT id, boundary FROM tenancy_municipality
"""
COPY_BACK = """
UPDATE tenancy_municipality AS m SET boundary = b.geometry
FROM tenancy_municipalityboundary AS b WHERE b.municipality_id = m.id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0004_municipality_contact"),
    ]

    operations = [
        migrations.CreateModel(
            name="MunicipalityBoundary",
            fields=[
                (
                    "municipality",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="boundary_shape",
                        serialize=False,
                        to="tenancy.municipality",
                    ),
                ),
                (
                    "geometry",
                    models.JSONField(
                        help_text="GeoJSON Polygon or MultiPolygon in WGS84 (lon, lat).",
                        verbose_name="boundary",
                    ),
                ),
            ],
        ),
        # Nullable before the copy, so that reversing brings the column back, fills it, and
        # only then makes it required again.
        migrations.AlterField(
            model_name="municipality",
            name="boundary",
            field=models.JSONField(null=True, verbose_name="boundary"),
        ),
        migrations.RunSQL(COPY, reverse_sql=COPY_BACK),
        migrations.RemoveField(model_name="municipality", name="boundary"),
    ]
