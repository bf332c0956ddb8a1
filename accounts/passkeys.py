"""Passkeys (WebAuthn credentials of django-otp-webauthn) and which second factors count as strong.

A passkey is a django-otp device like the SMS device, so a login with it verifies the session the same
way (`user.is_verified()`), and deleting it ends that verification on the next request.
"""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

# The factors that an attacker cannot simply ask the user to read out: a passkey is bound to the site's
# domain; an authenticator-app code is at least not sent over the phone network.
STRONG_DEVICE_TYPES = (WebAuthnCredential, TOTPDevice)


def passkeys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def has_passkey(user):
    return bool(user) and passkeys_of(user).exists()


def remove_passkey(user, pk):
    """Delete one of the user's own passkeys; returns whether there was one."""
    deleted, _details = WebAuthnCredential.objects.filter(user=user, pk=pk).delete()
    return bool(deleted)


def verified_with_strong_factor(user):
    return isinstance(getattr(user, "otp_device", None), STRONG_DEVICE_TYPES)


def needs_strong_factor_for_admin(user):
    """STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR: the admin only after a passkey or authenticator-app login."""
    return settings.STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR and not verified_with_strong_factor(user)
