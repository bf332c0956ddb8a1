"""Wagtail's own account page (/admin/account/) asks for the password and a fresh SMS code first, as the portal does.

Without that, anyone at an unlocked staff computer could change the e-mail
address (and with it the password reset) or the password of a staff account
with the old password alone.
"""

import pytest
from django.test import Client
from wagtail.models import Page

from home.models import HomePage
from terms.acceptance import accept_current_terms
from tests.helpers import confirm_with_password_and_sms, make_terms
from tests.personas import PASSWORD, login_verified

ACCOUNT = "/admin/account/"
REAUTH = "/account/bevestigen/?next=%2Fadmin%2Faccount%2F"
NEW_PASSWORD = "een heel ander wachtwoord 2026"


@pytest.fixture
def eva(personas):
    home = Page.get_first_root_node().add_child(instance=HomePage(title="Zorggroep De Linde", slug="de-linde"))
    make_terms(home, slug="voorwaarden", version="1.0")
    accept_current_terms(personas.eva)
    return login_verified(Client(), personas.eva)


def account_form(user, **changes):
    data = {
        "name_email-first_name": user.first_name,
        "name_email-last_name": user.last_name,
        "name_email-email": user.email,
        "locale-preferred_language": "nl",
        "locale-current_time_zone": "Europe/Amsterdam",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
    }
    data.update(changes)
    return data


def password_change(**extra):
    return {
        "password-old_password": PASSWORD,
        "password-new_password1": NEW_PASSWORD,
        "password-new_password2": NEW_PASSWORD,
        **extra,
    }


def test_the_admin_account_page_asks_for_the_password_and_a_fresh_sms_code_first(eva):
    response = eva.get(ACCOUNT)

    assert response.status_code == 302
    assert response["Location"] == REAUTH


def test_staff_cannot_change_their_email_in_the_admin_with_the_password_alone(eva, personas):
    response = eva.post(ACCOUNT, account_form(personas.eva, **{"name_email-email": "aanvaller@example.org"}))

    personas.eva.refresh_from_db()
    assert personas.eva.email == "eva@example.org"
    assert response["Location"] == REAUTH


def test_staff_cannot_change_their_password_in_the_admin_with_the_old_password_alone(eva, personas):
    response = eva.post(ACCOUNT, account_form(personas.eva, **password_change()))

    personas.eva.refresh_from_db()
    assert personas.eva.check_password(PASSWORD)
    assert response["Location"] == REAUTH


def test_after_password_and_a_fresh_sms_code_staff_change_their_email_in_the_admin(eva, personas):
    response = confirm_with_password_and_sms(eva, "+31655555555", ACCOUNT)
    assert response["Location"] == ACCOUNT

    eva.post(ACCOUNT, account_form(personas.eva, **{"name_email-email": "eva.mulder@example.org"}))

    personas.eva.refresh_from_db()
    assert personas.eva.email == "eva.mulder@example.org"


def test_after_password_and_a_fresh_sms_code_staff_change_their_password_in_the_admin(eva, personas):
    confirm_with_password_and_sms(eva, "+31655555555", ACCOUNT)

    eva.post(ACCOUNT, account_form(personas.eva, **password_change()))

    personas.eva.refresh_from_db()
    assert personas.eva.check_password(NEW_PASSWORD)


def test_a_wrong_sms_code_does_not_open_the_admin_account_page(eva, personas):
    eva.post("/account/bevestigen/", {"request_code": "1", "next": ACCOUNT})
    eva.post("/account/bevestigen/", {"password": PASSWORD, "code": "000000", "next": ACCOUNT})

    assert eva.get(ACCOUNT)["Location"] == REAUTH
