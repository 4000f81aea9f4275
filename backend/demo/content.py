"""Hand-written demo content: municipalities, the category tree, source mappings and CMS users.

Everything here is invented for the demo except the official municipality codes, the YSO
keyword ids (checked against YSO 2019.3) and the Lipas type codes (checked against the Lipas
``/api/sports-place-types`` list). Append to the lists; do not reorder, the keys must stay stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cms.roles import MODERATORS, PROVIDER_EDITORS

# --- municipalities ------------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalitySpec:
    code: str
    slug: str
    name_fi: str
    name_sv: str
    name_en: str


MUNICIPALITIES: tuple[MunicipalitySpec, ...] = (
    MunicipalitySpec("091", "helsinki", "Helsinki", "Helsingfors", "Helsinki"),
    MunicipalitySpec("049", "espoo", "Espoo", "Esbo", "Espoo"),
    MunicipalitySpec("092", "vantaa", "Vantaa", "Vanda", "Vantaa"),
)

# --- categories ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name_fi: str
    name_sv: str
    name_en: str
    icon: str
    synonyms_fi: str = ""
    synonyms_sv: str = ""
    synonyms_en: str = ""
    children: tuple[CategorySpec, ...] = field(default=())


C = CategorySpec

# fmt: off
CATEGORY_TREE: tuple[CategorySpec, ...] = (
    C("sports", "Urheilu ja liikunta", "Idrott och motion", "Sports", "ball",
      "liikunta, urheilu, treeni, reenit", "idrott, motion, träning", "sport, exercise, training", (
        C("football", "Jalkapallo", "Fotboll", "Football", "football",
          "futis, fudis, jalkkis, potkupallo", "fotboll, fotis, futis", "soccer, footy"),
        C("basketball", "Koripallo", "Basket", "Basketball", "basketball",
          "kori, koris, streetball", "basketboll, korgboll", "hoops, streetball"),
        C("floorball", "Salibandy", "Innebandy", "Floorball", "stick",
          "sähly, säbä, salkkari", "innebandy, bandy", "unihockey, indoor hockey"),
        C("climbing", "Kiipeily", "Klättring", "Climbing", "mountain",
          "boulderointi, boulder, seinäkiipeily", "bouldering, klättervägg", "bouldering, wall climbing"),
        C("swimming", "Uinti", "Simning", "Swimming", "wave",
          "uimahalli, uimakoulu, uiminen", "simhall, simskola", "pool, swim school"),
        C("skateboarding", "Skeittaus", "Skateboard", "Skateboarding", "skateboard",
          "rullalautailu, skedeily, skeitti, skuutti", "skejt, skejta, sparkcykel", "skate, skating, scooter"),
        C("martial-arts", "Kamppailulajit", "Kampsporter", "Martial arts", "fist",
          "judo, karate, taekwondo, nyrkkeily, itsepuolustus", "judo, karate, boxning, självförsvar",
          "judo, karate, boxing, self-defence"),
        C("fitness", "Kuntoilu ja kuntosali", "Motion och gym", "Fitness and gym", "dumbbell",
          "sali, kuntosali, ulkokuntosali, treeni, jooga", "gym, utegym, träning, yoga",
          "gym, workout, outdoor gym, yoga"),
    )),
    C("music", "Musiikki", "Musik", "Music", "music",
      "soittaminen, musa, biisit", "musik, spela", "music, playing", (
        C("band", "Bändit", "Band", "Bands", "guitar",
          "bändi, treenikämppä, keikka", "band, replokal, spelning", "band, rehearsal, gig"),
        C("singing", "Laulu ja kuoro", "Sång och kör", "Singing and choir", "microphone",
          "laulaminen, kuoro, karaoke", "sjunga, kör, karaoke", "choir, karaoke, vocals"),
        C("instruments", "Soittimet", "Instrument", "Instruments", "piano",
          "kitara, rummut, piano, basso, ukulele", "gitarr, trummor, piano", "guitar, drums, piano, bass"),
        C("music-production", "Musiikin tuottaminen", "Musikproduktion", "Music production", "headphones",
          "biitit, räppi, dj, tuottaminen, rap", "beats, dj, rap", "beats, dj, rap, producing"),
    )),
    C("arts", "Kuvataide ja media", "Bildkonst och media", "Visual arts and media", "palette",
      "taide, kuvis, media", "konst, bild, media", "art, media", (
        C("drawing-painting", "Piirtäminen ja maalaus", "Teckning och målning", "Drawing and painting", "brush",
          "piirtäminen, maalaus, sarjakuva, manga, anime", "teckna, måla, serier, manga",
          "drawing, painting, comics, manga"),
        C("photography-video", "Valokuvaus ja video", "Foto och video", "Photography and video", "camera",
          "kuvaus, tubettaminen, vlogi, tiktok, elokuva", "fotografering, video, vlogg", "photo, youtube, vlog, film"),
        C("street-art", "Katutaide", "Gatukonst", "Street art", "spray",
          "graffiti, graffitit, spraymaalaus", "graffiti, sprayfärg", "graffiti, spray painting"),
    )),
    C("crafts", "Käsityöt", "Hantverk", "Crafts", "scissors",
      "kädentaidot, askartelu, tekeminen", "slöjd, pyssel", "handicrafts, making", (
        C("textile-crafts", "Ompelu ja tekstiilit", "Sömnad och textil", "Sewing and textiles", "needle",
          "ompelu, neulominen, virkkaus, vaatteet, kirpparilöydöt", "sy, sticka, virka, kläder",
          "sewing, knitting, crochet, clothes"),
        C("woodwork", "Puutyöt", "Träslöjd", "Woodwork", "hammer",
          "puutyö, nikkarointi, veistäminen, puukäsityö", "snickeri, träarbete", "woodworking, carpentry"),
        C("ceramics", "Keramiikka", "Keramik", "Ceramics", "vase",
          "savityöt, dreijaus, savi", "lera, drejning", "clay, pottery"),
    )),
    C("games", "Pelit ja e-urheilu", "Spel och e-sport", "Games and e-sports", "gamepad",
      "pelaaminen, pelit, gaming", "spel, gaming", "gaming, games", (
        C("esports", "E-urheilu", "E-sport", "E-sports", "trophy",
          "elektroninen urheilu, lanit, konsolipelit, pelaaminen", "e-sport, lan, konsolspel",
          "electronic sports, lan, console games"),
        C("board-games", "Lauta- ja roolipelit", "Bräd- och rollspel", "Board and role-playing games", "dice",
          "lautapelit, roolipelit, korttipelit, d&d", "brädspel, rollspel, kortspel",
          "board games, rpg, card games, d&d"),
        C("chess", "Shakki", "Schack", "Chess", "chess",
          "shakkikerho, shakkipeli", "schackklubb", "chess club"),
    )),
    C("nature", "Luonto ja retkeily", "Natur och friluftsliv", "Nature and outdoors", "tree",
      "ulkoilu, luonto, metsä", "friluftsliv, natur, skog", "outdoors, nature, forest", (
        C("hiking", "Retkeily", "Vandring", "Hiking", "backpack",
          "vaellus, retki, eräily, leiri, telttailu", "vandring, utflykt, läger", "trekking, camping, trips"),
        C("scouting", "Partio", "Scouting", "Scouting", "compass",
          "partiolaiset, lippukunta, scout", "scouter, kår", "scouts, guides"),
        C("paddling", "Melonta", "Paddling", "Paddling", "canoe",
          "kajakki, sup, kanootti, kanoottiretki", "kajak, kanot, sup", "kayak, canoe, sup"),
        C("fishing", "Kalastus", "Fiske", "Fishing", "fish",
          "onkiminen, pilkkiminen, heittokalastus, perhokalastus", "meta, pimpla", "angling, ice fishing"),
    )),
    C("dance", "Tanssi", "Dans", "Dance", "dance",
      "tanssiminen, tanssitunti", "dansa, danslektion", "dancing, dance class", (
        C("street-dance", "Katutanssi", "Streetdance", "Street dance", "sneaker",
          "hiphop, hip hop, breikki, breaking, street", "hiphop, breaking, street", "hip hop, breaking, breakdance"),
        C("ballet-contemporary", "Baletti ja nykytanssi", "Balett och modern dans", "Ballet and contemporary dance",
          "ballet",
          "baletti, nykytanssi, jazztanssi", "balett, modern dans, jazzdans", "ballet, jazz dance"),
        C("kpop-dance", "K-pop-tanssi", "K-pop-dans", "K-pop dance", "star",
          "kpop, k-pop, cover dance, koreografia", "kpop, cover dance", "kpop, cover dance, choreography"),
    )),
    C("theatre-circus", "Teatteri ja sirkus", "Teater och cirkus", "Theatre and circus", "mask",
      "draama, esiintyminen, lava", "drama, scen", "drama, stage, performing", (
        C("theatre", "Teatteri", "Teater", "Theatre", "theatre",
          "näytteleminen, draama, nuorisoteatteri, musikaali", "skådespel, drama, musikal", "acting, drama, musical"),
        C("circus", "Sirkus", "Cirkus", "Circus", "juggle",
          "jongleeraus, akrobatia, ilma-akrobatia, trampoliini", "jonglering, akrobatik",
          "juggling, acrobatics, aerial"),
        C("improv", "Improvisaatio", "Improvisation", "Improv", "speech",
          "impro, improteatteri, stand up", "impro, standup", "improv theatre, stand-up"),
    )),
    C("tech", "Teknologia ja koodaus", "Teknik och kodning", "Tech and coding", "code",
      "tekniikka, tietokoneet, digi", "teknik, datorer", "technology, computers", (
        C("coding", "Ohjelmointi", "Programmering", "Coding", "laptop",
          "koodaus, koodaaminen, python, javascript, nettisivut", "kodning, python, webb", "programming, python, web"),
        C("robotics", "Robotiikka ja elektroniikka", "Robotik och elektronik", "Robotics and electronics", "robot",
          "robotit, lego, arduino, elektroniikka, 3d-tulostus", "robotar, lego, arduino, 3d-utskrift",
          "robots, lego, arduino, 3d printing"),
        C("game-development", "Pelinkehitys", "Spelutveckling", "Game development", "joystick",
          "pelisuunnittelu, unity, roblox, minecraft", "speldesign, unity, roblox", "game design, unity, roblox"),
    )),
    C("volunteering", "Vapaaehtoistoiminta", "Frivilligverksamhet", "Volunteering", "heart",
      "vapaaehtoistyö, auttaminen, vaikuttaminen", "frivilligarbete, hjälpa", "volunteer work, helping", (
        C("youth-council", "Vaikuttaminen", "Påverkan", "Youth participation", "megaphone",
          "nuorisovaltuusto, nuva, vaikuttamistoiminta, nuorisoparlamentti", "ungdomsfullmäktige, påverka",
          "youth council, activism"),
        C("helping-others", "Auttaminen", "Hjälpa andra", "Helping others", "hands",
          "tukioppilas, kummitoiminta, eläinsuojelu, ruoka-apu", "stödelev, djurskydd", "peer support, animal welfare"),
        C("first-aid", "Ensiapu", "Första hjälpen", "First aid", "cross",
          "ea, ensiapukurssi, ensiapuryhmä", "första hjälpen-kurs", "first aid course"),
    )),
    C("cooking", "Ruoanlaitto", "Matlagning", "Cooking", "pot",
      "kokkaus, ruoka, keittiö", "laga mat, kök", "food, kitchen", (
        C("cooking-club", "Kokkikerho", "Matlagningsklubb", "Cooking club", "chef",
          "kokkaus, ruoanlaitto, kokkikoulu, kasvisruoka", "kockklubb, vegetariskt", "cooking school, vegetarian"),
        C("baking", "Leivonta", "Bakning", "Baking", "cake",
          "leipominen, kakut, pulla, leivonnaiset", "baka, kakor, bullar", "cakes, pastry, buns"),
    )),
    C("animals", "Eläimet", "Djur", "Animals", "paw",
      "eläinharrastus, lemmikit", "djur, husdjur", "pets", (
        C("horse-riding", "Ratsastus", "Ridning", "Horse riding", "horse",
          "heppa, hevoset, talli, poni", "häst, stall, ponny", "horses, stable, pony"),
        C("dog-sports", "Koiraharrastukset", "Hundsport", "Dog sports", "dog",
          "agility, koira, rally-toko, tottelevaisuus", "agility, hund, lydnad", "agility, dog training"),
    )),
)
# fmt: on

del C

# --- mappings from open-data keywords to categories ---------------------------------------

# (YSO id, category slug, label "fi / sv / en" as in YSO 2019.3)
YSO_MAPPINGS: tuple[tuple[str, str, str], ...] = (
    ("yso:p916", "sports", "liikunta / motion (idrott) / physical training"),
    ("yso:p6409", "football", "jalkapallo / fotboll / football"),
    ("yso:p8781", "basketball", "koripallo / basketboll / basketball"),
    ("yso:p16555", "floorball", "salibandy / innebandy / floorball"),
    ("yso:p14139", "climbing", "kiipeily / klättring / climbing"),
    ("yso:p4330", "swimming", "uinti / simning / swimming"),
    ("yso:p14113", "skateboarding", "rullalautailu / skateboardåkning / skateboarding"),
    ("yso:p6854", "martial-arts", "kamppailulajit / kampsporter / martial arts"),
    ("yso:p9034", "martial-arts", "nyrkkeily / boxning / boxing"),
    ("yso:p3111", "fitness", "jooga / yoga / yoga"),
    ("yso:p1808", "music", "musiikki / musik / music"),
    ("yso:p5072", "band", "yhtyeet / musikgrupper / ensembles (groups)"),
    ("yso:p2428", "singing", "laulaminen / sång (sjungande) / singing"),
    ("yso:p2739", "arts", "kuvataide / bildkonst / fine arts"),
    ("yso:p1979", "photography-video", "valokuvaus / fotografering / photography"),
    ("yso:p4386", "photography-video", "videokuvaus / videofilmning / video recording"),
    ("yso:p16512", "street-art", "graffitit / graffiti / graffiti"),
    ("yso:p485", "crafts", "käsityö (toiminta) / handarbete och hantverk (aktivitet) / handcrafting"),
    ("yso:p3910", "textile-crafts", "ompelu / sömnad / sewing"),
    ("yso:p1420", "ceramics", "keramiikka / keramik / ceramics"),
    ("yso:p6062", "games", "pelit / spel / games"),
    ("yso:p29375", "esports", "elektroninen urheilu / e-sport / electronic sports"),
    ("yso:p2758", "board-games", "lautapelit / brädspel / board games"),
    ("yso:p2757", "chess", "shakki / schack / chess"),
    ("yso:p2771", "nature", "ulkoilu / friluftsliv / outdoor recreation"),
    ("yso:p1102", "hiking", "vaellus / vandring / trekking"),
    ("yso:p14657", "scouting", "partio / scoutrörelsen / scout movement"),
    ("yso:p12078", "paddling", "melonta / paddling / canoeing"),
    ("yso:p1278", "dance", "tanssi / dans / dance (performing arts)"),
    ("yso:p14336", "street-dance", "hip hop / hiphop / hip hop"),
    ("yso:p10218", "ballet-contemporary", "baletti (taidelajit) / balett (konstarter) / ballet (art forms)"),
    ("yso:p2625", "theatre", "teatteritaide / teaterkonst / theatre"),
    ("yso:p1281", "theatre", "näytteleminen / skådespelarkonst / acting"),
    ("yso:p16162", "theatre", "nuorisoteatterit / ungdomsteatrar / youth theatres"),
    ("yso:p5007", "circus", "sirkus (taiteet) / cirkus (konstarter) / circus (performing arts)"),
    ("yso:p4887", "coding", "ohjelmointi / programmering / programming"),
    ("yso:p2615", "robotics", "robotiikka / robotteknik / robotics"),
    ("yso:p27380", "game-development", "pelisuunnittelu / speldesign / game design"),
    ("yso:p3050", "volunteering", "vapaaehtoistyö / frivilligt arbete / volunteer work"),
    ("yso:p2846", "cooking", "ruoanvalmistus / matlagning / food preparation"),
    ("yso:p4865", "baking", "leipominen / bakning / baking"),
    ("yso:p1653", "horse-riding", "ratsastus / ridning / horse riding"),
)

# (Lipas type code, category slug, Finnish type name as in Lipas)
LIPAS_MAPPINGS: tuple[tuple[str, str, str], ...] = (
    ("1110", "sports", "Liikuntapuisto"),
    ("1120", "sports", "Lähiliikuntapaikka"),
    ("1130", "fitness", "Ulkokuntoilupaikka"),
    ("1140", "sports", "Parkour-alue"),
    ("1150", "skateboarding", "Skeitti-/rullaluistelupaikka"),
    ("1310", "basketball", "Koripallokenttä"),
    ("1340", "football", "Pallokenttä"),
    ("1350", "football", "Jalkapallostadion"),
    ("1510", "sports", "Tekojääkenttä"),
    ("1520", "sports", "Luistelukenttä"),
    ("2120", "fitness", "Kuntosali"),
    ("2140", "martial-arts", "Kamppailulajien sali"),
    ("2230", "football", "Jalkapallohalli"),
    ("2240", "floorball", "Salibandyhalli"),
    ("2250", "skateboarding", "Skeittihalli"),
    ("2350", "dance", "Tanssitila"),
    ("2370", "climbing", "Sisäkiipeilyseinä"),
    ("3110", "swimming", "Uimahalli"),
    ("3210", "swimming", "Maauimala"),
    ("4403", "nature", "Kävelyreitti/ulkoilureitti"),
    ("4404", "hiking", "Luontopolku"),
    ("4451", "paddling", "Melontareitti"),
    ("4710", "climbing", "Ulkokiipeilyseinä"),
    ("4720", "climbing", "Kiipeilykallio"),
    ("6110", "horse-riding", "Ratsastuskenttä"),
    ("6120", "horse-riding", "Ratsastusmaneesi"),
)

# --- CMS users -----------------------------------------------------------------------------

# the role groups and their permissions are defined once, in cms.roles
MODERATORS_GROUP = MODERATORS
PROVIDER_EDITORS_GROUP = PROVIDER_EDITORS


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    last_name: str
    superuser: bool = False
    groups: tuple[str, ...] = ()
    moderates: tuple[str, ...] = ()  # municipality codes
    member_of: tuple[str, ...] = ()  # organization slugs

    @property
    def email(self) -> str:
        return f"{self.username}@harrastuspassi.invalid"


USERS: tuple[UserSpec, ...] = (
    UserSpec("demo-operator", "Demo", "Operaattori", superuser=True),
    UserSpec("demo-moderator", "Demo", "Moderaattori", groups=(MODERATORS_GROUP,), moderates=("091",)),
    UserSpec("demo-provider", "Demo", "Tuottaja", groups=(PROVIDER_EDITORS_GROUP,), member_of=("kallion-kotkat",)),
    UserSpec("demo-moderator-espoo", "Demo", "Moderaattori Espoo", groups=(MODERATORS_GROUP,), moderates=("049",)),
    UserSpec("demo-moderator-vantaa", "Demo", "Moderaattori Vantaa", groups=(MODERATORS_GROUP,), moderates=("092",)),
    UserSpec("demo-provider-rampit", "Demo", "Rampit", groups=(PROVIDER_EDITORS_GROUP,), member_of=("rampit",)),
    UserSpec("demo-provider-espoo", "Demo", "Kajo", groups=(PROVIDER_EDITORS_GROUP,), member_of=("nuorisotila-kajo",)),
)
