"""Portal views for signing, declared as a route of the plans section (`dossier_sections.py`) and served
after the dossier page's gate (login and client already checked there).

One page per plan: the plan on screen and as PDF, the agreement tick, the SMS
code step and the decline form. Every step is written to the access log.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.challenges import SmsChallengeError
from accounts.models import SmsChallenge
from dossier.access_log import log_access
from dossier.models import AccessAction, AccessOutcome, ClientPlan, ObjectType, OutcomeCode
from lib import idempotency
from lib.client_address import client_ip

from . import services
from .forms import AgreeForm, DeclineForm, SignForm
from .models import PlanSignature

OBJECT_TYPE = ObjectType.CLIENT_PLAN
ACTIONS = {"code": AccessAction.SIGN, "sign": AccessAction.SIGN, "decline": AccessAction.DECLINE}


def _agreed_key(plan) -> str:
    return f"signing_agreed_{plan.pk}"


def _log(request, plan, action, detail, outcome=AccessOutcome.ALLOWED, outcome_code=None):
    log_access(
        request,
        action=action,
        object_type=OBJECT_TYPE,
        client=plan.client,
        object_id=plan.pk,
        outcome=outcome,
        outcome_code=outcome_code,
        detail=detail,
    )


def _visible_plan(request, page, client, pk, action):
    queryset = ClientPlan.objects.visible_to(request.user, client).select_related("client")
    plan = queryset.filter(pk=pk).first()
    if plan is None:
        page.deny(request, client, ClientPlan, pk, OBJECT_TYPE, action)
    return plan


def _other_client_of(request, pk):
    """The client of plan `pk` when it is in another dossier this user may read (a link from the banner)."""
    plan = ClientPlan.objects.visible_to(request.user).filter(pk=pk).select_related("client").first()
    return plan.client if plan is not None else None


def sign(request, page, client, pk):
    action_name = request.POST.get("action", "") if request.method == "POST" else ""
    action = ACTIONS.get(action_name, AccessAction.READ)
    if request.method == "GET":
        other = _other_client_of(request, pk)
        if other is not None and other != client and page.choose_client(request, other.pk):
            messages.info(request, _("U bekijkt nu het dossier van %(name)s.") % {"name": other.full_name})
            return redirect(page.url_for("plan_sign", pk))
    plan = _visible_plan(request, page, client, pk, action)
    if request.method == "POST":
        if action_name not in ACTIONS:
            return redirect(page.url_for("plan_sign", plan.pk))
        handler = {"code": _request_code, "sign": _sign, "decline": _decline}[action_name]
        try:
            return handler(request, page, plan)
        except services.NotASigner as error:
            _log(request, plan, action, str(error), AccessOutcome.DENIED, OutcomeCode.NOT_A_SIGNER)
            return _page(request, page, plan, status=403, refusal=str(error))
    _log(request, plan, AccessAction.READ, _("ondertekenpagina"))
    return _page(request, page, plan)


def _page(request, page, plan, *, status=200, agree_form=None, sign_form=None, decline_form=None, refusal=""):
    user = request.user
    can_sign = services.may_sign(user, plan)
    challenge = SmsChallenge.objects.open_for(user, services.code_purpose(plan)) if can_sign else None
    agreed = bool(request.session.get(_agreed_key(plan)))
    context = {
        "plan": plan,
        "can_sign": can_sign,
        "challenge": challenge,
        "agree_form": agree_form or AgreeForm(initial={"agree": agreed}),
        "sign_form": sign_form or SignForm(initial={"agree": agreed}),
        "decline_form": decline_form or DeclineForm(),
        "signature": PlanSignature.objects.filter(plan=plan).defer("document_pdf", "signed_pdf").first(),
        "declined_request": plan.signature_requests.filter(status="declined").first(),
        "download_url": page.url_for("plan_download", plan.pk),
        "sign_url": page.url_for("plan_sign", plan.pk),
        "refusal": refusal,
    }
    return page.render_section(request, plan.client, "signing/sign.html", "plans", context, status=status)


def _request_code(request, page, plan):
    form = AgreeForm(request.POST)
    if not form.is_valid():
        return _page(request, page, plan, agree_form=form)
    try:
        challenge = services.issue_signing_code(request.user, plan, request)
    except (services.SigningError, SmsChallengeError) as error:
        if isinstance(error, services.NotASigner):
            raise
        _log(request, plan, AccessAction.SIGN, _("SMS-code geweigerd: %(reason)s") % {"reason": error}, "denied")
        messages.error(request, str(error))
        return redirect(page.url_for("plan_sign", plan.pk))
    request.session[_agreed_key(plan)] = True
    _log(request, plan, AccessAction.SIGN, _("SMS-code aangevraagd"))
    messages.info(
        request,
        _("We hebben u een SMS-code gestuurd. De code begint met %(prefix)s.") % {"prefix": challenge.prefix},
    )
    return redirect(page.url_for("plan_sign", plan.pk))


def _already_received(request, page, plan, form_name):
    """A retry of a sign or decline POST that was stored before (the SMS code is used up by then)."""
    if not idempotency.was_received(form_name, request.user, idempotency.posted_key(request.POST)):
        return None
    messages.info(request, idempotency.ALREADY_RECEIVED)
    return redirect(page.url_for("plan_sign", plan.pk))


def _sign(request, page, plan):
    if retried := _already_received(request, page, plan, services.SIGN_FORM):
        return retried
    form = SignForm(request.POST)
    if not form.is_valid():
        return _page(request, page, plan, sign_form=form)
    data = form.cleaned_data
    try:
        signature = services.sign_plan(
            plan, request.user, data["code"], ip_address=client_ip(request), key=data[idempotency.FIELD_NAME]
        )
    except services.NotASigner:
        raise
    except services.SigningError as error:
        if retried := _already_received(request, page, plan, services.SIGN_FORM):
            return retried
        _log(request, plan, AccessAction.SIGN, _("niet ondertekend: %(reason)s") % {"reason": error}, "denied")
        plan.refresh_from_db()
        if not services.may_sign(request.user, plan):
            return _page(request, page, plan, refusal=str(error))
        form.add_error("code", str(error))
        return _page(request, page, plan, sign_form=form)
    request.session.pop(_agreed_key(plan), None)
    detail = _("ondertekend, versie %(version)s, SHA-256 %(sha)s") % {
        "version": signature.plan_version,
        "sha": signature.document_sha256[:16],
    }
    _log(request, plan, AccessAction.SIGN, detail)
    messages.success(request, _("Dank u wel. U heeft het cliëntplan ondertekend."))
    return redirect(page.url_for("plan_sign", plan.pk))


def _decline(request, page, plan):
    if retried := _already_received(request, page, plan, services.DECLINE_FORM):
        return retried
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _page(request, page, plan, decline_form=form)
    data = form.cleaned_data
    try:
        services.decline_plan(plan, request.user, data["comment"], key=data[idempotency.FIELD_NAME])
    except services.NotASigner:
        raise
    except services.SigningError as error:
        if retried := _already_received(request, page, plan, services.DECLINE_FORM):
            return retried
        _log(request, plan, AccessAction.DECLINE, str(error), AccessOutcome.DENIED)
        plan.refresh_from_db()
        if not services.may_sign(request.user, plan):
            return _page(request, page, plan, refusal=str(error))
        form.add_error("comment", str(error))
        return _page(request, page, plan, decline_form=form)
    request.session.pop(_agreed_key(plan), None)
    _log(request, plan, AccessAction.DECLINE, _("niet akkoord, met toelichting"))
    messages.success(request, _("U heeft aangegeven dat u niet akkoord gaat. Uw zorgteam neemt contact met u op."))
    return redirect(page.url_for("plan_sign", plan.pk))
