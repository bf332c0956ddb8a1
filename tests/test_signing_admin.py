"""Signing a client plan (issue 5): the staff side in the Wagtail admin, and the messages sent."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import SmsOutboxMessage
from dossier.models import AccessAction, AccessLogEntry, ClientPlan, PlanStatus, RelationshipType
from signing import services
from signing.models import RequestStatus, SignatureRequest
from tests.personas import grant, login_verified, make_user

PERSONAL_NAMES = ("Anna", "Jansen", "Ben ", "Bakker")
PLAN_TEXT = "Doelen\n1. Zelf de was doen.\n2. Diagnose: niet in berichten."


@pytest.fixture
def plan(personas):
    return ClientPlan.objects.create(
        client=personas.client_a,
        version=2,
        period_start=timezone.localdate(),
        content=PLAN_TEXT,
        status=PlanStatus.FINAL,
    )


@pytest.fixture
def dirk(client, personas):
    return login_verified(client, personas.dirk)


def test_a_care_worker_offers_a_plan_for_signing_to_the_client(dirk, personas, plan):
    page = dirk.get(f"/admin/ondertekeningen/aanbieden/{plan.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Anna Jansen (cliënt)" in html
    assert "Ben Bakker (mentor)" in html

    response = dirk.post(f"/admin/ondertekeningen/aanbieden/{plan.pk}/", {"signers": [personas.anna.pk]})
    assert response.status_code == 302
    request = SignatureRequest.objects.get(plan=plan)
    assert list(request.signers.all()) == [personas.anna]
    assert request.requested_by == personas.dirk
    assert ClientPlan.objects.get(pk=plan.pk).status == PlanStatus.AWAITING_SIGNATURE
    assert AccessLogEntry.objects.filter(user=personas.dirk, action=AccessAction.CHANGE, client=plan.client).exists()

    listing = dirk.get("/admin/ondertekeningen/").content.decode()
    assert f"/admin/ondertekeningen/{request.pk}/" in listing
    assert "Anna Jansen" in listing


def test_offering_without_a_signer_re_renders_with_a_dutch_message(dirk, plan):
    response = dirk.post(f"/admin/ondertekeningen/aanbieden/{plan.pk}/", {})
    assert response.status_code == 200
    assert "Kies ten minste één persoon" in response.content.decode()
    assert not SignatureRequest.objects.exists()


def test_a_relative_or_an_outsider_cannot_be_named_as_signer(dirk, personas, plan):
    relative = make_user("rita", first_name="Rita", mobile="+31677777777")
    grant(relative, personas.client_a, RelationshipType.INFORMAL)
    for user in (relative, personas.carla):
        response = dirk.post(f"/admin/ondertekeningen/aanbieden/{plan.pk}/", {"signers": [user.pk]})
        assert response.status_code == 200
    assert not SignatureRequest.objects.exists()
    with pytest.raises(services.SigningError):
        services.request_signature(plan, [relative], requested_by=personas.dirk)


def test_a_care_worker_cannot_offer_a_plan_of_another_team(dirk, personas):
    other = ClientPlan.objects.create(
        client=personas.client_c, period_start=timezone.localdate(), content="x", status=PlanStatus.FINAL
    )
    assert dirk.get(f"/admin/ondertekeningen/aanbieden/{other.pk}/").status_code == 404
    assert (
        dirk.post(f"/admin/ondertekeningen/aanbieden/{other.pk}/", {"signers": [personas.carla.pk]}).status_code == 404
    )
    assert not SignatureRequest.objects.exists()


def test_a_communication_editor_has_no_signing_screens(client, personas, plan):
    eva = login_verified(client, personas.eva)
    assert eva.get("/admin/ondertekeningen/").status_code in (302, 403)
    assert eva.get(f"/admin/ondertekeningen/aanbieden/{plan.pk}/").status_code in (302, 403)


def test_a_signed_plan_cannot_be_offered_again(personas, plan):
    ClientPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SIGNED, signed_at=timezone.now())
    plan.refresh_from_db()
    with pytest.raises(services.SigningError):
        services.request_signature(plan, [personas.anna], requested_by=personas.dirk)


def test_the_sms_and_email_to_signers_carry_no_health_data(personas, plan):
    mail.outbox.clear()
    services.request_signature(plan, [personas.anna, personas.ben], requested_by=personas.dirk)
    sms = list(SmsOutboxMessage.objects.values_list("number", "text"))
    assert {number for number, _text in sms} == {str(personas.anna.mobile_number), str(personas.ben.mobile_number)}
    assert {m.to[0] for m in mail.outbox} == {personas.anna.email, personas.ben.email}
    # Each e-mail opens with its own addressee's name; after that greeting nothing names anyone.
    bodies = [m.body.split("\n", 1)[1] for m in mail.outbox]
    texts = [text for _number, text in sms] + [m.subject for m in mail.outbox] + bodies
    for text in texts:
        for forbidden in ("Doelen", "was doen", "Diagnose", "Cliëntplan", "cliëntplan", *PERSONAL_NAMES):
            assert forbidden not in text, (forbidden, text)
    for text in [text for _number, text in sms] + bodies:
        assert "MijnDossier" in text


def test_the_signing_email_greets_the_signer_by_name(personas, plan):
    mail.outbox.clear()
    services.request_signature(plan, [personas.anna, personas.ben], requested_by=personas.dirk)
    greetings = {m.to[0]: m.body.splitlines()[0] for m in mail.outbox}
    assert greetings == {personas.anna.email: "Beste Anna Jansen,", personas.ben.email: "Beste Ben Bakker,"}
    assert all("lezer" not in m.body for m in mail.outbox)


def test_staff_see_the_decline_comment_in_the_admin(dirk, personas, plan):
    request = services.request_signature(plan, [personas.anna], requested_by=personas.dirk)
    services.decline_plan(plan, personas.anna, "Doel 2 past nu nog niet bij mij.")
    listing = dirk.get("/admin/ondertekeningen/?status=declined").content.decode()
    assert f"/admin/ondertekeningen/{request.pk}/" in listing
    detail = dirk.get(f"/admin/ondertekeningen/{request.pk}/").content.decode()
    assert "Doel 2 past nu nog niet bij mij." in detail
    assert AccessLogEntry.objects.filter(user=personas.dirk, action=AccessAction.READ, client=plan.client).exists()


def test_staff_withdraw_an_open_request_and_the_plan_is_final_again(dirk, personas, plan):
    request = services.request_signature(plan, [personas.anna], requested_by=personas.dirk)
    response = dirk.post(f"/admin/ondertekeningen/{request.pk}/intrekken/")
    assert response.status_code == 302
    assert SignatureRequest.objects.get(pk=request.pk).status == RequestStatus.CANCELLED
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FINAL
    assert not services.may_sign(personas.anna, plan)


def test_staff_make_a_new_version_of_a_signed_plan_from_the_admin(dirk, personas, plan):
    request = services.request_signature(plan, [personas.anna], requested_by=personas.dirk)
    services.issue_signing_code(personas.anna, plan)
    text = SmsOutboxMessage.objects.filter(text__contains="bevestigingscode").first().text
    services.sign_plan(plan, personas.anna, re.search(r"\d{4}-(\d{6})", text).group(1))

    detail = dirk.get(f"/admin/ondertekeningen/{request.pk}/").content.decode()
    assert "Nieuwe versie maken" in detail
    response = dirk.post(f"/admin/ondertekeningen/plan/{plan.pk}/nieuwe-versie/")
    assert response.status_code == 302
    new_plan = ClientPlan.objects.exclude(pk=plan.pk).get(client=personas.client_a)
    assert (new_plan.version, new_plan.status, new_plan.content) == (3, PlanStatus.DRAFT, PLAN_TEXT)
    assert ClientPlan.objects.get(pk=plan.pk).status == PlanStatus.SIGNED

    signed_pdf = dirk.get(f"/admin/ondertekeningen/{request.pk}/pdf/ondertekend/")
    assert signed_pdf["Content-Type"] == "application/pdf"
    assert signed_pdf.content == bytes(plan.signature.signed_pdf)


def test_a_new_version_of_a_plan_waiting_for_signature_withdraws_the_old_request(personas, plan):
    request = services.request_signature(plan, [personas.anna], requested_by=personas.dirk)
    new_plan = services.new_version_of(plan, created_by=personas.dirk)
    assert SignatureRequest.objects.get(pk=request.pk).status == RequestStatus.CANCELLED
    assert ClientPlan.objects.get(pk=plan.pk).status == PlanStatus.FINAL
    assert new_plan.version == 3


def test_version_numbers_stay_unique_per_client(personas, plan):
    ClientPlan.objects.create(
        client=personas.client_a,
        version=7,
        period_start=timezone.localdate() - timedelta(days=400),
        content="Ouder plan uit het ECD.",
        external_source="ecd",
        external_id="plan-7",
    )
    assert services.new_version_of(plan).version == 8
