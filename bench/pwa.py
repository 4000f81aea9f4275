"""Benchmark: Lighthouse on the PWA's production build, served by Django (gunicorn, production settings) on
localhost, with the demo data.

Usage: .venv/bin/python bench/pwa.py [--pages /,/search,/hobbies/1] [--runs 3] [--no-build]

Steps: builds the PWA (``npm run build`` in ``pwa/``, unless ``--no-build``); makes the bench's own database
``var/bench-pwa.sqlite3`` (migrate, ``load_demo --force``, ``train_recommender``; kept between runs); starts gunicorn
with ``backend.settings.production`` on a free port; installs Lighthouse from the npm registry into
``var/lighthouse/`` the first time (it is not a dependency of the app); then runs Lighthouse ``--runs`` times per
page with its default mobile emulation (Moto G power, slow 4G, 4× CPU slowdown) in Debian's Chromium
(``CHROME_PATH=/usr/bin/chromium``, headless, ``--no-sandbox``), and prints the medians of the four category scores,
LCP, TBT and CLS per page, and the gzipped sizes of the build's JavaScript (the first screen's chunks, everything).

Targets (issue 7): performance ≥ 95, accessibility 100, best practices ≥ 95, SEO ≥ 95; ≤ 60 KB of JavaScript
(gzipped) for the first screen. A first visit to ``/`` opens the first-run screen (``/welcome``), which is what a
new teenager sees; ``/search`` and a hobby page are measured as they open from a link.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"
PWA = ROOT / "pwa"
DIST = PWA / "dist"
DATABASE = VAR / "bench-pwa.sqlite3"
MODELS = VAR / "bench-pwa-recommender"
LIGHTHOUSE_DIR = VAR / "lighthouse"
LIGHTHOUSE_VERSION = "12"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SERVER_LOG = VAR / "bench-pwa-gunicorn.log"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
FIRST_SCREEN_BUDGET_KB = 60


def run(command: list[str], **kw) -> None:
    subprocess.run(command, check=True, **kw)


def env_for_django() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    env.update(
        DATABASE_URL=f"sqlite:///{DATABASE}",
        RECOMMENDER_MODEL_DIR=str(MODELS),
        MEDIA_ROOT=str(VAR / "bench-pwa-media"),
        LOG_LEVEL="WARNING",
    )
    return env


def prepare_database() -> None:
    if DATABASE.exists():
        return
    VAR.mkdir(parents=True, exist_ok=True)
    env = {**env_for_django(), "DJANGO_SETTINGS_MODULE": "backend.settings.dev"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    started = time.perf_counter()
    for args in (["migrate", "--noinput"], ["load_demo", "--force"], ["train_recommender", "--no-evaluation"]):
        run([*manage, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    print(f"bench database {DATABASE} with the demo data in {time.perf_counter() - started:.0f} s", flush=True)


def first_hobby_id() -> int:
    env = {**env_for_django(), "DJANGO_SETTINGS_MODULE": "backend.settings.dev"}
    code = "from backend.hobbies.services import public_hobbies; print(public_hobbies().order_by('pk').first().pk)"
    out = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = {
        **env_for_django(),
        "DJANGO_SETTINGS_MODULE": "backend.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "GUNICORN_MAX_REQUESTS": "0",
    }
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--workers", "2"]
    command += ["--bind", f"127.0.0.1:{port}", "backend.wsgi:application"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=SERVER_LOG.open("w"), stderr=subprocess.STDOUT)


def wait_healthy(server: subprocess.Popen, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited; see {SERVER_LOG}:\n{SERVER_LOG.read_text()[-2000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"gunicorn did not answer within {timeout:.0f} s; see {SERVER_LOG}")


def lighthouse_cli() -> Path:
    cli = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {LIGHTHOUSE_DIR} (once)", flush=True)
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(LIGHTHOUSE_DIR),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            stdout=subprocess.DEVNULL,
        )
    return cli


def lighthouse(cli: Path, url: str) -> dict:
    out = VAR / "bench-pwa-lighthouse.json"
    command = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={out}"]
    command += [f"--only-categories={','.join(CATEGORIES)}"]
    command += ["--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"]
    run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failed": sorted(
            audit["id"]
            for audit in audits.values()
            if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
        ),
    }


def gzipped_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=9)) / 1024


def js_sizes() -> tuple[float, float]:
    """(first screen, all) gzipped KB: the scripts index.html loads (and their static imports), and every chunk."""
    index = (DIST / "index.html").read_text()
    assets = DIST / "assets"
    every = sorted(assets.glob("*.js"))
    entry = [p for p in every if p.name in index]
    seen, queue = set(), list(entry)
    while queue:  # static imports of the entry chunks (import … from "./x.js"), not the lazy import() ones
        chunk = queue.pop()
        if chunk in seen:
            continue
        seen.add(chunk)
        text = chunk.read_text()
        for other in every:
            if other not in seen and (f'from"./{other.name}"' in text or f'from "./{other.name}"' in text):
                queue.append(other)
    return sum(gzipped_kb(p) for p in seen), sum(gzipped_kb(p) for p in every)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", help="comma-separated paths (default: /, /search and the first hobby)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; medians are printed")
    parser.add_argument("--no-build", action="store_true", help="use pwa/dist as it is")
    options = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"bench: Chromium is missing at {CHROMIUM} (apt-get install -y chromium)")
    if not options.no_build:
        run(["npm", "run", "build"], cwd=PWA, stdout=subprocess.DEVNULL)
    if not (DIST / "index.html").exists():
        sys.exit("bench: no pwa/dist/index.html; build the PWA first")
    prepare_database()
    pages = options.pages.split(",") if options.pages else ["/", "/search", f"/hobbies/{first_hobby_id()}"]
    cli = lighthouse_cli()
    port = free_port()
    server = start_server(port)
    try:
        wait_healthy(server, port)
        results = {}
        for page in pages:
            runs = [lighthouse(cli, f"http://127.0.0.1:{port}{page}") for _ in range(options.runs)]
            results[page] = runs
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile emulation, Chromium {CHROMIUM}; medians of {options.runs} runs")
    head = f"{'page':<18}" + "".join(f"{name:>16}" for name in CATEGORIES) + f"{'LCP ms':>10}{'TBT ms':>9}{'CLS':>7}"
    print(head)
    for page, runs in results.items():
        scores = "".join(f"{statistics.median(r[name] for r in runs):>16.0f}" for name in CATEGORIES)
        lcp = statistics.median(r["lcp_ms"] for r in runs)
        tbt = statistics.median(r["tbt_ms"] for r in runs)
        cls = statistics.median(r["cls"] for r in runs)
        print(f"{page:<18}{scores}{lcp:>10.0f}{tbt:>9.0f}{cls:>7.3f}")
        failed = sorted({audit for r in runs for audit in r["failed"]})
        if failed:
            print(f"{'':<18}failed audits: {', '.join(failed)}")
    first, total = js_sizes()
    print(
        f"\nJavaScript (gzipped): first screen {first:.1f} KB (budget {FIRST_SCREEN_BUDGET_KB} KB), all {total:.1f} KB"
    )
    misses = [
        f"{page} {name} {statistics.median(r[name] for r in runs):.0f} < {target}"
        for page, runs in results.items()
        for name, target in TARGETS.items()
        if statistics.median(r[name] for r in runs) < target
    ]
    print("targets: " + ("all met" if not misses else "missed: " + "; ".join(misses)))


if __name__ == "__main__":
    main()
