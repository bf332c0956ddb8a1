"""The client's circle: inviting a person, their activation, and narrowing, revoking and renewing the
grants the circle holds. Who may do this is one rule, `DossierAccess.objects.managing_circle()`; which
types and scopes they may give is `dossier.relationships.circle_scopes`. Every change is in the client's
access log.
"""

import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.sms import SmsDeliveryError, send_text_message
from dossier.access_log import log_access
from dossier.grants import log_grant_change
from dossier.log_sentences import GRANT_CHANGE_PREFIX
from dossier.models import AccessAction, BasisKind, DossierAccess, ObjectType
from dossier.relationships import CIRCLE_TYPES, CLIENT_MADE_BASES, Scope, circle_scopes
from home.organisation import current_organisation

from .models import Invitation, InvitationStatus, token_digest


class CircleError(Exception):
    """A change to the circle was refused; `str()` is Dutch, fit to show."""


def managing_grant(user, client, day=None) -> DossierAccess | None:
    """The user's grant that lets them manage `client`'s circle today, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return DossierAccess.objects.managing_circle(day).filter(user=user, client=client).first()


def circle_grants(client, day=None):
    """The grants of `client`'s circle that are valid today or later: the ones a manager may change."""
    day = day or timezone.localdate()
    return (
        DossierAccess.objects.filter(client=client, relationship__in=CIRCLE_TYPES)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .select_related("user")
        .order_by("valid_from", "pk")
    )


def open_invitations(client):
    return Invitation.objects.filter(
        client=client, status__in=(InvitationStatus.PENDING, InvitationStatus.AWAITING_APPROVAL)
    ).order_by("-created_at")


def _scope_labels(scopes) -> str:
    return ", ".join(str(Scope(scope).label) for scope in Scope.values if scope in scopes) or "niets"


def describe_invitation(invitation: Invitation) -> str:
    return f"{invitation.full_name}, {invitation.get_relationship_display()}: {_scope_labels(invitation.scopes)}"


def _log_invitation(request, invitation: Invitation, change: str):
    log_access(
        request,
        action=AccessAction.CHANGE,
        object_type=ObjectType.DOSSIER_ACCESS,
        client=invitation.client,
        object_id=f"uitnodiging:{invitation.pk}",
        detail=f"{GRANT_CHANGE_PREFIX}{change}: {describe_invitation(invitation)}",
    )


# Inviting


def allowed_scopes(manager: DossierAccess, relationship: str) -> frozenset:
    return circle_scopes(relationship, manager.scopes_on())


@transaction.atomic
def invite(request, manager: DossierAccess, *, first_name, last_name, email, mobile_number, relationship, scopes):
    """Create the invitation and e-mail its link; returns (invitation, raw token). The token is not kept."""
    if relationship not in CIRCLE_TYPES:
        raise CircleError(_("U kunt alleen familie, een naaste of een schriftelijk gemachtigde uitnodigen."))
    scopes = set(scopes)
    beyond = scopes - allowed_scopes(manager, relationship)
    if beyond:
        raise CircleError(
            _("Deze toegang kunt u niet geven: %(scopes)s.") % {"scopes": _scope_labels(beyond)},
        )
    if not scopes:
        raise CircleError(_("Kies ten minste één onderdeel waar deze persoon toegang toe krijgt."))
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation.objects.create(
        client=manager.client,
        invited_by=request.user,
        first_name=first_name,
        last_name=last_name,
        email=email,
        mobile_number=mobile_number,
        relationship=relationship,
        scopes=sorted(scopes),
        token_hash=token_digest(token),
        created_at=now,
        expires_at=now + timedelta(days=settings.DOSSIER_CIRCLE_INVITATION_VALIDITY_DAYS),
    )
    _log_invitation(request, invitation, "uitnodiging verstuurd")
    transaction.on_commit(lambda: send_invitation_email(request, invitation, token))
    return invitation, token


def activation_url(token: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("circle:activate", args=[token])


def send_invitation_email(request, invitation: Invitation, token: str) -> None:
    """Content-free: no client, no care, only where to go, the last digits of the number and the end date."""
    body = render_to_string(
        "circle/email/invitation.txt",
        {
            "invitation": invitation,
            "url": activation_url(token),
            "expires_on": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
            "organisation": current_organisation(request),
        },
    )
    send_mail(_("Uitnodiging voor MijnDossier"), body, None, [invitation.email])


@transaction.atomic
def withdraw(request, invitation: Invitation) -> None:
    if invitation.status not in (InvitationStatus.PENDING, InvitationStatus.AWAITING_APPROVAL):
        raise CircleError(_("Deze uitnodiging is al afgerond of ingetrokken."))
    invitation.status = InvitationStatus.WITHDRAWN
    invitation.save(update_fields=["status"])
    _log_invitation(request, invitation, "uitnodiging ingetrokken")


# Activation


def find_invitation(token: str) -> Invitation | None:
    if not token or len(token) > 200:
        return None
    return Invitation.objects.select_related("client", "invited_by").filter(token_hash=token_digest(token)).first()


def unusable_reason(invitation: Invitation | None) -> str:
    """Why the link cannot be used (Dutch), or "" when it can."""
    if invitation is None:
        return _("Deze uitnodigingslink klopt niet. Controleer of u de hele link uit de e-mail heeft geopend.")
    if invitation.status == InvitationStatus.WITHDRAWN:
        return _("Deze uitnodiging is ingetrokken.")
    if invitation.status in (InvitationStatus.ACCEPTED, InvitationStatus.AWAITING_APPROVAL):
        return _("Deze uitnodiging is al gebruikt. U kunt inloggen met uw eigen gebruikersnaam en wachtwoord.")
    if invitation.status == InvitationStatus.BLOCKED:
        return _(
            "Deze uitnodiging is geblokkeerd omdat er te vaak een verkeerde code is ingevuld. Vraag degene die u "
            "uitnodigde om een nieuwe uitnodiging."
        )
    if invitation.is_expired:
        return _("Deze uitnodiging is verlopen. Vraag degene die u uitnodigde om een nieuwe uitnodiging.")
    return ""


def _code_digest(salt: str, code: str) -> str:
    return salted_hmac("circle.Invitation.code", f"{salt}:{code}").hexdigest()


def send_activation_code(invitation: Invitation) -> None:
    """A fresh code by SMS to the invited number, throttled like the login codes."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        reason = unusable_reason(invitation)
        if reason:
            raise CircleError(reason)
        now = timezone.now()
        interval = settings.SMS_CODE_RESEND_INTERVAL_SECONDS
        if invitation.code_sent_at and invitation.code_sent_at > now - timedelta(seconds=interval):
            raise CircleError(
                _("U heeft net een code aangevraagd. Wacht %(seconds)d seconden en probeer het dan opnieuw.")
                % {"seconds": interval}
            )
        window = timedelta(seconds=settings.SMS_CODE_WINDOW_SECONDS)
        if invitation.window_started_at is None or invitation.window_started_at <= now - window:
            invitation.window_started_at, invitation.codes_in_window = now, 0
        if invitation.codes_in_window >= settings.SMS_CODE_MAX_PER_WINDOW:
            raise CircleError(
                _("U heeft te veel codes aangevraagd. Probeer het over %(minutes)d minuten opnieuw.")
                % {"minutes": settings.SMS_CODE_WINDOW_SECONDS // 60}
            )
        code, salt = f"{secrets.randbelow(10**6):06d}", secrets.token_hex(8)
        invitation.code_hash = f"{salt}${_code_digest(salt, code)}"
        invitation.code_sent_at = now
        invitation.code_expires_at = now + timedelta(seconds=settings.SMS_CODE_VALIDITY_SECONDS)
        invitation.code_attempts = 0
        invitation.codes_in_window += 1
        invitation.save()
    try:
        send_text_message(invitation.mobile_number, _("Uw MijnDossier activeringscode: %(code)s") % {"code": code})
    except SmsDeliveryError as error:
        Invitation.objects.filter(pk=invitation.pk).update(code_hash="")
        raise CircleError(str(error)) from error


def verify_activation_code(invitation: Invitation, code: str) -> None:
    """A right code marks the invited number as proven (once); a wrong one counts, and too many close the
    invitation. Raises CircleError with the Dutch reason."""
    code = "".join(ch for ch in str(code or "")[:50] if ch.isdigit())
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        reason = unusable_reason(invitation)
        if reason:
            raise CircleError(reason)
        if not invitation.code_hash:
            raise CircleError(_("Vraag eerst een SMS-code aan."))
        if invitation.code_expires_at <= timezone.now():
            raise CircleError(_("Deze code is verlopen. Vraag een nieuwe code aan."))
        salt, digest = invitation.code_hash.split("$", 1)
        if len(code) == 6 and hmac.compare_digest(digest, _code_digest(salt, code)):
            invitation.code_hash = ""
            invitation.phone_verified_at = timezone.now()
            invitation.save(update_fields=["code_hash", "phone_verified_at"])
            return
        invitation.code_attempts += 1
        invitation.failed_codes += 1
        message = _("Deze code klopt niet. Controleer de code en probeer het opnieuw.")
        if invitation.failed_codes >= settings.SMS_LOGIN_FAILURE_LIMIT:
            invitation.status = InvitationStatus.BLOCKED
            invitation.code_hash = ""
            message = unusable_reason(invitation)
        elif invitation.code_attempts >= settings.SMS_CODE_MAX_ATTEMPTS:
            invitation.code_hash = ""
            message = _("U heeft %(max)d keer een verkeerde code ingevuld. Vraag een nieuwe code aan.") % {
                "max": settings.SMS_CODE_MAX_ATTEMPTS
            }
        invitation.save(update_fields=["code_attempts", "failed_codes", "status", "code_hash"])
    raise CircleError(message)


def _make_grant(invitation: Invitation, day) -> DossierAccess:
    return DossierAccess.objects.create(
        user=invitation.accepted_by,
        client=invitation.client,
        relationship=invitation.relationship,
        scopes=invitation.scopes,
        basis_kind=BasisKind.WRITTEN_AUTHORISATION,
        basis_reference=f"uitnodiging {invitation.pk} in MijnDossier",
        basis_date=timezone.localtime(invitation.created_at).date(),
        registered_by=invitation.invited_by,
        valid_from=day,
    )


def may_accept(invitation: Invitation, user) -> str:
    """Why `user` cannot accept (Dutch), or ""."""
    if user.is_staff:
        return _("Met een account van een medewerker kunt u geen uitnodiging accepteren. Maak een eigen account aan.")
    if DossierAccess.objects.valid_on().filter(user=user, client=invitation.client).exists():
        return _("U heeft met dit account al toegang tot dit dossier.")
    return ""


@transaction.atomic
def accept(request, invitation: Invitation, user) -> DossierAccess | None:
    """The invited person accepts with their own account (new or existing, the number proven first).
    Returns the grant, or None while it waits for staff approval (`DOSSIER_CIRCLE_INVITATIONS_NEED_APPROVAL`)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    reason = unusable_reason(invitation) or may_accept(invitation, user)
    if reason:
        raise CircleError(reason)
    if invitation.phone_verified_at is None:
        raise CircleError(_("Vul eerst de SMS-code in die naar uw mobiele nummer is gestuurd."))
    invitation.accepted_by, invitation.accepted_at = user, timezone.now()
    if settings.DOSSIER_CIRCLE_INVITATIONS_NEED_APPROVAL:
        invitation.status = InvitationStatus.AWAITING_APPROVAL
        invitation.save(update_fields=["accepted_by", "accepted_at", "status"])
        _log_invitation(request, invitation, "uitnodiging geaccepteerd, wacht op goedkeuring")
        return None
    invitation.status = InvitationStatus.ACCEPTED
    invitation.grant = _make_grant(invitation, timezone.localdate())
    invitation.save(update_fields=["accepted_by", "accepted_at", "status", "grant"])
    log_grant_change(request, invitation.grant, "vastgelegd na uitnodiging")
    return invitation.grant


@transaction.atomic
def approve(request, invitation: Invitation) -> DossierAccess:
    """A care worker of the client's team approves an accepted invitation: the grant takes effect now."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.AWAITING_APPROVAL or invitation.accepted_by is None:
        raise CircleError(_("Deze uitnodiging wacht niet op goedkeuring."))
    invitation.status = InvitationStatus.ACCEPTED
    invitation.approved_by, invitation.approved_at = request.user, timezone.now()
    invitation.grant = _make_grant(invitation, timezone.localdate())
    invitation.save(update_fields=["status", "approved_by", "approved_at", "grant"])
    log_grant_change(request, invitation.grant, "goedgekeurd en vastgelegd na uitnodiging")
    return invitation.grant


# Changing the circle's grants


@transaction.atomic
def narrow(request, grant: DossierAccess, scopes) -> bool:
    """Take scopes away (never add any); returns whether anything changed."""
    scopes = set(scopes)
    if not scopes <= set(grant.scopes):
        raise CircleError(
            _(
                "Hier kunt u alleen toegang weghalen. Wilt u meer toegang geven? Trek de toegang in en nodig "
                "opnieuw uit."
            )
        )
    if not scopes:
        raise CircleError(_("Laat ten minste één onderdeel aangevinkt, of trek de toegang helemaal in."))
    if scopes == set(grant.scopes):
        return False
    grant.scopes = sorted(scopes)
    grant.save(update_fields=["scopes"])
    log_grant_change(request, grant, "beperkt")
    return True


@transaction.atomic
def revoke(request, grant: DossierAccess) -> None:
    """The grant ends yesterday, so from the next request on it gives nothing."""
    yesterday = timezone.localdate() - timedelta(days=1)
    grant.valid_until = yesterday
    grant.valid_from = min(grant.valid_from, yesterday)
    grant.save(update_fields=["valid_from", "valid_until"])
    log_grant_change(request, grant, "ingetrokken")


def is_renewable(grant: DossierAccess, day=None) -> bool:
    day = day or timezone.localdate()
    return (
        grant.relationship in CIRCLE_TYPES
        and grant.basis_kind in CLIENT_MADE_BASES
        and grant.valid_until is not None
        and grant.valid_until >= day
    )


@transaction.atomic
def renew(request, grant: DossierAccess) -> None:
    """Valid for the client-grant period again, counted from today."""
    today = timezone.localdate()
    if not is_renewable(grant, today):
        raise CircleError(_("Deze toegang kunt u niet verlengen."))
    grant.valid_until = DossierAccess.client_grant_end(today)
    grant.save(update_fields=["valid_until"])
    log_grant_change(request, grant, "verlengd")
