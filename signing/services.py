"""Signing as a sequence of state changes, each in one transaction on a locked plan row.

    req = request_signature(plan, [user], requested_by=staff)    # staff, in the admin
    issue_signing_code(user, plan)                               # signer asks for an SMS code
    signature = sign_plan(plan, user, "482913", ip_address=ip)    # signer confirms with it
    decline_plan(plan, user, "comment")                          # or declines
    new_plan = new_version_of(signed_plan, created_by=staff)     # staff change a signed plan

Every refusal raises `SigningError` with a Dutch message fit for the user.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.challenges import issue_sms_challenge, verify_sms_challenge
from dossier.models import ClientPlan, DossierAccess, PlanStatus
from dossier.sections import registry
from lib import idempotency

from . import documents, notifications
from .models import PlanSignature, PlanVersionLink, RequestStatus, SignatureRequest, sha256_hex

logger = logging.getLogger(__name__)

REQUESTABLE_STATUSES = (PlanStatus.DRAFT, PlanStatus.FINAL, PlanStatus.DECLINED)
MAX_COMMENT_LENGTH = 2000


class SigningError(Exception):
    """A signing step was refused; `str()` is a Dutch message for the user."""


class NotASigner(SigningError):
    """The user is not (or no longer) named as signer of this plan."""


def code_purpose(plan) -> str:
    return f"sign-plan:{plan.pk}"


def signer_access(user, client):
    """The user's access in force to `client` that gives the signing scope, or None."""
    return DossierAccess.objects.signers().filter(user=user, client=client).first()


def eligible_signers(plan):
    """Portal accounts that may be named as signer: those whose grant gives the signing scope today."""
    accesses = DossierAccess.objects.signers().filter(client=plan.client)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=accesses.values("user_id"))
        .order_by("last_name", "first_name", "username")
    )


def open_request(plan) -> SignatureRequest | None:
    return plan.signature_requests.filter(status=RequestStatus.OPEN).first()


def may_sign(user, plan) -> bool:
    """Named in the open request for `plan` and still the client or a legal representative."""
    if plan.status != PlanStatus.AWAITING_SIGNATURE or plan.withdrawn_at is not None:
        return False
    request = open_request(plan)
    return (
        request is not None
        and request.signers.filter(pk=user.pk).exists()
        and signer_access(user, plan.client) is not None
    )


# Staff side.


def request_signature(plan, signers, requested_by, *, notify=True) -> SignatureRequest:
    """Offer `plan` for signing to `signers`, freeze the document they will see, and notify them.

    Notification failures do not undo the request; they are logged and
    returned on `request.notification_problems` for the admin to show.
    """
    signers = list(signers)
    if not signers:
        raise SigningError(_("Kies ten minste één persoon die mag ondertekenen."))
    allowed = set(eligible_signers(plan).values_list("pk", flat=True))
    if any(user.pk not in allowed for user in signers):
        raise SigningError(
            _(
                "Alleen de cliënt of een wettelijk vertegenwoordiger met geldige toegang tot het dossier "
                "kan ondertekenen."
            )
        )
    with transaction.atomic():
        locked = ClientPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.withdrawn_at is not None or locked.status not in REQUESTABLE_STATUSES:
            raise SigningError(
                _("Dit cliëntplan kan niet ter ondertekening worden aangeboden (status: %(status)s).")
                % {"status": locked.get_status_display()}
            )
        locked.status = PlanStatus.AWAITING_SIGNATURE
        locked.save(update_fields=["status", "updated_at"])
        # Rendered once, after the status change, so the document says "ter ondertekening".
        pdf = registry["plans"].document.render_pdf(locked)
        request = SignatureRequest.objects.create(
            plan=locked, requested_by=requested_by, document_pdf=pdf, document_sha256=sha256_hex(pdf)
        )
        request.signers.set(signers)
    plan.status = locked.status
    request.notification_problems = notifications.notify_signers(request) if notify else []
    return request


def cancel_request(request, cancelled_by) -> SignatureRequest:
    """Staff withdraw an open request; the plan goes back to final."""
    with transaction.atomic():
        plan = ClientPlan.objects.select_for_update().get(pk=request.plan_id)
        request = SignatureRequest.objects.select_for_update().get(pk=request.pk)
        if not request.is_open:
            raise SigningError(_("Dit verzoek is al afgerond."))
        _close(request, RequestStatus.CANCELLED, cancelled_by)
        if plan.status == PlanStatus.AWAITING_SIGNATURE:
            plan.status = PlanStatus.FINAL
            plan.save(update_fields=["status", "updated_at"])
    return request


def next_version_number(client) -> int:
    return (ClientPlan.objects.filter(client=client).aggregate(top=Max("version"))["top"] or 0) + 1


def new_version_of(plan, created_by=None, **changes) -> ClientPlan:
    """A new draft plan row with the content of `plan` (plus `changes`); `plan` itself stays untouched.

    The version number is one above the client's highest, so it never clashes
    with a version that came from the care record system. An open request on
    `plan` is withdrawn: the old version can no longer be signed.
    """
    with transaction.atomic():
        previous = ClientPlan.objects.select_for_update().get(pk=plan.pk)
        request = open_request(previous)
        if request is not None:
            cancel_request(request, created_by)
        fields = {
            "client": previous.client,
            "title": previous.title,
            "period_start": previous.period_start,
            "period_end": previous.period_end,
            "content": previous.content,
            **changes,
        }
        new_plan = ClientPlan.objects.create(
            **fields, version=next_version_number(previous.client), status=PlanStatus.DRAFT
        )
        PlanVersionLink.objects.create(plan=new_plan, previous=previous, created_by=created_by)
    return new_plan


# Signer side.


def _open_request_for(plan, user) -> tuple[SignatureRequest, DossierAccess]:
    """The open request `user` may sign for the (locked) `plan`, or a SigningError saying why not."""
    if plan.status == PlanStatus.SIGNED:
        raise SigningError(_("Dit cliëntplan is al ondertekend."))
    if plan.status == PlanStatus.DECLINED:
        raise SigningError(_("U heeft voor dit cliëntplan al aangegeven dat u niet akkoord gaat."))
    if plan.status != PlanStatus.AWAITING_SIGNATURE or plan.withdrawn_at is not None:
        raise SigningError(_("Dit cliëntplan staat niet (meer) klaar om te ondertekenen."))
    request = open_request(plan)
    access = signer_access(user, plan.client)
    if request is None or access is None or not request.signers.filter(pk=user.pk).exists():
        raise NotASigner(_("U bent niet gevraagd dit cliëntplan te ondertekenen."))
    return request, access


def issue_signing_code(user, plan, http_request=None):
    """Send a fresh SMS code for signing this plan; returns the challenge (its prefix is shown)."""
    _open_request_for(plan, user)
    return issue_sms_challenge(user, code_purpose(plan), http_request)


SIGN_FORM = "plan-sign"
DECLINE_FORM = "plan-decline"


def sign_plan(plan, user, code, *, ip_address=None, key="") -> PlanSignature:
    """Record the signature once: the plan row is locked, its status checked, the code used up.

    A replayed POST, a second tab or a concurrent request finds the plan
    signed and is refused; the unique constraint on `PlanSignature.plan` is
    the last line of defence. The form's idempotency `key` is claimed with the
    signature (not with a wrong code), so the view can tell a retry apart.
    """
    error = None
    try:
        with transaction.atomic():
            locked = ClientPlan.objects.select_for_update().select_related("client").get(pk=plan.pk)
            request, access = _open_request_for(locked, user)
            result = verify_sms_challenge(user, code_purpose(locked), code)
            if not result.ok:
                # Leave the block normally so the counted attempt is committed.
                error = result.error
            else:
                idempotency.claim(SIGN_FORM, user, key)
                signature = _record_signature(locked, request, user, access, ip_address)
    except IntegrityError:
        raise SigningError(_("Dit cliëntplan is al ondertekend.")) from None
    if error:
        raise SigningError(error)
    plan.status, plan.signed_at = signature.plan.status, signature.plan.signed_at
    return signature


def _record_signature(plan, request, user, access, ip_address) -> PlanSignature:
    now = timezone.now()
    plan.status = PlanStatus.SIGNED
    plan.signed_at = now
    signature = PlanSignature(
        plan=plan,
        request=request,
        plan_version=plan.version,
        signer=user,
        signer_name=user.get_full_name() or user.username,
        signer_role=access.relationship,
        signed_at=now,
        ip_address=ip_address,
        method="sms",
        document_pdf=bytes(request.document_pdf),
        document_sha256=request.document_sha256,
    )
    signature.signed_pdf = documents.signed_plan_pdf(plan, signature)
    plan.save(update_fields=["status", "signed_at", "updated_at"])
    signature.save()
    _close(request, RequestStatus.SIGNED, user)
    return signature


def decline_plan(plan, user, comment, *, key="") -> SignatureRequest:
    """The signer does not agree; the comment goes to staff (admin + e-mail without the comment)."""
    comment = (comment or "").strip()
    if not comment:
        raise SigningError(_("Schrijf kort op waarom u niet akkoord gaat, zodat uw zorgteam het met u kan bespreken."))
    if len(comment) > MAX_COMMENT_LENGTH:
        raise SigningError(_("Uw toelichting is te lang (maximaal %(max)d tekens).") % {"max": MAX_COMMENT_LENGTH})
    with transaction.atomic():
        locked = ClientPlan.objects.select_for_update().select_related("client").get(pk=plan.pk)
        request, _access = _open_request_for(locked, user)
        idempotency.claim(DECLINE_FORM, user, key)
        request.decline_comment = comment
        _close(request, RequestStatus.DECLINED, user)
        locked.status = PlanStatus.DECLINED
        locked.save(update_fields=["status", "updated_at"])
    plan.status = locked.status
    notifications.notify_staff_of_decline(request)
    return request


def _close(request, status, by):
    request.status = status
    request.closed_at = timezone.now()
    request.closed_by = by
    request.save(update_fields=["status", "closed_at", "closed_by", "decline_comment"])


def served_plan_pdf(plan) -> bytes | None:
    """The stored bytes to serve as this plan's PDF, or None to render it as usual.

    Signed in the portal: the PDF with the signature block. Waiting for a
    signature: exactly the document that will be fingerprinted.
    """
    signature = PlanSignature.objects.filter(plan=plan).only("signed_pdf").first()
    if signature is not None:
        return bytes(signature.signed_pdf)
    if plan.status == PlanStatus.AWAITING_SIGNATURE:
        request = open_request(plan)
        if request is not None:
            return bytes(request.document_pdf)
    return None
