"""The DigiD login: start, the broker's callback, linking, and logout that also ends the broker session."""

from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.redirects import safe_next_url

from . import broker as oidc
from . import services

# Dutch names for the levels brokers send; an unknown URI is shown as it is.
LEVEL_NAMES = {
    "http://eidas.europa.eu/LoA/low": "laag",
    "http://eidas.europa.eu/LoA/substantial": "substantieel",
    "http://eidas.europa.eu/LoA/high": "hoog",
    "urn:etoegang:core:assurance-class:loa2": "basis",
    "urn:etoegang:core:assurance-class:loa3": "substantieel",
    "urn:etoegang:core:assurance-class:loa4": "hoog",
}

LINK_ERRORS = {
    "expired": gettext_lazy("De koppeling is verlopen. Log opnieuw in met DigiD om uw DigiD te koppelen."),
    "not-second-factor": gettext_lazy(
        "Log voor het koppelen in met uw gebruikersnaam, wachtwoord en SMS-code, niet met DigiD."
    ),
    "taken": gettext_lazy(
        "Deze DigiD is al gekoppeld aan een account, of uw account heeft al een DigiD-koppeling. "
        "Neem contact op met de cliëntenadministratie."
    ),
}


def level_name(acr):
    return LEVEL_NAMES.get(acr, acr or _("onbekend"))


def _require_enabled():
    if not oidc.is_enabled():
        raise Http404


@never_cache
def start(request):
    _require_enabled()
    request.session[services.NEXT_SESSION_KEY] = safe_next_url(request)
    try:
        return oidc.broker().authorize_redirect(
            request,
            redirect_uri=request.build_absolute_uri(reverse("digid:callback")),
            acr_values=settings.OIDC_ACR_MINIMUM,
        )
    except (requests.RequestException, ValueError, KeyError):
        return _render_failure(request, services.UNREACHABLE)


@never_cache
def callback(request):
    _require_enabled()
    result = services.complete_login(request)
    if result.outcome == services.LOGGED_IN:
        next_url = request.session.pop(services.NEXT_SESSION_KEY, "")
        return redirect(next_url or _home_for(result.identity.user))
    if result.outcome == services.UNKNOWN_IDENTITY:
        login_url = f"{reverse('two_factor:login')}?{urlencode({'next': reverse('digid:link')})}"
        return render(request, "digid/unknown_identity.html", {"link_login_url": login_url}, status=403)
    if result.outcome == services.LEVEL_TOO_LOW:
        return render(
            request,
            "digid/level_too_low.html",
            {"level": level_name(result.acr), "minimum": level_name(settings.OIDC_ACR_MINIMUM)},
            status=403,
        )
    return _render_failure(request, result.outcome)


def _home_for(user):
    if user.is_staff and not user.dossier_accesses.exists():
        return reverse("wagtailadmin_home")
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _render_failure(request, outcome):
    status = {services.UNREACHABLE: 503, services.CANCELLED: 200}.get(outcome, 400)
    return render(request, "digid/login_failed.html", {"outcome": outcome}, status=status)


@never_cache
def link(request):
    """After a password + SMS login: confirm that the DigiD identity just used belongs to this account."""
    pending = services.pending_link(request)
    if request.method == "POST" and pending is not None:
        try:
            services.link_pending_identity(request)
        except services.LinkError as error:
            messages.error(request, LINK_ERRORS[str(error)])
            return redirect("accounts:profile")
        messages.success(request, _("Uw DigiD is gekoppeld. U kunt voortaan inloggen met DigiD."))
        return redirect("accounts:profile")
    return render(request, "digid/link.html", {"pending": pending})


@require_POST
def logout_view(request):
    """Log out here, then at the broker too (RP-initiated logout) when this session came from DigiD."""
    id_token = request.session.get(services.ID_TOKEN_SESSION_KEY)
    logout(request)
    done_url = f"{reverse('two_factor:login')}?reden=uitgelogd"
    if not (id_token and oidc.is_enabled()):
        return redirect(done_url)
    try:
        if not oidc.supports_logout():
            return redirect(done_url)
        broker_logout = oidc.broker().logout_redirect(
            request,
            post_logout_redirect_uri=request.build_absolute_uri(reverse("digid:logged_out")),
            id_token_hint=id_token,
            client_id=settings.OIDC_CLIENT_ID,
        )
    except (requests.RequestException, ValueError, KeyError):
        return redirect(done_url)
    # Not a redirect: the CSP's form-action 'self' would stop a POST redirected to the broker.
    return render(request, "digid/logging_out.html", {"broker_logout_url": broker_logout["Location"]})


@never_cache
def logged_out(request):
    """Where the broker sends the browser back after its logout: the portal session has already ended."""
    return redirect(f"{reverse('two_factor:login')}?reden=uitgelogd")
