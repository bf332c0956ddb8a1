import re
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import SmsChallenge, UserSession
from accounts.sessions import LOGIN_AT_KEY
from tests.helpers import log_in
from tests.personas import login_verified


@pytest.mark.django_db
def test_a_session_ends_after_the_hard_maximum_even_when_active(personas):
    client = login_verified(Client(), personas.anna)
    session = client.session
    session[LOGIN_AT_KEY] = (timezone.now() - timedelta(hours=12, minutes=1)).timestamp()
    session.save()
    response = client.get("/account/profiel/")
    assert response["Location"].startswith("/account/inloggen/")
    assert "reden=sessie-verlopen" in response["Location"]
    assert "Uw sessie is verlopen" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
@override_settings(SESSION_MAX_AGE_SECONDS=60)
def test_the_maximum_session_age_is_a_setting(personas):
    client = login_verified(Client(), personas.anna)
    session = client.session
    session[LOGIN_AT_KEY] = (timezone.now() - timedelta(seconds=61)).timestamp()
    session.save()
    assert client.get("/account/profiel/").status_code == 302


def test_sessions_are_short_and_end_when_the_browser_closes(settings):
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY


@pytest.mark.django_db
def test_login_gives_a_new_session_id(client, personas):
    client.get("/account/inloggen/")
    client.post("/account/inloggen/", {"portal_login_view-current_step": "auth", "auth-username": "x"})
    before = client.session.session_key
    log_in(client, personas.anna)
    assert client.session.session_key != before


@pytest.mark.django_db
def test_the_profile_lists_the_active_sessions_and_ends_the_others(personas):
    phone = Client(HTTP_USER_AGENT="Telefoonbrowser")
    laptop = Client(HTTP_USER_AGENT="Laptopbrowser")
    log_in(phone, personas.anna)
    # The resend throttle allows one code per 30 seconds.
    SmsChallenge.objects.update(created_at=timezone.now() - timedelta(minutes=1))
    log_in(laptop, personas.anna)
    page = laptop.get("/account/profiel/").content.decode()
    assert "Telefoonbrowser" in page
    assert "Laptopbrowser" in page
    assert UserSession.objects.filter(user=personas.anna).count() == 2

    laptop.post("/account/profiel/sessies-beeindigen/")
    assert phone.get("/account/profiel/").status_code == 302
    assert laptop.get("/account/profiel/").status_code == 200
    assert UserSession.objects.filter(user=personas.anna).count() == 1


@pytest.mark.django_db
def test_logout_is_a_post_and_ends_the_session(personas):
    client = login_verified(Client(), personas.anna)
    assert client.get("/account/uitloggen/").status_code == 405
    response = client.post("/account/uitloggen/")
    assert response["Location"] == "/account/inloggen/?reden=uitgelogd"
    assert client.get("/account/profiel/").status_code == 302
    assert not UserSession.objects.exists()


@pytest.mark.django_db
def test_opening_the_logout_address_shows_a_dutch_page_with_a_logout_button(personas):
    client = login_verified(Client(), personas.anna)
    response = client.get("/account/uitloggen/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "<h1>Uitloggen</h1>" in page
    assert re.search(r'<form method="post" action="/account/uitloggen/"', page)
    assert "csrfmiddlewaretoken" in page
    assert client.get("/account/profiel/").status_code == 200, "a GET must not log out"


@pytest.mark.django_db
def test_opening_the_logout_address_when_logged_out_links_to_the_login_page():
    response = Client().get("/account/uitloggen/")
    assert response.status_code == 405
    page = response.content.decode()
    assert "U bent niet ingelogd" in page
    assert 'href="/account/inloggen/"' in page


@pytest.mark.django_db
def test_every_logged_in_account_page_has_a_logout_button(personas):
    client = login_verified(Client(), personas.anna)
    page = client.get("/account/profiel/").content.decode()
    assert 'action="/account/uitloggen/"' in page


def _expire_sessions():
    from django.contrib.sessions.models import Session

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


@pytest.mark.parametrize("idle_seconds, text", [(15 * 60, "15 minuten"), (10 * 60, "10 minuten")])
def test_after_the_idle_timeout_the_login_page_says_the_user_was_inactive_for_the_configured_minutes(
    personas, dossier_page, settings, idle_seconds, text
):
    settings.SESSION_COOKIE_AGE = idle_seconds
    browser = login_verified(Client(), personas.anna)
    _expire_sessions()
    response = browser.get("/mijn-dossier/rapportages/", follow=True)
    body = response.content.decode()
    assert "reden=inactief" in response.redirect_chain[0][0]
    assert f"U was {text} niet actief" in body


def test_a_visitor_without_an_old_session_gets_no_inactivity_notice(client, dossier_page):
    body = client.get("/mijn-dossier/", follow=True).content.decode()
    assert "niet actief" not in body


def test_an_expired_login_step_says_so_with_u(client, personas):
    body = client.post("/account/inloggen/", {"request_sms_code": "1"}).content.decode()
    assert "Je sessie" not in body
    assert "Uw inlogpoging duurde te lang" in body
