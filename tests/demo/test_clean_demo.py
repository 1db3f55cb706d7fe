"""`make clean-demo` (scripts/clean_demo.py): deletes Loket's own data folder and nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "clean_demo.py"


def _clean(data_dir: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update({"LOKET_DATA_DIR": str(data_dir), "LOKET_MODE": "demo", **environment})
    return subprocess.run(
        [sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, check=False
    )


def test_clean_demo_removes_the_data_folder(tmp_path: Path) -> None:
    data_dir = tmp_path / "loket"
    (data_dir / "documents").mkdir(parents=True)
    (data_dir / "secret-key").write_text("key")

    result = _clean(data_dir)

    assert result.returncode == 0
    assert not data_dir.exists()
    assert result.stdout == f"clean-demo: removed {data_dir}\n"


def test_clean_demo_leaves_a_folder_that_is_not_loket_s(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")

    result = _clean(tmp_path)

    assert result.returncode == 1
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert "does not look like Loket's data folder" in result.stderr


def test_clean_demo_never_touches_a_database_it_does_not_own(tmp_path: Path) -> None:
    (tmp_path / "secret-key").write_text("key")

    result = _clean(tmp_path, DATABASE_URL="postgres://loket@db.example/loket")

    assert result.returncode == 1
    assert (tmp_path / "secret-key").exists()
    assert "DATABASE_URL is set" in result.stderr
