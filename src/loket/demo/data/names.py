"""Name lists for fictitious demo residents, by origin.

Each origin has male and female first names, family names and where its people are
registered (nationality weights). Polish family names take the feminine form for women.
"""

from __future__ import annotations

from dataclasses import dataclass


def _names(text: str) -> tuple[str, ...]:
    """A comma-separated list of names as a tuple (keeps the lists compact)."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


YOUNG_FROM_YEAR = 1998
OLD_BEFORE_YEAR = 1955


@dataclass(frozen=True)
class Origin:
    code: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    nationalities: tuple[tuple[str, int], ...]  # (ISO country code, weight)
    # First names by generation where fashions changed a lot; empty means "as above".
    male_young: tuple[str, ...] = ()
    female_young: tuple[str, ...] = ()
    male_old: tuple[str, ...] = ()
    female_old: tuple[str, ...] = ()

    def first_names_for(self, *, sex: str, birth_year: int) -> tuple[str, ...]:
        """The first names given to children of this origin born in `birth_year`."""
        if birth_year >= YOUNG_FROM_YEAR:
            names = self.male_young if sex == "M" else self.female_young
        elif birth_year < OLD_BEFORE_YEAR:
            names = self.male_old if sex == "M" else self.female_old
        else:
            names = ()
        return names or (self.male if sex == "M" else self.female)


FLEMISH = Origin(
    code="flemish",
    male=_names(
        "Jan, Pieter, Tom, Bart, Koen, Wim, Geert, Stijn, Jens, Thomas, Dirk, Luc, Rudy, Patrick, "
        "Filip, Johan, Kris, Maarten, Joris, Sander, Ruben, Niels, Brecht, Jasper, Ward, Steven, "
        "Kevin, Dries, Frederik, Hans, Peter, Stefaan, Wouter, Tim, Jeroen"
    ),
    female=_names(
        "Sofie, An, Els, Katrien, Griet, Lieve, Hilde, Sarah, Julie, Laura, Ellen, Inge, Ann, "
        "Veerle, Annelies, Evelien, Leen, Nele, Tine, Liesbeth, Charlotte, Jolien, Eline, Femke, "
        "Hanne, Lore, Kathleen, Sabine, Nathalie, Caroline, Isabelle, Elke, Karolien"
    ),
    male_young=_names(
        "Lucas, Arthur, Louis, Warre, Wout, Lars, Robbe, Senne, Milan, Seppe, Mathis, Finn, Vic, "
        "Xander, Toon, Lander, Emiel, Staf, Mauritz, Jules, Noah, Liam, Siebe, Nand, Kobe, Mats, "
        "Lowie"
    ),
    female_young=_names(
        "Lotte, Marie, Emma, Olivia, Louise, Fien, Noor, Nina, Lena, Mila, Elise, Zoë, Marthe, "
        "Febe, Ine, Margot, Linde, Roos, Kaat, Juliette, Ella, Nora, Lily, Hanne, Lore, Amber, "
        "Jana"
    ),
    male_old=_names(
        "Jozef, Frans, Roger, Gilbert, André, Noël, Hendrik, Marcel, Georges, Etienne, Willy, "
        "Albert, Julien, Antoon, Omer, Gaston, Daniël, Eric"
    ),
    female_old=_names(
        "Godelieve, Maria, Paula, Yvonne, Mariette, Rita, Martine, Simonne, Jeanine, Agnes, Rosa, "
        "Denise, Lucienne, Monique, Gerarda, Irène, Christiane, Marleen"
    ),
    family=_names(
        "Vandenbroucke, Desmet, Vanhoutte, Declercq, Vercruysse, Vandewalle, Verhaeghe, Maes, "
        "Vermeulen, Devos, Vandenberghe, Vanneste, Verbeke, Decock, Dewitte, Degryse, Verstraete, "
        "Vandamme, Lambrecht, Vandecasteele, Debaets, Deleu, Callens, Demeyere, Vanmaele, "
        "Vansteenkiste, Goethals, Claeys, Demuynck, Vanhee, Bossuyt, Vanderhaeghe, Dejonghe, "
        "Ghekiere, Soenens, Vandeputte, Coussens, Debrabandere, Lefevere, Verschuere, "
        "Vandendriessche, Depoorter, Vyncke, Seynaeve, Deceuninck, Desender, Verhelst, Lagae, "
        "Vermeersch, Demeulenaere, Vanwynsberghe, Coucke, Naert, Vanlerberghe, Mortier, Dumoulin, "
        "Vandenbulcke, De Smet, Peeters, Janssens, Van Damme, De Backer, Van den Bossche, "
        "Wouters, Mertens, De Vos, Claes, Goossens, Van Hecke, De Cock, Van de Velde, Schepens, "
        "De Bruyne, Van Assche, Hoebeke, Meert"
    ),
    nationalities=(("BE", 100),),
)

WALLOON = Origin(
    code="walloon",
    male=_names(
        "Philippe, Olivier, Nicolas, Julien, François, Benoît, Didier, Alain, Christophe, "
        "Sébastien, Guillaume, Cédric, Laurent, Thibault, Maxime, Antoine, Frédéric, Vincent, "
        "Damien, Jérôme"
    ),
    female=_names(
        "Sophie, Julie, Céline, Isabelle, Nathalie, Valérie, Catherine, Aurélie, Pauline, Élodie, "
        "Charlotte, Caroline, Stéphanie, Virginie, Camille, Sandrine, Delphine, Émilie, Audrey, "
        "Amélie"
    ),
    male_young=_names(
        "Hugo, Nathan, Théo, Gabriel, Raphaël, Arthur, Jules, Louis, Victor, Baptiste, Martin, "
        "Noah, Lucas, Adam, Léon, Mathéo, Sacha"
    ),
    female_young=_names(
        "Chloé, Léa, Manon, Emma, Louise, Alice, Juliette, Margaux, Clara, Inès, Zoé, Adèle, "
        "Camille, Olivia, Lina, Elena, Romane"
    ),
    male_old=_names(
        "Jean, Pierre, Michel, Jacques, André, Marcel, Roger, Georges, Guy, Claude, Raymond, "
        "Henri, Lucien, Robert"
    ),
    female_old=_names(
        "Marie, Anne, Françoise, Mireille, Josiane, Monique, Jacqueline, Nicole, Christiane, "
        "Danielle, Ginette, Andrée, Paulette, Huguette"
    ),
    family=_names(
        "Dubois, Lambert, Martin, Dupont, Leroy, Lejeune, Renard, Simon, Laurent, Lefebvre, "
        "Dumont, Denis, Hermans, Collard, Leclercq, Delvaux, Gilson, Lemaire, François, Charlier, "
        "Dethier, Delcourt, Wauters, Lambot, Piron, Dufour, Bastin, Michaux, Hubert, Fontaine, "
        "Deprez, Lecomte, Jacquet, Poncelet, Mathieu, Gérard"
    ),
    nationalities=(("BE", 90), ("FR", 10)),
)

DUTCH = Origin(
    code="dutch",
    male=_names("Daan, Sem, Bram, Jesse, Thijs, Ruud, Henk, Joost, Sjoerd, Niek"),
    female=_names("Anouk, Sanne, Fleur, Lieke, Iris, Marloes, Femke, Esther, Mirjam"),
    family=_names(
        "de Jong, Jansen, de Vries, van den Berg, Bakker, Visser, Smit, Meijer, de Boer, Mulder, "
        "Bos, Vos, Dekker, van Dijk"
    ),
    nationalities=(("NL", 70), ("BE", 30)),
)

MOROCCAN = Origin(
    code="moroccan",
    male=_names(
        "Mohamed, Youssef, Ayoub, Bilal, Hamza, Mehdi, Karim, Rachid, Said, Anas, Ilyas, Adam, "
        "Amine, Nordin, Soufiane, Othmane, Zakaria"
    ),
    female=_names(
        "Fatima, Khadija, Salma, Yasmina, Imane, Nour, Samira, Malika, Aicha, Hafsa, Sara, "
        "Meryem, Ikram, Latifa, Nadia, Souad, Amira"
    ),
    family=_names(
        "El Amrani, Benali, El Idrissi, Bouzid, Ait Taleb, Azzouzi, El Khattabi, Boukhari, "
        "Chahidi, Ouali, El Ouardi, Bouhaddou, Haddouchi, Ziani, El Moussaoui, Bakkali, Tahiri, "
        "Amrani, El Hamdaoui, Ben Haddou"
    ),
    nationalities=(("BE", 70), ("MA", 30)),
)

TURKISH = Origin(
    code="turkish",
    male=_names("Emre, Mehmet, Burak, Kerem, Mustafa, Ahmet, Yusuf, Can, Eren"),
    female=_names("Elif, Zeynep, Ayşe, Merve, Esra, Büşra, Emine, Derya, Selin"),
    family=_names(
        "Yılmaz, Kaya, Demir, Şahin, Çelik, Öztürk, Aydın, Arslan, Doğan, Koç, Kurt, Özdemir, "  # noqa: RUF001
        "Yıldız, Aksoy"  # noqa: RUF001
    ),
    nationalities=(("BE", 75), ("TR", 25)),
)

CONGOLESE = Origin(
    code="congolese",
    male=_names(
        "Patrick, Christian, Jonathan, Exaucé, Glodi, Cédrick, Junior, Trésor, Blaise, Fiston, "
        "Serge, Héritier"
    ),
    female=_names(
        "Grâce, Merveille, Divine, Bénédicte, Nathalie, Espérance, Gloria, Prisca, Ornella, "
        "Sarah, Christelle, Rachel"
    ),
    family=_names(
        "Mukendi, Tshibanda, Mbuyi, Ilunga, Kalonji, Lukusa, Kasongo, Mulumba, Nsimba, Makiese, "
        "Kabongo, Mputu, Tshimanga, Kapinga"
    ),
    nationalities=(("BE", 60), ("CD", 40)),
)

POLISH = Origin(
    code="polish",
    male=_names("Piotr, Tomasz, Michał, Krzysztof, Paweł, Marcin, Jakub, Kamil"),
    female=_names("Agnieszka, Katarzyna, Magdalena, Anna, Joanna, Monika, Ewa, Zofia"),
    family=_names(
        "Kowalski, Nowak, Wiśniewski, Wójcik, Kamiński, Lewandowski, Zieliński, Szymański, "
        "Woźniak, Dąbrowski, Kozłowski, Mazur"
    ),
    nationalities=(("PL", 75), ("BE", 25)),
)

ROMANIAN = Origin(
    code="romanian",
    male=_names("Andrei, Ion, Mihai, Alexandru, Cristian, Florin, Bogdan, Adrian"),
    female=_names("Elena, Ioana, Maria, Andreea, Mihaela, Alina, Raluca, Gabriela"),
    family=_names(
        "Popescu, Ionescu, Popa, Dumitru, Stan, Constantin, Munteanu, Stoica, Georgescu, Marin, "
        "Rusu, Lungu"
    ),
    nationalities=(("RO", 85), ("BE", 15)),
)

ITALIAN = Origin(
    code="italian",
    male=_names("Giuseppe, Marco, Luca, Alessandro, Salvatore, Antonio, Matteo, Vito"),
    female=_names("Giulia, Francesca, Chiara, Rosa, Maria, Sofia, Valentina, Carmela"),
    family=_names(
        "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, "
        "Gallo, Conti, De Luca, Lombardi, Caruso"
    ),
    nationalities=(("BE", 55), ("IT", 45)),
)

IBERIAN = Origin(
    code="iberian",
    male=_names("Carlos, José, Javier, Miguel, João, Pedro, Rui, Diego, Pablo"),
    female=_names("Ana, Lucía, Carmen, Inês, Beatriz, Marta, Sofía, Mariana"),
    family=_names(
        "García, Fernández, López, Martínez, Sánchez, Silva, Santos, Ferreira, Pereira, "
        "Rodrigues, Gomes, Moreno"
    ),
    nationalities=(("ES", 50), ("PT", 35), ("BE", 15)),
)

ENGLISH = Origin(
    code="english",
    male=_names("James, Oliver, Daniel, Michael, David, Liam, Sean, Ethan"),
    female=_names("Emily, Hannah, Sarah, Grace, Rebecca, Siobhan, Laura, Emma"),
    family=_names(
        "Smith, Brown, Murphy, Walsh, Taylor, Wilson, Byrne, Evans, Thompson, Kelly, Roberts, "
        "Campbell"
    ),
    nationalities=(("GB", 45), ("IE", 35), ("BE", 20)),
)

ORIGINS = {
    origin.code: origin
    for origin in (
        FLEMISH,
        WALLOON,
        DUTCH,
        MOROCCAN,
        TURKISH,
        CONGOLESE,
        POLISH,
        ROMANIAN,
        ITALIAN,
        IBERIAN,
        ENGLISH,
    )
}

# How often each origin occurs in a household (weights), per region, with a few
# municipalities that differ from their region.
REGION_ORIGIN_WEIGHTS: dict[str, dict[str, int]] = {
    "zuid-west-vlaanderen": {
        "flemish": 860,
        "walloon": 40,
        "dutch": 10,
        "moroccan": 25,
        "turkish": 15,
        "polish": 20,
        "romanian": 15,
        "italian": 8,
        "congolese": 4,
        "iberian": 3,
        "english": 3,
    },
    "ninove": {
        "flemish": 820,
        "walloon": 40,
        "dutch": 5,
        "moroccan": 50,
        "turkish": 15,
        "polish": 20,
        "romanian": 15,
        "italian": 5,
        "congolese": 30,
        "iberian": 5,
        "english": 3,
    },
    "brussel": {
        "flemish": 120,
        "walloon": 300,
        "dutch": 10,
        "moroccan": 180,
        "turkish": 50,
        "polish": 40,
        "romanian": 60,
        "italian": 50,
        "congolese": 70,
        "iberian": 60,
        "english": 50,
    },
}
MUNICIPALITY_ORIGIN_WEIGHTS: dict[str, dict[str, int]] = {
    # Border towns on the French border: more French-speaking families.
    "34027": {"walloon": 100},
    "34043": {"walloon": 120},
    "33029": {"walloon": 80},
    # Brussels communes with their own mix.
    "21012": {"moroccan": 380, "walloon": 200, "turkish": 60},
    "21015": {"moroccan": 250, "turkish": 140},
    "21014": {"moroccan": 250, "turkish": 180, "english": 40},
    "21009": {"congolese": 140, "english": 110, "iberian": 90},
    "21005": {"english": 160, "iberian": 80},
    "21018": {"english": 110, "walloon": 380, "moroccan": 60},
    "21019": {"english": 140, "walloon": 420, "moroccan": 40},
    "21016": {"walloon": 420, "english": 90, "moroccan": 60},
    "21017": {"walloon": 400, "flemish": 160, "moroccan": 40},
    "21003": {"flemish": 200},
    "21008": {"flemish": 200},
}
