"""A request for an afschrift (electronic copy of the whole dossier) and the file it produced.

The file itself lives in the private storage; this row says who asked for it,
for which client, when it was made, when it expires, and its fingerprint.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossier.models import Client

from . import rules


class AfschriftStatus(models.TextChoices):
    REQUESTED = "requested", _("aangevraagd")
    READY = "ready", _("klaar")
    FAILED = "failed", _("mislukt")
    EXPIRED = "expired", _("verlopen en verwijderd")


class AfschriftRequestQuerySet(models.QuerySet):
    def visible_to(self, user, client: Client | None = None):
        """A user's own requests, for clients they may still request an afschrift of today."""
        return self.filter(requested_by=user, client__in=rules.eligible_clients(user, client))

    def counting_towards_interval(self, client, now=None):
        """Requests of `client` (by anyone) inside the interval; failed ones do not count."""
        since = (now or timezone.now()) - rules.interval()
        return self.filter(client=client, requested_at__gt=since).exclude(status=AfschriftStatus.FAILED)

    def expired(self, now=None):
        return self.filter(status=AfschriftStatus.READY, expires_at__lte=now or timezone.now())


class AfschriftRequest(models.Model):
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="afschrift_requests", verbose_name=_("cliënt")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("aangevraagd door")
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now, db_index=True)
    idempotency_key = models.UUIDField(
        _("idempotentiesleutel"),
        unique=True,
        default=uuid.uuid4,
        help_text=_("Uit het aanvraagformulier: een dubbele klik of herhaalde aanvraag maakt geen tweede afschrift."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AfschriftStatus.choices, default=AfschriftStatus.REQUESTED
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    ready_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    expires_at = models.DateTimeField(_("beschikbaar tot"), null=True, blank=True)
    file_name = models.CharField(_("bestand (privéopslag)"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("grootte (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("vingerafdruk (SHA-256)"), max_length=64, blank=True)
    error = models.CharField(_("fout"), max_length=255, blank=True)

    objects = AfschriftRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("afschriftaanvraag")
        verbose_name_plural = _("afschriftaanvragen")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["client", "-requested_at"])]

    def __str__(self):
        return f"{self.client} {self.requested_at:%d-%m-%Y %H:%M} ({self.get_status_display()})"

    @property
    def is_downloadable(self) -> bool:
        return self.status == AfschriftStatus.READY and self.expires_at is not None and self.expires_at > timezone.now()

    def download_name(self) -> str:
        return f"afschrift-{self.client.client_number}-{timezone.localtime(self.requested_at):%Y-%m-%d}.zip"
