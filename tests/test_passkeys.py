"""Passkeys (django-otp-webauthn): added from the profile after re-authentication, the second login step,
passwordless login only when switched on, removal, and the strict CSP on the pages with the package's scripts."""

import re

import pytest
from django.test import Client as HttpClient
from django_otp_webauthn.models import WebAuthnCredential

from tests.helpers import (
    BEGIN_AUTHENTICATION,
    BEGIN_REGISTRATION,
    COMPLETE_AUTHENTICATION,
    LOGIN_URL,
    enrol,
    log_in_with_passkey,
    post_json,
    reauthenticate,
    register_passkey,
    submit_password,
)
from tests.personas import login_verified
from tests.soft_authenticator import SoftAuthenticator

PROFILE = "/account/profiel/"
ADD = "/account/passkeys/toevoegen/"


def is_verified(client):
    response = client.get(PROFILE)
    return response.status_code == 200


@pytest.fixture
def anna(personas, dossier_page):
    from terms.acceptance import accept_current_terms

    accept_current_terms(personas.anna)
    return personas.anna


def test_adding_a_passkey_asks_for_the_password_and_an_sms_code_first(client, anna):
    login_verified(client, anna)
    response = client.get(ADD)
    assert response.status_code == 302
    assert response.url.startswith("/account/bevestigen/?next=")
    refused = post_json(client, BEGIN_REGISTRATION)
    assert refused.status_code == 403
    assert refused.json()["code"] == "reauthentication_required"
    assert not WebAuthnCredential.objects.exists()


def test_a_passkey_registered_after_reauthentication_is_listed_on_the_profile(client, anna):
    login_verified(client, anna)
    reauthenticate(client)
    assert client.get(ADD).status_code == 200
    response = register_passkey(client, SoftAuthenticator())
    assert response.status_code == 200
    passkey = WebAuthnCredential.objects.get(user=anna)
    assert passkey.confirmed
    body = client.get(PROFILE).content.decode()
    assert "1 passkey" in body
    assert f"/account/passkeys/{passkey.pk}/verwijderen/" in body
    assert "Uw passkey is toegevoegd." in body


def test_an_anonymous_visitor_cannot_register_a_passkey(client, anna):
    response = post_json(client, BEGIN_REGISTRATION)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_after_the_password_a_passkey_completes_the_login(client, anna):
    authenticator = enrol(anna)
    submit_password(client, "anna")
    assert client.get(PROFILE).status_code == 302
    response = log_in_with_passkey(client, authenticator)
    assert response.status_code == 200, response.content
    assert response.json()["redirect_url"] == "/mijn-dossier/"
    assert is_verified(client)
    assert WebAuthnCredential.objects.get(user=anna).last_used_at is not None


def test_the_second_step_offers_the_passkey_when_the_account_has_one(client, anna):
    enrol(anna)
    body = submit_password(client, "anna").content.decode()
    assert "Stap 2: uw passkey" in body
    assert 'id="otp_webauthn_config" type="application/json"' in body
    assert "SMS-inlogcode aanvragen" in body


def test_the_passkey_login_keeps_a_safe_next_and_drops_a_foreign_one(client, anna):
    authenticator = enrol(anna)
    submit_password(client, "anna")
    response = log_in_with_passkey(client, authenticator, next_url="/account/profiel/")
    assert response.json()["redirect_url"] == "/account/profiel/"
    other = HttpClient()
    submit_password(other, "anna")
    response = log_in_with_passkey(other, authenticator, next_url="https://evil.example/")
    assert response.json()["redirect_url"] == "/mijn-dossier/"


def test_a_passkey_of_another_account_is_refused_at_the_second_step(client, anna, personas):
    carla_passkey = enrol(personas.carla)
    enrol(anna)
    submit_password(client, "anna")
    response = log_in_with_passkey(client, carla_passkey)
    assert response.status_code == 403
    assert response.json()["code"] == "credential_user_mismatch"
    assert not is_verified(client)


def test_an_unknown_passkey_is_refused_at_the_second_step(client, anna):
    enrol(anna)
    submit_password(client, "anna")
    response = log_in_with_passkey(client, SoftAuthenticator())
    assert response.status_code == 404
    assert not is_verified(client)


def test_a_forged_signature_is_refused(client, anna):
    authenticator = enrol(anna)
    submit_password(client, "anna")
    options = post_json(client, BEGIN_AUTHENTICATION).json()
    assertion = authenticator.get(options)
    assertion["response"]["signature"] = SoftAuthenticator().get(options)["response"]["signature"]
    response = post_json(client, COMPLETE_AUTHENTICATION, assertion)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Inloggen met deze passkey is niet gelukt.")
    assert not is_verified(client)


def test_an_assertion_cannot_be_replayed(client, anna):
    authenticator = enrol(anna)
    submit_password(client, "anna")
    options = post_json(client, BEGIN_AUTHENTICATION).json()
    assertion = authenticator.get(options)
    assert post_json(client, COMPLETE_AUTHENTICATION, assertion).status_code == 200
    other = HttpClient()
    submit_password(other, "anna")
    post_json(other, BEGIN_AUTHENTICATION)
    assert post_json(other, COMPLETE_AUTHENTICATION, assertion).status_code != 200
    assert not is_verified(other)


@pytest.mark.parametrize("passwordless", [False, True])
def test_a_passkey_without_the_password_step_logs_in_only_when_passwordless_login_is_on(
    client, anna, settings, passwordless
):
    authenticator = enrol(anna)
    settings.PASSKEY_PASSWORDLESS_LOGIN = passwordless
    settings.OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = passwordless
    response = log_in_with_passkey(client, authenticator)
    if passwordless:
        assert response.status_code == 200, response.content
        assert is_verified(client)
    else:
        assert response.status_code == 403
        assert response.json()["code"] == "passwordless_login_disabled"
        assert not is_verified(client)


def test_the_login_page_offers_passwordless_login_only_when_it_is_on(client, settings, db):
    assert "Inloggen met een passkey" not in client.get(LOGIN_URL).content.decode()
    settings.PASSKEY_PASSWORDLESS_LOGIN = True
    settings.OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = True
    assert "Inloggen met een passkey" in client.get(LOGIN_URL).content.decode()


def test_a_removed_passkey_no_longer_logs_in_and_ends_the_sessions_it_verified(client, anna):
    authenticator = enrol(anna)
    submit_password(client, "anna")
    assert log_in_with_passkey(client, authenticator).status_code == 200
    passkey = WebAuthnCredential.objects.get(user=anna)
    manager = login_verified(HttpClient(), anna)
    reauthenticate(manager)
    assert manager.get(f"/account/passkeys/{passkey.pk}/verwijderen/").status_code == 200
    response = manager.post(f"/account/passkeys/{passkey.pk}/verwijderen/")
    assert response.status_code == 302
    assert not WebAuthnCredential.objects.exists()
    assert not is_verified(client)
    again = HttpClient()
    submit_password(again, "anna")
    assert log_in_with_passkey(again, authenticator).status_code == 404
    assert not is_verified(again)


def test_removing_a_passkey_asks_for_reauthentication(client, anna):
    enrol(anna)
    passkey = WebAuthnCredential.objects.get(user=anna)
    login_verified(client, anna)
    response = client.post(f"/account/passkeys/{passkey.pk}/verwijderen/")
    assert response.status_code == 302
    assert response.url.startswith("/account/bevestigen/")
    assert WebAuthnCredential.objects.exists()


def test_nobody_can_remove_another_accounts_passkey(client, anna, personas):
    enrol(personas.carla)
    passkey = WebAuthnCredential.objects.get(user=personas.carla)
    login_verified(client, anna)
    reauthenticate(client)
    assert client.post(f"/account/passkeys/{passkey.pk}/verwijderen/").status_code == 404
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


@pytest.mark.parametrize("body", ["not json", '{"id": 1}', "[]"])
def test_hostile_ceremony_bodies_get_an_error_not_a_500(client, anna, body):
    enrol(anna)
    submit_password(client, "anna")
    post_json(client, BEGIN_AUTHENTICATION)
    response = client.post(COMPLETE_AUTHENTICATION, body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"] == (
        "Inloggen met deze passkey is niet gelukt. Probeer het opnieuw of kies hieronder een andere manier."
    )


def _assert_strict_csp_and_no_inline_script(response):
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script_src.split() == ["'self'"]
    body = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", body):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "django_otp_webauthn/otp_webauthn_" in body


def test_the_passkey_pages_keep_the_strict_csp_with_only_external_scripts(client, anna, settings):
    enrol(anna)
    login_verified(client, anna)
    reauthenticate(client)
    _assert_strict_csp_and_no_inline_script(client.get(ADD))
    login_page = HttpClient()
    _assert_strict_csp_and_no_inline_script(submit_password(login_page, "anna"))
    settings.PASSKEY_PASSWORDLESS_LOGIN = True
    _assert_strict_csp_and_no_inline_script(HttpClient().get(LOGIN_URL))
