"""The deployment files: Dockerfile, docker-compose.yml, gunicorn.conf.py and .dockerignore.

No Docker engine is needed. Where the Compose CLI is installed, `docker compose config` validates
and renders the compose file (it parses without an engine); otherwise the file is read with PyYAML,
or, where that is missing too, with a small reader for the block-style YAML the file is written in,
so that the checks on its content always run.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import runpy
import shlex
import shutil
import subprocess
import sys
import types
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
GUNICORN_CONF = ROOT / "gunicorn.conf.py"
DOCKERIGNORE = ROOT / ".dockerignore"

# 50+ characters, many of them distinct: what backend/settings/production.py demands.
TEST_SECRET_KEY = "deploy-files-test-key-abcdefghijklmnopqrstuvwxyz-0123456789"
SERVICES = ("db", "redis", "web", "worker", "beat")
ROOT_USERS = {"root", "0", "root:root", "0:0", "root:0", "0:root"}


# --- reading docker-compose.yml ---------------------------------------------------------------


def _compose_env(*, secret_key: str | None = TEST_SECRET_KEY) -> dict[str, str]:
    """A clean environment for `docker compose`, so that only the file's own defaults apply."""
    keep = ("PATH", "HOME", "DOCKER_HOST", "DOCKER_CONFIG", "DOCKER_CONTEXT", "XDG_RUNTIME_DIR")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    return env


@cache
def _compose_cli() -> tuple[str, ...] | None:
    """`docker compose ...` for this project when the Compose v2 CLI works, else None."""
    docker = shutil.which("docker")
    if docker is None:
        return None
    try:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if probe.returncode != 0:
        return None
    return (docker, "compose", "--project-directory", str(ROOT), "-f", str(COMPOSE_FILE))


def _scalar(text: str) -> object:
    text = text.strip()
    if text.startswith("["):
        return json.loads(text)  # the flow lists in the file are written as JSON arrays
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return json.loads(text)
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return text


_KEY = re.compile(r"^(?P<key>[A-Za-z0-9_.<-]+):(?:\s+(?P<value>.*))?$")


def read_block_yaml(text: str) -> dict:
    """Read the YAML subset docker-compose.yml uses: block mappings, block lists of scalars,
    flow lists written as JSON, quoted and plain scalars (kept as strings), anchors and aliases."""
    root: dict = {}
    stack: list[tuple[int, dict | list]] = [(-1, root)]
    anchors: dict[str, object] = {}
    awaiting: tuple[int, dict, str, str | None] | None = None  # a "key:" whose block may follow
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if awaiting is not None:
            owner_indent, parent, key, anchor = awaiting
            awaiting = None
            if indent > owner_indent:
                child: dict | list = [] if stripped == "-" or stripped.startswith("- ") else {}
                parent[key] = child
                if anchor:
                    anchors[anchor] = child
                stack.append((owner_indent, child))
        while stack[-1][0] >= indent:
            stack.pop()
        container = stack[-1][1]
        if stripped.startswith("- "):
            assert isinstance(container, list), f"line {number}: a list item where a mapping was expected"
            container.append(_scalar(stripped[2:]))
            continue
        match = _KEY.match(stripped)
        assert match and isinstance(container, dict), f"line {number}: not understood: {stripped!r}"
        key, value = match["key"], (match["value"] or "").strip()
        if not value or value.startswith("&"):
            container[key] = None
            awaiting = (indent, container, key, value[1:] or None)
        elif value.startswith("*"):
            container[key] = anchors[value[1:]]
        else:
            container[key] = _scalar(value)
    return root


@cache
def compose_model() -> tuple[str, dict]:
    """(how it was read, the compose file as a dict); interpolation done only by `docker compose`."""
    cli = _compose_cli()
    if cli is not None:
        rendered = subprocess.run(
            [*cli, "config", "--format", "json"],
            env=_compose_env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return "docker compose", json.loads(rendered.stdout)
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    try:
        import yaml
    except ImportError:
        return "block reader", read_block_yaml(text)
    return "PyYAML", yaml.safe_load(text)


def services() -> dict:
    return compose_model()[1]["services"]


_VARIABLE = re.compile(
    r"\$\$|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)"
)


def interpolate(value: object, env: Mapping[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error} and $$."""

    def replace(match: re.Match) -> str:
        if match[0] == "$$":
            return "$"
        name = match["name"] or match["bare"]
        op, arg = match["op"], match["arg"] or ""
        current = env.get(name)
        missing = current is None or (bool(op) and op.startswith(":") and current == "")
        if op in {":-", "-"} and missing:
            return arg
        if op in {":?", "?"} and missing:
            raise KeyError(f"{name}: {arg}")
        return current or ""

    return _VARIABLE.sub(replace, str(value))


def service_environment(name: str, env: Mapping[str, str]) -> dict[str, str]:
    """A service's environment as the container gets it, with `env` as the shell's variables."""
    how, _ = compose_model()
    raw = services()[name].get("environment") or {}
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) if "=" in item else (item, "") for item in raw)
    if how == "docker compose":
        return {key: "" if value is None else str(value) for key, value in raw.items()}
    return {key: interpolate("" if value is None else value, env) for key, value in raw.items()}


def _words(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    return shlex.split(str(value))


def _volume_mounts(service: dict) -> dict[str, str]:
    """target -> source for a service's volumes, in the short or the long syntax."""
    mounts = {}
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            mounts[volume["target"]] = volume.get("source", "")
        else:
            source, _, rest = str(volume).partition(":")
            mounts[rest.split(":")[0]] = source
    return mounts


def _healthcheck_test(service: dict) -> list[str]:
    """The healthcheck command, or [] when there is none or it is disabled."""
    check = service.get("healthcheck") or {}
    if str(check.get("disable", "false")).lower() == "true":
        return []
    test = _words(check.get("test"))
    return [] if not test or test[0] == "NONE" else test


# --- the compose file -------------------------------------------------------------------------


def test_compose_config_is_valid():
    cli = _compose_cli()
    if cli is not None:
        result = subprocess.run(
            [*cli, "config", "-q"], env=_compose_env(), capture_output=True, text=True, timeout=120, check=False
        )
        assert result.returncode == 0, result.stderr
        return
    try:
        import yaml
    except ImportError:
        pytest.skip("neither `docker compose` nor PyYAML here; the other tests read the file with the block reader")
    document = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(document, dict) and isinstance(document.get("services"), dict)
    # the block reader (used where PyYAML is missing) must read the same structure
    assert set(read_block_yaml(COMPOSE_FILE.read_text(encoding="utf-8"))["services"]) == set(document["services"])


def test_compose_refuses_to_start_without_a_secret_key():
    cli = _compose_cli()
    if cli is not None and not (ROOT / ".env").exists():
        result = subprocess.run(
            [*cli, "config", "-q"],
            env=_compose_env(secret_key=None),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr
    raw = COMPOSE_FILE.read_text(encoding="utf-8")
    assert "${SECRET_KEY:?" in raw or "env_file" in raw
    if compose_model()[0] != "docker compose":
        with pytest.raises(KeyError, match="SECRET_KEY"):
            service_environment("web", {})


def test_compose_has_no_obsolete_version_key():
    assert "version" not in compose_model()[1]
    assert not re.search(r"^version\s*:", COMPOSE_FILE.read_text(encoding="utf-8"), re.MULTILINE)


def test_compose_defines_the_services():
    assert set(SERVICES) <= set(services()), compose_model()[0]


@pytest.mark.parametrize("name", ["db", "redis", "web"])
def test_service_has_a_healthcheck(name):
    test = _healthcheck_test(services()[name])
    assert test, f"{name} has no healthcheck"
    assert test[0] in {"CMD", "CMD-SHELL"}
    expected = {"db": "pg_isready", "redis": "redis-cli", "web": "/healthz"}[name]
    assert expected in " ".join(test)


def test_images_and_commands():
    svc = services()
    assert str(svc["db"]["image"]).startswith("postgres:16")
    assert str(svc["redis"]["image"]).startswith("redis:7")
    for name in ("web", "worker", "beat"):
        assert svc[name].get("build"), f"{name} should be built from the Dockerfile"
    worker = _words(svc["worker"].get("command"))
    assert worker[:4] == ["celery", "-A", "backend", "worker"]
    beat = _words(svc["beat"].get("command"))
    assert beat[:4] == ["celery", "-A", "backend", "beat"]
    # beat writes its schedule file: it must go to /tmp or to a mounted volume, not into /app
    schedule = next((beat[i + 1] for i, word in enumerate(beat[:-1]) if word in {"-s", "--schedule"}), None)
    assert schedule, "beat needs --schedule in a writable place"
    assert schedule.startswith("/tmp/") or any(
        schedule.startswith(target.rstrip("/") + "/") for target in _volume_mounts(svc["beat"])
    )


def test_other_app_services_do_not_inherit_the_web_healthcheck():
    """The image's HEALTHCHECK asks port 8000 for /healthz: only web serves it."""
    for name, service in services().items():
        if name == "web" or not service.get("build"):
            continue
        assert "healthcheck" in service, f"{name} must disable or replace the image's healthcheck"
        assert "/healthz" not in " ".join(_healthcheck_test(service)), name


def test_named_volumes_for_the_database_and_media():
    model = compose_model()[1]
    named = set(model.get("volumes") or {})
    db_source = _volume_mounts(services()["db"]).get("/var/lib/postgresql/data")
    assert db_source in named, "the database needs a named volume"
    media_root = dockerfile_env(final_stage())["MEDIA_ROOT"]
    media_source = _volume_mounts(services()["web"]).get(media_root)
    assert media_source in named, f"web needs a named volume at MEDIA_ROOT ({media_root})"


def test_startup_order():
    svc = services()

    def condition(name: str, dependency: str) -> str | None:
        depends = svc[name].get("depends_on") or {}
        if isinstance(depends, list):
            return "service_started" if dependency in depends else None
        return (depends.get(dependency) or {}).get("condition")

    for name in ("web", "worker"):
        assert condition(name, "db") == "service_healthy"
        assert condition(name, "redis") == "service_healthy"
    assert condition("beat", "redis") == "service_healthy"
    if "migrate" in svc:
        assert "migrate" in _words(svc["migrate"].get("command"))
        assert str(svc["migrate"].get("restart", "no")) in {"no", "False", "false"}
        for name in ("web", "worker"):
            assert condition(name, "migrate") == "service_completed_successfully"
    else:
        assert "migrate" in " ".join(_words(svc["web"].get("command")))


def _run_django(code: str, env: Mapping[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "VAR_DIR": str(tmp_path / "var"), **env}
    full_env.pop("PYTHONSTARTUP", None)
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests; Django's deploy check rejects it
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=180, check=False
    )


_SETTINGS_PROBE = """
import json, django
from django.conf import settings
from django.core.management import call_command
django.setup()
call_command("check", deploy=True, fail_level="ERROR", verbosity=0)
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "host": db.get("HOST"), "broker": settings.CELERY_BROKER_URL,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER, "debug": settings.DEBUG,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
}))
"""


def test_compose_environment_satisfies_the_production_settings(tmp_path):
    """The environment compose gives web loads backend.settings.production and passes check --deploy."""
    env = service_environment("web", {"SECRET_KEY": TEST_SECRET_KEY})
    env.update(DJANGO_SETTINGS_MODULE="backend.settings.production", MEDIA_ROOT=str(tmp_path / "media"))
    result = _run_django(_SETTINGS_PROBE, env, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["engine"] == "django.db.backends.postgresql" and loaded["host"] == "db"
    assert loaded["broker"].startswith("redis://redis:")
    assert loaded["eager"] is False and loaded["debug"] is False
    assert loaded["ssl_redirect"] is False, "the local stack serves plain http"


# --- the Dockerfile ---------------------------------------------------------------------------


@cache
def dockerfile_stages() -> tuple[tuple[tuple[str, str], ...], ...]:
    """The Dockerfile as stages of (INSTRUCTION, arguments), continuation lines joined."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, rest = (pending + line).partition(" ")
        pending = ""
        instructions.append((keyword.upper(), rest.strip()))
    assert not pending, "the Dockerfile ends in a continuation line"
    stages: list[list[tuple[str, str]]] = []
    for keyword, rest in instructions:
        if keyword == "FROM":
            stages.append([])
        assert stages, f"{keyword} before the first FROM"
        stages[-1].append((keyword, rest))
    return tuple(tuple(stage) for stage in stages)


def final_stage() -> tuple[tuple[str, str], ...]:
    return dockerfile_stages()[-1]


def _args(stage, keyword: str) -> list[str]:
    return [rest for kw, rest in stage if kw == keyword]


def dockerfile_env(stage) -> dict[str, str]:
    env = {}
    for rest in _args(stage, "ENV"):
        for word in shlex.split(rest):
            name, sep, value = word.partition("=")
            if sep:
                env[name] = value
    return env


def _copy_sources(rest: str) -> tuple[list[str], bool]:
    """(sources, copied from another stage) of a COPY or ADD."""
    words = json.loads(rest) if rest.startswith("[") else shlex.split(rest)
    flags = [word for word in words if word.startswith("--")]
    paths = [word for word in words if not word.startswith("--")]
    return paths[:-1], any(flag.startswith("--from=") for flag in flags)


def test_dockerfile_is_multi_stage_node_then_python():
    images = [rest.split()[0] for stage in dockerfile_stages() for kw, rest in stage if kw == "FROM"]
    assert len(images) >= 2
    assert any(image.startswith("node:20") for image in images[:-1]), images
    assert images[-1] == "python:3.11-slim", images


def test_dockerfile_builds_the_pwa_only_when_it_exists():
    node = next(stage for stage in dockerfile_stages() if stage[0][1].startswith("node:"))
    for rest in _args(node, "COPY"):
        sources, from_stage = _copy_sources(rest)
        for source in sources:
            if not from_stage and source.startswith("pw"):
                assert any(char in source for char in "*?["), f"COPY {source} fails while pwa/ does not exist"
    runs = " ".join(_args(node, "RUN"))
    assert "npm ci" in runs and "npm run build" in runs
    assert "package.json" in runs, "the npm steps must be guarded by a package.json test"
    assert "mkdir -p dist" in runs, "an empty dist/ must exist for the python stage to copy"
    stage_name = node[0][1].split()[-1]
    copies = [rest for stage in dockerfile_stages()[1:] for kw, rest in stage if kw == "COPY"]
    assert any(f"--from={stage_name}" in rest and "pwa/dist" in rest for rest in copies)


def test_dockerfile_runs_as_a_non_root_user():
    users = _args(final_stage(), "USER")
    assert users, "the final stage has no USER"
    assert users[-1].strip() not in ROOT_USERS


def test_dockerfile_healthcheck_asks_healthz_with_python():
    checks = _args(final_stage(), "HEALTHCHECK")
    assert len(checks) == 1
    assert "/healthz" in checks[0] and "urllib" in checks[0]
    assert "curl" not in checks[0] and "wget" not in checks[0], "neither is on python:3.11-slim"


def test_dockerfile_starts_gunicorn_with_the_config_file():
    stage = final_stage()
    start = " ".join(_args(stage, "ENTRYPOINT") + _args(stage, "CMD")[-1:])
    assert "gunicorn" in start and "backend.wsgi" in start and "gunicorn.conf.py" in start
    assert "8000" in " ".join(_args(stage, "EXPOSE"))


def test_dockerfile_collects_static_files_without_baking_secrets():
    runs = [rest for stage in dockerfile_stages() for kw, rest in stage if kw == "RUN"]
    collect = [run for run in runs if "collectstatic" in run]
    assert collect, "collectstatic must run at build time"
    assert "backend.settings.production" in collect[0]
    for stage in dockerfile_stages():
        for kw, rest in stage:
            if kw in {"ENV", "ARG"}:
                assert not re.search(r"\b(SECRET_KEY|ALLOWED_HOSTS|DATABASE_URL|REDIS_URL)\b", rest), rest
    env = dockerfile_env(final_stage())
    assert env.get("DJANGO_SETTINGS_MODULE") == "backend.settings.production"


def test_dockerfile_build_time_values_satisfy_the_production_settings(tmp_path):
    """The throw-away values of the collectstatic step must load the production settings."""
    collect = next(
        rest for stage in dockerfile_stages() for kw, rest in stage if kw == "RUN" and "collectstatic" in rest
    )
    env = dict(re.findall(r"\b([A-Z][A-Z0-9_]+)=(\"[^\"]*\"|'[^']*'|[^\s&;]+)", collect))
    env = {name: value.strip("\"'") for name, value in env.items()}
    assert len(env.get("SECRET_KEY", "")) >= 50
    env.update(VAR_DIR=str(tmp_path / "var"), STATIC_ROOT=str(tmp_path / "static"))
    result = _run_django(_SETTINGS_PROBE, env, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]


def test_dockerfile_final_stage_is_lean():
    stage = final_stage()
    env = dockerfile_env(stage)
    assert env.get("PYTHONDONTWRITEBYTECODE") == "1"
    assert env.get("PYTHONUNBUFFERED") == "1"
    final_runs = " ".join(_args(stage, "RUN"))
    for tool in ("build-essential", "gcc", "gettext", "npm"):
        assert tool not in final_runs, f"{tool} in the final stage"
    for stage_ in dockerfile_stages():
        for run in _args(stage_, "RUN"):
            if "pip install" in run:
                assert "--no-cache-dir" in run or dockerfile_env(stage_).get("PIP_NO_CACHE_DIR") == "1", run


# --- .dockerignore ----------------------------------------------------------------------------


def _ignore_patterns() -> list[str]:
    lines = DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
    return [line.strip().strip("/") for line in lines if line.strip() and not line.strip().startswith("#")]


def _is_ignored(path: str, patterns: list[str]) -> bool:
    """Close to Docker's rules: a pattern excludes the path or any folder above it; ! re-includes."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    ignored = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!")
        tails = [pattern[3:]] if pattern.startswith("**/") else []
        for prefix in prefixes:
            segments = prefix.split("/")
            hit = fnmatch.fnmatchcase(prefix, pattern) or any(
                fnmatch.fnmatchcase("/".join(segments[i:]), tail) for tail in tails for i in range(len(segments))
            )
            if hit:
                ignored = not negate
                break
    return ignored


@pytest.mark.parametrize(
    "path",
    [
        ".venv",
        "var",
        "var/db.sqlite3",
        "node_modules",
        "pwa/node_modules",
        "pwa/dist",
        ".git",
        ".env",
        "backend/__pycache__",
        ".pytest_cache",
        ".ruff_cache",
        "test-artifacts",
        ".hypothesis",
    ],
)
def test_dockerignore_excludes(path):
    assert _is_ignored(path, _ignore_patterns())


@pytest.mark.parametrize(
    "path",
    [
        "pyproject.toml",
        "manage.py",
        "gunicorn.conf.py",
        "backend/settings/production.py",
        "backend/templates",
        "backend/locale/fi/LC_MESSAGES/django.po",
        "backend/locale/sv/LC_MESSAGES/django.mo",
        "backend/core/templates/core/home.html",
        "cms",
        "importers",
        "recommender",
        "pwa/package.json",
        "pwa/package-lock.json",
        "pwa/src/main.ts",
        "pwa/index.html",
    ],
)
def test_dockerignore_keeps(path):
    assert not _is_ignored(path, _ignore_patterns())


def test_dockerfile_copies_only_what_the_context_has():
    patterns = _ignore_patterns()
    for stage in dockerfile_stages():
        for kw, rest in stage:
            if kw not in {"COPY", "ADD"}:
                continue
            sources, from_stage = _copy_sources(rest)
            for source in sources:
                if from_stage or source in {".", "./"} or any(char in source for char in "*?["):
                    continue
                assert (ROOT / source).exists(), f"{kw} {source}: not in the repository"
                assert not _is_ignored(source.rstrip("/"), patterns), f"{kw} {source}: excluded by .dockerignore"


# --- gunicorn.conf.py -------------------------------------------------------------------------


def _load_gunicorn_conf() -> dict:
    return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_conf_reads_port_and_concurrency(monkeypatch):
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    conf = _load_gunicorn_conf()
    assert conf["bind"] == "0.0.0.0:9123"
    assert conf["workers"] == 5


def test_gunicorn_conf_defaults(monkeypatch):
    for name in ("PORT", "WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_TIMEOUT", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    conf = _load_gunicorn_conf()
    assert conf["bind"] == "0.0.0.0:8000"
    assert conf["workers"] == 2
    assert conf["threads"] >= 1 and conf["timeout"] > 0
    assert conf["accesslog"] == "-" and conf["errorlog"] == "-"
    assert conf["forwarded_allow_ips"] != "*", "trust forwarded headers from known proxies only by default"


@pytest.mark.parametrize(("name", "value"), [("WEB_CONCURRENCY", "many"), ("PORT", "0"), ("WEB_CONCURRENCY", "0")])
def test_gunicorn_conf_rejects_bad_values_by_name(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name):
        _load_gunicorn_conf()


def test_gunicorn_conf_names_only_real_settings(monkeypatch):
    """Gunicorn ignores unknown names in a config file silently: a typo would go unnoticed."""
    from gunicorn.config import Config

    monkeypatch.delenv("PORT", raising=False)
    config = Config()
    for name, value in _load_gunicorn_conf().items():
        if name.startswith("_") or isinstance(value, types.ModuleType) or type(value).__module__ == "__future__":
            continue
        assert name in config.settings, f"{name} is not a gunicorn setting"
        config.set(name, value)  # runs gunicorn's own validation of the value
    assert config.address  # bind parsed


def test_gunicorn_check_config_loads_the_application(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backend.settings.test",
        "VAR_DIR": str(tmp_path / "var"),
        "PORT": "8000",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--check-config", "backend.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
