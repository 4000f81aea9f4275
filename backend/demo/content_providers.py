"""Hand-written demo providers and places: organizations, venues and open-use facilities.

All names, addresses, phone numbers and web addresses are invented (web and email under the
reserved ``.invalid`` domain). Coordinates are real-looking points in the named districts.
Append only: an organization's origin id is ``org-<position>``, a venue's ``venue-<number>``.
"""

from __future__ import annotations

from dataclasses import dataclass

# Hand-aligned data, one entry per block: keep `ruff format` out of it.
# fmt: off

T = tuple[str, str, str]  # (fi, sv, en); "" where the provider did not write that language


@dataclass(frozen=True)
class OrganizationSpec:
    slug: str
    name: str
    municipality: str  # official code
    kind: str  # Organization.Kind value
    description: T
    templates: tuple[str, ...]  # hobby template keys this provider offers
    hobby_count: int
    venues: tuple[int, ...]  # venue numbers where its hobbies take place
    verified: bool = True
    languages: tuple[str, ...] = ("fi",)  # usual languages of instruction
    domain: str = ""

    @property
    def host(self) -> str:
        return f"{self.domain or self.slug}.invalid"


Org = OrganizationSpec
YOUTH_CENTRE = (
    "sahly", "koris-vuoro", "salivuoro", "bandi", "biitit", "lautapelit", "peli-ilta", "kokkikerho",
    "leivonta", "piirustus", "tubetus", "hiphop", "kpop", "vaikuttajat", "vapaaehtoiset", "impro",
    "koodikerho", "ompelu", "graffiti",
)

ORGANIZATIONS: tuple[OrganizationSpec, ...] = (
    Org("nuorisotalo-majakka", "Nuorisotalo Majakka", "091", "municipal",
      ("Kallion nuorisotalo, jossa voi pelata, soittaa, kokata ja hengailla turvallisten aikuisten kanssa.",
       "Ungdomsgård i Berghäll där du kan spela, laga mat och hänga med trygga vuxna.",
       "A youth centre in Kallio where you can play, make music, cook and hang out with trusted adults."),
      YOUTH_CENTRE, 14, (1, 2, 3), languages=("fi", "en")),
    Org("nuorisotila-kipina", "Nuorisotila Kipinä", "091", "municipal",
      ("Pasilan nuorisotila: kerhoja, pelivuoroja ja avoimia iltoja 12–17-vuotiaille.",
       "Ungdomslokal i Böle med klubbar, speltider och öppna kvällar för 12–17-åringar.",
       "Pasila youth space: clubs, game nights and open evenings for 12–17-year-olds."),
      YOUTH_CENTRE, 12, (4, 5)),
    Org("ita-helsingin-nuorisotyo", "Itä-Helsingin nuorisotyö", "091", "municipal",
      ("Itäisen Helsingin nuorisotalot ja liikkuva nuorisotyö Kontulasta Vuosaareen.",
       "Ungdomsgårdarna och det mobila ungdomsarbetet i östra Helsingfors.", ""),
      YOUTH_CENTRE, 14, (18, 17, 21), languages=("fi", "en")),
    Org("lansi-helsingin-nuorisotyo", "Länsi-Helsingin nuorisotyö", "091", "municipal",
      ("Nuorisotilat Lauttasaaressa, Jätkäsaaressa ja Kannelmäessä.", "",
       "Youth spaces in Lauttasaari, Jätkäsaari and Kannelmäki."),
      YOUTH_CENTRE, 14, (26, 28, 32, 51)),
    Org("kallion-kotkat", "FC Kallion Kotkat ry", "091", "association",
      ("Kallion oma jalkapalloseura, jossa jokainen pääsee pelaamaan.",
       "Berghälls egen fotbollsförening där alla får spela.",
       "Kallio's own football club where everyone gets to play."),
      ("futiskerho", "futis-joukkue", "tyttofutis"), 10, (3, 2)),
    Org("pallo-veikot-pasila", "Pallo-Veikot Pasila ry", "091", "association",
      ("Jalkapalloa ja salibandya Pasilassa ja Oulunkylässä vuodesta 1962.", "",
       "Football and floorball in Pasila and Oulunkylä since 1962."),
      ("futiskerho", "futis-joukkue", "salibandy-joukkue", "sahly"), 9, (5, 23)),
    Org("katajanokan-korit", "Katajanokan Korit ry", "091", "association",
      ("Koripalloseura, jossa harjoitellaan iloisesti ja kaikki pelaavat.",
       "Basketförening där alla får speltid.", "A basketball club where everyone gets to play."),
      ("koris", "koris-vuoro", "streetball"), 7, (21, 25), languages=("fi", "en")),
    Org("sahly-sudet", "Salibandyseura Sähly-Sudet ry", "091", "association",
      ("Koillis-Helsingin salibandyseura harrastajista kilpapelaajiin.", "", ""),
      ("salibandy-joukkue", "sahly"), 8, (22, 34, 21)),
    Org("kallioseina", "Kiipeilykeskus Kallioseinä Oy", "091", "company",
      ("Boulderointia ja köysikiipeilyä Töölössä. Nuorten ryhmissä ohjaaja on aina mukana.",
       "Bouldering och repklättring i Tölö. Ungdomsgrupperna har alltid en instruktör.",
       "Bouldering and rope climbing in Töölö. Youth groups always have an instructor."),
      ("boulder-kurssi", "kiipeilyryhma"), 8, (6,), languages=("fi", "sv", "en")),
    Org("aalto-uimarit", "Uimaseura Aalto-Uimarit ry", "091", "association",
      ("Uimakouluja ja tekniikkaryhmiä Jätkäsaaren uimahallissa.", "",
       "Swimming lessons and technique groups at the Jätkäsaari swimming hall."),
      ("uimakoulu", "uintitekniikka"), 7, (7,)),
    Org("rampit", "Skeittiyhdistys Rampit ry", "091", "association",
      ("Skeittaajien oma yhdistys: skeittikouluja, tapahtumia ja parkkien kunnostusta.", "",
       "A skaters' association: skate school, events and looking after the parks."),
      ("skeittikoulu",), 6, (9, 20), languages=("fi", "en")),
    Org("tiikerinloikka", "Budoseura Tiikerinloikka ry", "091", "association",
      ("Judoa, nyrkkeilyä ja itsepuolustusta Käpylässä.", "Judo, boxning och självförsvar i Kottby.", ""),
      ("judo", "nyrkkeily", "itsepuolustus"), 8, (24,)),
    Org("sointula", "Musiikkikoulu Sointula Oy", "091", "company",
      ("Yksityinen musiikkikoulu: laulua, kitaraa, rumpuja ja kuoroa.",
       "Privat musikskola: sång, gitarr, trummor och kör.",
       "A private music school: singing, guitar, drums and choir."),
      ("laulutunnit", "kuoro", "kitara", "rummut"), 10, (10,), languages=("fi", "sv", "en")),
    Org("vahvistin", "Bänditalo Vahvistin ry", "091", "association",
      ("Treenikämppiä, bändikerhoja ja biittipajoja nuorille muusikoille.", "",
       "Rehearsal rooms, band clubs and beat workshops for young musicians."),
      ("bandi", "biitit", "dj-kurssi", "rummut"), 8, (11,), languages=("fi", "en")),
    Org("varikas", "Kuvataidekoulu Värikäs ry", "091", "association",
      ("Kuvataidekoulu, jossa piirretään, maalataan ja tehdään sarjakuvaa.",
       "Bildkonstskola där vi tecknar, målar och gör serier.", ""),
      ("piirustus", "manga", "maalaus", "graffiti", "keramiikka"), 9, (12,)),
    Org("rytmikas", "Tanssikoulu Rytmikäs Oy", "091", "company",
      ("Katutanssia, k-popia, balettia ja nykytanssia keskustassa.",
       "Streetdance, k-pop, balett och modern dans i centrum.",
       "Street dance, K-pop, ballet and contemporary dance in the city centre."),
      ("hiphop", "breaking", "kpop", "baletti", "nykytanssi"), 10, (13,), languages=("fi", "en")),
    Org("volttikeskus", "Sirkuskoulu Volttikeskus ry", "091", "association",
      ("Nuorten sirkuskoulu Herttoniemessä: akrobatiaa, jongleerausta ja ilma-akrobatiaa.",
       "Ungdomscirkus i Hertonäs: akrobatik, jonglering och luftakrobatik.", ""),
      ("sirkuskoulu", "ilma-akro"), 7, (14, 25)),
    Org("kulissi", "Nuorisoteatteri Kulissi ry", "091", "association",
      ("Nuorisoteatteri, jossa tehdään omia esityksiä ja musikaaleja.", "",
       "A youth theatre that makes its own plays and musicals."),
      ("teatteri", "musikaali", "impro"), 7, (15,)),
    Org("bitti", "Koodikerho Bitti ry", "091", "association",
      ("Koodausta, robotiikkaa ja pelinkehitystä – ilman aiempaa osaamista.",
       "Kodning, robotik och spelutveckling – inga förkunskaper behövs.",
       "Coding, robotics and game development – no experience needed."),
      ("koodikerho", "nettisivut", "robotiikka", "3d-paja", "pelinkehitys"), 9, (16,), languages=("fi", "en")),
    Org("nuoret-tekijat", "Nuoret Tekijät -säätiö sr", "091", "foundation",
      ("Säätiö, joka tukee nuorten vapaaehtoistoimintaa, vaikuttamista ja arjen taitoja.",
       "En stiftelse som stöder ungas frivilligarbete, påverkan och vardagskunskaper.",
       "A foundation supporting young people's volunteering, participation and everyday skills."),
      ("vaikuttajat", "vapaaehtoiset", "ensiapu", "kokkikerho", "kasvisruoka"), 8, (30, 4, 1)),
    Org("lanikulma", "Pelikulttuuriyhdistys Lanikulma ry", "091", "association",
      ("E-urheilua, lautapelejä ja roolipelejä Itäkeskuksessa – päihteettömästi.", "",
       "E-sports, board games and role-playing games in Itäkeskus – substance-free."),
      ("esports", "peli-ilta", "lautapelit", "roolipelit", "shakki"), 8, (17,), languages=("fi", "en")),
    Org("merikotkat", "Partiolippukunta Merikotkat ry", "091", "association",
      ("Partiota Munkkiniemessä: viikkokokouksia, retkiä ja leirejä.",
       "Scouting i Munksnäs: veckomöten, utfärder och läger.", ""),
      ("partio", "retkeily"), 6, (27, 33)),
    Org("stjarnfallet", "Idrottsföreningen Stjärnfallet rf", "091", "association",
      ("Ruotsinkielinen urheiluseura: jalkapalloa, koripalloa ja uintia.",
       "Svenskspråkig idrottsförening: fotboll, basket och simning.",
       "A Swedish-speaking sports club: football, basketball and swimming."),
      ("futiskerho", "koris", "uintitekniikka"), 7, (23, 25, 7), languages=("sv", "fi")),
    Org("puistolan-tassut", "Koiraharrastajat Puistolan Tassut ry", "091", "association",
      ("Agilitya ja koiran koulutusta nuorille, joilla on oma tai lainakoira.", "", ""),
      ("agility",), 4, (35,), verified=False),
    Org("nuorisotila-kajo", "Nuorisotila Kajo", "049", "municipal",
      ("Tapiolan nuorisotila: avoimia iltoja, kerhoja ja pelivuoroja.",
       "Ungdomslokalen i Hagalund: öppna kvällar, klubbar och speltider.",
       "Tapiola youth space: open evenings, clubs and sports sessions."),
      YOUTH_CENTRE, 12, (36, 38)),
    Org("lahdenpohjan-laineet", "Melontaseura Lahdenpohjan Laineet ry", "049", "association",
      ("Melontaa, kalastusta ja retkiä Espoonlahdella.", "Paddling, fiske och utflykter i Esboviken.", ""),
      ("melonta", "kalastus", "retkeily"), 6, (39,)),
    Org("kaviokoto", "Ratsastustalli Kaviokoto Oy", "049", "company",
      ("Ratsastuskoulu ja tallikerho Espoon keskuksen lähellä.", "",
       "A riding school and stable club near Espoo Centre."),
      ("ratsastus", "tallikerho"), 6, (40,), languages=("fi", "en")),
    Org("askel", "Tanssiseura Askel ry", "049", "association",
      ("Tanssiseura Matinkylässä: katutanssia, nykytanssia ja k-popia.", "",
       "A dance club in Matinkylä: street dance, contemporary and K-pop."),
      ("hiphop", "kpop", "nykytanssi", "baletti"), 8, (41,)),
    Org("ateljee-ilo", "Taidesäätiö Ateljee Ilo sr", "049", "foundation",
      ("Säätiön ylläpitämä ateljee: kuvataidetta, keramiikkaa ja käsitöitä maksutta tai edullisesti.",
       "Stiftelsens ateljé: bildkonst, keramik och hantverk gratis eller förmånligt.",
       "The foundation's studio: art, ceramics and crafts for free or at a low price."),
      ("maalaus", "keramiikka", "ompelu", "neulonta", "luontokuvaus"), 7, (42,), languages=("fi", "sv")),
    Org("kasteet", "Uimaseura Kasteet ry", "049", "association",
      ("Espoolainen uimaseura, jossa opetellaan uimaan missä iässä tahansa.", "", ""),
      ("uimakoulu", "uintitekniikka"), 5, (37,)),
    Org("nuorisotila-kompassi", "Nuorisotila Kompassi", "092", "municipal",
      ("Tikkurilan nuorisotila: kerhoja, pelejä, musiikkia ja kokkausta.",
       "Ungdomslokalen i Dickursby: klubbar, spel, musik och matlagning.",
       "Tikkurila youth space: clubs, games, music and cooking."),
      YOUTH_CENTRE, 12, (44, 46), languages=("fi", "en")),
    Org("tikkurilan-tahdet", "Urheiluseura Tikkurilan Tähdet ry", "092", "association",
      ("Monilajiseura: jalkapalloa, salibandya, koripalloa ja kuntosalia.", "",
       "A multi-sport club: football, floorball, basketball and gym."),
      ("futiskerho", "tyttofutis", "salibandy-joukkue", "koris", "salivuoro", "jooga"), 10, (45, 46)),
    Org("maustepurkki", "Kokkikoulu Maustepurkki Oy", "092", "company",
      ("Kokkikoulu, jossa opitaan arjen ruokia ja leivontaa.", "",
       "A cooking school for everyday food and baking."),
      ("kokkikerho", "kasvisruoka", "leivonta", "kokkaa-leivo"), 7, (47,), languages=("fi", "en")),
    Org("pellava", "Käsityökeskus Pellava ry", "092", "association",
      ("Ompelua, neulontaa, puutöitä ja keramiikkaa Hakunilassa.",
       "Sömnad, stickning, träslöjd och keramik i Håkansböle.", ""),
      ("ompelu", "neulonta", "puutyo", "keramiikka"), 7, (48,)),
    Org("kuusama", "Luontokoulu Kuusama -säätiö sr", "092", "foundation",
      ("Luontokoulu, joka vie nuoria metsään, järvelle ja retkille.", "",
       "A nature school that takes young people to the forest, the lake and on trips."),
      ("retkeily", "kalastus", "luontokuvaus"), 6, (49,), verified=False),
    Org("helsingin-lahiliikuntapaikat", "Helsingin lähiliikuntapaikat", "091", "municipal",
      ("Kaupungin skeittiparkit, ulkokuntosalit ja pallokentät, joilla voi liikkua milloin vain.",
       "Stadens skateparker, utegym och bollplaner som alla får använda när som helst.",
       "The city's skate parks, outdoor gyms and courts that anyone can use at any time."),
      (), 0, (8, 9, 19, 20, 29, 31)),
)
del Org


@dataclass(frozen=True)
class VenueSpec:
    number: int
    name: T
    street: tuple[str, str]  # (fi, sv)
    postal_code: str
    city: str
    municipality: str
    lat: float
    lon: float
    access: str  # wheelchair, accessible toilet, induction loop, step-free entrance: Y / N / ? (unknown)
    manager: str | None = None  # organization slug
    info: T = ("", "", "")


V = VenueSpec
STEPS = ("Sisäänkäynnillä kolme porrasta, ei luiskaa.", "Tre trappsteg vid ingången, ingen ramp.",
         "Three steps at the entrance, no ramp.")
LIFT = ("Esteetön sisäänkäynti pihan puolelta, hissi kaikkiin kerroksiin.",
        "Tillgänglig ingång från gården, hiss till alla våningar.",
        "Step-free entrance from the courtyard, lift to all floors.")
OUTDOOR = ("Ulkoalue, asfalttipinta. Lähin esteetön wc on lähikirjastossa.", "",
           "Outdoor area with asphalt surface. The nearest accessible toilet is in the local library.")

VENUES: tuple[VenueSpec, ...] = (
    V(1, ("Nuorisotalo Majakka", "Ungdomsgården Fyren", "Majakka Youth Centre"), ("Porvoonkatu 12", "Borgågatan 12"),
      "00510", "Helsinki", "091", 60.18662, 24.95302, "YYYY", "nuorisotalo-majakka", LIFT),
    V(2, ("Kallion palloiluhalli", "Bollhallen i Berghäll", "Kallio Ball Hall"), ("Sturenkatu 14", "Sturegatan 14"),
      "00510", "Helsinki", "091", 60.19051, 24.94478, "YYN?"),
    V(3, ("Kallion tekonurmikenttä", "Konstgräsplanen i Berghäll", "Kallio Artificial Turf"),
      ("Helsinginkatu 49", "Helsingforsgatan 49"), "00530", "Helsinki", "091", 60.18821, 24.93804, "Y?NY"),
    V(4, ("Nuorisotila Kipinä", "Ungdomslokalen Gnistan", "Kipinä Youth Space"), ("Ratapihantie 8", "Bangårdsvägen 8"),
      "00520", "Helsinki", "091", 60.19847, 24.93396, "YYYY", "nuorisotila-kipina", LIFT),
    V(5, ("Pasilan liikuntahalli", "Böle idrottshall", "Pasila Sports Hall"), ("Radiokatu 20", "Radiogatan 20"),
      "00240", "Helsinki", "091", 60.20452, 24.92351, "YY?Y"),
    V(6, ("Kiipeilykeskus Kallioseinä Töölö", "Klättercenter Kallioseinä Tölö", "Kallioseinä Climbing Centre Töölö"),
      ("Runeberginkatu 42", "Runebergsgatan 42"), "00260", "Helsinki", "091", 60.18297, 24.91902, "YYNN",
      "kallioseina"),
    V(7, ("Aallon uimahalli", "Aalto simhall", "Aalto Swimming Hall"),
      ("Länsisatamankatu 30", "Västrahamnsgatan 30"), "00220", "Helsinki", "091", 60.15904, 24.91648, "YYYY"),
    V(8, ("Katajanokan koripallokenttä", "Skatuddens basketplan", "Katajanokka Basketball Court"),
      ("Luotsikatu 5", "Lotsgatan 5"), "00160", "Helsinki", "091", 60.16795, 24.96652, "N?N?",
      "helsingin-lahiliikuntapaikat"),
    V(9, ("Kalasataman skeittipuisto", "Fiskehamnens skatepark", "Kalasatama Skatepark"), ("Sörnäistenniemi 4", ""),
      "00540", "Helsinki", "091", 60.18702, 24.97893, "Y?NY", "helsingin-lahiliikuntapaikat", OUTDOOR),
    V(10, ("Musiikkikoulu Sointula", "Musikskolan Sointula", "Sointula Music School"),
      ("Iso Roobertinkatu 21", "Stora Robertsgatan 21"), "00120", "Helsinki", "091", 60.16153, 24.94103, "NN?N",
      "sointula", STEPS),
    V(11, ("Bänditalo Vahvistin", "", "Vahvistin Band House"), ("Vilhonvuorenkatu 11", "Vilhelmsbergsgatan 11"),
      "00500", "Helsinki", "091", 60.18497, 24.95906, "YNNY", "vahvistin"),
    V(12, ("Kuvataidekoulu Värikäs", "Bildkonstskolan Värikäs", "Värikäs Art School"),
      ("Hämeentie 135", "Tavastvägen 135"), "00560", "Helsinki", "091", 60.20853, 24.97596, "YYYY", "varikas"),
    V(13, ("Tanssikoulu Rytmikäs", "Dansskolan Rytmikäs", "Rytmikäs Dance School"), ("Malminkatu 16", "Malmgatan 16"),
      "00100", "Helsinki", "091", 60.16801, 24.93003, "YY?Y", "rytmikas"),
    V(14, ("Sirkuskeskus Voltti", "Cirkuscentret Voltti", "Voltti Circus Centre"), ("Sahaajankatu 24",
                                                                                    "Sågaregatan 24"),
      "00880", "Helsinki", "091", 60.19048, 25.04012, "YYNY", "volttikeskus"),
    V(15, ("Teatteritalo Kulissi", "Teaterhuset Kulissi", "Kulissi Theatre House"),
      ("Topeliuksenkatu 9", "Topeliusgatan 9"), "00250", "Helsinki", "091", 60.18002, 24.92208, "N?YN", "kulissi",
      STEPS),
    V(16, ("Bitti-paja", "Bitti-verkstaden", "Bitti Makerspace"), ("Lapinlahdenkatu 16", "Lappviksgatan 16"),
      "00180", "Helsinki", "091", 60.16652, 24.92398, "YYNY", "bitti"),
    V(17, ("Pelitila Lanikulma", "Spellokalen Lanikulma", "Lanikulma Gaming Space"), ("Turunlinnantie 8",
                                                                                      "Åbohusvägen 8"),
      "00930", "Helsinki", "091", 60.21103, 25.08095, "YYNY", "lanikulma"),
    V(18, ("Nuorisotalo Tuulenpesä", "Ungdomsgården Tuulenpesä", "Tuulenpesä Youth Centre"),
      ("Kontulankaari 4", "Gårdsbackabågen 4"), "00940", "Helsinki", "091", 60.23602, 25.08304, "YYYY",
      "ita-helsingin-nuorisotyo", LIFT),
    V(19, ("Vuosaaren ulkokuntosali", "Utegymmet i Nordsjö", "Vuosaari Outdoor Gym"), ("Kallvikintie 6",
                                                                                       "Kallviksvägen 6"),
      "00980", "Helsinki", "091", 60.20951, 25.14203, "Y?NY", "helsingin-lahiliikuntapaikat", OUTDOOR),
    V(20, ("Kontulan skeittiparkki", "Gårdsbacka skatepark", "Kontula Skatepark"), ("Ostostie 2", "Köpvägen 2"),
      "00940", "Helsinki", "091", 60.23705, 25.08502, "Y?NY", "helsingin-lahiliikuntapaikat"),
    V(21, ("Malmin palloiluhalli", "Malms bollhall", "Malmi Ball Hall"), ("Kirkonkyläntie 7", "Kyrkobyvägen 7"),
      "00700", "Helsinki", "091", 60.25049, 25.01198, "YYNY"),
    V(22, ("Pukinmäen liikuntasali", "Bocksbacka idrottssal", "Pukinmäki Sports Hall"), ("Säterintie 3",
                                                                                         "Säterivägen 3"),
      "00720", "Helsinki", "091", 60.24251, 24.99303, "YY??"),
    V(23, ("Oulunkylän urheilupuisto", "Åggelby idrottspark", "Oulunkylä Sports Park"),
      ("Käskynhaltijantie 11", "Ståthållarvägen 11"), "00640", "Helsinki", "091", 60.22898, 24.96402, "YYNY"),
    V(24, ("Budosali Tiikerinloikka", "Budosalen Tiikerinloikka", "Tiikerinloikka Dojo"),
      ("Koskelantie 22", "Forsbyvägen 22"), "00610", "Helsinki", "091", 60.21452, 24.95101, "NNNN", "tiikerinloikka",
      STEPS),
    V(25, ("Herttoniemen liikuntahalli", "Hertonäs idrottshall", "Herttoniemi Sports Hall"), ("Kettutie 3",
                                                                                              "Rävvägen 3"),
      "00800", "Helsinki", "091", 60.19453, 25.02904, "YYYY"),
    V(26, ("Nuorisotila Luoto", "Ungdomslokalen Holmen", "Luoto Youth Space"), ("Otavantie 9", "Otavavägen 9"),
      "00200", "Helsinki", "091", 60.15851, 24.87452, "YY?Y", "lansi-helsingin-nuorisotyo"),
    V(27, ("Partiokolo Merikotkat", "Scoutlokalen Havsörnarna", "Merikotkat Scout Hut"),
      ("Huopalahdentie 24", "Hoplaksvägen 24"), "00350", "Helsinki", "091", 60.20104, 24.87603, "NN?N", "merikotkat"),
    V(28, ("Nuorisotalo Soihtu", "Ungdomsgården Facklan", "Soihtu Youth Centre"), ("Klaneettitie 5",
                                                                                   "Klarinettvägen 5"),
      "00420", "Helsinki", "091", 60.23951, 24.87954, "YYYY", "lansi-helsingin-nuorisotyo", LIFT),
    V(29, ("Maunulan ulkokuntosali", "Utegymmet i Månsas", "Maunula Outdoor Gym"),
      ("Metsäpurontie 2", "Skogsbäcksvägen 2"), "00630", "Helsinki", "091", 60.23002, 24.92853, "??NY",
      "helsingin-lahiliikuntapaikat"),
    V(30, ("Viikin opetuskeittiö", "Undervisningsköket i Vik", "Viikki Teaching Kitchen"), ("Viikinkaari 11", ""),
      "00790", "Helsinki", "091", 60.22648, 25.01547, "YYYY", "nuoret-tekijat"),
    V(31, ("Myllypuron ulkokiipeilyseinä", "", "Myllypuro Outdoor Climbing Wall"), ("Alakiventie 2", ""),
      "00920", "Helsinki", "091", 60.22353, 25.06102, "??NN", "helsingin-lahiliikuntapaikat"),
    V(32, ("Nuorisotila Satama", "Ungdomslokalen Hamnen", "Satama Youth Space"), ("Välimerenkatu 8",
                                                                                  "Medelhavsgatan 8"),
      "00220", "Helsinki", "091", 60.15752, 24.91953, "YYYY", "lansi-helsingin-nuorisotyo"),
    V(33, ("Paloheinän retkeilytukikohta", "Svedängens friluftsbas", "Paloheinä Outdoor Base"),
      ("Paloheinäntie 30", "Svedängsvägen 30"), "00670", "Helsinki", "091", 60.25753, 24.92204, "Y?NY"),
    V(34, ("Tapanilan liikuntasali", "Mosabacka idrottssal", "Tapanila Sports Hall"), ("Päivöläntie 4", ""),
      "00730", "Helsinki", "091", 60.26352, 25.02903, "??NY"),
    V(35, ("Puistolan agilitykenttä", "", "Puistola Agility Field"), ("Heikinlaaksontie 11", ""),
      "00760", "Helsinki", "091", 60.27451, 25.03452, "N?NY", "puistolan-tassut"),
    V(36, ("Nuorisotila Kajo", "Ungdomslokalen Kajo", "Kajo Youth Space"), ("Kauppamiehentie 6", "Köpmansvägen 6"),
      "02100", "Espoo", "049", 60.17552, 24.80551, "YYYY", "nuorisotila-kajo", LIFT),
    V(37, ("Uimala Kaste", "Simhallen Kaste", "Kaste Swimming Pool"), ("Opintie 2", "Studievägen 2"),
      "02100", "Espoo", "049", 60.17648, 24.80302, "YYYY", "kasteet"),
    V(38, ("Leppävaaran palloiluhalli", "Alberga bollhall", "Leppävaara Ball Hall"), ("Säterinkatu 4", "Sätersgatan 4"),
      "02600", "Espoo", "049", 60.21853, 24.81204, "YY?Y"),
    V(39, ("Lahdenpohjan melontamaja", "Vikbottens paddlingsstuga", "Lahdenpohja Paddling Hut"),
      ("Lahdenpohjantie 2", "Vikbottenvägen 2"), "02320", "Espoo", "049", 60.14853, 24.64802, "N?NN",
      "lahdenpohjan-laineet"),
    V(40, ("Kaviokodon talli", "Kaviokoto stall", "Kaviokoto Stables"), ("Kunnarlantie 40", ""),
      "02780", "Espoo", "049", 60.21204, 24.64803, "N?NY", "kaviokoto"),
    V(41, ("Tanssistudio Askel", "Dansstudion Askel", "Askel Dance Studio"), ("Matinkatu 15", "Mattsgatan 15"),
      "02230", "Espoo", "049", 60.15953, 24.73852, "YYNY", "askel"),
    V(42, ("Ateljee Ilo", "Ateljé Ilo", "Ilo Studio"), ("Itätuulenkuja 4", "Östanvindsgränden 4"),
      "02100", "Espoo", "049", 60.17702, 24.81001, "YY?Y", "ateljee-ilo"),
    V(43, ("Espoon keskuksen skeittipuisto", "Esbo centrums skatepark", "Espoo Centre Skatepark"),
      ("Kirkkojärventie 8", "Kyrkträskvägen 8"), "02770", "Espoo", "049", 60.20601, 24.65803, "Y?NY",
      "nuorisotila-kajo", OUTDOOR),
    V(44, ("Nuorisotila Kompassi", "Ungdomslokalen Kompassen", "Kompassi Youth Space"), ("Asematie 10",
                                                                                         "Stationsvägen 10"),
      "01300", "Vantaa", "092", 60.29253, 25.04302, "YYYY", "nuorisotila-kompassi", LIFT),
    V(45, ("Tikkurilan urheilupuisto", "Dickursby idrottspark", "Tikkurila Sports Park"), ("Urheilutie 4",
                                                                                           "Idrottsvägen 4"),
      "01300", "Vantaa", "092", 60.29802, 25.03403, "YYNY"),
    V(46, ("Myyrmäen liikuntahalli", "Myrbacka idrottshall", "Myyrmäki Sports Hall"),
      ("Raappavuorentie 8", "Rapabergsvägen 8"), "01600", "Vantaa", "092", 60.26252, 24.85553, "YYYY"),
    V(47, ("Kokkikoulu Maustepurkki", "Kockskolan Maustepurkki", "Maustepurkki Cooking School"),
      ("Martinlaaksontie 36", "Mårtensdalsvägen 36"), "01620", "Vantaa", "092", 60.27852, 24.85203, "YYNY",
      "maustepurkki"),
    V(48, ("Käsityökeskus Pellava", "Hantverkscentret Pellava", "Pellava Craft Centre"),
      ("Hakunilantie 48", "Håkansbölevägen 48"), "01200", "Vantaa", "092", 60.27702, 25.10803, "YYNN", "pellava"),
    V(49, ("Kuusaman luontotalo", "Naturhuset Kuusama", "Kuusama Nature House"), ("Kuusikkotie 12", ""),
      "01450", "Vantaa", "092", 60.35003, 25.07902, "N?NY", "kuusama"),
    V(50, ("Koivukylän ulkokuntosali", "Björkby utegym", "Koivukylä Outdoor Gym"),
      ("Koivukylän puistotie 4", "Björkby parkväg 4"), "01360", "Vantaa", "092", 60.32353, 25.06104, "Y?NY",
      "nuorisotila-kompassi", OUTDOOR),
    V(51, ("Kannelmäen liikuntasali", "", "Kannelmäki Sports Hall"), ("Kaarelantie 86", ""),
      "00420", "Helsinki", "091", 60.24053, 24.87702, "YYNY"),
)
del V

# What kind of place a venue is, so that a provider's football goes to its field and its
# cooking club to its youth centre; venues not listed are rooms (youth centres, studios).
VENUE_KINDS: dict[int, str] = {
    2: "hall", 5: "hall", 21: "hall", 22: "hall", 25: "hall", 34: "hall", 38: "hall", 46: "hall", 51: "hall",
    3: "field", 23: "field", 45: "field",
    7: "pool", 37: "pool",
    30: "kitchen", 47: "kitchen",
    17: "gaming",
}


@dataclass(frozen=True)
class OpenUseSpec:
    """A facility anyone can use whenever it is open: a hobby without sessions."""

    organization: str
    venue: int
    category: str
    title: T
    summary: T
    age_min: int = 10
    age_max: int = 20


OPEN_SKATE = ("Rampit, reilit ja bowl kaikille. Kypärä suositeltava.",
              "Ramper, rails och bowl för alla. Hjälm rekommenderas.",
              "Ramps, rails and a bowl for everyone. A helmet is recommended.")
OPEN_GYM = ("Ulkokuntosali, jota voi käyttää vuorokauden ympäri. Ohjeet laitteissa.",
            "Utegym som är öppet dygnet runt. Instruktioner finns på redskapen.",
            "An outdoor gym open around the clock. Instructions are on the equipment.")

OPEN_USE: tuple[OpenUseSpec, ...] = (
    OpenUseSpec("helsingin-lahiliikuntapaikat", 9, "skateboarding",
                ("Kalasataman skeittipuisto", "Fiskehamnens skatepark", "Kalasatama skatepark"), OPEN_SKATE),
    OpenUseSpec("helsingin-lahiliikuntapaikat", 20, "skateboarding",
                ("Kontulan skeittiparkki", "Gårdsbacka skatepark", "Kontula skatepark"), OPEN_SKATE),
    OpenUseSpec("nuorisotila-kajo", 43, "skateboarding",
                ("Espoon keskuksen skeittipuisto", "", "Espoo Centre skatepark"), OPEN_SKATE),
    OpenUseSpec("helsingin-lahiliikuntapaikat", 19, "fitness",
                ("Vuosaaren ulkokuntosali", "Utegymmet i Nordsjö", "Vuosaari outdoor gym"), OPEN_GYM, 12, 20),
    OpenUseSpec("helsingin-lahiliikuntapaikat", 29, "fitness",
                ("Maunulan ulkokuntosali", "", ""), OPEN_GYM, 12, 20),
    OpenUseSpec("nuorisotila-kompassi", 50, "fitness",
                ("Koivukylän ulkokuntosali", "Björkby utegym", "Koivukylä outdoor gym"), OPEN_GYM, 12, 20),
    OpenUseSpec("helsingin-lahiliikuntapaikat", 8, "basketball",
                ("Katajanokan koriskenttä", "Skatuddens basketplan", "Katajanokka basketball court"),
                ("Kaksi koria ja valaistus iltaisin. Oma pallo mukaan.", "",
                 "Two hoops, lit in the evenings. Bring your own ball.")),
    OpenUseSpec("helsingin-lahiliikuntapaikat", 31, "climbing",
                ("Myllypuron ulkokiipeilyseinä", "", "Myllypuro outdoor climbing wall"),
                ("Matala boulderseinä ulkona, turva-alustalla. Ei köysikiipeilyä.", "",
                 "A low outdoor bouldering wall with safety surfacing. No rope climbing."), 12, 20),
)
