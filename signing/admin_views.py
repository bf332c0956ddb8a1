"""Staff screens for signing in the Wagtail admin ("Ondertekeningen"), scoped with `managed_by(user)`.

Reading needs `dossier.view_clientplan`; offering, withdrawing and making a new
version need `dossier.change_clientplan` (the Zorgmedewerker role has both).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dossier.access_log import log_access
from dossier.models import AccessAction, ClientPlan, ObjectType
from lib.pdf import pdf_response

from . import services
from .models import PlanSignature, RequestStatus, SignatureRequest

VIEW_PERMISSION = "dossier.view_clientplan"
CHANGE_PERMISSION = "dossier.change_clientplan"
PER_PAGE = 50


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _scoped_request(request, pk) -> SignatureRequest:
    queryset = SignatureRequest.objects.managed_by(request.user).select_related("plan__client", "requested_by")
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _scoped_plan(request, pk) -> ClientPlan:
    plan = ClientPlan.objects.managed_by(request.user).select_related("client").filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def _log(request, plan, action, detail):
    log_access(
        request, action=action, object_type=ObjectType.CLIENT_PLAN, client=plan.client, object_id=plan.pk, detail=detail
    )


def index(request):
    _require(request, VIEW_PERMISSION)
    status = request.GET.get("status", RequestStatus.OPEN)
    queryset = SignatureRequest.objects.managed_by(request.user).select_related("plan__client", "requested_by")
    if status in RequestStatus.values:
        queryset = queryset.filter(status=status)
    else:
        status = ""
    page_obj = Paginator(queryset.prefetch_related("signers"), PER_PAGE).get_page(request.GET.get("p"))
    context = {
        "page_obj": page_obj,
        "status": status,
        "statuses": RequestStatus.choices,
        "can_change": request.user.has_perm(CHANGE_PERMISSION),
    }
    return TemplateResponse(request, "signing/admin/index.html", context)


def offerable(request):
    """Plans staff may offer for signing: draft, final or declined, not withdrawn, no open request."""
    _require(request, CHANGE_PERMISSION)
    query = request.GET.get("q", "").strip()
    plans = (
        ClientPlan.objects.managed_by(request.user)
        .filter(status__in=services.REQUESTABLE_STATUSES, withdrawn_at__isnull=True)
        .select_related("client")
        .order_by("client__client_number", "-version")
    )
    if query:
        plans = plans.filter(
            Q(client__client_number__icontains=query)
            | Q(client__first_name__icontains=query)
            | Q(client__last_name__icontains=query)
        )
    page_obj = Paginator(plans, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "signing/admin/offerable.html", {"page_obj": page_obj, "query": query})


class OfferForm(forms.Form):
    signers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Wie mag ondertekenen?"),
        help_text=gettext_lazy(
            "De cliënt zelf, of een wettelijk vertegenwoordiger als de cliënt niet zelf kan tekenen. "
            "Alleen portaalaccounts met geldige toegang tot dit dossier staan in de lijst."
        ),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Kies ten minste één persoon die mag ondertekenen.")},
    )

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signers"].queryset = services.eligible_signers(plan)
        self.fields["signers"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({_role_label(user, plan)})"
        )


def _role_label(user, plan) -> str:
    access = services.signer_access(user, plan.client)
    return access.get_relationship_display() if access else ""


def offer(request, plan_pk):
    _require(request, CHANGE_PERMISSION)
    plan = _scoped_plan(request, plan_pk)
    form = OfferForm(plan, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            signature_request = services.request_signature(plan, form.cleaned_data["signers"], request.user)
        except services.SigningError as error:
            form.add_error(None, str(error))
        else:
            _log(request, plan, AccessAction.CHANGE, _("ter ondertekening aangeboden in het cliëntportaal"))
            messages.success(
                request,
                _("%(plan)s staat nu ter ondertekening. De ondertekenaars hebben een SMS en e-mail gekregen.")
                % {"plan": plan},
            )
            for problem in signature_request.notification_problems:
                messages.warning(request, problem)
            return redirect("signing_admin:detail", signature_request.pk)
    context = {"plan": plan, "form": form, "no_signers": not form.fields["signers"].queryset.exists()}
    return TemplateResponse(request, "signing/admin/offer.html", context)


def detail(request, pk):
    _require(request, VIEW_PERMISSION)
    signature_request = _scoped_request(request, pk)
    plan = signature_request.plan
    signature = PlanSignature.objects.filter(request=signature_request).defer("document_pdf", "signed_pdf").first()
    _log(request, plan, AccessAction.READ, _("ondertekenverzoek in de beheeromgeving"))
    context = {
        "signature_request": signature_request,
        "plan": plan,
        "signers": signature_request.signers.all(),
        "signature": signature,
        "can_change": request.user.has_perm(CHANGE_PERMISSION),
        "next_versions": ClientPlan.objects.filter(previous_version_link__previous=plan),
    }
    return TemplateResponse(request, "signing/admin/detail.html", context)


def document(request, pk, kind):
    """The stored PDFs: the document shown to the signer, or the signed one with the signature block."""
    _require(request, VIEW_PERMISSION)
    signature_request = _scoped_request(request, pk)
    plan = signature_request.plan
    if kind == "getoond":
        pdf, suffix = bytes(signature_request.document_pdf), "getoond"
    else:
        signature = PlanSignature.objects.filter(request=signature_request).first()
        if signature is None:
            raise Http404
        pdf, suffix = bytes(signature.signed_pdf), "ondertekend"
    _log(request, plan, AccessAction.DOWNLOAD, _("PDF (%(kind)s) in de beheeromgeving") % {"kind": suffix})
    filename = f"clientplan-{plan.client.client_number}-v{plan.version}-{suffix}.pdf"
    return pdf_response(pdf, filename)


@require_POST
def cancel(request, pk):
    _require(request, CHANGE_PERMISSION)
    signature_request = _scoped_request(request, pk)
    try:
        services.cancel_request(signature_request, request.user)
    except services.SigningError as error:
        messages.error(request, str(error))
    else:
        _log(request, signature_request.plan, AccessAction.CHANGE, _("ondertekenverzoek ingetrokken"))
        messages.success(request, _("Het ondertekenverzoek is ingetrokken."))
    return redirect("signing_admin:detail", signature_request.pk)


@require_POST
def new_version(request, plan_pk):
    _require(request, CHANGE_PERMISSION)
    plan = _scoped_plan(request, plan_pk)
    new_plan = services.new_version_of(plan, created_by=request.user)
    _log(request, plan, AccessAction.CHANGE, _("nieuwe versie %(version)s gemaakt") % {"version": new_plan.version})
    messages.success(
        request,
        _("Versie %(version)s is gemaakt als concept. Pas hem aan en bied hem daarna ter ondertekening aan.")
        % {"version": new_plan.version},
    )
    try:
        return redirect(reverse("dossier_clientplan_modeladmin_edit", args=[new_plan.pk]))
    except NoReverseMatch:
        return redirect("signing_admin:offer", new_plan.pk)
