"""STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR: the admin only after a passkey or authenticator-app login."""

import pytest
from django.test import Client as HttpClient
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from terms.acceptance import accept_current_terms
from tests.helpers import enrol, log_in, log_in_with_passkey, submit_password
from tests.personas import login_verified

STRONG_FACTOR_PAGE = "/account/sterke-tweede-stap/"


@pytest.fixture
def dirk(personas, dossier_page):
    accept_current_terms(personas.dirk)
    return personas.dirk


def verified_with_totp(client, user):
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def test_with_the_rule_off_staff_verified_by_sms_reach_the_admin(client, dirk, settings):
    settings.STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR = False
    log_in(client, dirk, next_url="/admin/")
    assert client.get("/admin/").status_code == 200


def test_with_the_rule_on_staff_verified_by_sms_are_sent_to_set_up_a_passkey_or_app(client, dirk, settings):
    settings.STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR = True
    log_in(client, dirk, next_url="/admin/")
    for path in ("/admin/", "/admin/pages/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"{STRONG_FACTOR_PAGE}?next={path.replace('/', '%2F')}"
    page = client.get(response["Location"]).content.decode()
    assert "Passkey of authenticator-app nodig" in page
    assert "/account/passkeys/toevoegen/" in page
    assert "/account/authenticator-app/" in page


def test_with_the_rule_on_staff_who_logged_in_with_a_passkey_reach_the_admin(client, dirk, settings):
    settings.STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR = True
    authenticator = enrol(dirk)
    submit_password(client, "dirk", next_url="/admin/")
    response = log_in_with_passkey(client, authenticator, next_url="/admin/")
    assert response.json()["redirect_url"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_with_the_rule_on_staff_verified_by_the_authenticator_app_reach_the_admin(dirk, settings):
    settings.STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR = True
    client = verified_with_totp(HttpClient(), dirk)
    assert client.get("/admin/").status_code == 200


def test_staff_with_a_passkey_confirm_it_on_the_page_and_then_reach_the_admin(dirk, settings):
    settings.STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR = True
    authenticator = enrol(dirk)
    client = login_verified(HttpClient(), dirk)
    assert client.get("/admin/").status_code == 302
    page = client.get(f"{STRONG_FACTOR_PAGE}?next=/admin/").content.decode()
    assert "Bevestigen met mijn passkey" in page
    response = log_in_with_passkey(client, authenticator, next_url="/admin/")
    assert response.status_code == 200, response.content
    assert response.json()["redirect_url"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_with_the_rule_on_a_client_verified_by_sms_still_reaches_the_portal(client, personas, dossier_page, settings):
    settings.STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR = True
    accept_current_terms(personas.anna)
    log_in(client, personas.anna)
    assert client.get("/account/profiel/").status_code == 200
