from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.helpers import log_in, submit_password
from tests.personas import PASSWORD, login_verified

NEW_PASSWORD = "lindeboom zonnedal wandelpad"


@pytest.fixture
def newcomer(personas):
    user = personas.anna
    user.password_change_required = True
    user.one_time_password_expires_at = timezone.now() + timedelta(days=14)
    user.save()
    return user


@pytest.mark.django_db
def test_after_the_sms_step_a_new_client_must_choose_a_password_first(client, newcomer):
    log_in(client, newcomer)
    for path in ("/account/profiel/", "/mijn-dossier/", "/account/voorwaarden/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/account/wachtwoord-wijzigen/"), path


@pytest.mark.django_db
def test_the_form_shows_the_password_rules_in_dutch(client, newcomer):
    login_verified(client, newcomer)
    page = client.get("/account/wachtwoord-wijzigen/").content.decode()
    assert "Kies uw eigen wachtwoord" in page
    assert "12" in page
    assert "128 tekens" in page


@pytest.mark.django_db
def test_a_short_or_common_password_is_refused_and_the_form_re_renders(client, newcomer):
    login_verified(client, newcomer)
    response = client.post(
        "/account/wachtwoord-wijzigen/", {"new_password1": "welkom123", "new_password2": "welkom123"}
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.password_change_required


@pytest.mark.django_db
def test_a_long_passphrase_of_64_characters_is_allowed(client, newcomer):
    login_verified(client, newcomer)
    passphrase = "de linde bloeit in juni en de bijen zoemen rond het oude bankje."
    assert len(passphrase) >= 64
    response = client.post("/account/wachtwoord-wijzigen/", {"new_password1": passphrase, "new_password2": passphrase})
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.check_password(passphrase)


@pytest.mark.django_db
def test_after_the_new_password_the_client_stays_logged_in_and_goes_on(client, newcomer):
    login_verified(client, newcomer)
    response = client.post(
        "/account/wachtwoord-wijzigen/",
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "next": "/account/profiel/"},
    )
    assert response["Location"] == "/account/profiel/"
    newcomer.refresh_from_db()
    assert not newcomer.password_change_required
    assert newcomer.one_time_password_expires_at is None
    assert client.get("/account/profiel/").status_code == 200


@pytest.mark.django_db
def test_an_expired_one_time_password_tells_the_user_to_contact_the_organisation(client, newcomer):
    newcomer.one_time_password_expires_at = timezone.now() - timedelta(minutes=1)
    newcomer.save()
    page = submit_password(client, "anna").content.decode()
    assert "Uw eenmalige wachtwoord is verlopen" in page
    assert "0570 123 456" in page
    assert "SMS-inlogcode aanvragen" not in page


@pytest.mark.django_db
def test_a_wrong_password_for_an_expired_account_gets_the_generic_message(client, newcomer):
    newcomer.one_time_password_expires_at = timezone.now() - timedelta(minutes=1)
    newcomer.save()
    page = submit_password(client, "anna", "iets-anders-123").content.decode()
    assert "verlopen" not in page
    assert "De gebruikersnaam of het wachtwoord is niet juist." in page


@pytest.mark.django_db
def test_changing_the_password_from_the_profile_needs_the_current_one(personas):
    client = login_verified(Client(), personas.anna)
    response = client.post(
        "/account/wachtwoord-wijzigen/",
        {"old_password": "fout-fout-fout", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "Uw huidige wachtwoord is niet juist." in response.content.decode()
    response = client.post(
        "/account/wachtwoord-wijzigen/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/account/profiel/"
    personas.anna.refresh_from_db()
    assert personas.anna.check_password(NEW_PASSWORD)
