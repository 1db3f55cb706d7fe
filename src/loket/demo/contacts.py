"""How demo residents want to be reached: language, channels, email, phone, consents."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass

from loket.demo.data.names import Origin

REFERENCE_DATE = dt.date(2025, 12, 31)  # ages are counted on this fixed day

# Belgian mobile prefixes (04xx without the trunk zero).
MOBILE_PREFIXES = (
    "460",
    "465",
    "466",
    "467",
    "468",
    "470",
    "471",
    "472",
    "473",
    "474",
    "475",
    "476",
    "477",
    "478",
    "479",
    "483",
    "484",
    "485",
    "486",
    "487",
    "488",
    "489",
    "490",
    "491",
    "492",
    "493",
    "494",
    "495",
    "496",
    "497",
    "498",
    "499",
)
EMAIL_DOMAINS = ("example.be", "example.be", "example.be", "example.com", "example.org")

# Preferred language by origin: Flanders (and Ninove) first, Brussels second.
_LANGUAGES_FLANDERS: dict[str, tuple[tuple[str, int], ...]] = {
    "flemish": (("nl", 100),),
    "dutch": (("nl", 100),),
    "walloon": (("fr", 60), ("nl", 40)),
    "english": (("en", 85), ("nl", 15)),
}
_LANGUAGES_FLANDERS_OTHER = (("nl", 80), ("en", 12), ("fr", 8))
_LANGUAGES_BRUSSELS: dict[str, tuple[tuple[str, int], ...]] = {
    "flemish": (("nl", 90), ("fr", 10)),
    "dutch": (("nl", 80), ("en", 20)),
    "walloon": (("fr", 97), ("nl", 3)),
    "english": (("en", 90), ("fr", 10)),
    "moroccan": (("fr", 88), ("nl", 10), ("en", 2)),
    "turkish": (("fr", 75), ("nl", 20), ("en", 5)),
    "congolese": (("fr", 97), ("en", 3)),
}
_LANGUAGES_BRUSSELS_OTHER = (("fr", 65), ("en", 30), ("nl", 5))


@dataclass(frozen=True)
class Contact:
    channels: list[str]
    email: str
    phone: str
    consents: dict[str, bool]


def _ascii(text: str) -> str:
    # Turkish dotless i (U+0131) and Polish ł do not decompose into a base letter.
    decomposed = unicodedata.normalize("NFKD", text.replace("\u0131", "i").replace("ł", "l"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "".join(char for char in plain.lower() if char.isalnum())


def age_on_reference_date(birth_date: dt.date) -> int:
    years = REFERENCE_DATE.year - birth_date.year
    if (REFERENCE_DATE.month, REFERENCE_DATE.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


class ContactPlanner:
    """Plans contact details, keeping email addresses unique across the demo."""

    def __init__(self) -> None:
        self._emails: set[str] = set()

    def email_reserve(self, email: str) -> None:
        """Mark an address as taken (one of the well-known residents has it)."""
        if email:
            self._emails.add(email)

    def language_for(self, rng: random.Random, *, origin: Origin, region: str) -> str:
        if region == "brussel":
            options = _LANGUAGES_BRUSSELS.get(origin.code, _LANGUAGES_BRUSSELS_OTHER)
        else:
            options = _LANGUAGES_FLANDERS.get(origin.code, _LANGUAGES_FLANDERS_OTHER)
        codes = [code for code, _weight in options]
        return rng.choices(codes, weights=[weight for _code, weight in options])[0]

    def contact_for(
        self, rng: random.Random, *, first_names: str, last_name: str, birth_date: dt.date
    ) -> Contact:
        age = age_on_reference_date(birth_date)
        if age < 16:
            # Children are reached through their parents; their own page is enough.
            return Contact(channels=["portal"], email="", phone="", consents={})
        channels = self._channels(rng, age)
        has_email = "email" in channels or rng.random() < (0.4 if age >= 75 else 0.85)
        has_phone = "sms" in channels or rng.random() < (0.35 if age >= 75 else 0.75)
        email = self._email(rng, first_names, last_name) if has_email else ""
        phone = self._phone(rng) if has_phone else ""
        consents = {}
        if rng.random() < 0.6:
            consents = {
                "surveys": rng.random() < 0.45,
                "suggestions": rng.random() < 0.35,
                "newsletter": rng.random() < 0.3,
            }
        return Contact(channels=channels, email=email, phone=phone, consents=consents)

    def _channels(self, rng: random.Random, age: int) -> list[str]:
        # e-inclusion: many older residents prefer a letter by post.
        options: tuple[tuple[list[str], int], ...]
        if age >= 80:
            options = ((["letter"], 55), (["letter", "portal"], 25), (["portal", "email"], 20))
        elif age >= 70:
            options = ((["letter"], 25), (["portal", "email"], 55), (["sms", "letter"], 20))
        else:
            options = (
                (["portal", "email"], 62),
                (["email", "portal"], 14),
                (["sms", "portal"], 12),
                (["portal"], 6),
                (["email", "sms"], 4),
                (["letter", "email"], 2),
            )
        choices = [channels for channels, _weight in options]
        return list(rng.choices(choices, weights=[weight for _c, weight in options])[0])

    def _email(self, rng: random.Random, first_names: str, last_name: str) -> str:
        local = f"{_ascii(first_names.split()[0])}.{_ascii(last_name)}"
        domain = rng.choice(EMAIL_DOMAINS)
        email = f"{local}@{domain}"
        suffix = 2
        while email in self._emails:
            email = f"{local}{suffix}@{domain}"
            suffix += 1
        self._emails.add(email)
        return email

    def _phone(self, rng: random.Random) -> str:
        return f"+32{rng.choice(MOBILE_PREFIXES)}{rng.randrange(1_000_000):06d}"
