"""Changing the mobile number: the new number must receive a code before it becomes the second factor."""

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from django.utils import timezone
from two_factor.plugins.phonenumber.models import PhoneDevice

from accounts.challenges import VERIFY_MOBILE
from accounts.models import SmsChallenge, SmsOutboxMessage
from accounts.views.profile import PENDING_MOBILE_SESSION_KEY
from tests.helpers import confirm_with_password_and_sms, log_in
from tests.personas import login_verified

OLD = "+31622222222"
NEW = "+31687654321"
CHANGE = "/account/gegevens-wijzigen/"
VERIFY = "/account/gegevens-wijzigen/mobiel-bevestigen/"


def age_challenges(user, seconds=60):
    """Move earlier codes back in time, past the resend interval of the challenge service."""
    SmsChallenge.objects.filter(user=user).update(created_at=F("created_at") - timedelta(seconds=seconds))


def code_sent_to(number):
    return re.search(r"(\d{4})-(\d{6})", SmsOutboxMessage.objects.filter(number=number).first().text).groups()


def assert_old_number_in_force(user):
    user.refresh_from_db()
    assert str(user.mobile_number) == OLD
    assert PhoneDevice.objects.get(user=user, name="default").number == OLD


@pytest.fixture
def anna_with_a_pending_number(personas):
    client = login_verified(Client(), personas.anna)
    confirm_with_password_and_sms(client, OLD, CHANGE)
    age_challenges(personas.anna)
    response = client.post(CHANGE, {"email": "anna@nieuw.example", "mobile_number": "06 87654321"})
    assert response["Location"] == VERIFY
    return client


@pytest.mark.django_db
def test_the_new_number_receives_a_code_and_replaces_the_old_one_only_after_it_is_entered(
    personas, anna_with_a_pending_number
):
    client = anna_with_a_pending_number
    prefix, code = code_sent_to(NEW)
    assert client.session[PENDING_MOBILE_SESSION_KEY]["number"] == NEW
    assert_old_number_in_force(personas.anna)

    page = client.get(VERIFY).content.decode()
    assert f"{prefix} -" in page
    assert "06 87654321" in page

    response = client.post(VERIFY, {"code": code})
    assert response["Location"] == "/account/profiel/"
    personas.anna.refresh_from_db()
    assert str(personas.anna.mobile_number) == NEW
    assert PhoneDevice.objects.get(user=personas.anna, name="default").number == NEW
    assert PENDING_MOBILE_SESSION_KEY not in client.session
    assert "Uw nieuwe mobiele nummer is bevestigd." in client.get("/account/profiel/").content.decode()


@pytest.mark.django_db
def test_the_email_address_is_saved_at_once_while_the_number_waits(personas, anna_with_a_pending_number):
    personas.anna.refresh_from_db()
    assert personas.anna.email == "anna@nieuw.example"
    assert str(personas.anna.mobile_number) == OLD


@pytest.mark.django_db
def test_a_wrong_code_changes_nothing_and_a_new_code_can_be_requested(personas, anna_with_a_pending_number):
    client = anna_with_a_pending_number
    _prefix, code = code_sent_to(NEW)
    wrong = "000000" if code != "000000" else "111111"

    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert f'value="{wrong}"' in response.content.decode()
    assert_old_number_in_force(personas.anna)

    age_challenges(personas.anna)
    client.post(VERIFY, {"request_code": "1"})
    assert SmsOutboxMessage.objects.filter(number=NEW).count() == 2
    assert not client.post(VERIFY, {"code": code}).has_header("Location"), "the first code was voided"
    assert_old_number_in_force(personas.anna)

    _prefix, new_code = code_sent_to(NEW)
    assert client.post(VERIFY, {"code": new_code})["Location"] == "/account/profiel/"
    personas.anna.refresh_from_db()
    assert str(personas.anna.mobile_number) == NEW


@pytest.mark.django_db
def test_an_expired_code_changes_nothing_and_asks_for_a_new_one(personas, anna_with_a_pending_number):
    client = anna_with_a_pending_number
    _prefix, code = code_sent_to(NEW)
    SmsChallenge.objects.filter(purpose=VERIFY_MOBILE).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(VERIFY, {"code": code})
    assert "Deze code is verlopen. Vraag een nieuwe code aan." in response.content.decode()
    assert_old_number_in_force(personas.anna)


@pytest.mark.django_db
def test_the_old_number_still_gets_the_login_code_until_the_new_one_is_confirmed(personas, anna_with_a_pending_number):
    age_challenges(personas.anna)
    response = log_in(Client(), personas.anna)
    assert response.status_code == 302
    assert SmsOutboxMessage.objects.first().number == OLD
    assert SmsOutboxMessage.objects.filter(number=NEW).count() == 1


@pytest.mark.django_db
def test_a_code_request_refused_by_the_throttle_keeps_the_form_and_changes_nothing(personas):
    client = login_verified(Client(), personas.anna)
    confirm_with_password_and_sms(client, OLD, CHANGE)  # a code was sent seconds ago
    response = client.post(CHANGE, {"email": "anna@nieuw.example", "mobile_number": "06 87654321"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "U heeft net een code aangevraagd." in page
    assert 'value="06 87654321"' in page
    assert PENDING_MOBILE_SESSION_KEY not in client.session
    assert not SmsOutboxMessage.objects.filter(number=NEW).exists()
    assert_old_number_in_force(personas.anna)
    personas.anna.refresh_from_db()
    assert personas.anna.email != "anna@nieuw.example"


@pytest.mark.django_db
def test_changing_only_the_email_address_needs_no_new_code(personas):
    client = login_verified(Client(), personas.anna)
    confirm_with_password_and_sms(client, OLD, CHANGE)
    response = client.post(CHANGE, {"email": "anna@nieuw.example", "mobile_number": "06 22222222"})
    assert response["Location"] == "/account/profiel/"
    personas.anna.refresh_from_db()
    assert personas.anna.email == "anna@nieuw.example"
    assert not SmsChallenge.objects.filter(purpose=VERIFY_MOBILE).exists()
    assert_old_number_in_force(personas.anna)


@pytest.mark.django_db
def test_the_confirmation_page_without_a_pending_number_goes_back_to_the_form(personas):
    client = login_verified(Client(), personas.anna)
    assert client.get(VERIFY)["Location"].startswith("/account/bevestigen/")
    confirm_with_password_and_sms(client, OLD, VERIFY)
    assert client.get(VERIFY)["Location"] == CHANGE
