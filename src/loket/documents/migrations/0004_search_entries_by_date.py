"""Read the matches of a common word in date order (see DocumentSearchEntry)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0003_search_entries'),
        ('tenancy', '0002_initial'),
    ]

    operations = [
        # Rows under 2 kB are stored inline whatever this setting says: back to the default.
        migrations.RunSQL(
            "ALTER TABLE documents_documentsearchentry RESET (toast_tuple_target)",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name='documentsearchentry',
            index=models.Index(fields=['municipality', '-created_at', '-document'], name='document_search_recent'),
        ),
        migrations.AddIndex(
            model_name='documentsearchentry',
            index=models.Index(fields=['-created_at', '-document'], name='document_search_recent_all'),
        ),
    ]
