"""The demo handleiding against the real portal: every field, button and menu item it names is on a screen.

The manual spells the names of what a reader types in or clicks in bold. The
test walks a first login (sanne, with her one-time password) and the dossier
screens (marieke, henk), collects every label, button, link, heading and term
shown, and checks each bold name against them, so a renamed button or a field
that does not exist ("in het eerste veld") is caught.
"""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import BROWSER
from tests.e2e.helpers import ONE_TIME_PASSWORD, enter_password, enter_sms_code, log_in, request_sms_code

pytestmark = BROWSER

SHOWN = "label, button, a, h1, h2, h3, dt, legend, summary, th"
FIRST_LOGIN_CHAPTER = "De eerste keer: een eigen wachtwoord kiezen"


def manual():
    from home.models import ManualPage

    return ManualPage.objects.live().get()


def bold_names(html: str) -> set[str]:
    return {" ".join(name.split()) for name in re.findall(r"<b>(.*?)</b>", html, re.S)}


def chapter_html(chapter) -> str:
    return str(chapter["intro"].source) + "".join(str(step["text"].source) for step in chapter["steps"])


def names_on_screen(page: Page) -> set[str]:
    texts = page.locator(SHOWN).evaluate_all("elements => elements.map(el => el.innerText)")
    return {" ".join(text.split()) for text in texts if text and text.strip()}


def is_shown(name: str, shown: set[str]) -> bool:
    """Shown as the whole text of an element, or at its start (a button with a hidden suffix, a '›')."""
    return any(text == name or re.match(re.escape(name) + r"(\W|$)", text) for text in shown)


def test_every_field_and_button_the_manual_names_is_on_a_screen_of_the_portal(page):
    shown = set()
    for path in ["/", "/toegang-aanvragen/"]:
        page.goto(path)
        shown |= names_on_screen(page)

    page.goto("/mijn-dossier/")
    shown |= names_on_screen(page)
    enter_password(page, "sanne", ONE_TIME_PASSWORD)
    shown |= names_on_screen(page)
    code = request_sms_code(page, "sanne")
    shown |= names_on_screen(page)
    page.get_by_label("SMS-inlogcode").fill(code)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies uw eigen wachtwoord")
    shown |= names_on_screen(page)
    page.get_by_label("Nieuw wachtwoord").first.fill("Zonnedal-lente-2026")
    page.get_by_label("Nieuw wachtwoord nogmaals").fill("Zonnedal-lente-2026")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikersvoorwaarden")
    shown |= names_on_screen(page)
    page.context.clear_cookies()

    log_in(page, "marieke")
    menu = page.get_by_role("navigation", name="Onderdelen van MijnDossier").get_by_role("link")
    for path in [link.get_attribute("href") for link in menu.all()]:
        page.goto(path)
        shown |= names_on_screen(page)
    page.goto("/mijn-dossier/clientplannen/")
    page.get_by_role("link", name="Bekijken en ondertekenen").first.click()
    shown |= names_on_screen(page)
    for path in ["/account/profiel/", "/account/wachtwoord-wijzigen/"]:
        page.goto(path)
        shown |= names_on_screen(page)
    page.context.clear_cookies()

    log_in(page, "henk")
    shown |= names_on_screen(page)

    named = set()
    for block in manual().chapters:
        named |= bold_names(chapter_html(block.value))
    assert len(named) > 30, "the manual marks the names of fields and buttons in bold"
    missing = sorted(name for name in named if not is_shown(name, shown))
    assert not missing, f"the manual names what no screen shows: {missing}"


def test_the_first_login_chapter_names_the_fields_and_rules_of_the_first_password_screen(page):
    from django.conf import settings

    chapter = next(block.value for block in manual().chapters if block.value["title"] == FIRST_LOGIN_CHAPTER)
    text = chapter_html(chapter)
    assert "eerste veld" not in text

    page.goto("/mijn-dossier/")
    enter_password(page, "sanne", ONE_TIME_PASSWORD)
    enter_sms_code(page, "sanne")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies uw eigen wachtwoord")
    form = page.locator("main form").filter(has=page.get_by_role("button", name="Wachtwoord opslaan"))
    labels = [" ".join(label.split()).rstrip(" *") for label in form.locator("label").all_inner_texts()]
    assert labels == ["Nieuw wachtwoord", "Nieuw wachtwoord nogmaals"]
    named = bold_names(text)
    assert set(labels) | {"Wachtwoord opslaan"} <= named, f"the chapter names {named}"

    rules = page.locator("#password-rules").inner_text()
    shown_minimum = int(re.search(r"minstens (\d+) tekens", rules).group(1))
    assert shown_minimum == settings.PASSWORD_MIN_LENGTH
    assert f"minstens {shown_minimum} tekens" in text, "the manual gives the same minimum length as the screen"
