import pytest
from django.urls import reverse

from accounts.models import SmsOutboxMessage
from tests.helpers import LOGIN_URL, latest_code, request_code, submit_code, submit_password


@pytest.mark.django_db
def test_a_client_logs_in_with_password_and_the_sms_code_from_the_outbox(client, personas):
    response = submit_password(client, "anna")
    assert response.status_code == 200
    assert "SMS-inlogcode aanvragen" in response.content.decode()
    assert not SmsOutboxMessage.objects.exists(), "no SMS before the user asks for one"

    response = request_code(client)
    prefix, code = latest_code("+31622222222")
    page = response.content.decode()
    assert f"{prefix} -" in page
    message = SmsOutboxMessage.objects.get()
    assert message.text == f"Uw MijnDossier inlogcode: {prefix}-{code}"

    response = submit_code(client, code, next_url="/account/profiel/")
    assert response.status_code == 302
    assert response["Location"] == "/account/profiel/"
    assert client.get("/account/profiel/").status_code == 200


@pytest.mark.django_db
def test_unknown_user_and_wrong_password_get_the_same_dutch_message(client, personas):
    unknown = submit_password(client, "niemand", "wat-dan-ook-123").content.decode()
    wrong = submit_password(client, "anna", "fout-wachtwoord-123").content.decode()
    message = "De gebruikersnaam of het wachtwoord is niet juist."
    assert message in unknown
    assert message in wrong
    assert not SmsOutboxMessage.objects.exists()


@pytest.mark.django_db
def test_the_profile_sends_an_anonymous_visitor_to_the_login_with_next(client):
    response = client.get("/account/profiel/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next=/account/profiel/"


@pytest.mark.django_db
def test_a_password_alone_does_not_open_the_profile(client, personas):
    client.force_login(personas.anna)
    response = client.get("/account/profiel/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.django_db
def test_the_login_page_is_dutch(client):
    page = client.get(reverse("two_factor:login")).content.decode()
    assert "Inloggen op MijnDossier" in page
    assert "Gebruikersnaam" in page
    assert "Wachtwoord vergeten?" in page
