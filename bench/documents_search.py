"""Benchmark: staff full-text search over 250,000 dossier documents.

Loads generated Dutch and French documents (bench/documents_corpus.py) into a separate
database with COPY, then times `documents_search` (the selector behind the back-office
search page: ranked ids, then highlighted snippets) for a municipal staff member and for a
regional one, over queries from rare to very common words.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench_docs \\
        .venv/bin/python bench/documents_search.py [--documents 250000] [--rounds 5] [--write]

The database name must contain "bench": the documents table is emptied before loading.
Loading is skipped when the database already holds the requested number of documents
(--reload forces it). --write puts the figures in BENCHMARKS.md under "## Documents".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loket_bench_docs"
TARGET_P95_MS = 100.0
# Kortrijk holds most of the documents; the others share the rest.
MUNICIPALITIES = (("34022", 0.70), ("34027", 0.10), ("34041", 0.10), ("34013", 0.10))
QUERIES: dict[str, tuple[str, ...]] = {
    "rare (a name, a reference)": (
        "Verhaeghe Hugo",
        "Vandenbroucke Zoë",
        "SD-2024-62809",
        "Coppens Inès Menen",
        "Lefebvre Amélie",
    ),
    "selective (a topic)": (
        "schuldbemiddeling",
        "huurwaarborg",
        "verwarmingstoelage",
        "garantie locative",
        "permis d'urbanisme",
        "mantelzorgpremie",
        "verslavingszorg",
        "bouwvergunningen",
    ),
    "common (a frequent word)": (
        "arbeidsongeschiktheid",
        "huisbezoek",
        "afbetalingsplan",
        "propriétaire",
        "assistant social",
        "dossier",
    ),
    "phrases and operators": (
        '"sociale huisvesting"',
        "energiefactuur -stookoliepremie",
        '"revenu d\'intégration" Kortrijk',
        "leefloon OR noodwoning",
    ),
}


NOTES = (
    'How the search stays within the target (docs/documents.md, "Search"): the vectors live '
    "in a narrow table of their own, appended in upload order; the candidates are the 1,000 "
    "most recent matches (from the GIN index for a rare word, newest first from a date index "
    "for a common one); only they are ranked, and snippets are made for one page. The "
    "generated corpus has a small vocabulary, so topic words match 10 to 15 % of the "
    "documents and common words up to 65 %: harder than real archives.",
    "",
    "Earlier designs, measured on the same machine (p95, staff member of Kortrijk / regional): "
    "ranking every match, vectors in the documents table: 259 / 268 ms already at 20,000 "
    "documents; the 1,000 most recent matches, vectors in the documents table: 156 / 145 ms "
    "at 250,000; a narrow vectors table filled in random date order: 303 / 442 ms.",
)


def _setup() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    database = os.environ["DATABASE_URL"].rsplit("/", 1)[-1]
    if "bench" not in database:
        sys.exit(f"refusing to run on {database!r}: the database name must contain 'bench'")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.config.settings")
    sys.path.insert(0, str(BENCH_DIR))
    import django

    django.setup()


def _municipality_ids() -> list[int]:
    from loket.tenancy.services import municipality_create_from_nis, region_create

    region = region_create(
        slug="bench-documents", name_nl="Benchmark", name_fr="Benchmark", official_languages="nl"
    )
    return [
        municipality_create_from_nis(region=region, nis_code=nis_code).pk
        for nis_code, _share in MUNICIPALITIES
    ]


def _load(total: int, municipality_ids: list[int]) -> dict[str, float]:
    import random

    from django.db import connection
    from documents_corpus import CorpusGenerator

    from loket.documents.languages import search_config_for

    timings: dict[str, float] = {}
    chooser = random.Random(7)
    weights = [share for _nis, share in MUNICIPALITIES]
    generator = CorpusGenerator()
    start_of_year = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("TRUNCATE documents_document CASCADE")
        cursor.execute("DROP INDEX IF EXISTS document_search_vector")
        cursor.execute(
            "CREATE TEMP TABLE staging (number int, municipality_id bigint, owner_id bigint, "
            "title text, body text, language varchar(2), search_config varchar(20), "
            "created_at timestamptz)"
        )
        started = time.perf_counter()
        copy_sql = "COPY staging FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:  # type: ignore[attr-defined]
            for number in range(total):
                document = generator.document()
                copy.write_row(
                    (
                        number,
                        chooser.choices(municipality_ids, weights)[0],
                        100_000 + number // 3,  # about three documents per case
                        document.title,
                        document.text,
                        document.language,
                        search_config_for(document.language),
                        start_of_year + dt.timedelta(seconds=chooser.randrange(365 * 86400)),
                    )
                )
        timings["generate and COPY"] = time.perf_counter() - started
        started = time.perf_counter()
        cursor.execute(
            """
            INSERT INTO documents_document (
                municipality_id, owner_type, owner_id, logical_id, version, is_current, title,
                kind, file_name, content_type, size_bytes, sha256, storage_backend,
                storage_key, language, search_config, text, extraction_status,
                extraction_error, extracted_at, visible_to_resident, uploaded_by_kind,
                created_at)
            SELECT municipality_id, 'case', owner_id, gen_random_uuid(), 1, true, title,
                'attachment', 'document-' || number || '.pdf', 'application/pdf',
                octet_length(body), encode(sha256(convert_to(body, 'UTF8')), 'hex'), 'local',
                'bench/' || number, language, search_config, body, 'done', '', created_at,
                false, 'staff', created_at
            FROM staging
            ORDER BY created_at
            """
        )
        # The same statement as the upload service's, for every row at once. Rows go in in
        # date order, as uploads arrive over a year.
        cursor.execute(
            """
            INSERT INTO documents_documentsearchentry
                (document_id, municipality_id, created_at, search_vector)
            SELECT id, municipality_id, created_at,
                setweight(to_tsvector(search_config::regconfig, title), 'A')
                || setweight(to_tsvector(search_config::regconfig, text), 'B')
            FROM documents_document
            ORDER BY created_at
            """
        )
        timings["INSERT with to_tsvector"] = time.perf_counter() - started
        started = time.perf_counter()
        cursor.execute(
            "CREATE INDEX document_search_vector ON documents_documentsearchentry "
            "USING gin (search_vector)"
        )
        timings["GIN index"] = time.perf_counter() - started
        cursor.execute("DROP TABLE staging")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE documents_document")
        cursor.execute("VACUUM ANALYZE documents_documentsearchentry")
    timings["VACUUM ANALYZE"] = time.perf_counter() - started
    return timings


def _load_timings_keep(timings: dict[str, float]) -> None:
    """Keep the load figures in the benchmark database, for later measurement-only runs."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_documents_load "
            "(position int PRIMARY KEY, step text, seconds float, loaded_on date)"
        )
        cursor.execute("DELETE FROM bench_documents_load")
        for position, (step, seconds) in enumerate(timings.items()):
            cursor.execute(
                "INSERT INTO bench_documents_load VALUES (%s, %s, %s, current_date)",
                [position, step, seconds],
            )


def _load_timings_kept() -> dict[str, float]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_documents_load') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return {}
        cursor.execute("SELECT step, seconds FROM bench_documents_load ORDER BY position")
        return dict(cursor.fetchall())


def _actors(municipality_ids: list[int]) -> dict[str, Any]:
    from loket.tenancy.access import Actor, ActorKind
    from loket.tenancy.permissions import Permission

    def staff(ids: list[int]) -> Actor:
        grants = frozenset(ids)
        return Actor(
            kind=ActorKind.STAFF,
            municipality_grants={
                Permission.DOCUMENTS_SEARCH: grants,
                Permission.DOCUMENTS_VIEW: grants,
            },
        )

    return {
        "staff member of Kortrijk": staff(municipality_ids[:1]),
        "regional staff member (4 municipalities)": staff(municipality_ids),
    }


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def _measure(actor: Any, rounds: int) -> dict[str, Any]:
    from loket.documents.models import DocumentSearchEntry
    from loket.documents.selectors import documents_search, search_query

    per_class: dict[str, list[float]] = {}
    matches: dict[str, int] = {}
    scope_filter = {
        "municipality_id__in": actor.municipality_ids(next(iter(actor.municipality_grants)))
    }
    for queries in QUERIES.values():
        for query in queries:
            documents_search(actor=actor, query=query)  # warm the cache
    for label, queries in QUERIES.items():
        for query in queries:
            matches[query] = DocumentSearchEntry.objects.filter(
                search_vector=search_query(query), **scope_filter
            ).count()
        timings: list[float] = []
        for _round in range(rounds):
            for query in queries:
                started = time.perf_counter()
                page = documents_search(actor=actor, query=query)
                timings.append((time.perf_counter() - started) * 1000)
                assert page.hits or matches[query] == 0, query
        per_class[label] = timings
    every = [value for values in per_class.values() for value in values]
    return {"per_class": per_class, "all": every, "matches": matches}


def _machine() -> dict[str, str]:
    def run(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, check=False).stdout
        except OSError:
            return ""

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in run(["lscpu"]).splitlines()
            if line.startswith("Model name")
        ),
        platform.processor(),
    )
    memory = next(
        (line.split()[1] for line in run(["free", "-h"]).splitlines() if line.startswith("Mem:")),
        "?",
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    return {
        "cpus": run(["nproc"]).strip(),
        "cpu": cpu,
        "memory": memory,
        "postgres": f"PostgreSQL {server} (shared_buffers {shared_buffers})",
        "python": platform.python_version(),
    }


def _report(
    total: int,
    rounds: int,
    results: dict[str, dict[str, Any]],
    loaded: dict[str, float],
    machine: dict[str, str],
    command: str,
) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('documents_document')), "
            "pg_size_pretty(pg_relation_size('documents_documentsearchentry')), "
            "pg_size_pretty(pg_total_relation_size('documents_documentsearchentry')), "
            "pg_size_pretty(pg_relation_size('document_search_vector'))"
        )
        table_size, entries_size, entries_total, index_size = cursor.fetchone()
        cursor.execute(
            "SELECT municipality_id, count(*) FROM documents_document GROUP BY 1 ORDER BY 2 DESC"
        )
        scopes = [count for _id, count in cursor.fetchall()]
    lines = [
        "## Documents",
        "",
        f"Full-text search over {total:,} dossier documents (generated Dutch and French "
        "letters, reports and certificates, 1.6 kB of text on average; 70% in Kortrijk, 10% in "
        "each of three other municipalities), through `documents_search`: the ranked page of "
        "20 ids, then the highlighted snippets of that page. Times are wall-clock in Python, "
        f"{rounds} rounds after one warm-up round, target p95 ≤ {TARGET_P95_MS:.0f} ms.",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {machine['cpus']} CPUs ({machine['cpu']}), {machine['memory']} memory, "
        f"shared with other work (load average {machine['load']}); {machine['postgres']}, "
        f"Python {machine['python']}",
        f"- Command: `{command}`",
        f"- Data: {', '.join(f'{count:,}' for count in scopes)} documents per municipality; "
        f"documents table {table_size}; search entries {entries_size} (with their vectors "
        f"and index {entries_total}), GIN index {index_size}",
    ]
    if loaded:
        lines.append(
            "- Load: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in loaded.items())
        )
    for actor_label, result in results.items():
        every = result["all"]
        lines += [
            "",
            f"### {actor_label}",
            "",
            "| queries | n | p50 ms | p95 ms | p99 ms | max ms |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        rows = [*result["per_class"].items(), ("all", every)]
        for label, values in rows:
            lines.append(
                f"| {label} | {len(values)} | {statistics.median(values):.1f} | "
                f"{_percentile(values, 0.95):.1f} | {_percentile(values, 0.99):.1f} | "
                f"{max(values):.1f} |"
            )
        counts = ", ".join(f"{query!r}: {count:,}" for query, count in result["matches"].items())
        lines += ["", f"Matching documents per query: {counts}."]
    lines += ["", *NOTES]
    return "\n".join(lines) + "\n"


def _write(section: str) -> None:
    path = REPOSITORY / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    start = text.find("## Documents")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + ("" if end == -1 else "\n" + text[end + 1 :])
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=250_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md")
    arguments = parser.parse_args()
    _setup()
    from django.core.management import call_command

    from loket.documents.models import Document

    call_command("migrate", verbosity=0)
    municipality_ids = _municipality_ids()
    loaded: dict[str, float] = {}
    if arguments.reload or Document.objects.count() != arguments.documents:
        print(f"loading {arguments.documents:,} documents …", flush=True)
        loaded = _load(arguments.documents, municipality_ids)
        _load_timings_keep(loaded)
        print(", ".join(f"{name}: {seconds:.1f} s" for name, seconds in loaded.items()))
    else:
        loaded = _load_timings_kept()
    load_before = os.getloadavg()[0]
    results = {
        label: _measure(actor, arguments.rounds)
        for label, actor in _actors(municipality_ids).items()
    }
    load_after = os.getloadavg()[0]
    command = " ".join(
        [
            "DATABASE_URL=" + os.environ["DATABASE_URL"],
            ".venv/bin/python",
            "bench/documents_search.py",
            *sys.argv[1:],
        ]
    )
    machine = _machine()
    machine["load"] = f"{load_before:.1f} before, {load_after:.1f} after the measurement"
    section = _report(arguments.documents, arguments.rounds, results, loaded, machine, command)
    print(section)
    if arguments.write:
        _write(section)
    worst = max(_percentile(result["all"], 0.95) for result in results.values())
    if worst > TARGET_P95_MS:
        sys.exit(f"p95 {worst:.1f} ms is above the target of {TARGET_P95_MS:.0f} ms")


if __name__ == "__main__":
    main()
