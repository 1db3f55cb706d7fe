"""What the database guarantees: a registration's seat belongs to its own period (composite
foreign key), arrival numbers come from one sequence, and the history is append-only."""

from django.db import migrations

CREATE = """
ALTER TABLE activities_registration
    ADD CONSTRAINT registration_seat_of_own_period
    FOREIGN KEY (seat_id, period_id) REFERENCES activities_seat (id, period_id)
    DEFERRABLE INITIALLY DEFERRED;

CREATE SEQUENCE activities_arrival;

CREATE FUNCTION activities_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER activities_event_append_only
    BEFORE UPDATE OR DELETE ON activities_registrationevent
    FOR EACH ROW EXECUTE FUNCTION activities_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS activities_event_append_only ON activities_registrationevent;
DROP FUNCTION IF EXISTS activities_append_only();
DROP SEQUENCE IF EXISTS activities_arrival;
ALTER TABLE activities_registration DROP CONSTRAINT IF EXISTS registration_seat_of_own_period;
"""


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, reverse_sql=DROP)]
