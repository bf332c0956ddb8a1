"""The portal on a 375 px phone and on a desktop: nothing off-screen, menus at hand, one "Home", a search box.

Layout is measured in the browser: a table or page that scrolls sideways has a
`scrollWidth` larger than its `clientWidth`, and a download button outside the
viewport cannot be seen without scrolling sideways.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import BROWSER, VIEWPORTS
from tests.e2e.helpers import log_in

pytestmark = BROWSER

BOTH = pytest.mark.parametrize("viewport", ["desktop", "phone"], indirect=True)
PHONE = pytest.mark.parametrize("viewport", ["phone"], indirect=True)
DESKTOP = pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
SECTIONS_WITH_DOWNLOADS = [
    "/mijn-dossier/clientplannen/",
    "/mijn-dossier/evaluaties/",
    "/mijn-dossier/zorgovereenkomsten/",
]
SECTIONS_WITH_TABLES = [*SECTIONS_WITH_DOWNLOADS, "/mijn-dossier/afspraken/", "/mijn-dossier/profiel/"]


def sideways_overflow(page: Page) -> list[str]:
    """The page itself and every table wrapper that is wider than what the screen shows."""
    return page.evaluate(
        """() => [document.documentElement, ...document.querySelectorAll('.table-wrapper')]
            .filter(el => el.scrollWidth > el.clientWidth)
            .map(el => `${location.pathname}: ${el.className || el.tagName} ${el.scrollWidth} > ${el.clientWidth}`)"""
    )


def downloads_outside_the_screen(page: Page) -> list[str]:
    return page.evaluate(
        """width => Array.from(document.querySelectorAll('main a[href*="/download/"]'))
            .map(link => [link, link.getBoundingClientRect()])
            .filter(([link, box]) => box.width === 0 || box.left < 0 || box.right > width)
            .map(([link, box]) => `${location.pathname}: ${link.textContent.trim()} at ${box.left}-${box.right}`)""",
        VIEWPORTS["phone"]["width"],
    )


@PHONE
def test_on_a_phone_the_download_buttons_of_plans_evaluations_and_agreements_are_on_screen(page):
    log_in(page, "marieke")
    found = []
    for path in SECTIONS_WITH_DOWNLOADS:
        page.goto(path)
        assert page.locator('main a[href*="/download/"]').count() > 0, f"{path} shows no downloads"
        found += sideways_overflow(page) + downloads_outside_the_screen(page)
    for path in SECTIONS_WITH_TABLES:
        page.goto(path)
        assert page.locator("main table").count() > 0, f"{path} shows no table"
        found += sideways_overflow(page)
    assert not found, "\n".join(found)


@PHONE
def test_on_a_phone_each_table_row_reads_as_a_card_with_its_column_names(page):
    log_in(page, "marieke")
    page.goto("/mijn-dossier/clientplannen/")
    first_row = page.locator("main tbody tr").first
    labels = first_row.locator("td[data-label]").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)"
    )
    assert labels == ['"Periode"', '"Status"']
    row, cell = first_row.bounding_box(), first_row.locator("td").first.bounding_box()
    assert row["width"] <= VIEWPORTS["phone"]["width"]
    assert cell["width"] > row["width"] / 2, "the cells are stacked, each as wide as the card"


@PHONE
def test_on_a_phone_the_dossier_menu_is_on_the_first_screen_of_the_reports_page(page):
    log_in(page, "marieke")
    page.goto("/mijn-dossier/rapportages/")
    menu = page.get_by_role("navigation", name="Onderdelen van MijnDossier")
    links = menu.get_by_role("link")
    assert links.count() >= 7
    for link in links.all():
        expect(link).to_be_in_viewport()
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    assert sideways_overflow(page) == []


@PHONE
def test_on_a_phone_the_public_menu_is_folded_behind_a_menu_button_that_works_with_the_keyboard(page):
    page.goto("/")
    main_menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(main_menu.get_by_role("link", name="Veelgestelde vragen")).to_be_hidden()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_be_in_viewport()
    assert heading.bounding_box()["y"] < VIEWPORTS["phone"]["height"] / 3, "the header still fills the first screen"

    toggle = page.locator(".site-menu__toggle")
    expect(toggle).to_have_text("Menu")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(main_menu.get_by_role("link", name="Veelgestelde vragen")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Home")
    main_menu.get_by_role("link", name="Veelgestelde vragen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veelgestelde vragen")
    assert sideways_overflow(page) == []


@DESKTOP
def test_on_a_desktop_the_public_menu_is_open_without_a_menu_button(page):
    page.goto("/")
    expect(page.locator(".site-menu__toggle")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Veelgestelde vragen")
    ).to_be_visible()


def home_links(page: Page) -> list[str]:
    """Every link reading "Home", also one folded away behind the menu button on a phone."""
    home = page.locator("a").filter(has_text=re.compile(r"^\s*Home\s*$"))
    return [link.get_attribute("href") for link in home.all()]


@BOTH
def test_every_screen_has_one_home_link(page):
    found = []
    for path in ["/", "/veelgestelde-vragen/", "/handleiding/", "/toegang-aanvragen/", "/zoeken/"]:
        page.goto(path)
        if len(home_links(page)) != 1:
            found.append(f"{path}: {home_links(page)}")
    log_in(page, "henk")
    menu = page.get_by_role("navigation", name="Onderdelen van MijnDossier").get_by_role("link")
    for path in [link.get_attribute("href") for link in menu.all()]:
        page.goto(path)
        if len(home_links(page)) != 1:
            found.append(f"{path}: {home_links(page)}")
    assert not found, "\n".join(found)


def open_menu_on_a_phone(page: Page) -> None:
    toggle = page.locator(".site-menu__toggle")
    if toggle.is_visible() and page.locator(".site-menu[open]").count() == 0:
        toggle.click()


@BOTH
def test_every_public_page_has_a_labelled_search_box_in_the_header(page):
    from tests.e2e.test_accessibility import public_paths

    missing = []
    for path in [*public_paths(), "/zoeken/"]:
        page.goto(path)
        open_menu_on_a_phone(page)
        search = page.locator("header").get_by_role("search").get_by_role("searchbox", name="Zoeken op deze website")
        if not search.is_visible():
            missing.append(path)
    assert not missing, f"no visible search box in the header of {missing}"


@BOTH
def test_a_visitor_searches_from_the_header_with_the_keyboard(page):
    page.goto("/veelgestelde-vragen/")
    open_menu_on_a_phone(page)
    box = page.locator("header").get_by_role("searchbox", name="Zoeken op deze website")
    box.focus()
    page.keyboard.type("handleiding")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=handleiding"))
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\d+ resulta"))
