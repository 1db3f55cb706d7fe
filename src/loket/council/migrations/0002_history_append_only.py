"""A meeting's history is append-only: the database refuses to change or delete a row,
whatever code runs. (TRUNCATE stays possible for the test database flush.)"""

from django.db import migrations

CREATE = """
CREATE FUNCTION council_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER council_event_append_only
    BEFORE UPDATE OR DELETE ON council_meetingevent
    FOR EACH ROW EXECUTE FUNCTION council_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS council_event_append_only ON council_meetingevent;
DROP FUNCTION IF EXISTS council_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("council", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, reverse_sql=DROP)]
