from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from .terms import acceptance_report


def terms_acceptance_report(request):
    if not request.user.has_perm("backoffice.view_terms_report"):
        raise PermissionDenied
    total, rows = acceptance_report()
    return TemplateResponse(request, "backoffice/terms_acceptance_report.html", {"total": total, "rows": rows})
