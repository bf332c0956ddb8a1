"""Account lifecycle for staff (used by the back-office admin)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.plugins.phonenumber.models import PhoneDevice

from home.organisation import current_organisation

from .sessions import end_sessions

# No look-alikes (0/O, 1/l/I) so the password can be typed over from paper.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_one_time_password(groups=4, size=4):
    """E.g. 'Kp7d-Xq4m-9hTz-Rw3e': 16 random characters (~90 bits)."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(size)) for _ in range(groups))


def _reset_sms_device(user):
    PhoneDevice.objects.filter(user=user).delete()
    if user.mobile_number:
        PhoneDevice.objects.create(user=user, name="default", number=user.mobile_number, method="sms", confirmed=True)


@transaction.atomic
def create_portal_account(*, username, first_name, last_name, email, mobile_number):
    """Create an account with a one-time password and SMS as second factor, and send the welcome e-mail.

    Returns (user, one_time_password). The password is not stored in plain text
    anywhere; show it to staff once if the e-mail cannot be delivered.
    """
    one_time_password = generate_one_time_password()
    user = get_user_model().objects.create_user(
        username=username,
        password=one_time_password,
        first_name=first_name,
        last_name=last_name,
        email=email,
        mobile_number=mobile_number,
        password_change_required=True,
        one_time_password_expires_at=timezone.now() + timedelta(days=settings.ONE_TIME_PASSWORD_VALIDITY_DAYS),
    )
    _reset_sms_device(user)
    transaction.on_commit(lambda: send_welcome_email(user, one_time_password))
    return user, one_time_password


def send_welcome_email(user, one_time_password):
    from django.urls import reverse

    body = render_to_string(
        "accounts/email/welcome.txt",
        {
            "user": user,
            "one_time_password": one_time_password,
            "expires_at": user.one_time_password_expires_at,
            "login_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("two_factor:login"),
            "organisation": current_organisation(),
        },
    )
    send_mail(_("Uw account voor MijnDossier"), body, None, [user.email])


def deactivate_account(user):
    """The account can no longer log in and every session of it ends now."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_sessions(user)


def reset_second_factor(user):
    """Remove authenticator app and backup codes; SMS to the account's mobile number is the only factor again."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        _reset_sms_device(user)


@transaction.atomic
def create_account_with_own_password(*, username, password, first_name, last_name, email, mobile_number):
    """An account whose holder chose the password themself (an invited person): SMS to `mobile_number` is
    its second factor. The password must have passed the project's validators."""
    user = get_user_model().objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
        mobile_number=mobile_number,
    )
    _reset_sms_device(user)
    return user
