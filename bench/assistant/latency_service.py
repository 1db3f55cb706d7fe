"""p95 latency of the whole `assistant_ask` service against PostgreSQL: knowledge
fingerprint, the municipality's offer, ranking, the answer's texts and links, and the
writes (question log, conversation, handover with its contact-centre question).

Everything happens inside one transaction that is rolled back at the end, so the
database (DATABASE_URL) is left as it was. If the catalogue is not loaded there, it is
loaded inside that transaction. Run from the repository root:

    DATABASE_URL=postgres://... .venv/bin/python bench/assistant/latency_service.py
"""

import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from loket.assistant.documents import shipped_phrasings  # noqa: E402
from loket.assistant.language import language_model_load  # noqa: E402
from loket.assistant.services import assistant_ask  # noqa: E402
from loket.assistant.teaching import shipped_phrasings_load  # noqa: E402
from loket.catalog.loading import catalog_load  # noqa: E402
from loket.tenancy.models import Municipality  # noqa: E402
from loket.tenancy.services import municipality_create_from_nis, region_create  # noqa: E402

DEVSET = Path(__file__).resolve().parent / "devset.jsonl"


class Rollback(Exception):
    """Raised to undo everything the measurement wrote."""


def main() -> None:
    rows = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines()]
    questions = [row["question"] for row in rows if row["split"] == "test"]
    language_model_load()
    latencies: list[float] = []
    try:
        with transaction.atomic():
            catalog_load()
            shipped_phrasings_load(phrasings=shipped_phrasings())
            municipality = Municipality.objects.order_by("pk").first()
            if municipality is None:
                region = region_create(slug="bench", name_nl="Bench", name_fr="Bench")
                municipality = municipality_create_from_nis(region=region, nis_code="34022")
            assistant_ask(question="warm-up", municipality=municipality)  # builds the index
            for number, question in enumerate(questions):
                start = time.perf_counter()
                assistant_ask(
                    question=question, municipality=municipality, session_key=f"bench-{number:06d}"
                )
                latencies.append((time.perf_counter() - start) * 1000)
            raise Rollback
    except Rollback:
        pass
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    print(
        f"assistant_ask over {len(latencies)} test questions (municipality {municipality.slug}): "
        f"median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
