import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.plugins.phonenumber.models import PhoneDevice

from accounts.challenges import CONFIRM
from accounts.models import SmsChallenge
from accounts.services import create_portal_account, deactivate_account, reset_second_factor
from tests.helpers import confirm_with_password_and_sms, log_in, submit_password
from tests.personas import login_verified


@pytest.mark.django_db(transaction=True)
def test_a_new_account_gets_a_one_time_password_an_sms_device_and_a_welcome_email():
    user, one_time_password = create_portal_account(
        username="sanne",
        first_name="Sanne",
        last_name="Visser",
        email="sanne@example.org",
        mobile_number="0612345670",
    )
    assert user.password_change_required
    assert user.check_password(one_time_password)
    assert len(one_time_password) >= 16
    assert str(user.mobile_number) == "+31612345670"
    assert (
        timezone.now() + timedelta(days=13) < user.one_time_password_expires_at <= timezone.now() + timedelta(days=14)
    )
    device = PhoneDevice.objects.get(user=user)
    assert (device.name, device.method, device.confirmed) == ("default", "sms", True)
    (message,) = mail.outbox
    assert message.to == ["sanne@example.org"]
    assert "sanne" in message.body
    assert one_time_password in message.body
    assert "/account/inloggen/" in message.body


@pytest.mark.django_db
def test_a_deactivated_account_cannot_log_in_and_its_sessions_end(personas):
    browser = Client()
    log_in(browser, personas.anna)
    assert browser.get("/account/profiel/").status_code == 200

    deactivate_account(personas.anna)

    response = browser.get("/account/profiel/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")
    page = submit_password(Client(), "anna").content.decode()
    assert "De gebruikersnaam of het wachtwoord is niet juist." in page


@pytest.mark.django_db
def test_resetting_the_second_factor_removes_app_and_backup_codes(personas):
    TOTPDevice.objects.create(user=personas.anna, name="authenticator")
    StaticDevice.objects.create(user=personas.anna, name="backup")
    personas.anna.mobile_number = "+31699999999"
    personas.anna.save()
    reset_second_factor(personas.anna)
    assert not TOTPDevice.objects.filter(user=personas.anna).exists()
    assert not StaticDevice.objects.filter(user=personas.anna).exists()
    assert PhoneDevice.objects.get(user=personas.anna).number == "+31699999999"


@pytest.mark.django_db
def test_changing_the_mobile_number_asks_for_password_and_a_fresh_code_first(personas):
    client = login_verified(Client(), personas.anna)
    response = client.get("/account/gegevens-wijzigen/")
    assert response["Location"] == "/account/bevestigen/?next=%2Faccount%2Fgegevens-wijzigen%2F"

    response = confirm_with_password_and_sms(client, "+31622222222", "/account/gegevens-wijzigen/")
    assert response["Location"] == "/account/gegevens-wijzigen/"
    assert personas.anna.sms_challenges.get(purpose=CONFIRM).used_at is not None

    SmsChallenge.objects.update(created_at=timezone.now() - timedelta(minutes=1))  # past the resend interval
    response = client.post(
        "/account/gegevens-wijzigen/", {"email": "anna@nieuw.example", "mobile_number": "06 87654321"}
    )
    # The new number is confirmed with a code of its own first: tests/test_change_mobile.py.
    assert response["Location"] == "/account/gegevens-wijzigen/mobiel-bevestigen/"
    personas.anna.refresh_from_db()
    assert str(personas.anna.mobile_number) == "+31622222222"


@pytest.mark.django_db
def test_a_wrong_password_on_the_confirmation_keeps_the_change_closed(personas):
    client = login_verified(Client(), personas.anna)
    client.post("/account/bevestigen/", {"request_code": "1"})
    response = client.post("/account/bevestigen/", {"password": "fout", "code": "123456"})
    assert "Uw wachtwoord is niet juist." in response.content.decode()
    assert client.get("/account/gegevens-wijzigen/").status_code == 302


@pytest.mark.django_db
def test_an_invalid_mobile_number_re_renders_with_a_dutch_message(personas):
    client = login_verified(Client(), personas.anna)
    confirm_with_password_and_sms(client, "+31622222222", "/account/gegevens-wijzigen/")
    response = client.post("/account/gegevens-wijzigen/", {"email": "anna@example.org", "mobile_number": "12"})
    page = response.content.decode()
    assert "Vul een geldig mobiel nummer in" in page
    assert 'value="12"' in page


@pytest.mark.django_db
def test_the_authenticator_app_setup_is_behind_the_confirmation(personas):
    client = login_verified(Client(), personas.anna)
    assert client.get("/account/authenticator-app/")["Location"].startswith("/account/bevestigen/")
    confirm_with_password_and_sms(client, "+31622222222", "/account/authenticator-app/")
    page = client.get("/account/authenticator-app/").content.decode()
    assert "Authenticator-app instellen" in page
    assert client.get("/account/authenticator-app/qr/").status_code == 200


@pytest.mark.django_db
def test_the_authenticator_app_names_the_issuer_from_its_setting_in_the_link_the_qr_code_and_the_device(personas):
    from base64 import b32decode
    from unittest import mock
    from urllib.parse import parse_qs, urlsplit

    import qrcode
    from django.test import override_settings
    from django_otp.oath import TOTP

    client = login_verified(Client(), personas.anna)
    confirm_with_password_and_sms(client, "+31622222222", "/account/authenticator-app/")

    def issuer_of(otpauth_url):
        return parse_qs(urlsplit(otpauth_url).query)["issuer"]

    with override_settings(OTP_TOTP_ISSUER="Zorg Test"):
        setup = client.get("/account/authenticator-app/")
        assert issuer_of(setup.context["otpauth_url"]) == ["Zorg Test"]
        with mock.patch("two_factor.views.core.qrcode.make", wraps=qrcode.make) as make:
            assert client.get("/account/authenticator-app/qr/").status_code == 200
        assert issuer_of(make.call_args.args[0]) == ["Zorg Test"]
        token = TOTP(b32decode(setup.context["secret"])).token()
        client.post("/account/authenticator-app/", {"token": f"{token:06d}"})
        device = TOTPDevice.objects.get(user=personas.anna)
        assert issuer_of(device.config_url) == ["Zorg Test"]


@pytest.mark.django_db
def test_backup_codes_can_log_in_once_instead_of_the_sms(personas):
    client = login_verified(Client(), personas.anna)
    confirm_with_password_and_sms(client, "+31622222222", "/account/herstelcodes/")
    page = client.post("/account/herstelcodes/").content.decode()
    codes = re.findall(r"<code>(\w+)</code>", page)
    assert len(codes) == 10

    browser = Client()
    submit_password(browser, "anna")
    browser.post("/account/inloggen/", {"wizard_goto_step": "backup"})
    response = browser.post(
        "/account/inloggen/", {"portal_login_view-current_step": "backup", "backup-otp_token": codes[0]}
    )
    assert response.status_code == 302
    assert browser.get("/account/profiel/").status_code == 200
    assert StaticDevice.objects.get(user=personas.anna).token_set.count() == 9
