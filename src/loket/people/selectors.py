"""Reads of the resident register, always scoped to what the actor may see."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Collate
from django.http import Http404

from loket.people.models import (
    Address,
    Consent,
    HouseholdLink,
    HouseholdRelation,
    Organisation,
    Person,
    SearchSurname,
)
from loket.people.services import name_normalise, surname_compact
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    from loket.audit.models import AccessChannel, AccessPurpose

SEARCH_SIMILARITY_THRESHOLD = 0.45
_NATIONAL_NUMBER = re.compile(r"^[\d\s.\-]{11,15}$")


def persons_visible_to(
    *, actor: Actor, permission: Permission = Permission.PEOPLE_VIEW
) -> QuerySet[Person]:
    """Staff see the residents living in their municipalities; a resident sees themselves
    and their children; nobody else sees anyone."""
    if actor.is_resident and actor.person_id is not None:
        child_ids = HouseholdLink.objects.filter(
            person_id=actor.person_id, relation=HouseholdRelation.PARENT
        ).values("relative_id")
        return Person.objects.filter(pk=actor.person_id) | Person.objects.filter(pk__in=child_ids)
    municipality_ids = actor.municipality_ids(permission)
    if not municipality_ids:
        return Person.objects.none()
    return Person.objects.filter(municipality_id__in=municipality_ids)


def person_get_visible(
    *, actor: Actor, person_id: int, permission: Permission = Permission.PEOPLE_VIEW
) -> Person:
    """One resident with their current address, or 404 when the actor may not see them."""
    person = (
        persons_visible_to(actor=actor, permission=permission)
        .select_related("municipality", "region")
        .filter(pk=person_id)
        .first()
    )
    if person is None:
        raise Http404
    return person


def person_by_national_number(
    *, actor: Actor, national_number: str, permission: Permission = Permission.PEOPLE_SEARCH
) -> Person | None:
    """The resident with this national register number among those the actor may see;
    None for a number nobody has and for a resident outside the actor's scope alike."""
    digits = "".join(c for c in national_number if c.isdigit())
    if not digits:
        return None
    return (
        persons_visible_to(actor=actor, permission=permission)
        .select_related("municipality")
        .filter(national_number=digits)
        .first()
    )


def person_in_municipality_by_national_number(
    *, municipality_id: int, national_number: str
) -> Person | None:
    """The resident of this municipality with this national register number (to name a
    mandatee); None for a number nobody there has, exactly as for one nobody has at all."""
    digits = "".join(c for c in national_number if c.isdigit())
    if len(digits) != 11:
        return None
    return Person.objects.filter(municipality_id=municipality_id, national_number=digits).first()


def persons_with_national_numbers(numbers: Iterable[str]) -> list[Person]:
    """The registered persons behind national numbers (for the access log of a household
    shown with a record; never returned to a caller as data)."""
    wanted = [n for n in numbers if n]
    if not wanted:
        return []
    return list(Person.objects.filter(national_number__in=wanted).order_by("pk"))


def organisations_visible_to(
    *, actor: Actor, permission: Permission = Permission.PEOPLE_VIEW
) -> QuerySet[Organisation]:
    """Staff and integrations see the organisations with their registered office in a
    municipality where they hold the permission; a resident those they represent."""
    if actor.is_resident and actor.person_id is not None:
        return Organisation.objects.filter(representatives__id=actor.person_id).distinct()
    municipality_ids = actor.municipality_ids(permission)
    if not municipality_ids:
        return Organisation.objects.none()
    return Organisation.objects.filter(municipality_id__in=municipality_ids)


@dataclass(frozen=True)
class PersonRead:
    """A resident read for a purpose: the register data, and the household when the
    reader may see the 360° view (None otherwise)."""

    person: Person
    household: dict[str, list[Person]] | None


def person_read_for_purpose(
    *,
    actor: Actor,
    person_id: int,
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
    permission: Permission = Permission.PEOPLE_VIEW,
    municipality_id: int | None = None,
    with_household: bool = False,
) -> PersonRead:
    """One resident read for a purpose (404 outside the actor's scope), with the household
    when asked for and the reader may see the 360° view. The read, and each household
    member shown with it, is written to the access log on behalf of `municipality_id` (by
    default the resident's municipality, where the reader holds the permission)."""
    from loket.audit.services import access_log_record

    person = person_get_visible(actor=actor, person_id=person_id, permission=permission)
    household = (
        household_of(person=person)
        if with_household and actor.has(Permission.PEOPLE_VIEW_360, person.municipality_id)
        else None
    )
    shown = [member for members in (household or {}).values() for member in members]
    access_log_record(
        actor=actor,
        person=person,
        purpose=purpose,
        what=what,
        channel=channel,
        municipality_id=municipality_id or person.municipality_id,
        household=shown,
    )
    return PersonRead(person=person, household=household)


def persons_search(*, actor: Actor, query: str, limit: int = 25) -> list[Person]:
    """Residents the actor may search, best match first: exact on a national register
    number, an e-mail address, a phone number or an address ("Hoogstraat 150"); for a name
    typo- and accent-tolerant, in passes that each stop at `limit` rows (see `_by_name`)."""
    query = query.strip()
    scope = persons_visible_to(actor=actor, permission=Permission.PEOPLE_SEARCH)
    if not query or limit < 1:
        return []
    scope = scope.select_related("municipality")
    digits = re.sub(r"\D", "", query)
    if _NATIONAL_NUMBER.match(query) and len(digits) == 11:
        return list(scope.filter(national_number=digits)[:limit])
    if "@" in query:
        return list(scope.filter(email__iexact=query)[:limit])
    if _PHONE.match(query):
        return list(scope.filter(phone__in=_phone_forms(query))[:limit])
    address = _ADDRESS.match(query)
    if address:
        return _by_address(scope, address["street"], address["number"], limit)
    return _by_name(scope, name_normalise(query), limit)


SURNAME_SIMILARITY_THRESHOLD = 0.3
# The typo pass reads the residents of at most this many nearest surnames.
TYPO_SURNAMES = 5
_PHONE = re.compile(r"^\+?[\d\s./\-()]{9,20}$")
_ADDRESS = re.compile(r"^(?P<street>\D*\D)\s+(?P<number>\d+\w*)\b.*$")


def _phone_forms(query: str) -> list[str]:
    """The ways a phone number is written in the register: "+32470123456" and as typed."""
    digits = re.sub(r"\D", "", query)
    if query.startswith("+"):
        international = f"+{digits}"
    elif digits.startswith("00"):
        international = f"+{digits[2:]}"
    elif digits.startswith("0"):
        international = f"+32{digits[1:]}"
    else:
        international = f"+{digits}"
    national = f"0{international[3:]}" if international.startswith("+32") else digits
    return sorted({query, digits, international, national})


def _by_address(scope: QuerySet[Person], street: str, number: str, limit: int) -> list[Person]:
    """Residents whose current address is this street (accents and case ignored) and number."""
    living = Address.objects.filter(
        valid_until__isnull=True,
        street__unaccent__iexact=" ".join(street.replace(",", " ").split()),
        number__iexact=number,
    ).values("person_id")
    return list(scope.filter(pk__in=living).order_by("last_name", "first_names")[:limit])


def _surname_runs(normalised: str) -> list[tuple[str, str]]:
    """The query read as (first names, surname): every run of words at its start or its end
    taken as the surname, in one word as `search_surname` holds it, the rest as the first
    names ("sofie van den broucke" → ("sofie", "vandenbroucke"), ("", "sofievandenbroucke"),
    ("van den broucke", "sofie"), …); longest surname first."""
    words = normalised.split()
    runs: set[tuple[str, str]] = set()
    for cut in range(len(words)):
        runs.add((" ".join(words[:cut]), surname_compact(" ".join(words[cut:]))))
        if cut:
            runs.add((" ".join(words[cut:]), surname_compact(" ".join(words[:cut]))))
    return sorted((run for run in runs if len(run[1]) >= 2), key=lambda run: (-len(run[1]), run))


def _surnames_nearest(candidates: list[str], *, known: set[str]) -> list[tuple[str, str]]:
    """(candidate, listed surname) for the `TYPO_SURNAMES` listed surnames nearest to the
    candidates by trigram distance and similar enough, nearest first (KNN on the GiST
    index of the short list of distinct surnames; the similarity is compared outside the
    index so that no setting has to change for it)."""
    if not candidates:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.candidate, s.surname FROM unnest(%s::text[]) AS c(candidate) "
            "CROSS JOIN LATERAL (SELECT surname, surname <-> c.candidate AS distance "
            "FROM people_searchsurname WHERE NOT surname = ANY(%s::text[]) "
            "AND abs(length(surname) - length(c.candidate)) <= 2 "
            "ORDER BY surname <-> c.candidate LIMIT %s) AS s "
            "WHERE s.distance <= %s ORDER BY s.distance, s.surname LIMIT %s",
            [
                candidates,
                sorted(known),
                TYPO_SURNAMES,
                1 - SURNAME_SIMILARITY_THRESHOLD,
                TYPO_SURNAMES,
            ],
        )
        return [(candidate, surname) for candidate, surname in cursor.fetchall()]


def _fill_by_surnames(
    scope: QuerySet[Person], runs: list[tuple[str, str]], found: list[Person], limit: int
) -> None:
    """Add to `found`, up to `limit`: first the residents with one of these surnames whose
    first names start with the rest of the query, then the others with these surnames,
    surname by surname, in name order (each an ordered range of the B-tree index)."""
    by_name = Collate("search_name", "C")
    with_first = Q()
    for first, surname in runs:
        if first:
            with_first |= Q(search_surname=surname, name_c__startswith=f"{first} ")
    if with_first:
        found += list(
            scope.annotate(name_c=by_name)
            .filter(with_first)
            .order_by("name_c")[: limit - len(found)]
        )
    for surname in dict.fromkeys(surname for _, surname in runs):
        if len(found) >= limit:
            return
        found += list(
            scope.annotate(name_c=by_name)
            .filter(search_surname=surname)
            .exclude(pk__in=[person.pk for person in found])
            .order_by("name_c")[: limit - len(found)]
        )


def _by_name(scope: QuerySet[Person], normalised: str, limit: int) -> list[Person]:
    """Four passes, each only when the ones before found fewer than `limit` residents:

    1. exact: the surname, written in one word ("vandenbroucke" for "Van den Broucke"), is
       the query or a run of words at either end of it, the rest of the query starting the
       first names ranks first (B-tree on surname + name, per municipality or overall);
    2. first names: the whole name starts with the query ("jan", "marie louise"; B-tree on
       `search_name COLLATE "C"`);
    3. typo: the same as 1 with the surnames nearest to those runs by trigram distance and
       at most two letters longer or shorter, looked up in the short list of distinct
       surnames (`SearchSurname`, GiST KNN);
    4. anything else (a first name further on, a typo in the first names): pg_trgm word
       similarity on the whole name (`search_name`, GIN), best first.
    """
    runs = _surname_runs(normalised)
    if not runs:
        return []
    candidates = sorted({surname for _, surname in runs})
    known = set(
        SearchSurname.objects.filter(surname__in=candidates).values_list("surname", flat=True)
    )
    found: list[Person] = []
    _fill_by_surnames(scope, [run for run in runs if run[1] in known], found, limit)
    if len(found) < limit:
        found += list(
            scope.annotate(name_c=Collate("search_name", "C"))
            .filter(name_c__startswith=f"{normalised} ")
            .exclude(pk__in=[person.pk for person in found])
            .order_by("name_c")[: limit - len(found)]
        )
    if len(found) >= limit:
        return found
    nearest = _surnames_nearest(
        [surname for surname in candidates if len(surname) >= 3], known=known
    )
    typo_runs = [
        (first, near)
        for candidate, near in nearest
        for first, surname in runs
        if surname == candidate
    ]
    _fill_by_surnames(scope, typo_runs, found, limit)
    if len(found) >= limit:
        return found
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SET LOCAL pg_trgm.word_similarity_threshold = %s", [SEARCH_SIMILARITY_THRESHOLD]
        )
        found += list(
            scope.filter(search_name__trigram_word_similar=normalised)
            .exclude(pk__in=[person.pk for person in found])
            .annotate(similarity=TrigramWordSimilarity(normalised, "search_name"))
            .order_by("-similarity", "last_name", "first_names")[: limit - len(found)]
        )
    return found


def address_current(*, person: Person) -> Address | None:
    return (
        Address.objects.select_related("municipality")
        .filter(person=person, valid_until__isnull=True)
        .first()
    )


def addresses_of(*, person: Person) -> QuerySet[Address]:
    return Address.objects.select_related("municipality").filter(person=person)


def household_of(*, person: Person) -> dict[str, list[Person]]:
    """Partners, children and parents of a person."""
    links = HouseholdLink.objects.select_related("person", "relative").filter(
        person=person
    ) | HouseholdLink.objects.select_related("person", "relative").filter(relative=person)
    partners: list[Person] = []
    children: list[Person] = []
    parents: list[Person] = []
    for link in links:
        if link.relation == HouseholdRelation.PARTNER and link.person_id == person.pk:
            partners.append(link.relative)
        elif link.relation == HouseholdRelation.PARENT and link.person_id == person.pk:
            children.append(link.relative)
        elif link.relation == HouseholdRelation.PARENT and link.relative_id == person.pk:
            parents.append(link.person)
    return {"partners": partners, "children": children, "parents": parents}


def persons_with_current_address(queryset: QuerySet[Person]) -> QuerySet[Person]:
    """Prefetch the current address as `current_addresses` (a one-item list)."""
    return queryset.prefetch_related(
        Prefetch(
            "addresses",
            queryset=Address.objects.filter(valid_until__isnull=True).select_related(
                "municipality"
            ),
            to_attr="current_addresses",
        )
    )


def consent_records_of(*, person: Person) -> dict[str, Consent]:
    """The resident's answer per consent purpose with when and by whom it was recorded
    (the caller has the resident from a selector); purposes never answered are left out."""
    return {
        consent.purpose: consent
        for consent in Consent.objects.filter(person=person).select_related("recorded_by_user")
    }


def consents_of(*, person: Person) -> dict[str, bool]:
    """The resident's answer per consent purpose (purposes never answered are left out)."""

    return dict(Consent.objects.filter(person=person).values_list("purpose", "granted"))


def consents_detail_of(*, person: Person) -> dict[str, Consent]:
    """The resident's consents per purpose, with when and by whom they were last recorded
    (purposes never answered are left out)."""
    return {
        consent.purpose: consent
        for consent in Consent.objects.filter(person=person).select_related("recorded_by_user")
    }


def person_for_sign_in(*, national_number: str) -> Person | None:
    """The resident whom an identity provider proved to hold this national register
    number, if they are in this installation's register (None if not). Only for signing
    in: the number comes from a verified sign-in, not from anyone's input."""
    digits = "".join(c for c in national_number if c.isdigit())
    if len(digits) != 11:
        return None
    return Person.objects.select_related("municipality").filter(national_number=digits).first()
