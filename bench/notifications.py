"""Benchmark: the hourly push-notification run ``send_due`` (issue 8) against a local fake FCM server.

Usage: .venv/bin/python bench/notifications.py [--devices 10000] [--hobbies 5000] [--seed 2026]

The data set (all of it invented; from ``random.Random(seed)``): the catalogue of ``bench/analytics.py`` (3
municipalities, 43 categories, 150 organizations, 600 venues in 44 postal code areas, ``--hobbies`` public
hobbies), of which 2 % were published in the last day (the digest's news) and 3 % open their enrolment within a
day either side of the run; 300 benefits, a quarter of them ending within the next three days; ``--devices``
opted-in devices, each with an FCM registration token, a language, mostly an age group, 1–3 interests (main
categories or subcategories), a home area (a venues' postal code, a municipality's name, or none) and 0–8
favourites; 30 % changed their three switches (each off with 30 %). The log already holds yesterday's digest for
60 % of the devices, two messages sent earlier today for 10 % (so the daily cap of 3 holds some back) and old
entries for the monthly pruning. 1 % of the tokens are dead (the fake answers UNREGISTERED).

firebase-admin talks to ``tests/fakefcm.py`` (the tests' fake OAuth2 token endpoint and FCM v1 send endpoint),
run in a process of its own so that it does not share the sender's interpreter, with a service-account key
generated here (``var/bench-notifications-key.json``) whose token URI points at the fake. The fake is also the
HTTP(S) proxy, refusing anything that is not local (as in the tests).

The database is the bench's own and is built afresh on every run (the runs change it): SQLite
``var/bench-notifications.sqlite3``, or with ``DATABASE_URL=postgres://…/<name>`` the database
``<name>_notifications_bench`` (only a name ending so is ever dropped).

The runs, in a fresh process (its peak memory is its own): ``send_due(now=<today 10:00 Helsinki>)`` — its total
time, messages per second, the counts it returns, the messages by kind, the time in the rules, the daily cap
check and the FCM sends, the SQL statements per device, the peak resident memory — and then a second run an
hour later the same day, when everything is already sent or capped: its time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import multiprocessing
import os
import random
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import analytics as bench_analytics  # noqa: E402
from bench import api as bench_api  # noqa: E402
from bench.recommender import Timings, in_child, reset_peak, rss_mb  # noqa: E402
from tests import fakefcm  # noqa: E402

VAR = ROOT / "var"
SQLITE_PATH = VAR / "bench-notifications.sqlite3"
DB_SUFFIX = "_notifications_bench"
KEY_PATH = VAR / "bench-notifications-key.json"
SOURCE = "nbench"
HELSINKI = ZoneInfo("Europe/Helsinki")
RUN_HOUR = 10  # a daytime hour, outside the default quiet hours 21–8

DEVICES = 10_000
HOBBIES = 5_000
BENEFITS = 300
NEW_SHARE = 0.02
ENROLMENT_SHARE = 0.03
ENDING_SHARE = 0.25
DEAD_SHARE = 0.01
TOKEN_LENGTH = 152  # about the length of a real FCM registration token
RULES = ("new_hobbies_digest", "enrolment_openings", "expiring_benefits")


# --- the fake FCM server, in a process of its own ----------------------------------------------------------


def fake_server(connection, dead_tokens: list[str]) -> None:
    """Serve the fake until told to stop; answer "stats" with what it received."""
    server = fakefcm.FakeFCM().start()
    for token in dead_tokens:
        server.script(token, "UNREGISTERED")
    connection.send(server.url())
    while True:
        command = connection.recv()
        if command == "stats":
            connection.send(
                {"sends": len(server.sends), "token_requests": len(server.token_requests), "outside": server.outside}
            )
        elif command == "stop":
            server.stop()
            connection.send("stopped")
            return


def token_for(rng: random.Random, i: int) -> str:
    prefix = f"nbench-{i:06d}:"
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return prefix + "".join(rng.choice(alphabet) for _ in range(TOKEN_LENGTH - len(prefix)))


# --- the data set --------------------------------------------------------------------------------------------


def run_moment(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today, dt.time(RUN_HOUR), HELSINKI)


def build(devices: int, hobbies: int, seed: int, now: dt.datetime, tokens: list[str]) -> float:  # noqa: C901, PLR0915 - one recipe
    from django.db import transaction

    from backend.benefits.models import Benefit
    from backend.devices.models import Device, Favourite, hash_token
    from backend.hobbies.models import Hobby
    from backend.notifications.models import NotificationPreferences, PushRegistration, SentNotification

    rng = random.Random(seed)
    clock = bench_analytics.Clock()
    print(f"building the data set (seed {seed}, the run at {now:%Y-%m-%d %H:%M} Helsinki)…", flush=True)
    catalogue = bench_analytics.build_catalogue(
        rng,
        hobbies=hobbies,
        hidden=max(4, hobbies // 20),
        organizations=max(6, hobbies * 3 // 100),
        venues=max(30, hobbies * 12 // 100),
        now=now,
        source=SOURCE,
    )
    public = catalogue.public_hobbies
    clock.step(
        f"catalogue: {len(catalogue.categories)} categories, {len(catalogue.venues)} venues, "
        f"{len(catalogue.hobbies)} hobbies ({catalogue.public} public)"
    )

    with transaction.atomic():
        fresh = rng.sample(public, max(1, round(len(public) * NEW_SHARE)))
        for hobby in fresh:
            hobby.first_published_at = hobby.last_published_at = now - dt.timedelta(hours=rng.uniform(1, 23))
            if hobby.next_session_start is None and not hobby.open_use:
                hobby.next_session_start = now + dt.timedelta(days=rng.uniform(1, 10))
        opening = rng.sample(public, max(1, round(len(public) * ENROLMENT_SHARE)))
        for hobby in opening:
            hobby.enrolment_start = now + dt.timedelta(hours=rng.uniform(-20, 20))
            hobby.enrolment_end = hobby.enrolment_start + dt.timedelta(days=30)
        fields = ["first_published_at", "last_published_at", "next_session_start", "enrolment_start", "enrolment_end"]
        Hobby.objects.bulk_update(list({h.pk: h for h in fresh + opening}.values()), fields, batch_size=500)

        benefits = []
        for i in range(max(10, round(BENEFITS * hobbies / HOBBIES))):
            hobby = rng.choice(public) if rng.random() < 0.7 else None
            ending = rng.random() < ENDING_SHARE
            benefits.append(
                Benefit(
                    organization=hobby.organization if hobby else rng.choice(catalogue.organizations),
                    hobby=hobby,
                    kind=rng.choice(Benefit.Kind.values),
                    title_fi=f"Etu {i + 1}: ilmainen kokeilu",
                    title_sv=f"Förmån {i + 1}: gratis prova-på",
                    title_en=f"Benefit {i + 1}: free trial",
                    valid_from=now - dt.timedelta(days=20),
                    valid_until=now + (dt.timedelta(hours=rng.uniform(2, 70)) if ending else dt.timedelta(days=40)),
                    live=True,
                    first_published_at=now - dt.timedelta(days=20),
                    data_source=SOURCE,
                    origin_id=f"b{i}",
                )
            )
        Benefit.objects.bulk_create(benefits, batch_size=1000)
    clock.step(
        f"{len(fresh)} hobbies published in the last day, {len(opening)} enrolments opening, {len(benefits)} "
        f"benefits ({sum(b.valid_until <= now + dt.timedelta(days=3) for b in benefits)} ending within 3 days)"
    )

    codes = sorted(catalogue.postal_codes)
    names = [m.name_fi for m in catalogue.municipalities.values()]
    leaves, roots = catalogue.leaves, catalogue.roots
    with transaction.atomic():
        rows, interests, favourites, registrations, preferences, log = [], [], [], [], [], []
        for i in range(devices):
            device = Device(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                token_hash=hash_token(f"nbench-device-{i}"),
                language=rng.choice(["fi"] * 7 + ["sv"] * 2 + ["en"]),
                age_group=rng.choice(Device.AgeGroup.values * 4 + [""]),
                home_area=rng.choice(codes) if rng.random() < 0.7 else rng.choice(names) if rng.random() < 0.33 else "",
            )
            rows.append(device)
            if rng.random() < 0.9:
                for category in {rng.choice(roots if rng.random() < 0.4 else leaves) for _ in range(rng.randint(1, 3))}:
                    interests.append(Device.interests.through(device_id=device.pk, category_id=category.pk))
            for hobby in rng.sample(public, rng.randint(0, 8)):
                favourites.append(Favourite(device=device, hobby=hobby))
            registrations.append(
                PushRegistration(
                    device=device,
                    token=tokens[i],
                    token_hash=hash_token(tokens[i]),
                    platform=rng.choice(["web"] * 6 + ["android"] * 3 + ["ios"]),
                )
            )
            if rng.random() < 0.3:
                preferences.append(
                    NotificationPreferences(
                        device=device,
                        new_hobbies=rng.random() >= 0.3,
                        enrolment_opening=rng.random() >= 0.3,
                        benefit_expiring=rng.random() >= 0.3,
                    )
                )
            if rng.random() < 0.6:  # yesterday's digest
                sent = now - dt.timedelta(days=1, hours=rng.uniform(-1, 3))
                log.append(SentNotification(device=device, kind="new_hobbies", sent_at=sent))
            if rng.random() < 0.1:  # two messages earlier today: room for one more under the cap of 3
                for _ in range(2):
                    sent = now - dt.timedelta(hours=rng.uniform(1, 2))
                    log.append(SentNotification(device=device, kind="enrolment_opening", object_id=0, sent_at=sent))
            if rng.random() < 0.2:  # an old entry, pruned by the run
                sent = now - dt.timedelta(days=rng.uniform(31, 40))
                log.append(SentNotification(device=device, kind="new_hobbies", sent_at=sent))
        Device.objects.bulk_create(rows, batch_size=2000)
        Device.interests.through.objects.bulk_create(interests, batch_size=5000)
        Favourite.objects.bulk_create(favourites, batch_size=5000)
        PushRegistration.objects.bulk_create(registrations, batch_size=2000)
        NotificationPreferences.objects.bulk_create(preferences, batch_size=2000)
        SentNotification.objects.bulk_create(log, batch_size=5000)
    clock.step(
        f"{devices} opted-in devices: {len(interests)} interests, {len(favourites)} favourites, "
        f"{len(preferences)} changed switches, {len(log)} log entries"
    )
    bench_analytics.analyze()
    clock.step("ANALYZE")
    print(f"built the data set in {clock.total:.1f} s", flush=True)
    return clock.total


# --- the runs, in a fresh process ---------------------------------------------------------------------------


def one_run(now: dt.datetime) -> dict:
    from django.db import connection

    from backend.notifications import fcm, rules, services
    from backend.notifications.models import SentNotification

    timings = Timings()
    timings.wrap(rules, "due_for", "rules (due_for)")
    timings.wrap(rules, "sent_today", "daily cap (sent_today)")
    timings.wrap(fcm, "send", "FCM (fcm.send)")
    for rule in RULES:  # inside due_for
        timings.wrap(rules, rule)
    counter = bench_analytics.SqlCounter()
    rss_start = rss_mb("VmRSS")
    reset_ok = reset_peak()
    try:
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            counts = services.send_due(now=now)
            wall = time.perf_counter() - started
    finally:
        timings.restore()
    kinds = Counter(SentNotification.objects.filter(sent_at=now).values_list("kind", flat=True))
    return {
        "wall_s": wall,
        "counts": counts.as_dict(),
        "queries": counter.count,
        "sql_s": counter.seconds,
        "phases_s": dict(timings.seconds),
        "peak_mb": rss_mb("VmHWM"),
        "rss_start_mb": rss_start,
        "peak_reset": reset_ok,
        "kinds": dict(kinds),
    }


def runs_in_child(url: str, first: str, second: str) -> dict:
    bench_api.setup_django(url)
    # google-auth's look-up of the key's "allowed locations" is refused by the fake proxy (as in the tests), and
    # urllib3 would log each of its retries
    logging.getLogger("urllib3").setLevel(logging.ERROR)
    from django.db import connection

    with connection.cursor():
        pass  # connect before measuring
    return {"first": one_run(dt.datetime.fromisoformat(first)), "second": one_run(dt.datetime.fromisoformat(second))}


# --- output ---------------------------------------------------------------------------------------------------


def print_run(label: str, run: dict, fake: dict | None) -> None:
    counts, wall = run["counts"], run["wall_s"]
    devices = max(counts["devices"], 1)
    print(f"\n{label}")
    print(f"  total time          {wall:9.2f} s")
    print(f"  messages/s          {counts['sent'] / wall:9.1f}")
    print(
        "  counts              "
        + ", ".join(f"{name} {counts[name]}" for name in ("status", "devices", "sent", "failed", "pruned", "capped"))
        + f", deferred {counts['deferred']}"
    )
    if run["kinds"]:
        print("  delivered by kind   " + ", ".join(f"{kind} {n}" for kind, n in sorted(run["kinds"].items())))
    phases = {name: seconds for name, seconds in run["phases_s"].items() if name not in RULES}
    rest = wall - sum(phases.values())
    print(
        "  time in             "
        + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in phases.items())
        + f", the rest (chunks, log writes, pruning) {rest:.2f} s"
    )
    print(
        "  of which the rules  "
        + ", ".join(f"{name} {run['phases_s'].get(name, 0.0):.2f} s" for name in RULES)
        + f" ({1000 * sum(run['phases_s'].get(name, 0.0) for name in RULES) / devices:.1f} ms per device)"
    )
    print(
        f"  SQL statements      {run['queries']} ({run['queries'] / devices:.1f} per device), {run['sql_s']:.2f} s "
        "of the time in the database's execute"
    )
    note = "" if run["peak_reset"] else ", peak not reset"
    print(
        f"  peak memory         {run['peak_mb']:.0f} MB ({run['peak_mb'] - run['rss_start_mb']:+.0f} MB over the "
        f"{run['rss_start_mb']:.0f} MB before the run{note})"
    )
    if fake is not None:
        print(f"  fake FCM received   {fake['sends']} send requests, {fake['token_requests']} access-token requests")


def main() -> None:  # noqa: PLR0915 - one sequence
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devices", type=int, default=DEVICES, help="opted-in devices (default 10,000)")
    parser.add_argument("--hobbies", type=int, default=HOBBIES, help="public hobbies (default 5,000)")
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()

    # the fake first, forked before anything else runs: it shares the generated key with this process
    fakefcm.private_key()
    rng = random.Random(f"{options.seed}-tokens")
    tokens = [token_for(rng, i) for i in range(options.devices)]
    dead = random.Random(f"{options.seed}-dead").sample(tokens, round(len(tokens) * DEAD_SHARE))
    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.get_context("fork").Process(target=fake_server, args=(theirs, dead), daemon=True)
    server.start()
    fake_url = ours.recv()
    VAR.mkdir(parents=True, exist_ok=True)
    fakefcm.write_service_account(KEY_PATH, token_uri=f"{fake_url}/token")
    os.environ.update(FIREBASE_CREDENTIALS=str(KEY_PATH), FIREBASE_FCM_ENDPOINT=fake_url)
    for name in ("HTTPS_PROXY", "HTTP_PROXY"):  # the fake is the proxy of anything not local, as in the tests
        os.environ[name] = os.environ[name.lower()] = fake_url
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
    os.environ.pop("NOTIFICATIONS_QUIET_START", None)
    os.environ.pop("NOTIFICATIONS_QUIET_END", None)
    try:
        url = bench_analytics.bench_database_url(SQLITE_PATH, DB_SUFFIX)
        bench_analytics.drop_database(url, SQLITE_PATH, DB_SUFFIX)
        bench_api.create_database(url)
        bench_api.migrate(url)
        bench_api.setup_django(url)
        from django.conf import settings
        from django.db import connections
        from django.utils import timezone

        vendor = bench_analytics.database_version()
        print(
            f"bench database: {vendor} {bench_analytics.shown_url(url)}; fake FCM at {fake_url} (its own process)",
            flush=True,
        )
        now = run_moment(timezone.localdate())
        build_s = build(options.devices, options.hobbies, options.seed, now, tokens)
        connections.close_all()
        load_before = os.getloadavg()[0]
        later = now + dt.timedelta(hours=1)
        print(f"\nsend_due at {now:%H:%M} and again at {later:%H:%M}, in a fresh process…", flush=True)
        ours.send("stats")
        before = ours.recv()
        runs = in_child(runs_in_child, url, now.isoformat(), later.isoformat())
        ours.send("stats")
        after = ours.recv()
    finally:
        ours.send("stop")
        ours.recv()
        server.join(timeout=10)

    first, second = runs["first"], runs["second"]
    print(f"\n=== summary: {vendor}, {options.devices:,} opted-in devices, {options.hobbies:,} public hobbies ===")
    print(
        f"settings: batch {settings.NOTIFICATIONS_BATCH_SIZE}, daily cap {settings.NOTIFICATIONS_DAILY_CAP}, radius "
        f"{settings.NOTIFICATIONS_RADIUS_KM} km, benefits ending within {settings.NOTIFICATIONS_BENEFIT_EXPIRY_DAYS} "
        f"days, quiet {settings.NOTIFICATIONS_QUIET_START}–{settings.NOTIFICATIONS_QUIET_END}; "
        f"{len(dead)} dead tokens scripted"
    )
    print(f"data build: {build_s:.1f} s")
    sends = after["sends"] - before["sends"]
    print_run(
        f"first run: send_due(now={now:%Y-%m-%d %H:%M} Helsinki)",
        first,
        {"sends": sends, "token_requests": after["token_requests"] - before["token_requests"]},
    )
    print_run(f"second run the same day: send_due(now={later:%H:%M}), everything already sent or capped", second, None)
    if after["outside"]:
        print(f"requests that tried to leave the machine (refused): {sorted(set(after['outside']))}")
    print(
        f"\nmachine: {os.cpu_count()} CPUs shared by the sender, the fake FCM server, the database and any other "
        f"work; load average (1 min) {load_before:.2f} before the runs, {os.getloadavg()[0]:.2f} after"
    )


if __name__ == "__main__":
    main()
