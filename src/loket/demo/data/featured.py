"""Well-known demo residents (mentioned in the README) and demo organisations.

Their national register numbers are fixed: birth date plus the day counter given here
(odd for men, even for women).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FeaturedAddress:
    nis_code: str
    street: str
    number: str
    postal_code: str
    latitude: float
    longitude: float
    valid_from: dt.date
    valid_until: dt.date | None = None
    box: str = ""


@dataclass(frozen=True)
class FeaturedPerson:
    key: str
    first_names: str
    last_name: str
    birth_date: dt.date
    counter: int
    preferred_language: str
    preferred_channels: tuple[str, ...]
    addresses: tuple[FeaturedAddress, ...]  # the last one is the current address
    email: str = ""
    phone: str = ""
    nationality: str = "BE"


@dataclass(frozen=True)
class FeaturedHousehold:
    people: tuple[FeaturedPerson, ...]
    partners: tuple[tuple[str, str], ...] = ()
    parents: tuple[tuple[str, str], ...] = ()  # (parent key, child key)


@dataclass(frozen=True)
class DemoOrganisation:
    nis_code: str
    first_eight_digits: int
    name: str
    legal_form: str
    street: str
    number: str
    postal_code: str
    email: str
    representatives: tuple[str, ...] = field(default=())  # featured person keys


_KORTRIJK_HOME = FeaturedAddress(
    "34022", "Doorniksestraat", "112", "8500", 50.8195, 3.2640, dt.date(2013, 6, 1)
)
_MENEN_HOME = FeaturedAddress(
    "34027", "Rijselstraat", "45", "8930", 50.7945, 3.1205, dt.date(2009, 2, 1)
)
_BRUSSELS_HOME = FeaturedAddress(
    "21004",
    "Rue Haute - Hoogstraat",
    "150",
    "1000",
    50.8385,
    4.3480,
    dt.date(2019, 9, 1),
    box="2",
)

FEATURED_HOUSEHOLDS = (
    FeaturedHousehold(
        people=(
            FeaturedPerson(
                "sofie",
                "Sofie",
                "Vandenbroucke",
                dt.date(1986, 3, 14),
                142,
                "nl",
                ("portal", "email"),
                (
                    FeaturedAddress(
                        "34027",
                        "Kortrijkstraat",
                        "8",
                        "8930",
                        50.7990,
                        3.1300,
                        dt.date(2006, 9, 1),
                        dt.date(2013, 6, 1),
                    ),
                    _KORTRIJK_HOME,
                ),
                email="sofie.vandenbroucke@example.be",
                phone="+32475123456",
            ),
            FeaturedPerson(
                "thomas",
                "Thomas",
                "Desmet",
                dt.date(1984, 10, 2),
                87,
                "nl",
                ("email", "sms"),
                (_KORTRIJK_HOME,),
                email="thomas.desmet@example.be",
                phone="+32486234567",
            ),
            FeaturedPerson(
                "lotte",
                "Lotte",
                "Desmet",
                dt.date(2014, 5, 21),
                36,
                "nl",
                ("portal",),
                (
                    FeaturedAddress(
                        "34022",
                        "Doorniksestraat",
                        "112",
                        "8500",
                        50.8195,
                        3.2640,
                        dt.date(2014, 5, 21),
                    ),
                ),
            ),
            FeaturedPerson(
                "warre",
                "Warre",
                "Desmet",
                dt.date(2018, 9, 7),
                53,
                "nl",
                ("portal",),
                (
                    FeaturedAddress(
                        "34022",
                        "Doorniksestraat",
                        "112",
                        "8500",
                        50.8195,
                        3.2640,
                        dt.date(2018, 9, 7),
                    ),
                ),
            ),
        ),
        partners=(("sofie", "thomas"),),
        parents=(("sofie", "lotte"), ("sofie", "warre"), ("thomas", "lotte"), ("thomas", "warre")),
    ),
    FeaturedHousehold(
        people=(
            FeaturedPerson(
                "marie",
                "Marie",
                "Lefevere",
                dt.date(1974, 7, 19),
                218,
                "nl",
                ("sms", "portal"),
                (_MENEN_HOME,),
                email="marie.lefevere@example.be",
                phone="+32497345678",
            ),
            FeaturedPerson(
                "robbe",
                "Robbe",
                "Lefevere",
                dt.date(2011, 1, 28),
                115,
                "nl",
                ("portal",),
                (
                    FeaturedAddress(
                        "34027",
                        "Rijselstraat",
                        "45",
                        "8930",
                        50.7945,
                        3.1205,
                        dt.date(2011, 1, 28),
                    ),
                ),
            ),
        ),
        parents=(("marie", "robbe"),),
    ),
    FeaturedHousehold(
        people=(
            FeaturedPerson(
                "godelieve",
                "Godelieve",
                "Vanhoutte",
                dt.date(1941, 11, 3),
                64,
                "nl",
                ("letter",),
                (
                    FeaturedAddress(
                        "34027",
                        "Grote Markt",
                        "3",
                        "8930",
                        50.7965,
                        3.1215,
                        dt.date(1968, 4, 15),
                    ),
                ),
            ),
        ),
    ),
    FeaturedHousehold(
        people=(
            FeaturedPerson(
                "camille",
                "Camille",
                "Dubois",
                dt.date(1990, 2, 11),
                204,
                "fr",
                ("portal", "email"),
                (_BRUSSELS_HOME,),
                email="camille.dubois@example.be",
                phone="+32478456789",
            ),
            FeaturedPerson(
                "youssef",
                "Youssef",
                "El Amrani",
                dt.date(1988, 6, 30),
                171,
                "fr",
                ("email",),
                (_BRUSSELS_HOME,),
                email="youssef.elamrani@example.be",
            ),
            FeaturedPerson(
                "ines",
                "Inès",
                "El Amrani",
                dt.date(2021, 4, 3),
                92,
                "fr",
                ("portal",),
                (
                    FeaturedAddress(
                        "21004",
                        "Rue Haute - Hoogstraat",
                        "150",
                        "1000",
                        50.8385,
                        4.3480,
                        dt.date(2021, 4, 3),
                        box="2",
                    ),
                ),
            ),
        ),
        partners=(("camille", "youssef"),),
        parents=(("camille", "ines"), ("youssef", "ines")),
    ),
    FeaturedHousehold(
        people=(
            FeaturedPerson(
                "jef",
                "Jef",
                "Schepens",
                dt.date(1979, 12, 5),
                33,
                "nl",
                ("portal", "email"),
                (
                    FeaturedAddress(
                        "41048",
                        "Centrumlaan",
                        "20",
                        "9400",
                        50.8350,
                        4.0250,
                        dt.date(2005, 3, 1),
                    ),
                ),
                email="jef.schepens@example.be",
                phone="+32472567890",
            ),
        ),
    ),
)

ORGANISATIONS = (
    DemoOrganisation(
        "34022",
        1000001,
        "Bakkerij De Leiebloem",
        "BV",
        "Overleiestraat",
        "21",
        "8500",
        "info@leiebloem.example.be",
        ("thomas",),
    ),
    DemoOrganisation(
        "34022",
        1000002,
        "Sportclub Kortrijk-Noord",
        "vzw",
        "Brugsesteenweg",
        "140",
        "8500",
        "secretariaat@sportclub-kortrijk.example.be",
        ("sofie",),
    ),
    DemoOrganisation(
        "34027",
        1000003,
        "Frituur 't Pleintje",
        "CommV",
        "Grote Markt",
        "12",
        "8930",
        "pleintje@example.be",
        ("marie",),
    ),
    DemoOrganisation(
        "34040",
        1000004,
        "Garage Vercruysse",
        "NV",
        "Kortrijkseweg",
        "210",
        "8790",
        "garage@vercruysse.example.be",
    ),
    DemoOrganisation(
        "34041",
        1000005,
        "Schrijnwerkerij Verhelst",
        "BV",
        "Menenstraat",
        "77",
        "8560",
        "info@verhelst.example.be",
    ),
    DemoOrganisation(
        "21004",
        1000006,
        "Librairie des Marolles",
        "SRL",
        "Rue Haute - Hoogstraat",
        "98",
        "1000",
        "contact@librairie-marolles.example.be",
        ("camille",),
    ),
    DemoOrganisation(
        "21009",
        1000007,
        "Entraide Flagey",
        "ASBL",
        "Place Flagey - Flageyplein",
        "7",
        "1050",
        "bonjour@entraide-flagey.example.be",
    ),
    DemoOrganisation(
        "21012",
        1000008,
        "Boulangerie du Canal",
        "SRL",
        "Chaussée de Gand - Gentsesteenweg",
        "45",
        "1080",
        "info@boulangerie-canal.example.be",
        ("youssef",),
    ),
    DemoOrganisation(
        "41048",
        1000009,
        "Brouwerij De Dender",
        "BV",
        "Brakelsesteenweg",
        "300",
        "9400",
        "brouwerij@dender.example.be",
        ("jef",),
    ),
    DemoOrganisation(
        "21015",
        1000010,
        "Épicerie Colignon",
        "SRL",
        "Place Colignon - Colignonplein",
        "4",
        "1030",
        "epicerie@colignon.example.be",
    ),
)
