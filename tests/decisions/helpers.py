"""Reading back what a letter says and where its signature sits."""

from __future__ import annotations

import io
import re

from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def signed_ranges(data: bytes) -> list[tuple[int, int]]:
    """The (start, end) byte ranges the signature covers."""
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    first_start, first_length, second_start, second_length = signature.byte_range
    return [
        (first_start, first_start + first_length),
        (second_start, second_start + second_length),
    ]


def first_stream_offset(data: bytes) -> int:
    """An offset inside the data of the first content stream (compressed page content)."""
    match = re.search(rb"stream\r?\n", data)
    assert match is not None
    return match.end() + 20


def byte_flipped(data: bytes, offset: int) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= 0x01
    return bytes(changed)
