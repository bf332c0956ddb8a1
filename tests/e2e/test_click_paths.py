"""Short click paths a logged-in user needs, and the screens met around logging in and out."""

from playwright.sync_api import expect

from tests.e2e.conftest import BROWSER
from tests.e2e.helpers import log_in

pytestmark = BROWSER


def test_a_client_reaches_password_change_second_login_step_and_sessions_in_two_clicks_from_the_dossier(page):
    log_in(page, "marieke")
    for target, heading in [
        ("Wachtwoord wijzigen", "Wachtwoord wijzigen"),
        ("Tweede stap bij het inloggen (SMS, authenticator-app, herstelcodes)", "Tweede stap bij het inloggen"),
        ("Waar bent u ingelogd?", "Waar bent u ingelogd?"),
    ]:
        page.goto("/mijn-dossier/rapportages/")
        page.locator(".dossier-account__name").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
        page.get_by_role("link", name=target, exact=True).click()
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
