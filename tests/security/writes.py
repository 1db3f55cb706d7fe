"""What a request wrote: PostgreSQL's per-transaction table statistics count every row a
statement inserted, updated or deleted (rolled back or not), in one query."""

from __future__ import annotations

from django.db import connection

# Bookkeeping a refused request may still do: the session of the signed-in client, the
# last use of an API token and the per-address rate-limit counters. Nothing here belongs
# to a resident or a municipality.
BOOKKEEPING = frozenset(
    {
        ("django_session", "ins"),
        ("django_session", "upd"),
        ("django_session", "del"),
        ("accounts_apiclient", "upd"),
        ("reports_ratelimitcounter", "ins"),
        ("reports_ratelimitcounter", "upd"),
    }
)


def table_writes() -> dict[tuple[str, str], int]:
    """(table, ins/upd/del) → rows touched so far in this transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        counts: dict[tuple[str, str], int] = {}
        for table, inserted, updated, deleted in cursor.fetchall():
            for operation, number in (("ins", inserted), ("upd", updated), ("del", deleted)):
                if number:
                    counts[(table, operation)] = number
        return counts


def writes_between(
    before: dict[tuple[str, str], int], after: dict[tuple[str, str], int]
) -> dict[tuple[str, str], int]:
    """The rows a request touched, bookkeeping left out."""
    return {
        key: number - before.get(key, 0)
        for key, number in after.items()
        if number != before.get(key, 0) and key not in BOOKKEEPING
    }
