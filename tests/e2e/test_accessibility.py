"""Accessibility in a real browser: axe-core on every public and dossier page, and a keyboard-only login.

Every check runs on a desktop and on a 375 px wide phone. "Zero serious or
critical violations" is the bar; a test lists all violations it finds at once.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import BROWSER
from tests.e2e.helpers import ONE_TIME_PASSWORD, enter_password, latest_sms_code, log_in, request_sms_code

pytestmark = BROWSER

BOTH = pytest.mark.parametrize("viewport", ["desktop", "phone"], indirect=True)
BLOCKING = {"serious", "critical"}
ERRORS = ".error-list, .error-summary, [role=alert]"
axe = Axe()


def violations(page: Page) -> list[str]:
    """Serious and critical axe violations on the current page, one readable line each."""
    results = axe.run(page).response
    assert results["passes"], "axe did not run"
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}) at {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


def check_pages(page: Page, paths) -> list[str]:
    found = []
    for path in paths:
        response = page.goto(path)
        assert response.status < 500, f"{path} answered {response.status}"
        found += violations(page)
    return found


def public_paths() -> list[str]:
    from wagtail.models import Page as WagtailPage

    from dossier_pages.models import DossierPage

    pages = WagtailPage.objects.live().public().filter(depth__gt=1).not_type(DossierPage)
    return [page.url for page in pages.specific()]


def dossier_paths(page: Page) -> list[str]:
    """Every section in the dossier menu, as a logged-in user sees it."""
    navigation = page.get_by_role("navigation", name="Onderdelen van MijnDossier")
    expect(navigation).to_be_visible()
    menu = navigation.get_by_role("link")
    return [link.get_attribute("href") for link in menu.all()]


@BOTH
def test_every_public_page_has_no_serious_accessibility_violations(page):
    paths = public_paths()
    assert "/veelgestelde-vragen/" in paths and "/handleiding/" in paths
    found = check_pages(page, [*paths, "/zoeken/?q=inloggen", "/zoeken/?q=onvindbaarwoord", "/bestaat-niet/"])

    page.goto("/toegang-aanvragen/")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.locator(".error-list").first).to_be_visible()
    found += violations(page)

    page.goto("/account/wachtwoord-vergeten/")
    found += violations(page)
    assert not found, "\n".join(found)


@BOTH
def test_every_login_step_has_no_serious_accessibility_violations(page):
    page.goto("/account/inloggen/")
    found = violations(page)
    page.get_by_role("button", name="Volgende").click()
    expect(page.locator(ERRORS).first).to_be_visible()
    found += violations(page)  # the form with its errors

    enter_password(page, "sanne", ONE_TIME_PASSWORD)
    found += violations(page)
    code = request_sms_code(page, "sanne")
    found += violations(page)
    page.get_by_label("SMS-inlogcode").fill("000000")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.locator(ERRORS).first).to_be_visible()
    found += violations(page)

    page.get_by_label("SMS-inlogcode").fill(code)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies uw eigen wachtwoord")
    found += violations(page)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.locator(ERRORS).first).to_be_visible()
    found += violations(page)  # the password form with its errors
    page.get_by_label("Nieuw wachtwoord").first.fill("Zonnedal-lente-2026")
    page.get_by_label("Nieuw wachtwoord nogmaals").fill("Zonnedal-lente-2026")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikersvoorwaarden")
    found += violations(page)
    assert not found, "\n".join(found)


@BOTH
def test_every_dossier_page_has_no_serious_accessibility_violations(page):
    log_in(page, "henk")
    paths = dossier_paths(page)
    assert len(paths) >= 7
    found = check_pages(page, [*paths, "/account/profiel/"])

    page.goto(paths[1])  # a section with a period filter: a wrong period shows errors
    page.get_by_label("Vanaf").fill("2026-05-01")
    page.get_by_label("Tot en met").fill("2026-04-01")
    page.get_by_role("button", name="Toon periode").click()
    expect(page.locator(".error-summary")).to_be_visible()
    found += violations(page)
    assert not found, "\n".join(found)


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector`; it must show where the focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            visible = page.evaluate(
                """() => {
                    const style = getComputedStyle(document.activeElement);
                    return style.outlineStyle !== "none" || style.boxShadow !== "none";
                }"""
            )
            assert visible, f"{selector} has no visible focus indicator"
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


@BOTH
def test_a_client_logs_in_with_the_keyboard_only(page):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Naar de inhoud")
    page.keyboard.press("Enter")
    tab_to(page, "main a[href='/mijn-dossier/']")
    page.keyboard.press("Enter")

    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()
    page.keyboard.type("marieke")
    tab_to(page, "input[name='auth-password']")
    page.keyboard.type("DeLinde-demo-2026")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Stap 2: SMS-inlogcode")).to_be_visible()
    tab_to(page, "button[name='request_sms_code']")
    page.keyboard.press("Enter")
    expect(page.locator(".sms-prefix")).to_be_visible()
    tab_to(page, "input[name$='otp_token']")
    page.keyboard.type(latest_sms_code("marieke")[1])
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikersvoorwaarden")
    tab_to(page, "button[name='accept']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Marieke de Boer")


TARGETS = (
    "button:not(.visually-hidden), .button, .main-nav__link, .side-menu__link, .period-filter__link, "
    "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select"
)


def small_targets(page: Page) -> list[str]:
    """Visible buttons, menu links and form controls lower than 44 CSS pixels."""
    return page.evaluate(
        """selector => Array.from(document.querySelectorAll(selector))
            .filter(el => el.offsetParent !== null && !el.closest('.honeypot'))
            .map(el => [el, el.getBoundingClientRect()])
            .filter(([el, box]) => box.height < 44)
            .map(([el, box]) => `${location.pathname}: ${el.outerHTML.slice(0, 80)} ${Math.round(box.height)} px`)""",
        TARGETS,
    )


@BOTH
def test_buttons_menu_links_and_form_fields_are_at_least_44_pixels_high(page):
    found = []
    for path in ["/", "/veelgestelde-vragen/", "/handleiding/", "/toegang-aanvragen/", "/account/inloggen/"]:
        page.goto(path)
        found += small_targets(page)
    log_in(page, "henk")
    for path in dossier_paths(page):
        page.goto(path)
        found += small_targets(page)
    assert not found, "\n".join(found)
