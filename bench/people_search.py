"""Benchmark: finding a resident by name in a region of 314,000 (Zuid-West-Vlaanderen).

The region's 13 municipalities hold 314,000 synthetic residents whose names are drawn from
Flemish and Walloon first names and surnames, written the ways the register writes them
("Van den Broucke", "Vandenbroucke", "Vanden Broucke", "D'Hondt", "Dhondt", "Lefèvre").
Searches as a clerk write them: a surname, a first name and surname, a surname with one
letter wrong or left out, a first name alone, without accents, run as a municipal clerk
(Kortrijk) and as a regional administrator (all 13 municipalities).

Measured per search kind and role, p50 and p95 over the searches:

- `persons_search` (the selector the residents page, the search box, the counter and the
  API call): exact surname pass, then the typo pass (KNN), then word similarity;
- the floor: the raw pg_trgm query on the whole name (`search_name %> query` under the
  same threshold, ordered by `word_similarity`, 25 rows), timed in the same run;
- with `--old`, the plan before the passes (that raw query through the ORM).

The residents are made once and reused while their count matches (about a minute).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench_people \\
        .venv/bin/python bench/people_search.py [--residents 314000] [--rounds 2] [--old]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time

from reports_common import django_setup, machine, machine_line, percentile

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loket_bench_people"
ZWVL = (
    "34022",  # Kortrijk
    "34027",  # Menen
    "34041",  # Wevelgem
    "34040",  # Waregem
    "34013",  # Harelbeke
    "34023",  # Kuurne
    "34025",  # Lendelede
    "34009",  # Deerlijk
    "34042",  # Zwevegem
    "34043",  # Spiere-Helkijn
    "34002",  # Anzegem
    "34003",  # Avelgem
    "33029",  # Wervik
)
# Relative sizes (Kortrijk is about a quarter of the region).
WEIGHTS = (77, 33, 32, 38, 28, 13, 6, 8, 25, 2, 15, 10, 19)
SURNAMES = [
    "Van den Broucke",
    "Vandenbroucke",
    "Vanden Broucke",
    "Vandenbrouke",
    "De Smet",
    "Desmet",
    "Declercq",
    "De Clercq",
    "Vermeulen",
    "Maes",
    "Peeters",
    "Janssens",
    "Claeys",
    "Verhaeghe",
    "Vanhoutte",
    "Van Houtte",
    "Devos",
    "De Vos",
    "Dewulf",
    "De Wulf",
    "Vandamme",
    "Van Damme",
    "Lefèvre",
    "Lefebvre",
    "Dubois",
    "Lambert",
    "Dupont",
    "Desmedt",
    "D'Hondt",
    "Dhondt",
    "Debaere",
    "Verschuere",
    "Vercruysse",
    "Vanneste",
    "Deconinck",
    "De Coninck",
    "Lambrecht",
    "Depoorter",
    "Vandewalle",
    "Van de Walle",
    "Vandecasteele",
    "Vanhoucke",
    "Verstraete",
    "Goethals",
    "Deprez",
    "Demeulenaere",
    "Verbeke",
    "Vandenberghe",
    "Van den Berghe",
    "Decock",
    "De Cock",
    "Callens",
    "Coucke",
    "Deleu",
    "Desender",
    "Dumortier",
    "Ghesquière",
    "Ghesquiere",
    "Hollevoet",
    "Lievens",
    "Mahieu",
    "Nuytten",
    "Ollevier",
    "Pattyn",
    "Rosseel",
    "Soenen",
    "Tanghe",
    "Vandekerckhove",
    "Vandenabeele",
    "Verhelst",
    "Wyffels",
    "Bossuyt",
    "Bekaert",
    "Catteeuw",
    "Dejonghe",
    "De Jonghe",
    "Feys",
    "Gheysens",
    "Herpoel",
    "Lannoo",
    "Maertens",
    "Martens",
    "Naert",
    "Opsomer",
    "Pype",
    "Ryckaert",
    "Seynaeve",
    "Tack",
    "Vanlerberghe",
    "Vandendriessche",
    "Van den Driessche",
    "Willaert",
    "Baert",
    "Boone",
    "Cools",
    "Dierickx",
    "Everaert",
    "Fonteyne",
    "Gadeyne",
    "Haerinck",
    "Inghelbrecht",
    "Kindt",
    "Lagae",
    "Meersseman",
    "Nolf",
    "Parmentier",
    "Quaghebeur",
    "Roelens",
    "Sabbe",
    "Termote",
    "Vanacker",
    "Van Acker",
    "Vanhee",
    "Vermeersch",
    "Wullaert",
    "Mertens",
    "Willems",
    "Jacobs",
    "Mercier",
    "Dufour",
    "Leroy",
    "Lemaire",
    "Dumont",
    "Martin",
    "Moreau",
    "Laurent",
    "Simon",
    "François",
    "Francois",
    "Delcroix",
    "Bouchez",
    "Carlier",
    "Delannoy",
    "Deschamps",
    "Duhamel",
    "Hennebert",
    "Lecomte",
    "Masson",
    "Noël",
    "Noel",
    "Picard",
    "Renard",
    "Rousseau",
    "Vasseur",
    "El Amrani",
    "Benali",
    "Yilmaz",
    "Kaya",
    "Öztürk",
    "Ozturk",
    "Nowak",
    "Kowalski",
    "Popescu",
    "Nguyen",
    "Ferreira",
]
FIRST_NAMES = [
    "Jan",
    "Piet",
    "Marc",
    "Luc",
    "Dirk",
    "Geert",
    "Koen",
    "Bart",
    "Tom",
    "Wim",
    "Pieter",
    "Stijn",
    "Jens",
    "Lukas",
    "Arne",
    "Wout",
    "Seppe",
    "Lars",
    "Noah",
    "Louis",
    "Jules",
    "Vic",
    "Mats",
    "Finn",
    "Rik",
    "Frans",
    "Jozef",
    "Roger",
    "Marcel",
    "André",
    "Andre",
    "Maria",
    "Anna",
    "An",
    "Els",
    "Katrien",
    "Griet",
    "Sofie",
    "Lien",
    "Lotte",
    "Fien",
    "Emma",
    "Louise",
    "Marie",
    "Lore",
    "Febe",
    "Nele",
    "Inge",
    "Hilde",
    "Rita",
    "Martine",
    "Christiane",
    "Godelieve",
    "Mariette",
    "Jeanne",
    "Josée",
    "Josee",
    "Hélène",
    "Helene",
    "Céline",
    "Celine",
    "Chloé",
    "Chloe",
    "Zoë",
    "Zoe",
    "Amélie",
    "Amelie",
    "Élise",
    "Elise",
    "Mohamed",
    "Fatima",
    "Yusuf",
    "Ayşe",
    "Ayse",
    "Aleksander",
    "Katarzyna",
    "Minh",
    "Linh",
    "Jean",
    "Pierre",
    "Michel",
    "Philippe",
    "Nathalie",
    "Isabelle",
    "Véronique",
    "Veronique",
    "Sébastien",
    "Sebastien",
    "Jérôme",
    "Jerome",
    "Gilles",
    "Thibault",
    "Maxime",
    "Manon",
    "Camille",
]


def _typo(rng: random.Random, word: str) -> str:
    """One letter wrong, left out or doubled (never the first)."""
    letters = [index for index, char in enumerate(word) if char.isalpha() and index > 0]
    if not letters:
        return word
    index = rng.choice(letters)
    kind = rng.choice(("drop", "swap", "double"))
    if kind == "drop":
        return word[:index] + word[index + 1 :]
    if kind == "double":
        return word[:index] + word[index] + word[index:]
    replacement = rng.choice([char for char in "aeioulnrst" if char != word[index].lower()])
    return word[:index] + replacement + word[index + 1 :]


def load(total: int) -> dict[str, object]:
    """The region and its residents (made once; reused while the count matches)."""
    from django.db import connection

    from loket.people.models import Person
    from loket.people.services import person_search_fields, search_surnames_record
    from loket.people.validators import national_number_build
    from loket.tenancy.models import Municipality, Region
    from loket.tenancy.services import municipality_create_from_nis, region_create

    region = Region.objects.filter(slug="zwvl-bench").first() or region_create(
        slug="zwvl-bench", name_nl="Zuid-West-Vlaanderen", name_fr="Flandre-Occidentale du Sud"
    )
    municipalities = [
        Municipality.objects.filter(nis_code=code).first()
        or municipality_create_from_nis(region=region, nis_code=code)
        for code in ZWVL
    ]
    if Person.objects.filter(region=region).count() != total:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE people_person CASCADE")
        rng = random.Random(314)
        started = time.perf_counter()
        batch: list[Person] = []
        birth = dt.date(1925, 1, 1)
        for index in range(total):
            day, counter = divmod(index, 900)
            born = birth + dt.timedelta(days=day % 36_000)
            first = rng.choice(FIRST_NAMES)
            if rng.random() < 0.15:
                first = f"{first} {rng.choice(FIRST_NAMES)}"
            last = rng.choice(SURNAMES)
            batch.append(
                Person(
                    region=region,
                    municipality=rng.choices(municipalities, weights=WEIGHTS)[0],
                    national_number=national_number_build(born, counter + 1 + day // 36_000),
                    first_names=first,
                    last_name=last,
                    birth_date=born,
                    **person_search_fields(first_names=first, last_name=last),
                )
            )
            if len(batch) == 5_000:
                Person.objects.bulk_create(batch)
                search_surnames_record(person.search_surname for person in batch)
                batch = []
        Person.objects.bulk_create(batch)
        search_surnames_record(person.search_surname for person in batch)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
        print(f"loaded {total:,} residents in {time.perf_counter() - started:.0f} s", flush=True)
    return {"region": region, "municipalities": municipalities}


def searches(rng: random.Random, count: int) -> dict[str, list[str]]:
    """Search texts per kind, as a clerk would type them."""
    kinds: dict[str, list[str]] = {
        "surname": [],
        "first and surname": [],
        "one letter off": [],
        "first name alone": [],
    }
    for _ in range(count):
        last = rng.choice(SURNAMES)
        kinds["surname"].append(last.lower() if rng.random() < 0.5 else last)
        kinds["first and surname"].append(f"{rng.choice(FIRST_NAMES)} {last}")
        kinds["one letter off"].append(_typo(rng, last.replace(" ", "")))
        kinds["first name alone"].append(rng.choice(FIRST_NAMES))
    return kinds


def raw_floor(query: str, municipality_ids: list[int]) -> list[int]:
    """The pg_trgm query persons_search stands on, as plain SQL."""
    from django.db import connection, transaction

    from loket.people.selectors import SEARCH_SIMILARITY_THRESHOLD
    from loket.people.services import name_normalise

    normalised = name_normalise(query)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SET LOCAL pg_trgm.word_similarity_threshold = %s", [SEARCH_SIMILARITY_THRESHOLD]
        )
        cursor.execute(
            "SELECT id FROM people_person WHERE municipality_id = ANY(%s) "
            "AND %s <%% search_name ORDER BY word_similarity(%s, search_name) DESC, "
            "last_name, first_names LIMIT 25",
            [municipality_ids, normalised, normalised],
        )
        return [row[0] for row in cursor.fetchall()]


def old_plan(query: str, municipality_ids: list[int]) -> list[int]:
    """The plan before the passes: word similarity on the whole name, every match ranked."""
    from django.contrib.postgres.search import TrigramWordSimilarity
    from django.db import connection, transaction

    from loket.people.models import Person
    from loket.people.selectors import SEARCH_SIMILARITY_THRESHOLD
    from loket.people.services import name_normalise

    normalised = name_normalise(query)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SET LOCAL pg_trgm.word_similarity_threshold = %s", [SEARCH_SIMILARITY_THRESHOLD]
        )
        return [
            person.pk
            for person in Person.objects.filter(
                municipality_id__in=municipality_ids, search_name__trigram_word_similar=normalised
            )
            .annotate(similarity=TrigramWordSimilarity(normalised, "search_name"))
            .select_related("municipality")
            .order_by("-similarity", "last_name", "first_names")[:25]
        ]


def _ms(samples: list[float], share: float) -> str:
    return f"{percentile(samples, share) * 1000:.1f} ms" if samples else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=314_000)
    parser.add_argument("--searches", type=int, default=40, help="per kind")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--old", action="store_true", help="also time the plan before")
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from loket.people.selectors import persons_search
    from loket.tenancy.access import Actor, ActorKind
    from loket.tenancy.permissions import Permission

    world = load(options.residents)
    municipalities = world["municipalities"]
    assert isinstance(municipalities, list)
    all_ids = [municipality.pk for municipality in municipalities]
    roles = {
        "clerk of Kortrijk": [all_ids[0]],
        "regional administrator": all_ids,
    }
    kinds = searches(random.Random(7), options.searches)
    print(f"load average before: {os.getloadavg()}", flush=True)
    print(
        "| search | role | persons_search p50 | p95 | raw pg_trgm floor p50 | p95 "
        "| old plan p50 | p95 | found |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, texts in kinds.items():
        for role, ids in roles.items():
            actor = Actor(
                kind=ActorKind.INTEGRATION,
                municipality_grants={Permission.PEOPLE_SEARCH: frozenset(ids)},
            )
            for text in texts[:5]:  # warm the caches
                persons_search(actor=actor, query=text)
                raw_floor(text, ids)
            selector: list[float] = []
            floor: list[float] = []
            old: list[float] = []
            found: list[int] = []
            for _ in range(options.rounds):
                for text in texts:
                    started = time.perf_counter()
                    rows = persons_search(actor=actor, query=text)
                    selector.append(time.perf_counter() - started)
                    found.append(len(rows))
                    started = time.perf_counter()
                    raw_floor(text, ids)
                    floor.append(time.perf_counter() - started)
                    if options.old:
                        started = time.perf_counter()
                        old_plan(text, ids)
                        old.append(time.perf_counter() - started)
            print(
                f"| {kind} | {role} | {_ms(selector, 0.5)} | {_ms(selector, 0.95)} "
                f"| {_ms(floor, 0.5)} | {_ms(floor, 0.95)} "
                f"| {_ms(old, 0.5)} | {_ms(old, 0.95)} "
                f"| {statistics.fmean(found):.1f} |",
                flush=True,
            )
    print(f"load average after: {os.getloadavg()}")
    print(f"machine: {machine_line(machine())}")


if __name__ == "__main__":
    main()
