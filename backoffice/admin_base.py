"""Scoping for the dossier admin: a care worker sees and edits only their own teams' clients.

wagtail-modeladmin looks instances up through the model's default manager, not
through `ModelAdmin.get_queryset`, so `ScopedModelAdmin` checks every
instance URL (edit, inspect, delete, history) against the scoped queryset
itself: an object outside the scope is a 404, as if it did not exist.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import CreateView, EditView, InspectView

from dossier.access_log import log_access
from dossier.models import AccessAction, AccessOutcome, Client, ClientPlan, ObjectType, OutcomeCode, Team

from .access_log import log_admin_access, log_admin_list
from .admin_lists import StrictIndexView, StrictModelAdmin
from .models import PortalAccount


def yes_no(value) -> str:
    return _("Ja") if value else _("Nee")


def _boolean_field(model, name):
    if not isinstance(name, str):
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.BooleanField) else None


def yes_no_column(field):
    """A list column that shows a boolean field as "Ja"/"Nee" and still sorts on the field.

    Without django.contrib.admin, modeladmin renders a boolean as a missing
    icon whose alt text is "True" or "False".
    """

    def column(obj):
        return yes_no(getattr(obj, field.name))

    column.__name__ = field.name
    column.short_description = field.verbose_name
    column.admin_order_field = field.name
    return column


class ReadOnlyPermissionHelper(PermissionHelper):
    """A record nobody changes in the admin (the access log, the import log): listed and inspected with the
    model's view permission; no create, edit or delete, not even for a superuser."""

    def user_can_list(self, user):
        return self.user_has_specific_permission(user, f"view_{self.opts.model_name}")

    def user_can_inspect_obj(self, user, obj):
        return self.user_can_list(user)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class DutchInspectView(InspectView):
    def get_field_display_value(self, field_name, field=None):
        if _boolean_field(self.model, field_name) is not None:
            return yes_no(getattr(self.instance, field_name))
        return super().get_field_display_value(field_name, field)


class DutchModelAdmin(StrictModelAdmin):
    """A ModelAdmin that shows booleans as "Ja"/"Nee" in its list and inspect views."""

    inspect_view_class = DutchInspectView

    def get_list_display(self, request):
        columns = []
        for name in super().get_list_display(request):
            field = _boolean_field(self.model, name)
            columns.append(yes_no_column(field) if field is not None else name)
        return columns


def staff_users():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("first_name", "last_name")


def limit_choices(form, user):
    """Narrow every foreign-key choice in `form` to what `user` manages."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        model = queryset.model
        if model is Client:
            field.queryset = Client.objects.managed_by(user)
        elif model is Team:
            field.queryset = Team.objects.managed_by(user)
        elif model is ClientPlan:
            field.queryset = ClientPlan.objects.managed_by(user)
        elif model is User or model is PortalAccount:
            if name in ("staff_member", "personal_counsellor"):
                field.queryset = staff_users()
            else:
                field.queryset = PortalAccount.objects.managed_by(user).order_by("last_name", "first_name")


class ScopedFormMixin:
    def get_form(self):
        form = super().get_form()
        limit_choices(form, self.request.user)
        return form


class ScopedCreateView(ScopedFormMixin, CreateView):
    pass


class ScopedEditView(ScopedFormMixin, EditView):
    pass


class ScopedIndexView(StrictIndexView):
    """A list of dossier data; every list or search shown is a read in the access log."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if self.model_admin.log_reads and getattr(response, "status_code", None) == 200:
            filters = {key: value for key, value in self.params.items() if key not in self.IGNORED_PARAMS}
            log_admin_list(
                request,
                model=self.model,
                search=self.query,
                filters=filters,
                count=self.queryset.count(),
            )
        return response


class ScopedModelAdmin(DutchModelAdmin):
    """A ModelAdmin whose list and instance views only reach what `managed_by(user)` returns."""

    index_view_class = ScopedIndexView
    create_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    inspect_view_enabled = True
    # Reads of these objects are dossier reads and go into the access log.
    log_reads = True

    def scoped_queryset(self, request):
        return self.model._default_manager.managed_by(request.user)

    def get_queryset(self, request):
        qs = self.scoped_queryset(request)
        ordering = self.get_ordering(request)
        return qs.order_by(*ordering) if ordering else qs

    def get_scoped_instance(self, request, instance_pk):
        try:
            return self.get_queryset(request).get(pk=unquote(instance_pk))
        except (self.model.DoesNotExist, ValueError, ValidationError) as e:
            raise Http404 from e

    def client_of(self, instance):
        return getattr(instance, "client", None)

    def log_instance_access(self, request, instance, response):
        """A shown page is a read; a POST that redirects (saved or deleted) is a change."""
        if not self.log_reads:
            return
        status = getattr(response, "status_code", 200)
        if request.method == "GET" and status == 200:
            action = AccessAction.READ
        elif request.method == "POST" and status == 302:
            action = AccessAction.CHANGE
        else:
            return
        client = self.client_of(instance)
        log_admin_access(
            request,
            action=action,
            object_type=ObjectType.for_model(self.model),
            client=client,
            object_id=instance.pk,
        )

    def _scoped(self, view, request, instance_pk):
        instance = self.get_scoped_instance(request, instance_pk)
        response = view(request, instance_pk)
        self.log_instance_access(request, instance, response)
        return response

    def edit_view(self, request, instance_pk):
        return self._scoped(super().edit_view, request, instance_pk)

    def inspect_view(self, request, instance_pk):
        return self._scoped(super().inspect_view, request, instance_pk)

    def delete_view(self, request, instance_pk):
        if request.method != "POST":
            return self._scoped(super().delete_view, request, instance_pk)
        instance = self.get_scoped_instance(request, instance_pk)
        target = {
            "object_type": ObjectType.for_model(self.model),
            "client": self.client_of(instance),
            "object_id": instance.pk,
        }
        try:
            with transaction.atomic():
                # Logged first, in the delete's own transaction: a committed delete always has its entry.
                log_access(request, action=AccessAction.DELETE, detail="beheeromgeving", **target)
                response = super().delete_view(request, instance_pk)
                deleted = not self.model._default_manager.filter(pk=instance.pk).exists()
                if not deleted:
                    transaction.set_rollback(True)
        except PermissionDenied:
            self._log_refused_delete(request, target, OutcomeCode.NO_ACCESS, "geen recht om te verwijderen")
            raise
        if not deleted:
            self._log_refused_delete(request, target, OutcomeCode.DELETE_REFUSED, "er hangen gegevens aan")
        return response

    def _log_refused_delete(self, request, target, code, reason):
        log_access(
            request,
            action=AccessAction.DELETE,
            outcome=AccessOutcome.DENIED,
            outcome_code=code,
            detail=f"beheeromgeving: {reason}",
            **target,
        )

    def history_view(self, request, instance_pk):
        self.get_scoped_instance(request, instance_pk)
        # wagtail-modeladmin's HistoryView checks no permission of its own.
        if not self.permission_helper.user_can_list(request.user):
            raise PermissionDenied
        return super().history_view(request, instance_pk)
