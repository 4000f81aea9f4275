"""The hobby listing and detail of the GraphQL API: filters, text search, ordering, paging, languages, SQL cost."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.hobbies.models import Category, Hobby, Municipality, Venue

from .conftest import make_hobby, make_organization, make_session

LIST = """
query($text: String, $near: NearInput, $filter: HobbyFilterInput, $orderBy: HobbyOrder, $first: Int, $after: String,
      $lang: Language) {
  hobbies(text: $text, near: $near, filter: $filter, orderBy: $orderBy, first: $first, after: $after, lang: $lang) {
    totalCount
    edges { cursor node { id title { text language } distanceKm nextSessionStart } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def gql(client, query, variables=None, **headers):
    response = client.post(
        "/graphql", {"query": query, "variables": variables or {}}, content_type="application/json", **headers
    )
    assert response.status_code == 200, response.content
    return response.json()


def titles(client, **variables):
    body = gql(client, LIST, variables)
    assert "errors" not in body, body
    return [edge["node"]["title"]["text"] for edge in body["data"]["hobbies"]["edges"]]


def error_code(body):
    assert body.get("errors"), body
    return body["errors"][0]["extensions"]["code"]


@pytest.fixture
def world(db, municipality, organization):
    """A small city: football and climbing in the centre, a skate park far away, a draft and a taken-down hobby."""
    sports = Category.objects.create(slug="sports", name_fi="Urheilu", name_sv="Idrott", name_en="Sports")
    football = Category.objects.create(
        slug="football",
        parent=sports,
        name_fi="Jalkapallo",
        name_sv="Fotboll",
        name_en="Football",
        synonyms_fi="futis, fudis",
    )
    climbing = Category.objects.create(
        slug="climbing", parent=sports, name_fi="Kiipeily", name_sv="Klättring", name_en="Climbing"
    )
    arts = Category.objects.create(slug="arts", name_fi="Taide", name_sv="Konst", name_en="Arts")
    centre = Venue.objects.create(
        name_fi="Kallion kenttä",
        municipality=municipality,
        latitude=60.1841,
        longitude=24.9494,
        wheelchair_accessible=True,
    )
    far = Venue.objects.create(
        name_fi="Vuosaaren skeittipuisto", municipality=municipality, latitude=60.2090, longitude=25.1430
    )
    climbing_club = make_organization(municipality, name="Kiipeilyseura Köysi")
    h = {}
    h["football"] = make_hobby(
        organization,
        title_fi="Jalkapallokerho",
        title_sv="Fotbollsklubb",
        summary_fi="Pelataan yhdessä.",
        venue=centre,
        categories=[football],
        age_min=10,
        age_max=14,
        instruction_languages=",fi,sv,",
        level=Hobby.Level.BEGINNER,
    )
    h["girls"] = make_hobby(
        organization,
        title_fi="Tyttöjen futsal",
        summary_fi="Sisäfutista tytöille.",
        venue=centre,
        categories=[football],
        age_min=13,
        age_max=17,
        price_kind="paid",
        price_amount=Decimal("20.00"),
        price_unit="month",
        level=Hobby.Level.ADVANCED,
    )
    h["climbing"] = make_hobby(
        climbing_club,
        title_fi="Boulderointi nuorille",
        title_en="Bouldering for teens",
        summary_fi="Kiipeilyä ilman köysiä.",
        venue=centre,
        categories=[climbing],
        age_min=12,
        age_max=17,
        trial_session=True,
        price_kind="paid",
        price_amount=Decimal("45.00"),
        price_unit="term",
        instruction_languages=",fi,en,",
    )
    h["skate"] = make_hobby(
        organization,
        title_fi="Skeittipuisto",
        summary_fi="Avoin käyttö.",
        venue=far,
        categories=[sports],
        open_use=True,
        age_min=7,
        age_max=99,
    )
    h["drawing"] = make_hobby(
        organization,
        title_fi="Piirustuskurssi",
        summary_fi="Piirretään.",
        description_fi="Öljyvärit ja hiilet.",
        categories=[arts],
        age_min=12,
        age_max=16,
    )
    h["draft"] = make_hobby(organization, title_fi="Jalkapallo luonnos", categories=[football], live=False)
    h["removed"] = make_hobby(organization, title_fi="Jalkapallo poistettu", categories=[football])
    Hobby.objects.filter(pk=h["removed"].pk).update(taken_down_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    # Tuesday 17:30 and Saturday 10:00 (Helsinki) next week
    make_session(h["football"], starts_in=dt.timedelta(days=2))
    make_session(h["climbing"], starts_in=dt.timedelta(days=5))
    make_session(h["girls"], starts_in=dt.timedelta(days=1))
    for hobby in h.values():
        hobby.refresh_from_db()
    return {
        "hobbies": h,
        "football": football,
        "sports": sports,
        "climbing": climbing,
        "arts": arts,
        "centre": centre,
        "far": far,
    }


def test_only_public_hobbies_are_listed(client, world):
    listed = titles(client, first=50)
    assert "Jalkapallo luonnos" not in listed and "Jalkapallo poistettu" not in listed
    assert set(listed) == {
        "Jalkapallokerho",
        "Tyttöjen futsal",
        "Boulderointi nuorille",
        "Skeittipuisto",
        "Piirustuskurssi",
    }


def test_default_order_is_next_session_with_open_use_last(client, world):
    listed = titles(client)
    assert listed[:3] == ["Tyttöjen futsal", "Jalkapallokerho", "Boulderointi nuorille"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jalkap", {"Jalkapallokerho", "Tyttöjen futsal"}),  # a prefix of the category name
        ("JALKAPALLOKERHO", {"Jalkapallokerho"}),  # case
        ("tytto", {"Tyttöjen futsal"}),  # umlauts typed without them
        ("fotboll", {"Jalkapallokerho", "Tyttöjen futsal"}),  # Swedish category name
        ("football", {"Jalkapallokerho", "Tyttöjen futsal"}),  # English category name
        ("futis", {"Jalkapallokerho", "Tyttöjen futsal"}),  # a synonym
        ("boulder", {"Boulderointi nuorille"}),
        ("bouldering teens", {"Boulderointi nuorille"}),  # every word, English title
        ("köysi", {"Boulderointi nuorille"}),  # the organization's name
        ("kallion", {"Jalkapallokerho", "Tyttöjen futsal", "Boulderointi nuorille"}),  # the venue's name
        ("oljyvari", {"Piirustuskurssi"}),  # the description
        ("urheilu", {"Jalkapallokerho", "Tyttöjen futsal", "Boulderointi nuorille", "Skeittipuisto"}),  # parent
        ("shakki", set()),
    ],
)
def test_text_search(client, world, text, expected):
    assert set(titles(client, text=text, first=50)) == expected


def test_text_search_ranks_title_matches_first(client, world):
    # "jalkapallo" is in one title and in both hobbies' category: the title match ranks first
    assert titles(client, text="jalkapallokerho futis")[0] == "Jalkapallokerho"
    listed = titles(client, text="jalkapallo")
    assert listed[0] == "Jalkapallokerho"


def test_punctuation_only_text_does_not_filter(client, world):
    assert len(titles(client, text="!!! ???", first=50)) == 5


def test_search_follows_edits(client, world):
    hobby = world["hobbies"]["drawing"]
    hobby.title_fi = "Sarjakuvapaja"
    hobby.save()
    assert titles(client, text="sarjakuva") == ["Sarjakuvapaja"]
    world["arts"].synonyms_en = "comics"
    world["arts"].save()
    assert titles(client, text="comics") == ["Sarjakuvapaja"]


def test_category_filter_includes_descendants(client, world):
    sports = str(world["sports"].pk)
    assert set(titles(client, filter={"categories": [sports]}, first=50)) == {
        "Jalkapallokerho",
        "Tyttöjen futsal",
        "Boulderointi nuorille",
        "Skeittipuisto",
    }
    assert set(titles(client, filter={"categories": [str(world["climbing"].pk)]})) == {"Boulderointi nuorille"}


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"age": 11}, {"Jalkapallokerho", "Skeittipuisto"}),
        ({"age": 16}, {"Tyttöjen futsal", "Boulderointi nuorille", "Skeittipuisto", "Piirustuskurssi"}),
        ({"freeOnly": True}, {"Jalkapallokerho", "Skeittipuisto", "Piirustuskurssi"}),
        ({"maxPrice": 30}, {"Jalkapallokerho", "Skeittipuisto", "Piirustuskurssi", "Tyttöjen futsal"}),
        ({"trialSession": True}, {"Boulderointi nuorille"}),
        ({"openUse": True}, {"Skeittipuisto"}),
        ({"beginnerFriendly": True}, {"Jalkapallokerho", "Boulderointi nuorille", "Skeittipuisto", "Piirustuskurssi"}),
        ({"languages": ["sv"]}, {"Jalkapallokerho"}),
        ({"languages": ["en", "sv"]}, {"Jalkapallokerho", "Boulderointi nuorille"}),
        (
            {"accessibility": {"wheelchairAccessible": True}},
            {"Jalkapallokerho", "Tyttöjen futsal", "Boulderointi nuorille"},
        ),
        ({"age": 13, "freeOnly": True, "categories": []}, {"Jalkapallokerho", "Skeittipuisto", "Piirustuskurssi"}),
    ],
)
def test_filters(client, world, filter_, expected):
    assert set(titles(client, filter=filter_, first=50)) == expected


def test_session_filters_combine_on_one_session(client, world):
    football = world["hobbies"]["football"]
    session = football.sessions.get()
    from zoneinfo import ZoneInfo

    local = session.start.astimezone(ZoneInfo("Europe/Helsinki"))
    weekday = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"][local.weekday()]
    at = f"{local.hour:02d}:{local.minute:02d}"
    assert "Jalkapallokerho" in titles(client, filter={"weekdays": [weekday], "timeFrom": at, "timeTo": at})
    # the same weekday but a time window that excludes this session
    later = f"{(local.hour + 1) % 24:02d}:{local.minute:02d}"
    if later > at:
        assert "Jalkapallokerho" not in titles(client, filter={"weekdays": [weekday], "timeFrom": later})
    day = local.date().isoformat()
    assert "Jalkapallokerho" in titles(client, filter={"dateFrom": day, "dateTo": day})
    next_day = (local.date() + dt.timedelta(days=1)).isoformat()
    assert "Jalkapallokerho" not in titles(client, filter={"dateFrom": next_day, "dateTo": next_day})
    # open-use hobbies have no sessions, so a session filter leaves them out
    assert "Skeittipuisto" not in titles(client, filter={"weekdays": [weekday]})


def test_municipality_filter(client, world, organization):
    espoo = Municipality.objects.create(code="049", slug="espoo", name_fi="Espoo")
    make_hobby(make_organization(espoo), title_fi="Espoon sähly")
    assert titles(client, filter={"municipalities": [str(espoo.pk)]}) == ["Espoon sähly"]


def test_near_filters_orders_and_gives_distance(client, world):
    body = gql(client, LIST, {"near": {"lat": 60.1841, "lon": 24.9494, "radiusKm": 20}, "first": 50})
    nodes = [e["node"] for e in body["data"]["hobbies"]["edges"]]
    assert [n["title"]["text"] for n in nodes][-1] == "Skeittipuisto"  # about 11 km away, ordered last
    assert nodes[0]["distanceKm"] == 0
    assert 10 < nodes[-1]["distanceKm"] < 13
    # the drawing course has no venue, so it is not "near" anything
    assert "Piirustuskurssi" not in [n["title"]["text"] for n in nodes]
    assert "Skeittipuisto" not in titles(client, near={"lat": 60.1841, "lon": 24.9494, "radiusKm": 5})
    plain = gql(client, LIST, {"first": 1})
    assert plain["data"]["hobbies"]["edges"][0]["node"]["distanceKm"] is None


def test_ordering_newest_and_distance_needs_near(client, world):
    assert titles(client, orderBy="NEWEST")[0] == "Piirustuskurssi"
    body = gql(client, LIST, {"orderBy": "DISTANCE"})
    assert error_code(body) == "INVALID_INPUT"


def test_paging_with_cursors_and_total_count(client, world):
    first = gql(client, LIST, {"first": 2})["data"]["hobbies"]
    assert first["totalCount"] == 5 and first["pageInfo"]["hasNextPage"] is True
    second = gql(client, LIST, {"first": 2, "after": first["pageInfo"]["endCursor"]})["data"]["hobbies"]
    third = gql(client, LIST, {"first": 2, "after": second["pageInfo"]["endCursor"]})["data"]["hobbies"]
    seen = [e["node"]["id"] for page in (first, second, third) for e in page["edges"]]
    assert len(seen) == len(set(seen)) == 5
    assert third["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"first": 51}, "OUT_OF_RANGE"),
        ({"first": -1}, "OUT_OF_RANGE"),
        ({"after": "not-a-cursor"}, "INVALID_INPUT"),
        ({"near": {"lat": 91, "lon": 24}}, "OUT_OF_RANGE"),
        ({"near": {"lat": 60, "lon": -181}}, "OUT_OF_RANGE"),
        ({"near": {"lat": 60, "lon": 24, "radiusKm": 5000}}, "OUT_OF_RANGE"),
        ({"near": {"lat": 60, "lon": 24, "radiusKm": 0}}, "OUT_OF_RANGE"),
        ({"filter": {"age": 150}}, "OUT_OF_RANGE"),
        ({"filter": {"age": -3}}, "OUT_OF_RANGE"),
        ({"filter": {"categories": ["999999"]}}, "NOT_FOUND"),
        ({"filter": {"categories": ["football"]}}, "INVALID_INPUT"),
        ({"filter": {"timeFrom": "25:99"}}, "INVALID_INPUT"),
        ({"filter": {"dateFrom": "2026-12-10", "dateTo": "2026-12-01"}}, "INVALID_INPUT"),
        ({"filter": {"languages": ["finnish!"]}}, "INVALID_INPUT"),
        ({"filter": {"maxPrice": -1}}, "OUT_OF_RANGE"),
        ({"text": "x" * 500}, "OUT_OF_RANGE"),
    ],
)
def test_bad_arguments_get_typed_errors(client, world, variables, code):
    body = gql(client, LIST, variables)
    assert error_code(body) == code
    assert body["errors"][0]["message"]


DETAIL = """
query($id: ID!, $lang: Language) {
  hobby(id: $id, lang: $lang) {
    id title { text language } summary { text language }
    categories { slug name { text language } }
    ageMin ageMax level beginnerFriendly instructionLanguages
    price { kind amount unit details { text } }
    venue { name { text } latitude longitude directionsUrl
            accessibility { wheelchairAccessible inductionLoop details { text } } }
    organization { name email }
    municipality { code name { text language } }
    sessions(first: 5) { start end weekday }
    similarHobbies { title { text } }
    calendarUrl enrolmentOpen image { url }
  }
}
"""


def test_detail_with_language_fallback(client, world):
    climbing = world["hobbies"]["climbing"]
    body = gql(client, DETAIL, {"id": str(climbing.pk), "lang": "EN"})
    hobby = body["data"]["hobby"]
    assert hobby["title"] == {"text": "Bouldering for teens", "language": "en"}
    assert hobby["summary"] == {"text": "Kiipeilyä ilman köysiä.", "language": "fi"}  # only written in Finnish
    assert hobby["categories"][0]["name"] == {"text": "Climbing", "language": "en"}
    assert hobby["price"] == {"kind": "PAID", "amount": 45.0, "unit": "term", "details": {"text": ""}}
    assert hobby["venue"]["latitude"] == pytest.approx(60.1841)
    assert hobby["venue"]["accessibility"]["wheelchairAccessible"] is True
    assert hobby["venue"]["accessibility"]["inductionLoop"] is None  # not known
    assert len(hobby["sessions"]) == 1
    assert hobby["calendarUrl"].endswith(f"/hobbies/{climbing.pk}.ics?lang=en")
    assert hobby["instructionLanguages"] == ["fi", "en"]
    assert hobby["image"] is None


def test_language_from_accept_language_header(client, world):
    football = world["hobbies"]["football"]
    body = gql(client, DETAIL, {"id": str(football.pk)}, HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9,en;q=0.5")
    assert body["data"]["hobby"]["title"] == {"text": "Fotbollsklubb", "language": "sv"}
    assert body["data"]["hobby"]["municipality"]["name"] == {"text": "Helsingfors", "language": "sv"}


def test_similar_hobbies_share_categories_and_fit_the_age(client, world):
    football = world["hobbies"]["football"]
    body = gql(client, DETAIL, {"id": str(football.pk)})
    similar = [h["title"]["text"] for h in body["data"]["hobby"]["similarHobbies"]]
    assert similar == ["Tyttöjen futsal"]  # same category, overlapping ages; drafts and removed ones never


@pytest.mark.parametrize("key", ["draft", "removed"])
def test_detail_of_non_public_hobby_is_not_found(client, world, key):
    body = gql(client, DETAIL, {"id": str(world["hobbies"][key].pk)})
    assert error_code(body) == "NOT_FOUND"
    assert body["data"]["hobby"] is None


@pytest.mark.parametrize("bad_id", ["abc", "-1", "0", "1e5", "99999999999999999999999", ""])
def test_malformed_ids(client, world, bad_id):
    assert error_code(gql(client, DETAIL, {"id": bad_id})) == "INVALID_INPUT"


def test_category_tree_with_counts(client, world):
    query = "{ categories(rootsOnly: true, lang: SV) { slug hobbyCount name { text } children { slug hobbyCount } } }"
    body = gql(client, query)
    roots = {c["slug"]: c for c in body["data"]["categories"]}
    assert roots["sports"]["hobbyCount"] == 4  # football ×2, climbing, skate park; drafts/removed not counted
    assert roots["sports"]["name"]["text"] == "Idrott"
    assert {c["slug"]: c["hobbyCount"] for c in roots["sports"]["children"]} == {"football": 2, "climbing": 1}
    assert roots["arts"]["hobbyCount"] == 1
    # a newly published hobby shows in the counts at once
    make_hobby(world["hobbies"]["football"].organization, title_fi="Uusi", categories=[world["climbing"]])
    body = gql(client, query)
    assert {c["slug"]: c["hobbyCount"] for c in body["data"]["categories"]}["sports"] == 5


# --- constant SQL cost ---------------------------------------------------------------------------------------

LISTING_PAGE = """
query($first: Int) {
  hobbies(first: $first, text: "kerho", near: {lat: 60.17, lon: 24.94, radiusKm: 50},
          filter: {age: 13}) {
    totalCount
    edges { node {
      id title { text language } summary { text } distanceKm nextSessionStart
      price { kind amount } ageMin ageMax trialSession
      venue { name { text } latitude longitude accessibility { wheelchairAccessible } }
      organization { name } municipality { name { text } }
      categories { id slug name { text } }
      image { url alt { text } renditions { size url width height } }
    } }
  }
}
"""


def _many_hobbies(count: int, organization, venue, category, image):
    for i in range(count):
        hobby = make_hobby(
            organization,
            title_fi=f"Kerho {i}",
            venue=venue,
            categories=[category],
            age_min=10,
            age_max=16,
            image=image if i % 2 else None,
            image_alt_fi="Kuva" if i % 2 else "",
            image_url="" if i % 2 else "https://example.org/kuva.jpg",
        )
        make_session(hobby, starts_in=dt.timedelta(days=1 + i))


def _query_count(client, first: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        body = gql(client, LISTING_PAGE, {"first": first})
    assert "errors" not in body, body
    assert len(body["data"]["hobbies"]["edges"]) == first
    return len(queries)


def test_sql_queries_do_not_grow_with_the_page_size(client, organization, venue, category):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="kuva", file=get_test_image_file())
    _many_hobbies(55, organization, venue, category, image)
    _query_count(client, 50)  # renditions are generated once, on first use
    one, fifty = _query_count(client, 1), _query_count(client, 50)
    assert one == fifty
    assert fifty <= 6


def test_detail_lists_the_hobbys_active_benefits(client, world):
    from django.utils import timezone

    from backend.benefits.models import Benefit

    football = world["hobbies"]["football"]
    now = timezone.now()
    common = {"organization": football.organization, "hobby": football, "kind": Benefit.Kind.TRIAL}
    Benefit.objects.create(
        title_fi="Ilmainen kokeilu",
        valid_from=now - dt.timedelta(days=1),
        valid_until=now + dt.timedelta(days=9),
        live=True,
        **common,
    )
    Benefit.objects.create(
        title_fi="Vanhentunut",
        valid_from=now - dt.timedelta(days=9),
        valid_until=now - dt.timedelta(days=1),
        live=True,
        **common,
    )
    Benefit.objects.create(
        title_fi="Luonnos",
        valid_from=now - dt.timedelta(days=1),
        valid_until=now + dt.timedelta(days=9),
        live=False,
        **common,
    )
    body = gql(
        client, "query($id: ID!) { hobby(id: $id) { benefits { title { text } remaining } } }", {"id": str(football.pk)}
    )
    assert body["data"]["hobby"]["benefits"] == [{"title": {"text": "Ilmainen kokeilu"}, "remaining": None}]
