"""The demo population, planned in memory: households of fictitious residents.

Everything here is deterministic: the municipalities are planned in a fixed order, each
with its own seeded random generator, so the same demo comes out on every run. Birth and
moving dates are fixed, never relative to today, so a run next year plans exactly the
same people.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from loket.demo.contacts import ContactPlanner
from loket.demo.data.featured import FEATURED_HOUSEHOLDS, FeaturedAddress, FeaturedPerson
from loket.demo.data.names import (
    MUNICIPALITY_ORIGIN_WEIGHTS,
    ORIGINS,
    REGION_ORIGIN_WEIGHTS,
    Origin,
)
from loket.demo.data.streets import STREETS
from loket.demo.planned import (
    Home,
    PlannedAddress,
    PlannedPerson,
    Population,
)
from loket.demo.points import PointSampler
from loket.people.validators import national_number_build, national_number_parse

SEED = "loket-demo-2026"
LAST_YEAR = 2025  # every planned date lies in 2025 or before
FIRST_CHILD_YEAR = 2008

# Where people who moved into a municipality came from, when not from their own region.
MOVED_FROM_OUTSIDE = {"41048": ("21001", "21004", "21012", "21007")}


def _date_in_year(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = sorted(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys])[0]


def family_name_for(origin: Origin, family_name: str, sex: str) -> str:
    """Polish family names ending in -ski/-cki/-dzki take the feminine -ska/-cka/-dzka."""
    if origin.code == "polish" and sex == "F" and family_name.endswith("ki"):
        return family_name[:-1] + "a"
    return family_name


class PopulationPlanner:
    """Plans the households of every demo municipality."""

    def __init__(
        self,
        *,
        boundaries: dict[str, dict[str, Any]],
        regions: dict[str, str],
        targets: dict[str, int],
    ) -> None:
        self.boundaries = boundaries  # NIS code -> GeoJSON geometry
        self.regions = regions  # NIS code -> region slug
        self.targets = targets  # NIS code -> number of residents
        self.population = Population()
        self._numbers: set[str] = set()
        self._contacts = ContactPlanner()
        self._samplers: dict[str, PointSampler] = {}
        # Nobody else gets the exact name of a well-known demo resident.
        self._featured_names = {
            (person.first_names, person.last_name)
            for household in FEATURED_HOUSEHOLDS
            for person in household.people
        }

    def plan(self) -> Population:
        self._featured()
        for nis_code in sorted(self.targets):
            rng = random.Random(f"{SEED}/{nis_code}")
            already = sum(1 for person in self.population.people if person.nis_code == nis_code)
            count = already
            while count < self.targets[nis_code]:
                count += self._household(rng, nis_code)
        return self.population

    # -- building blocks -----------------------------------------------------------------

    def _sampler(self, nis_code: str) -> PointSampler:
        if nis_code not in self._samplers:
            rng = random.Random(f"{SEED}/points/{nis_code}")
            self._samplers[nis_code] = PointSampler(self.boundaries[nis_code], rng)
        return self._samplers[nis_code]

    def _national_number(self, rng: random.Random, birth_date: dt.date, sex: str) -> str:
        first = 1 if sex == "M" else 2
        while True:
            number = national_number_build(birth_date, rng.randrange(first, 998, 2))
            if number not in self._numbers:
                self._numbers.add(number)
                return number

    def _address(
        self,
        rng: random.Random,
        nis_code: str,
        *,
        valid_from: dt.date,
        valid_until: dt.date | None = None,
    ) -> PlannedAddress:
        postal_codes = STREETS[nis_code]
        # The first postal code listed is the main town: most addresses are there.
        codes = list(postal_codes)
        weights = [6 if index == 0 else 1 for index in range(len(codes))]
        postal_code = rng.choices(codes, weights=weights)[0]
        street = rng.choice(postal_codes[postal_code])
        number = str(rng.randint(1, 220))
        if rng.random() < 0.05:
            number += rng.choice("AB")
        in_brussels = self.regions.get(nis_code) == "brussel"
        box = str(rng.randint(1, 24)) if rng.random() < (0.55 if in_brussels else 0.1) else ""
        latitude, longitude = self._sampler(nis_code).point()
        return PlannedAddress(
            nis_code=nis_code,
            street=street,
            number=number,
            box=box,
            postal_code=postal_code,
            latitude=latitude,
            longitude=longitude,
            valid_from=valid_from,
            valid_until=valid_until,
        )

    def _home(self, rng: random.Random, nis_code: str, *, settled_year: int) -> Home:
        """A home for a household whose oldest adult set up house around `settled_year`."""
        since = _date_in_year(rng, min(max(settled_year, 1965), LAST_YEAR))
        if rng.random() < 0.08 and since < dt.date(2024, 1, 1):
            moved_on = _date_between(rng, max(since, dt.date(2012, 1, 1)), dt.date(2025, 6, 30))
            if moved_on > since:
                previous_nis = self._moved_from(rng, nis_code)
                previous = self._address(rng, previous_nis, valid_from=since, valid_until=moved_on)
                current = self._address(rng, nis_code, valid_from=moved_on)
                return Home(current=current, previous=previous)
        return Home(current=self._address(rng, nis_code, valid_from=since))

    def _moved_from(self, rng: random.Random, nis_code: str) -> str:
        if nis_code in MOVED_FROM_OUTSIDE:
            return rng.choice(MOVED_FROM_OUTSIDE[nis_code])
        region = self.regions[nis_code]
        others = sorted(
            code for code, slug in self.regions.items() if slug == region and code != nis_code
        )
        return rng.choice(others)

    def _origin(self, rng: random.Random, nis_code: str) -> Origin:
        weights = dict(REGION_ORIGIN_WEIGHTS[self.regions[nis_code]])
        weights.update(MUNICIPALITY_ORIGIN_WEIGHTS.get(nis_code, {}))
        return ORIGINS[_weighted(rng, weights)]

    def _partner_origin(self, rng: random.Random, nis_code: str, origin: Origin) -> Origin:
        if rng.random() < 0.85:
            return origin
        return self._origin(rng, nis_code)

    def _person(
        self,
        rng: random.Random,
        *,
        origin: Origin,
        sex: str,
        birth_date: dt.date,
        family_name: str,
        language: str,
        home: Home,
        born_here: bool = False,
    ) -> PlannedPerson:
        choices = origin.first_names_for(sex=sex, birth_year=birth_date.year)
        last_name = family_name_for(origin, family_name, sex)
        first_names = rng.choice(choices)
        while (first_names, last_name) in self._featured_names:
            first_names = rng.choice(choices)
        if rng.random() < 0.3:  # a second first name, as many registers show
            second = rng.choice(choices)
            if second != first_names:
                first_names = f"{first_names} {second}"
        if born_here:
            nationality = "BE"
        else:
            codes = [code for code, _weight in origin.nationalities]
            weights = [weight for _code, weight in origin.nationalities]
            nationality = rng.choices(codes, weights=weights)[0]
        contact = self._contacts.contact_for(
            rng, first_names=first_names, last_name=last_name, birth_date=birth_date
        )
        person = PlannedPerson(
            national_number=self._national_number(rng, birth_date, sex),
            first_names=first_names,
            last_name=last_name,
            birth_date=birth_date,
            sex=sex,
            nationality=nationality,
            preferred_language=language,
            preferred_channels=contact.channels,
            email=contact.email,
            phone=contact.phone,
            addresses=home.addresses_for(birth_date),
            consents=contact.consents,
        )
        self.population.people.append(person)
        return person

    # -- households ----------------------------------------------------------------------

    def _household(self, rng: random.Random, nis_code: str) -> int:
        """Plan one household in the municipality; returns how many people it has."""
        kind = rng.choices(
            ("single", "couple", "family", "single_parent", "senior_single", "senior_couple"),
            weights=(22, 16, 32, 8, 12, 10),
        )[0]
        origin = self._origin(rng, nis_code)
        language = self._contacts.language_for(rng, origin=origin, region=self.regions[nis_code])
        if kind in ("single", "senior_single"):
            age = rng.randint(19, 64) if kind == "single" else rng.randint(66, 96)
            female_share = 0.5 if kind == "single" else 0.65
            sex = "F" if rng.random() < female_share else "M"
            birth = _date_in_year(rng, LAST_YEAR - age)
            home = self._home(rng, nis_code, settled_year=birth.year + rng.randint(20, 35))
            self._person(
                rng,
                origin=origin,
                sex=sex,
                birth_date=birth,
                family_name=rng.choice(origin.family),
                language=language,
                home=home,
            )
            return 1
        if kind in ("couple", "senior_couple"):
            age = rng.randint(24, 64) if kind == "couple" else rng.randint(66, 90)
            adults, _couple_home = self._couple(rng, nis_code, origin, language, age=age)
            return len(adults)
        if kind == "family":
            adults, home = self._couple(rng, nis_code, origin, language, age=rng.randint(28, 54))
        else:
            sex = "F" if rng.random() < 0.75 else "M"
            birth = _date_in_year(rng, LAST_YEAR - rng.randint(26, 55))
            home = self._home(rng, nis_code, settled_year=birth.year + rng.randint(22, 30))
            adults = [
                self._person(
                    rng,
                    origin=origin,
                    sex=sex,
                    birth_date=birth,
                    family_name=rng.choice(origin.family),
                    language=language,
                    home=home,
                )
            ]
        children = self._children(rng, adults, home, origin, language, kind=kind)
        return len(adults) + len(children)

    def _couple(
        self, rng: random.Random, nis_code: str, origin: Origin, language: str, *, age: int
    ) -> tuple[list[PlannedPerson], Home]:
        first_birth = _date_in_year(rng, LAST_YEAR - age)
        second_year = min(first_birth.year + rng.randint(-6, 6), LAST_YEAR - 20)
        second_birth = _date_in_year(rng, second_year)
        sexes = ("M", "F") if rng.random() < 0.92 else rng.choice((("M", "M"), ("F", "F")))
        home = self._home(
            rng,
            nis_code,
            settled_year=min(first_birth.year, second_birth.year) + rng.randint(22, 32),
        )
        second_origin = self._partner_origin(rng, nis_code, origin)
        first = self._person(
            rng,
            origin=origin,
            sex=sexes[0],
            birth_date=first_birth,
            family_name=rng.choice(origin.family),
            language=language,
            home=home,
        )
        second = self._person(
            rng,
            origin=second_origin,
            sex=sexes[1],
            birth_date=second_birth,
            family_name=rng.choice(second_origin.family),
            language=language,
            home=home,
        )
        self.population.add_partners(first, second)
        return [first, second], home

    def _children(
        self,
        rng: random.Random,
        parents: Sequence[PlannedPerson],
        home: Home,
        origin: Origin,
        language: str,
        *,
        kind: str,
    ) -> list[PlannedPerson]:
        youngest_parent = max(parent.birth_date for parent in parents)
        first_year = max(FIRST_CHILD_YEAR, youngest_parent.year + 20)
        last_year = min(LAST_YEAR, youngest_parent.year + 45)
        if first_year > last_year:
            return []
        count = rng.choice((1, 2, 2, 3)) if kind == "family" else rng.choice((1, 1, 2))
        # The children carry the family name of the first parent (the father in a
        # mixed couple, as most registers still show).
        family_name = parents[0].last_name
        if origin.code == "polish" and family_name.endswith("ka"):
            family_name = family_name[:-1] + "i"
        children = []
        for _ in range(count):
            birth = _date_in_year(rng, rng.randint(first_year, last_year))
            child = self._person(
                rng,
                origin=origin,
                sex=rng.choice("MF"),
                birth_date=birth,
                family_name=family_name,
                language=language,
                home=home,
                born_here=True,
            )
            for parent in parents:
                self.population.add_parent(parent, child)
            children.append(child)
        return children

    # -- featured residents --------------------------------------------------------------

    def _featured(self) -> None:
        for household in FEATURED_HOUSEHOLDS:
            by_key = {person.key: self._featured_person(person) for person in household.people}
            for first, second in household.partners:
                self.population.add_partners(by_key[first], by_key[second])
            for parent, child in household.parents:
                self.population.add_parent(by_key[parent], by_key[child])

    def _featured_person(self, featured: FeaturedPerson) -> PlannedPerson:
        number = national_number_build(featured.birth_date, featured.counter)
        parsed = national_number_parse(number)
        self._numbers.add(number)
        self._contacts.email_reserve(featured.email)
        person = PlannedPerson(
            national_number=number,
            first_names=featured.first_names,
            last_name=featured.last_name,
            birth_date=featured.birth_date,
            sex=parsed.sex or "X",
            nationality=featured.nationality,
            preferred_language=featured.preferred_language,
            preferred_channels=list(featured.preferred_channels),
            email=featured.email,
            phone=featured.phone,
            addresses=[_featured_address(address) for address in featured.addresses],
            consents={"surveys": True, "suggestions": True, "newsletter": False},
        )
        self.population.people.append(person)
        return person


def _featured_address(address: FeaturedAddress) -> PlannedAddress:
    return PlannedAddress(
        nis_code=address.nis_code,
        street=address.street,
        number=address.number,
        box=address.box,
        postal_code=address.postal_code,
        latitude=address.latitude,
        longitude=address.longitude,
        valid_from=address.valid_from,
        valid_until=address.valid_until,
    )
