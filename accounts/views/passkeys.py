"""Passkeys: adding and removing them on the profile, and the WebAuthn ceremonies behind the package's scripts.

The ceremony endpoints are django-otp-webauthn's views with three project rules added: registering needs a
recent password + SMS check (like every other second-factor change), an authentication right after the
password step completes that login, and without a pending login it is a passwordless login only when
PASSKEY_PASSWORDLESS_LOGIN is on (the package refuses it otherwise).
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp_webauthn import exceptions, views

from accounts.passkeys import has_passkey, passkeys_of, remove_passkey, verified_with_strong_factor
from accounts.redirects import safe_next_url
from accounts.sessions import recently_reauthenticated
from accounts.views.login import finish_login, landing_url, pending_login_user
from accounts.views.profile import reauth_required


class ReauthenticationRequired(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_detail = gettext_lazy(
        "Bevestig eerst opnieuw uw wachtwoord en een SMS-code. Laad daarna de pagina opnieuw."
    )
    default_code = "reauthentication_required"


REGISTRATION_FAILED = gettext_lazy("Het toevoegen van de passkey is niet gelukt. Probeer het opnieuw.")
AUTHENTICATION_FAILED = gettext_lazy(
    "Inloggen met deze passkey is niet gelukt. Probeer het opnieuw of kies hieronder een andere manier."
)
# The package's messages for a refused ceremony (those from py_webauthn's errors are English only) as one
# clear Dutch sentence each; its other messages come translated.
DUTCH_ERRORS = {
    "invalid_authentication_response": AUTHENTICATION_FAILED,
    "credential_not_found": AUTHENTICATION_FAILED,
    "credential_user_mismatch": AUTHENTICATION_FAILED,
    "credential_disabled": AUTHENTICATION_FAILED,
    "invalid_state": gettext_lazy("Deze poging is verlopen. Laad de pagina opnieuw en probeer het nog eens."),
    "passwordless_login_disabled": gettext_lazy(
        "Vul eerst uw gebruikersnaam en wachtwoord in; daarna kunt u uw passkey gebruiken."
    ),
}
UNTRANSLATED_ERRORS = {
    "malformed_request",
    "invalid_registration_response",
    "invalid_cbor",
    "invalid_json_structure",
    "unsupported_algorithm",
    "unsupported_public_key",
}


class DutchErrorsMixin:
    failed_message = AUTHENTICATION_FAILED

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError):
            if exc.code in DUTCH_ERRORS:
                exc.detail = DUTCH_ERRORS[exc.code]
            elif exc.code in UNTRANSLATED_ERRORS:
                exc.detail = self.failed_message
        return super().handle_exception(exc)


class BeginRegistration(DutchErrorsMixin, views.BeginCredentialRegistrationView):
    failed_message = REGISTRATION_FAILED

    def check_can_register(self):
        if not recently_reauthenticated(self.request):
            raise ReauthenticationRequired()


class CompleteRegistration(DutchErrorsMixin, views.CompleteCredentialRegistrationView):
    failed_message = REGISTRATION_FAILED

    def check_can_register(self):
        if not recently_reauthenticated(self.request):
            raise ReauthenticationRequired()

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            messages.success(
                self.request, _("Uw passkey is toegevoegd. U kunt hem voortaan gebruiken bij het inloggen.")
            )
        return response


class PendingLoginMixin:
    """The user is the one logged in, or else the one who just passed the password step of the login."""

    def get_user(self):
        if self.request.user.is_authenticated:
            return self.request.user
        return pending_login_user(self.request)


class BeginAuthentication(DutchErrorsMixin, PendingLoginMixin, views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(DutchErrorsMixin, PendingLoginMixin, views.CompleteCredentialAuthenticationView):
    success_url = None

    def complete_auth(self, device):
        if not self.request.user.is_authenticated and pending_login_user(self.request):
            self.success_url = finish_login(self.request, device)
            return
        super().complete_auth(device)

    def get_success_url(self):
        return self.success_url or self.get_redirect_url() or landing_url(self.request.user)


@never_cache
@reauth_required
def passkey_add(request):
    return render(request, "accounts/passkey_add.html", {"passkeys": passkeys_of(request.user)})


@never_cache
@reauth_required
def passkey_remove(request, pk):
    passkey = passkeys_of(request.user).filter(pk=pk).first()
    if passkey is None:
        raise Http404
    if request.method == "POST":
        remove_passkey(request.user, pk)
        messages.success(request, _("De passkey is verwijderd. Hij werkt niet meer om in te loggen."))
        return redirect("accounts:profile")
    return render(request, "accounts/passkey_remove.html", {"passkey": passkey})


@never_cache
def strong_factor_required(request):
    """Staff verified by SMS alone are sent here before the admin (STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR)."""
    next_url = safe_next_url(request, reverse("wagtailadmin_home"))
    if verified_with_strong_factor(request.user):
        return redirect(next_url)
    return render(
        request,
        "accounts/strong_factor_required.html",
        {
            "next": next_url,
            "has_passkey": has_passkey(request.user),
            "required": settings.STAFF_REQUIRE_PHISHING_RESISTANT_FACTOR,
        },
    )
