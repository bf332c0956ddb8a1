"""Views behind the DossierPage routes. `DossierPage.serve` has already checked the
login and picked the client; every view reads through the section's scoped queryset
(`visible_to(user, client)`) and writes an access-log entry.

The sections themselves are declared in `dossier.sections`; the three generic views
here (`section_list`, `period_download`, `record_download`) serve all of them.
"""

import mimetypes

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dossier.access_log import log_access, valid_grant
from dossier.models import AccessAction, AccessOutcome, Client, DossierAccess, ObjectType, OutcomeCode
from dossier.sections import registry
from lib.pdf import pdf_response

from . import pdfs, selection
from .periods import PeriodForm

DASHBOARD_LABEL = gettext_lazy("Startpagina")
PER_PAGE = 20


def menu_entries(scopes=None) -> list[tuple[str, str]]:
    """(route name, label) of the side menu: the start page, then the sections in order that `scopes` open
    (None: all of them)."""
    return [
        ("dashboard", DASHBOARD_LABEL),
        *((s.key, s.menu_label) for s in registry.all() if s.in_menu and _opens(s, scopes)),
    ]


def _opens(section, scopes) -> bool:
    return scopes is None or section.scope is None or section.scope in scopes


def grant_scopes(request, client) -> frozenset:
    """The scopes the user's grant in force gives for `client` today (empty without one)."""
    grant = valid_grant(request, client)
    return grant.scopes_on(timezone.localdate()) if grant is not None else frozenset()


def require_scope(request, section, client) -> None:
    """The gate of every section route: without the section's scope, log the refusal and answer 404."""
    if _opens(section, grant_scopes(request, client)):
        return
    log_access(
        request,
        action=AccessAction.READ,
        object_type=section.object_type or ObjectType.OTHER,
        client=client,
        outcome=AccessOutcome.DENIED,
        outcome_code=OutcomeCode.NO_ACCESS,
        detail=_("Geen toegang tot dit deel van het dossier"),
    )
    raise Http404


def render_section(request, page, client, template, section, context=None, status=200):
    """A page in the dossier layout (menu, client switcher) with `section` marked current."""
    urls = page.section_urls()
    context = {
        "page": page,
        "self": page,
        "client": client,
        "clients": selection.all_visible_clients(request),
        "section": section,
        "menu": [
            (name, label, urls[name], name == section) for name, label in menu_entries(grant_scopes(request, client))
        ],
        "urls": urls,
        "intro": getattr(page, f"intro_{section}", ""),
        **(context or {}),
    }
    return render(request, template, context, status=status)


def _paginate(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("pagina"))


def deny(request, client, model, pk, object_type, action=AccessAction.READ):
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


def afschrift_allowed(request, client) -> bool:
    """The current client is already visible to the user, so only the role of the valid grant decides."""
    from afschrift.rules import grant_carries_afschrift

    return grant_carries_afschrift(valid_grant(request, client))


def no_access(request, page):
    context = {"page": page, "self": page}
    return render(request, "dossier_pages/no_access.html", context, status=403)


def dashboard(request, page, client):
    """The start page: one card per section that declares one, in menu order."""
    user, today = request.user, timezone.localdate()
    cards = []
    scopes = grant_scopes(request, client)
    for section in registry.all():
        card = section.dashboard
        if card is None or not _opens(section, scopes):
            continue
        shown = card.shown(section.queryset(user, client), today) if card.shown else None
        cards.append({"template": card.template, "shown": shown})
    context = {"cards": cards, "today": today, "afschrift_allowed": afschrift_allowed(request, client)}
    log_access(request, action=AccessAction.READ, object_type=ObjectType.DASHBOARD, client=client)
    return render_section(request, page, client, "dossier_pages/dashboard.html", "dashboard", context)


def section_list(request, page, client, key):
    """A section's list: the period form, the filtered and paginated records, and the log line."""
    section = registry[key]
    form = PeriodForm(section.periods, request.GET)
    period = form.period
    detail = _("periode: %(period)s") % {"period": period.description} if period else _("ongeldige periode")
    # Log first: on the profile page this very visit belongs in the list being paginated.
    log_access(
        request, action=AccessAction.READ, object_type=section.object_type, client=client, detail=detail, period=period
    )
    page_obj = None
    if period is not None:
        page_obj = _paginate(request, section.queryset(request.user, client).in_period(period.start, period.end))
    context = {
        "dossier_section": section,
        "form": form,
        "period": period,
        "page_obj": page_obj,
        **section.context_for(request, client),
    }
    return render_section(request, page, client, section.template, key, context)


def period_download(request, page, client, key):
    """The PDF of all of a section's records in the chosen period."""
    section = registry[key]
    document = section.period_document
    form = PeriodForm(section.periods, request.GET)
    period = form.period
    back = f"{page.url_for(key)}?{request.GET.urlencode()}"
    if period is None:
        messages.error(request, _("De periode klopt niet; er is niets gedownload."))
        return redirect(back)
    selected = section.queryset(request.user, client).in_period(period.start, period.end)
    if document.max_records and selected.count() > document.max_records:
        messages.error(request, document.too_many_text)
        return redirect(back)
    pdf = document.render_pdf(client, list(selected.order_by(*document.order_by)), period)
    log_access(
        request,
        action=AccessAction.DOWNLOAD,
        object_type=document.object_type,
        client=client,
        detail=_("PDF, periode: %(period)s") % {"period": period.description},
        period=period,
    )
    return pdf_response(pdf, pdfs.filename(document.kind, client, period.slug()))


def record_download(request, page, client, key, pk):
    """One record's PDF: a document a feature app stored for it (a plan in signing), else freshly rendered."""
    section = registry[key]
    document = section.document
    record = section.queryset(request.user, client).filter(pk=pk).first()
    if record is None:
        deny(
            request,
            client,
            section.queryset(request.user, client).model,
            pk,
            document.object_type,
            AccessAction.DOWNLOAD,
        )
    pdf = section.stored_document(record) or document.render_pdf(record)
    log_access(request, action=AccessAction.DOWNLOAD, object_type=document.object_type, client=client, object_id=pk)
    return pdf_response(pdf, pdfs.filename(document.kind, client, *document.filename(record)))


def profile_context(request, client) -> dict:
    today = timezone.localdate()
    managing = DossierAccess.objects.managing_circle(today)
    return {
        "care_team": client.care_team_memberships.valid_on(today).select_related("staff_member"),
        "portal_accounts": client.accesses.in_force(today).select_related("user", "client"),
        "afschrift_allowed": afschrift_allowed(request, client),
        "manages_circle": managing.filter(user=request.user, client=client).exists(),
    }


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
