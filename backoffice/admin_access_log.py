"""The NEN 7513 access log in the admin: read, filter and export; never add, edit or delete."""

from django.contrib.admin import RelatedOnlyFieldListFilter
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossier.access_log import log_access
from dossier.models import AccessAction, AccessLogEntry, ObjectType

from .admin_base import DutchModelAdmin, ReadOnlyPermissionHelper
from .admin_lists import StrictIndexView


class AccessLogIndexView(StrictIndexView):
    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Every export is itself logged, with the filter that produced it."""
        filters = "&".join(f"{key}={value}" for key, value in sorted(self.params.items()) if key != "export")
        log_access(
            self.request,
            action=AccessAction.EXPORT,
            object_type=ObjectType.ACCESS_LOG,
            detail=f"{spreadsheet_format}: {queryset.count()} regels; {filters or 'geen filter'}",
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


def occurred_at_local(entry):
    return timezone.localtime(entry.occurred_at).strftime("%Y-%m-%d %H:%M:%S")


occurred_at_local.short_description = _("tijdstip")


def action_display(entry):
    return entry.get_action_display()


action_display.short_description = _("actie")


def outcome_display(entry):
    return entry.get_outcome_display()


outcome_display.short_description = _("uitkomst")


class AccessLogAdmin(DutchModelAdmin):
    model = AccessLogEntry
    menu_label = _("Toegangslog")
    menu_icon = "list-ul"
    permission_helper_class = ReadOnlyPermissionHelper
    index_view_class = AccessLogIndexView
    inspect_view_enabled = True
    history_view_enabled = False
    list_display = ("occurred_at", "user_display", "user_role", "action", "object_type", "client_number", "outcome")
    list_filter = (
        "action",
        "outcome",
        "occurred_at",
        ("client", RelatedOnlyFieldListFilter),
        ("user", RelatedOnlyFieldListFilter),
    )
    search_fields = ("user_display", "client_number", "object_type", "object_id", "detail", "on_behalf_of")
    list_per_page = 50
    list_export = (
        occurred_at_local,
        "user_display",
        "user_role",
        "on_behalf_of",
        action_display,
        outcome_display,
        "client_number",
        "object_type",
        "object_id",
        "detail",
        "ip_address",
    )
    export_filename = "toegangslog"
