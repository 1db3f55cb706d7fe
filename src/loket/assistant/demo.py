"""Demo data of the assistant: the phrasings shipped with Loket.

`assistant_demo_load()` runs with `loket demo_load`; idempotent.
"""

from __future__ import annotations

from loket.assistant.documents import shipped_phrasings
from loket.assistant.teaching import shipped_phrasings_load


def assistant_demo_load() -> int:
    """Load the shipped phrasings; how many were added."""
    return shipped_phrasings_load(phrasings=shipped_phrasings())
