"""The circle in MijnDossier (`/mijn-dossier/kring/…`, declared in `dossier_sections.py`) and the invited
person's activation page (`/uitnodiging/<token>/`)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.services import create_account_with_own_password
from accounts.sessions import recently_reauthenticated
from dossier.access_log import log_access
from dossier.models import AccessAction, AccessOutcome, DossierAccess, ObjectType, OutcomeCode
from dossier.relationships import CIRCLE_TYPES
from lib import idempotency

from . import services
from .forms import CIRCLE_TYPE_CHOICES, ActivationCodeForm, InviteForm, NarrowForm, NewAccountForm, scope_choices
from .models import Invitation

INVITE_FORM = "circle-invite"
NARROW_FORM = "circle-narrow"
VERIFIED_SESSION_KEY = "circle_verified_invitation"


def _manager_or_404(request, client):
    """The user's grant that manages this circle; without one the refusal is logged and the answer is 404."""
    manager = services.managing_grant(request.user, client)
    if manager is None:
        log_access(
            request,
            action=AccessAction.READ,
            object_type=ObjectType.DOSSIER_ACCESS,
            client=client,
            outcome=AccessOutcome.DENIED,
            outcome_code=OutcomeCode.NO_ACCESS,
            detail=_("Geen beheer van de kring van deze cliënt"),
        )
        raise Http404
    return manager


def _circle_grant_or_404(request, page, client, pk) -> DossierAccess:
    grant = services.circle_grants(client).filter(pk=pk).first()
    if grant is None:
        page.deny(request, client, DossierAccess, pk, ObjectType.DOSSIER_ACCESS, AccessAction.CHANGE)
    return grant


def _reauth(request, page):
    next_url = page.url_for("circle_invite")
    return redirect(f"{reverse('accounts:reauth')}?{urlencode({'next': next_url})}")


def circle(request, page, client):
    """Everyone in the circle with type, scopes and validity, and the invitations still open."""
    manager = _manager_or_404(request, client)
    log_access(request, action=AccessAction.READ, object_type=ObjectType.DOSSIER_ACCESS, client=client)
    context = {
        "manager": manager,
        "grants": [(grant, services.is_renewable(grant)) for grant in services.circle_grants(client)],
        "invitations": services.open_invitations(client),
        "circle_url": page.url_for("circle_overview"),
    }
    return page.render_section(request, client, "circle/circle.html", "circle", context)


def invite(request, page, client):
    """Invite a person; a fresh password and SMS code first (the confirmation every sensitive change asks)."""
    manager = _manager_or_404(request, client)
    if not recently_reauthenticated(request):
        return _reauth(request, page)
    if request.method == "POST" and idempotency.is_retry(request, INVITE_FORM):
        messages.info(request, idempotency.ALREADY_RECEIVED)
        return redirect(page.url_for("circle_overview"))
    allowed = frozenset().union(*(services.allowed_scopes(manager, kind) for kind in CIRCLE_TYPES))
    form = InviteForm(request.POST or None, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if not idempotency.claim(INVITE_FORM, request.user, data[idempotency.FIELD_NAME]):
                    messages.info(request, idempotency.ALREADY_RECEIVED)
                    return redirect(page.url_for("circle_overview"))
                invitation, _token = services.invite(
                    request,
                    manager,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    mobile_number=data["mobile_number"],
                    relationship=data["relationship"],
                    scopes=data["scopes"],
                )
        except services.CircleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s krijgt een e-mail met een link om de uitnodiging te activeren.")
                % {"name": invitation.full_name},
            )
            return redirect(page.url_for("circle_overview"))
    context = {
        "form": form,
        "circle_url": page.url_for("circle_overview"),
        "allowed_by_type": _allowed_by_type(manager),
    }
    return page.render_section(request, client, "circle/invite.html", "circle", context)


def _allowed_by_type(manager):
    """Per type, what the manager may give it (shown next to the form)."""
    return [
        (label, [name for _scope, name in scope_choices(services.allowed_scopes(manager, kind))])
        for kind, label in CIRCLE_TYPE_CHOICES
    ]


def access(request, page, client, pk):
    """One person's access: narrow it, revoke it, or renew it (renewing asks for a fresh confirmation)."""
    _manager_or_404(request, client)
    grant = _circle_grant_or_404(request, page, client, pk)
    form = NarrowForm(current=grant.scopes)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "revoke":
                services.revoke(request, grant)
                messages.success(request, _("De toegang is ingetrokken. Deze persoon ziet vanaf nu niets meer."))
                return redirect(page.url_for("circle_overview"))
            if action == "renew":
                if not recently_reauthenticated(request):
                    next_url = page.url_for("circle_access", grant.pk)
                    return redirect(f"{reverse('accounts:reauth')}?{urlencode({'next': next_url})}")
                services.renew(request, grant)
                messages.success(request, _("De toegang is verlengd."))
                return redirect(page.url_for("circle_overview"))
            form = NarrowForm(request.POST, current=grant.scopes)
            if form.is_valid():
                if idempotency.is_retry(request, NARROW_FORM):
                    messages.info(request, idempotency.ALREADY_RECEIVED)
                    return redirect(page.url_for("circle_overview"))
                with transaction.atomic():
                    idempotency.claim(NARROW_FORM, request.user, form.cleaned_data[idempotency.FIELD_NAME])
                    services.narrow(request, grant, form.cleaned_data["scopes"])
                messages.success(request, _("De toegang is aangepast."))
                return redirect(page.url_for("circle_overview"))
        except services.CircleError as error:
            form.add_error(None, str(error))
    context = {
        "grant": grant,
        "form": form,
        "renewable": services.is_renewable(grant),
        "circle_url": page.url_for("circle_overview"),
    }
    return page.render_section(request, client, "circle/access.html", "circle", context)


def withdraw(request, page, client, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _manager_or_404(request, client)
    invitation = services.open_invitations(client).filter(pk=pk).first()
    if invitation is None:
        page.deny(request, client, Invitation, pk, ObjectType.DOSSIER_ACCESS, AccessAction.CHANGE)
    try:
        services.withdraw(request, invitation)
        messages.success(request, _("De uitnodiging is ingetrokken."))
    except services.CircleError as error:
        messages.error(request, str(error))
    return redirect(page.url_for("circle_overview"))


# The invited person's page


@never_cache
def activate(request, token):
    invitation = services.find_invitation(token)
    reason = services.unusable_reason(invitation)
    if reason:
        return render(request, "circle/activate.html", {"error": reason}, status=404 if invitation is None else 410)
    verified = request.session.get(VERIFIED_SESSION_KEY) == invitation.pk and invitation.phone_verified_at
    if not verified:
        return _code_step(request, invitation)
    return _account_step(request, invitation)


def _code_step(request, invitation):
    form = ActivationCodeForm()
    if request.method == "POST" and "request_code" in request.POST:
        try:
            services.send_activation_code(invitation)
            messages.info(
                request,
                _("We hebben een SMS-code gestuurd naar het nummer dat eindigt op %(digits)s.")
                % {"digits": invitation.mobile_number[-2:]},
            )
        except services.CircleError as error:
            messages.error(request, str(error))
        return redirect(request.path)
    if request.method == "POST":
        form = ActivationCodeForm(request.POST)
        if form.is_valid():
            try:
                services.verify_activation_code(invitation, form.cleaned_data["code"])
            except services.CircleError as error:
                form.add_error("code", str(error))
            else:
                request.session.cycle_key()
                request.session[VERIFIED_SESSION_KEY] = invitation.pk
                return redirect(request.path)
    context = {"invitation": invitation, "form": form, "step": "code", "code_sent": bool(invitation.code_hash)}
    return render(request, "circle/activate.html", context)


def _account_step(request, invitation):
    user = request.user
    logged_in = user.is_authenticated and getattr(user, "is_verified", lambda: False)()
    form = NewAccountForm(invitation=invitation)
    if request.method == "POST" and "accept_existing" in request.POST and logged_in:
        return _accepted(request, invitation, user)
    if request.method == "POST" and "create_account" in request.POST:
        form = NewAccountForm(request.POST, invitation=invitation)
        if form.is_valid():
            with transaction.atomic():
                new_user = create_account_with_own_password(
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                    first_name=invitation.first_name,
                    last_name=invitation.last_name,
                    email=invitation.email,
                    mobile_number=invitation.mobile_number,
                )
                response = _accepted(request, invitation, new_user)
                if response.status_code >= 400:
                    transaction.set_rollback(True)
            return response
    context = {
        "invitation": invitation,
        "form": form,
        "step": "account",
        "logged_in": logged_in,
        "login_url": f"{reverse('two_factor:login')}?{urlencode({'next': request.path})}",
        "existing_refusal": services.may_accept(invitation, user) if logged_in else "",
    }
    return render(request, "circle/activate.html", context)


def _accepted(request, invitation, user):
    try:
        grant = services.accept(request, invitation, user)
    except services.CircleError as error:
        return render(request, "circle/activate.html", {"error": str(error)}, status=409)
    request.session.pop(VERIFIED_SESSION_KEY, None)
    if grant is None:
        text = _("Dank u. Uw toegang gaat in zodra de zorgorganisatie de uitnodiging heeft goedgekeurd.")
    else:
        text = _("Dank u. U heeft nu toegang. Log in met uw eigen gebruikersnaam en wachtwoord en de SMS-code.")
    return render(request, "circle/activate.html", {"done": text, "username": user.get_username()})
