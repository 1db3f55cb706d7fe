"""Street names per municipality, grouped by postal code (demo addresses).

Real streets of each municipality, with a few common Flemish names as filler. Brussels
streets carry their French and Dutch names ("Rue de la Loi - Wetstraat"), as on the signs.
"""

from __future__ import annotations


def _streets(text: str) -> tuple[str, ...]:
    """A semicolon-separated list of street names as a tuple."""
    return tuple(street.strip() for street in text.split(";") if street.strip())


STREETS: dict[str, dict[str, tuple[str, ...]]] = {
    # Wervik (Wervik, Geluwe)
    "33029": {
        "8940": _streets(
            "Steenakker; Menenstraat; Ieperstraat; Kruisekestraat; Grote Markt; Koestraat; "
            "Sint-Maartensplein; Molenstraat; Kerkstraat; Stationsstraat; Leiestraat; "
            "Geluwestraat; Beselarestraat; Wahisstraat; Nieuwstraat"
        ),
    },
    # Anzegem (Anzegem, Gijzelbrechtegem, Ingooigem, Vichte, Kaster, Tiegem)
    "34002": {
        "8570": _streets(
            "Kerkstraat; Vichtesteenweg; Heirweg; Stationsstraat; Oudenaardseweg; "
            "Ingooigemplaats; Marktplein; Vijfwegenstraat; Kaasterstraat; Kortrijkseweg; "
            "Molenstraat; Beukenlaan"
        ),
        "8572": _streets("Kasterdorp; Scheldestraat; Kerkstraat; Winkelstraat"),
        "8573": _streets("Tiegemplaats; Tiegemberg; Kerkstraat; Kortrijkstraat"),
    },
    # Avelgem (Avelgem, Kerkhove, Waarmaarde, Outrijve, Bossuit)
    "34003": {
        "8580": _streets(
            "Doorniksesteenweg; Oudenaardsesteenweg; Kortrijkstraat; Leopoldstraat; Kerkplein; "
            "Stationsstraat; Scheldelaan; Spinnerijstraat; Waterstraat"
        ),
        "8581": _streets("Kerkhovestraat; Waarmaardestraat; Kouterstraat"),
        "8582": _streets("Outrijvedorp; Scheldestraat; Kerkstraat"),
        "8583": _streets("Bossuitstraat; Kanaalweg; Moenstraat"),
    },
    # Deerlijk
    "34009": {
        "8540": _streets(
            "Vercruysse-Bracqplein; Harelbekestraat; Waregemstraat; Oudenaardestraat; "
            "Pladijsstraat; Kerkstraat; Stationsstraat; Molenstraat; Vichtestraat; Hoogstraat; "
            "Sint-Lodewijkstraat; Beerbosstraat; Kapellestraat"
        ),
    },
    # Harelbeke (Harelbeke; Bavikhove and Hulste)
    "34013": {
        "8530": _streets(
            "Marktstraat; Stasegemsestraat; Kortrijksesteenweg; Gentsesteenweg; Eilandstraat; "
            "Zuidstraat; Deerlijksestraat; Stationsstraat; Vlietestraat; Generaal Deprezstraat; "
            "Kollegestraat; Tientjesstraat; Leiestraat; Spoorweglaan; Overleiestraat"
        ),
        "8531": _streets("Bavikhoofsestraat; Hulstedorp; Kerkstraat; Harelbeekstraat"),
    },
    # Kortrijk (8500 centre; 8501 Bissegem, Heule; 8510 Bellegem, Kooigem, Marke,
    # Rollegem; 8511 Aalbeke)
    "34022": {
        "8500": _streets(
            "Doorniksestraat; Leiestraat; Lange Steenstraat; Rijselsestraat; Budastraat; "
            "Overleiestraat; Sint-Jansstraat; Wandelingstraat; Voorstraat; Gentsesteenweg; "
            "Brugsesteenweg; Meensesteenweg; Pottelberg; Groeningestraat; Kapucijnenstraat; "
            "Beheerstraat; Graaf Karel de Goedelaan; Minister Tacklaan; Stationsplein; "
            "Koning Albertstraat; Sint-Denijsestraat"
        ),
        "8501": _streets(
            "Heulsekasteelstraat; Peperstraat; Izegemsestraat; Heulestraat; Bissegemplaats; "
            "Meensesteenweg; Kerkstraat; Lagaeplein"
        ),
        "8510": _streets(
            "Markekerkstraat; Kasteelstraat; Rollegemstraat; Bellegemstraat; Kooigemstraat; "
            "Stationsstraat; Hoogstraat"
        ),
        "8511": _streets("Moeskroensesteenweg; Aalbeke-Dorp; Lagehofstraat; Kerkstraat"),
    },
    # Kuurne
    "34023": {
        "8520": _streets(
            "Marktplein; Kortrijkstraat; Harelbekestraat; Brugsesteenweg; Heulsestraat; "
            "Leiestraat; Sint-Katarinastraat; Kerkstraat; Vlaanderenstraat; Ringlaan; "
            "Breulstraat; Bloemenstraat"
        ),
    },
    # Lendelede
    "34025": {
        "8860": _streets(
            "Sint-Hubrechtsplein; Kortrijkstraat; Izegemsestraat; Ingooigemstraat; Heulestraat; "
            "Kerkstraat; Stationsstraat; Langemuntlaan; Molenstraat; Hulstsestraat; Schoolstraat"
        ),
    },
    # Menen (Menen, Lauwe, Rekkem)
    "34027": {
        "8930": _streets(
            "Rijselstraat; Kortrijkstraat; Ieperstraat; Bruggestraat; Grote Markt; Wervikstraat; "
            "Moorseelstraat; Lauwestraat; Sint-Jozefstraat; Kerkstraat; Stationsstraat; "
            "Noordstraat; Rekkemstraat; Dadizelestraat; Ropswalle; Papestraat; Wahisstraat; "
            "Leiestraat"
        ),
    },
    # Waregem (Waregem; 8791 Beveren-Leie; 8792 Desselgem; 8793 Sint-Eloois-Vijve)
    "34040": {
        "8790": _streets(
            "Markt; Stationsstraat; Zuiderlaan; Holstraat; Gentseweg; Kortrijkseweg; Westerlaan; "
            "Noorderlaan; Olympiadelaan; Schakelstraat; Vijverdam; Felix Verhaeghestraat; "
            "Sint-Jan-Baptistplein; Keukeldam"
        ),
        "8791": _streets("Kortrijkseweg; Sint-Amandusplein; Leiestraat; Kerkstraat"),
        "8792": _streets("Desselgemdorp; Oudenaardsesteenweg; Kerkstraat; Leiestraat"),
        "8793": _streets("Gentseweg; Sint-Eligiusplein; Leiestraat; Kerkstraat"),
    },
    # Wevelgem (Wevelgem, Gullegem, Moorsele)
    "34041": {
        "8560": _streets(
            "Kortrijkstraat; Menenstraat; Ieperstraat; Lauwestraat; Gullegemstraat; "
            "Moorselestraat; Hoogstraat; Kerkstraat; Stationsstraat; Vanackerestraat; "
            "Deken Jonckheerestraat; Vliegveld; Roeselarestraat; Dadizeelstraat"
        ),
    },
    # Zwevegem (Zwevegem; 8551 Heestert; 8552 Moen; 8553 Otegem; 8554 Sint-Denijs)
    "34042": {
        "8550": _streets(
            "Otegemstraat; Bekaertstraat; Blokellestraat; Avelgemstraat; Harelbekestraat; "
            "Kortrijkstraat; Deerlijkstraat; Kerkstraat; Spinnerijstraat; Stationsstraat; "
            "Zuidstraat; Bellegemstraat"
        ),
        "8551": _streets("Heestertdorp; Kerkstraat; Nekkerstraat"),
        "8552": _streets("Moendorp; Bossuitstraat; Kanaalweg"),
        "8553": _streets("Otegemdorp; Kerkstraat; Zwevegemstraat"),
        "8554": _streets("Sint-Denijsplaats; Helkijnstraat; Kerkstraat"),
    },
    # Spiere-Helkijn
    "34043": {
        "8587": _streets(
            "Dorpsstraat; Kerkstraat; Scheldelaan; Kapellestraat; Oudenaardsesteenweg; "
            "Spierestraat; Helkijnstraat; Molenstraat; Grensstraat"
        ),
    },
    # Ninove (9400 Ninove and nearby villages; 9401 Pollare; 9402 Meerbeke;
    # 9403 Neigem; 9404 Aspelare; 9406 Outer)
    "41048": {
        "9400": _streets(
            "Centrumlaan; Brakelsesteenweg; Geraardsbergsestraat; Brusselsesteenweg; "
            "Burchtstraat; Graanmarkt; Oudstrijderslaan; Kerkplein; Stationsstraat; "
            "Aalstersesteenweg; Edingsesteenweg; Lavendelstraat; Dreefstraat; Kapellestraat; "
            "Leopoldlaan; Onderwijslaan"
        ),
        "9401": _streets("Pollaredorp; Kerkstraat; Molenstraat"),
        "9402": _streets("Ninovesteenweg; Kerkstraat; Meerbekedorp"),
        "9403": _streets("Neigemstraat; Kerkstraat"),
        "9404": _streets("Aspelaredorp; Kerkstraat"),
        "9406": _streets("Outerstraat; Kerkstraat; Molenstraat"),
    },
    # Anderlecht
    "21001": {
        "1070": _streets(
            "Chaussée de Mons - Bergensesteenweg; Rue Wayez - Wayezstraat; "
            "Boulevard de la Révision - Herzieningslaan; "
            "Avenue Théo Verbeeck - Theo Verbeecklaan; Rue de Veeweyde - Veeweidestraat; "
            "Place de la Vaillance - Dapperheidsplein; Chaussée de Ninove - Ninoofsesteenweg; "
            "Boulevard Sylvain Dupuis - Sylvain Dupuislaan; Rue Eloy - Eloystraat; "
            "Rue de Birmingham - Birminghamstraat; Avenue Marius Renard - Marius Renardlaan; "
            "Rue du Chapelain - Kapelaanstraat"
        ),
    },
    # Oudergem / Auderghem
    "21002": {
        "1160": _streets(
            "Boulevard du Souverain - Vorstlaan; Chaussée de Wavre - Waversesteenweg; "
            "Avenue Jean Van Horenbeeck - Jean Van Horenbeecklaan; "
            "Avenue Gabriel Emile Lebon - Gabriel Emile Lebonlaan; "
            "Rue Jacques Bassem - Jacques Bassemstraat; "
            "Avenue Herrmann-Debroux - Herrmann-Debrouxlaan; "
            "Avenue de la Houlette - Herderstaflaan; Boulevard des Invalides - Invalidenlaan; "
            "Rue Émile Idiers - Emile Idiersstraat"
        ),
    },
    # Sint-Agatha-Berchem / Berchem-Sainte-Agathe
    "21003": {
        "1082": _streets(
            "Avenue du Roi Albert - Koning Albertlaan; "
            "Rue de Grand-Bigard - Groot-Bijgaardenstraat; Rue Openveld - Openveldstraat; "
            "Avenue Josse Goffin - Josse Goffinlaan; Chaussée de Gand - Gentsesteenweg; "
            "Rue Kasterlinden - Kasterlindenstraat; Avenue Charles-Quint - Keizer Karellaan; "
            "Place de l'Église - Kerkplein"
        ),
    },
    # Brussel / Bruxelles (1000 centre; 1020 Laken; 1120 Neder-Over-Heembeek; 1130 Haren)
    "21004": {
        "1000": _streets(
            "Rue de la Loi - Wetstraat; Rue Haute - Hoogstraat; Rue Blaes - Blaesstraat; "
            "Boulevard Anspach - Anspachlaan; Rue Neuve - Nieuwstraat; "
            "Rue Antoine Dansaert - Antoine Dansaertstraat; Rue du Midi - Zuidstraat; "
            "Rue des Tanneurs - Huidevettersstraat; Rue de Flandre - Vlaamsesteenweg; "
            "Boulevard Émile Jacqmain - Emile Jacqmainlaan; Rue Royale - Koningsstraat; "
            "Rue de Laeken - Lakensestraat; Rue du Marché aux Herbes - Grasmarkt; "
            "Rue des Chartreux - Kartuizersstraat"
        ),
        "1020": _streets(
            "Avenue Houba de Strooper - Houba de Strooperlaan; "
            "Rue Marie-Christine - Maria-Christinastraat; "
            "Boulevard Émile Bockstael - Emile Bockstaellaan; Rue Léopold Ier - Leopold I-straat"
        ),
        "1120": _streets(
            "Rue de Ransbeek - Ransbeekstraat; Chaussée de Vilvorde - Vilvoordsesteenweg; "
            "Rue François Vekemans - François Vekemansstraat"
        ),
        "1130": _streets(
            "Rue de Cortenbach - Cortenbachstraat; Rue Harenheyde - Harenheidestraat; "
            "Rue du Donjon - Torenhofstraat"
        ),
    },
    # Etterbeek
    "21005": {
        "1040": _streets(
            "Avenue d'Auderghem - Oudergemselaan; Place Jourdan - Jourdanplein; "
            "Chaussée de Wavre - Waversesteenweg; Avenue de la Chasse - Jachtlaan; "
            "Rue Général Leman - Generaal Lemanstraat; "
            "Boulevard Louis Schmidt - Louis Schmidtlaan; Rue Froissart - Froissartstraat; "
            "Place Saint-Pierre - Sint-Pietersplein; Avenue des Casernes - Kazernenlaan"
        ),
    },
    # Evere
    "21006": {
        "1140": _streets(
            "Square Servaes Hoedemaekers - Servaes Hoedemaekerssquare; "
            "Avenue Léopold III - Leopold III-laan; Rue de Genève - Genèvestraat; "
            "Avenue Henry Dunant - Henry Dunantlaan; Rue Saint-Vincent - Sint-Vincentiusstraat; "
            "Chaussée de Haecht - Haachtsesteenweg; "
            "Avenue Constant Permeke - Constant Permekelaan; "
            "Rue Édouard Stuckens - Edouard Stuckensstraat; "
            "Avenue des Anciens Combattants - Oudstrijderslaan"
        ),
    },
    # Vorst / Forest
    "21007": {
        "1190": _streets(
            "Chaussée de Neerstalle - Neerstalsesteenweg; Avenue Van Volxem - Van Volxemlaan; "
            "Place Saint-Denis - Sint-Denijsplein; Chaussée de Bruxelles - Brusselsesteenweg; "
            "Avenue Albert - Albertlaan; Rue du Curé - Pastoorstraat; "
            "Boulevard de la Deuxième Armée Britannique - Britse Tweedelegerlaan; "
            "Avenue Wielemans Ceuppens - Wielemans Ceuppenslaan"
        ),
    },
    # Ganshoren
    "21008": {
        "1083": _streets(
            "Avenue Charles-Quint - Keizer Karellaan; Avenue Van Overbeke - Van Overbekelaan; "
            "Avenue de Villegas - de Villegaslaan; Drève de Rivieren - Rivierendreef; "
            "Avenue Marie de Hongrie - Maria van Hongarijelaan; "
            "Place Guido Gezelle - Guido Gezelleplein; Rue Vanderveken - Vandervekenstraat"
        ),
    },
    # Elsene / Ixelles
    "21009": {
        "1050": _streets(
            "Chaussée d'Ixelles - Elsensesteenweg; Rue du Bailli - Baljuwstraat; "
            "Place Flagey - Flageyplein; Rue de la Longue Haie - Lange Haagstraat; "
            "Avenue de la Couronne - Kroonlaan; Chaussée de Boondael - Boondaalsesteenweg; "
            "Rue Lesbroussart - Lesbroussartstraat; Rue du Page - Edelknaapstraat; "
            "Rue Malibran - Malibranstraat; Rue Gray - Graystraat; "
            "Avenue de l'Hippodrome - Renbaanlaan"
        ),
    },
    # Jette
    "21010": {
        "1090": _streets(
            "Place Reine Astrid - Koningin Astridplein; Rue Léon Theodor - Léon Theodorstraat; "
            "Boulevard de Smet de Naeyer - De Smet de Naeyerlaan; Avenue de Laeken - Lakenselaan; "
            "Rue Jules Lahaye - Jules Lahayestraat; Avenue Secrétin - Secretinlaan; "
            "Chaussée de Wemmel - Wemmelsesteenweg; "
            "Place Cardinal Mercier - Kardinaal Mercierplein; Rue Bonaventure - Bonaventurastraat"
        ),
    },
    # Koekelberg
    "21011": {
        "1081": _streets(
            "Place Simonis - Simonisplein; Avenue du Château - Kasteellaan; "
            "Rue Herkoliers - Herkoliersstraat; Chaussée de Jette - Jetsesteenweg; "
            "Rue Omer Lepreux - Omer Lepreuxstraat; Place Henri Vanhuffel - Henri Vanhuffelplein; "
            "Avenue Seghers - Segherslaan"
        ),
    },
    # Sint-Jans-Molenbeek / Molenbeek-Saint-Jean
    "21012": {
        "1080": _streets(
            "Chaussée de Gand - Gentsesteenweg; Rue de Ribaucourt - Ribaucourtstraat; "
            "Boulevard Léopold II - Leopold II-laan; Place Communale - Gemeenteplein; "
            "Rue Osseghem - Osseghemstraat; Boulevard du Jubilé - Jubelfeestlaan; "
            "Rue de l'Intendant - Intendantstraat; Rue Picard - Picardstraat; "
            "Rue du Comte de Flandre - Graaf van Vlaanderenstraat; "
            "Quai des Charbonnages - Koolmijnenkaai; Rue Piers - Piersstraat"
        ),
    },
    # Sint-Gillis / Saint-Gilles
    "21013": {
        "1060": _streets(
            "Chaussée de Waterloo - Waterloosesteenweg; Rue de la Victoire - Overwinningsstraat; "
            "Parvis de Saint-Gilles - Sint-Gillisvoorplein; Avenue Paul Dejaer - Paul Dejaerlaan; "
            "Rue de Mérode - de Merodestraat; Chaussée de Charleroi - Charleroisesteenweg; "
            "Avenue Jean Volders - Jean Volderslaan; Rue Vanderschrick - Vanderschrickstraat; "
            "Place Morichar - Moricharplein"
        ),
    },
    # Sint-Joost-ten-Node / Saint-Josse-ten-Noode
    "21014": {
        "1210": _streets(
            "Chaussée de Louvain - Leuvensesteenweg; Place Saint-Josse - Sint-Joostplein; "
            "Rue de la Limite - Grensstraat; Avenue Galilée - Galileelaan; "
            "Rue Potagère - Warmoesstraat; Rue de l'Abondance - Overvloedstraat; "
            "Place Madou - Madouplein; Rue du Moulin - Molenstraat"
        ),
    },
    # Schaarbeek / Schaerbeek
    "21015": {
        "1030": _streets(
            "Chaussée de Haecht - Haachtsesteenweg; Avenue Louis Bertrand - Louis Bertrandlaan; "
            "Rue Royale Sainte-Marie - Koninklijke Sinte-Mariastraat; "
            "Place Colignon - Colignonplein; Boulevard Lambermont - Lambermontlaan; "
            "Rue des Palais - Paleizenstraat; Avenue Rogier - Rogierlaan; "
            "Rue Josaphat - Josaphatstraat; Chaussée d'Helmet - Helmetsesteenweg; "
            "Avenue Huart Hamoir - Huart Hamoirlaan; Place Dailly - Daillyplein"
        ),
    },
    # Ukkel / Uccle
    "21016": {
        "1180": _streets(
            "Chaussée d'Alsemberg - Alsembergsesteenweg; Avenue Brugmann - Brugmannlaan; "
            "Chaussée de Waterloo - Waterloosesteenweg; Rue Vanderkindere - Vanderkinderestraat; "
            "Avenue De Fré - De Frélaan; Place Saint-Job - Sint-Jobsplein; "
            "Avenue Winston Churchill - Winston Churchilllaan; "
            "Rue Xavier de Bue - Xavier De Buestraat; Dieweg - Dieweg; "
            "Avenue de Floréal - Floréallaan"
        ),
    },
    # Watermaal-Bosvoorde / Watermael-Boitsfort
    "21017": {
        "1170": _streets(
            "Place Keym - Keymplein; Chaussée de La Hulpe - Terhulpsesteenweg; "
            "Avenue Delleur - Delleurlaan; Place Léopold Wiener - Léopold Wienerplein; "
            "Rue du Middelbourg - Middelburgstraat; Avenue de Visé - Visélaan; "
            "Avenue Émile Van Becelaere - Emile Van Becelaerelaan; "
            "Boulevard du Souverain - Vorstlaan"
        ),
    },
    # Sint-Lambrechts-Woluwe / Woluwe-Saint-Lambert
    "21018": {
        "1200": _streets(
            "Boulevard Brand Whitlock - Brand Whitlocklaan; "
            "Avenue Georges Henri - Georges Henrilaan; Rue Voot - Vootstraat; "
            "Avenue Paul Hymans - Paul Hymanslaan; Boulevard de la Woluwe - Woluwelaan; "
            "Avenue de Broqueville - de Broquevillelaan; "
            "Rue Saint-Lambert - Sint-Lambertusstraat; "
            "Avenue Émile Vandervelde - Emile Vanderveldelaan; "
            "Chaussée de Roodebeek - Roodebeeksteenweg"
        ),
    },
    # Sint-Pieters-Woluwe / Woluwe-Saint-Pierre
    "21019": {
        "1150": _streets(
            "Avenue de Tervueren - Tervurenlaan; Rue au Bois - Bosstraat; "
            "Avenue Orban - Orbanlaan; Place Dumon - Dumonplein; "
            "Avenue de l'Escrime - Schermlaan; Val des Seigneurs - Herendal; "
            "Avenue Parmentier - Parmentierlaan; Avenue Jules César - Julius Caesarlaan; "
            "Rue Kelle - Kellestraat"
        ),
    },
}
