"""Enforce the portal rules on every protected path (see accounts.decorators)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect, resolve_url
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from . import sessions
from .decorators import portal_access_redirect
from .passkeys import needs_strong_factor_for_admin

# Reachable without (complete) login.
PUBLIC_URL_NAMES = (
    "two_factor:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "accounts:terms_declined",
    "wagtailadmin_login",
    # DigiD login (digid/): the broker's callback logs in; linking an identity stays protected.
    "digid:start",
    "digid:callback",
    "digid:logout",
    "digid:logged_out",
    # Passkey as second step (after the password step) or passwordless login; the views check which applies.
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
)
# Reachable without login, with arguments in the path (the reset link from the e-mail).
PUBLIC_URL_NAMES_WITH_ARGUMENTS = ("accounts:password_reset_confirm",)


def _public_paths():
    return {reverse(name) for name in PUBLIC_URL_NAMES}


def _login_redirect(request, reason=None):
    query = {"next": request.get_full_path()}
    if reason:
        query["reden"] = reason
    return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode(query)}")


def _session_timed_out(request):
    """The browser still sends a session cookie, but the server no longer knows that session: it expired
    after SESSION_COOKIE_AGE without a request (logging out deletes the cookie)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.session.session_key is None


class PortalAccessMiddleware:
    """Second factor, session limits, forced password change and terms, in that order."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.protected_prefixes = tuple(settings.PORTAL_PROTECTED_PATH_PREFIXES)
        self.admin_prefix = settings.WAGTAIL_ADMIN_PATH_PREFIX

    def __call__(self, request):
        response = self._check_session(request)
        if response is None and self._is_protected(request.path_info):
            response = self._check_access(request)
        if response is not None:
            return response
        if request.user.is_authenticated:
            sessions.touch(request)
        return self.get_response(request)

    def _is_protected(self, path):
        if not path.startswith(self.protected_prefixes) or path in _public_paths():
            return False
        try:
            return resolve(path).view_name not in PUBLIC_URL_NAMES_WITH_ARGUMENTS
        except Resolver404:
            return True

    def _check_session(self, request):
        if not request.user.is_authenticated:
            if SESSION_KEY in request.session:
                # The account was deactivated (or deleted) while logged in.
                request.session.flush()
                return _login_redirect(request, "account-beeindigd")
            if self._is_protected(request.path_info) and _session_timed_out(request):
                return _login_redirect(request, "inactief")
            return None
        if not sessions.is_registered(request):
            # Ended from another session (profile), by deactivation, or started before sessions were registered.
            logout(request)
            return _login_redirect(request, "account-beeindigd")
        login_at = request.session.get(sessions.LOGIN_AT_KEY)
        now = timezone.now().timestamp()
        if login_at is None:
            request.session[sessions.LOGIN_AT_KEY] = now
        elif now - login_at > settings.SESSION_MAX_AGE_SECONDS:
            logout(request)
            return _login_redirect(request, "sessie-verlopen")
        return None

    def _check_access(self, request):
        path = request.path_info
        if path == reverse("accounts:password_change_required"):
            response = portal_access_redirect(request, check_terms=False)
            # The forced change page itself is the target of that redirect.
            if response is not None and request.user.is_authenticated and request.user.is_verified():
                return None
            return response
        if path.startswith(self.admin_prefix):
            # Terms of use bind portal users; staff reach the admin after the login steps.
            response = portal_access_redirect(request, check_terms=False)
            if response is None and needs_strong_factor_for_admin(request.user):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:strong_factor_required')}?{query}")
            return response
        if path == reverse("accounts:accept_terms"):
            return portal_access_redirect(request, check_terms=False)
        return portal_access_redirect(request)
