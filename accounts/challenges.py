"""SMS challenges: a fresh code per login attempt or per confirmation.

The code is our own (6 random digits with a random 4-digit prefix that the
screen shows, so the user can match SMS and attempt); django-two-factor's
PhoneDevice only supplies the number and its gateway the delivery. Its own
TOTP-based phone tokens cannot give us one-time use, a per-attempt prefix or
a per-attempt try counter.

    challenge = issue_sms_challenge(user, "signing", request)   # .prefix to show
    result = verify_sms_challenge(user, "signing", "482913")     # .ok / .error

A login code is also bound to one login attempt: `new_login_attempt()` gives
the secret that the login wizard keeps in its session storage, and passing it
as `attempt=` to issue and verify keeps other attempts' codes apart.
"""

import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from .models import SmsChallenge
from .sms import SmsDeliveryError, login_code_text, send_text_message

LOGIN = "login"
CONFIRM = "confirm"
VERIFY_MOBILE = "verify-mobile"


class SmsChallengeError(Exception):
    """Requesting a code was refused (throttled, no number, gateway down); `str()` is Dutch."""


@dataclass
class SmsVerification:
    ok: bool
    error: str = ""
    challenge: SmsChallenge | None = None


def sms_text(purpose, token):
    if purpose == LOGIN:
        return login_code_text(token)
    return _("Uw MijnDossier bevestigingscode: %(code)s") % {"code": token}


def _hash(challenge_salt, code):
    return salted_hmac("accounts.SmsChallenge", f"{challenge_salt}:{code}").hexdigest()


def new_login_attempt() -> str:
    """A secret for one login attempt; only its keyed hash is stored with the challenge."""
    return secrets.token_urlsafe(32)


def attempt_digest(attempt) -> str:
    if not attempt:
        return ""
    return salted_hmac("accounts.SmsChallenge.attempt", attempt, algorithm="sha256").hexdigest()


def void_open_challenges(user, purpose, attempt=""):
    SmsChallenge.objects.open().filter(user=user, purpose=purpose, attempt=attempt_digest(attempt)).update(
        voided_at=timezone.now()
    )


def open_challenge(user, purpose, attempt=""):
    """The challenge a screen offers (its prefix), by the same rule `verify_sms_challenge` accepts."""
    return SmsChallenge.objects.open_for(user, purpose, attempt_digest(attempt))


def _check_throttle(user):
    now = timezone.now()
    recent = SmsChallenge.objects.filter(user=user)
    interval = settings.SMS_CODE_RESEND_INTERVAL_SECONDS
    if recent.filter(created_at__gt=now - timedelta(seconds=interval)).exists():
        raise SmsChallengeError(
            _("U heeft net een code aangevraagd. Wacht %(seconds)d seconden en probeer het dan opnieuw.")
            % {"seconds": interval}
        )
    window = timedelta(seconds=settings.SMS_CODE_WINDOW_SECONDS)
    if recent.filter(created_at__gt=now - window).count() >= settings.SMS_CODE_MAX_PER_WINDOW:
        raise SmsChallengeError(
            _("U heeft te veel codes aangevraagd. Probeer het over %(minutes)d minuten opnieuw.")
            % {"minutes": settings.SMS_CODE_WINDOW_SECONDS // 60}
        )


def issue_sms_challenge(user, purpose, request=None, *, number=None, attempt="") -> SmsChallenge:
    """Void open challenges of this purpose (and attempt), create a new one and send its code by SMS.

    `number` overrides the user's SMS device, e.g. to confirm a new mobile number.
    `attempt` binds the code to one login attempt (see `new_login_attempt`).
    Raises SmsChallengeError (Dutch message) when throttled or when sending fails.
    """
    number = number or user.sms_number()
    if not number:
        raise SmsChallengeError(
            _("Er is geen mobiel nummer bekend. Neem contact op met uw zorgorganisatie om het te laten toevoegen.")
        )
    with transaction.atomic():
        _check_throttle(user)
        now = timezone.now()
        void_open_challenges(user, purpose, attempt)
        prefix = f"{secrets.randbelow(9000) + 1000}"
        code = f"{secrets.randbelow(10**6):06d}"
        salt = secrets.token_hex(8)
        challenge = SmsChallenge.objects.create(
            user=user,
            purpose=purpose,
            attempt=attempt_digest(attempt),
            prefix=prefix,
            code_hash=f"{salt}${_hash(salt, code)}",
            created_at=now,
            expires_at=now + timedelta(seconds=settings.SMS_CODE_VALIDITY_SECONDS),
        )
    try:
        send_text_message(number, sms_text(purpose, f"{prefix}-{code}"))
    except SmsDeliveryError as error:
        challenge.voided_at = timezone.now()
        challenge.save(update_fields=["voided_at"])
        raise SmsChallengeError(str(error)) from error
    return challenge


def _normalise(code):
    code = "".join(ch for ch in str(code or "") if ch.isdigit())
    # Accept the whole "5913-482913" too: keep the last six digits.
    return code[-6:] if len(code) == 10 else code


def _closed_reason(challenge) -> str:
    """The Dutch explanation for a challenge that `SmsChallenge.objects.open()` no longer offers."""
    if challenge.used_at is not None:
        return _("Deze code is al gebruikt. Vraag een nieuwe code aan.")
    tries_left = challenge.attempts < settings.SMS_CODE_MAX_ATTEMPTS
    if challenge.voided_at is None and tries_left and challenge.expires_at <= timezone.now():
        return _("Deze code is verlopen. Vraag een nieuwe code aan.")
    return _("Deze code is niet meer geldig. Vraag een nieuwe code aan.")


def verify_sms_challenge(user, purpose, code, *, attempt="") -> SmsVerification:
    """Check a code against the newest challenge of this purpose and attempt; a right code works once."""
    code = _normalise(code)
    with transaction.atomic():
        challenge = (
            SmsChallenge.objects.select_for_update()
            .with_open_flag()
            .filter(user=user, purpose=purpose, attempt=attempt_digest(attempt))
            .order_by("-created_at", "-id")
            .first()
        )
        if challenge is None:
            return SmsVerification(False, _("Vraag eerst een SMS-code aan."))
        if not challenge.still_open:
            return SmsVerification(False, _closed_reason(challenge), challenge)
        salt, digest = challenge.code_hash.split("$", 1)
        if len(code) == 6 and hmac.compare_digest(digest, _hash(salt, code)):
            challenge.used_at = timezone.now()
            challenge.save(update_fields=["used_at"])
            return SmsVerification(True, "", challenge)
        challenge.attempts += 1
        left = settings.SMS_CODE_MAX_ATTEMPTS - challenge.attempts
        if left <= 0:
            challenge.voided_at = timezone.now()
            challenge.save(update_fields=["attempts", "voided_at"])
            return SmsVerification(
                False,
                _("U heeft %(max)d keer een verkeerde code ingevuld. Vraag een nieuwe code aan.")
                % {"max": settings.SMS_CODE_MAX_ATTEMPTS},
                challenge,
            )
        challenge.save(update_fields=["attempts"])
        return SmsVerification(
            False,
            _("Deze code klopt niet. Controleer de code en probeer het opnieuw (nog %(left)d keer).") % {"left": left},
            challenge,
        )
