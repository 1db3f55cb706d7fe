"""The demo tenants: three regions, their municipalities, departments and staff accounts."""

from __future__ import annotations

from dataclasses import dataclass

from loket.tenancy.permissions import Role

# The one demo password. Demo only: `loket demo_load` refuses to run in production mode.
DEMO_PASSWORD = "demo-loket-2026"
# The one authenticator key of every demo staff account (two-step verification, base32 as
# authenticator apps take it). Demo only, like the password; in demo mode the verification
# page also shows the current code.
DEMO_TOTP_SECRET = "LOKETDEMOLOKETDEMOLOKETDEMOLOKET"


@dataclass(frozen=True)
class RegionSpec:
    slug: str
    name_nl: str
    name_fr: str
    name_en: str
    languages: str
    in_names: tuple[tuple[str, str], ...] = ()  # "in <region>" where "in/en <name>" is wrong


@dataclass(frozen=True)
class MunicipalitySpec:
    region: str
    nis_code: str
    slug: str
    name_en: str = ""


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name_nl: str
    name_fr: str
    name_en: str


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    role: Role
    region: str
    municipality: str | None = None  # NIS code; None for a region-wide membership
    department: str | None = None
    language: str = "nl"


REGIONS = (
    RegionSpec(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Sud-Ouest de la Flandre-Occidentale",
        name_en="South-West Flanders",
        languages="nl",
        in_names=(("fr", "dans le Sud-Ouest de la Flandre-Occidentale"),),
    ),
    RegionSpec(
        slug="brussel",
        name_nl="Brussels Hoofdstedelijk Gewest",
        name_fr="Région de Bruxelles-Capitale",
        name_en="Brussels-Capital Region",
        languages="fr,nl",
        in_names=(
            ("nl", "in het Brussels Hoofdstedelijk Gewest"),
            ("fr", "en Région de Bruxelles-Capitale"),
            ("en", "in the Brussels-Capital Region"),
        ),
    ),
    RegionSpec(
        slug="ninove",
        name_nl="Ninove",
        name_fr="Ninove",
        name_en="Ninove",
        languages="nl",
        in_names=(("fr", "à Ninove"),),
    ),
)

MUNICIPALITIES = (
    MunicipalitySpec("zuid-west-vlaanderen", "33029", "wervik"),
    MunicipalitySpec("zuid-west-vlaanderen", "34002", "anzegem"),
    MunicipalitySpec("zuid-west-vlaanderen", "34003", "avelgem"),
    MunicipalitySpec("zuid-west-vlaanderen", "34009", "deerlijk"),
    MunicipalitySpec("zuid-west-vlaanderen", "34013", "harelbeke"),
    MunicipalitySpec("zuid-west-vlaanderen", "34022", "kortrijk", "Kortrijk"),
    MunicipalitySpec("zuid-west-vlaanderen", "34023", "kuurne"),
    MunicipalitySpec("zuid-west-vlaanderen", "34025", "lendelede"),
    MunicipalitySpec("zuid-west-vlaanderen", "34027", "menen"),
    MunicipalitySpec("zuid-west-vlaanderen", "34040", "waregem"),
    MunicipalitySpec("zuid-west-vlaanderen", "34041", "wevelgem"),
    MunicipalitySpec("zuid-west-vlaanderen", "34042", "zwevegem"),
    MunicipalitySpec("zuid-west-vlaanderen", "34043", "spiere-helkijn"),
    MunicipalitySpec("brussel", "21001", "anderlecht"),
    MunicipalitySpec("brussel", "21002", "oudergem"),
    MunicipalitySpec("brussel", "21003", "sint-agatha-berchem"),
    MunicipalitySpec("brussel", "21004", "brussel", "City of Brussels"),
    MunicipalitySpec("brussel", "21005", "etterbeek"),
    MunicipalitySpec("brussel", "21006", "evere"),
    MunicipalitySpec("brussel", "21007", "vorst"),
    MunicipalitySpec("brussel", "21008", "ganshoren"),
    MunicipalitySpec("brussel", "21009", "elsene"),
    MunicipalitySpec("brussel", "21010", "jette"),
    MunicipalitySpec("brussel", "21011", "koekelberg"),
    MunicipalitySpec("brussel", "21012", "sint-jans-molenbeek"),
    MunicipalitySpec("brussel", "21013", "sint-gillis"),
    MunicipalitySpec("brussel", "21014", "sint-joost-ten-node"),
    MunicipalitySpec("brussel", "21015", "schaarbeek"),
    MunicipalitySpec("brussel", "21016", "ukkel"),
    MunicipalitySpec("brussel", "21017", "watermaal-bosvoorde"),
    MunicipalitySpec("brussel", "21018", "sint-lambrechts-woluwe"),
    MunicipalitySpec("brussel", "21019", "sint-pieters-woluwe"),
    MunicipalitySpec("ninove", "41048", "ninove"),
)

# Every municipality has the first four; the larger ones (see LARGE_MUNICIPALITY_POPULATION)
# also have a mobility service and a contact centre.
DEPARTMENTS = (
    DepartmentSpec("population", "Burgerzaken", "Population", "Civil affairs"),
    DepartmentSpec("public-works", "Openbare werken", "Travaux publics", "Public works"),
    DepartmentSpec("cleanliness", "Netheid", "Propreté", "Cleanliness"),
    DepartmentSpec("social", "Sociale dienst", "Service social", "Social services"),
)
LARGE_MUNICIPALITY_DEPARTMENTS = (
    DepartmentSpec("mobility", "Mobiliteit", "Mobilité", "Mobility"),
    DepartmentSpec("contact-centre", "Contactcenter", "Centre de contact", "Contact centre"),
)
LARGE_MUNICIPALITY_POPULATION = 25_000

# Bodies that work for the whole region (department without a municipality).
REGIONAL_DEPARTMENTS = {
    "brussel": (
        DepartmentSpec(
            "brussels-mobility", "Brussel Mobiliteit", "Bruxelles Mobilité", "Brussels Mobility"
        ),
    ),
    "zuid-west-vlaanderen": (
        DepartmentSpec(
            "waste-collection",
            "Intergemeentelijke afvalophaling",
            "Collecte intercommunale des déchets",
            "Intermunicipal waste collection",
        ),
    ),
}

KORTRIJK, MENEN, BRUSSEL_CITY, ELSENE, NINOVE = "34022", "34027", "21004", "21009", "41048"
ZWVL, BRUSSELS = "zuid-west-vlaanderen", "brussel"

# The function a decision letter names under the signatory (demo staff who decide), in the
# language of the letter.
JOB_TITLES = {
    "kortrijk.clerk": {
        "nl": "Baliemedewerker burgerzaken",
        "fr": "Agente d'accueil, service population",
        "en": "Civil affairs counter clerk",
    },
    "kortrijk.handler": {
        "nl": "Dossierbehandelaar burgerzaken",
        "fr": "Gestionnaire de dossiers, service population",
        "en": "Civil affairs case officer",
    },
    "kortrijk.mobility": {
        "nl": "Deskundige mobiliteit",
        "fr": "Experte en mobilité",
        "en": "Mobility officer",
    },
    "kortrijk.head": {
        "nl": "Diensthoofd burgerzaken",
        "fr": "Cheffe du service population",
        "en": "Head of civil affairs",
    },
    "kortrijk.secretary": {
        "nl": "Algemeen directeur",
        "fr": "Directeur général",
        "en": "General director",
    },
    "menen.clerk": {
        "nl": "Baliemedewerker burgerzaken",
        "fr": "Agente d'accueil, service population",
        "en": "Civil affairs counter clerk",
    },
    "menen.handler": {
        "nl": "Dossierbehandelaar burgerzaken",
        "fr": "Gestionnaire de dossiers, service population",
        "en": "Civil affairs case officer",
    },
    "brussel.clerk": {
        "nl": "Administratief medewerker, dienst bevolking",
        "fr": "Agente administrative, service population",
        "en": "Administrative officer, population service",
    },
}

STAFF = (
    StaffSpec("kortrijk.clerk", "Els", "Vandamme", Role.CLERK, ZWVL, KORTRIJK, "population"),
    StaffSpec("kortrijk.handler", "Bram", "Verhelst", Role.HANDLER, ZWVL, KORTRIJK, "population"),
    StaffSpec("kortrijk.works", "Kobe", "Vanneste", Role.HANDLER, ZWVL, KORTRIJK, "public-works"),
    # Decides the parking cards (a mobility case is decided by the mobility department).
    StaffSpec("kortrijk.mobility", "Lien", "Vercruysse", Role.HANDLER, ZWVL, KORTRIJK, "mobility"),
    StaffSpec(
        "kortrijk.head", "Griet", "Demeyere", Role.DEPARTMENT_HEAD, ZWVL, KORTRIJK, "population"
    ),
    StaffSpec("kortrijk.admin", "Pieter", "Lagae", Role.MUNICIPAL_ADMIN, ZWVL, KORTRIJK),
    StaffSpec("kortrijk.privacy", "Hilde", "Callens", Role.PRIVACY_OFFICER, ZWVL, KORTRIJK),
    # Prepares the meetings of the council and the college and publishes their decisions.
    StaffSpec("kortrijk.secretary", "Geert", "Dewaele", Role.SECRETARY, ZWVL, KORTRIJK),
    # A member of the council: the councillors' portal (closed items, private notes).
    StaffSpec("kortrijk.councillor", "Ilse", "Maes", Role.COUNCILLOR, ZWVL, KORTRIJK),
    # The social services: sees the sensitive signals of residents who consented.
    StaffSpec("kortrijk.social", "Lotte", "Vandewalle", Role.SOCIAL_WORKER, ZWVL, KORTRIJK),
    StaffSpec("menen.clerk", "Nathalie", "Deleu", Role.CLERK, ZWVL, MENEN, "population"),
    StaffSpec("menen.handler", "Stijn", "Vandenberghe", Role.HANDLER, ZWVL, MENEN, "population"),
    StaffSpec("zwvl.admin", "Annelies", "Vermeersch", Role.REGIONAL_ADMIN, ZWVL),
    StaffSpec("zwvl.dispatcher", "Jonas", "Decock", Role.DISPATCHER, ZWVL),
    StaffSpec("zwvl.contactcenter", "Evi", "Maes", Role.CONTACT_CENTRE, ZWVL),
    StaffSpec(
        "brussel.clerk",
        "Sophie",
        "Lambert",
        Role.CLERK,
        BRUSSELS,
        BRUSSEL_CITY,
        "population",
        "fr",
    ),
    StaffSpec("elsene.clerk", "Karim", "Benali", Role.CLERK, BRUSSELS, ELSENE, "population", "fr"),
    StaffSpec("brussel.dispatcher", "Lieve", "Janssens", Role.DISPATCHER, BRUSSELS),
    StaffSpec(
        "mobility.handler",
        "Julien",
        "Dupont",
        Role.HANDLER,
        BRUSSELS,
        None,
        "brussels-mobility",
        "fr",
    ),
    StaffSpec("brussel.admin", "Claire", "Martin", Role.REGIONAL_ADMIN, BRUSSELS, language="en"),
    StaffSpec("ninove.clerk", "Wim", "De Smet", Role.CLERK, "ninove", NINOVE, "population"),
    StaffSpec("ninove.admin", "Leen", "Van Den Bossche", Role.MUNICIPAL_ADMIN, "ninove", NINOVE),
)

# How many residents the demo register holds per municipality (approximately: whole
# households are added until the number is reached).
RESIDENTS_PER_MUNICIPALITY = {
    "34022": 360,
    "34027": 140,
    "34040": 130,
    "34013": 110,
    "34041": 110,
    "34042": 90,
    "33029": 70,
    "34002": 60,
    "34023": 60,
    "34009": 55,
    "34003": 45,
    "34025": 35,
    "34043": 20,
    "41048": 120,
    "21004": 150,
    "21015": 90,
    "21001": 85,
    "21012": 70,
    "21009": 70,
    "21016": 60,
    "21007": 45,
    "21018": 45,
    "21010": 40,
    "21013": 40,
    "21005": 40,
    "21006": 35,
    "21019": 35,
    "21002": 30,
    "21014": 25,
    "21017": 25,
    "21008": 25,
    "21003": 25,
    "21011": 22,
}
