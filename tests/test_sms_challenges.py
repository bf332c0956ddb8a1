import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts.challenges import LOGIN, SmsChallengeError, issue_sms_challenge, verify_sms_challenge
from accounts.models import SmsChallenge, SmsOutboxMessage
from tests.helpers import latest_code, log_in, request_code, submit_code, submit_password


def code_of(challenge):
    message = SmsOutboxMessage.objects.first()
    prefix, code = re.search(r"(\d{4})-(\d{6})", message.text).groups()
    assert prefix == challenge.prefix
    return code


def make_old(challenge, seconds):
    SmsChallenge.objects.filter(pk=challenge.pk).update(created_at=timezone.now() - timedelta(seconds=seconds))


@pytest.mark.django_db
def test_a_right_code_works_exactly_once(personas):
    challenge = issue_sms_challenge(personas.anna, LOGIN)
    code = code_of(challenge)
    assert verify_sms_challenge(personas.anna, LOGIN, code).ok
    reused = verify_sms_challenge(personas.anna, LOGIN, code)
    assert not reused.ok
    assert reused.error == "Deze code is al gebruikt. Vraag een nieuwe code aan."


@pytest.mark.django_db
def test_the_code_is_stored_only_as_a_hash(personas):
    challenge = issue_sms_challenge(personas.anna, LOGIN)
    assert code_of(challenge) not in challenge.code_hash


@pytest.mark.django_db
def test_an_expired_code_is_refused(personas):
    challenge = issue_sms_challenge(personas.anna, LOGIN)
    code = code_of(challenge)
    SmsChallenge.objects.filter(pk=challenge.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    result = verify_sms_challenge(personas.anna, LOGIN, code)
    assert not result.ok
    assert "verlopen" in result.error


@pytest.mark.django_db
def test_a_code_is_valid_for_at_most_five_minutes(personas):
    challenge = issue_sms_challenge(personas.anna, LOGIN)
    assert challenge.expires_at - challenge.created_at <= timedelta(minutes=5)


@pytest.mark.django_db
def test_five_wrong_tries_void_the_code_even_for_the_right_code_afterwards(personas):
    challenge = issue_sms_challenge(personas.anna, LOGIN)
    code = code_of(challenge)
    wrong = "000000" if code != "000000" else "111111"
    errors = [verify_sms_challenge(personas.anna, LOGIN, wrong).error for _ in range(5)]
    assert "nog 4 keer" in errors[0]
    assert errors[-1] == "U heeft 5 keer een verkeerde code ingevuld. Vraag een nieuwe code aan."
    result = verify_sms_challenge(personas.anna, LOGIN, code)
    assert not result.ok
    assert "Vraag een nieuwe code aan" in result.error


@pytest.mark.django_db
def test_a_code_of_another_purpose_or_user_does_not_count(personas):
    challenge = issue_sms_challenge(personas.anna, "signing")
    code = code_of(challenge)
    assert not verify_sms_challenge(personas.anna, LOGIN, code).ok
    assert not verify_sms_challenge(personas.ben, "signing", code).ok
    assert verify_sms_challenge(personas.anna, "signing", code).ok


@pytest.mark.django_db
def test_a_new_request_voids_the_previous_code_and_has_its_own_prefix(personas):
    first = issue_sms_challenge(personas.anna, LOGIN)
    first_code = code_of(first)
    make_old(first, 60)
    second = issue_sms_challenge(personas.anna, LOGIN)
    second_code = code_of(second)
    result = verify_sms_challenge(personas.anna, LOGIN, first_code)
    # Only the newest challenge is checked (the codes match by chance once in a million).
    assert result.challenge == second
    assert result.ok is (first_code == second_code)
    first.refresh_from_db()
    assert first.voided_at is not None
    assert re.fullmatch(r"\d{4}", second.prefix)


@pytest.mark.django_db
def test_requesting_again_within_thirty_seconds_is_refused(personas):
    issue_sms_challenge(personas.anna, LOGIN)
    with pytest.raises(SmsChallengeError, match="Wacht 30 seconden"):
        issue_sms_challenge(personas.anna, LOGIN)
    assert SmsOutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_at_most_five_codes_per_quarter_of_an_hour(personas):
    for _ in range(5):
        make_old(issue_sms_challenge(personas.anna, LOGIN), 60)
    with pytest.raises(SmsChallengeError, match="te veel codes"):
        issue_sms_challenge(personas.anna, LOGIN)


@pytest.mark.django_db
def test_the_whole_code_with_prefix_is_accepted_too(personas):
    challenge = issue_sms_challenge(personas.anna, LOGIN)
    assert verify_sms_challenge(personas.anna, LOGIN, f"{challenge.prefix}-{code_of(challenge)}").ok


@pytest.mark.django_db
def test_a_wrong_code_at_login_shows_a_dutch_message_and_keeps_the_prefix(client, personas):
    submit_password(client, "anna")
    request_code(client)
    prefix, code = latest_code("+31622222222")
    wrong = "000000" if code != "000000" else "111111"
    page = submit_code(client, wrong).content.decode()
    assert "Deze code klopt niet" in page
    assert f"{prefix} -" in page
    assert client.get("/account/profiel/").status_code == 302


@pytest.mark.django_db
def test_a_used_login_code_cannot_log_in_a_second_browser(client, personas):
    from django.test import Client

    submit_password(client, "anna")
    request_code(client)
    _prefix, code = latest_code("+31622222222")
    assert submit_code(client, code).status_code == 302

    other = Client()
    submit_password(other, "anna")
    page = submit_code(other, code).content.decode()
    assert "Vraag eerst een SMS-code aan" in page or "al gebruikt" in page
    assert other.get("/account/profiel/").status_code == 302


@pytest.mark.django_db
def test_each_login_attempt_gets_a_fresh_code(client, personas):
    log_in(client, personas.anna)
    first = SmsChallenge.objects.get()
    make_old(first, 60)
    client.post("/account/uitloggen/")
    log_in(client, personas.anna)
    second = SmsChallenge.objects.exclude(pk=first.pk).get()
    assert second.used_at is not None
    assert SmsOutboxMessage.objects.count() == 2


@pytest.mark.django_db
def test_resend_throttling_shows_a_dutch_message_on_the_login_page(client, personas):
    submit_password(client, "anna")
    request_code(client)
    page = request_code(client).content.decode()
    assert "Wacht 30 seconden" in page
    assert SmsOutboxMessage.objects.count() == 1


@pytest.mark.django_db
@override_settings(SMS_CODE_MAX_ATTEMPTS=2)
def test_the_maximum_number_of_tries_is_a_setting(personas):
    challenge = issue_sms_challenge(personas.anna, LOGIN)
    code = code_of(challenge)
    wrong = "000000" if code != "000000" else "111111"
    verify_sms_challenge(personas.anna, LOGIN, wrong)
    assert "2 keer" in verify_sms_challenge(personas.anna, LOGIN, wrong).error
    assert not verify_sms_challenge(personas.anna, LOGIN, code).ok


def age_all_codes(seconds=60):
    SmsChallenge.objects.update(created_at=timezone.now() - timedelta(seconds=seconds))


@pytest.mark.django_db
def test_a_second_login_attempt_cannot_see_the_prefix_or_use_the_code_of_the_first(client, personas):
    from django.test import Client

    submit_password(client, "anna")
    request_code(client)
    prefix, code = latest_code("+31622222222")
    age_all_codes()

    other = Client()
    page = submit_password(other, "anna").content.decode()
    assert f"{prefix} -" not in page
    page = submit_code(other, code).content.decode()
    assert "Vraag eerst een SMS-code aan" in page
    assert other.get("/account/profiel/").status_code == 302

    request_code(other)
    other_prefix, _other_code = latest_code("+31622222222")
    page = submit_code(other, code).content.decode()
    assert "Deze code klopt niet" in page
    assert f"{other_prefix} -" in page
    assert other.get("/account/profiel/").status_code == 302


@pytest.mark.django_db
def test_a_password_step_in_another_browser_does_not_void_this_attempts_code(client, personas):
    from django.test import Client

    submit_password(client, "anna")
    request_code(client)
    _prefix, code = latest_code("+31622222222")

    submit_password(Client(), "anna")

    assert submit_code(client, code).status_code == 302
    assert client.get("/account/profiel/").status_code == 200


@pytest.mark.django_db
def test_a_new_password_step_in_the_same_browser_voids_its_earlier_code(client, personas):
    submit_password(client, "anna")
    request_code(client)
    _prefix, code = latest_code("+31622222222")
    submit_password(client, "anna")
    page = submit_code(client, code).content.decode()
    assert "Vraag eerst een SMS-code aan" in page
    assert SmsChallenge.objects.get().voided_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["open", "used", "voided", "expired", "out_of_tries"])
def test_the_screen_and_the_check_agree_on_which_code_is_still_open(personas, state):
    """What `open_for` offers (the prefix a screen shows) is exactly what `verify` still accepts."""
    challenge = issue_sms_challenge(personas.anna, LOGIN)
    code = code_of(challenge)
    now = timezone.now()
    changes = {
        "open": {},
        "used": {"used_at": now},
        "voided": {"voided_at": now},
        "expired": {"expires_at": now - timedelta(seconds=1)},
        "out_of_tries": {"attempts": 2},
    }[state]
    SmsChallenge.objects.filter(pk=challenge.pk).update(**changes)
    with override_settings(SMS_CODE_MAX_ATTEMPTS=2):
        offered = SmsChallenge.objects.open_for(personas.anna, LOGIN) is not None
        assert (challenge in SmsChallenge.objects.open()) == offered
        accepted = verify_sms_challenge(personas.anna, LOGIN, code).ok
    assert offered == accepted == (state == "open")


@pytest.mark.django_db
def test_a_new_request_voids_every_open_code_of_that_purpose_and_no_other(personas):
    from accounts.challenges import CONFIRM

    login = issue_sms_challenge(personas.anna, LOGIN)
    make_old(login, 60)
    confirm = issue_sms_challenge(personas.anna, CONFIRM)
    make_old(confirm, 60)
    issue_sms_challenge(personas.anna, LOGIN)
    assert not SmsChallenge.objects.open().filter(pk=login.pk).exists()
    assert SmsChallenge.objects.open().filter(pk=confirm.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("with_device", [True, False])
def test_login_codes_signing_requests_and_message_notifications_go_to_one_number(personas, with_device):
    """The confirmed SMS device wins over the account's mobile number, for every kind of SMS the portal sends."""
    from two_factor.plugins.phonenumber.models import PhoneDevice

    from conversations import notifications
    from conversations import services as conversation_services
    from conversations.models import Channel, Notification, NotificationKind
    from dossier.factories import make_plan
    from dossier.models import PlanStatus
    from signing import services as signing_services

    anna = personas.anna
    if with_device:
        PhoneDevice.objects.filter(user=anna).update(number="+31600000042")
        expected = "+31600000042"
    else:
        PhoneDevice.objects.filter(user=anna).delete()
        expected = "+31622222222"
    issue_sms_challenge(anna, LOGIN)
    signing_services.request_signature(make_plan(personas.client_a, status=PlanStatus.FINAL), [anna], personas.dirk)
    posted = conversation_services.start_conversation(personas.client_a, personas.ben, "Vraag", "Hoe gaat het?")
    notification = Notification.objects.create(
        recipient=anna,
        conversation=posted.message.conversation,
        kind=NotificationKind.NEW_MESSAGE,
        channel=Channel.SMS,
        idempotency_key="een-nummer",
    )
    notifications.deliver(notification.pk)
    assert anna.sms_number() == expected
    assert list(SmsOutboxMessage.objects.values_list("number", flat=True)) == [expected] * 3
