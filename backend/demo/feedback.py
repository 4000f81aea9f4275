"""Demo feedback: INVENTED ratings and comments over the last 16 weeks, so the CMS feedback pages have something.

Written once (a database that already holds feedback keeps it as it is), from a fixed seed. Most of it concerns
Helsinki, where the weekly average shows; Espoo gets only a few ratings a week, so its chart shows the weeks
withheld for privacy. Feedback is never tied to a device, here as in the app.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from backend.feedback.models import Feedback
from backend.hobbies.models import Hobby, Municipality

SEED = 808
WEEKS = 16
# (language, stars, text): what teenagers might write; an empty text is a rating on its own
COMMENTS = (
    ("fi", 5, "Löysin tanssitunnin tosi helposti, kiitos!"),
    ("fi", 4, "Hyvä sovellus, mutta toivoisin enemmän e-urheilua."),
    ("fi", 2, "Kartta latautui hitaasti koulun koneella."),
    ("fi", 5, "Kokeilukerta oli ilmainen ja mahtava."),
    ("fi", 3, "En löytänyt jousiammuntaa mistään."),
    ("sv", 5, "Jättebra att allt finns på svenska också!"),
    ("sv", 4, "Lätt att hitta något nära skolan."),
    ("en", 4, "Easy to use, I found a climbing group."),
    ("en", 1, "The registration link did not work for me."),
)
RATINGS = (5, 5, 4, 4, 4, 3, 5, 4, 2, 5)  # ratings without text, drawn from these


def load_demo_feedback(today: dt.date | None = None) -> int:
    """Create the demo feedback once; returns how many rows were created (0 when there is feedback already)."""
    if Feedback.objects.exists():
        return 0
    helsinki = Municipality.objects.filter(code="091").first()
    espoo = Municipality.objects.filter(code="049").first()
    if helsinki is None:
        return 0
    rng = random.Random(SEED)
    hobbies = {
        code: list(Hobby.objects.filter(municipality__code=code, live=True).order_by("pk")[:20])
        for code in ("091", "049")
    }
    today = today or timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    rows: list[tuple[Feedback, dt.datetime]] = []
    for week in range(WEEKS):
        for municipality, count in ((helsinki, rng.randint(5, 11)), (espoo, rng.randint(0, 4))):
            if municipality is None:
                continue
            for _ in range(count):
                language, stars, text = rng.choice(COMMENTS) if rng.random() < 0.25 else ("fi", None, "")
                candidates = hobbies.get(municipality.code) or [None]
                hobby = rng.choice(candidates) if rng.random() < 0.5 else None
                feedback = Feedback(
                    rating=stars or rng.choice(RATINGS),
                    text=text,
                    hobby=hobby,
                    municipality=municipality,
                    channel=rng.choice(("web", "web", "web", "android", "ios")),
                    language=language,
                    handled=week > 2 and rng.random() < 0.8,
                )
                # each rating falls in its own calendar week (this week: up to today), so weekly counts are fixed
                last_day = 6 if week else today.weekday()
                day = monday - dt.timedelta(weeks=week, days=-rng.randint(0, last_day))
                when = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 20), rng.randint(0, 59))))
                when = min(when, timezone.now())  # today's come from the morning, never from the future
                rows.append((feedback, when))
    created = Feedback.objects.bulk_create([feedback for feedback, _when in rows])
    for feedback, (_row, when) in zip(created, rows, strict=True):  # created_at is "now" on insert; move it
        feedback.created_at = when
    Feedback.objects.bulk_update(created, ["created_at"], batch_size=200)
    return len(created)
