"""Is another body, or another country's authority, the subject of the question?

Many questions the municipality does not handle share their key word with one of its
products: a passport (the municipality issues Belgian passports; another country's
passport is its embassy's or consulate's), a PIN code (the eID's is the municipality's,
a bank card's is the bank's), a tax (the municipal tax objection; the income tax return
is the federal tax administration's), a stolen bike (bike registration is municipal, the
theft is a matter for the police), post on moving (the change of address is municipal,
forwarding the mail is the postal company's).

A body named in a question is not enough: residents name other bodies all the time in
questions about municipal products ("ma banque demande une attestation de domicile",
"I lost my passport at the airport, the police told me to come here"). What counts is
another body named while the best product is the municipal look-alike of that body's
service (`LOOKALIKES`: another country's passport and the Belgian passport, a bank card's
PIN and the eID's, the income tax return and the municipal tax objection, …): then the
key word the product shares is most likely the other body's.

The patterns below are written from the division of tasks between the levels of
government and the other bodies (federal: income tax, pensions, unemployment, vehicle
registration, the police; regional: family allowances, employment services; foreign
states: their own passports, identity cards and visas; private bodies: banks, the
postal company, insurers, utilities), not from questions. They only produce a feature
(`other_body`, 0 or 1, see `calibration.features_of`) of the confidence models, never a
decision: the weight it gets, and so whether such a question is handed over, is fitted
with the grouped cross-validation (`bench/assistant/fit_confidence.py`).

Matching is on the folded words of the question (lower case, no accents, punctuation
as spaces), so "passeport marocain", "Passeport  Marocain!" and "PASSEPORT MAROCAIN"
are one text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loket.assistant.text import words

# Nationality adjectives (nl, fr, en; folded, with their inflected forms) of the countries
# whose nationals most often live in Belgium, and the generic "foreign". Belgian is not
# among them: a Belgian passport or identity card is the municipality's.
_NATIONALITIES = (
    # nl
    "marokkaanse?",
    "turkse?",
    "italiaanse?",
    "franse?",
    "nederlandse?",
    "duitse?",
    "spaanse?",
    "portugese?",
    "poolse?",
    "roemeense?",
    "bulgaarse?",
    "griekse?",
    "britse?",
    "engelse?",
    "ierse?",
    "amerikaanse?",
    "canadese?",
    "congolese?",
    "kameroense?",
    "algerijnse?",
    "tunesische?",
    "syrische?",
    "oekraiense?",
    "russische?",
    "indiase?",
    "chinese?",
    "braziliaanse?",
    "luxemburgse?",
    "zwitserse?",
    "oostenrijkse?",
    "albanese?",
    "afghaanse?",
    "buitenlandse?",
    # fr (masculine and feminine, singular and plural)
    "marocaine?s?",
    "turque?s?",
    "italienne?s?",
    "francaise?s?",
    "neerlandaise?s?",
    "hollandaise?s?",
    "allemande?s?",
    "espagnole?s?",
    "portugaise?s?",
    "polonaise?s?",
    "roumaine?s?",
    "bulgare?s?",
    "grecque?s?",
    "britannique?s?",
    "anglaise?s?",
    "irlandaise?s?",
    "americaine?s?",
    "canadienne?s?",
    "congolaise?s?",
    "camerounaise?s?",
    "algerienne?s?",
    "tunisienne?s?",
    "syrienne?s?",
    "ukrainienne?s?",
    "russe?s?",
    "indienne?s?",
    "chinoise?s?",
    "bresilienne?s?",
    "luxembourgeoise?s?",
    "suisse?s?",
    "autrichienne?s?",
    "albanaise?s?",
    "afghane?s?",
    "etrangere?s?",
    # en
    "moroccan",
    "turkish",
    "italian",
    "french",
    "dutch",
    "german",
    "spanish",
    "portuguese",
    "polish",
    "romanian",
    "bulgarian",
    "greek",
    "british",
    "uk",
    "english",
    "irish",
    "american",
    "us",
    "canadian",
    "congolese",
    "cameroonian",
    "algerian",
    "tunisian",
    "syrian",
    "ukrainian",
    "russian",
    "indian",
    "chinese",
    "brazilian",
    "swiss",
    "austrian",
    "albanian",
    "afghan",
    "foreign",
)
# Country names (nl, fr, en; folded), for "a passport of Morocco", "le consulat du Maroc".
_COUNTRIES = (
    "marokko|maroc|morocco|turkije|turquie|turkey|italie|italy|frankrijk|france|nederland"
    "|pays bas|netherlands|holland|duitsland|allemagne|germany|spanje|espagne|spain"
    "|portugal|polen|pologne|poland|roemenie|roumanie|romania|bulgarije|bulgarie|bulgaria"
    "|griekenland|grece|greece|verenigd koninkrijk|royaume uni|united kingdom|engeland"
    "|angleterre|england|ierland|irlande|ireland|verenigde staten|etats unis|united states"
    "|usa|amerika|amerique|america|canada|congo|rdc|drc|kameroen|cameroun|cameroon"
    "|algerije|algerie|algeria|tunesie|tunisie|tunisia|syrie|syria|oekraine|ukraine|rusland"
    "|russie|russia|india|inde|china|chine|brazilie|bresil|brazil|luxemburg|luxembourg"
    "|zwitserland|suisse|switzerland|oostenrijk|autriche|austria|albanie|albania"
    "|afghanistan|mijn land|mon pays|my country|mijn thuisland|my home country|mon pays d origine"
)
# The documents a foreign state issues to its own nationals (and visas, which Belgium's
# embassies and the Immigration Office issue, not the municipality).
_DOCUMENTS = (
    r"paspoort|passeport|passport|identiteitskaart|id kaart|identiteitsbewijs"
    r"|carte d identite|identity card|id card|nationale identiteitskaart|visum|visa"
)

_PATTERNS: tuple[tuple[str, str], ...] = (
    # A foreign state's representation.
    (
        "foreign",
        r"\b(ambassade|ambassades|embassy|embassies|consulaat|consulat|consulate|consul)\b",
    ),
    # Another country's document: "Marokkaans paspoort", "my Italian passport".
    ("foreign", rf"\b({'|'.join(_NATIONALITIES)}) ({_DOCUMENTS})\b"),
    # "passeport marocain", "carte d'identité italienne", "visa américain".
    ("foreign", rf"\b({_DOCUMENTS}) ({'|'.join(_NATIONALITIES)})\b"),
    # "paspoort van Marokko", "passeport du Maroc", "passport from Italy".
    (
        "foreign",
        rf"\b({_DOCUMENTS}) (van|uit|de|du|des|d|from|of|for) (het |la |l |the )?({_COUNTRIES})\b",
    ),
    # A visa, the Immigration Office and asylum: federal, not municipal.
    (
        "foreign",
        r"\b(visum|visumaanvraag|schengenvisum|demande de visa|visa application"
        r"|dienst vreemdelingenzaken|dvz|office des etrangers|immigration office"
        r"|asiel|asile|asylum|fedasil|cgvs|cgra)\b",
    ),
    # Banks: a bank card and its PIN, an account, a loan.
    (
        "bank",
        r"\b(mijn bank|de bank|ma banque|la banque|my bank|the bank|bankkaart|betaalkaart"
        r"|debetkaart|kredietkaart|creditcard|carte bancaire|carte de banque|carte de debit"
        r"|carte de credit|bank card|bankcard|debit card|credit card|bancontact|maestro"
        r"|visa card|mastercard|bankautomaat|geldautomaat|distributeur de billets|atm|cash machine"
        r"|bankrekening|compte bancaire|bank account|iban|hypotheek|hypothecaire|pret hypothecaire"
        r"|mortgage)\b",
    ),
    # The postal company: forwarding the mail, parcels, stamps.
    (
        "post",
        r"\b(bpost|postkantoor|bureau de poste|post office|postpunt|point poste"
        r"|doorsturen van (mijn |de )?post|post (laten )?doorsturen|post doorzenden"
        r"|doorzending|doorzendservice|reexpedition|faire suivre (mon |le |mes )?courrier"
        r"|forward(ing)? (my |the )?(mail|post)|mail forwarding|redirect(ing)? (my |the )?"
        r"(mail|post)|pakje|pakket|colis|parcel|postzegel)\b",
    ),
    # The police: a theft, a complaint, a break-in (the municipality registers a bike
    # and replaces an identity card; the theft itself is the police's).
    (
        "police",
        r"\b(politiekantoor|commissariat|aangifte (doen )?bij de politie|klacht bij de politie"
        r"|porter plainte|plainte a la police|depot de plainte|police report|report (it )?to"
        r" the police|proces verbaal|pv|inbraak|ingebroken|cambriolage|cambriole|burglary"
        r"|break in|broken into)\b",
    ),
    (
        "police",
        r"\b(fiets|velo|bike|bicycle|auto|wagen|voiture|car|scooter|gsm|smartphone"
        r"|telefoon|telephone|phone)"
        r"( \w+){0,3} (gestolen|vole|volee|voles|stolen)\b",
    ),
    (
        "police",
        r"\b(gestolen|vole|volee|stolen|steal|stole|diefstal|vol de|theft of)( \w+){0,3}"
        r" (fiets|velo|bike|bicycle|auto|wagen|voiture|car|scooter|gsm|smartphone"
        r"|telefoon|telephone|phone)\b",
    ),
    # Federal taxes: the income tax return, the tax assessment, VAT.
    (
        "tax",
        r"\b(belastingaangifte|aangifte personenbelasting|personenbelasting|fiscale aangifte"
        r"|tax on web|taxonweb|myminfin|fod financien|belastingbrief"
        r"|declaration d impots?|declaration fiscale|declaration des revenus"
        r"|impots? des personnes physiques|ipp|avertissement extrait de role|spf finances"
        r"|tax return|income tax|tax declaration|tax assessment|btw|tva|vat)\b",
    ),
    # Social security: pensions, unemployment, family allowances, health insurance.
    (
        "social",
        r"\b(pensioen (niet )?(betaald|uitbetaald|berekenen|aanvragen)|pensioendienst"
        r"|pension (pas )?(versee|payee|calcul)|service federal des pensions|pension service"
        r"|werkloosheid|werkloosheidsuitkering|rva|vdab|actiris|forem|onem|chomage"
        r"|unemployment benefits?|groeipakket|kinderbijslag|allocations familiales"
        r"|child benefit|ziekenfonds|mutualiteit|mutuelle|mutualite|health insurance fund"
        r"|riziv|inami)\b",
    ),
    # Vehicle registration (DIV, federal) and the technical inspection.
    (
        "vehicle",
        r"\b(nummerplaat|kentekenplaat|inschrijving van (mijn |een )?(auto|wagen|voertuig)"
        r"|plaque d immatriculation|immatriculation|license plate|number plate"
        r"|vehicle registration|register (my |a )?car|div|autokeuring|controle technique"
        r"|car inspection)\b",
    ),
)


# Another body asking the resident for a municipal certificate ("mijn bank vraagt een
# attest", "pour la mutuelle", "the embassy wants a legalised signature") is the usual
# way residents come to the municipality for one: then the body is not the subject.
_REQUESTER = re.compile(
    r"\b(vraagt|vragen|vroeg|eist|eisen|verlangt|demande|demandent|exige|exigent|reclame"
    r"|asks|asked|wants|requires|required|requested|voor (de |mijn )?(bank|mutualiteit"
    r"|ziekenfonds|ambassade|consulaat)|pour (la |ma |l )?(banque|mutuelle|mutualite"
    r"|ambassade|consulat)|for (the |my )?(bank|embassy|consulate|health insurance))\b"
)
# Debts: debt mediation is the municipality's (its social service), whoever the creditor.
_DEBTS = re.compile(
    r"\b(schulden?|achterstal|achterstallen|afbetalen|dettes?|endettee?|arrieres|debts?"
    r"|arrears)\b"
)


# For each kind of other body, the municipal products whose key word its own services
# share (division of tasks): a foreign state issues its nationals' passports and identity
# documents and the visas (the municipality: Belgian ones, and the residence permit of a
# foreigner living here); a bank its cards' PIN codes (the municipality: the eID's); the
# postal company forwards the mail (the municipality registers the new address or the
# departure); the police deal with thefts and crimes (the municipality registers bikes,
# keeps found objects and takes complaints about its own services); the federal tax
# administration the income tax return (the municipality: objections to its own taxes);
# the pension service, family allowance funds and employment services pay pensions,
# allowances and benefits (the municipality: the life certificate, childcare places);
# the federal vehicle registration service and inspection centres register vehicles
# (the municipality: driving licences and parking cards).
LOOKALIKES: dict[str, frozenset[str]] = {
    "foreign": frozenset({"passport", "eid-card", "kids-id", "residence-permit-foreigner"}),
    "bank": frozenset({"eid-pin-puk"}),
    "post": frozenset({"address-change", "departure-abroad"}),
    "police": frozenset({"bike-registration", "lost-property", "complaint"}),
    "tax": frozenset({"municipal-tax-objection"}),
    "social": frozenset({"life-certificate", "childcare-registration"}),
    "vehicle": frozenset(
        {
            "driving-licence",
            "international-driving-licence",
            "resident-parking-card",
            "disabled-parking-space",
        }
    ),
}
PRODUCT_PREFIX = "product:"


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)


def other_bodies(question: str) -> list[str]:
    """The kinds of other bodies the question names as its subject ("foreign", "bank",
    "post", "police", "tax", "social", "vehicle"), in the order of the patterns."""
    text = " ".join(words(question))
    if _REQUESTER.search(text):
        return []
    debts = _DEBTS.search(text) is not None
    found: list[str] = []
    for kind, pattern in _compiled():
        if kind in found or (debts and kind == "bank"):
            continue
        if pattern.search(text):
            found.append(kind)
    return found


def other_body(kinds: tuple[str, ...], best_key: str | None) -> float:
    """1.0 when one of the other bodies named (`kinds`, from `other_bodies`) offers the
    service whose municipal look-alike is the best document `best_key`, else 0.0."""
    if best_key is None or not best_key.startswith(PRODUCT_PREFIX):
        return 0.0
    code = best_key.removeprefix(PRODUCT_PREFIX)
    return 1.0 if any(code in LOOKALIKES.get(kind, frozenset()) for kind in kinds) else 0.0
