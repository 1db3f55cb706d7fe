"""Absolute links for messages, letters and QR codes (LOKET_PUBLIC_URL)."""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (as returned by `reverse`) on the public address of this installation."""
    base = str(settings.LOKET_PUBLIC_URL).rstrip("/")
    return f"{base}/{path.lstrip('/')}"
