"""A small multilingual thesaurus of the words residents use for municipal matters.

Each concept lists, per language, words (folded: lower case, no accents) that residents
use for it. A question word found in the list of the question's language also searches
for the concept's words in every language, at `SYNONYM_WEIGHT`: "subsidie" finds
"premie", "passed away" finds "death", "domicile" finds "résidence". The lists describe
the domain (how people in Flanders and Brussels speak about these services), not any
particular question; they are part of the knowledge and can be extended like it.
"""

from __future__ import annotations

from functools import lru_cache

SYNONYM_WEIGHT = 0.8

CONCEPTS: tuple[dict[str, tuple[str, ...]], ...] = (
    {
        "nl": ("premie", "subsidie", "toelage", "tegemoetkoming", "steun"),
        "fr": ("prime", "subside", "subvention", "allocation", "aide"),
        "en": ("grant", "subsidy", "allowance", "premium"),
    },
    {
        "nl": ("overlijden", "overleden", "gestorven", "sterven", "dood", "overlijdensakte"),
        "fr": ("deces", "decede", "decedee", "mort", "morte", "mourir"),
        "en": ("death", "died", "dead", "passed", "deceased"),
    },
    {
        "nl": ("huwelijk", "trouwen", "huwen", "trouw", "trouwdatum"),
        "fr": ("mariage", "marier", "epouser", "noces"),
        "en": ("marriage", "marry", "married", "wedding"),
    },
    {
        "nl": ("nationaliteit", "belg", "belgisch", "belgische", "staatsburger"),
        "fr": ("nationalite", "belge", "citoyen", "citoyenne", "citoyennete"),
        "en": ("nationality", "citizen", "citizenship", "belgian"),
    },
    {
        "nl": ("woonst", "domicilie", "woonplaats", "adres"),
        "fr": ("residence", "domicile", "adresse"),
        "en": ("residence", "domicile", "address"),
    },
    {
        "nl": ("strafregister", "gedrag", "zeden"),
        "fr": ("casier", "judiciaire", "moeurs"),
        "en": ("criminal", "conduct", "record"),
    },
    {
        "nl": ("afschrift", "kopie", "uittreksel"),
        "fr": ("copie", "extrait"),
        "en": ("copy", "extract"),
    },
    {
        "nl": ("akte", "geboorteakte", "huwelijksakte"),
        "fr": ("acte",),
        "en": ("certificate", "record"),
    },
    {
        "nl": ("afval", "vuilnis", "huisvuil", "restafval", "gft", "pmd"),
        "fr": ("dechets", "poubelle", "poubelles", "ordures"),
        "en": ("waste", "garbage", "rubbish", "trash", "bin", "bins"),
    },
    {
        "nl": ("kind", "kinderen", "zoon", "zoontje", "dochter", "dochtertje", "peuter", "kleuter"),
        "fr": ("enfant", "enfants", "fils", "fille", "gamin"),
        "en": ("child", "children", "son", "daughter", "kid", "kids", "toddler"),
    },
    {
        "nl": ("senior", "senioren", "bejaarde", "oma", "opa", "grootmoeder", "grootvader"),
        "fr": ("senior", "seniors", "agee", "age", "ages", "grand", "mamie", "papy"),
        "en": ("elderly", "senior", "seniors", "grandmother", "grandfather", "grandma"),
    },
    {
        "nl": ("kamp", "sportkamp", "sportkampen", "voetbalkamp"),
        "fr": ("stage", "stages"),
        "en": ("camp", "camps"),
    },
    {
        "nl": ("vergunning", "toelating", "toestemming"),
        "fr": ("permis", "autorisation", "permission"),
        "en": ("permit", "permission", "licence", "license"),
    },
    {
        "nl": ("parkeren", "parkeerkaart", "parkeerplaats", "parking"),
        "fr": ("stationnement", "stationner", "parking", "garer"),
        "en": ("parking", "park"),
    },
    {
        "nl": ("fiets", "fietsen", "velo", "rijwiel"),
        "fr": ("velo", "velos", "bicyclette"),
        "en": ("bicycle", "bike", "cycle"),
    },
    {
        "nl": ("verhuizen", "verhuis", "verhuizing", "verhuisd"),
        "fr": ("demenager", "demenagement", "demenage", "emmenage", "emmenager"),
        "en": ("moving", "move", "moved"),
    },
    {
        "nl": ("woning", "huis", "appartement", "huurwoning"),
        "fr": ("logement", "maison", "appartement"),
        "en": ("house", "housing", "home", "flat", "apartment", "dwelling"),
    },
    {
        "nl": (
            "isolatie",
            "isoleren",
            "renovatie",
            "renoveren",
            "dakisolatie",
            "ramen",
            "warmtepomp",
        ),
        "fr": ("isolation", "isoler", "renovation", "renover", "chaudiere"),
        "en": ("insulation", "insulate", "insulating", "renovation", "renovate"),
    },
    {
        "nl": ("regenput", "regenwaterput", "regenwatertank", "regenwater"),
        "fr": ("citerne", "pluie"),
        "en": ("rainwater", "tank"),
    },
    {
        "nl": ("klacht", "klagen", "ontevreden"),
        "fr": ("plainte", "plaindre", "mecontent"),
        "en": ("complaint", "complain", "unhappy"),
    },
    {
        "nl": ("belasting", "aanslag", "aanslagbiljet", "taks"),
        "fr": ("taxe", "impot", "avertissement"),
        "en": ("tax", "bill"),
    },
    {
        "nl": ("feest", "fuif", "evenement", "buurtfeest", "festival"),
        "fr": ("fete", "evenement", "soiree", "festival"),
        "en": ("party", "event", "festival"),
    },
    {
        "nl": ("handicap", "gehandicapt", "gehandicapte", "mindervalide", "beperking"),
        "fr": ("handicap", "handicape", "handicapee", "pmr"),
        "en": ("disabled", "disability", "handicapped"),
    },
    {
        "nl": ("vreemdeling", "buitenlander", "verblijf", "verblijfskaart", "verblijfsvergunning"),
        "fr": ("etranger", "etrangere", "sejour"),
        "en": ("foreigner", "foreign", "residence", "permit"),
    },
    {
        "nl": ("schuld", "schulden", "afbetaling", "budget"),
        "fr": ("dette", "dettes", "budget"),
        "en": ("debt", "debts", "budget"),
    },
    {
        "nl": ("inkomen", "leefloon", "geld", "ocmw"),
        "fr": ("revenu", "argent", "cpas"),
        "en": ("income", "money", "welfare"),
    },
    {
        "nl": ("verwarming", "stookolie", "mazout", "verwarmen"),
        "fr": ("chauffage", "mazout", "chauffer"),
        "en": ("heating", "oil"),
    },
    {
        "nl": ("maaltijd", "maaltijden", "eten"),
        "fr": ("repas", "manger"),
        "en": ("meal", "meals", "food"),
    },
    {
        "nl": ("zwembad", "zwemmen"),
        "fr": ("piscine", "nager", "natation"),
        "en": ("swimming", "pool", "swim"),
    },
    {
        "nl": ("huren", "verhuur", "reserveren"),
        "fr": ("louer", "location", "reserver"),
        "en": ("rent", "hire", "book"),
    },
    {
        "nl": ("lenen", "uitlenen", "ontlenen"),
        "fr": ("emprunter", "pret", "preter"),
        "en": ("borrow", "loan", "lend"),
    },
    {
        "nl": ("graf", "begraafplaats", "kerkhof", "grafconcessie", "begraven"),
        "fr": ("sepulture", "cimetiere", "tombe", "concession", "inhumer"),
        "en": ("grave", "cemetery", "burial", "plot"),
    },
    {
        "nl": ("identiteitskaart", "eid", "identiteitsbewijs", "idkaart"),
        "fr": ("identite", "eid"),
        "en": ("identity", "eid"),
    },
    {
        "nl": ("reizen", "reis", "vakantie", "buitenland"),
        "fr": ("voyage", "voyager", "vacances", "etranger"),
        "en": ("travel", "trip", "holiday", "abroad"),
    },
    {
        "nl": ("geboorte", "geboren", "bevalling", "baby"),
        "fr": ("naissance", "ne", "nee", "bebe"),
        "en": ("birth", "born", "baby", "newborn"),
    },
    {
        "nl": ("opvang", "kinderopvang", "creche", "kinderdagverblijf", "onthaalouder"),
        "fr": ("accueil", "creche", "garderie", "gardienne"),
        "en": ("childcare", "daycare", "nursery", "care"),
    },
    {
        "nl": ("melden", "melding", "kapot", "defect"),
        "fr": ("signaler", "signalement", "casse", "panne"),
        "en": ("report", "broken", "faulty"),
    },
    {
        "nl": ("stemmen", "verkiezingen", "kiezer", "stem"),
        "fr": ("voter", "vote", "elections", "electeur"),
        "en": ("vote", "voting", "elections", "voter"),
    },
    {
        "nl": ("handtekening", "wettigen", "wettiging", "legaliseren"),
        "fr": ("signature", "legaliser", "legalisation"),
        "en": ("signature", "legalise", "legalize", "legalisation"),
    },
    # General words of the counter, in the three languages.
    {
        "nl": ("vervallen", "verlopen", "ongeldig"),
        "fr": ("expire", "expiree", "perime", "perimee", "invalide"),
        "en": ("expired", "invalid"),
    },
    {
        "nl": ("vernieuwen", "hernieuwen", "verlengen", "vervangen"),
        "fr": ("renouveler", "renouvellement", "prolonger", "remplacer"),
        "en": ("renew", "renewal", "extend", "replace"),
    },
    {
        "nl": ("gestolen", "diefstal"),
        "fr": ("vole", "volee", "vol"),
        "en": ("stolen", "theft"),
    },
    {
        "nl": ("verloren", "verliezen"),
        "fr": ("perdu", "perdue", "perte"),
        "en": ("lost", "lose"),
    },
    {
        "nl": ("auto", "wagen", "voertuig"),
        "fr": ("voiture", "vehicule", "auto"),
        "en": ("car", "vehicle"),
    },
    {
        "nl": ("stoep", "voetpad", "trottoir"),
        "fr": ("trottoir",),
        "en": ("pavement", "sidewalk"),
    },
    {
        "nl": ("werk", "job", "werkgever", "sollicitatie", "solliciteren"),
        "fr": ("travail", "emploi", "employeur", "boulot"),
        "en": ("job", "work", "employer"),
    },
    {
        "nl": ("pensioen", "gepensioneerd"),
        "fr": ("pension", "retraite", "pensionne"),
        "en": ("pension", "retired", "retirement"),
    },
    {
        "nl": ("zetel", "sofa", "meubel", "meubels", "kast", "matras"),
        "fr": ("divan", "canape", "meuble", "meubles", "armoire", "matelas"),
        "en": ("sofa", "couch", "furniture", "wardrobe", "mattress"),
    },
    {
        "nl": ("koelkast", "frigo", "wasmachine", "diepvries"),
        "fr": ("frigo", "refrigerateur", "congelateur"),
        "en": ("fridge", "refrigerator", "freezer"),
    },
    {
        "nl": ("foto", "pasfoto"),
        "fr": ("photo",),
        "en": ("photo", "picture"),
    },
    {
        "nl": ("partner", "vriend", "vriendin", "lief"),
        "fr": ("partenaire", "compagnon", "compagne", "copain", "copine"),
        "en": ("partner", "boyfriend", "girlfriend"),
    },
    {
        "nl": ("portefeuille", "portemonnee", "sleutels", "sleutel"),
        "fr": ("portefeuille", "cles", "cle"),
        "en": ("wallet", "purse", "keys", "key"),
    },
    {
        "nl": ("zaal", "feestzaal", "lokaal"),
        "fr": ("salle",),
        "en": ("hall", "room", "venue"),
    },
    {
        "nl": ("tafel", "tafels", "stoel", "stoelen"),
        "fr": ("table", "tables", "chaise", "chaises"),
        "en": ("table", "tables", "chair", "chairs"),
    },
    {
        "nl": ("bouwen", "verbouwen", "verbouwing", "aanbouw", "uitbreiding"),
        "fr": ("construire", "construction", "batir", "agrandir", "agrandissement"),
        "en": ("build", "building", "construction", "extension"),
    },
)


@lru_cache(maxsize=3)
def _lookup(language: str) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for number, concept in enumerate(CONCEPTS):
        for word in concept.get(language, ()):
            index.setdefault(word, []).append(number)
    return {word: tuple(numbers) for word, numbers in index.items()}


def synonyms(word: str, *, question_language: str, target_language: str) -> list[str]:
    """The words of `target_language` for the concepts `word` (in the question's
    language) belongs to, without the word itself."""
    result: list[str] = []
    for number in _lookup(question_language).get(word, ()):
        for other in CONCEPTS[number].get(target_language, ()):
            if other != word and other not in result:
                result.append(other)
    return result
