"""Steps the journeys share: logging in the way the manual describes it."""

import re

from playwright.sync_api import Page, expect

DEMO_PASSWORD = "DeLinde-demo-2026"  # noqa: S105 -- published demo credentials (README)
ONE_TIME_PASSWORD = "Eenmalig-2026-demo"  # noqa: S105
SMS_CODE = re.compile(r"(\d{4})-(\d{6})")
LOGIN_PATH = "/account/inloggen/"
TERMS_PATH = "/account/voorwaarden/"


def latest_sms_code(username: str) -> tuple[str, str]:
    """(prefix, code) of the newest SMS the dev gateway 'sent' to this user's phone."""
    from two_factor.plugins.phonenumber.models import PhoneDevice

    from accounts.models import SmsOutboxMessage

    number = str(PhoneDevice.objects.get(user__username=username, name="default").number)
    message = SmsOutboxMessage.objects.filter(number=number).first()
    assert message is not None, f"no SMS was sent to {username}"
    prefix, code = SMS_CODE.search(message.text).groups()
    return prefix, code


def enter_password(page: Page, username: str, password: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Volgende").click()


def request_sms_code(page: Page, username: str) -> str:
    """Ask for the SMS and return its six digits once the page shows the prefix of that same SMS.

    The click only starts the request: the SMS exists once the answer is on screen, not before.
    """
    page.get_by_role("button", name="SMS-inlogcode aanvragen").click()
    shown = page.locator(".sms-prefix")
    expect(shown).to_be_visible()
    prefix, code = latest_sms_code(username)
    expect(shown).to_contain_text(prefix)
    return code


def enter_sms_code(page: Page, username: str) -> None:
    """Ask for the SMS, check the prefix on screen matches it and type the six digits."""
    code = request_sms_code(page, username)
    page.get_by_label("SMS-inlogcode").fill(code)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def log_in(page: Page, username: str, password: str = DEMO_PASSWORD, *, start: str = "/mijn-dossier/") -> None:
    """Log in through the two-factor login, accept the terms if they are asked for, and return on the page
    the login leads to, loaded."""
    page.goto(start)
    enter_password(page, username, password)
    enter_sms_code(page, username)
    page.wait_for_url(lambda url: LOGIN_PATH not in url)
    if TERMS_PATH in page.url:
        page.get_by_role("button", name="Ik ga akkoord met de voorwaarden").click()
        page.wait_for_url(lambda url: TERMS_PATH not in url)
