"""The journeys of the user manual, walked in a real browser against the demo site."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import BROWSER
from tests.e2e.helpers import ONE_TIME_PASSWORD, enter_password, enter_sms_code, log_in

pytestmark = BROWSER

BOTH = pytest.mark.parametrize("viewport", ["desktop", "phone"], indirect=True)


def root_font_size(page: Page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def open_menu_item(page: Page, name: str) -> None:
    """Click a main menu item; on a phone the menu first has to be opened with the Menu button."""
    toggle = page.locator(".site-menu__toggle")
    if toggle.is_visible() and page.locator(".site-menu[open]").count() == 0:
        toggle.click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name).click()


def open_section(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Onderdelen van MijnDossier").get_by_role("link", name=name, exact=True).click()


def switch_dossier(page: Page, name: str) -> None:
    chooser = page.get_by_label("Dossier van")
    chooser.select_option(label=chooser.locator("option", has_text=name).inner_text())
    page.get_by_role("button", name="Wissel van dossier").click()


def download_bytes(page: Page, link) -> tuple[str, bytes]:
    with page.expect_download() as info:
        link.click()
    download = info.value
    with open(download.path(), "rb") as pdf:
        return download.suggested_filename, pdf.read()


@BOTH
def test_a_visitor_reads_the_faq_enlarges_the_text_and_finds_and_downloads_the_manual(page):
    page.goto("/")
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0, "site.css did not load"

    open_menu_item(page, "Veelgestelde vragen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veelgestelde vragen")
    expect(page.locator(".faq-item").first).to_be_visible()

    normal = root_font_size(page)
    page.get_by_role("button", name="Grootste tekst").click()
    expect(page.get_by_role("button", name="Grootste tekst")).to_have_attribute("aria-pressed", "true")
    larger = root_font_size(page)
    assert larger > normal

    page.goto("/zoeken/")
    assert root_font_size(page) == larger, "the chosen text size must hold on the next page"
    page.get_by_label("Zoek op deze website").fill("handleiding")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\d+ resulta"))
    page.locator(".search-results").get_by_role("link", name="Handleiding MijnDossier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handleiding MijnDossier")

    filename, pdf = download_bytes(page, page.get_by_role("link", name="Download als PDF"))
    assert filename.endswith(".pdf")
    assert pdf.startswith(b"%PDF")


@BOTH
def test_a_visitor_corrects_a_wrong_mobile_number_in_the_application_form_and_sends_it(page):
    from home.application import ApplicationSubmission

    page.goto("/")
    open_menu_item(page, "Toegang aanvragen")
    page.get_by_label("Naam cliënt").fill("Wim Jansen")
    page.get_by_label("Geboortedatum cliënt").fill("1946-03-21")
    page.get_by_label("Wettelijk vertegenwoordiger").check()
    page.get_by_label("Uw naam").fill("Els Jansen")
    page.get_by_label("E-mailadres").fill("els.jansen@voorbeeld.example")
    page.get_by_label("Mobiel nummer").fill("06 1234")
    page.get_by_label("Ik geef toestemming").check()
    page.get_by_label("Ik heb de gebruikersvoorwaarden gelezen").check()
    page.get_by_role("button", name="Aanvraag versturen").click()

    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.locator("#id_mobiel_nummer_error")).to_contain_text("Vul een geldig mobiel nummer in")
    expect(page.get_by_label("Naam cliënt")).to_have_value("Wim Jansen")
    expect(page.get_by_label("E-mailadres")).to_have_value("els.jansen@voorbeeld.example")
    expect(page.get_by_label("Wettelijk vertegenwoordiger")).to_be_checked()
    assert not ApplicationSubmission.objects.exists()

    page.get_by_label("Mobiel nummer").fill("06 12345678")
    page.get_by_label("Ik geef toestemming").check()
    page.get_by_label("Ik heb de gebruikersvoorwaarden gelezen").check()
    page.get_by_role("button", name="Aanvraag versturen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt, wij hebben uw aanvraag ontvangen")
    submission = ApplicationSubmission.objects.get()
    assert "+31612345678" in str(submission.form_data)


@BOTH
def test_a_new_client_logs_in_for_the_first_time_reads_her_reports_and_profile_and_logs_out(page):
    from terms.models import TermsAcceptance

    page.goto("/")
    page.locator("main").get_by_role("link", name="Inloggen in Mijn dossier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen op MijnDossier")
    enter_password(page, "sanne", ONE_TIME_PASSWORD)
    expect(page.get_by_role("heading", name="Stap 2: SMS-inlogcode")).to_be_visible()
    enter_sms_code(page, "sanne")

    expect(page.get_by_role("heading", level=1)).to_have_text("Kies uw eigen wachtwoord")
    page.get_by_label("Nieuw wachtwoord").first.fill("Zonnedal-lente-2026")
    page.get_by_label("Nieuw wachtwoord nogmaals").fill("Zonnedal-lente-2026")
    page.get_by_role("button", name="Wachtwoord opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikersvoorwaarden")
    page.get_by_role("button", name="Ik ga akkoord met de voorwaarden").click()
    expect(page).to_have_url(re.compile("/mijn-dossier/$"))
    assert TermsAcceptance.objects.filter(user__username="sanne").exists()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sanne Visser")

    page.locator(".dossier-layout").get_by_role("link", name="Alle rapportages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapportages")
    today = timezone.localdate()
    start, end = today - timedelta(days=60), today - timedelta(days=31)
    page.get_by_label("Vanaf").fill(start.isoformat())
    page.get_by_label("Tot en met").fill(end.isoformat())
    page.get_by_role("button", name="Toon periode").click()
    expect(page.locator(".period-filter__current")).to_contain_text(f"{start.day} ")
    expect(page.locator(".period-filter__current")).to_contain_text(f"{end.day} ")
    expect(page.get_by_text(re.compile(r"^\d+ rapportages?$"))).to_be_visible()

    filename, pdf = download_bytes(page, page.get_by_role("link", name=re.compile("^Download")))
    assert filename.endswith(".pdf")
    assert pdf.startswith(b"%PDF")

    open_section(page, "Profiel")
    access = page.get_by_role("region", name="Wie heeft er vandaag toegang tot mijn dossier?")
    expect(access).to_contain_text("Sanne Visser")
    expect(access).to_contain_text("Zorgteam")

    page.get_by_role("button", name="Uitloggen").first.click()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    page.goto("/mijn-dossier/rapportages/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen op MijnDossier")


@BOTH
def test_a_representative_switches_between_the_dossiers_of_his_two_clients(page):
    log_in(page, "henk")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Hendriks")
    first = "Kees Hendriks" if "Kees" in heading.inner_text() else "Truus Hendriks"
    other = "Truus Hendriks" if first == "Kees Hendriks" else "Kees Hendriks"

    switch_dossier(page, other)
    expect(heading).to_have_text(f"Welkom bij het dossier van {other}")

    open_section(page, "Profiel")
    personal = page.get_by_role("region", name="Persoonsgegevens")
    expect(personal).to_contain_text(other)
    expect(personal).not_to_contain_text(first)

    switch_dossier(page, first)
    expect(heading).to_have_text(f"Welkom bij het dossier van {first}")
    expect(page.locator(".dossier-account")).to_contain_text(f"Dossier van {first}")


def test_an_editor_changes_an_faq_answer_in_the_admin_and_visitors_see_it_after_publishing(page):
    from home.models import FAQPage

    faq = FAQPage.objects.get()
    new_sentence = "Vanaf maart kunt u ook op zaterdag bellen met de cliëntenadministratie."
    page.goto("/veelgestelde-vragen/")
    expect(page.locator("main")).not_to_contain_text(new_sentence)

    log_in(page, "communicatie", start="/admin/")
    expect(page).to_have_url(re.compile("/admin/$"))
    page.goto(f"/admin/pages/{faq.pk}/edit/")
    first_answer = page.locator("[data-contentpath=answer] [contenteditable=true]").first
    first_answer.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + new_sentence)
    # Draftail writes to its hidden input a moment after the last keystroke; publish only then.
    expect(page.locator('input[name$="-value-answer"]').first).to_have_value(re.compile("zaterdag"))
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator(".messages")).to_contain_text("gepubliceerd")

    page.goto("/veelgestelde-vragen/")
    expect(page.locator(".faq-item").first).to_contain_text(new_sentence)
