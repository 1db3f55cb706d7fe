"""The timeline and internal notes are append-only: the database refuses to change or
delete a row, whatever code runs. (TRUNCATE stays possible for the test database flush.)"""

from django.db import migrations

CREATE = """
CREATE FUNCTION cases_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER cases_event_append_only
    BEFORE UPDATE OR DELETE ON cases_caseevent
    FOR EACH ROW EXECUTE FUNCTION cases_append_only();

CREATE TRIGGER cases_note_append_only
    BEFORE UPDATE OR DELETE ON cases_casenote
    FOR EACH ROW EXECUTE FUNCTION cases_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS cases_note_append_only ON cases_casenote;
DROP TRIGGER IF EXISTS cases_event_append_only ON cases_caseevent;
DROP FUNCTION IF EXISTS cases_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, reverse_sql=DROP)]
