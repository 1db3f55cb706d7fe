"""Reading bank statements: ISO 20022 CAMT.053 (XML) and Febelfin CODA (fixed width)."""

from __future__ import annotations

from loket.payments.statements.common import (
    ParsedLine,
    ParsedStatement,
    StatementFileError,
    statement_file_parse,
)

__all__ = ["ParsedLine", "ParsedStatement", "StatementFileError", "statement_file_parse"]
