"""The access log records the reader's role, and is append-only: the database refuses to
change or delete a row, whatever code runs. (TRUNCATE stays possible for the test database
flush.)"""

from django.db import migrations, models

CREATE = """
CREATE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_accesslogentry_append_only
    BEFORE UPDATE OR DELETE ON audit_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_accesslogentry_append_only ON audit_accesslogentry;
DROP FUNCTION IF EXISTS audit_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="role",
            field=models.CharField(
                blank=True,
                help_text="The reader's role in that municipality.",
                max_length=40,
                verbose_name="role",
            ),
        ),
        migrations.RunSQL(CREATE, reverse_sql=DROP),
    ]
