"""The portal-account proxy.

`PortalAccount` gives care workers rights on portal accounts without handing
them `accounts.change_user`, which in Wagtail's user admin would let them edit
staff accounts and group memberships.
"""

from django.contrib.auth.models import UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class PortalAccountQuerySet(models.QuerySet):
    def portal(self):
        return self.filter(is_staff=False, is_superuser=False)

    def managed_by(self, user):
        """Portal accounts with dossier access to a client `user` manages (any period).

        Accounts without any dossier access are only visible to staff who
        manage all clients, so a care worker never sees strangers' accounts.
        """
        from dossier.models import Client, manages_all_clients

        accounts = self.portal()
        if manages_all_clients(user):
            return accounts
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return accounts.none()
        return accounts.filter(dossier_accesses__client__in=Client.objects.managed_by(user)).distinct()

    def changeable_by(self, user):
        """Accounts `user` may change: every client the account has (had) access to is one `user` manages.

        An account shared by clients of two teams is visible to both teams
        (`managed_by`), but only staff who manage all its clients change its
        e-mail, second factor or active state.
        """
        from dossier.models import Client, manages_all_clients

        accounts = self.managed_by(user)
        if manages_all_clients(user):
            return accounts
        others = Client.objects.exclude(pk__in=Client.objects.managed_by(user).values("pk"))
        return accounts.exclude(dossier_accesses__client__in=others)

    def can_log_in_today(self):
        """Accounts that can log in today: active, with a valid dossier access."""
        from dossier.models import DossierAccess

        return self.portal().filter(is_active=True, pk__in=DossierAccess.objects.valid_on().values("user_id"))


class PortalAccountManager(UserManager.from_queryset(PortalAccountQuerySet)):
    """A user manager (the user model's `clean()` calls `normalize_email` on it) with the portal scoping."""


class PortalAccount(User):
    """A client's or representative's login, as managed by staff in the admin."""

    objects = PortalAccountManager()

    class Meta:
        proxy = True
        verbose_name = _("portaalaccount")
        verbose_name_plural = _("portaalaccounts")
        permissions = [
            ("deactivate_portalaccount", "Mag portaalaccounts uitzetten"),
            ("reset_second_factor_portalaccount", "Mag de SMS-inlogcode van portaalaccounts herstellen"),
        ]
