"""Reading bank statements: ISO 20022 CAMT.053 (XML) and Febelfin CODA (fixed width).

`common` holds what every parser returns; the parsers import it, and this package picks the
parser for a file."""

from __future__ import annotations

from loket.payments.statements.camt import camt053_parse
from loket.payments.statements.coda import coda_parse
from loket.payments.statements.common import (
    ParsedLine,
    ParsedStatement,
    StatementFileError,
)

__all__ = ["ParsedLine", "ParsedStatement", "StatementFileError", "statement_file_parse"]


def statement_file_parse(content: bytes) -> list[ParsedStatement]:
    """Recognise the format (XML: CAMT.053; 128-character records: CODA) and parse."""
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:5]
    if head.startswith(b"<"):
        return camt053_parse(content)
    if head[:1] == b"0":
        return coda_parse(content)
    raise StatementFileError("neither a CAMT.053 XML file nor a CODA file")
