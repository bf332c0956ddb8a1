"""First-login steps and the account's own pages: password, terms, logout, reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.forms import (
    FirstPasswordForm,
    PortalPasswordChangeForm,
    PortalPasswordResetForm,
    PortalSetPasswordForm,
)
from accounts.redirects import safe_next_url
from home.organisation import current_organisation
from lib import idempotency
from lib.client_address import client_ip
from terms.acceptance import accept_current_terms, current_terms, has_accepted_current_terms

PASSWORD_CHANGE_FORM = "password-change"  # noqa: S105  (a form name for lib.idempotency)


@never_cache
def password_change(request):
    """The forced change after a one-time password, or a change from the profile."""
    user = request.user
    first = user.password_change_required
    default = resolve_url(settings.LOGIN_REDIRECT_URL) if first else reverse("accounts:profile")
    if request.method == "POST" and idempotency.is_retry(request, PASSWORD_CHANGE_FORM):
        messages.info(request, idempotency.ALREADY_RECEIVED)
        return redirect(safe_next_url(request, default))
    form_class = FirstPasswordForm if first else PortalPasswordChangeForm
    form = form_class(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if idempotency.claim(PASSWORD_CHANGE_FORM, user, form.cleaned_data[idempotency.FIELD_NAME]):
                form.save()
                message = _("Uw nieuwe wachtwoord is opgeslagen.")
            else:
                message = idempotency.ALREADY_RECEIVED
        update_session_auth_hash(request, user)
        messages.success(request, message)
        return redirect(safe_next_url(request, default))
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "first": first, "next": safe_next_url(request)},
    )


@never_cache
def accept_terms(request):
    terms = current_terms()
    next_url = safe_next_url(request, resolve_url(settings.LOGIN_REDIRECT_URL))
    if terms is None:
        return render(request, "accounts/terms_unavailable.html", status=503)
    if request.method == "GET" and has_accepted_current_terms(request.user):
        return redirect(next_url)
    if request.method == "POST":
        if "decline" in request.POST:
            logout(request)
            return redirect(f"{reverse('two_factor:login')}?reden=niet-akkoord")
        if "accept" in request.POST:
            accept_current_terms(request.user, ip_address=client_ip(request))
            messages.success(request, _("Bedankt. U bent akkoord gegaan met de gebruikersvoorwaarden."))
            return redirect(next_url)
    return render(request, "accounts/accept_terms.html", {"terms": terms, "next": next_url})


def terms_declined(request):
    return redirect(f"{reverse('two_factor:login')}?reden=niet-akkoord")


@never_cache
def logout_view(request):
    """Only a POST logs out; a GET (a typed or bookmarked address) gets a page with the logout button.

    That page keeps the 405 status with `Allow: POST`, so a link or a prefetch never ends a session.
    """
    if request.method == "POST":
        logout(request)
        return redirect(f"{reverse('two_factor:login')}?reden=uitgelogd")
    response = render(request, "accounts/logout.html", status=405)
    response["Allow"] = "POST"
    return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {"organisation": current_organisation(self.request)}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = PortalSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    # post_reset_login stays False: the next login still asks for the SMS code.


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
