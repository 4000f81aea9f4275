"""The served endpoints: health, the landing page, the API's reference data, the CMS login."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_health_reports_the_database(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["database"]["vendor"] in {"sqlite", "postgresql"}
    assert body["checks"]["redis"]["configured"] is bool(settings.REDIS_URL)
    assert body["checks"]["redis"]["ok"] is True
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_reports_an_unreachable_redis_as_an_error(client):
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["redis"] == {"configured": True, "ok": False, "error": "ConnectionError"}


def test_health_refuses_other_methods(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.parametrize(
    ("lang", "text"), [("fi", "Löydä harrastus"), ("sv", "Hitta en hobby"), ("en", "Find a hobby")]
)
def test_landing_page_in_each_language(client, settings, tmp_path, lang, text):
    settings.PWA_DIST_DIR = tmp_path  # no app build: the landing page
    response = client.get(f"/?lang={lang}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert text in html
    assert "<main>" in html and "<h1>" in html


def test_landing_page_serves_the_pwa_build_when_present(client, settings, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>PWA</title>")
    settings.PWA_DIST_DIR = tmp_path
    response = client.get("/")
    assert b"<title>PWA</title>" in b"".join(response.streaming_content)


def graphql(client, query: str, **headers):
    response = client.post("/graphql", json.dumps({"query": query}), content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    return response.json()


def test_graphql_categories_in_the_asked_language_with_fallback(client, category):
    category.name_sv = ""
    category.save()
    data = graphql(client, "{ categories(lang: SV) { slug name { text language } } }")["data"]
    assert data["categories"] == [{"slug": "football", "name": {"text": "Jalkapallo", "language": "fi"}}]
    data = graphql(client, "{ categories { name { text language } } }", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["data"]
    assert data["categories"][0]["name"] == {"text": "Football", "language": "en"}


def test_graphql_municipalities(client, municipality):
    data = graphql(client, "{ municipalities(lang: SV) { code name { text language } } }")["data"]
    assert data["municipalities"] == [{"code": "091", "name": {"text": "Helsingfors", "language": "sv"}}]


def test_cms_login_page_is_served(client):
    response = client.get("/cms/login/")
    assert response.status_code == 200
    assert b"<form" in response.content


def test_cms_requires_login(client):
    response = client.get("/cms/")
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/welcome",
        "/search",
        "/hobbies/12",
        "/favourites",
        "/benefits",
        "/settings",
        "/feedback",
        "/info/tietoa-palvelusta",
    ],
)
def test_client_routes_serve_the_app(client, settings, tmp_path, path):
    (tmp_path / "index.html").write_text("<!doctype html><title>PWA</title>")
    settings.PWA_DIST_DIR = tmp_path
    response = client.get(path)
    assert response.status_code == 200 and response["Cache-Control"] == "no-cache"
    assert b"<title>PWA</title>" in b"".join(response.streaming_content)


def test_server_paths_are_not_app_routes(client):
    assert client.get("/hobbies/12.ics").status_code == 404  # the calendar: no such hobby, not the app
    assert client.get("/nosuchpage").status_code == 404


def test_vite_hashed_assets_are_immutable():
    from backend.settings.base import _vite_hashed

    assert _vite_hashed("", "/assets/index-BwQ1x3aF.js")
    assert not _vite_hashed("", "/sw.js") and not _vite_hashed("", "/manifest.webmanifest")
