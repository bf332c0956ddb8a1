"""The DigiD login in a real browser: the portal's button, the test provider's own login page, back to the dossier."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import BROWSER

pytestmark = BROWSER


def _link_demo_accounts_to(oidc_provider):
    """load_demo links marieke to the demo provider's issuer; this run's provider has its own port."""
    from digid.models import DigidIdentity

    DigidIdentity.objects.update(issuer=oidc_provider.issuer)


def _log_in_at_test_digid(page: Page, oidc_provider, account, level="substantieel"):
    page.goto("/account/inloggen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.wait_for_url(re.compile(rf"^{re.escape(oidc_provider.issuer)}/interaction/"))
    page.get_by_label("Account").select_option(account)
    page.get_by_label("Wachtwoord").fill("test")
    page.get_by_label("Betrouwbaarheidsniveau").select_option(level)
    page.get_by_role("button", name="Inloggen bij Test-DigiD").click()


def test_a_client_logs_in_with_digid_and_lands_on_her_dashboard(page: Page, digid_settings, oidc_provider, site):
    _link_demo_accounts_to(oidc_provider)
    _log_in_at_test_digid(page, oidc_provider, "marieke")
    page.wait_for_url(re.compile(r"/(mijn-dossier|account/voorwaarden)/"))
    if "/account/voorwaarden/" in page.url:
        page.get_by_role("button", name="Ik ga akkoord met de voorwaarden").click()
        page.wait_for_url(re.compile(r"/mijn-dossier/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Marieke")

    page.goto("/account/profiel/")
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("button", name="Ja, uitloggen bij Test-DigiD").click()
    page.wait_for_url(re.compile(r"/account/inloggen/\?reden=uitgelogd"))
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()


def test_a_too_low_digid_level_gets_the_message_in_the_browser(page: Page, digid_settings, oidc_provider, site):
    _link_demo_accounts_to(oidc_provider)
    _log_in_at_test_digid(page, oidc_provider, "marieke", level="laag")
    page.wait_for_url(re.compile(r"/account/digid/terug/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw inlogniveau is niet hoog genoeg")


def test_an_unknown_digid_gets_the_explanation_in_the_browser(page: Page, digid_settings, oidc_provider, site):
    _log_in_at_test_digid(page, oidc_provider, "onbekend")
    page.wait_for_url(re.compile(r"/account/digid/terug/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze DigiD is nog niet gekoppeld")
