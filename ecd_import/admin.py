"""The import log and source systems in the Wagtail admin (wagtail-modeladmin, like the rest of the staff admin).

Import runs are read-only. A source system's token is shown once, on the page
that created or replaced it; only its hash is stored.
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.views import CreateView

from backoffice.admin_base import DutchInspectView, DutchModelAdmin, ReadOnlyPermissionHelper

from .models import ImportRun, SourceSystem
from .records import KIND_LABELS, KINDS, OUTCOME_LABELS, OUTCOMES


def _errors_list(run):
    if not run.errors:
        return "–"
    items = (
        (
            _("Let op") if e.get("level") == "warning" else _("Fout"),
            e.get("record") or e.get("file", ""),
            f" – {e['field']}" if e.get("field") else "",
            e.get("message", ""),
        )
        for e in run.errors
    )
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}{}: {}</li>", items))


class ImportRunInspectView(DutchInspectView):
    def get_field_display_value(self, field_name, field=None):
        if field_name == "counts":
            return _counts_table(self.instance)
        if field_name == "errors":
            return _errors_list(self.instance)
        return super().get_field_display_value(field_name, field)


def _counts_table(run):
    rows = [
        (KIND_LABELS[kind], *(run.counts[kind].get(outcome, 0) for outcome in OUTCOMES))
        for kind in KINDS
        if kind in run.counts
    ]
    if not rows:
        return "–"
    head = format_html_join("", "<th scope='col'>{}</th>", ((OUTCOME_LABELS.get(o, ""),) for o in ("", *OUTCOMES)))
    body = format_html_join(
        "", "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
    )
    return format_html("<table class='listing'><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body)


class ImportRunAdmin(DutchModelAdmin):
    model = ImportRun
    menu_label = gettext_lazy("Importlog")
    menu_icon = "download"
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_class = ImportRunInspectView
    inspect_view_enabled = True
    history_view_enabled = False
    list_display = ("started_at", "source_name", "trigger", "file_name", "status", "created", "updated", "rejected")
    list_filter = ("status", "trigger", "source", "started_at")
    search_fields = ("file_name", "source_name")
    list_per_page = 50
    inspect_view_fields = [
        "source_name",
        "trigger",
        "triggered_by",
        "file_name",
        "data_format",
        "withdraw_missing",
        "started_at",
        "finished_at",
        "status",
    ]

    def created(self, run):
        return run.total("created")

    created.short_description = gettext_lazy("nieuw")

    def updated(self, run):
        return run.total("updated")

    updated.short_description = gettext_lazy("gewijzigd")

    def rejected(self, run):
        return len([e for e in run.errors if e.get("level") != "warning"])

    rejected.short_description = gettext_lazy("fouten")

    def get_inspect_view_fields(self):
        return [*self.inspect_view_fields, "counts", "errors"]


class SourceSystemCreateView(CreateView):
    def form_valid(self, form):
        self.instance = form.save()
        token = self.instance.issue_token()
        log(instance=self.instance, action="wagtail.create", content_changed=True)
        return show_token(self.request, self.instance, token, self.url_helper.index_url)


def show_token(request, system, token, back_url):
    return TemplateResponse(
        request,
        "ecd_import/token.html",
        {"system": system, "token": token, "back_url": back_url, "endpoint": reverse("ecd_import:import")},
    )


class SourceSystemButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if self.permission_helper.user_can_edit_obj(self.request.user, obj):
            buttons.append(
                {
                    "url": reverse("ecd_import_rotate_token", args=[quote(obj.pk)]),
                    "label": _("Nieuw token"),
                    "classname": "button button-small button-secondary",
                    "title": _("Nieuw API-token voor %(name)s") % {"name": obj.name},
                }
            )
        return buttons


class SourceSystemAdmin(DutchModelAdmin):
    model = SourceSystem
    menu_label = gettext_lazy("Bronsystemen")
    menu_icon = "key"
    create_view_class = SourceSystemCreateView
    button_helper_class = SourceSystemButtonHelper
    list_display = ("name", "description", "is_active", "token_created_at", "last_used_at")
    list_filter = ("is_active",)
    form_fields_exclude = ["token_hash", "token_created_at", "last_used_at"]

    def history_view(self, request, instance_pk):
        # wagtail-modeladmin's HistoryView checks no permission of its own.
        if not self.permission_helper.user_can_list(request.user):
            raise PermissionDenied
        return super().history_view(request, instance_pk)


def rotate_token(request, pk):
    """Confirm, then replace a source system's token and show the new one once."""
    if not request.user.has_perm("ecd_import.change_sourcesystem"):
        raise PermissionDenied
    system = get_object_or_404(SourceSystem, pk=pk)
    back_url = reverse(SourceSystemAdmin().url_helper.get_action_url_name("index"))
    if request.method == "POST":
        token = system.issue_token()
        log(instance=system, action="wagtail.edit", content_changed=True)
        return show_token(request, system, token, back_url)
    return TemplateResponse(request, "ecd_import/rotate_token.html", {"system": system, "back_url": back_url})
