"""Check the translation catalogues: every .po parses, every compiled .mo matches its .po,
and (with --require-complete) the Dutch and French catalogues have no untranslated or fuzzy
message. `--write` recompiles the .mo files (pure Python, no gettext tools needed)."""

from __future__ import annotations

import argparse
import gettext
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "loket" / "locale"


def _catalogue_pairs() -> list[tuple[Path, Path]]:
    return [(po, po.with_suffix(".mo")) for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="recompile the .mo files")
    parser.add_argument("--require-complete", action="store_true")
    args = parser.parse_args()
    problems: list[str] = []
    for po_path, mo_path in _catalogue_pairs():
        language = po_path.parent.parent.name
        with po_path.open("rb") as handle:
            catalogue = read_po(handle, locale=language)
        if args.write:
            with mo_path.open("wb") as handle:
                write_mo(handle, catalogue)
        expected = {
            message.id if isinstance(message.id, str) else message.id[0]: message.string
            for message in catalogue
            if message.id
            and message.string
            and not message.fuzzy
            and (message.string if isinstance(message.string, str) else all(message.string))
        }
        if not mo_path.exists():
            problems.append(
                f"{mo_path} is missing: run `python scripts/check_translations.py --write`"
            )
            continue
        with mo_path.open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        compiled_ids = {key if isinstance(key, str) else key[0] for key in compiled._catalog if key}  # type: ignore[attr-defined]
        if set(expected) != compiled_ids:
            problems.append(
                f"{mo_path} is out of date: run `python scripts/check_translations.py --write`"
            )
        untranslated = [m.id for m in catalogue if m.id and (not m.string or m.fuzzy)]
        if language in {"nl", "fr"} and untranslated:
            line = f"{po_path}: {len(untranslated)} untranslated or fuzzy messages"
            if args.require_complete:
                problems.append(line)
            else:
                print(f"note: {line}")  # noqa: T201
    for problem in problems:
        print(problem, file=sys.stderr)  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
