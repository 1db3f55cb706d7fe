"""History and log tables are append-only, and the database says so.

Every domain appends its history through one function of its own (`case_event_append`,
`report_event_append`, ...), and there is never a function that changes or removes a row.
`append_only` is the migration operation that makes the database refuse it too:

    from loket.core.history import append_only

    operations = [append_only(table="reports_reportevent")]

UPDATE and DELETE are refused row by row (TRUNCATE stays possible, for the test database
flush). This also refuses what Django would do on behalf of a parent row: deleting the
parent of a CASCADE foreign key, or a SET_NULL foreign key's target, fails while history
rows point at it. That is deliberate: a record with history is closed or deactivated,
never deleted. Give history foreign keys PROTECT where the parent may otherwise be
deleted, so the refusal is a clear ProtectedError rather than a database error.
"""

from __future__ import annotations

from django.db import migrations


def append_only(*, table: str) -> migrations.RunSQL:
    """A reversible migration operation refusing UPDATE and DELETE on `table`."""
    name = f"{table}_append_only"
    create = f"""
CREATE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER {name}
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {name}();
"""
    drop = f"""
DROP TRIGGER IF EXISTS {name} ON {table};
DROP FUNCTION IF EXISTS {name}();
"""
    return migrations.RunSQL(create, reverse_sql=drop)
