"""A daily cap on wrong login codes per account, over every login attempt."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.challenges import LOGIN
from accounts.models import LoginCodeBlock, SmsChallenge, SmsOutboxMessage
from tests.helpers import latest_code, request_code, submit_code, submit_password
from tests.personas import login_verified

ANNA = "+31622222222"


def earlier_wrong_codes(user, count, hours_ago=2):
    """Wrong codes from earlier attempts today (each challenge takes at most 5)."""
    created = timezone.now() - timedelta(hours=hours_ago)
    while count > 0:
        tries = min(count, 5)
        SmsChallenge.objects.create(
            user=user,
            purpose=LOGIN,
            prefix="1234",
            code_hash="x$y",
            created_at=created,
            expires_at=created + timedelta(minutes=5),
            attempts=tries,
            voided_at=created if tries == 5 else None,
        )
        count -= tries


def wrong(code):
    return "000000" if code != "000000" else "111111"


@pytest.mark.django_db
def test_wrong_codes_are_capped_per_account_over_a_day_then_the_sms_step_is_blocked(client, personas):
    earlier_wrong_codes(personas.anna, 10)
    submit_password(client, "anna")
    request_code(client)
    _prefix, code = latest_code(ANNA)
    for _ in range(4):
        submit_code(client, wrong(code))
    page = submit_code(client, wrong(code)).content.decode()
    assert "te vaak een verkeerde SMS-inlogcode" in page
    assert LoginCodeBlock.objects.filter(user=personas.anna).exists()

    SmsChallenge.objects.update(created_at=timezone.now() - timedelta(minutes=20))
    sent = SmsOutboxMessage.objects.count()
    fresh = Client()
    submit_password(fresh, "anna")
    page = request_code(fresh).content.decode()
    assert "te vaak een verkeerde SMS-inlogcode" in page
    assert SmsOutboxMessage.objects.count() == sent, "no SMS while the account is blocked"


@pytest.mark.django_db
def test_a_blocked_account_cannot_log_in_even_with_a_right_code(client, personas):
    submit_password(client, "anna")
    request_code(client)
    _prefix, code = latest_code(ANNA)
    earlier_wrong_codes(personas.anna, 15)
    page = submit_code(client, wrong(code)).content.decode()
    assert "te vaak een verkeerde SMS-inlogcode" in page
    page = submit_code(client, code).content.decode()
    assert "te vaak een verkeerde SMS-inlogcode" in page
    assert client.get("/account/profiel/").status_code == 302


@pytest.mark.django_db
def test_the_account_holder_gets_one_email_without_health_data_when_codes_are_blocked(client, personas):
    earlier_wrong_codes(personas.anna, 14)
    submit_password(client, "anna")
    request_code(client)
    _prefix, code = latest_code(ANNA)
    submit_code(client, wrong(code))
    submit_code(client, wrong(code))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "verkeerde SMS-inlogcode" in message.body
    assert code not in message.body
    for health_data in (personas.client_a.client_number, personas.team.name, "zorgplan", "rapportage"):
        assert health_data.lower() not in message.body.lower()


@pytest.mark.django_db
def test_wrong_codes_older_than_a_day_do_not_count(client, personas):
    earlier_wrong_codes(personas.anna, 14, hours_ago=25)
    submit_password(client, "anna")
    request_code(client)
    _prefix, code = latest_code(ANNA)
    submit_code(client, wrong(code))
    assert not LoginCodeBlock.objects.exists()
    assert submit_code(client, code).status_code == 302


@pytest.mark.django_db
def test_the_block_ends_by_itself_after_the_cooloff(client, personas):
    earlier_wrong_codes(personas.anna, 15, hours_ago=26)
    LoginCodeBlock.objects.create(user=personas.anna, failures=15, blocked_at=timezone.now() - timedelta(hours=25))
    submit_password(client, "anna")
    request_code(client)
    _prefix, code = latest_code(ANNA)
    assert submit_code(client, code).status_code == 302


@pytest.mark.django_db
def test_staff_can_lift_a_code_block_on_the_lockout_screen(client, personas):
    block = LoginCodeBlock.objects.create(user=personas.anna, failures=15)
    earlier_wrong_codes(personas.anna, 15)
    personas.frank.is_superuser = True
    personas.frank.save()
    admin = login_verified(Client(), personas.frank)
    page = admin.get("/admin/inlogblokkades/").content.decode()
    assert "Geblokkeerde SMS-inlogcodes" in page
    assert "anna" in page
    admin.post("/admin/inlogblokkades/", {"code_block": block.pk})
    block.refresh_from_db()
    assert block.lifted_at is not None
    assert block.lifted_by == personas.frank

    submit_password(client, "anna")
    request_code(client)
    _prefix, code = latest_code(ANNA)
    assert submit_code(client, code).status_code == 302
