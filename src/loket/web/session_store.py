"""Database sessions whose key must look like one Loket issued.

Django accepts any cookie value of eight characters or more as a session key and looks
it up; a key holding a NUL byte (sent as ``sessionid="…\\000…"``) then fails in
PostgreSQL. Keys are issued as lowercase letters and digits, so anything else is treated
as no session at all.
"""

from __future__ import annotations

import re

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

_SESSION_KEY = re.compile(r"[a-z0-9]{8,64}")


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return bool(key) and _SESSION_KEY.fullmatch(key or "") is not None
