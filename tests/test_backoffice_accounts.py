"""Portal accounts in the admin: create with dossier access, deactivate, reset the SMS factor after an ID check."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.plugins.phonenumber.models import PhoneDevice

from dossier.models import AccessAction, AccessLogEntry, DossierAccess, RelationshipType
from tests.personas import login_verified

User = get_user_model()
ACCOUNTS = "/admin/backoffice/portalaccount/"


@pytest.fixture
def dirk(client, personas):
    return login_verified(client, personas.dirk)


def account_data(personas, **overrides):
    data = {
        "first_name": "Joke",
        "last_name": "Jansen",
        "username": "",
        "email": "joke.jansen@example.org",
        "mobile_number": "06 12345678",
        "client": personas.client_a.pk,
        "role": RelationshipType.INFORMAL,
        "valid_from": "2026-01-01",
        "valid_until": "",
    }
    data.update(overrides)
    return data


def test_a_care_worker_sees_only_accounts_with_access_to_their_teams_clients(dirk, personas):
    html = dirk.get(ACCOUNTS).content.decode()
    assert "anna@example.org" in html and "ben@example.org" in html
    assert "carla@example.org" not in html
    assert "eva@example.org" not in html


def test_a_care_worker_gets_404_for_an_account_of_another_team(dirk, personas):
    for action in ("edit", "inspect", "deactivate", "reset_second_factor"):
        assert dirk.get(f"{ACCOUNTS}{action}/{personas.carla.pk}/").status_code == 404, action


def test_staff_accounts_are_not_portal_accounts(dirk, personas):
    assert dirk.get(f"{ACCOUNTS}edit/{personas.eva.pk}/").status_code == 404


def test_creating_an_account_gives_dossier_access_and_sends_the_welcome_mail(
    dirk, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = dirk.post(f"{ACCOUNTS}create/", account_data(personas))

    assert response.status_code == 302
    joke = User.objects.get(email="joke.jansen@example.org")
    assert joke.username == "jjansen"
    assert joke.password_change_required
    assert str(joke.mobile_number) == "+31612345678"
    access = DossierAccess.objects.get(user=joke)
    assert access.client == personas.client_a and access.relationship == RelationshipType.INFORMAL
    assert PhoneDevice.objects.filter(user=joke, confirmed=True).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["joke.jansen@example.org"]
    assert "jjansen" in mail.outbox[0].body
    assert AccessLogEntry.objects.filter(client=personas.client_a, action=AccessAction.CHANGE).exists()


def test_the_account_form_offers_only_the_care_workers_clients(dirk, personas):
    html = dirk.get(f"{ACCOUNTS}create/").content.decode()
    assert f'value="{personas.client_a.pk}"' in html
    assert f'value="{personas.client_c.pk}"' not in html


def test_an_account_for_a_client_of_another_team_is_refused_and_the_form_keeps_the_input(dirk, personas):
    response = dirk.post(f"{ACCOUNTS}create/", account_data(personas, client=personas.client_c.pk))
    assert response.status_code == 200
    assert not User.objects.filter(email="joke.jansen@example.org").exists()
    html = response.content.decode()
    assert "Het account is niet aangemaakt" in html
    assert 'value="Joke"' in html


def test_an_invalid_mobile_number_gets_a_dutch_message(dirk, personas):
    response = dirk.post(f"{ACCOUNTS}create/", account_data(personas, mobile_number="12"))
    assert response.status_code == 200
    assert "Vul een geldig mobiel nummer in" in response.content.decode()


def test_a_second_account_with_the_same_email_is_refused_with_advice(dirk, personas):
    response = dirk.post(f"{ACCOUNTS}create/", account_data(personas, email="ben@example.org"))
    assert response.status_code == 200
    assert "Dossiertoegang" in response.content.decode()


def test_a_taken_username_is_refused(dirk, personas):
    response = dirk.post(f"{ACCOUNTS}create/", account_data(personas, username="Anna"))
    assert "al in gebruik" in response.content.decode()


def test_deactivating_an_account_needs_confirmation(dirk, personas):
    response = dirk.post(f"{ACCOUNTS}deactivate/{personas.anna.pk}/", {})
    assert response.status_code == 200
    personas.anna.refresh_from_db()
    assert personas.anna.is_active


def test_a_care_worker_deactivates_an_account(dirk, personas):
    response = dirk.post(f"{ACCOUNTS}deactivate/{personas.anna.pk}/", {"confirm": "on"})
    assert response.status_code == 302
    personas.anna.refresh_from_db()
    assert not personas.anna.is_active
    assert User.objects.filter(pk=personas.anna.pk).exists()


def test_accounts_cannot_be_deleted_in_the_admin(dirk, personas):
    dirk.post(f"{ACCOUNTS}delete/{personas.anna.pk}/")
    assert User.objects.filter(pk=personas.anna.pk).exists()


def test_resetting_the_second_factor_requires_the_identity_check(dirk, personas):
    TOTPDevice.objects.create(user=personas.anna, name="app", confirmed=True)
    response = dirk.post(f"{ACCOUNTS}reset_second_factor/{personas.anna.pk}/", {"method": "in_person"})
    assert response.status_code == 200
    assert "Controleer eerst de identiteit" in response.content.decode()
    assert TOTPDevice.objects.filter(user=personas.anna).exists()


def test_resetting_the_second_factor_after_the_identity_check_sets_sms_to_the_new_number(dirk, personas):
    TOTPDevice.objects.create(user=personas.anna, name="app", confirmed=True)
    response = dirk.post(
        f"{ACCOUNTS}reset_second_factor/{personas.anna.pk}/",
        {"identity_checked": "on", "method": "in_person", "mobile_number": "06 87654321"},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=personas.anna).exists()
    device = PhoneDevice.objects.get(user=personas.anna)
    assert str(device.number) == "+31687654321"
    entry = AccessLogEntry.objects.get(object_type="second_factor")
    assert "Persoonlijk" in entry.detail


def test_communicatie_cannot_create_portal_accounts(client, personas):
    login_verified(client, personas.eva)
    client.post(f"{ACCOUNTS}create/", account_data(personas))
    assert not User.objects.filter(email="joke.jansen@example.org").exists()


def test_the_prefilled_access_start_date_uses_the_iso_value_a_date_input_accepts(dirk, personas):
    html = dirk.get(f"{ACCOUNTS}create/").content.decode()
    assert f'type="date" name="valid_from" value="{timezone.localdate().isoformat()}"' in html


def test_every_date_input_of_our_forms_renders_an_iso_value():
    from datetime import date

    from django.utils import translation

    from backoffice.forms import PortalAccountForm
    from dossier_pages.periods import APPOINTMENTS, PeriodForm
    from home.application import DateOfBirthField

    day = date(2026, 12, 1)
    with translation.override("nl"):
        widgets = [
            PortalAccountForm.base_fields["valid_from"].widget,
            PortalAccountForm.base_fields["valid_until"].widget,
            PeriodForm(APPOINTMENTS).fields["van"].widget,
            DateOfBirthField().widget,
        ]
        for widget in widgets:
            assert 'value="2026-12-01"' in widget.render("d", day), widget
