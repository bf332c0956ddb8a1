from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from home.models import ApplicationFormPage

from . import views
from .admin_access_log import AccessLogAdmin
from .admin_accounts import PortalAccountAdmin
from .admin_applications import ApplicationSubmissionAdmin
from .admin_dossier import (
    AppointmentAdmin,
    CareAgreementAdmin,
    CareTeamMembershipAdmin,
    ClientAdmin,
    ClientPlanAdmin,
    DossierAccessAdmin,
    EvaluationAdmin,
    ReportAdmin,
)


@modeladmin_register
class DossierGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Dossiers")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        ClientAdmin,
        PortalAccountAdmin,
        DossierAccessAdmin,
        ApplicationSubmissionAdmin,
        CareTeamMembershipAdmin,
        ReportAdmin,
        ClientPlanAdmin,
        EvaluationAdmin,
        CareAgreementAdmin,
        AppointmentAdmin,
        AccessLogAdmin,
    )


@hooks.register("filter_form_submissions_for_user")
def application_submissions_for_care_staff_only(user, editable_forms):
    """Applications hold personal data: only staff who process them see them, not page editors."""
    from wagtail.models import Page

    if user.is_superuser:
        return editable_forms
    if user.has_perm("home.view_applicationsubmission"):
        return Page.objects.filter(pk__in=editable_forms.values("pk")) | Page.objects.type(ApplicationFormPage)
    return editable_forms.not_type(ApplicationFormPage)


# The acceptance report.


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "rapporten/acceptatie-voorwaarden/",
            views.terms_acceptance_report,
            name="backoffice_terms_acceptance_report",
        )
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_terms_report_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Acceptatie voorwaarden"),
        reverse("backoffice_terms_acceptance_report"),
        icon_name="tick-inverse",
        order=900,
        permission="terms.view_terms_report",
    )
