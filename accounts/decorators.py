"""Access checks for everything behind the login.

`PortalAccessMiddleware` enforces the same conditions on protected paths; these
are the per-view guard (defense in depth) and the one place the rules live.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect


def portal_access_redirect(request):
    """Where a request must go before it may see protected content, or None when it may pass."""
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    if not user.is_verified():
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    if user.password_change_required:
        return redirect("accounts:password_change_required")
    from accounts.terms import has_accepted_current_terms

    if not has_accepted_current_terms(user):
        return redirect("accounts:accept_terms")
    return None


def portal_login_required(view_func):
    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        response = portal_access_redirect(request)
        if response is not None:
            return response
        return view_func(request, *args, **kwargs)

    return wrapper


class PortalLoginRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        response = portal_access_redirect(request)
        if response is not None:
            return response
        return super().dispatch(request, *args, **kwargs)
