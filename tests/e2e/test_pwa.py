"""The PWA end to end: Debian's Chromium at a phone's size against the live server with the demo data.

One teenager's path through the app — first run → suggestions → search with filters → detail → favourite →
redeem a benefit → answer "How did it go?" → a sign-up click (no second rating) → offline reload (the shell,
favourites and the code still show) → switch language → show and delete my data — once with touch/mouse and once
by keyboard only. Every screen is checked with axe-core (WCAG 2.1
A/AA and best practices) and photographed at 360×780 into test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import PHONE, close_context, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Axe()
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


@pytest.fixture
def demo(settings, tmp_path):
    """The demo content and a recommender trained on it (the app's "For you" needs both)."""
    from backend.demo import load_demo
    from backend.recommendations import serving
    from backend.recommendations.training import train

    settings.RECOMMENDER_MODEL_DIR = tmp_path / "models"
    load_demo()
    train(evaluate_model=False)
    serving.holder.reset()
    yield
    serving.holder.reset()


@pytest.fixture
def app(browser, live_server, demo):
    context = browser.new_context(viewport=PHONE, locale="fi-FI", service_workers="allow")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.base = live_server.url  # type: ignore[attr-defined]
    yield page
    close_context(context)
    assert not errors, errors


def check(page, name: str) -> None:
    """No axe violations on this screen, nothing wider than the phone, and a screenshot.

    Waits for the screen to settle first: while a list reloads, its old items are dimmed (aria-busy), which is a
    passing state, not the screen a teenager reads."""
    page.wait_for_function("!document.querySelector('[aria-busy=\"true\"]')")
    results = AXE.run(page, options=AXE_OPTIONS)
    screenshot(page, name)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name


def heading(page):
    return page.locator("main h1")


def tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until ``locator`` has the keyboard focus (as a person using only a keyboard would)."""
    target = locator.first
    target.wait_for()
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement || el.contains(document.activeElement)"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {locator} with Tab")


class Touch:
    """Acts on controls the way a finger (or a mouse) does."""

    def __init__(self, page):
        self.page = page

    def press(self, locator) -> None:
        locator.first.click()

    def choose(self, locator) -> None:
        locator.first.click()  # a radio button, or the label of a check box drawn as a chip

    def type(self, locator, text: str) -> None:
        locator.first.fill(text)

    def select(self, locator, value: str) -> None:
        locator.first.select_option(value)


class Keyboard(Touch):
    """Reaches every control with Tab and works it with Enter, Space or typing; never clicks."""

    def press(self, locator) -> None:
        tab_to(self.page, locator)
        self.page.keyboard.press("Enter")

    def choose(self, locator) -> None:
        target = locator.first
        target.wait_for()
        radio_group = target.evaluate(
            "el => { const i = el.matches('input') ? el : el.querySelector('input');"
            " return i && i.type === 'radio' ? i.name : null; }"
        )
        if radio_group is None:
            tab_to(self.page, locator)
            self.page.keyboard.press("Space")
            return
        # Tab enters a radio group once; the arrow keys move (and choose) within it
        in_group = f"document.activeElement && document.activeElement.name === {radio_group!r}"
        for _ in range(80):
            if self.page.evaluate(in_group):
                break
            self.page.keyboard.press("Tab")
        for _ in range(12):
            if target.evaluate("el => el.contains(document.activeElement) || el === document.activeElement"):
                break
            self.page.keyboard.press("ArrowDown")
        self.page.keyboard.press("Space")
        assert target.evaluate("el => (el.matches('input') ? el : el.querySelector('input')).checked")

    def type(self, locator, text: str) -> None:
        tab_to(self.page, locator)
        self.page.keyboard.type(text)

    def select(self, locator, value: str) -> None:
        tab_to(self.page, locator)
        self.page.keyboard.type(value)  # a focused list box picks the option that starts with what is typed


def first_run(page, act: Touch, tag: str) -> None:
    page.goto(page.base + "/")
    page.wait_for_url("**/welcome")
    assert heading(page).inner_text() == "Tervetuloa Harrastuspassiin!"
    assert page.locator("html").get_attribute("lang") == "fi"
    check(page, f"pwa-{tag}-welcome")
    act.press(page.get_by_role("button", name="Seuraava"))  # language: Finnish, as the browser says
    act.choose(page.get_by_role("radio", name=re.compile("13–15")))
    act.press(page.get_by_role("button", name="Seuraava"))
    page.get_by_role("group").locator("label.chip").first.wait_for()
    check(page, f"pwa-{tag}-welcome-interests")
    act.choose(page.locator("label.chip").filter(has_text=re.compile("Liikunta|Musiikki")))
    act.press(page.get_by_role("button", name="Seuraava"))
    act.press(page.get_by_role("button", name="Näytä harrastukset"))
    page.wait_for_url(re.compile(r".*/$"))


def home(page, tag: str) -> None:
    for_you = page.locator("section[aria-labelledby='for-you-title']")
    for_you.locator(".card-reason").first.wait_for()
    assert for_you.locator(".card-reason").first.inner_text().strip()  # each suggestion says why
    assert for_you.locator("article").count() >= 3
    assert heading(page).inner_text() == "Löydä oma harrastus"
    check(page, f"pwa-{tag}-home")


def find_and_save(page, act: Touch, tag: str) -> str:
    """Search by words and filters, open a result, save it as a favourite; returns its title."""
    nav(page, act, "Haku")
    page.locator("main h1", has_text="Hae harrastuksia").wait_for()
    act.type(page.get_by_label("Hakusanat"), "tanssi")
    page.get_by_test_id("search-results").locator("article").first.wait_for()
    check(page, f"pwa-{tag}-search")
    act.press(page.get_by_role("button", name=re.compile("^Rajaa hakua")))
    sheet = page.get_by_test_id("filter-sheet")
    sheet.get_by_label("Ikä").wait_for()
    check(page, f"pwa-{tag}-search-filters")
    act.select(sheet.get_by_label("Ikä"), "14")
    act.press(sheet.get_by_role("button", name="Näytä tulokset"))
    page.get_by_test_id("active-filters").wait_for()
    page.wait_for_function("location.search.includes('age=14')")
    results = page.get_by_test_id("search-results")
    results.locator("article").first.wait_for()
    check(page, f"pwa-{tag}-search-filtered")
    link = results.locator("article a.card-link").first
    title = link.inner_text().strip()
    act.press(link)
    page.wait_for_url("**/hobbies/*")
    page.locator("main h1", has_text=title).wait_for()
    page.get_by_role("heading", name="Milloin").wait_for()
    check(page, f"pwa-{tag}-hobby")
    act.press(page.get_by_test_id("favourite"))
    page.get_by_text("Tallennettu suosikkeihin.").wait_for()
    assert page.get_by_test_id("favourite").get_attribute("aria-pressed") == "true"
    return title


def nav(page, act: Touch, name: str) -> None:
    act.press(page.get_by_role("navigation").get_by_role("link", name=name))


def redeem(page, act: Touch, tag: str) -> str:
    nav(page, act, "Edut")
    page.locator("main h1", has_text="Edut").wait_for()
    page.get_by_role("button", name="Käytä etu").first.wait_for()
    check(page, f"pwa-{tag}-benefits")
    act.press(page.get_by_role("button", name="Käytä etu"))
    dialog = page.get_by_test_id("redeem-dialog")
    dialog.get_by_text("Käytetäänkö etu nyt?").wait_for()
    check(page, f"pwa-{tag}-redeem-confirm")
    act.press(dialog.get_by_role("button", name="Käytä nyt"))
    code = dialog.get_by_test_id("redemption-code")
    code.wait_for()
    value = code.get_attribute("data-code")
    assert value and re.fullmatch(r"[A-Z0-9]{8}", value)
    check(page, f"pwa-{tag}-redeem-code")
    act.press(page.get_by_role("button", name="Valmis"))
    page.get_by_test_id(f"code-{value}").wait_for()
    return value


def rate_after_redeeming(page, act: Touch, tag: str, code: str) -> None:
    """The one-question rating after the redemption: a card (not a dialog) announced in a live region while the
    focus stays on the codes; answered with the stars and Send, then thanks and Close."""
    from backend.benefits.models import Redemption
    from backend.feedback.models import Feedback

    card = page.get_by_role("region", name="Miten meni?")
    card.wait_for()
    assert card.evaluate("el => el.tagName") == "SECTION" and not card.evaluate("el => !!el.closest('dialog')")
    status = page.locator(".rating-slot [role=status]")
    assert status.text_content() == "Miten meni? Voit antaa tähtiä näytön alareunassa."
    assert page.evaluate("document.activeElement.id") == "my-codes-title"  # not stolen by the card
    check(page, f"pwa-{tag}-rating")
    stars = card.get_by_role("radiogroup", name="Miten meni?")
    assert stars.get_by_role("radio").count() == 5
    act.choose(stars.locator("label").filter(has=page.get_by_role("radio", name="4 tähteä – hyvä")))
    assert stars.get_by_role("radio", name="4 tähteä – hyvä").is_checked()
    before = Feedback.objects.count()  # the demo has feedback of its own
    act.press(card.get_by_role("button", name="Lähetä"))
    card.get_by_text("Kiitos! Vastauksesi auttaa").wait_for()
    check(page, f"pwa-{tag}-rating-thanks")
    assert Feedback.objects.count() == before + 1
    feedback = Feedback.objects.latest("pk")  # anonymous, about the benefit's hobby
    assert (feedback.rating, feedback.channel, feedback.text) == (4, Feedback.Channel.WEB, "")
    assert feedback.hobby_id == Redemption.objects.get(code=code).benefit.hobby_id
    act.press(card.get_by_role("button", name="Sulje"))
    card.wait_for(state="detached")


def join_click_without_second_rating(page, act: Touch) -> None:
    """A sign-up click is a completed action too, but the rating was just shown: it does not come again."""
    from backend.devices.models import Interaction
    from backend.hobbies.services import public_hobbies

    hobby = public_hobbies().exclude(registration_url="").order_by("pk").first()
    # the organizer's sign-up page is another site: answer it here
    page.context.route(re.compile(r"^https://www\."), lambda route: route.fulfill(body="<title>Sign-up</title>"))
    page.goto(f"{page.base}/hobbies/{hobby.pk}")
    link = page.get_by_role("link", name=re.compile("^Ilmoittaudu"))
    link.wait_for()
    with page.context.expect_page() as sign_up:
        act.press(link)
    sign_up.value.close()
    for _ in range(50):
        if Interaction.objects.filter(hobby=hobby, kind=Interaction.Kind.JOIN_CLICK).exists():
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the join click was not recorded")
    page.wait_for_timeout(300)
    assert page.get_by_test_id("rating-card").count() == 0
    assert page.locator(".rating-slot [role=status]").text_content() == ""


def offline_reload(page, code: str, favourite_title: str, tag: str) -> None:
    """The shell, the favourites and the redeemed code still show after a reload without a network."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.context.set_offline(True)
    try:
        page.goto(page.base + "/favourites")
        page.locator("main h1", has_text="Suosikit").wait_for()
        page.get_by_text(favourite_title).first.wait_for()
        page.goto(page.base + "/benefits")
        page.get_by_test_id(f"code-{code}").wait_for()
        page.locator(".offline-banner").wait_for()  # the unobtrusive offline notice
        screenshot(page, f"pwa-{tag}-offline")
    finally:
        page.context.set_offline(False)


def settings_language_and_data(page, act: Touch, tag: str) -> None:
    nav(page, act, "Asetukset")
    page.locator("main h1", has_text="Asetukset").wait_for()
    check(page, f"pwa-{tag}-settings")
    act.choose(page.get_by_role("radio", name="Svenska"))
    page.wait_for_function("document.documentElement.lang === 'sv'")
    page.locator("main h1", has_text="Inställningar").wait_for()
    assert page.get_by_role("navigation").get_by_role("link", name="Sök").count() == 1
    act.press(page.get_by_role("button", name="Visa mina uppgifter"))
    my_data = page.get_by_test_id("my-data")
    my_data.wait_for()
    assert "favourites" in my_data.inner_text() or "favoriter" in my_data.inner_text().lower()
    check(page, f"pwa-{tag}-my-data")
    act.press(page.get_by_role("button", name="Radera mina uppgifter"))
    dialog = page.get_by_test_id("delete-dialog")
    dialog.wait_for()
    act.press(dialog.get_by_role("button", name="Radera allt"))
    page.wait_for_url("**/welcome")
    assert page.evaluate("localStorage.length") == 0


@pytest.mark.parametrize("mode", ["touch", "keyboard"])
def test_a_teenagers_path_through_the_app(app, mode):
    from backend.devices.models import Device

    act = Keyboard(app) if mode == "keyboard" else Touch(app)
    first_run(app, act, mode)
    home(app, mode)
    title = find_and_save(app, act, mode)
    nav(app, act, "Suosikit")
    app.get_by_text(title).first.wait_for()
    check(app, f"pwa-{mode}-favourites")
    code = redeem(app, act, mode)
    rate_after_redeeming(app, act, mode, code)
    join_click_without_second_rating(app, act)
    offline_reload(app, code, title, mode)
    registered = Device.objects.exclude(token_hash__startswith="demo-device-")
    assert registered.count() == 1
    settings_language_and_data(app, act, mode)
    assert not Device.objects.exclude(token_hash__startswith="demo-device-").exists()  # deleted on the server too
