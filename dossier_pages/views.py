"""Views behind the DossierPage routes. `DossierPage.serve` has already checked the
login and picked the client; every view reads through `visible_to(user, client)`
and writes an access-log entry.
"""

import mimetypes
from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dossier.access_log import log_access, valid_grant
from dossier.models import (
    AccessAction,
    AccessLogEntry,
    AccessOutcome,
    Appointment,
    CareAgreement,
    Client,
    ClientPlan,
    Evaluation,
    ObjectType,
    OutcomeCode,
    PlanStatus,
    Report,
)
from lib.pdf import pdf_response

from . import pdfs, periods, selection
from .periods import PeriodForm

SECTIONS = [
    ("dashboard", gettext_lazy("Startpagina")),
    ("reports", gettext_lazy("Rapportages")),
    ("plans", gettext_lazy("Cliëntplanafdrukken")),
    ("evaluations", gettext_lazy("Evaluaties")),
    ("profile", gettext_lazy("Profiel")),
    ("agreements", gettext_lazy("Zorgovereenkomsten")),
    ("appointments", gettext_lazy("Afspraken")),
    ("conversations", gettext_lazy("Berichten")),
]
PER_PAGE = 20
DASHBOARD_REPORT_DAYS = 7
DASHBOARD_REPORT_COUNT = 5


def _render(request, page, client, template, section, context=None, status=200):
    urls = page.section_urls()
    context = {
        "page": page,
        "self": page,
        "client": client,
        "clients": selection.all_visible_clients(request),
        "section": section,
        "menu": [(name, label, urls[name], name == section) for name, label in SECTIONS],
        "urls": urls,
        "intro": getattr(page, f"intro_{section}", ""),
        **(context or {}),
    }
    return render(request, template, context, status=status)


def render_section(request, page, client, template, section, context=None, status=200):
    """A page in the dossier layout (menu, client switcher) for sections that live in other apps."""
    return _render(request, page, client, template, section, context, status)


def _paginate(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("pagina"))


def _deny(request, client, model, pk, object_type, action=AccessAction.READ):
    """Log the refused request and answer 404, whether the object is someone else's or does not exist."""
    # Unscoped on purpose and only the owner's id: the log must say whose dossier was asked for.
    owner_id = model.objects.filter(pk=pk).values_list("client_id", flat=True).first()
    owner = Client.objects.filter(pk=owner_id).first() if owner_id else None
    log_access(
        request,
        action=action,
        object_type=object_type,
        client=owner,
        object_id=pk,
        outcome=AccessOutcome.DENIED,
        outcome_code=OutcomeCode.NOT_IN_DOSSIER,
        detail=_("Niet in het geopende dossier (%(number)s)") % {"number": client.client_number},
    )
    raise Http404


def _get_or_deny(request, client, queryset, pk, object_type, action=AccessAction.DOWNLOAD):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        _deny(request, client, queryset.model, pk, object_type, action)
    return obj


def _afschrift_allowed(request, client) -> bool:
    """The current client is already visible to the user, so only the role of the valid grant decides."""
    from afschrift.rules import grant_carries_afschrift

    return grant_carries_afschrift(valid_grant(request, client))


def no_access(request, page):
    context = {"page": page, "self": page}
    return render(request, "dossier_pages/no_access.html", context, status=403)


def dashboard(request, page, client):
    user, today = request.user, timezone.localdate()
    since = today - timedelta(days=DASHBOARD_REPORT_DAYS - 1)
    context = {
        "reports": Report.objects.visible_to(user, client).in_period(since, today)[:DASHBOARD_REPORT_COUNT],
        "signed_plan": ClientPlan.objects.visible_to(user, client)
        .filter(status=PlanStatus.SIGNED)
        .order_by("-signed_at", "-version")
        .first(),
        "evaluation": Evaluation.objects.visible_to(user, client).select_related("plan").first(),
        "agreement": CareAgreement.objects.visible_to(user, client)
        .filter(signed_on__isnull=False)
        .order_by("-signed_on", "-pk")
        .first(),
        "appointments": Appointment.objects.visible_to(user, client).in_period(today, today + timedelta(days=1)),
        "today": today,
        "afschrift_allowed": _afschrift_allowed(request, client),
    }
    log_access(request, action=AccessAction.READ, object_type=ObjectType.DASHBOARD, client=client)
    return _render(request, page, client, "dossier_pages/dashboard.html", "dashboard", context)


def _section(request, page, client, *, section, spec, queryset, object_type, template, extra=None):
    """A section list: the period form, the filtered and paginated records, and the log line."""
    form = PeriodForm(spec, request.GET)
    period = form.period
    detail = _("periode: %(period)s") % {"period": period.description} if period else _("ongeldige periode")
    # Log first: on the profile page this very visit belongs in the list being paginated.
    log_access(request, action=AccessAction.READ, object_type=object_type, client=client, detail=detail, period=period)
    page_obj = None
    if period is not None:
        page_obj = _paginate(request, queryset.in_period(period.start, period.end))
    context = {"form": form, "period": period, "page_obj": page_obj, **(extra or {})}
    return _render(request, page, client, template, section, context)


def reports(request, page, client):
    return _section(
        request,
        page,
        client,
        section="reports",
        spec=periods.REPORTS,
        queryset=Report.objects.visible_to(request.user, client),
        object_type=ObjectType.REPORTS,
        template="dossier_pages/reports.html",
    )


def reports_download(request, page, client):
    form = PeriodForm(periods.REPORTS, request.GET)
    period = form.period
    if period is None:
        messages.error(request, _("De periode klopt niet; er is niets gedownload."))
        return redirect(f"{page.url_for('reports')}?{request.GET.urlencode()}")
    selected = Report.objects.visible_to(request.user, client).in_period(period.start, period.end)
    if selected.count() > pdfs.MAX_REPORTS_PER_PDF:
        messages.error(request, _("Deze periode bevat te veel rapportages voor één PDF. Kies een kortere periode."))
        return redirect(f"{page.url_for('reports')}?{request.GET.urlencode()}")
    pdf = pdfs.reports_pdf(client, list(selected.order_by("written_at", "pk")), period)
    log_access(
        request,
        action=AccessAction.DOWNLOAD,
        object_type=ObjectType.REPORTS,
        client=client,
        detail=_("PDF, periode: %(period)s") % {"period": period.description},
        period=period,
    )
    return pdf_response(pdf, pdfs.filename("rapportages", client, period.slug()))


def plans(request, page, client):
    return _section(
        request,
        page,
        client,
        section="plans",
        spec=periods.PLANS,
        queryset=ClientPlan.objects.visible_to(request.user, client),
        object_type=ObjectType.CLIENT_PLANS,
        template="dossier_pages/plans.html",
    )


def plan_download(request, page, client, pk):
    plan = _get_or_deny(
        request, client, ClientPlan.objects.visible_to(request.user, client), pk, ObjectType.CLIENT_PLAN
    )
    pdf = pdfs.plan_pdf(plan)
    log_access(
        request, action=AccessAction.DOWNLOAD, object_type=ObjectType.CLIENT_PLAN, client=client, object_id=plan.pk
    )
    return pdf_response(pdf, pdfs.filename("clientplan", client, f"v{plan.version}", plan.period_start))


def evaluations(request, page, client):
    return _section(
        request,
        page,
        client,
        section="evaluations",
        spec=periods.EVALUATIONS,
        queryset=Evaluation.objects.visible_to(request.user, client).select_related("plan"),
        object_type=ObjectType.EVALUATIONS,
        template="dossier_pages/evaluations.html",
    )


def evaluation_download(request, page, client, pk):
    queryset = Evaluation.objects.visible_to(request.user, client).select_related("plan")
    evaluation = _get_or_deny(request, client, queryset, pk, ObjectType.EVALUATION)
    pdf = pdfs.evaluation_pdf(evaluation)
    log_access(request, action=AccessAction.DOWNLOAD, object_type=ObjectType.EVALUATION, client=client, object_id=pk)
    return pdf_response(pdf, pdfs.filename("evaluatie", client, evaluation.evaluated_on))


def agreements(request, page, client):
    return _section(
        request,
        page,
        client,
        section="agreements",
        spec=periods.AGREEMENTS,
        queryset=CareAgreement.objects.visible_to(request.user, client),
        object_type=ObjectType.CARE_AGREEMENTS,
        template="dossier_pages/agreements.html",
    )


def agreement_download(request, page, client, pk):
    queryset = CareAgreement.objects.visible_to(request.user, client)
    agreement = _get_or_deny(request, client, queryset, pk, ObjectType.CARE_AGREEMENT)
    pdf = pdfs.agreement_pdf(agreement)
    log_access(
        request, action=AccessAction.DOWNLOAD, object_type=ObjectType.CARE_AGREEMENT, client=client, object_id=pk
    )
    return pdf_response(pdf, pdfs.filename("zorgovereenkomst", client, agreement.period_start))


def appointments(request, page, client):
    return _section(
        request,
        page,
        client,
        section="appointments",
        spec=periods.APPOINTMENTS,
        queryset=Appointment.objects.visible_to(request.user, client),
        object_type=ObjectType.APPOINTMENTS,
        template="dossier_pages/appointments.html",
    )


def profile(request, page, client):
    today = timezone.localdate()
    extra = {
        "care_team": client.care_team_memberships.valid_on(today).select_related("staff_member"),
        "portal_accounts": client.accesses.valid_on(today).select_related("user"),
        "afschrift_allowed": _afschrift_allowed(request, client),
    }
    return _section(
        request,
        page,
        client,
        section="profile",
        spec=periods.ACCESS_LOG,
        queryset=AccessLogEntry.objects.for_client(client),
        object_type=ObjectType.PROFILE,
        template="dossier_pages/profile.html",
        extra=extra,
    )


def afschrift(request, page, client):
    """The afschrift app's page inside the dossier layout."""
    from afschrift import views as afschrift_views

    result = afschrift_views.page(request, client, page.url_for("afschrift"))
    if isinstance(result, HttpResponse):
        return result
    return _render(request, page, client, "afschrift/page.html", "afschrift", result)


def photo(request, page, client):
    """The client's photo from private storage. A photo is personal data too: every request is logged."""
    log_access(request, action=AccessAction.READ, object_type=ObjectType.PHOTO, client=client)
    if not client.photo:
        raise Http404
    try:
        handle = client.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    from lib.uploads import SAFE_IMAGE_TYPES  # not at import time: it loads Wagtail's document forms

    content_type, _encoding = mimetypes.guess_type(client.photo.name)
    if content_type not in SAFE_IMAGE_TYPES.values():
        # Never SVG or HTML inline from a stored file: anything but a raster image is a download.
        return FileResponse(handle, content_type="application/octet-stream", as_attachment=True)
    return FileResponse(handle, content_type=content_type)


def choose_client(request, page):
    if request.method != "POST":
        return redirect(page.url_for("dashboard"))
    client_id = request.POST.get("client", "")
    chosen = selection.choose_client(request, client_id)
    if chosen is None:
        target = Client.objects.filter(pk=client_id).first() if str(client_id).isdigit() else None
        log_access(
            request,
            action=AccessAction.READ,
            object_type=ObjectType.CLIENT,
            client=target,
            object_id=str(client_id)[:60],
            outcome=AccessOutcome.DENIED,
            detail=_("Wisselen naar een dossier zonder toegang"),
        )
        raise Http404
    messages.success(request, _("U bekijkt nu het dossier van %(name)s.") % {"name": chosen.full_name})
    return redirect(page.url_for("dashboard"))
