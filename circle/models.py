"""Invitations into a client's circle: a person the client (or their curator or mentor) invited by e-mail
and mobile number, until they activate it with a code sent to that number.

The link in the e-mail carries a bearer token; only its SHA-256 is stored, so a copy of the database
opens no invitation. The SMS code is stored as a salted hash, like the login codes.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossier.models import Client, DossierAccess, ScopesField
from dossier.relationships import CIRCLE_TYPES, RelationshipType


def token_digest(token: str) -> str:
    return hashlib.sha256(str(token).encode("utf-8", "replace")).hexdigest()


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("verstuurd")
    AWAITING_APPROVAL = "awaiting_approval", _("wacht op goedkeuring")
    ACCEPTED = "accepted", _("geaccepteerd")
    WITHDRAWN = "withdrawn", _("ingetrokken")
    BLOCKED = "blocked", _("geblokkeerd na te veel verkeerde codes")


class InvitationQuerySet(models.QuerySet):
    def open(self, now=None):
        """Invitations that can still be activated: sent, not withdrawn, not expired."""
        return self.filter(status=InvitationStatus.PENDING, expires_at__gt=now or timezone.now())

    def managed_by(self, user):
        """For staff: the invitations of the clients they manage (their teams')."""
        return self.filter(client__in=Client.objects.managed_by(user))


class Invitation(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("cliënt"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="circle_invitations_sent",
        verbose_name=_("uitgenodigd door"),
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    mobile_number = models.CharField(_("mobiel nummer"), max_length=20, help_text=_("In E.164, bijv. +31612345678."))
    relationship = models.CharField(
        _("relatie tot de cliënt"),
        max_length=30,
        choices=[(kind, label) for kind, label in RelationshipType.choices if kind in CIRCLE_TYPES],
    )
    scopes = ScopesField(_("toegang tot"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=InvitationStatus.choices, default="pending")
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    expires_at = models.DateTimeField(_("geldig tot"))
    code_hash = models.CharField(max_length=100, blank=True, editable=False)
    code_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    code_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    code_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    codes_in_window = models.PositiveSmallIntegerField(default=0, editable=False)
    window_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    failed_codes = models.PositiveSmallIntegerField(default=0, editable=False)
    phone_verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="circle_invitations_accepted",
        verbose_name=_("geaccepteerd door account"),
    )
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="circle_invitations_approved",
        verbose_name=_("goedgekeurd door"),
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    grant = models.OneToOneField(
        DossierAccess,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
        verbose_name=_("dossiertoegang"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.full_name} → {self.client} ({self.get_status_display()})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now()

    @property
    def masked_mobile_number(self) -> str:
        return f"••••••{self.mobile_number[-2:]}" if self.mobile_number else ""
