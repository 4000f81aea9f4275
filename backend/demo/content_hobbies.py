"""Hand-written hobby templates and the sentences the generator combines them with.

A template is one kind of hobby ("Futiskerho"); the generator (``generate.py``) turns the
templates each provider offers into concrete hobbies with an age group, a level, a price, a
venue and a weekly schedule. Texts are ``(fi, sv, en)`` tuples.
"""

from __future__ import annotations

from dataclasses import dataclass

# Hand-aligned data, one entry per block: keep `ruff format` out of it.
# fmt: off

T = tuple[str, str, str]


@dataclass(frozen=True)
class HobbyTemplate:
    key: str
    categories: tuple[str, ...]  # leaf category slugs, 1–2
    title: T
    summary: T
    description: T
    bring: T
    ages: tuple[tuple[int, int], ...] = ((12, 17),)
    levels: tuple[str, ...] = ("beginner", "all")
    # "free" or "<euros>/<unit>" with unit once / month / term / year / course
    prices: tuple[str, ...] = ("free",)
    slots: tuple[str, ...] = ("afternoon", "evening")  # afternoon / evening / saturday
    minutes: tuple[int, ...] = (60, 90)
    per_week: tuple[int, ...] = (1, 1, 2)
    course_weeks: int | None = None  # a fixed-length course; None = weekly for the whole period
    trial_share: float = 0.5  # share of generated hobbies with a free first time


# --- sentences the generator adds to descriptions and price texts --------------------------

LEVEL_SENTENCES: dict[str, T] = {
    "beginner": ("Ryhmä on tarkoitettu aloittelijoille – aiempaa kokemusta ei tarvita.",
                 "Gruppen är för nybörjare – du behöver ingen tidigare erfarenhet.",
                 "The group is for beginners – no previous experience needed."),
    "all": ("Mukaan mahtuu kaiken tasoisia harrastajia.",
            "Alla är välkomna oavsett nivå.",
            "Everyone is welcome, whatever their level."),
    "intermediate": ("Ryhmä sopii sinulle, joka on harrastanut lajia jo jonkin aikaa.",
                     "Gruppen passar dig som redan har hållit på ett tag.",
                     "The group suits you if you have done this for a while already."),
    "advanced": ("Ryhmä on tarkoitettu pidemmälle ehtineille, ja harjoituksiin on sitouduttava.",
                 "Gruppen är för dig som kommit längre och vill träna regelbundet.",
                 "The group is for experienced members who commit to regular training."),
}

LEVEL_SUFFIXES: dict[str, T] = {
    "beginner": ("alkeisryhmä", "nybörjargrupp", "beginners"),
    "intermediate": ("jatkoryhmä", "fortsättningsgrupp", "continuation group"),
    "advanced": ("edistyneet", "avancerade", "advanced"),
}

GIRLS_SUFFIX: T = ("tytöt", "flickor", "girls")
GIRLS_SENTENCE: T = ("Ryhmä on tarkoitettu tytöille ja muunsukupuolisille nuorille.",
                     "Gruppen är för flickor och icke-binära unga.",
                     "The group is for girls and non-binary young people.")

TRIAL_SENTENCE: T = ("Ensimmäinen kerta on ilmainen – tule kokeilemaan ilman sitoutumista.",
                     "Första gången är gratis – kom och prova utan förpliktelser.",
                     "Your first time is free – come and try without committing.")

NO_SIGNUP_SENTENCE: T = ("Ei ennakkoilmoittautumista, tule paikalle.",
                         "Ingen föranmälan, kom bara dit.",
                         "No need to sign up, just come along.")

SIGNUP_SENTENCE: T = ("Ilmoittaudu mukaan ilmoittautumislinkin kautta, paikkoja on rajoitetusti.",
                      "Anmäl dig via länken, antalet platser är begränsat.",
                      "Sign up through the registration link; places are limited.")

LANGUAGE_SENTENCES: dict[str, T] = {
    "en": ("Ohjausta saa myös englanniksi.", "Handledning även på engelska.",
           "Instruction is also available in English."),
    "sv": ("Ohjausta saa myös ruotsiksi.", "Handledning även på svenska.", "Instruction is also available in Swedish."),
}
SWEDISH_GROUP_SENTENCE: T = ("Ryhmän kieli on ruotsi.", "Gruppen håller på svenska.", "The group is held in Swedish.")

FREE_PRICE_TEXTS: tuple[T, ...] = (
    ("Maksuton.", "Gratis.", "Free of charge."),
    ("Maksuton, ei jäsenmaksua.", "Gratis, ingen medlemsavgift.", "Free, no membership fee."),
    ("Maksuton kaikille.", "Gratis för alla.", "Free for everyone."),
)

PRICE_UNIT_TEXTS: dict[str, T] = {
    "once": ("kerta", "gång", "session"),
    "month": ("kuukausi", "månad", "month"),
    "term": ("lukukausi", "termin", "term"),
    "year": ("vuosi", "år", "year"),
    "course": ("kurssi", "kurs", "course"),
}

# added to prices per month, term, year or course (not to a price per time)
PRICE_EXTRAS: tuple[T, ...] = (
    ("", "", ""),
    ("Sisaruksille 20 % alennus.", "Syskon får 20 % rabatt.", "Siblings get 20% off."),
    ("Hintaan sisältyy vakuutus.", "Försäkring ingår i priset.", "Insurance is included."),
    ("Maksun voi jakaa kahteen erään.", "Avgiften kan delas i två rater.", "You can pay in two instalments."),
    ("Maksuun voi hakea tukea järjestäjältä.", "Du kan söka stöd för avgiften hos arrangören.",
     "You can ask the organiser for help with the fee."),
)
