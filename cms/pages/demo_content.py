"""The demo pages' texts (fi, with sv and en translations as sibling pages).

Honest drafts: the accessibility statement says the service only partially conforms while it is being
built and lists the known gaps; the privacy notice describes exactly what ``backend.devices`` stores.
Placeholders that the operator must fill in before launch say so, and use ``.invalid`` addresses.

Stream field values are raw StreamField data; ``{"$page": slug}`` stands for the id of the demo page
with that slug (resolved by the loader).
"""

from __future__ import annotations

import datetime as dt

DEMO_DATE = dt.date(2026, 11, 22)


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def heading(text: str) -> dict:
    return {"type": "heading", "value": text}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def steps_block(title: str, *steps: tuple[str, str]) -> dict:
    return {
        "type": "steps",
        "value": {"heading": title, "steps": [{"title": t, "text": x} for t, x in steps]},
    }


def cta(text: str, *, url: str = "", page: str | None = None) -> dict:
    return {"type": "call_to_action", "value": {"text": text, "url": url, "page": {"$page": page} if page else None}}


def school_steps(*steps: tuple[str, str]) -> list[dict]:
    return [{"type": "step", "value": {"title": t, "text": x}} for t, x in steps]


def transcript_video(title: str, note: str, transcript: str) -> list[dict]:
    """A video block without a video yet: the transcript and a note (the demo never fetches embeds)."""
    return [
        {
            "type": "video",
            "value": {
                "title": title,
                "embed": None,
                "video_file": None,
                "captions": None,
                "captions_language": "",
                "transcript": transcript,
                "note": note,
            },
        }
    ]


def issue(title: str, description: str, *, criteria: str = "", workaround: str = "", planned_fix: str = "") -> dict:
    return {
        "type": "issue",
        "value": {
            "title": title,
            "description": description,
            "criteria": criteria,
            "reason": "non_compliance",
            "workaround": workaround,
            "planned_fix": planned_fix,
        },
    }


def item(name: str, description: str, *, optional: bool = False) -> dict:
    return {"type": "item", "value": {"name": name, "description": description, "optional": optional}}


# --- the school intro page -------------------------------------------------------------------

SCHOOL = {
    "fi": {
        "slug": "harrastuspassi-kouluille",
        "title": "Harrastuspassi kouluille",
        "search_description": "Harrastuspassi esittely oppitunnille: video, neljä askelta ja QR-koodi sovellukseen.",
        "intro": p(
            "Harrastuspassi on maksuton sovellus, josta 12–17-vuotiaat löytävät harrastuksia omalta alueeltaan: "
            "maksuttomia ja maksullisia harrastuksia, kokeilukertoja ja etuja. Rekisteröitymistä ei tarvita, "
            "eikä sovellus kysy nimeä, sähköpostia tai puhelinnumeroa."
        ),
        "video": transcript_video(
            "Näin Harrastuspassi toimii",
            "Video on tulossa. Sitä odotellessa alla on sen tekstiversio.",
            "Nuori avaa Harrastuspassin puhelimellaan ja valitsee kieleksi suomen. Hän valitsee kiinnostuksen "
            "kohteiksi jalkapallon ja musiikin. Sovellus näyttää lähellä olevia harrastuksia; osassa "
            "ensimmäinen kerta on maksuton. Nuori tallentaa kaksi harrastusta suosikkeihin ja avaa toisen "
            "ilmoittautumisohjeet. Lopuksi hän näyttää, miten omat tiedot poistetaan asetuksista.",
        ),
        "steps": school_steps(
            ("Avaa sovellus", "Skannaa QR-koodi puhelimen kameralla tai kirjoita osoite selaimeen."),
            (
                "Valitse kieli ja kiinnostuksen kohteet",
                "Ikäryhmä ja asuinalue ovat vapaaehtoisia. Nimeä tai sähköpostia ei kysytä.",
            ),
            ("Selaa ja tallenna suosikit", "Hae lajin, päivän tai paikan mukaan ja tallenna kiinnostavat."),
            ("Mene kokeilemaan", "Monessa harrastuksessa ensimmäinen kerta on maksuton."),
        ),
        "body": [
            heading("Opettajalle"),
            paragraph(
                p(
                    "Voit näyttää tämän sivun luokan näytöllä tai tulostaa sen. Tulosteessa QR-koodi on suuri "
                    "eikä siinä ole valikoita."
                )
            ),
        ],
    },
    "sv": {
        "slug": "harrastuspassi-for-skolor",
        "title": "Harrastuspassi för skolor",
        "search_description": "Harrastuspassi presenterat för en lektion: video, fyra steg och en QR-kod till appen.",
        "intro": p(
            "Harrastuspassi är en gratis app där 12–17-åringar hittar hobbyer nära sig: gratis och "
            "avgiftsbelagda hobbyer, provtillfällen och förmåner. Ingen registrering behövs, och appen frågar "
            "inte efter namn, e-post eller telefonnummer."
        ),
        "video": transcript_video(
            "Så fungerar Harrastuspassi",
            "Videon kommer snart. Under tiden finns den som text nedan.",
            "En ung person öppnar Harrastuspassi i telefonen och väljer svenska som språk. Hen väljer fotboll "
            "och musik som intressen. Appen visar hobbyer i närheten; i flera av dem är första gången gratis. "
            "Hen sparar två hobbyer som favoriter och öppnar anmälningsanvisningarna för den ena. Till sist "
            "visar hen hur man raderar sina uppgifter i inställningarna.",
        ),
        "steps": school_steps(
            ("Öppna appen", "Skanna QR-koden med telefonens kamera eller skriv adressen i webbläsaren."),
            ("Välj språk och intressen", "Åldersgrupp och bostadsområde är frivilliga. Inget namn eller e-post."),
            ("Bläddra och spara favoriter", "Sök efter gren, dag eller plats och spara det som intresserar dig."),
            ("Gå och prova", "I många hobbyer är första gången gratis."),
        ),
        "body": [
            heading("För läraren"),
            paragraph(
                p(
                    "Du kan visa sidan på klassrummets skärm eller skriva ut den. På utskriften är QR-koden stor "
                    "och menyerna syns inte."
                )
            ),
        ],
    },
    "en": {
        "slug": "harrastuspassi-for-schools",
        "title": "Harrastuspassi for schools",
        "search_description": "Harrastuspassi for a lesson: a video, four steps and a QR code to the app.",
        "intro": p(
            "Harrastuspassi is a free app where 12–17-year-olds find hobbies near them: free and paid hobbies, "
            "trial sessions and benefits. No registration is needed, and the app never asks for a name, an "
            "email address or a phone number."
        ),
        "video": transcript_video(
            "How Harrastuspassi works",
            "The video is coming soon. Meanwhile, here it is as text.",
            "A young person opens Harrastuspassi on their phone and chooses English. They pick football and "
            "music as interests. The app shows hobbies nearby; in many of them the first time is free. They "
            "save two hobbies as favourites and open the joining instructions of one. Finally they show how to "
            "delete their data in the settings.",
        ),
        "steps": school_steps(
            ("Open the app", "Scan the QR code with your phone's camera, or type the address in a browser."),
            ("Choose a language and interests", "Age group and home area are optional. No name, no email."),
            ("Browse and save favourites", "Search by sport, day or place and save what interests you."),
            ("Go and try it", "In many hobbies the first time is free."),
        ),
        "body": [
            heading("For teachers"),
            paragraph(
                p(
                    "Show this page on the classroom screen or print it. On paper the QR code is large and the "
                    "menus are left out."
                )
            ),
        ],
    },
}

# --- info pages ------------------------------------------------------------------------------

PUBLISH_HOBBY = {
    "fi": {
        "slug": "nain-julkaiset-harrastuksen",
        "title": "Näin julkaiset harrastuksen",
        "intro": "Harrastuspassi on maksuton kanava, jonka kautta seurat, yhdistykset, yritykset ja kunnat "
        "kertovat harrastuksistaan nuorille.",
        "body": [
            heading("Ennen kuin aloitat"),
            paragraph(
                p(
                    "Tarvitset tunnukset Harrastuspassin sisällönhallintaan. Pyydä kutsu oman kuntasi "
                    "Harrastuspassi-yhteyshenkilöltä. Kun olet saanut kutsun, luot salasanan ja voit lisätä "
                    "organisaatiosi harrastuksia."
                )
            ),
            steps_block(
                "Harrastuksen julkaiseminen",
                ("Kirjaudu sisällönhallintaan", "Näet vain oman organisaatiosi sisällöt."),
                ("Lisää harrastus", "Kirjoita nimi, lyhyt kuvaus, ikäryhmä, hinta ja paikka."),
                ("Lisää kerrat", "Lisää harrastuskerrat tai kokeilukerta, jotta harrastus näkyy oikeina päivinä."),
                ("Lähetä tarkistettavaksi", "Kunnan moderaattori tarkistaa harrastuksen ennen kuin se näkyy."),
            ),
            heading("Kirjoita nuorelle"),
            paragraph(
                ul(
                    "Kerro lyhyesti ja selkeästi, mitä harrastuksessa tehdään ja kenelle se sopii.",
                    "Kerro hinta ja se, tarvitseeko omia varusteita.",
                    "Lisää kuvaan aina vaihtoehtoinen teksti, joka kertoo, mitä kuvassa on.",
                    "Älä kirjoita tärkeää tietoa pelkästään kuvaan.",
                )
            ),
            cta("Siirry sisällönhallintaan", url="/cms/"),
        ],
    },
    "sv": {
        "slug": "sa-publicerar-du-en-hobby",
        "title": "Så publicerar du en hobby",
        "intro": "Harrastuspassi är en gratis kanal där föreningar, företag och kommuner berättar om sina "
        "hobbyer för unga.",
        "body": [
            heading("Innan du börjar"),
            paragraph(
                p(
                    "Du behöver ett konto i Harrastuspassis innehållshantering. Be om en inbjudan av "
                    "Harrastuspassis kontaktperson i din kommun. När du har fått inbjudan skapar du ett lösenord "
                    "och kan lägga till organisationens hobbyer."
                )
            ),
            steps_block(
                "Publicera en hobby",
                ("Logga in i innehållshanteringen", "Du ser bara din egen organisations innehåll."),
                ("Lägg till en hobby", "Skriv namn, en kort beskrivning, åldersgrupp, pris och plats."),
                ("Lägg till tillfällen", "Lägg till hobbytillfällen eller ett provtillfälle."),
                ("Skicka för granskning", "Kommunens moderator granskar hobbyn innan den syns."),
            ),
            heading("Skriv för unga"),
            paragraph(
                ul(
                    "Berätta kort och tydligt vad man gör och för vem hobbyn passar.",
                    "Berätta priset och om egen utrustning behövs.",
                    "Ge alltid bilden en alternativ text som berättar vad bilden visar.",
                    "Skriv inte viktig information enbart i en bild.",
                )
            ),
            cta("Gå till innehållshanteringen", url="/cms/"),
        ],
    },
    "en": {
        "slug": "how-to-publish-a-hobby",
        "title": "How to publish a hobby",
        "intro": "Harrastuspassi is a free channel where clubs, associations, companies and municipalities tell "
        "young people about their hobbies.",
        "body": [
            heading("Before you start"),
            paragraph(
                p(
                    "You need an account in Harrastuspassi's content management. Ask your municipality's "
                    "Harrastuspassi contact person for an invitation. Once invited, you set a password and can "
                    "add your organisation's hobbies."
                )
            ),
            steps_block(
                "Publishing a hobby",
                ("Sign in to the content management", "You only see your own organisation's content."),
                ("Add a hobby", "Write the name, a short description, age group, price and place."),
                ("Add sessions", "Add the sessions or a trial session, so the hobby shows on the right days."),
                ("Send it for review", "The municipality's moderator checks the hobby before it is shown."),
            ),
            heading("Write for young people"),
            paragraph(
                ul(
                    "Say briefly and clearly what you do and who the hobby suits.",
                    "Give the price and say whether own equipment is needed.",
                    "Always give an image an alternative text that says what it shows.",
                    "Never put important information only in an image.",
                )
            ),
            cta("Go to content management", url="/cms/"),
        ],
    },
}

MUNICIPALITIES = {
    "fi": {
        "slug": "kunnille",
        "title": "Kunnille",
        "intro": "Harrastuspassi kokoaa alueen harrastukset yhteen paikkaan nuorten saataville.",
        "body": [
            heading("Mitä kunta saa"),
            paragraph(
                ul(
                    "Yhden paikan, josta alueen nuoret löytävät harrastukset kolmella kielellä.",
                    "Avoimen datan tuonnit (Linked Events, Lipas), joten tietoja ei syötetä kahteen kertaan.",
                    "Nimettömiä koosteita siitä, mitä harrastuksia katsotaan ja tallennetaan.",
                )
            ),
            steps_block(
                "Näin kunta pääsee mukaan",
                ("Nimeä yhteyshenkilö", "Yhteyshenkilö kutsuu alueen harrastusten tarjoajat ja toimii moderaattorina."),
                ("Kutsu tarjoajat", "Seurat, yhdistykset ja yritykset lisäävät harrastuksensa itse."),
                ("Tarkista ja julkaise", "Moderaattori tarkistaa harrastukset ennen kuin ne näkyvät nuorille."),
            ),
            heading("Kouluille"),
            paragraph(p("Koulut voivat esitellä Harrastuspassin oppitunnilla valmiin sivun avulla.")),
            cta("Harrastuspassi kouluille", page="harrastuspassi-kouluille"),
        ],
    },
    "sv": {
        "slug": "for-kommuner",
        "title": "För kommuner",
        "intro": "Harrastuspassi samlar områdets hobbyer på ett ställe för unga.",
        "body": [
            heading("Vad kommunen får"),
            paragraph(
                ul(
                    "Ett ställe där områdets unga hittar hobbyer på tre språk.",
                    "Import av öppna data (Linked Events, Lipas), så att uppgifterna inte matas in två gånger.",
                    "Anonyma sammanställningar av vilka hobbyer som visas och sparas.",
                )
            ),
            steps_block(
                "Så kommer kommunen med",
                ("Utse en kontaktperson", "Kontaktpersonen bjuder in områdets anordnare och är moderator."),
                ("Bjud in anordnare", "Föreningar och företag lägger själva till sina hobbyer."),
                ("Granska och publicera", "Moderatorn granskar hobbyerna innan de syns för unga."),
            ),
            heading("För skolor"),
            paragraph(p("Skolor kan presentera Harrastuspassi på en lektion med hjälp av en färdig sida.")),
            cta("Harrastuspassi för skolor", page="harrastuspassi-for-skolor"),
        ],
    },
    "en": {
        "slug": "for-municipalities",
        "title": "For municipalities",
        "intro": "Harrastuspassi brings the hobbies of an area together in one place for young people.",
        "body": [
            heading("What the municipality gets"),
            paragraph(
                ul(
                    "One place where the area's young people find hobbies in three languages.",
                    "Imports of open data (Linked Events, Lipas), so nothing is typed in twice.",
                    "Anonymous summaries of which hobbies are viewed and saved.",
                )
            ),
            steps_block(
                "How a municipality joins",
                ("Name a contact person", "The contact person invites the area's providers and moderates."),
                ("Invite providers", "Clubs, associations and companies add their hobbies themselves."),
                ("Review and publish", "The moderator checks the hobbies before young people see them."),
            ),
            heading("For schools"),
            paragraph(p("Schools can introduce Harrastuspassi in a lesson with a ready-made page.")),
            cta("Harrastuspassi for schools", page="harrastuspassi-for-schools"),
        ],
    },
}

# --- the accessibility statement -------------------------------------------------------------

ACCESSIBILITY = {
    "fi": {
        "slug": "saavutettavuusseloste",
        "title": "Saavutettavuusseloste",
        "scope": "Tämä seloste koskee Harrastuspassi-verkkopalvelua: nuorten sovellusta (verkkosovellus "
        "palvelun etusivulla), näitä julkisia sivuja (/pages/) ja harrastusten tarjoajien sisällönhallintaa "
        "(/cms/).",
        "known_issues": [
            issue(
                "Nuorten sovellus on vielä kehitteillä",
                "Sovellusta rakennetaan parhaillaan, eikä sen saavutettavuutta ole vielä arvioitu kokonaan. "
                "Siinä voi olla puutteita esimerkiksi näppäimistökäytössä ja ruudunlukijan kanssa.",
                workaround="Kerro meille, mitä tietoa tarvitset, niin lähetämme sen sinulle muulla tavalla.",
                planned_fix="Ennen palvelun julkaisua",
            ),
            issue(
                "Sisällönhallinnan saavutettavuutta ei ole arvioitu",
                "Harrastusten tarjoajien sisällönhallinta perustuu Wagtail-julkaisujärjestelmään. Sen "
                "saavutettavuutta ei ole vielä testattu tässä palvelussa.",
                planned_fix="Ennen palvelun julkaisua",
            ),
            issue(
                "Avoimesta datasta tuotujen kuvien tekstivastineet",
                "Linked Events- ja Lipas-rajapinnoista tuoduilla kuvilla ei aina ole vaihtoehtoista tekstiä.",
                criteria="1.1.1",
                planned_fix="Tarkistamme tuodut kuvat vuoden 2027 alkuun mennessä",
            ),
        ],
        "assessment_notes": "Itsearviointi kehityksen aikana. Automaattiset testit tarkistavat julkisten "
        "sivujen kielimerkinnät, otsikkorakenteen ja kuvien vaihtoehtoiset tekstit, ja selaintestit ajetaan "
        "Chromium-selaimella. Kattavaa asiantuntija-arviota ruudunlukijoilla ei ole vielä tehty.",
        "feedback_email": "saavutettavuus@harrastuspassi.invalid",
        "body": [
            paragraph(
                p(
                    "Tämä seloste on luonnos. Palvelun ylläpitäjä täydentää yhteystiedot ja tarkistaa selosteen "
                    "ennen palvelun julkaisua."
                )
            )
        ],
    },
    "sv": {
        "slug": "tillganglighetsutlatande",
        "title": "Tillgänglighetsutlåtande",
        "scope": "Detta utlåtande gäller webbtjänsten Harrastuspassi: appen för unga (webbappen på tjänstens "
        "startsida), dessa offentliga sidor (/pages/) och hobbyanordnarnas innehållshantering (/cms/).",
        "known_issues": [
            issue(
                "Appen för unga är under utveckling",
                "Appen byggs som bäst, och dess tillgänglighet har ännu inte bedömts helt. Den kan ha brister "
                "till exempel vid användning med tangentbord och skärmläsare.",
                workaround="Berätta vilken information du behöver, så skickar vi den på annat sätt.",
                planned_fix="Innan tjänsten lanseras",
            ),
            issue(
                "Innehållshanteringens tillgänglighet har inte bedömts",
                "Hobbyanordnarnas innehållshantering bygger på publiceringssystemet Wagtail. Dess "
                "tillgänglighet har ännu inte testats i den här tjänsten.",
                planned_fix="Innan tjänsten lanseras",
            ),
            issue(
                "Textalternativ för bilder från öppna data",
                "Bilder som importeras från Linked Events och Lipas har inte alltid en alternativ text.",
                criteria="1.1.1",
                planned_fix="Vi granskar de importerade bilderna före början av 2027",
            ),
        ],
        "assessment_notes": "Självbedömning under utvecklingen. Automatiska tester kontrollerar de "
        "offentliga sidornas språkmärkning, rubrikstruktur och bildernas alternativa texter, och "
        "webbläsartester körs i Chromium. En grundlig expertbedömning med skärmläsare har ännu inte gjorts.",
        "feedback_email": "saavutettavuus@harrastuspassi.invalid",
        "body": [
            paragraph(
                p(
                    "Detta utlåtande är ett utkast. Tjänstens administratör kompletterar kontaktuppgifterna och "
                    "granskar utlåtandet innan tjänsten lanseras."
                )
            )
        ],
    },
    "en": {
        "slug": "accessibility-statement",
        "title": "Accessibility statement",
        "scope": "This statement covers the Harrastuspassi web service: the app for young people (the web app "
        "on the service's front page), these public pages (/pages/) and the providers' content management "
        "(/cms/).",
        "known_issues": [
            issue(
                "The app for young people is still being built",
                "The app is under construction and its accessibility has not been fully assessed. It may have "
                "gaps, for example with keyboard use and screen readers.",
                workaround="Tell us what information you need and we will send it to you another way.",
                planned_fix="Before the service is launched",
            ),
            issue(
                "The content management has not been assessed",
                "The providers' content management is built on the Wagtail CMS. Its accessibility has not yet "
                "been tested in this service.",
                planned_fix="Before the service is launched",
            ),
            issue(
                "Text alternatives of images from open data",
                "Images imported from Linked Events and Lipas do not always have an alternative text.",
                criteria="1.1.1",
                planned_fix="We will review the imported images by early 2027",
            ),
        ],
        "assessment_notes": "Self-assessment during development. Automated tests check the public pages' "
        "language markup, heading structure and image alternative texts, and browser tests run in Chromium. "
        "A thorough expert review with screen readers has not been done yet.",
        "feedback_email": "saavutettavuus@harrastuspassi.invalid",
        "body": [
            paragraph(
                p(
                    "This statement is a draft. The service's operator will add the contact details and review "
                    "the statement before the service is launched."
                )
            )
        ],
    },
}

# --- the privacy notice ----------------------------------------------------------------------

PRIVACY = {
    "fi": {
        "slug": "tietosuojaseloste",
        "title": "Tietosuojaseloste",
        "controller": "Harrastuspassi-palvelun ylläpitäjä (nimi ja osoite täydennetään ennen julkaisua)",
        "contact_email": "tietosuoja@harrastuspassi.invalid",
        "contact_details": "Tietosuojavastaavan yhteystiedot lisätään ennen palvelun julkaisua.",
        "collected": [
            item(
                "Satunnainen laitetunniste",
                "Kun avaat sovelluksen ensimmäisen kerran, se saa satunnaisen tunnisteen ja salaisen avaimen, "
                "joka tallentuu vain laitteellesi. Palvelimelle tallennetaan tunniste ja avaimen tiiviste, ei "
                "avainta itseään. Tunnisteesta ei voi päätellä, kuka olet.",
            ),
            item("Kieli", "Sovelluksen kieli: suomi, ruotsi tai englanti."),
            item("Ikäryhmä", "Esimerkiksi 13–15 vuotta. Syntymäaikaa ei kysytä.", optional=True),
            item(
                "Asuinalue",
                "Postinumero tai kaupunginosa, jotta näet lähellä olevat harrastukset. Ei osoitetta.",
                optional=True,
            ),
            item("Kiinnostuksen kohteet", "Harrastuslajit, jotka valitset.", optional=True),
            item("Suosikit", "Harrastukset, jotka tallennat, ja tallennuksen aika.", optional=True),
            item(
                "Käyttötapahtumat",
                "Mitä harrastuksia katsot, tallennat, jaat tai ohitat, milloin avaat ilmoittautumislinkin, ja "
                "näiden ajankohdat.",
            ),
            item(
                "Asetukset ja käyttöpäivä",
                "Ovatko henkilökohtaiset suositukset ja nimetön käyttötilasto päällä, profiilin luontiaika ja "
                "viimeisin käyttöpäivä (päivämäärä, ei kellonaikaa).",
            ),
            item(
                "Etujen käyttö",
                "Kun käytät etua, tallennetaan etu, lyhyt koodi ja aika. Jos poistat profiilisi, käyttökerta jää "
                "tilastoihin ilman yhteyttä laitteeseesi.",
                optional=True,
            ),
            item(
                "Haut",
                "Hakusanat ja käytetyt rajaukset (ei sijaintia) sekä tulosten määrä. Ne näkyvät vain koosteina, "
                "eivät koskaan laitteeseen liitettyinä.",
            ),
            item(
                "Ilmoitukset",
                "Jos kytket ilmoitukset päälle: selaimen tai sovelluksen antama ilmoitustunniste, valitsemasi "
                "ilmoitustyypit sekä mitä ilmoituksia on lähetetty ja milloin (30 päivän ajan).",
                optional=True,
            ),
            item(
                "Palaute",
                "Tähtiarvio ja/tai teksti, jonka lähetät. Palautetta ei liitetä laitteeseesi. Älä kirjoita "
                "palautteeseen henkilötietoja.",
                optional=True,
            ),
            item(
                "Palvelimen lokit",
                "Palvelin kirjaa jokaisesta pyynnöstä IP-osoitteen, ajan, pyydetyn osoitteen ja selaimen "
                "tunnisteen tietoturvaa ja vianetsintää varten.",
            ),
        ],
        "not_collected": "Nimeä, sähköpostiosoitetta, puhelinnumeroa, syntymäaikaa, katuosoitetta tai tarkkaa "
        "sijaintia ei kysytä eikä tallenneta.",
        "purposes": ul(
            "Harrastusten näyttäminen valitsemallasi kielellä ja alueella",
            "Suosikkiesi muistaminen",
            "Henkilökohtaiset suositukset (voit kytkeä ne pois asetuksista)",
            "Nimettömät tilastot harrastusten tarjoajille ja kunnille (voit kytkeä ne pois asetuksista)",
            "Etujen käyttökertojen rajoittaminen",
            "Palvelun tietoturva ja vianetsintä",
        ),
        "legal_basis": p(
            "Luonnos, joka tarkistetaan rekisterinpitäjän kanssa ennen julkaisua: tietoja käsitellään "
            "rekisterinpitäjän oikeutetun edun perusteella (EU:n yleinen tietosuoja-asetus, 6 artiklan 1 kohdan "
            "f alakohta) tai, jos palvelua tarjoaa viranomainen, yleisen edun mukaisen tehtävän perusteella "
            "(e alakohta). Suositukset ja tilastot voit kytkeä pois milloin tahansa."
        ),
        "retention": p(
            "Profiili säilyy, kunnes poistat sen sovelluksen asetuksista. Käyttämättömät profiilit on tarkoitus "
            "poistaa automaattisesti, kun viimeisestä käyttöpäivästä on kulunut 12 kuukautta; automaattinen "
            "poisto otetaan käyttöön ennen palvelun julkaisua.",
            "Käyttötapahtumat ja haut yhdistetään 13 kuukauden jälkeen viikkokohtaisiksi määriksi, eikä niissä "
            "ole enää yhteyttä laitteeseen.",
            "Palautteet säilytetään käsittelyn ajan. Palvelimen lokien säilytysaika sovitaan palvelun "
            "ylläpitäjän kanssa; tavoite on enintään 30 päivää.",
        ),
        "recipients": p(
            "Tietoja ei myydä eikä luovuteta markkinointiin. Harrastusten tarjoajat ja kunnat näkevät vain "
            "nimettömiä koosteita, eivät yksittäisiä profiileja. Palvelimien ylläpitäjä täydennetään ennen "
            "julkaisua.",
            "Ilmoitukset toimitetaan Googlen Firebase-palvelun kautta vain, jos kytket ne päälle. Googlelle "
            "välitetään ilmoitustunniste ja ilmoituksen teksti. Tilastoissa ei näytetä lukuja alle viiden "
            "laitteen joukoista.",
        ),
        "rights": p(
            "Näet sinusta tallennetut tiedot, voit viedä ne tiedostona ja poistaa ne sovelluksen asetuksista. "
            "Poisto poistaa profiilin, suosikit ja käyttötapahtumat heti.",
            "Koska emme tiedä, kuka olet, emme voi etsiä tietojasi muulla tavalla: avain on vain sinun laitteellasi.",
        ),
        "body": [
            paragraph(
                p(
                    "Tämä tietosuojaseloste on luonnos. Rekisterinpitäjä tarkistaa ja täydentää sen ennen "
                    "palvelun julkaisua."
                )
            )
        ],
    },
    "sv": {
        "slug": "dataskyddsbeskrivning",
        "title": "Dataskyddsbeskrivning",
        "controller": "Administratören av tjänsten Harrastuspassi (namn och adress kompletteras före lanseringen)",
        "contact_email": "tietosuoja@harrastuspassi.invalid",
        "contact_details": "Dataskyddsombudets kontaktuppgifter läggs till innan tjänsten lanseras.",
        "collected": [
            item(
                "Slumpmässig enhetsidentifierare",
                "När du öppnar appen första gången får den en slumpmässig identifierare och en hemlig nyckel som "
                "sparas bara på din enhet. På servern sparas identifieraren och nyckelns hashvärde, inte nyckeln. "
                "Identifieraren avslöjar inte vem du är.",
            ),
            item("Språk", "Appens språk: finska, svenska eller engelska."),
            item("Åldersgrupp", "Till exempel 13–15 år. Födelsedatum frågas inte.", optional=True),
            item(
                "Bostadsområde",
                "Postnummer eller stadsdel, så att du ser hobbyer i närheten. Ingen adress.",
                optional=True,
            ),
            item("Intressen", "De hobbygrenar du väljer.", optional=True),
            item("Favoriter", "Hobbyer som du sparar, och när du sparade dem.", optional=True),
            item(
                "Användningshändelser",
                "Vilka hobbyer du visar, sparar, delar eller hoppar över, när du öppnar en anmälningslänk, och "
                "tidpunkterna för dessa.",
            ),
            item(
                "Inställningar och användningsdag",
                "Om personliga förslag och anonym användningsstatistik är på, när profilen skapades och den "
                "senaste användningsdagen (datum, inte klockslag).",
            ),
            item(
                "Användning av förmåner",
                "När du använder en förmån sparas förmånen, en kort kod och tiden. Om du raderar din profil blir "
                "användningen kvar i statistiken utan koppling till din enhet.",
                optional=True,
            ),
            item(
                "Sökningar",
                "Sökord och använda filter (inte positionen) samt antalet träffar. De visas bara som "
                "sammanställningar, aldrig kopplade till en enhet.",
            ),
            item(
                "Aviseringar",
                "Om du slår på aviseringar: den aviseringsidentifierare som webbläsaren eller appen ger, de typer "
                "av aviseringar du valt samt vilka aviseringar som skickats och när (i 30 dagar).",
                optional=True,
            ),
            item(
                "Respons",
                "Stjärnor och/eller text som du skickar. Responsen kopplas inte till din enhet. Skriv inga "
                "personuppgifter i responsen.",
                optional=True,
            ),
            item(
                "Serverns loggar",
                "Servern registrerar för varje begäran IP-adressen, tiden, den begärda adressen och webbläsarens "
                "identifiering för datasäkerhet och felsökning.",
            ),
        ],
        "not_collected": "Namn, e-postadress, telefonnummer, födelsedatum, gatuadress eller exakt position frågas "
        "inte och sparas inte.",
        "purposes": ul(
            "Att visa hobbyer på det språk och i det område du väljer",
            "Att komma ihåg dina favoriter",
            "Personliga förslag (du kan stänga av dem i inställningarna)",
            "Anonym statistik för hobbyanordnare och kommuner (du kan stänga av den i inställningarna)",
            "Att begränsa hur många gånger en förmån används",
            "Tjänstens datasäkerhet och felsökning",
        ),
        "legal_basis": p(
            "Utkast som granskas med den personuppgiftsansvarige före lanseringen: uppgifterna behandlas på "
            "grund av den personuppgiftsansvariges berättigade intresse (EU:s allmänna dataskyddsförordning, "
            "artikel 6.1 f) eller, om tjänsten tillhandahålls av en myndighet, för att utföra en uppgift av "
            "allmänt intresse (artikel 6.1 e). Förslag och statistik kan du stänga av när som helst."
        ),
        "retention": p(
            "Profilen finns kvar tills du raderar den i appens inställningar. Oanvända profiler ska raderas "
            "automatiskt när det har gått 12 månader sedan den senaste användningsdagen; den automatiska "
            "raderingen tas i bruk innan tjänsten lanseras.",
            "Användningshändelser och sökningar slås efter 13 månader ihop till antal per vecka utan koppling "
            "till någon enhet.",
            "Respons sparas medan den behandlas. Hur länge serverns loggar sparas avtalas med tjänstens "
            "administratör; målet är högst 30 dagar.",
        ),
        "recipients": p(
            "Uppgifterna säljs inte och lämnas inte ut för marknadsföring. Hobbyanordnare och kommuner ser "
            "bara anonyma sammanställningar, inte enskilda profiler. Serverleverantören kompletteras före "
            "lanseringen.",
            "Aviseringar skickas via Googles tjänst Firebase bara om du slår på dem. Google får "
            "aviseringsidentifieraren och aviseringens text. Statistiken visar inga siffror om grupper med "
            "färre än fem enheter.",
        ),
        "rights": p(
            "Du ser de uppgifter som sparats om dig, kan exportera dem som en fil och radera dem i appens "
            "inställningar. Raderingen tar bort profilen, favoriterna och användningshändelserna direkt.",
            "Eftersom vi inte vet vem du är kan vi inte söka fram dina uppgifter på annat sätt: nyckeln finns "
            "bara på din enhet.",
        ),
        "body": [
            paragraph(
                p(
                    "Denna dataskyddsbeskrivning är ett utkast. Den personuppgiftsansvarige granskar och "
                    "kompletterar den innan tjänsten lanseras."
                )
            )
        ],
    },
    "en": {
        "slug": "privacy-notice",
        "title": "Privacy notice",
        "controller": "The operator of the Harrastuspassi service (name and address to be added before launch)",
        "contact_email": "tietosuoja@harrastuspassi.invalid",
        "contact_details": "The data protection officer's contact details will be added before launch.",
        "collected": [
            item(
                "A random device identifier",
                "When you first open the app it gets a random identifier and a secret key that is stored only on "
                "your device. The server stores the identifier and a hash of the key, never the key itself. The "
                "identifier does not tell who you are.",
            ),
            item("Language", "The app's language: Finnish, Swedish or English."),
            item("Age group", "For example 13–15. Your date of birth is never asked.", optional=True),
            item("Home area", "A postal code or district, to show hobbies near you. Never an address.", optional=True),
            item("Interests", "The kinds of hobbies you choose.", optional=True),
            item("Favourites", "The hobbies you save, and when you saved them.", optional=True),
            item(
                "Interactions",
                "Which hobbies you view, save, share or dismiss, when you open a link to join, and when each happened.",
            ),
            item(
                "Settings and last use",
                "Whether personalised suggestions and anonymous usage statistics are on, when the profile was "
                "created and the day it was last used (a date, not a time).",
            ),
            item(
                "Use of benefits",
                "When you use a benefit, the benefit, a short code and the time are stored. If you delete your "
                "profile, the use stays in the statistics without any link to your device.",
                optional=True,
            ),
            item(
                "Searches",
                "Search words and the filters used (not your location), and the number of results. They are only "
                "shown as summaries, never linked to a device.",
            ),
            item(
                "Notifications",
                "If you turn notifications on: the notification token your browser or app gives, the kinds of "
                "notification you chose, and which notifications were sent and when (for 30 days).",
                optional=True,
            ),
            item(
                "Feedback",
                "The stars and/or text you send. Feedback is not linked to your device. Please do not write "
                "personal details in it.",
                optional=True,
            ),
            item(
                "Server logs",
                "For each request the server records the IP address, time, requested address and browser "
                "identification, for security and troubleshooting.",
            ),
        ],
        "not_collected": "Names, email addresses, phone numbers, dates of birth, street addresses and exact "
        "locations are never asked for or stored.",
        "purposes": ul(
            "Showing hobbies in the language and area you choose",
            "Remembering your favourites",
            "Personalised suggestions (you can turn them off in the settings)",
            "Anonymous statistics for providers and municipalities (you can turn them off in the settings)",
            "Limiting how many times a benefit is used",
            "Security and troubleshooting",
        ),
        "legal_basis": p(
            "A draft to be checked with the controller before launch: the data is processed on the basis of the "
            "controller's legitimate interests (EU General Data Protection Regulation, Article 6(1)(f)) or, "
            "where a public authority provides the service, to perform a task in the public interest "
            "(Article 6(1)(e)). You can turn suggestions and statistics off at any time."
        ),
        "retention": p(
            "Your profile is kept until you delete it in the app's settings. Profiles that are not used are to "
            "be deleted automatically 12 months after the day they were last used; automatic deletion will be "
            "in place before the service is launched.",
            "After 13 months, interactions and searches are merged into weekly counts with no link to any device.",
            "Feedback is kept while it is being handled. How long server logs are kept will be agreed with the "
            "service's host; the aim is at most 30 days.",
        ),
        "recipients": p(
            "The data is never sold or given out for marketing. Providers and municipalities only see anonymous "
            "summaries, never individual profiles. The hosting provider will be named before launch.",
            "Notifications go through Google's Firebase service only if you turn them on. Google receives the "
            "notification token and the text of the notification. The statistics show no figure about a group "
            "of fewer than five devices.",
        ),
        "rights": p(
            "You can see the data stored about you, export it as a file and delete it in the app's settings. "
            "Deleting removes the profile, favourites and interactions at once.",
            "Because we do not know who you are, we cannot find your data any other way: the key is only on "
            "your device.",
        ),
        "body": [
            paragraph(
                p(
                    "This privacy notice is a draft. The controller will review and complete it before the "
                    "service is launched."
                )
            )
        ],
    },
}
