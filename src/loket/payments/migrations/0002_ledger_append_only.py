"""The ledger is append-only: the database refuses to change or delete a movement row."""

from django.db import migrations

CREATE = """
CREATE FUNCTION payments_movement_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'payment movements are append-only (% refused)', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER payments_movement_append_only
    BEFORE UPDATE OR DELETE ON payments_paymentmovement
    FOR EACH ROW EXECUTE FUNCTION payments_movement_append_only();

CREATE TRIGGER payments_event_append_only
    BEFORE UPDATE OR DELETE ON payments_paymentrequestevent
    FOR EACH ROW EXECUTE FUNCTION payments_movement_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS payments_event_append_only ON payments_paymentrequestevent;
DROP TRIGGER IF EXISTS payments_movement_append_only ON payments_paymentmovement;
DROP FUNCTION IF EXISTS payments_movement_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, reverse_sql=DROP)]
