"""Passkeys in Chromium with a CDP virtual authenticator: register from the profile, the second login step,
a wrong credential refused, and a passkey removed from the profile that no longer logs in.

WebAuthn needs a secure context and a domain as RP ID: the site is opened as http://localhost:<port>
(not 127.0.0.1), and the RP ID and allowed origin are set from the live server's port.
"""

import base64
import re
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ACTION_TIMEOUT_MS, ARTIFACTS, BROWSER, VIEWPORTS
from tests.e2e.helpers import DEMO_PASSWORD, enter_password, enter_sms_code, latest_sms_code, log_in

pytestmark = BROWSER

VIRTUAL_AUTHENTICATOR = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
}


@pytest.fixture
def localhost_site(site, settings):
    port = urlsplit(site.url).port
    url = f"http://localhost:{port}"
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [url]
    # The journey asks for four SMS codes (logins and re-authentications) within a minute.
    settings.SMS_CODE_RESEND_INTERVAL_SECONDS = 0
    settings.SMS_CODE_MAX_PER_WINDOW = 10
    return url


@pytest.fixture
def passkey_page(browser, localhost_site, request):
    """A tab on http://localhost with a virtual platform authenticator (user verification by 'fingerprint')."""
    context = browser.new_context(
        base_url=localhost_site, viewport=VIEWPORTS["desktop"], locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("framenavigated", lambda frame: frame == page.main_frame and console.append(f"navigated: {frame.url}"))
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": VIRTUAL_AUTHENTICATOR})
    page.cdp = cdp
    page.authenticator_id = authenticator["authenticatorId"]
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "passkey-journey.png"), full_page=True)
        # The browser's side of a failed ceremony: its console, its navigations and the script's status.
        status = page.locator("#passkey-verification-status-message")
        if status.count():
            console.append(f"status: {status.get_attribute('data-status-enum')!r} {status.text_content()!r}")
        (ARTIFACTS / "passkey-journey.log").write_text("\n".join(console), encoding="utf-8")
    context.close()


def credentials(page):
    return page.cdp.send("WebAuthn.getCredentials", {"authenticatorId": page.authenticator_id})["credentials"]


def replace_credentials(page, *new_credentials):
    page.cdp.send("WebAuthn.clearCredentials", {"authenticatorId": page.authenticator_id})
    for credential in new_credentials:
        page.cdp.send("WebAuthn.addCredential", {"authenticatorId": page.authenticator_id, "credential": credential})


def with_another_key(credential):
    """The same credential id and account, signed with a key the portal never saw: a forged passkey."""
    key = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fields = ("credentialId", "isResidentCredential", "rpId", "userHandle", "signCount")
    return {
        **{field: credential[field] for field in fields if field in credential},
        "privateKey": base64.b64encode(key).decode(),
    }


def reauthenticate(page: Page, username):
    page.get_by_label("Uw wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="SMS-code aanvragen").click()
    expect(page.locator(".sms-prefix")).to_be_visible()
    _prefix, code = latest_sms_code(username)
    page.get_by_label("Uw wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_label("SMS-code (6 cijfers)").fill(code)
    page.get_by_role("button", name="Bevestigen", exact=True).click()


def log_out(page: Page):
    page.context.clear_cookies()


def test_a_client_registers_a_passkey_logs_in_with_it_and_a_forged_or_removed_passkey_does_not_work(
    passkey_page: Page,
):
    page = passkey_page
    log_in(page, "marieke")
    page.goto("/account/profiel/")
    page.get_by_role("link", name="Passkey toevoegen").click()
    reauthenticate(page, "marieke")
    page.wait_for_url(re.compile(r"/account/passkeys/toevoegen/"))
    page.get_by_role("button", name="Passkey aanmaken").click()
    page.wait_for_url(re.compile(r"/account/profiel/$"))
    expect(page.get_by_text("Uw passkey is toegevoegd.")).to_be_visible()
    expect(page.locator(".passkey-list li")).to_have_count(1)
    registered = credentials(page)
    assert len(registered) == 1

    log_out(page)
    page.goto("/account/inloggen/")
    enter_password(page, "marieke", DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen met mijn passkey").click()
    page.wait_for_url(re.compile(r"/mijn-dossier/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Marieke")
    # The portal keeps the signature counter: an older copy of the credential would be refused as a clone.
    registered = credentials(page)

    log_out(page)
    replace_credentials(page, with_another_key(registered[0]))
    page.goto("/account/inloggen/")
    enter_password(page, "marieke", DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen met mijn passkey").click()
    status = page.locator("#passkey-verification-status-message")
    expect(status).to_have_attribute("data-status-enum", "server-error")
    expect(status).to_have_text(re.compile(r"^Inloggen met deze passkey is niet gelukt\."))
    expect(page).to_have_url(re.compile(r"/account/inloggen/"))
    page.goto("/account/profiel/")
    expect(page).to_have_url(re.compile(r"/account/inloggen/"))

    replace_credentials(page, registered[0])
    page.goto("/account/inloggen/")
    enter_password(page, "marieke", DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen met mijn passkey").click()
    page.wait_for_url(re.compile(r"/mijn-dossier/"))
    page.goto("/account/profiel/")
    page.get_by_role("link", name=re.compile(r"^Verwijderen")).click()
    reauthenticate(page, "marieke")
    page.get_by_role("button", name="Ja, passkey verwijderen").click()
    # The session was verified with that passkey, so it ends with it.
    page.wait_for_url(re.compile(r"/account/inloggen/"))

    page.goto("/account/inloggen/")
    enter_password(page, "marieke", DEMO_PASSWORD)
    expect(page.get_by_role("button", name="SMS-inlogcode aanvragen")).to_be_visible()
    expect(page.get_by_role("button", name="Inloggen met mijn passkey")).to_have_count(0)
    enter_sms_code(page, "marieke")
    page.wait_for_url(re.compile(r"/mijn-dossier/"))
