"""wagtail-modeladmin screens for the dossier data, all scoped with `managed_by(user)`."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_modeladmin.helpers import PermissionHelper

from dossier.grants import log_grant_change
from dossier.models import (
    Appointment,
    CareAgreement,
    CareTeamMembership,
    Client,
    ClientPlan,
    DossierAccess,
    Evaluation,
    Report,
)

from .admin_base import ScopedCreateView, ScopedEditView, ScopedModelAdmin

RECORD_SEARCH = ("client__client_number", "client__first_name", "client__last_name")
SOURCE_PANEL = MultiFieldPanel(
    [FieldRowPanel([FieldPanel("external_source"), FieldPanel("external_id")]), FieldPanel("withdrawn_at")],
    heading=_("herkomst"),
    classname="collapsed",
)


class ClientAdmin(ScopedModelAdmin):
    model = Client
    menu_label = _("Cliënten")
    menu_icon = "group"
    list_display = ("client_number", "full_name", "date_of_birth", "team", "personal_counsellor")
    list_filter = ("team",)
    search_fields = ("client_number", "first_name", "last_name", "city")
    inspect_view_fields_exclude = ["photo", "created_at", "updated_at"]
    # The photo lives in private storage without URLs; it is managed by the ECD import.
    panels = [
        FieldRowPanel([FieldPanel("client_number"), FieldPanel("date_of_birth")]),
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading=_("contactgegevens"),
        ),
        FieldRowPanel([FieldPanel("team"), FieldPanel("personal_counsellor")]),
        FieldPanel("external_source"),
    ]

    def client_of(self, instance):
        return instance


class ClientScopedAdmin(ScopedModelAdmin):
    """For models without their own `managed_by`: scope through the client."""

    def scoped_queryset(self, request):
        return self.model._default_manager.filter(client__in=Client.objects.managed_by(request.user))


class GrantChangeLogging:
    """Every saved grant is logged with what it now gives, so the client sees the change on their profile."""

    change = "gewijzigd"

    def form_valid(self, form):
        with transaction.atomic():
            if form.instance._state.adding:
                form.instance.registered_by = self.request.user
            response = super().form_valid(form)
            grant = self.instance
            ended = grant.valid_until is not None and grant.valid_until < timezone.localdate()
            log_grant_change(self.request, grant, "beëindigd" if ended else self.change)
        return response


class DossierAccessCreateView(GrantChangeLogging, ScopedCreateView):
    change = "vastgelegd"


class DossierAccessEditView(GrantChangeLogging, ScopedEditView):
    pass


class DossierAccessAdmin(ClientScopedAdmin):
    """Grants of the clients the staff member manages; the relationship type limits the scopes
    (`dossier.relationships`), and every save is in the client's access log."""

    model = DossierAccess
    menu_label = _("Dossiertoegang")
    menu_icon = "key"
    create_view_class = DossierAccessCreateView
    edit_view_class = DossierAccessEditView
    list_display = ("user", "client", "relationship", "valid_from", "valid_until", "registered_by")
    list_filter = ("relationship", "basis_kind", "valid_from", "valid_until")
    list_select_related = ("user", "client", "registered_by")
    search_fields = ("user__username", "user__first_name", "user__last_name", *RECORD_SEARCH)
    inspect_view_fields_exclude = ["created_at"]
    panels = [
        FieldPanel("user"),
        FieldPanel("client"),
        FieldPanel("relationship"),
        FieldPanel("scopes"),
        MultiFieldPanel(
            [FieldPanel("basis_kind"), FieldRowPanel([FieldPanel("basis_reference"), FieldPanel("basis_date")])],
            heading=_("grondslag"),
        ),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldRowPanel([FieldPanel("client_consent_on"), FieldPanel("confirmed_by_client_on")]),
    ]

    def log_instance_access(self, request, instance, response):
        """A saved grant is logged by its view with what changed; reads as for every record."""
        if request.method == "POST":
            return
        super().log_instance_access(request, instance, response)


class CareTeamMembershipAdmin(ClientScopedAdmin):
    model = CareTeamMembership
    menu_label = _("Zorgteam")
    menu_icon = "user"
    list_display = ("staff_member", "role", "client", "valid_from", "valid_until")
    list_filter = ("role", "valid_from")
    list_select_related = ("staff_member", "client")
    search_fields = ("staff_member__first_name", "staff_member__last_name", "role", *RECORD_SEARCH)
    panels = [
        FieldPanel("client"),
        FieldPanel("staff_member"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("external_id"),
    ]


class ReportAdmin(ScopedModelAdmin):
    model = Report
    menu_label = _("Rapportages")
    menu_icon = "doc-full"
    list_display = ("written_at", "client", "department", "author_name")
    list_filter = ("written_at", "department", "client__team")
    list_select_related = ("client",)
    search_fields = ("text", "department", "author_name", "treatment_goal", *RECORD_SEARCH)
    panels = [
        FieldPanel("client"),
        FieldRowPanel([FieldPanel("written_at"), FieldPanel("department")]),
        FieldRowPanel([FieldPanel("author_name"), FieldPanel("treatment_goal")]),
        FieldPanel("text"),
        SOURCE_PANEL,
    ]


class ClientPlanPermissionHelper(PermissionHelper):
    """Signed plans are evidence of what was agreed: nobody changes or deletes them here."""

    def user_can_edit_obj(self, user, obj):
        return not obj.is_frozen and super().user_can_edit_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return not obj.is_frozen and super().user_can_delete_obj(user, obj)


class ClientPlanAdmin(ScopedModelAdmin):
    model = ClientPlan
    menu_label = _("Cliëntplannen")
    menu_icon = "form"
    permission_helper_class = ClientPlanPermissionHelper
    list_display = ("title", "version", "client", "period_start", "period_end", "status")
    list_filter = ("status", "period_start", "client__team")
    list_select_related = ("client",)
    search_fields = ("title", "content", *RECORD_SEARCH)
    panels = [
        FieldPanel("client"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("version")]),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("status"),
        FieldPanel("content"),
        SOURCE_PANEL,
    ]


class EvaluationAdmin(ScopedModelAdmin):
    model = Evaluation
    menu_label = _("Evaluaties")
    menu_icon = "tasks"
    list_display = ("evaluated_on", "title", "client", "plan")
    list_filter = ("evaluated_on", "client__team")
    list_select_related = ("client", "plan")
    search_fields = ("title", "content", *RECORD_SEARCH)
    panels = [
        FieldPanel("client"),
        FieldRowPanel([FieldPanel("evaluated_on"), FieldPanel("plan")]),
        FieldPanel("title"),
        FieldPanel("content"),
        SOURCE_PANEL,
    ]


class CareAgreementAdmin(ScopedModelAdmin):
    model = CareAgreement
    menu_label = _("Zorgovereenkomsten")
    menu_icon = "doc-full-inverse"
    list_display = ("product", "client", "period_start", "period_end", "signed_on")
    list_filter = ("period_start", "signed_on", "client__team")
    list_select_related = ("client",)
    search_fields = ("product", "content", *RECORD_SEARCH)
    panels = [
        FieldPanel("client"),
        FieldPanel("product"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("signed_on"),
        FieldPanel("content"),
        SOURCE_PANEL,
    ]


class AppointmentAdmin(ScopedModelAdmin):
    model = Appointment
    menu_label = _("Afspraken")
    menu_icon = "date"
    list_display = ("starts_at", "ends_at", "title", "client", "location")
    list_filter = ("starts_at", "client__team")
    list_select_related = ("client",)
    search_fields = ("title", "location", "with_whom", *RECORD_SEARCH)
    panels = [
        FieldPanel("client"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("location"), FieldPanel("with_whom")]),
        SOURCE_PANEL,
    ]
