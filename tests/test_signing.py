"""Signing a client plan in the portal (issue 5): the signer's side."""

import hashlib
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import SmsChallenge
from dossier.factories import make_plan
from dossier.models import AccessAction, AccessLogEntry, AccessOutcome, ClientPlan, PlanStatus
from signing import services
from signing.models import PlanSignature, RequestStatus, SignatureRequest
from signing.signals import SignedPlanIsImmutable
from tests.helpers import latest_signing_code, request_signing_code, sign_url
from tests.personas import login_verified

PLAN_TEXT = "Doelen\n1. Elke ochtend samen de dag doornemen.\n2. Wekelijks zwemmen in Zonnedal."


@pytest.fixture
def plan(personas):
    return ClientPlan.objects.create(
        client=personas.client_a,
        title="Cliëntplan",
        version=3,
        period_start=timezone.localdate() - timedelta(days=7),
        content=PLAN_TEXT,
        status=PlanStatus.FINAL,
    )


@pytest.fixture
def waiting(plan, personas, dossier_page):
    """The plan offered for signing to anna (the client herself), requested by dirk."""
    return services.request_signature(plan, [personas.anna], requested_by=personas.dirk)


def download_url(plan):
    return f"/mijn-dossier/clientplannen/{plan.pk}/download/"


def test_the_client_signs_her_plan_with_the_sms_code_from_the_outbox(client, personas, waiting):
    anna = login_verified(client, personas.anna)
    plan = waiting.plan

    dashboard = anna.get("/mijn-dossier/").content.decode()
    assert "wacht een cliëntplan op uw handtekening" in dashboard
    assert sign_url(plan) in dashboard

    page = anna.get(sign_url(plan))
    assert page.status_code == 200
    assert "Wekelijks zwemmen in Zonnedal" in page.content.decode()
    assert "Ik heb het cliëntplan gelezen en ga akkoord" in page.content.decode()

    response = request_signing_code(anna, plan)
    assert response.status_code == 302
    prefix, code = latest_signing_code(personas.anna)
    assert prefix in anna.get(sign_url(plan)).content.decode()

    response = anna.post(sign_url(plan), {"action": "sign", "agree": "on", "code": code})
    assert response.status_code == 302

    plan.refresh_from_db()
    assert plan.status == PlanStatus.SIGNED
    assert plan.signed_at is not None
    signature = PlanSignature.objects.get(plan=plan)
    assert signature.signer == personas.anna
    assert signature.signer_role == "self"
    assert signature.plan_version == 3
    assert signature.method == "sms"
    assert signature.ip_address == "127.0.0.1"
    assert SignatureRequest.objects.get(pk=waiting.pk).status == RequestStatus.SIGNED
    assert "wacht een cliëntplan op uw handtekening" not in anna.get("/mijn-dossier/").content.decode()
    plans_page = anna.get("/mijn-dossier/clientplannen/?periode=alles").content.decode()
    assert "ondertekend" in plans_page


def test_every_signing_step_is_in_the_access_log(client, personas, waiting):
    anna = login_verified(client, personas.anna)
    plan = waiting.plan
    anna.get(sign_url(plan))
    request_signing_code(anna, plan)
    _prefix, code = latest_signing_code(personas.anna)
    anna.post(sign_url(plan), {"action": "sign", "agree": "on", "code": "000000" if code != "000000" else "111111"})
    anna.post(sign_url(plan), {"action": "sign", "agree": "on", "code": code})

    entries = AccessLogEntry.objects.filter(user=personas.anna, object_type="client_plan", object_id=str(plan.pk))
    steps = list(entries.order_by("pk").values_list("action", "outcome"))
    assert steps == [
        (AccessAction.READ, AccessOutcome.ALLOWED),
        (AccessAction.SIGN, AccessOutcome.ALLOWED),  # code requested
        (AccessAction.SIGN, AccessOutcome.DENIED),  # wrong code
        (AccessAction.SIGN, AccessOutcome.ALLOWED),  # signed
    ]
    assert all(entry.client == personas.client_a for entry in entries)


def test_a_code_cannot_be_requested_without_ticking_that_the_plan_was_read(client, personas, waiting):
    anna = login_verified(client, personas.anna)
    response = anna.post(sign_url(waiting.plan), {"action": "code"})
    assert response.status_code == 200
    assert "Vink aan dat u het cliëntplan heeft gelezen" in response.content.decode()
    assert not SmsChallenge.objects.filter(user=personas.anna).exists()


def test_signing_without_the_tick_is_refused_and_keeps_the_code(client, personas, waiting):
    anna = login_verified(client, personas.anna)
    request_signing_code(anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    response = anna.post(sign_url(waiting.plan), {"action": "sign", "code": code})
    assert response.status_code == 200
    assert "Vink aan" in response.content.decode()
    assert f'value="{code}"' in response.content.decode()
    assert not PlanSignature.objects.exists()


def test_a_wrong_code_signs_nothing_and_says_so_in_dutch(client, personas, waiting):
    anna = login_verified(client, personas.anna)
    request_signing_code(anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    response = anna.post(sign_url(waiting.plan), {"action": "sign", "agree": "on", "code": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert not PlanSignature.objects.exists()
    assert ClientPlan.objects.get(pk=waiting.plan.pk).status == PlanStatus.AWAITING_SIGNATURE
    assert SmsChallenge.objects.get(user=personas.anna).attempts == 1


def test_an_expired_code_signs_nothing(client, personas, waiting):
    anna = login_verified(client, personas.anna)
    request_signing_code(anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    SmsChallenge.objects.filter(user=personas.anna).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = anna.post(sign_url(waiting.plan), {"action": "sign", "agree": "on", "code": code})
    assert response.status_code == 200
    assert "Deze code is verlopen" in response.content.decode()
    assert not PlanSignature.objects.exists()


def test_a_login_code_does_not_sign_a_plan(personas, waiting):
    from accounts.challenges import LOGIN, issue_sms_challenge

    issue_sms_challenge(personas.anna, LOGIN)
    _prefix, code = latest_signing_code(personas.anna)
    with pytest.raises(services.SigningError):
        services.sign_plan(waiting.plan, personas.anna, code)
    assert not PlanSignature.objects.exists()


def test_a_representative_without_signing_right_sees_the_plan_but_cannot_sign(client, personas, waiting):
    ben = login_verified(client, personas.ben)
    plan = waiting.plan

    assert "op uw handtekening" not in ben.get("/mijn-dossier/").content.decode()
    page = ben.get(sign_url(plan), follow=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Wekelijks zwemmen in Zonnedal" in html
    assert "SMS-code aanvragen" not in html
    assert 'value="sign"' not in html

    assert request_signing_code(ben, plan).status_code == 403
    assert ben.post(sign_url(plan), {"action": "sign", "agree": "on", "code": "123456"}).status_code == 403
    assert ben.post(sign_url(plan), {"action": "decline", "comment": "Nee"}).status_code == 403
    assert not SmsChallenge.objects.filter(user=personas.ben).exists()
    assert not PlanSignature.objects.exists()
    assert ClientPlan.objects.get(pk=plan.pk).status == PlanStatus.AWAITING_SIGNATURE
    denied = AccessLogEntry.objects.filter(user=personas.ben, outcome=AccessOutcome.DENIED)
    assert {entry.action for entry in denied} == {AccessAction.SIGN, AccessAction.DECLINE}


def test_a_client_of_another_dossier_gets_a_404_on_the_sign_page(client, personas, waiting):
    carla = login_verified(client, personas.carla)
    assert carla.get(sign_url(waiting.plan)).status_code == 404
    assert request_signing_code(carla, waiting.plan).status_code == 404
    denied = AccessLogEntry.objects.filter(user=personas.carla, outcome=AccessOutcome.DENIED)
    assert [(entry.action, entry.client) for entry in denied.order_by("pk")] == [
        (AccessAction.READ, personas.client_a),
        (AccessAction.SIGN, personas.client_a),
    ]


def test_a_representative_named_as_signer_is_pointed_to_the_plan_in_the_other_dossier(
    client, personas, plan, dossier_page
):
    services.request_signature(plan, [personas.ben], requested_by=personas.dirk)
    ben = login_verified(client, personas.ben)
    dashboard = ben.get("/mijn-dossier/").content.decode()
    assert "Welkom bij het dossier van Bram Bakker" in dashboard
    assert "Cliëntplan van Anna Jansen bekijken en ondertekenen" in dashboard

    response = ben.get(sign_url(plan))
    assert response.status_code == 302
    page = ben.get(response["Location"]).content.decode()
    assert "SMS-code aanvragen" in page
    assert "Wekelijks zwemmen in Zonnedal" in page


def test_a_replayed_sign_post_creates_one_signature(client, personas, waiting):
    anna = login_verified(client, personas.anna)
    request_signing_code(anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    data = {"action": "sign", "agree": "on", "code": code}
    assert anna.post(sign_url(waiting.plan), data).status_code == 302
    replay = anna.post(sign_url(waiting.plan), data)
    assert replay.status_code == 200
    assert "al ondertekend" in replay.content.decode()
    assert PlanSignature.objects.filter(plan=waiting.plan).count() == 1


def test_signing_twice_through_the_service_is_refused(personas, waiting):
    services.issue_signing_code(personas.anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    services.sign_plan(waiting.plan, personas.anna, code)
    with pytest.raises(services.SigningError, match="al ondertekend"):
        services.sign_plan(waiting.plan, personas.anna, code)
    assert PlanSignature.objects.count() == 1


def test_the_database_allows_one_signature_per_plan(personas, waiting):
    services.issue_signing_code(personas.anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    first = services.sign_plan(waiting.plan, personas.anna, code)
    duplicate = PlanSignature(
        plan=first.plan,
        request=first.request,
        plan_version=first.plan_version,
        signer=personas.anna,
        signer_name="Anna",
        signer_role="self",
        signed_at=timezone.now(),
        document_sha256=first.document_sha256,
        document_pdf=b"",
        signed_pdf=b"",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_fingerprint_is_the_sha256_of_the_pdf_bytes_served(client, personas, waiting):
    anna = login_verified(client, personas.anna)
    plan = waiting.plan
    served = anna.get(download_url(plan))
    assert served["Content-Type"] == "application/pdf"
    assert anna.get(download_url(plan)).content == served.content
    fingerprint = hashlib.sha256(served.content).hexdigest()
    assert waiting.document_sha256 == fingerprint

    request_signing_code(anna, plan)
    _prefix, code = latest_signing_code(personas.anna)
    anna.post(sign_url(plan), {"action": "sign", "agree": "on", "code": code})
    signature = PlanSignature.objects.get(plan=plan)
    assert signature.document_sha256 == fingerprint
    assert bytes(signature.document_pdf) == served.content
    assert fingerprint in anna.get(sign_url(plan)).content.decode()


def test_the_signed_pdf_carries_the_signature_block(client, personas, waiting):
    anna = login_verified(client, personas.anna)
    request_signing_code(anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    anna.post(sign_url(waiting.plan), {"action": "sign", "agree": "on", "code": code})
    signature = PlanSignature.objects.get(plan=waiting.plan)

    response = anna.get(download_url(waiting.plan))
    assert response.content == bytes(signature.signed_pdf)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = re.sub(r"\s+", "", text)
    assert "Ondertekening" in text
    assert "Anna Jansen" in text
    assert "cliënt" in text
    assert "127.0.0.1" in text
    assert "SMS-code" in text
    assert signature.document_sha256 in compact
    assert "Versiecliëntplan3" in compact


def test_a_signed_plan_cannot_be_changed_in_the_model_layer(personas, waiting):
    services.issue_signing_code(personas.anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    services.sign_plan(waiting.plan, personas.anna, code)

    plan = ClientPlan.objects.get(pk=waiting.plan.pk)
    plan.content = "Stilletjes aangepast."
    with pytest.raises(SignedPlanIsImmutable):
        plan.save()
    plan = ClientPlan.objects.get(pk=waiting.plan.pk)
    plan.status = PlanStatus.FINAL
    with pytest.raises(SignedPlanIsImmutable):
        plan.save()
    assert ClientPlan.objects.get(pk=plan.pk).content == PLAN_TEXT


def test_editing_a_signed_plan_makes_a_new_version_and_the_signed_one_stays_readable(client, personas, waiting):
    services.issue_signing_code(personas.anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    signature = services.sign_plan(waiting.plan, personas.anna, code)

    new_plan = services.new_version_of(waiting.plan, created_by=personas.dirk, content="Doelen\n1. Iets nieuws.")
    assert new_plan.pk != waiting.plan.pk
    assert new_plan.version == 4
    assert new_plan.status == PlanStatus.DRAFT
    assert new_plan.previous_version_link.previous == waiting.plan
    old = ClientPlan.objects.get(pk=waiting.plan.pk)
    assert (old.content, old.status, old.version) == (PLAN_TEXT, PlanStatus.SIGNED, 3)

    new_plan.status = PlanStatus.FINAL
    new_plan.save()
    assert not services.may_sign(personas.anna, new_plan)
    services.request_signature(new_plan, [personas.anna], requested_by=personas.dirk)
    assert services.may_sign(personas.anna, ClientPlan.objects.get(pk=new_plan.pk))

    anna = login_verified(client, personas.anna)
    assert anna.get(download_url(old)).content == bytes(signature.signed_pdf)


def test_the_signer_declines_with_a_comment_and_staff_get_an_email(client, personas, waiting, settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["clientenadministratie@zorggroep-de-linde.example"]
    anna = login_verified(client, personas.anna)
    mail.outbox.clear()
    comment = "Ik wil eerst met mijn begeleider praten over doel 2."
    response = anna.post(sign_url(waiting.plan), {"action": "decline", "comment": comment})
    assert response.status_code == 302

    assert ClientPlan.objects.get(pk=waiting.plan.pk).status == PlanStatus.DECLINED
    request = SignatureRequest.objects.get(pk=waiting.pk)
    assert request.status == RequestStatus.DECLINED
    assert (request.decline_comment, request.closed_by) == (comment, personas.anna)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"clientenadministratie@zorggroep-de-linde.example", personas.dirk.email}
    assert comment not in message.body
    assert f"/admin/ondertekeningen/{waiting.pk}/" in message.body
    entry = AccessLogEntry.objects.get(user=personas.anna, action=AccessAction.DECLINE)
    assert entry.outcome == AccessOutcome.ALLOWED


def test_declining_without_a_comment_keeps_the_plan_waiting(client, personas, waiting):
    anna = login_verified(client, personas.anna)
    response = anna.post(sign_url(waiting.plan), {"action": "decline", "comment": "  "})
    assert response.status_code == 200
    assert "waarom u niet akkoord gaat" in response.content.decode()
    assert ClientPlan.objects.get(pk=waiting.plan.pk).status == PlanStatus.AWAITING_SIGNATURE


def test_a_declined_plan_cannot_be_signed_afterwards(personas, waiting):
    services.decline_plan(waiting.plan, personas.anna, "Niet eens met doel 1.")
    with pytest.raises(services.SigningError):
        services.issue_signing_code(personas.anna, waiting.plan)


def test_a_withdrawn_plan_cannot_be_signed(personas, waiting):
    services.issue_signing_code(personas.anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    ClientPlan.objects.filter(pk=waiting.plan.pk).update(withdrawn_at=timezone.now())
    with pytest.raises(services.SigningError):
        services.sign_plan(waiting.plan, personas.anna, code)
    assert not PlanSignature.objects.exists()


def test_a_signer_whose_access_ended_can_no_longer_sign(client, personas, waiting):
    services.issue_signing_code(personas.anna, waiting.plan)
    _prefix, code = latest_signing_code(personas.anna)
    personas.anna.dossier_accesses.update(valid_until=timezone.localdate() - timedelta(days=1))
    with pytest.raises(services.SigningError):
        services.sign_plan(waiting.plan, personas.anna, code)
    assert not PlanSignature.objects.exists()


def test_changing_a_plan_that_waits_for_a_signature_withdraws_the_request(personas, waiting):
    plan = ClientPlan.objects.get(pk=waiting.plan.pk)
    plan.content = "Aangepaste doelen."
    plan.save()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FINAL
    assert SignatureRequest.objects.get(pk=waiting.pk).status == RequestStatus.CANCELLED
    assert not services.may_sign(personas.anna, plan)


def test_a_signed_plan_that_was_withdrawn_later_still_cannot_change(personas):
    plan = make_plan(personas.client_a, status=PlanStatus.SIGNED)
    plan.status = PlanStatus.WITHDRAWN
    plan.save()
    plan.content = "Achteraf anders opgeschreven."
    with pytest.raises(SignedPlanIsImmutable):
        plan.save()
