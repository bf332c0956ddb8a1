"""The account page and the changes that need a fresh password + SMS check."""

from base64 import b32encode
from binascii import unhexlify
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from phonenumber_field.phonenumber import PhoneNumber
from two_factor.forms import TOTPDeviceForm
from two_factor.plugins.phonenumber.models import PhoneDevice
from two_factor.utils import get_otpauth_url, totp_digits
from two_factor.views import QRGeneratorView

from accounts.challenges import CONFIRM, VERIFY_MOBILE, SmsChallengeError, issue_sms_challenge
from accounts.forms import APP_CODE_LABEL, SIX_DIGITS, ContactDetailsForm, MobileNumberCodeForm, ReauthForm
from accounts.models import SmsChallenge
from accounts.passkeys import passkeys_of
from accounts.redirects import safe_next_url
from accounts.sessions import (
    active_sessions,
    current_session_id,
    end_sessions,
    mark_reauthenticated,
    recently_reauthenticated,
)
from lib import idempotency

QR_SESSION_KEY = "django_two_factor-qr_secret_key"
TOTP_KEY_SESSION_KEY = "accounts_totp_key"
PENDING_MOBILE_SESSION_KEY = "accounts_pending_mobile"
BACKUP_TOKEN_COUNT = 10
CONTACT_CHANGE_FORM = "contact-change"
TOTP_SETUP_FORM = "totp-setup"


def reauth_required(view_func):
    """Ask for the password and a fresh SMS code before a sensitive change."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        if not recently_reauthenticated(request):
            return redirect(f"{reverse('accounts:reauth')}?{urlencode({'next': request.get_full_path()})}")
        return view_func(request, *args, **kwargs)

    return wrapper


@never_cache
def profile(request):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "sms_device": PhoneDevice.objects.filter(user=user, method="sms").first(),
            "totp_device": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
            "backup_count": StaticToken.objects.filter(device__user=user).count(),
            "passkeys": passkeys_of(user),
            "sessions": active_sessions(user),
            "current_session_id": current_session_id(request),
        },
    )


@require_POST
def end_other_sessions(request):
    count = end_sessions(request.user, keep_session_id=current_session_id(request))
    messages.success(request, _("Andere sessies beëindigd: %(count)d.") % {"count": count})
    return redirect("accounts:profile")


@never_cache
def reauth(request):
    user = request.user
    next_url = safe_next_url(request, reverse("accounts:profile"))
    form = ReauthForm(user)
    if request.method == "POST" and "request_code" in request.POST:
        try:
            issue_sms_challenge(user, CONFIRM, request)
            messages.info(request, _("We hebben u een SMS-code gestuurd."))
        except SmsChallengeError as error:
            messages.error(request, str(error))
    elif request.method == "POST":
        form = ReauthForm(user, request.POST)
        if form.is_valid():
            mark_reauthenticated(request)
            return redirect(next_url)
    challenge = SmsChallenge.objects.open_for(user, CONFIRM)
    return render(request, "accounts/reauth.html", {"form": form, "challenge": challenge, "next": next_url})


def _contact_change_already_received(request):
    messages.info(request, idempotency.ALREADY_RECEIVED)
    pending = PENDING_MOBILE_SESSION_KEY in request.session
    return redirect("accounts:mobile_verify" if pending else "accounts:profile")


@never_cache
@reauth_required
def contact_change(request):
    """Save the e-mail address; a new mobile number first has to receive a code (see mobile_verify)."""
    user = request.user
    if request.method == "POST" and idempotency.is_retry(request, CONTACT_CHANGE_FORM):
        return _contact_change_already_received(request)
    form = ContactDetailsForm(request.POST or None, initial={"email": user.email, "mobile_number": user.mobile_number})
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["mobile_number"]
        mobile_changed = number != user.mobile_number
        try:
            with transaction.atomic():
                if not idempotency.claim(CONTACT_CHANGE_FORM, user, form.cleaned_data[idempotency.FIELD_NAME]):
                    return _contact_change_already_received(request)
                if mobile_changed:
                    challenge = issue_sms_challenge(user, VERIFY_MOBILE, request, number=number.as_e164)
                    request.session[PENDING_MOBILE_SESSION_KEY] = {"number": number.as_e164, "challenge": challenge.pk}
                user.email = form.cleaned_data["email"]
                user.save(update_fields=["email"])
        except SmsChallengeError as error:
            form.add_error(None, str(error))
            return render(request, "accounts/contact_change.html", {"form": form})
        if mobile_changed:
            return redirect("accounts:mobile_verify")
        messages.success(request, _("Uw gegevens zijn opgeslagen."))
        return redirect("accounts:profile")
    return render(request, "accounts/contact_change.html", {"form": form})


@never_cache
@reauth_required
def mobile_verify(request):
    """The new mobile number (kept in the session until now) proves it receives SMS before it becomes the 2nd factor."""
    user = request.user
    pending = request.session.get(PENDING_MOBILE_SESSION_KEY)
    if not pending:
        return redirect("accounts:contact_change")
    form = MobileNumberCodeForm(user, pending["challenge"])
    if request.method == "POST" and "request_code" in request.POST:
        try:
            challenge = issue_sms_challenge(user, VERIFY_MOBILE, request, number=pending["number"])
            pending["challenge"] = challenge.pk
            request.session[PENDING_MOBILE_SESSION_KEY] = pending
            messages.info(request, _("We hebben een nieuwe SMS-code gestuurd."))
        except SmsChallengeError as error:
            messages.error(request, str(error))
    elif request.method == "POST":
        form = MobileNumberCodeForm(user, pending["challenge"], request.POST)
        if form.is_valid():
            with transaction.atomic():
                user.mobile_number = pending["number"]
                user.save(update_fields=["mobile_number"])
                PhoneDevice.objects.filter(user=user, name="default", method="sms").update(number=pending["number"])
            del request.session[PENDING_MOBILE_SESSION_KEY]
            messages.success(
                request, _("Uw nieuwe mobiele nummer is bevestigd. Hierop ontvangt u voortaan de SMS-code.")
            )
            return redirect("accounts:profile")
    challenge = SmsChallenge.objects.open_for(user, VERIFY_MOBILE)
    if challenge is not None and challenge.pk != pending["challenge"]:
        challenge = None
    return render(
        request,
        "accounts/mobile_verify.html",
        {"form": form, "challenge": challenge, "number": PhoneNumber.from_string(pending["number"]).as_national},
    )


@never_cache
@reauth_required
def totp_setup(request):
    """Add an authenticator app as an alternative; SMS stays the default device."""
    key = request.session.get(TOTP_KEY_SESSION_KEY)
    if not key or request.method == "GET":
        key = random_hex(20)
        request.session[TOTP_KEY_SESSION_KEY] = key
    request.session[QR_SESSION_KEY] = b32encode(unhexlify(key)).decode("utf-8")
    form = TOTPDeviceForm(key=key, user=request.user, data=request.POST or None)
    form.fields["token"].label = APP_CODE_LABEL
    form.fields["token"].error_messages.update({"invalid": SIX_DIGITS, "required": _("Vul de code uit de app in.")})
    form.error_messages = {"invalid_token": _("Deze code klopt niet. Controleer de tijd op uw telefoon.")}
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=request.user).delete()
            device = form.save()
            device.name = "authenticator"
            device.save(update_fields=["name"])
        request.session.pop(TOTP_KEY_SESSION_KEY, None)
        request.session.pop(QR_SESSION_KEY, None)
        messages.success(request, _("De authenticator-app is ingesteld. U kunt hem voortaan kiezen bij het inloggen."))
        return redirect("accounts:profile")
    otpauth_url = get_otpauth_url(
        accountname=request.user.get_username(),
        issuer=settings.OTP_TOTP_ISSUER,
        secret=request.session[QR_SESSION_KEY],
        digits=totp_digits(),
    )
    return render(
        request,
        "accounts/totp_setup.html",
        {"form": form, "secret": request.session[QR_SESSION_KEY], "otpauth_url": otpauth_url},
    )


@never_cache
@reauth_required
def totp_remove(request):
    if request.method == "POST":
        TOTPDevice.objects.filter(user=request.user).delete()
        messages.success(request, _("De authenticator-app is verwijderd. U logt weer in met de SMS-code."))
        return redirect("accounts:profile")
    return render(request, "accounts/totp_remove.html")


@never_cache
@reauth_required
def backup_tokens(request):
    device, _created = StaticDevice.objects.get_or_create(user=request.user, defaults={"name": "backup"})
    tokens = []
    if request.method == "POST":
        device.token_set.all().delete()
        tokens = [StaticToken.random_token() for _ in range(BACKUP_TOKEN_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=token) for token in tokens])
    return render(request, "accounts/backup_tokens.html", {"tokens": tokens, "remaining": device.token_set.count()})


class AuthenticatorQrCodeView(QRGeneratorView):
    """The QR code of the setup page, with the issuer of its link (`OTP_TOTP_ISSUER`), not the site's host name."""

    def get_issuer(self):
        return settings.OTP_TOTP_ISSUER
