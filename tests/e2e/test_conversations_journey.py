"""Berichten in a real browser: a client writes, the care worker answers in the admin, the client reads it."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.conftest import ACTION_TIMEOUT_MS, BROWSER
from tests.e2e.helpers import log_in

pytestmark = BROWSER

axe = Axe()
BLOCKING = {"serious", "critical"}


def _violations(page):
    results = axe.run(page).response
    assert results["passes"], "axe did not run"
    return [
        f"{page.url}: {v['id']} ({v['impact']}) at {[node['target'] for node in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


def _latest_sms(username):
    from two_factor.plugins.phonenumber.models import PhoneDevice

    from accounts.models import SmsOutboxMessage

    number = str(PhoneDevice.objects.get(user__username=username, name="default").number)
    return SmsOutboxMessage.objects.filter(number=number).order_by("-pk").first()


def test_a_client_writes_the_care_worker_answers_and_the_client_reads_it(page, browser, site):
    log_in(page, "marieke")
    page.get_by_role("navigation", name="Onderdelen van MijnDossier").get_by_role("link", name="Berichten").click()
    expect(page.get_by_text("Is het dringend?")).to_be_visible()
    page.get_by_role("link", name="Nieuw bericht").click()
    page.get_by_label("Onderwerp").fill("Vraag over de dagbesteding")
    page.get_by_label("Uw bericht").fill("Kan ik volgende week op dinsdag in plaats van woensdag komen?")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()

    staff = browser.new_context(base_url=site.url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    staff.set_default_timeout(ACTION_TIMEOUT_MS)
    admin = staff.new_page()
    log_in(admin, "zorgmedewerker", start="/admin/berichten/")
    admin.goto("/admin/berichten/")
    admin.get_by_role("link", name="Vraag over de dagbesteding").click()
    expect(admin.get_by_text("Kan ik volgende week op dinsdag")).to_be_visible()
    admin.get_by_label("Bericht", exact=True).fill("Dat is goed, dinsdag om 10 uur. Zie https://example.org/rooster")
    admin.get_by_role("button", name="Bewaren").click()
    expect(admin.get_by_text("Het antwoord is bewaard.")).to_be_visible()
    staff.close()

    sms = _latest_sms("marieke")
    assert sms.text == "Zorggroep De Linde: er is een nieuw bericht voor u in MijnDossier. Log in om het te lezen."

    page.goto("/mijn-dossier/")
    expect(page.get_by_text("U heeft 1 nieuw bericht.")).to_be_visible()
    page.get_by_role("link", name="Naar berichten").click()
    page.get_by_role("link", name="Vraag over de dagbesteding").click()
    expect(page.get_by_text("Dat is goed, dinsdag om 10 uur.")).to_be_visible()
    expect(page.get_by_role("link", name="https://example.org/rooster")).to_be_visible()


@pytest.mark.parametrize("viewport", ["desktop", "phone"], indirect=True)
def test_the_messages_pages_have_no_serious_accessibility_violations(page):
    log_in(page, "henk")
    found = []
    page.goto("/mijn-dossier/berichten/")
    found += _violations(page)
    page.goto("/mijn-dossier/berichten/nieuw/")
    found += _violations(page)
    page.get_by_role("button", name="Versturen").click()  # empty: the error summary and field errors
    expect(page.locator(".error-summary")).to_be_visible()
    found += _violations(page)
    page.get_by_label("Onderwerp").fill("Vraag")
    page.get_by_label("Uw bericht").fill("Hoe gaat het met mijn moeder?")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    found += _violations(page)
    assert not found, "\n".join(found)
