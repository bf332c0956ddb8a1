"""Staff approve the circle's accepted invitations (when `DOSSIER_CIRCLE_INVITATIONS_NEED_APPROVAL` is on),
for the clients they manage (`managed_by`): a care worker of another team neither sees nor approves them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Invitation, InvitationStatus

APPROVE_PERMISSION = "dossier.change_dossieraccess"


def _require(request):
    if not request.user.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied


def _awaiting(request):
    return (
        Invitation.objects.managed_by(request.user)
        .filter(status=InvitationStatus.AWAITING_APPROVAL)
        .select_related("client", "invited_by", "accepted_by")
    )


def index(request):
    _require(request)
    return TemplateResponse(request, "circle/admin/index.html", {"invitations": _awaiting(request)[:200]})


@require_POST
def approve(request, pk):
    _require(request)
    invitation = _awaiting(request).filter(pk=pk).first()
    if invitation is None:
        raise Http404
    try:
        services.approve(request, invitation)
        messages.success(request, _("De uitnodiging is goedgekeurd; de toegang geldt vanaf nu."))
    except services.CircleError as error:
        messages.error(request, str(error))
    return redirect("circle_admin:index")
