from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from terms.report import acceptance_report

from .models import PortalAccount


def terms_acceptance_report(request):
    if not request.user.has_perm("terms.view_terms_report"):
        raise PermissionDenied
    total, rows = acceptance_report(PortalAccount.objects.can_log_in_today())
    return TemplateResponse(request, "backoffice/terms_acceptance_report.html", {"total": total, "rows": rows})
