"""Signing bits inside the dossier pages: the waiting-plan banner and the per-plan sign link."""

from django import template

from signing.models import SignatureRequest

register = template.Library()


def _waiting(context) -> list[tuple[int, object]]:
    """(plan id, client) of every plan waiting for this user's signature; one query per request."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    if not hasattr(request, "_signing_waiting"):
        waiting = SignatureRequest.objects.waiting_for(request.user).select_related("plan__client")
        request._signing_waiting = [(item.plan_id, item.plan.client) for item in waiting.order_by("plan_id")]
    return request._signing_waiting


@register.inclusion_tag("signing/includes/banner.html", takes_context=True)
def signing_banner(context):
    page, client = context.get("page"), context.get("client")
    if page is None or client is None:
        return {}
    waiting = _waiting(context)
    return {
        "links": [page.url_for("plan_sign", pk) for pk, owner in waiting if owner.pk == client.pk],
        "others": [(owner, page.url_for("plan_sign", pk)) for pk, owner in waiting if owner.pk != client.pk],
    }


@register.inclusion_tag("signing/includes/plan_sign_link.html", takes_context=True)
def plan_sign_link(context, plan):
    page = context.get("page")
    waiting = any(pk == plan.pk for pk, _owner in _waiting(context))
    show = page is not None and (waiting or plan.status in ("awaiting_signature", "signed", "declined"))
    return {"plan": plan, "waiting": waiting, "url": page.url_for("plan_sign", plan.pk) if show else ""}
