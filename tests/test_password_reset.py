import re

import pytest
from django.core import mail

from tests.helpers import latest_code, request_code, submit_code, submit_password

NEW_PASSWORD = "lindeboom zonnedal wandelpad"


@pytest.mark.django_db
def test_the_reset_page_answers_the_same_for_known_and_unknown_addresses(client, personas):
    known = client.post("/account/wachtwoord-vergeten/", {"email": "anna@example.org"}, follow=True)
    unknown = client.post("/account/wachtwoord-vergeten/", {"email": "niemand@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]


@pytest.mark.django_db
def test_the_reset_link_sets_a_new_password_but_the_login_still_asks_for_the_sms_code(client, personas):
    client.post("/account/wachtwoord-vergeten/", {"email": "anna@example.org"})
    body = mail.outbox[0].body
    assert "Zorggroep De Linde" in body
    link = re.search(r"https?://[^/]+(/account/herstellen/\S+)", body).group(1)
    form_page = client.get(link, follow=True)
    assert "Nieuw wachtwoord kiezen" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == "/account/herstellen/klaar/"
    assert client.get("/account/profiel/").status_code == 302

    page = submit_password(client, "anna", NEW_PASSWORD).content.decode()
    assert "SMS-inlogcode aanvragen" in page
    request_code(client)
    _prefix, code = latest_code("+31622222222")
    assert submit_code(client, code)["Location"] == "/mijn-dossier/"
    assert client.get("/account/profiel/").status_code == 200


@pytest.mark.django_db
def test_a_used_or_broken_reset_link_shows_a_dutch_message(client, personas):
    page = client.get("/account/herstellen/MQ/abc-123/", follow=True).content.decode()
    assert "Deze link is niet (meer) geldig" in page


@pytest.mark.django_db
def test_an_invalid_email_re_renders_with_a_message(client):
    response = client.post("/account/wachtwoord-vergeten/", {"email": "geen-adres"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert 'value="geen-adres"' in response.content.decode()
