"""Portal accounts in the admin: create (with the first dossier access), edit, deactivate, reset the SMS factor.

Account lifecycle rules live in `accounts.services`; these views only collect
input, check scope and permission, and write the access log.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import re_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper

from dossier.access_log import log_access
from dossier.grants import log_grant_change
from dossier.models import AccessAction, Client, DossierAccess, ObjectType
from dossier.relationships import BasisKind, RelationshipType

from .admin_base import ScopedEditView, ScopedModelAdmin
from .forms import DeactivateAccountForm, IdentityCheck, PortalAccountForm, ResetSecondFactorForm
from .models import PortalAccount


class PortalAccountPermissionHelper(PermissionHelper):
    @staticmethod
    def may_change(user, obj):
        return PortalAccount.objects.changeable_by(user).filter(pk=obj.pk).exists()

    def user_can_edit_obj(self, user, obj):
        return super().user_can_edit_obj(user, obj) and self.may_change(user, obj)

    def user_can_delete_obj(self, user, obj):
        # Accounts are deactivated, never deleted: acceptances and logs refer to them.
        return False

    def user_can_deactivate_obj(self, user, obj):
        return (
            obj.is_active
            and self.user_has_specific_permission(user, "deactivate_portalaccount")
            and self.may_change(user, obj)
        )

    def user_can_reset_second_factor(self, user, obj):
        return (
            obj.is_active
            and self.user_has_specific_permission(user, "reset_second_factor_portalaccount")
            and self.may_change(user, obj)
        )


class PortalAccountEditView(ScopedEditView):
    def form_valid(self, form):
        response = super().form_valid(form)
        if form.changed_data:
            changed = ", ".join(str(form.fields[name].label or name).lower() for name in form.changed_data)
            log_access(
                self.request,
                action=AccessAction.CHANGE,
                object_type=ObjectType.PORTAL_ACCOUNT,
                object_id=self.instance.pk,
                detail=f"account {self.instance.username} gewijzigd: {changed}",
            )
        return response


class PortalAccountButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        user, ph, pk = self.request.user, self.permission_helper, quote(obj.pk)
        classname = self.finalise_classname(["button-secondary"] + (classnames_add or []), classnames_exclude)
        if ph.user_can_reset_second_factor(user, obj):
            buttons.append(
                {
                    "url": self.url_helper.get_action_url("reset_second_factor", pk),
                    "label": _("SMS-code herstellen"),
                    "classname": classname,
                    "title": _("Het SMS-apparaat van dit account opnieuw instellen"),
                }
            )
        if ph.user_can_deactivate_obj(user, obj):
            buttons.append(
                {
                    "url": self.url_helper.get_action_url("deactivate", pk),
                    "label": _("Uitzetten"),
                    "classname": classname,
                    "title": _("Dit account uitzetten"),
                }
            )
        return buttons


def dossiers(account):
    """The account's dossiers as far as the viewer manages them (see `PortalAccountAdmin.scoped_queryset`)."""
    accesses = account.dossier_accesses.all()
    return ", ".join(f"{a.client.full_name} ({a.get_relationship_display()})" for a in accesses) or "–"


dossiers.short_description = gettext_lazy("dossiers")


def full_name(account):
    return account.get_full_name()


full_name.short_description = gettext_lazy("naam")
full_name.admin_order_field = "last_name"


class PortalAccountAdmin(ScopedModelAdmin):
    model = PortalAccount
    menu_label = gettext_lazy("Portaalaccounts")
    menu_icon = "user"
    permission_helper_class = PortalAccountPermissionHelper
    button_helper_class = PortalAccountButtonHelper
    list_display = ("username", full_name, "email", "mobile_number", "is_active", dossiers, "last_login")
    list_filter = ("is_active", "dossier_accesses__relationship", "password_change_required")
    search_fields = ("username", "first_name", "last_name", "email", "dossier_accesses__client__client_number")
    inspect_view_fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "mobile_number",
        "is_active",
        "password_change_required",
        "one_time_password_expires_at",
        "last_login",
        "date_joined",
    ]
    # The mobile number is the second factor: it only changes through "SMS-code herstellen",
    # after an identity check.
    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldPanel("email"),
    ]

    edit_view_class = PortalAccountEditView

    def scoped_queryset(self, request):
        own_part = DossierAccess.objects.filter(client__in=Client.objects.managed_by(request.user))
        return PortalAccount.objects.managed_by(request.user).prefetch_related(
            Prefetch("dossier_accesses", queryset=own_part.select_related("client"))
        )

    def client_of(self, instance):
        return None

    def log_instance_access(self, request, instance, response):
        # Account details are not dossier data; changes are logged by the actions below.
        return

    def get_admin_urls_for_registration(self):
        urls = super().get_admin_urls_for_registration()
        for action, view in (
            ("deactivate", self.deactivate_view),
            ("reset_second_factor", self.reset_second_factor_view),
        ):
            urls += (
                re_path(
                    self.url_helper.get_action_url_pattern(action),
                    view,
                    name=self.url_helper.get_action_url_name(action),
                ),
            )
        return urls

    # Create: the account and its first dossier access in one go.
    def create_view(self, request, initial=None, on_created=None, context=None, success_url=None):
        if not self.permission_helper.user_can_create(request.user):
            raise PermissionDenied
        form = PortalAccountForm(request.POST or None, user=request.user, initial=initial)
        if request.method == "POST" and form.is_valid():
            account = self.create_account(request, form.cleaned_data)
            if on_created is not None:
                on_created(account)
            messages.success(
                request,
                _("Account %(username)s is aangemaakt. De welkomstmail is verstuurd naar %(email)s.")
                % {"username": account.username, "email": account.email},
            )
            return redirect(success_url or self.url_helper.index_url)
        if request.method == "POST":
            messages.error(request, _("Het account is niet aangemaakt. Verbeter de gemarkeerde velden."))
        return TemplateResponse(
            request,
            "backoffice/action_form.html",
            {
                "title": _("Nieuw portaalaccount"),
                "icon": "user",
                "intro": [
                    _(
                        "Het account krijgt een eenmalig wachtwoord. De gebruiker ontvangt de gebruikersnaam en het "
                        "wachtwoord in de welkomstmail en kiest bij de eerste keer inloggen een eigen wachtwoord."
                    )
                ],
                "form": form,
                "submit_buttons": [("create", _("Account aanmaken"), "")],
                "cancel_url": success_url or self.url_helper.index_url,
                **(context or {}),
            },
        )

    def create_account(self, request, data):
        from accounts.services import create_portal_account

        with transaction.atomic():
            user, _password = create_portal_account(
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                mobile_number=str(data["mobile_number"]),
            )
            grant = DossierAccess.objects.create(
                user=user,
                client=data["client"],
                relationship=data["role"],
                basis_kind=BasisKind.OWN_DOSSIER if data["role"] == RelationshipType.SELF else "",
                registered_by=request.user,
                valid_from=data["valid_from"],
                valid_until=data.get("valid_until"),
            )
            log_grant_change(request, grant, "vastgelegd")
            log_access(
                request,
                action=AccessAction.CHANGE,
                object_type=ObjectType.PORTAL_ACCOUNT,
                client=data["client"],
                object_id=user.pk,
                detail=f"account {user.username} aangemaakt met toegang als {data['role']}",
            )
        return user

    def deactivate_view(self, request, instance_pk):
        account = self.get_scoped_instance(request, instance_pk)
        if not self.permission_helper.user_can_deactivate_obj(request.user, account):
            raise PermissionDenied
        form = DeactivateAccountForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            from accounts.services import deactivate_account

            deactivate_account(account)
            log_access(
                request,
                action=AccessAction.CHANGE,
                object_type=ObjectType.PORTAL_ACCOUNT,
                object_id=account.pk,
                detail=f"account {account.username} uitgezet",
            )
            messages.success(request, _("Account %(username)s is uitgezet.") % {"username": account.username})
            return redirect(self.url_helper.index_url)
        return self._action_response(
            request,
            account,
            form,
            title=_("Account uitzetten"),
            intro=[
                _(
                    "Na uitzetten kan %(name)s niet meer inloggen en wordt een lopende sessie beëindigd. "
                    "Het dossier, de logregels en de geaccepteerde voorwaarden blijven bewaard."
                )
                % {"name": account.get_full_name() or account.username}
            ],
            button=(_("Account uitzetten"), "serious"),
        )

    def reset_second_factor_view(self, request, instance_pk):
        account = self.get_scoped_instance(request, instance_pk)
        if not self.permission_helper.user_can_reset_second_factor(request.user, account):
            raise PermissionDenied
        form = ResetSecondFactorForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            from accounts.services import reset_second_factor

            with transaction.atomic():
                if form.cleaned_data["mobile_number"]:
                    account.mobile_number = form.cleaned_data["mobile_number"]
                    account.save(update_fields=["mobile_number"])
                reset_second_factor(account)
                method = IdentityCheck(form.cleaned_data["method"]).label
                log_access(
                    request,
                    action=AccessAction.CHANGE,
                    object_type=ObjectType.SECOND_FACTOR,
                    object_id=account.pk,
                    detail=f"SMS-code hersteld voor {account.username}; identiteit gecontroleerd: {method}",
                )
            messages.success(
                request,
                _(
                    "De SMS-inlogcode van %(username)s is hersteld. "
                    "Bij de volgende keer inloggen gaat de code naar %(mobile)s."
                )
                % {"username": account.username, "mobile": account.mobile_number},
            )
            return redirect(self.url_helper.index_url)
        return self._action_response(
            request,
            account,
            form,
            title=_("SMS-inlogcode herstellen"),
            intro=[
                _(
                    "Gebruik dit als iemand een nieuwe telefoon of een nieuw nummer heeft. Controleer eerst wie u "
                    "spreekt: iemand die dit misbruikt, krijgt toegang tot een dossier."
                )
            ],
            button=(_("SMS-code herstellen"), ""),
        )

    def _action_response(self, request, account, form, *, title, intro, button):
        if request.method == "POST":
            messages.error(request, _("Er is niets gewijzigd. Verbeter de gemarkeerde velden."))
        return TemplateResponse(
            request,
            "backoffice/action_form.html",
            {
                "title": title,
                "subtitle": account.get_full_name() or account.username,
                "icon": "user",
                "intro": intro,
                "details": [
                    (_("Gebruikersnaam"), account.username),
                    (_("E-mailadres"), account.email),
                    (_("Mobiel nummer"), account.mobile_number),
                    (_("Dossiers"), dossiers(account)),
                ],
                "form": form,
                "submit_buttons": [("confirm", button[0], button[1])],
                "cancel_url": self.url_helper.index_url,
            },
        )
