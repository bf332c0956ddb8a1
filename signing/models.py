"""Signing a client plan in the portal: the request to sign, and the signature itself.

The document a signer sees is rendered once, when staff make the request, and
kept here byte for byte; the signature's fingerprint is the SHA-256 of exactly
those bytes. A `ClientPlan` row with a signature never changes again (see
`signals.py`); a change is a new plan row made by `services.new_version_of`.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossier.models import Client, ClientPlan, DossierAccess
from dossier.relationships import RelationshipType


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(bytes(data)).hexdigest()


class RequestStatus(models.TextChoices):
    OPEN = "open", _("wacht op ondertekening")
    SIGNED = "signed", _("ondertekend")
    DECLINED = "declined", _("niet akkoord")
    CANCELLED = "cancelled", _("ingetrokken")


class SignatureRequestQuerySet(models.QuerySet):
    def managed_by(self, user):
        return self.filter(plan__client__in=Client.objects.managed_by(user))

    def open(self):
        return self.filter(status=RequestStatus.OPEN)

    def waiting_for(self, user, client=None):
        """Open requests `user` is named in, for plans the user may still read (optionally of one client)."""
        plans = ClientPlan.objects.visible_to(user, client).filter(withdrawn_at__isnull=True)
        signing_clients = DossierAccess.objects.signers().filter(user=user)
        return self.open().filter(signers=user, plan__in=plans, plan__client__in=signing_clients.values("client_id"))


class SignatureRequest(models.Model):
    """Staff offered a plan version for signing in the portal to the named signers."""

    plan = models.ForeignKey(
        ClientPlan, on_delete=models.PROTECT, related_name="signature_requests", verbose_name=_("cliëntplan")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangeboden door"),
    )
    requested_at = models.DateTimeField(_("aangeboden op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    signers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="plan_signature_requests", verbose_name=_("mag ondertekenen")
    )
    document_pdf = models.BinaryField(_("getoond document (PDF)"), editable=False)
    document_sha256 = models.CharField(_("vingerafdruk (SHA-256)"), max_length=64, editable=False)
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )
    decline_comment = models.TextField(_("toelichting bij niet akkoord"), blank=True)

    objects = SignatureRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("ondertekenverzoek")
        verbose_name_plural = _("ondertekenverzoeken")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan"], condition=Q(status="open"), name="one_open_signature_request")
        ]

    def __str__(self):
        return f"{self.plan} – {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN


class PlanSignature(models.Model):
    """The signature of one plan version: who, in which role, when, from where, and of which exact bytes.

    One per plan (unique), written inside a transaction that locks the plan row.
    `document_pdf` holds the bytes the signer saw and `document_sha256` their
    fingerprint; `signed_pdf` is the download with the signature block.
    """

    plan = models.OneToOneField(
        ClientPlan, on_delete=models.PROTECT, related_name="signature", verbose_name=_("cliëntplan")
    )
    request = models.OneToOneField(
        SignatureRequest, on_delete=models.PROTECT, related_name="signature", verbose_name=_("ondertekenverzoek")
    )
    plan_version = models.PositiveIntegerField(_("versie"))
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="plan_signatures",
        verbose_name=_("ondertekenaar"),
    )
    signer_name = models.CharField(_("naam ondertekenaar"), max_length=200)
    signer_role = models.CharField(_("rol"), max_length=30, choices=RelationshipType.choices)
    signed_at = models.DateTimeField(_("ondertekend op"))
    ip_address = models.GenericIPAddressField(_("netwerkadres"), null=True, blank=True)
    method = models.CharField(_("methode"), max_length=20, default="sms")
    document_sha256 = models.CharField(_("vingerafdruk (SHA-256)"), max_length=64)
    document_pdf = models.BinaryField(_("ondertekend document (PDF)"))
    signed_pdf = models.BinaryField(_("PDF met ondertekening"))

    class Meta:
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        ordering = ["-signed_at"]

    def __str__(self):
        return f"{self.plan} – {self.signer_name} ({self.signed_at:%d-%m-%Y %H:%M})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A plan signature never changes.")
        super().save(*args, **kwargs)


class PlanVersionLink(models.Model):
    """`plan` is a new version made from `previous` (a signed or declined version stays as it was)."""

    plan = models.OneToOneField(
        ClientPlan, on_delete=models.CASCADE, related_name="previous_version_link", verbose_name=_("nieuwe versie")
    )
    previous = models.ForeignKey(
        ClientPlan, on_delete=models.PROTECT, related_name="next_version_links", verbose_name=_("vorige versie")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("nieuwe planversie")
        verbose_name_plural = _("nieuwe planversies")

    def __str__(self):
        return f"{self.previous} → {self.plan}"
