"""The client manages their circle: invite a person, who activates with an SMS code and their own login;
the client narrows, revokes or renews that access; staff approve when the setting asks for it."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client as HttpClient
from django.test import TestCase
from django.utils import timezone
from two_factor.plugins.phonenumber.models import PhoneDevice

from accounts.models import SmsOutboxMessage
from circle.models import Invitation, InvitationStatus
from dossier.models import AccessLogEntry, AccessOutcome, BasisKind, DossierAccess, ObjectType, RelationshipType
from dossier.relationships import CIRCLE_TYPES, MANAGES_CIRCLE, RULES, Scope
from terms.acceptance import accept_current_terms
from tests.helpers import error_messages, reauthenticate
from tests.personas import add_to_group, grant, login_verified, make_user

CIRCLE = "/mijn-dossier/kring/"
INVITE = CIRCLE + "uitnodigen/"
INVITED_MOBILE = "+31612398765"
NEW_PASSWORD = "Zonnebloem-akker-regenboog-2031"


@pytest.fixture
def carla(client, personas, dossier_page):
    """Carla, an adult client without a representative, logged in and just confirmed with password + SMS."""
    login_verified(client, personas.carla)
    reauthenticate(client)
    return client


def invite(http, **overrides):
    data = {
        "first_name": "Noor",
        "last_name": "Naaste",
        "email": "noor@example.org",
        "mobile_number": "06 12398765",
        "relationship": RelationshipType.INFORMAL,
        "scopes": [Scope.APPOINTMENTS, Scope.MESSAGES],
    }
    data.update(overrides)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the e-mail goes out once the invitation is stored
        return http.post(INVITE, data)


def token_from_mail():
    return re.search(r"/uitnodiging/([\w-]+)/", mail.outbox[-1].body).group(1)


def activation_code():
    text = SmsOutboxMessage.objects.filter(number=INVITED_MOBILE).first().text
    return re.search(r"(\d{6})", text).group(1)


def prove_number(http, token):
    url = f"/uitnodiging/{token}/"
    http.post(url, {"request_code": "1"})
    return http.post(url, {"code": activation_code()})


def activate_new_account(token, username="noor"):
    http = HttpClient()
    prove_number(http, token)
    response = http.post(
        f"/uitnodiging/{token}/",
        {"create_account": "1", "username": username, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    return http, response


def log_in_as(user):
    accept_current_terms(user)
    return login_verified(HttpClient(), user)


def circle_entries(client):
    return AccessLogEntry.objects.filter(client=client, object_type=ObjectType.DOSSIER_ACCESS)


def test_the_circle_rule_lives_in_one_place_and_gives_only_types_a_client_may_make():
    assert set(CIRCLE_TYPES) == {RelationshipType.INFORMAL, RelationshipType.AUTHORISED}
    assert RelationshipType.ADMINISTRATOR not in MANAGES_CIRCLE and RelationshipType.INFORMAL not in MANAGES_CIRCLE
    assert RelationshipType.PARENT not in MANAGES_CIRCLE


def test_an_invited_person_activates_with_a_code_and_sees_exactly_the_chosen_scopes(carla, personas):
    response = invite(carla)
    assert response.status_code == 302 and response["Location"] == CIRCLE, error_messages(response)
    invitation = Invitation.objects.get()
    assert invitation.mobile_number == INVITED_MOBILE and invitation.status == InvitationStatus.PENDING
    assert mail.outbox[-1].to == ["noor@example.org"]
    body = mail.outbox[-1].body
    assert "Carla" not in body and "Smit" not in body and "200001" not in body and "afspraken" not in body

    token = token_from_mail()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in Invitation.objects.values().get().values()]
    assert not any(token in value for value in stored)

    http, response = activate_new_account(token)
    assert response.status_code == 200, error_messages(response)
    noor = DossierAccess.objects.get(client=personas.client_c, relationship=RelationshipType.INFORMAL).user
    assert noor.username == "noor" and noor.check_password(NEW_PASSWORD) and noor.pk != personas.carla.pk
    assert PhoneDevice.objects.get(user=noor).number == INVITED_MOBILE
    access = DossierAccess.objects.get(user=noor)
    assert access.registered_by == personas.carla and access.basis_kind == BasisKind.WRITTEN_AUTHORISATION
    assert access.valid_until == DossierAccess.client_grant_end(timezone.localdate())
    assert set(access.scopes) == {Scope.APPOINTMENTS, Scope.MESSAGES}
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED

    as_noor = log_in_as(noor)
    assert as_noor.get("/mijn-dossier/afspraken/").status_code == 200
    before = AccessLogEntry.objects.filter(outcome=AccessOutcome.DENIED, user=noor).count()
    assert as_noor.get("/mijn-dossier/rapportages/").status_code == 404
    assert AccessLogEntry.objects.filter(outcome=AccessOutcome.DENIED, user=noor).count() == before + 1

    log_page = carla.get("/mijn-dossier/profiel/").content.decode()
    assert "uitnodiging verstuurd: Noor Naaste, familie of naaste: afspraken, berichten" in log_page
    assert "vastgelegd na uitnodiging" in log_page


def test_a_used_link_cannot_be_used_again(carla, personas):
    invite(carla)
    token = token_from_mail()
    activate_new_account(token)
    response = HttpClient().get(f"/uitnodiging/{token}/")
    assert response.status_code == 410
    assert "al gebruikt" in response.content.decode()


def test_a_client_cannot_give_a_scope_outside_the_type(carla, personas):
    response = invite(carla, scopes=[Scope.REPORTS, Scope.SIGNING])
    assert response.status_code == 200
    assert any("ondertekenen" in message for message in error_messages(response))
    response = invite(carla, scopes=["beheer"], relationship=RelationshipType.MENTOR)
    assert response.status_code == 200 and error_messages(response)
    assert not Invitation.objects.exists()
    assert Scope.SIGNING not in RULES[RelationshipType.INFORMAL].allowed


def test_a_client_never_gives_more_than_they_have(client, personas, dossier_page):
    own = DossierAccess.objects.get(user=personas.carla)
    own.scopes = [Scope.APPOINTMENTS, Scope.MESSAGES]
    own.save()
    login_verified(client, personas.carla)
    reauthenticate(client)
    response = invite(client, scopes=[Scope.REPORTS])
    assert response.status_code == 200 and not Invitation.objects.exists()


def test_a_person_with_a_non_managing_grant_cannot_invite(client, personas, dossier_page):
    helper = make_user("hanna", mobile="+31655511111")
    grant(helper, personas.client_c, RelationshipType.INFORMAL)
    accept_current_terms(helper)
    login_verified(client, helper)
    reauthenticate(client)
    assert client.get(CIRCLE).status_code == 404
    assert invite(client).status_code == 404
    denied = circle_entries(personas.client_c).filter(outcome=AccessOutcome.DENIED, user=helper)
    assert denied.count() == 2
    assert not Invitation.objects.exists()


def test_a_client_with_a_mentor_does_not_manage_the_circle_but_the_mentor_does(anna, personas):
    reauthenticate(anna)
    assert anna.get(CIRCLE).status_code == 404
    ben = log_in_as(personas.ben)
    reauthenticate(ben)
    ben.post("/mijn-dossier/client-kiezen/", {"client": personas.client_a.pk})
    response = invite(ben, relationship=RelationshipType.AUTHORISED, scopes=[Scope.REPORTS])
    assert response.status_code == 302
    assert Invitation.objects.get().client == personas.client_a


def test_a_bewindvoerder_cannot_invite(client, personas, dossier_page):
    keeper = make_user("bewind", mobile="+31655511112")
    grant(keeper, personas.client_c, RelationshipType.ADMINISTRATOR)
    accept_current_terms(keeper)
    login_verified(client, keeper)
    reauthenticate(client)
    assert invite(client).status_code == 404


def test_inviting_asks_for_a_fresh_password_and_sms_code_first(client, personas, dossier_page):
    login_verified(client, personas.carla)
    response = client.get(INVITE)
    assert response.status_code == 302 and response["Location"].startswith("/account/bevestigen/")
    assert invite(client).status_code == 302 and not Invitation.objects.exists()


def _active_invitee(carla, personas, scopes=(Scope.APPOINTMENTS, Scope.MESSAGES, Scope.REPORTS)):
    invite(carla, scopes=list(scopes))
    activate_new_account(token_from_mail())
    noor = DossierAccess.objects.get(client=personas.client_c, relationship=RelationshipType.INFORMAL).user
    return noor, DossierAccess.objects.get(user=noor)


def test_narrowing_takes_effect_on_the_next_request(carla, personas):
    noor, access = _active_invitee(carla, personas)
    as_noor = log_in_as(noor)
    assert as_noor.get("/mijn-dossier/rapportages/").status_code == 200
    response = carla.post(f"{CIRCLE}toegang/{access.pk}/", {"action": "narrow", "scopes": [Scope.APPOINTMENTS]})
    assert response.status_code == 302
    assert as_noor.get("/mijn-dossier/rapportages/").status_code == 404
    assert as_noor.get("/mijn-dossier/afspraken/").status_code == 200
    assert "beperkt: Noor Naaste" in carla.get("/mijn-dossier/profiel/").content.decode()


def test_narrowing_never_widens(carla, personas):
    noor, access = _active_invitee(carla, personas, scopes=[Scope.APPOINTMENTS])
    response = carla.post(f"{CIRCLE}toegang/{access.pk}/", {"action": "narrow", "scopes": [Scope.REPORTS]})
    assert response.status_code == 200 and error_messages(response)
    access.refresh_from_db()
    assert access.scopes == [Scope.APPOINTMENTS]


def test_revoking_takes_effect_on_the_next_request(carla, personas):
    noor, access = _active_invitee(carla, personas)
    as_noor = log_in_as(noor)
    assert as_noor.get("/mijn-dossier/afspraken/").status_code == 200
    assert carla.post(f"{CIRCLE}toegang/{access.pk}/", {"action": "revoke"}).status_code == 302
    assert as_noor.get("/mijn-dossier/afspraken/").status_code == 403
    assert not DossierAccess.objects.in_force().filter(user=noor).exists()
    assert "ingetrokken: Noor Naaste" in carla.get("/mijn-dossier/profiel/").content.decode()


def test_the_client_renews_a_grant_they_made_before_it_ends(carla, personas):
    noor, access = _active_invitee(carla, personas)
    today = timezone.localdate()
    start = today - timedelta(days=500)
    DossierAccess.objects.filter(pk=access.pk).update(
        valid_from=start, valid_until=DossierAccess.client_grant_end(start)
    )
    assert carla.post(f"{CIRCLE}toegang/{access.pk}/", {"action": "renew"}).status_code == 302
    access.refresh_from_db()
    assert access.valid_until == DossierAccess.client_grant_end(today)
    assert "verlengd: Noor Naaste" in carla.get("/mijn-dossier/profiel/").content.decode()


def test_an_ended_grant_cannot_be_renewed(carla, personas):
    noor, access = _active_invitee(carla, personas)
    carla.post(f"{CIRCLE}toegang/{access.pk}/", {"action": "revoke"})
    assert carla.post(f"{CIRCLE}toegang/{access.pk}/", {"action": "renew"}).status_code == 404
    access.refresh_from_db()
    assert access.valid_until < timezone.localdate()


def test_withdrawing_a_pending_invitation_closes_its_link(carla, personas):
    invite(carla)
    invitation = Invitation.objects.get()
    assert carla.post(f"{CIRCLE}uitnodigingen/{invitation.pk}/intrekken/").status_code == 302
    assert Invitation.objects.get().status == InvitationStatus.WITHDRAWN
    response = HttpClient().get(f"/uitnodiging/{token_from_mail()}/")
    assert response.status_code == 410 and "ingetrokken" in response.content.decode()
    assert "uitnodiging ingetrokken: Noor Naaste" in carla.get("/mijn-dossier/profiel/").content.decode()


def test_an_expired_or_unknown_link_gives_a_dutch_error(carla, personas):
    invite(carla)
    token = token_from_mail()
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = HttpClient().get(f"/uitnodiging/{token}/")
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    response = HttpClient().post(f"/uitnodiging/{token}/", {"request_code": "1"})
    assert response.status_code == 410 and not SmsOutboxMessage.objects.filter(number=INVITED_MOBILE).exists()
    response = HttpClient().get("/uitnodiging/" + "x" * 5000 + "/")
    assert response.status_code == 404 and "klopt niet" in response.content.decode()


def test_wrong_codes_are_refused_in_dutch_and_too_many_close_the_invitation(carla, personas, settings):
    settings.SMS_CODE_RESEND_INTERVAL_SECONDS = 0
    settings.SMS_CODE_MAX_PER_WINDOW = 100
    invite(carla)
    token = token_from_mail()
    http = HttpClient()
    url = f"/uitnodiging/{token}/"
    http.post(url, {"request_code": "1"})
    right = activation_code()
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    response = http.post(url, {"code": wrong})
    assert "Deze code klopt niet" in " ".join(error_messages(response))
    for _attempt in range(settings.SMS_LOGIN_FAILURE_LIMIT):
        http.post(url, {"request_code": "1"})
        http.post(url, {"code": "000000" if activation_code() != "000000" else "111111"})
    assert Invitation.objects.get().status == InvitationStatus.BLOCKED
    response = http.get(url)
    assert response.status_code == 410 and "geblokkeerd" in response.content.decode()


def test_codes_for_an_invitation_are_throttled_like_login_codes(carla, personas):
    invite(carla)
    http = HttpClient()
    url = f"/uitnodiging/{token_from_mail()}/"
    http.post(url, {"request_code": "1"})
    response = http.post(url, {"request_code": "1"}, follow=True)
    assert "U heeft net een code aangevraagd" in response.content.decode()
    assert SmsOutboxMessage.objects.filter(number=INVITED_MOBILE).count() == 1


def test_an_account_cannot_be_made_before_the_number_is_proven(carla, personas):
    invite(carla)
    token = token_from_mail()
    response = HttpClient().post(
        f"/uitnodiging/{token}/",
        {"create_account": "1", "username": "noor", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert not DossierAccess.objects.filter(relationship=RelationshipType.INFORMAL).exists()
    assert not type(personas.carla).objects.filter(username="noor").exists()


def test_a_weak_password_or_taken_username_is_refused_and_nothing_is_made(carla, personas):
    invite(carla)
    token = token_from_mail()
    http = HttpClient()
    prove_number(http, token)
    url = f"/uitnodiging/{token}/"
    response = http.post(url, {"create_account": "1", "username": "carla", "password1": "kort", "password2": "kort"})
    assert response.status_code == 200
    messages = " ".join(error_messages(response))
    assert "al in gebruik" in messages and "12" in messages
    assert not DossierAccess.objects.filter(relationship=RelationshipType.INFORMAL).exists()


def test_an_existing_account_accepts_with_its_own_login(carla, personas):
    invite(carla)
    token = token_from_mail()
    http = log_in_as(personas.ben)
    prove_number(http, token)
    response = http.post(f"/uitnodiging/{token}/", {"accept_existing": "1"})
    assert response.status_code == 200, error_messages(response)
    access = DossierAccess.objects.get(user=personas.ben, client=personas.client_c)
    assert access.relationship == RelationshipType.INFORMAL and access.registered_by == personas.carla


def test_with_the_approval_setting_the_grant_waits_for_a_care_worker_of_the_team(carla, personas, settings):
    settings.DOSSIER_CIRCLE_INVITATIONS_NEED_APPROVAL = True
    invite(carla)
    activate_new_account(token_from_mail())
    invitation = Invitation.objects.get()
    assert invitation.status == InvitationStatus.AWAITING_APPROVAL
    assert not DossierAccess.objects.filter(user=invitation.accepted_by).exists()

    dirk = login_verified(HttpClient(), personas.dirk)  # team De Linde, not Carla's team
    assert invitation.full_name not in dirk.get("/admin/kring-uitnodigingen/").content.decode()
    assert dirk.post(f"/admin/kring-uitnodigingen/{invitation.pk}/goedkeuren/").status_code == 404
    assert Invitation.objects.get().status == InvitationStatus.AWAITING_APPROVAL

    olga = make_user("olga", mobile="+31655511113", is_staff=True)
    add_to_group(olga, "Zorgmedewerker")
    personas.other_team.members.add(olga)
    as_olga = login_verified(HttpClient(), olga)
    assert invitation.full_name in as_olga.get("/admin/kring-uitnodigingen/").content.decode()
    assert as_olga.post(f"/admin/kring-uitnodigingen/{invitation.pk}/goedkeuren/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.approved_by == olga
    assert DossierAccess.objects.in_force().filter(user=invitation.accepted_by, client=personas.client_c).exists()
    assert "goedgekeurd en vastgelegd na uitnodiging" in carla.get("/mijn-dossier/profiel/").content.decode()


def test_staff_without_the_permission_cannot_approve(carla, personas, settings):
    settings.DOSSIER_CIRCLE_INVITATIONS_NEED_APPROVAL = True
    invite(carla)
    activate_new_account(token_from_mail())
    invitation = Invitation.objects.get()
    eva = login_verified(HttpClient(), personas.eva)
    assert eva.post(f"/admin/kring-uitnodigingen/{invitation.pk}/goedkeuren/").status_code == 302
    assert Invitation.objects.get().status == InvitationStatus.AWAITING_APPROVAL


def test_hostile_input_gives_dutch_errors_and_no_500(carla, personas):
    response = invite(carla, first_name="N" * 10000, email="x" * 300 + "@example.org", mobile_number="abc\x00")
    assert response.status_code == 200
    assert "Vul een geldig mobiel nummer in" in " ".join(error_messages(response))
    response = invite(carla, relationship="curator\x00")
    assert response.status_code == 200 and not Invitation.objects.exists()


def test_another_clients_invitation_or_grant_in_the_url_is_404_and_logged(carla, personas):
    ben = log_in_as(personas.ben)
    reauthenticate(ben)
    ben.post("/mijn-dossier/client-kiezen/", {"client": personas.client_b.pk})
    invite(ben)
    others = Invitation.objects.get()
    other_grant = grant(make_user("kees", mobile="+31655511114"), personas.client_b, RelationshipType.INFORMAL)
    assert carla.post(f"{CIRCLE}uitnodigingen/{others.pk}/intrekken/").status_code == 404
    assert carla.post(f"{CIRCLE}toegang/{other_grant.pk}/", {"action": "revoke"}).status_code == 404
    assert carla.get(f"{CIRCLE}toegang/99999999999999999999/").status_code == 404
    assert Invitation.objects.get().status == InvitationStatus.PENDING
    assert DossierAccess.objects.in_force().filter(pk=other_grant.pk).exists()
    denied = AccessLogEntry.objects.filter(user=personas.carla, outcome=AccessOutcome.DENIED, client=personas.client_b)
    assert denied.count() == 2
