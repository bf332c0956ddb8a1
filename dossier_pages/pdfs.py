"""The dossier's PDF documents (WeasyPrint, via `lib.pdf`).

Every document carries the organisation, the client's name and number, the
period, the time it was made, page numbers and "Vertrouwelijk" (see
templates/pdf/dossier/base.html). The signing work reuses `plan_pdf`.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from home.organisation import current_organisation
from lib.pdf import render_pdf


def _render(template, client, title, period_text, **context) -> bytes:
    context.update(
        **current_organisation().document_context(),
        client=client,
        title=title,
        period_text=period_text,
        generated_at=timezone.localtime(),
    )
    return render_pdf(f"pdf/dossier/{template}", context)


def reports_pdf(client, reports, period) -> bytes:
    return _render("reports.html", client, _("Rapportages"), period.description, reports=reports)


def plan_pdf(plan) -> bytes:
    title = _("%(title)s (versie %(version)s)") % {"title": plan.title, "version": plan.version}
    return _render("plan.html", plan.client, title, _plan_period(plan), plan=plan)


def evaluation_pdf(evaluation) -> bytes:
    period = f"{evaluation.evaluated_on:%d-%m-%Y}"
    return _render("evaluation.html", evaluation.client, evaluation.title, period, evaluation=evaluation)


def agreement_pdf(agreement) -> bytes:
    title = _("Zorgovereenkomst %(product)s") % {"product": agreement.product}
    return _render("agreement.html", agreement.client, title, _plan_period(agreement), agreement=agreement)


def _plan_period(record) -> str:
    start = f"{record.period_start:%d-%m-%Y}"
    if record.period_end:
        return _("%(start)s t/m %(end)s") % {"start": start, "end": f"{record.period_end:%d-%m-%Y}"}
    return _("vanaf %(start)s") % {"start": start}


def filename(kind: str, client, *parts) -> str:
    """E.g. rapportages-10001-2026-01-01-2026-03-31.pdf."""
    pieces = [kind, client.client_number, *(str(p) for p in parts if p)]
    return "-".join(pieces) + ".pdf"
