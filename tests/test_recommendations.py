"""The recommender in the service: training from the database, serving and hot reload, the constraints checked
against the database, every device state, opt-out, reasons in three languages, and the GraphQL field."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from backend.devices.models import Device, Favourite, Interaction
from backend.hobbies.models import Category, Hobby, Venue
from backend.recommendations import serving
from backend.recommendations.services import Near, distance_km, recommend
from backend.recommendations.training import train

from .conftest import make_hobby, make_organization, make_session
from .test_api_devices import gql, register, top_codes

pytestmark = pytest.mark.django_db

HOME = (60.17, 24.94)  # central Helsinki
FAR = (61.50, 23.76)  # Tampere, about 160 km away


@pytest.fixture(autouse=True)
def model_dir(settings, tmp_path):
    """Each test saves models in its own folder and reloads at once; the process holder starts empty."""
    settings.RECOMMENDER_MODEL_DIR = tmp_path / "models"
    settings.RECOMMENDER_RELOAD_SECONDS = 0
    settings.RECOMMENDER_AVAILABILITY_SECONDS = 0
    settings.RECOMMENDER_FALLBACK_SECONDS = 0
    serving.holder.reset()
    yield
    serving.holder.reset()


class World:
    def __init__(self, municipality):
        self.municipality = municipality
        self.org = make_organization(municipality)
        self.sports = Category.objects.create(slug="sports", name_fi="Liikunta", name_sv="Idrott", name_en="Sports")
        self.climbing = Category.objects.create(
            slug="climbing", parent=self.sports, name_fi="Kiipeily", name_sv="Klättring", name_en="Climbing"
        )
        self.football = Category.objects.create(
            slug="football", parent=self.sports, name_fi="Jalkapallo", name_sv="Fotboll", name_en="Football"
        )
        self.music = Category.objects.create(slug="music", name_fi="Musiikki", name_sv="Musik", name_en="Music")
        self.venues = itertools.count()
        self.by_category: dict[str, list[Hobby]] = {"climbing": [], "football": [], "music": []}
        for name, category, words in (
            ("climbing", self.climbing, ("Boulderointi", "Kiipeilykoulu", "Seinäkiipeily", "Köysikiipeily")),
            ("football", self.football, ("Futiskerho", "Jalkapallokoulu", "Futsal", "Tyttöjen futis")),
            ("music", self.music, ("Bändikoulu", "Kuoro", "Rumpukurssi", "Kitarakerho")),
        ):
            for i, title in enumerate(words):
                self.by_category[name].append(
                    self.hobby(title, category, ages=(12, 17) if i % 2 == 0 else (13, 15), km_east=i)
                )
        # never suggested: a draft, a hobby whose sessions are all past, one far away, one for adults
        self.draft = self.hobby("Luonnos: kiipeily", self.climbing, live=False)
        self.past = self.hobby("Mennyt kiipeilyleiri", self.climbing, upcoming=False)
        self.far = self.hobby("Tampereen kiipeily", self.climbing, at=FAR)
        self.adults = self.hobby("Aikuisten kiipeily", self.climbing, ages=(18, 99))
        self.open_use = self.hobby("Skeittipuisto", self.sports, upcoming=False, open_use=True)

    def hobby(self, title, category, *, ages=(12, 17), live=True, upcoming=True, at=HOME, km_east=0, **fields):
        n = next(self.venues)
        venue = Venue.objects.create(
            name_fi=f"Paikka {n}",
            municipality=self.municipality,
            latitude=at[0],
            longitude=at[1] + km_east / 55.0,
        )
        hobby = make_hobby(
            self.org,
            categories=[category],
            title_fi=title,
            summary_fi=f"{title} nuorille.",
            age_min=ages[0],
            age_max=ages[1],
            venue=venue,
            municipality=self.municipality,
            live=live,
            first_published_at=timezone.now() - dt.timedelta(days=60) if live else None,
            **fields,
        )
        make_session(hobby, starts_in=dt.timedelta(days=3) if upcoming else -dt.timedelta(days=3))
        Hobby.objects.filter(pk=hobby.pk).update(
            next_session_start=timezone.now() + dt.timedelta(days=3) if upcoming else None
        )
        hobby.refresh_from_db()
        return hobby

    def bad(self) -> set[int]:
        return {self.draft.pk, self.past.pk}


@pytest.fixture
def world(municipality) -> World:
    return World(municipality)


def crowd(world: World, devices: int = 30) -> None:
    """Devices that like climbing save the first two climbing hobbies together; others play football."""
    climbing, football = world.by_category["climbing"], world.by_category["football"]
    for n in range(devices):
        device = Device.objects.create(token_hash=f"crowd-{n}", age_group="13-15")
        liked = climbing[:2] if n % 3 else football[:2]
        for hobby in liked:
            Favourite.objects.create(device=device, hobby=hobby)
            Interaction.objects.create(device=device, hobby=hobby, kind=Interaction.Kind.VIEW)


def ids(suggestions) -> list[int]:
    return [s.hobby.pk for s in suggestions]


# --- constraints and states ------------------------------------------------------------------------------------


def test_without_any_model_or_device_the_fallback_suggests_public_bookable_hobbies(world):
    suggestions = recommend(first=50)
    assert serving.holder.version is None  # nothing trained: content + popularity fitted on the fly
    assert suggestions and not set(ids(suggestions)) & world.bad()
    assert world.open_use.pk in ids(suggestions)  # open use counts as bookable without sessions
    assert all(s.reason.code for s in suggestions)


@pytest.mark.parametrize("trained", [False, True])
def test_constraints_hold_for_age_and_radius(world, trained):
    crowd(world)
    if trained:
        train()
    for age in (12, 14, 16, 18, 40):
        for suggestion in recommend(age=age, first=50):
            assert suggestion.hobby.age_min <= age <= suggestion.hobby.age_max
    near = Near(HOME[0], HOME[1], 2.5)
    found = recommend(near=near, first=50)
    assert found and world.far.pk not in ids(found)
    for suggestion in found:
        venue = suggestion.hobby.venue
        assert distance_km(near.lat, near.lon, venue.latitude, venue.longitude) <= near.radius_km
        assert suggestion.hobby.pk not in world.bad()


def test_interests_only_put_that_category_first_with_its_reason(world):
    suggestions = recommend(interests=[world.music.pk], age=14, first=5)
    top = suggestions[:2]
    assert all(world.music in s.hobby.categories.all() for s in top)
    assert top[0].reason.code == "interest" and top[0].reason.params["category_id"] == world.music.pk


def test_never_empty_while_something_fits(world):
    Hobby.objects.exclude(pk=world.far.pk).update(live=False)
    assert ids(recommend(first=5)) == [world.far.pk]
    assert recommend(near=Near(HOME[0], HOME[1], 5), first=5) == []  # and nothing when nothing fits


def test_hobbies_newer_than_the_model_fill_the_list(world):
    train()
    newcomer = world.hobby("Uusi parkour-ryhmä", world.sports)
    Hobby.objects.filter(pk=newcomer.pk).update(first_published_at=timezone.now())
    suggestions = recommend(first=50)
    assert newcomer.pk in ids(suggestions)
    assert next(s for s in suggestions if s.hobby.pk == newcomer.pk).reason.code == "new"


def test_a_hobby_that_ends_after_training_is_no_longer_suggested(world):
    train()
    gone = world.by_category["music"][0]
    assert gone.pk in ids(recommend(interests=[world.music.pk], first=50))
    Hobby.objects.filter(pk=gone.pk).update(next_session_start=None)
    assert gone.pk not in ids(recommend(interests=[world.music.pk], first=50))


def test_a_device_with_history_gets_similar_hobbies_explained(world, client):
    crowd(world)
    train()
    device = Device.objects.create(token_hash="me", age_group="13-15")
    first_climbing, second_climbing = world.by_category["climbing"][:2]
    Favourite.objects.create(device=device, hobby=first_climbing)
    suggestions = recommend(device=device, first=5)
    assert suggestions[0].hobby == second_climbing
    assert suggestions[0].reason.code == "similar" and suggestions[0].reason.params["item_id"] == first_climbing.pk
    assert first_climbing.pk not in ids(suggestions)  # already saved


def test_an_opted_out_device_gets_non_personal_suggestions(world):
    crowd(world)
    train()
    device = Device.objects.create(token_hash="private", age_group="13-15", personalisation=False)
    device.interests.set([world.music])
    Favourite.objects.create(device=device, hobby=world.by_category["climbing"][0])
    personal = recommend(device=device, first=8)
    anonymous = recommend(first=8)
    assert ids(personal) == ids(anonymous)
    assert not {s.reason.code for s in personal} & {"similar", "interest"}


def test_a_fresh_device_with_interests_gets_them(world):
    device = Device.objects.create(token_hash="fresh", age_group="16-17")
    device.interests.set([world.football])
    suggestions = recommend(device=device, first=3)
    assert suggestions[0].reason.code == "interest"
    assert all(s.hobby.age_min <= 17 and s.hobby.age_max >= 16 for s in suggestions)


# --- training, saving and reloading -------------------------------------------------------------------------


def test_training_saves_versions_that_running_processes_pick_up(world, settings):
    crowd(world)
    first = train()
    assert first.version == "000001" and first.users == 30 and first.items == len(Hobby.objects.filter(live=True))
    recommend(first=1)
    assert serving.holder.version == "000001"
    newcomer = world.hobby("Uusi kiipeilyryhmä", world.climbing)
    second = train(evaluate_model=False)
    assert second.version == "000002"
    recommend(first=1)  # the next request reloads (RECOMMENDER_RELOAD_SECONDS = 0 here)
    assert serving.holder.version == "000002" and newcomer.pk in serving.holder.model.catalogue_.ids
    files = sorted(p.name for p in settings.RECOMMENDER_MODEL_DIR.iterdir())
    assert "model-000002.npz" in files and "model-000002.json" in files


def test_a_broken_model_file_keeps_the_previous_model(world, settings):
    train(evaluate_model=False)
    recommend(first=1)
    (settings.RECOMMENDER_MODEL_DIR / "model-000002.npz").write_bytes(b"not a model")
    (settings.RECOMMENDER_MODEL_DIR / "model-000002.json").write_text("{}")
    (settings.RECOMMENDER_MODEL_DIR / "LATEST").write_text("000002")
    assert recommend(first=3)
    assert serving.holder.version == "000001"


def test_train_command_and_nightly_task(world):
    crowd(world)
    out = io.StringIO()
    call_command("train_recommender", stdout=out)
    text = out.getvalue()
    assert "popularity (baseline)" in text and "random (baseline)" in text and "hybrid" in text
    assert "Recommender model 000001 saved: 16 hobbies, 30 devices, 120 interactions" in text
    from backend.recommendations.tasks import train_recommender

    assert train_recommender.delay().get().startswith("Recommender model 000002")


def test_evaluate_command_on_a_synthetic_population():
    out = io.StringIO()
    call_command("evaluate_recommender", "--items", "200", "--devices", "400", "--interactions", "6000", stdout=out)
    text = out.getvalue()
    assert text.startswith("SYNTHETIC") and "popularity (baseline)" in text and "HR@10" in text
    with pytest.raises(CommandError, match="--items must be a positive number"):
        call_command("evaluate_recommender", "--items", "0", stdout=io.StringIO())


# --- the API ---------------------------------------------------------------------------------------------------

QUERY = """
query($first: Int, $age: Int, $near: NearInput, $interests: [ID!], $lang: Language) {
  recommendations(first: $first, age: $age, near: $near, interests: $interests, lang: $lang) {
    hobby { id title { text } ageMin ageMax }
    reason { code text category { id slug } hobby { id title { text } } }
  }
}
"""


def test_api_stateless_with_reasons_in_each_language(world, client):
    for lang, words in (("EN", "Because you like"), ("SV", "Eftersom du gillar"), ("FI", "Koska pidät")):
        body = gql(client, QUERY, {"first": 4, "age": 14, "interests": [str(world.climbing.pk)], "lang": lang})
        assert "errors" not in body, body
        items = body["data"]["recommendations"]
        assert len(items) == 4
        top = items[0]
        assert top["reason"]["code"] == "INTEREST" and top["reason"]["category"]["slug"] == "climbing"
        assert top["reason"]["text"].startswith(words), top["reason"]["text"]
        assert all(item["hobby"]["ageMin"] <= 14 <= item["hobby"]["ageMax"] for item in items)


def test_api_for_a_device_with_a_saved_hobby(world, client):
    crowd(world)
    train(evaluate_model=False)
    token, _device = register(client, language="EN")
    saved = world.by_category["climbing"][0]
    Favourite.objects.create(device=Device.objects.exclude(token_hash__startswith="crowd-").get(), hobby=saved)
    body = gql(client, QUERY, {"first": 3}, token=token, HTTP_ACCEPT_LANGUAGE="en")
    top = body["data"]["recommendations"][0]
    assert top["reason"]["code"] == "SIMILAR" and top["reason"]["hobby"]["id"] == str(saved.pk)
    assert top["reason"]["text"] == f"Similar to {saved.title_fi}, which you saved"


def test_api_rejects_bad_arguments_with_typed_errors(world, client):
    cases = [
        ({"first": 51}, "OUT_OF_RANGE"),
        ({"age": 3}, "OUT_OF_RANGE"),
        ({"near": {"lat": 60.1, "lon": 24.9, "radiusKm": 500}}, "OUT_OF_RANGE"),
        ({"interests": ["999999"]}, "NOT_FOUND"),
        ({"interests": ["not-an-id"]}, "NOT_FOUND"),
    ]
    for variables, code in cases:
        body = gql(client, QUERY, variables, HTTP_ACCEPT_LANGUAGE="en")
        assert top_codes(body) == [code], (variables, body)
    body = gql(client, QUERY, {}, token="forged-token")
    assert top_codes(body) == ["UNAUTHENTICATED"]


def test_similar_hobbies_use_the_model(world, client):
    crowd(world)
    train(evaluate_model=False)
    first_climbing, second_climbing = world.by_category["climbing"][:2]
    body = gql(
        client, "query($id: ID!) { hobby(id: $id) { similarHobbies(first: 3) { id } } }", {"id": first_climbing.pk}
    )
    similar = [int(h["id"]) for h in body["data"]["hobby"]["similarHobbies"]]
    assert similar[0] == second_climbing.pk and len(similar) == 3
    assert not set(similar) & world.bad()


def test_api_queries_do_not_grow_with_the_page(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    crowd(world)
    train(evaluate_model=False)
    token, _device = register(client)
    Favourite.objects.create(device=Device.objects.get(token_hash__regex=r"^[0-9a-f]{64}$"), hobby=world.far)
    counts = []
    for first in (2, 10):
        gql(client, QUERY, {"first": first}, token=token)  # warm: the model is loaded
        with CaptureQueriesContext(connection) as queries:
            body = gql(client, QUERY, {"first": first}, token=token)
        assert len(body["data"]["recommendations"]) == first
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[1] <= 12, counts
