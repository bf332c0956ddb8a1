"""Turning a broker's answer into a portal login, and linking an identity to an account."""

from dataclasses import dataclass

import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from django.conf import settings
from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_otp import login as otp_login
from joserfc.errors import JoseError

from . import broker as oidc
from .models import DigidIdentity

ACR_SESSION_KEY = "digid_acr"
ID_TOKEN_SESSION_KEY = "digid_id_token"  # noqa: S105
PENDING_LINK_SESSION_KEY = "digid_pending_link"
NEXT_SESSION_KEY = "digid_next"

# Outcomes of a callback.
LOGGED_IN = "logged-in"
LEVEL_TOO_LOW = "level-too-low"
UNKNOWN_IDENTITY = "unknown-identity"
CANCELLED = "cancelled"
REFUSED = "refused"
UNREACHABLE = "unreachable"


@dataclass
class CallbackResult:
    outcome: str
    acr: str = ""
    identity: DigidIdentity | None = None


def complete_login(request):
    """Check the broker's answer and log the linked account in when everything holds.

    The level is checked before the link, so a too-low level gets the same
    answer for linked and unknown identities.
    """
    try:
        token = oidc.broker().authorize_access_token(
            request, claims_options=oidc.claims_options(), leeway=settings.OIDC_CLOCK_LEEWAY_SECONDS
        )
    except MismatchingStateError:
        return CallbackResult(REFUSED)
    except OAuthError as error:
        return CallbackResult(CANCELLED if error.error in ("access_denied", "login_required") else REFUSED)
    except JoseError:
        return CallbackResult(REFUSED)
    except (requests.RequestException, ValueError):
        return CallbackResult(UNREACHABLE)
    claims = token.get("userinfo")
    if not claims or not token.get("id_token"):
        return CallbackResult(REFUSED)
    acr = claims.get("acr") or ""
    if not oidc.meets_minimum(acr):
        return CallbackResult(LEVEL_TOO_LOW, acr=acr)
    identity = DigidIdentity.objects.for_claims(claims["iss"], claims["sub"])
    if identity is None:
        request.session[PENDING_LINK_SESSION_KEY] = {
            "issuer": claims["iss"],
            "subject": claims["sub"],
            "at": timezone.now().timestamp(),
        }
        return CallbackResult(UNKNOWN_IDENTITY, acr=acr)
    login(request, identity.user, backend="django.contrib.auth.backends.ModelBackend")
    otp_login(request, identity)
    request.session[ACR_SESSION_KEY] = acr
    request.session[ID_TOKEN_SESSION_KEY] = token["id_token"]
    DigidIdentity.objects.filter(pk=identity.pk).update(last_login_at=timezone.now())
    return CallbackResult(LOGGED_IN, acr=acr, identity=identity)


def pending_link(request):
    """The unknown identity of this session's last DigiD login, while it may still be linked."""
    pending = request.session.get(PENDING_LINK_SESSION_KEY)
    if not pending:
        return None
    if timezone.now().timestamp() - pending.get("at", 0) > settings.OIDC_LINK_VALIDITY_SECONDS:
        request.session.pop(PENDING_LINK_SESSION_KEY, None)
        return None
    return pending


class LinkError(Exception):
    pass


def link_pending_identity(request):
    """Link the pending identity to the account that just logged in with password and second factor."""
    pending = pending_link(request)
    if pending is None:
        raise LinkError("expired")
    if isinstance(request.user.otp_device, DigidIdentity):
        raise LinkError("not-second-factor")
    try:
        with transaction.atomic():
            identity = DigidIdentity.objects.create(
                user=request.user,
                issuer=pending["issuer"],
                subject=pending["subject"],
                linked_by=DigidIdentity.LINKED_BY_USER,
            )
    except IntegrityError as error:
        raise LinkError("taken") from error
    request.session.pop(PENDING_LINK_SESSION_KEY, None)
    return identity


def logged_in_with_digid(request):
    return isinstance(getattr(request.user, "otp_device", None), DigidIdentity)
