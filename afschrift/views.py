"""The afschrift page and download. `DossierPage` routes here after its own checks (login, client)."""

import uuid

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts.views.profile import reauth_required
from dossier.access_log import log_access
from dossier.models import AccessAction

from . import rules, services
from .models import AfschriftRequest


def page(request, client, page_url: str):
    """GET: what an afschrift is, the user's requests and the confirm button; POST: the confirmed request.

    Returns a redirect, or the context for the page template.
    """
    if request.method == "POST":
        try:
            services.request_afschrift(request, client, request.POST.get("idempotency_key"))
        except services.AfschriftRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _(
                    "Uw aanvraag is ontvangen. We maken het afschrift nu; u krijgt een e-mail en een SMS "
                    "als het klaarstaat."
                ),
            )
        return redirect(page_url)
    log_access(request, action=AccessAction.READ, object_type=services.ACCESS_LOG_OBJECT_TYPE, client=client)
    return {
        "may_request": rules.may_request(request.user, client),
        "afschriften": AfschriftRequest.objects.visible_to(request.user, client)[:10],
        "idempotency_key": uuid.uuid4(),
        "interval_hours": int(rules.interval().total_seconds() // 3600),
        "available_days": rules.available_for().days,
        "page_url": page_url,
    }


@reauth_required
def download(request, client, pk):
    """The ZIP, after a fresh password + SMS check; never stored by any cache."""
    afschrift, handle = services.open_for_download(request, client, pk)
    if afschrift is None:
        raise Http404
    response = FileResponse(
        handle, content_type="application/zip", as_attachment=True, filename=afschrift.download_name()
    )
    patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
    return response
