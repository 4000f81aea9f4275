"""Hand-written demo benefits: trials, discounts, free entries and tickets.

A benefit may point at a hobby by the provider's template key: it is tied to the first hobby the
generator made from that template for that provider. Validity is in days from the Monday of the
current week, so a re-run in the same week changes nothing. Append only: ``benefit-<position>``.
"""

from __future__ import annotations

from dataclasses import dataclass

# Hand-aligned data, one entry per block: keep `ruff format` out of it.
# fmt: off

T = tuple[str, str, str]


@dataclass(frozen=True)
class BenefitSpec:
    organization: str
    hobby_template: str | None
    kind: str  # Benefit.Kind value
    title: T
    description: T
    terms: T
    valid_days: tuple[int, int]  # (from, until) in days from this week's Monday
    total_quantity: int | None


B = BenefitSpec
ONE_PER_PERSON = ("Yksi kerta henkilöä kohden. Näytä koodi ohjaajalle.",
                  "En gång per person. Visa koden för ledaren.",
                  "Once per person. Show the code to the instructor.")
SHOW_AT_DESK = ("Näytä koodi kassalla. Ei voi vaihtaa rahaksi.", "Visa koden i kassan. Kan inte bytas mot pengar.",
                "Show the code at the desk. Cannot be exchanged for cash.")

BENEFITS: tuple[BenefitSpec, ...] = (
    B("kallioseina", "kiipeilyryhma", "trial",
      ("Ilmainen kokeilukerta kiipeilyryhmään", "Gratis provgång i klättergruppen", "Free trial in the climbing group"),
      ("Tule kokeilemaan nuorten kiipeilyryhmää kerran ilmaiseksi. Kengät ja valjaat saat lainaksi.",
       "Prova ungdomarnas klättergrupp gratis en gång. Skor och sele kan lånas.",
       "Try the youth climbing group once for free. Shoes and harness can be borrowed."),
      ONE_PER_PERSON, (-7, 56), 30),
    B("kallioseina", "boulder-kurssi", "discount",
      ("Boulderoinnin alkeiskurssi -20 %", "Nybörjarkurs i bouldering -20 %", "Beginners' bouldering course 20% off"),
      ("Saat 20 prosentin alennuksen seuraavasta alkeiskurssista.", "", "Get 20% off the next beginners' course."),
      SHOW_AT_DESK, (-14, 42), 40),
    B("aalto-uimarit", None, "free_entry",
      ("Vapaa uintikerta Aallon uimahallissa", "Fritt simpass i Aalto simhall", "Free swim at Aalto Swimming Hall"),
      ("Yksi maksuton uintikerta uimahalliin arkisin ennen klo 16.",
       "Ett gratis simpass på vardagar före kl. 16.", "One free swim on weekdays before 4 pm."),
      SHOW_AT_DESK, (-7, 84), 100),
    B("sointula", "laulutunnit", "trial",
      ("Ensimmäinen laulutunti veloituksetta", "Första sånglektionen gratis", "First singing lesson free"),
      ("Tutustu laulutunteihin ilman maksua ja sitoutumista.", "Prova sånglektionerna utan kostnad.",
       "Try the singing lessons with no fee and no commitment."),
      ONE_PER_PERSON, (-7, 49), 20),
    B("rytmikas", "kpop", "trial",
      ("Kokeile K-pop-tanssia ilmaiseksi", "Prova K-pop-dans gratis", "Try K-pop dance for free"),
      ("Yksi ilmainen tunti K-pop-tanssiryhmässä.", "", "One free class in the K-pop dance group."),
      ONE_PER_PERSON, (0, 70), None),
    B("rytmikas", None, "discount",
      ("Lukukausimaksusta 25 % alennus uusille", "25 % rabatt på terminsavgiften för nya",
       "25% off the term fee for newcomers"),
      ("Koskee kaikkia tanssikoulun nuorten ryhmiä, kun aloitat ensimmäistä kertaa.",
       "Gäller alla ungdomsgrupper när du börjar för första gången.",
       "Applies to all youth groups when you join for the first time."),
      SHOW_AT_DESK, (-21, 35), 50),
    B("kallion-kotkat", None, "ticket",
      ("Ilmainen lippu kotiotteluun", "Gratis biljett till hemmamatchen", "Free ticket to a home match"),
      ("Tule katsomaan seuran edustusjoukkueen kotiottelua Kallion tekonurmelle.", "",
       "Come and watch the club's first team play at home at Kallio Artificial Turf."),
      ("Lippu on henkilökohtainen. Näytä koodi portilla.", "", "The ticket is personal. Show the code at the gate."),
      (-3, 28), 200),
    B("katajanokan-korit", "koris", "trial",
      ("Koriskerhon kokeilukuukausi maksutta", "En gratis provmånad i basketklubben",
       "A free trial month at the basketball club"),
      ("Harjoittele kuukausi maksutta ja päätä sitten, jatkatko.", "",
       "Train for a month for free and then decide whether to continue."),
      ONE_PER_PERSON, (-7, 63), 25),
    B("lanikulma", None, "ticket",
      ("Lippu nuorten e-urheiluturnaukseen", "Biljett till e-sportturneringen för unga",
       "Ticket to the youth e-sports tournament"),
      ("Pääsy katsomaan tai pelaamaan Lanikulman kuukausiturnaukseen.", "",
       "Entry to watch or play in Lanikulma's monthly tournament."),
      ONE_PER_PERSON, (0, 30), 64),
    B("volttikeskus", "sirkuskoulu", "trial",
      ("Sirkuskoulun avoin kokeilukerta", "Öppen provgång i cirkusskolan", "Open trial at the circus school"),
      ("Kokeile akrobatiaa ja jongleerausta ohjaajan kanssa.", "Prova akrobatik och jonglering med en instruktör.", ""),
      ONE_PER_PERSON, (-7, 56), None),
    B("kulissi", None, "ticket",
      ("Ilmainen lippu kevään ensi-iltaan", "Gratis biljett till vårens premiär", "Free ticket to the spring premiere"),
      ("Nuorisoteatteri Kulissin uusi esitys – nuorilta nuorille.", "",
       "Kulissi Youth Theatre's new show – by young people, for young people."),
      ("Lippu noudetaan ovelta 30 min ennen esitystä.", "",
       "Collect the ticket at the door 30 minutes before the show."),
      (14, 90), 40),
    B("varikas", "maalaus", "discount",
      ("Maalauskurssi puoleen hintaan", "Målarkursen till halva priset", "Painting course at half price"),
      ("Puolet lukukausimaksusta pois, kun ilmoittaudut uutena.", "",
       "Half the term fee off when you sign up as a new student."),
      SHOW_AT_DESK, (-7, 28), 15),
    B("maustepurkki", "kokkaa-leivo", "trial",
      ("Kokeilukerta kokkikouluun", "Provgång i kockskolan", "Trial session at the cooking school"),
      ("Tule kokkaamaan kerran ilmaiseksi. Kerro allergioista etukäteen.", "",
       "Come and cook once for free. Tell us about allergies in advance."),
      ONE_PER_PERSON, (-7, 42), 12),
    B("kaviokoto", "ratsastus", "discount",
      ("Ensimmäinen ratsastustunti 10 eurolla", "Första ridlektionen för 10 euro", "First riding lesson for 10 euros"),
      ("Tutustumistunti aloittelijoille, kypärä lainaksi.", "",
       "An introductory lesson for beginners, helmet provided."),
      ONE_PER_PERSON, (0, 60), 10),
    B("askel", None, "free_entry",
      ("Avoimet ovet – kaikki tunnit ilmaiseksi", "Öppet hus – alla lektioner gratis", "Open doors – all classes free"),
      ("Avointen ovien viikolla voit käydä kaikilla nuorten tunneilla maksutta.", "", ""),
      ("Voimassa avointen ovien viikon ajan.", "", ""),
      (7, 14), None),
    B("tikkurilan-tahdet", "salivuoro", "trial",
      ("Kuukausi nuorten salivuoroja ilmaiseksi", "En månad gymtider gratis", "A month of youth gym sessions for free"),
      ("Ohjatut salivuorot maksutta kuukauden ajan.", "", "Supervised gym sessions for free for a month."),
      ONE_PER_PERSON, (-7, 49), 30),
    B("pellava", "keramiikka", "discount",
      ("Keramiikkakurssista 15 euroa alennusta", "15 euro rabatt på keramikkursen", "15 euros off the ceramics course"),
      ("Alennus vähennetään kurssimaksusta ilmoittautumisen yhteydessä.",
       "Rabatten dras av från kursavgiften när du anmäler dig.", ""),
      SHOW_AT_DESK, (-7, 35), 20),
    B("lahdenpohjan-laineet", "melonta", "trial",
      ("Kokeile melontaa – kajakki ja liivit mukana", "Prova paddling – kajak och flytväst ingår",
       "Try paddling – kayak and life jacket included"),
      ("Maksuton kokeiluilta melontamajalla ohjaajan kanssa.",
       "Gratis provkväll vid paddlingsstugan med en instruktör.", ""),
      ONE_PER_PERSON, (7, 77), 16),
    B("bitti", None, "ticket",
      ("Lippu pelijammeihin", "Biljett till game jam", "Ticket to the game jam"),
      ("Viikonlopun pelijamit Bitti-pajassa: tee peli tiimissä 48 tunnissa.", "",
       "A weekend game jam at the Bitti Makerspace: make a game in a team in 48 hours."),
      ONE_PER_PERSON, (0, 45), 50),
    B("tiikerinloikka", "judo", "trial",
      ("Kaksi ilmaista judoharjoitusta", "Två gratis judoträningar", "Two free judo sessions"),
      ("Kokeile judoa kahdesti ennen kuin päätät.", "Prova judo två gånger innan du bestämmer dig.", ""),
      ("Koodi näytetään ensimmäisellä kerralla.", "Koden visas första gången.", ""),
      (-7, 70), None),
    B("ateljee-ilo", None, "free_entry",
      ("Avoin ateljeeilta – materiaalit maksutta", "Öppen ateljékväll – gratis material",
       "Open studio night – free materials"),
      ("Tule maalaamaan ja muovailemaan ateljeeseen, materiaalit säätiö tarjoaa.",
       "Kom och måla och forma i ateljén, stiftelsen bjuder på materialet.", ""),
      ONE_PER_PERSON, (-7, 56), None),
    B("kasteet", "uimakoulu", "discount",
      ("Syksyn uimakoulu -10 %", "Höstens simskola -10 %", "Autumn swimming lessons 10% off"),
      ("Alennus syksyn uimakouluista – tarjous on jo päättynyt.", "",
       "A discount on autumn swimming lessons – the offer has ended."),
      SHOW_AT_DESK, (-60, -3), 30),
)
del B
