from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from accounts.models import SmsOutboxMessage
from tests.helpers import submit_password
from tests.personas import login_verified


def fail(client, username, times):
    for _ in range(times):
        response = submit_password(client, username, "helemaal-fout-123")
    return response


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_username_with_a_dutch_page(client, personas):
    fail(client, "anna", 4)
    response = fail(client, "anna", 1)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Inloggen is tijdelijk geblokkeerd" in page
    assert "15 minuten" in page


@pytest.mark.django_db
def test_a_locked_username_cannot_log_in_even_with_the_right_password(client, personas):
    fail(client, "anna", 5)
    response = submit_password(client, "anna")
    assert response.status_code == 429
    assert "SMS-inlogcode aanvragen" not in response.content.decode()
    assert AccessAttempt.objects.get(username="anna").failures_since_start >= 5


@pytest.mark.django_db
def test_the_lockout_ends_by_itself_after_the_cooloff_time(client, personas):
    fail(client, "anna", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = submit_password(client, "anna")
    assert response.status_code == 200
    assert "SMS-inlogcode aanvragen" in response.content.decode()


@pytest.mark.django_db
def test_another_username_from_the_same_address_is_not_locked_by_a_few_failures(client, personas):
    fail(client, "anna", 5)
    response = submit_password(client, "ben")
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_address_trying_many_usernames_is_locked(client, personas):
    for number in range(5):
        fail(client, f"gok{number}", 4)
    response = submit_password(client, "ben")
    assert response.status_code == 429


@pytest.mark.django_db
def test_staff_can_lift_a_lockout_in_the_wagtail_admin(client, personas):
    fail(Client(), "anna", 5)
    personas.frank.is_superuser = True
    personas.frank.save()
    admin = login_verified(Client(), personas.frank)
    page = admin.get("/admin/inlogblokkades/").content.decode()
    assert "anna" in page
    attempt = AccessAttempt.objects.get(username="anna")
    admin.post("/admin/inlogblokkades/", {"attempt": attempt.pk})
    assert not AccessAttempt.objects.filter(username="anna").exists()
    assert submit_password(client, "anna").status_code == 200


@pytest.mark.django_db
def test_the_lockout_view_is_not_for_every_staff_member(personas):
    admin = login_verified(Client(), personas.eva)
    assert admin.get("/admin/inlogblokkades/").status_code in (302, 403)


@pytest.mark.django_db
def test_a_locked_out_login_sends_no_sms(client, personas):
    fail(client, "anna", 5)
    client.post("/account/inloggen/", {"request_sms_code": "1"})
    assert not SmsOutboxMessage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["anna ", "\tanna", " anna\n", "\u00a0anna", "ａｎｎａ"])
def test_a_locked_username_stays_locked_when_typed_with_whitespace_or_wide_letters(client, personas, variant):
    fail(client, "anna", 5)
    response = submit_password(client, variant)
    assert response.status_code == 429
    assert "SMS-inlogcode aanvragen" not in response.content.decode()


@pytest.mark.django_db
def test_failures_typed_with_whitespace_count_for_the_same_username(client, personas):
    for variant in ["anna ", "\tanna", "anna", " anna", "anna\n"]:
        submit_password(client, variant, "helemaal-fout-123")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["anna"]
    assert submit_password(client, "anna").status_code == 429
