"""Short click paths a logged-in user needs, and the screens met around logging in and out."""

from django.utils import timezone
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


def test_a_care_worker_sees_todays_date_prefilled_in_the_new_account_form(page):
    log_in(page, "zorgmedewerker", start="/admin/")
    page.goto("/admin/backoffice/portalaccount/create/")
    expect(page.get_by_label("Toegang vanaf")).to_have_value(timezone.localdate().isoformat())
