"""Scoping for the dossier admin: a care worker sees and edits only their own teams' clients.

wagtail-modeladmin looks instances up through the model's default manager, not
through `ModelAdmin.get_queryset`, so `ScopedModelAdmin` checks every
instance URL (edit, inspect, delete, history) against the scoped queryset
itself: an object outside the scope is a 404, as if it did not exist.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from wagtail_modeladmin.views import CreateView, EditView

from dossier.models import AccessAction, Client, ClientPlan, Team

from .access_log import log_admin_access, log_admin_list
from .admin_lists import StrictIndexView, StrictModelAdmin
from .models import PortalAccount


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
            if not (user.is_superuser or user.has_perm("dossier.manage_all_clients")):
                field.queryset = Team.objects.filter(members=user)
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
                object_type=str(self.opts.verbose_name_plural),
                search=self.query,
                filters=filters,
                count=self.queryset.count(),
            )
        return response


class ScopedModelAdmin(StrictModelAdmin):
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
            request, action=action, object_type=str(self.opts.verbose_name), client=client, object_id=instance.pk
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
        return self._scoped(super().delete_view, request, instance_pk)

    def history_view(self, request, instance_pk):
        self.get_scoped_instance(request, instance_pk)
        # wagtail-modeladmin's HistoryView checks no permission of its own.
        if not self.permission_helper.user_can_list(request.user):
            raise PermissionDenied
        return super().history_view(request, instance_pk)
