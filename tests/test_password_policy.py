"""Password rules: nothing built from the user's own names or the portal's, no common (Dutch) passwords;
the authenticator-app and backup-code steps answer in Dutch."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import ENGLISH, LOGIN_URL, error_messages, submit_password
from tests.personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sanne(db):
    return make_user("sanne", first_name="Sanne", last_name="Visser", mobile="+31633333333")


@pytest.mark.parametrize(
    "password",
    ["sanne12345678", "Sanne-Visser-1", "MijnDossier2026", "wachtwoord123", "Visser!Visser!", "s4nne.v1sser2026"],
)
def test_passwords_built_from_the_users_names_the_portal_or_a_common_dutch_word_are_refused(sanne, password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, sanne)
    for message in refused.value.messages:
        assert not ENGLISH.search(message), message


@pytest.mark.parametrize("password", ["welkom2026!!", "W4chtw00rd-123", "voetbal12345", "Zorggroep-De-Linde-1"])
def test_common_dutch_passwords_with_digits_around_them_are_refused_for_anyone(password):
    with pytest.raises(ValidationError):
        validate_password(password, None)


@pytest.mark.parametrize("password", ["correct horse battery staple", "Blauwe fiets op de dijk 42"])
def test_a_long_passphrase_of_unrelated_words_is_accepted(sanne, password):
    validate_password(password, sanne)


@pytest.mark.parametrize(
    "password",
    ["de linde bloeit in juni en de bijen zoemen rond het oude bankje.", "sanne fietst elke zondag langs de dijk"],
)
def test_a_passphrase_that_is_long_enough_without_a_name_in_it_is_accepted(sanne, password):
    validate_password(password, sanne)


def test_a_too_personal_password_is_refused_in_dutch_on_the_password_change(client, sanne):
    from tests.personas import PASSWORD, login_verified

    login_verified(client, sanne)
    response = client.post(
        "/account/wachtwoord-wijzigen/",
        {"old_password": PASSWORD, "new_password1": "Sanne-Visser-1", "new_password2": "Sanne-Visser-1"},
    )
    assert "lijkt te veel op uw naam" in response.content.decode()
    sanne.refresh_from_db()
    assert sanne.check_password(PASSWORD)


def test_a_wrong_authenticator_app_code_at_login_is_explained_in_dutch(client, personas):
    device = TOTPDevice.objects.create(user=personas.anna, name="authenticator", confirmed=True)
    submit_password(client, "anna")
    client.post(LOGIN_URL, {"challenge_device": device.persistent_id})
    response = client.post(LOGIN_URL, {"portal_login_view-current_step": "token", "token-otp_token": "000000"})
    messages = error_messages(response)
    assert messages
    for message in messages:
        assert not ENGLISH.search(message), message
    assert "Invalid token" not in response.content.decode()


def test_a_wrong_backup_code_at_login_is_explained_in_dutch(client, personas):
    StaticDevice.objects.create(user=personas.anna, name="backup").token_set.create(token="abcd1234")
    submit_password(client, "anna")
    client.post(LOGIN_URL, {"wizard_goto_step": "backup"})
    response = client.post(LOGIN_URL, {"portal_login_view-current_step": "backup", "backup-otp_token": "zzzz9999"})
    messages = error_messages(response)
    assert messages
    for message in messages:
        assert not ENGLISH.search(message), message
    assert "Invalid token" not in response.content.decode()
