"""The signed plan PDF: the plan as signed, with a signature block (see templates/signing/pdf/)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from home.organisation import current_organisation
from lib.pdf import render_pdf


def _period_text(plan) -> str:
    start = f"{plan.period_start:%d-%m-%Y}"
    if plan.period_end:
        return _("%(start)s t/m %(end)s") % {"start": start, "end": f"{plan.period_end:%d-%m-%Y}"}
    return _("vanaf %(start)s") % {"start": start}


def signed_plan_pdf(plan, signature) -> bytes:
    title = _("%(title)s (versie %(version)s)") % {"title": plan.title, "version": plan.version}
    context = {
        **current_organisation().document_context(),
        "client": plan.client,
        "title": title,
        "period_text": _period_text(plan),
        "generated_at": timezone.localtime(signature.signed_at),
        "plan": plan,
        "signature": signature,
    }
    return render_pdf("signing/pdf/signed_plan.html", context)
