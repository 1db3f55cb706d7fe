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

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, migrations


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


# The one way past the trigger: the retention job's anonymisation (loket.audit.retention)
# sets this transaction-local setting while it replaces personal links and free text in
# rows that are past their retention period. DELETE stays refused, always.
ANONYMISATION_SETTING = "loket.anonymisation"

_REFUSE = """
    RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
"""


def append_only_anonymisable(*, function: str, also_allowed: str = "") -> migrations.RunSQL:
    """Replace an append-only trigger function (named `function`) by one that lets an
    UPDATE through while the transaction runs `anonymisation_allowed()`; the reverse puts the
    previous function back. DELETE is refused either way. `also_allowed` keeps an exception
    the table already had (a PL/pgSQL `IF ... THEN RETURN NEW; END IF;` block), in both
    directions."""
    allowing = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('{ANONYMISATION_SETTING}', true) = 'on' THEN
        RETURN NEW;
    END IF;
{also_allowed}
{_REFUSE}
END;
$$ LANGUAGE plpgsql;
"""
    previous = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
{also_allowed}
{_REFUSE}
END;
$$ LANGUAGE plpgsql;
"""
    return migrations.RunSQL(allowing, reverse_sql=previous)


@contextmanager
def anonymisation_allowed() -> Iterator[None]:
    """Within the caller's transaction, let append-only rows be UPDATEd (never deleted) by
    the anonymisation that runs inside this block. The setting is transaction-local
    (`set_config(..., true)`): it ends with the transaction whatever happens, and it is
    switched off again when the block ends. Only `loket.audit.retention` uses it, and it
    writes an `AnonymisationRecord` for every object it changes in the same transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("anonymisation_allowed() needs a transaction")
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', true)", [ANONYMISATION_SETTING])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'off', true)", [ANONYMISATION_SETTING])
