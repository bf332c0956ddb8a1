"""Access checks for everything behind the login.

The one place the rules live: `PortalAccessMiddleware` asks them on every
protected path, and `DossierPage.serve()` asks them again (defence in depth).
Whether the current terms were accepted is the terms app's answer
(`terms.acceptance`).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url


def _is_verified(user):
    return bool(getattr(user, "is_verified", lambda: False)())


def _redirect_with_next(url_name, request):
    return redirect(f"{resolve_url(url_name)}?{urlencode({'next': request.get_full_path()})}")


def portal_access_redirect(request, *, check_terms=True):
    """Where a request must go before it may see protected content, or None when it may pass.

    In order: logged in with an active account, second factor verified, own
    password chosen, current terms accepted.
    """
    user = request.user
    if not user.is_authenticated or not user.is_active or not _is_verified(user):
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    if user.password_change_required:
        return _redirect_with_next("accounts:password_change_required", request)
    if not check_terms:
        return None
    if not _has_accepted_current_terms(request):
        return _redirect_with_next("accounts:accept_terms", request)
    return None


ACCEPTED_TERMS_SESSION_KEY = "accounts_accepted_terms_revision"


def _has_accepted_current_terms(request):
    """Asked by the middleware and again by the dossier page: looked up once per request, and once per session
    for each revision of the terms (an acceptance is never taken back; new terms have a new revision)."""
    if not hasattr(request, "_accepted_current_terms"):
        from terms.acceptance import current_terms_revision_id, has_accepted_current_terms

        revision_id = current_terms_revision_id()
        accepted = revision_id is not None and request.session.get(ACCEPTED_TERMS_SESSION_KEY) == revision_id
        if not accepted and has_accepted_current_terms(request.user):
            accepted = True
            request.session[ACCEPTED_TERMS_SESSION_KEY] = revision_id
        request._accepted_current_terms = accepted
    return request._accepted_current_terms
