"""Every state-changing form carries an idempotency key: a retry is answered "already received", stored once."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db.models import F
from django.utils import timezone

from accounts.models import SmsChallenge, SmsOutboxMessage
from dossier.models import ClientPlan, PlanStatus
from home.models import ApplicationFormPage, ApplicationSubmission
from lib import idempotency
from lib.models import SubmissionKey
from signing import services as signing_services
from signing.models import PlanSignature, RequestStatus, SignatureRequest
from tests.helpers import confirm_with_password_and_sms, latest_signing_code, request_signing_code, sign_url
from tests.personas import PASSWORD, login_verified
from tests.test_application_form import valid_data

pytestmark = pytest.mark.django_db

APPLICATION_URL = "/toegang-aanvragen/"
ALREADY = "Wij hadden dit al van u ontvangen"


def rendered_key(html: str) -> str:
    found = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', html)
    assert found, "the form carries no idempotency key"
    return found.group(1)


@pytest.fixture
def application_names(public_site):
    page = ApplicationFormPage.objects.get()
    return {field.label: field.clean_name for field in page.get_form_fields()}


def test_the_application_form_carries_a_fresh_key_each_time_it_is_shown(client, application_names):
    first = rendered_key(client.get(APPLICATION_URL).content.decode())
    second = rendered_key(client.get(APPLICATION_URL).content.decode())
    assert first != second


def test_a_retried_application_form_submission_is_stored_once(client, application_names):
    data = valid_data(application_names, idempotency_key=rendered_key(client.get(APPLICATION_URL).content.decode()))
    first = client.post(APPLICATION_URL, data)
    again = client.post(APPLICATION_URL, data)
    assert "Bedankt, wij hebben uw aanvraag ontvangen" in first.content.decode()
    assert again.status_code == 200
    assert ALREADY in again.content.decode()
    assert ApplicationSubmission.objects.count() == 1
    assert "idempotency_key" not in ApplicationSubmission.objects.get().form_data


def test_an_application_whose_response_was_lost_after_the_commit_is_answered_already_received(
    client, application_names
):
    """The first attempt is stored, then rendering the thank-you page fails (the visitor sees the error page)."""
    data = valid_data(application_names, idempotency_key=idempotency.new_key())
    client.raise_request_exception = False
    with mock.patch.object(ApplicationFormPage, "render_landing_page", side_effect=RuntimeError("verbinding weg")):
        assert client.post(APPLICATION_URL, data).status_code == 500
    assert ApplicationSubmission.objects.count() == 1
    again = client.post(APPLICATION_URL, data)
    assert ALREADY in again.content.decode()
    assert ApplicationSubmission.objects.count() == 1


def test_an_application_whose_staff_e_mail_failed_is_not_stored_again_when_retried(client, application_names):
    data = valid_data(application_names, idempotency_key=idempotency.new_key())
    client.raise_request_exception = False
    with mock.patch.object(ApplicationFormPage, "send_mail", side_effect=RuntimeError("mail weg")):
        assert client.post(APPLICATION_URL, data).status_code == 500
    again = client.post(APPLICATION_URL, data)
    assert ALREADY in again.content.decode()
    assert ApplicationSubmission.objects.count() == 1


def test_an_application_rolled_back_with_its_key_is_stored_when_retried(client, application_names):
    data = valid_data(application_names, idempotency_key=idempotency.new_key())
    client.raise_request_exception = False
    with mock.patch.object(ApplicationSubmission.objects, "create", side_effect=RuntimeError("database weg")):
        assert client.post(APPLICATION_URL, data).status_code == 500
    assert not SubmissionKey.objects.exists()
    again = client.post(APPLICATION_URL, data)
    assert "Bedankt, wij hebben uw aanvraag ontvangen" in again.content.decode()
    assert ALREADY not in again.content.decode()
    assert ApplicationSubmission.objects.count() == 1


def test_two_applications_with_different_keys_are_both_stored(client, application_names):
    client.post(APPLICATION_URL, valid_data(application_names, idempotency_key=idempotency.new_key()))
    client.post(APPLICATION_URL, valid_data(application_names, idempotency_key=idempotency.new_key()))
    assert ApplicationSubmission.objects.count() == 2


def test_a_malformed_key_is_ignored_and_the_application_still_stored(client, application_names):
    response = client.post(APPLICATION_URL, valid_data(application_names, idempotency_key="x\x00' OR 1=1"))
    assert "Bedankt, wij hebben uw aanvraag ontvangen" in response.content.decode()
    assert ApplicationSubmission.objects.count() == 1


def test_keys_older_than_a_week_are_forgotten(db):
    old = SubmissionKey.objects.create(form="f", owner="anonymous", key="a" * 32)
    SubmissionKey.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=8))
    SubmissionKey.objects.create(form="f", owner="anonymous", key="b" * 32)
    assert idempotency.forget_old_keys() == 1
    assert list(SubmissionKey.objects.values_list("key", flat=True)) == ["b" * 32]


def test_a_key_is_claimed_once_per_form_and_owner(db):
    assert idempotency.claim("f", None, "c" * 32)
    assert not idempotency.claim("f", None, "c" * 32)
    assert idempotency.claim("other-form", None, "c" * 32)


# --- Signing a plan ------------------------------------------------------------------------------------


@pytest.fixture
def waiting_plan(personas, dossier_page):
    plan = ClientPlan.objects.create(
        client=personas.client_a,
        title="Cliëntplan",
        version=1,
        period_start=timezone.localdate(),
        content="Doelen\n1. Samen de dag doornemen.",
        status=PlanStatus.FINAL,
    )
    return signing_services.request_signature(plan, [personas.anna], requested_by=personas.dirk).plan


def test_the_sign_and_decline_forms_carry_a_key(client, personas, waiting_plan):
    anna = login_verified(client, personas.anna)
    request_signing_code(anna, waiting_plan)
    html = anna.get(sign_url(waiting_plan)).content.decode()
    assert len(set(re.findall(r'name="idempotency_key" value="([0-9a-f]{32})"', html))) == 2


def test_a_retried_plan_signature_is_answered_already_received_and_signed_once(client, personas, waiting_plan):
    anna = login_verified(client, personas.anna)
    request_signing_code(anna, waiting_plan)
    _prefix, code = latest_signing_code(personas.anna)
    data = {"action": "sign", "agree": "on", "code": code, "idempotency_key": idempotency.new_key()}
    assert anna.post(sign_url(waiting_plan), data).status_code == 302
    retry = anna.post(sign_url(waiting_plan), data, follow=True)
    assert retry.status_code == 200
    assert ALREADY in retry.content.decode()
    assert "al ondertekend" not in retry.content.decode()
    assert PlanSignature.objects.filter(plan=waiting_plan).count() == 1


def test_a_plan_signature_whose_response_was_lost_after_the_commit_is_answered_already_received(
    client, personas, waiting_plan
):
    anna = login_verified(client, personas.anna)
    request_signing_code(anna, waiting_plan)
    _prefix, code = latest_signing_code(personas.anna)
    data = {"action": "sign", "agree": "on", "code": code, "idempotency_key": idempotency.new_key()}
    anna.raise_request_exception = False
    with mock.patch("signing.views._log", side_effect=RuntimeError("verbinding weg")):
        assert anna.post(sign_url(waiting_plan), data).status_code == 500
    assert PlanSignature.objects.filter(plan=waiting_plan).count() == 1
    retry = anna.post(sign_url(waiting_plan), data, follow=True)
    assert ALREADY in retry.content.decode()


def test_a_wrong_code_does_not_use_up_the_key_of_the_sign_form(client, personas, waiting_plan):
    anna = login_verified(client, personas.anna)
    request_signing_code(anna, waiting_plan)
    _prefix, code = latest_signing_code(personas.anna)
    key = idempotency.new_key()
    wrong = "000000" if code != "000000" else "111111"
    data = {"action": "sign", "agree": "on", "idempotency_key": key}
    anna.post(sign_url(waiting_plan), {**data, "code": wrong})
    response = anna.post(sign_url(waiting_plan), {**data, "code": code})
    assert response.status_code == 302
    assert PlanSignature.objects.filter(plan=waiting_plan).count() == 1


def test_a_retried_decline_is_answered_already_received_and_staff_are_told_once(client, personas, waiting_plan):
    anna = login_verified(client, personas.anna)
    mail.outbox.clear()
    data = {"action": "decline", "comment": "Eerst overleggen.", "idempotency_key": idempotency.new_key()}
    assert anna.post(sign_url(waiting_plan), data).status_code == 302
    retry = anna.post(sign_url(waiting_plan), data, follow=True)
    assert ALREADY in retry.content.decode()
    assert len(mail.outbox) == 1
    assert SignatureRequest.objects.get(plan=waiting_plan).status == RequestStatus.DECLINED


# --- Account changes -----------------------------------------------------------------------------------

PASSWORD_URL = "/account/wachtwoord-wijzigen/"
CONTACT_URL = "/account/gegevens-wijzigen/"


def test_the_password_and_contact_forms_carry_a_key(client, personas):
    anna = login_verified(client, personas.anna)
    rendered_key(anna.get(PASSWORD_URL).content.decode())
    confirm_with_password_and_sms(anna, str(personas.anna.mobile_number), CONTACT_URL)
    rendered_key(anna.get(CONTACT_URL).content.decode())


def test_a_retried_password_change_is_answered_already_received_not_wrong_password(client, personas):
    """The first response is lost (the browser never showed it): the same POST again."""
    anna = login_verified(client, personas.anna)
    new = "Een-heel-nieuw-wachtwoord-2026"
    data = {
        "old_password": PASSWORD,
        "new_password1": new,
        "new_password2": new,
        "idempotency_key": idempotency.new_key(),
    }
    assert anna.post(PASSWORD_URL, data)["Location"] == "/account/profiel/"
    retry = anna.post(PASSWORD_URL, data, follow=True)
    body = retry.content.decode()
    assert ALREADY in body
    assert "Uw huidige wachtwoord is niet juist" not in body
    personas.anna.refresh_from_db()
    assert personas.anna.check_password(new)


def test_a_retried_contact_change_with_a_new_mobile_number_sends_one_code(client, personas):
    anna = login_verified(client, personas.anna)
    confirm_with_password_and_sms(anna, str(personas.anna.mobile_number), CONTACT_URL)
    SmsChallenge.objects.filter(user=personas.anna).update(created_at=F("created_at") - timedelta(seconds=60))
    data = {"email": "anna@nieuw.example", "mobile_number": "06 87654321", "idempotency_key": idempotency.new_key()}
    assert anna.post(CONTACT_URL, data)["Location"] == "/account/gegevens-wijzigen/mobiel-bevestigen/"
    SmsChallenge.objects.filter(user=personas.anna).update(created_at=F("created_at") - timedelta(seconds=60))
    retry = anna.post(CONTACT_URL, data)
    assert retry["Location"] == "/account/gegevens-wijzigen/mobiel-bevestigen/"
    assert SmsOutboxMessage.objects.filter(number="+31687654321").count() == 1
    assert ALREADY in anna.get(retry["Location"]).content.decode()
