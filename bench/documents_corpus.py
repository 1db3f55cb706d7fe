"""Generated dossier documents in Dutch and French: the letters, reports, certificates and
statements a social-welfare office and a town hall receive in a year.

Sentences are built from templates and word lists (names, streets, amounts, dates, topics),
so that documents differ, share the vocabulary of real dossiers, and give the full-text
index a realistic mix of frequent and rare words. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def _items(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(",") if item.strip())


FIRST_NAMES = _items(
    "Jan, Marie, Lotte, Mohamed, Élodie, Pieter, Sofie, Youssef, Anne, Luc, Nathalie, Bram, "
    "Emma, Noah, Fatima, Lucas, Julie, Thomas, Sarah, Kevin, Inès, Arthur, Camille, Louis, "
    "Olivia, Mehdi, Hanne, Wouter, Chloé, Ahmed, Lien, Jonas, Amélie, Ruben, Zoë, Karim, "
    "Elise, Simon, Laura, Hugo"
)
LAST_NAMES = _items(
    "Janssens, Peeters, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, De Smet, "
    "Dubois, Lambert, Dupont, Martin, Simon, Laurent, Leroy, Lemaire, El Amrani, "
    "Vandenbroucke, Desmet, Vermeulen, Declercq, Verhaeghe, Lefebvre, Bogaert, Coppens, "
    "Devos, Pauwels, Hermans"
)
STREETS_NL = _items(
    "Kerkstraat, Stationsstraat, Molenstraat, Nieuwstraat, Dorpsstraat, Schoolstraat, "
    "Veldstraat, Grote Markt, Doorniksewijk, Gentsesteenweg, Meensesteenweg, Leiestraat, "
    "Overleiestraat, Budastraat, Lange Steenstraat, Sint-Amandsplein, Brugsesteenweg"
)
STREETS_FR = _items(
    "rue de la Station, rue de l'Église, chaussée de Tournai, rue du Moulin, place du Marché, "
    "rue Neuve, avenue des Tilleuls, rue de la Gare, boulevard Léopold, rue des Écoles"
)

NL_TOPICS = _items(
    "leefloon, huurwaarborg, energiefactuur, budgetbegeleiding, schuldbemiddeling, "
    "huurachterstal, thuiszorg, maaltijdbedeling, kinderopvang, schooltoelage, "
    "verwarmingstoelage, stookoliepremie, sociale huisvesting, noodwoning, "
    "dringende medische hulp, ziekenfonds, werkloosheidsuitkering, arbeidsongeschiktheid, "
    "invaliditeit, pensioen, inkomensgarantie, mantelzorgpremie, gezinsbijslag, "
    "bewonerskaart, parkeervergunning, bouwvergunning, omgevingsvergunning, "
    "inname van het openbaar domein, evenementenvergunning, renovatiepremie, "
    "energierenovatie, adreswijziging, identiteitskaart, rijbewijs, uittreksel, "
    "geboorteakte, huwelijksakte, samenwoonverklaring, nationaliteit, verblijfsvergunning, "
    "taalcursus, inburgering, opleiding, tewerkstelling artikel zestig, vrijwilligerswerk, "
    "psychologische begeleiding, verslavingszorg, dagopvang, woonzorgcentrum"
)
FR_TOPICS = _items(
    "revenu d'intégration, garantie locative, facture d'énergie, guidance budgétaire, "
    "médiation de dettes, arriérés de loyer, aide familiale, repas à domicile, crèche, "
    "allocation scolaire, allocation de chauffage, logement social, logement d'urgence, "
    "aide médicale urgente, mutualité, allocations de chômage, incapacité de travail, "
    "pension, garantie de revenus, prime d'aidant proche, allocations familiales, "
    "carte de riverain, permis d'urbanisme, permis d'environnement, "
    "occupation du domaine public, autorisation d'événement, prime à la rénovation, "
    "changement d'adresse, carte d'identité, permis de conduire, extrait d'acte de naissance, "
    "déclaration de cohabitation légale, nationalité, titre de séjour, cours de langue, "
    "intégration, formation, mise à l'emploi, bénévolat, accompagnement psychologique, "
    "maison de repos"
)

NL_SENTENCES = (
    "Op {date} meldde {name} zich aan het onthaal met een vraag over {topic}.",
    "De maatschappelijk werker bespreekt de situatie van het gezin en de mogelijkheden "
    "voor {topic}.",
    "Het maandelijkse inkomen bedraagt {amount} euro, de vaste kosten {amount2} euro.",
    "De aanvrager woont sinds {year} in de {street} {number} te {city}.",
    "Wij vragen u om het attest van {topic} te bezorgen vóór {date}.",
    "Het bijzonder comité voor de sociale dienst besliste om {topic} toe te kennen voor "
    "een periode van {months} maanden.",
    "Uit het sociaal onderzoek blijkt dat {name} recht heeft op {topic}.",
    "De huisbaas vraagt een betaling van {amount} euro voor de achterstallige huur.",
    "Er werd een afbetalingsplan opgesteld van {amount2} euro per maand.",
    "Het dossier werd doorgestuurd naar de dienst {topic} voor verdere opvolging.",
    "De betrokkene volgt een traject rond {topic} en komt tweewekelijks op gesprek.",
    "Bij het huisbezoek op {date} werd vastgesteld dat de woning vochtig is.",
    "De factuur van de netbeheerder vermeldt een verbruik van {number} kilowattuur.",
    "Gelieve bij elke briefwisseling het dossiernummer {reference} te vermelden.",
    "De aanvraag voor {topic} is volledig en wordt binnen {months} weken behandeld.",
    "Het kind gaat naar de basisschool in de {street} en heeft recht op {topic}.",
    "De dokter bevestigt de arbeidsongeschiktheid tot {date}.",
    "Wij ontvingen uw bezwaar tegen de beslissing over {topic} op {date}.",
)
FR_SENTENCES = (
    "Le {date}, {name} s'est présenté à l'accueil avec une question sur {topic}.",
    "L'assistant social examine la situation du ménage et les possibilités de {topic}.",
    "Le revenu mensuel s'élève à {amount} euros, les charges fixes à {amount2} euros.",
    "Le demandeur habite depuis {year} au {number}, {street} à {city}.",
    "Nous vous prions de nous transmettre l'attestation de {topic} avant le {date}.",
    "Le comité spécial du service social a décidé d'octroyer {topic} pour une période "
    "de {months} mois.",
    "Il ressort de l'enquête sociale que {name} a droit à {topic}.",
    "Le propriétaire réclame un paiement de {amount} euros d'arriérés de loyer.",
    "Un plan de paiement de {amount2} euros par mois a été établi.",
    "Le dossier a été transmis au service {topic} pour suivi.",
    "La personne concernée suit un accompagnement en matière de {topic}.",
    "Lors de la visite à domicile du {date}, l'humidité du logement a été constatée.",
    "La facture du gestionnaire de réseau mentionne une consommation de {number} kWh.",
    "Veuillez mentionner la référence {reference} dans toute correspondance.",
    "La demande de {topic} est complète et sera traitée dans les {months} semaines.",
    "Le médecin confirme l'incapacité de travail jusqu'au {date}.",
    "Nous avons reçu votre réclamation contre la décision relative à {topic} le {date}.",
)
NL_TITLES = (
    "Sociaal verslag {topic}",
    "Attest {topic}",
    "Aanvraag {topic}",
    "Beslissing {topic}",
    "Huurcontract",
    "Loonfiche {month}",
    "Factuur energie {month}",
    "Brief van de huisbaas",
    "Medisch attest",
    "Verslag huisbezoek",
)
FR_TITLES = (
    "Rapport social {topic}",
    "Attestation {topic}",
    "Demande {topic}",
    "Décision {topic}",
    "Bail",
    "Fiche de paie {month}",
    "Facture énergie {month}",
    "Courrier du propriétaire",
    "Certificat médical",
    "Rapport de visite à domicile",
)
MONTHS_NL = _items(
    "januari, februari, maart, april, mei, juni, juli, augustus, september, oktober, "
    "november, december"
)
MONTHS_FR = _items(
    "janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, "
    "novembre, décembre"
)
CITIES = ("Kortrijk", "Menen", "Wevelgem", "Harelbeke", "Kuurne", "Zwevegem", "Courtrai")


@dataclass(frozen=True)
class GeneratedDocument:
    language: str
    title: str
    text: str


class CorpusGenerator:
    def __init__(self, seed: int = 2026) -> None:
        self.random = random.Random(seed)

    def _fill(self, template: str, language: str) -> str:
        pick = self.random.choice
        months = MONTHS_NL if language == "nl" else MONTHS_FR
        topics = NL_TOPICS if language == "nl" else FR_TOPICS
        streets = STREETS_NL if language == "nl" else STREETS_FR
        return template.format(
            date=f"{self.random.randint(1, 28)} {pick(months)} {self.random.randint(2024, 2026)}",
            name=f"{pick(FIRST_NAMES)} {pick(LAST_NAMES)}",
            topic=pick(topics),
            amount=self.random.randint(200, 3500),
            amount2=self.random.randint(20, 900),
            year=self.random.randint(1990, 2026),
            street=pick(streets).strip(),
            number=self.random.randint(1, 250),
            city=pick(CITIES),
            months=self.random.randint(1, 12),
            month=pick(months),
            reference=f"SD-{self.random.randint(2020, 2026)}-{self.random.randint(1, 99999):05d}",
        )

    def document(self) -> GeneratedDocument:
        language = "nl" if self.random.random() < 0.7 else "fr"
        sentences = NL_SENTENCES if language == "nl" else FR_SENTENCES
        titles = NL_TITLES if language == "nl" else FR_TITLES
        paragraphs = []
        for _ in range(self.random.randint(2, 8)):
            count = self.random.randint(2, 6)
            paragraphs.append(
                " ".join(self._fill(self.random.choice(sentences), language) for _ in range(count))
            )
        title = self._fill(self.random.choice(titles), language)
        return GeneratedDocument(language=language, title=title[:300], text="\n\n".join(paragraphs))
