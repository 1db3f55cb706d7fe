"""Move the search vector of current document versions to a narrow table of its own, with
the vector stored out of line, so that a search reads small rows only."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

COPY_VECTORS = """
INSERT INTO documents_documentsearchentry (document_id, municipality_id, created_at, search_vector)
SELECT id, municipality_id, created_at, search_vector
FROM documents_document
WHERE is_current AND search_vector IS NOT NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_content_immutable"),
        ("tenancy", "0002_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentSearchEntry",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="documents.document",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="tenancy.municipality",
                    ),
                ),
                ("created_at", models.DateTimeField()),
                ("search_vector", django.contrib.postgres.search.SearchVectorField()),
            ],
        ),
        migrations.RunSQL(
            "ALTER TABLE documents_documentsearchentry SET (toast_tuple_target = 128)",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.RunSQL(COPY_VECTORS, reverse_sql=migrations.RunSQL.noop),
        migrations.RemoveIndex(model_name="document", name="document_search_vector"),
        migrations.RemoveField(model_name="document", name="search_vector"),
        migrations.AddIndex(
            model_name="documentsearchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="document_search_vector"
            ),
        ),
    ]
