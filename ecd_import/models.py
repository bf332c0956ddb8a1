"""Source systems that feed the dossier, and the record of every import run."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SourceSystemQuerySet(models.QuerySet):
    def authenticate(self, token: str):
        """The active source system that owns `token`, or None."""
        if not token:
            return None
        return self.filter(is_active=True, token_hash=hash_token(token)).first()


class SourceSystem(models.Model):
    """A care record system (ECD) allowed to deliver dossier data.

    Its name is the `external_source` stamped on every record it delivers. Only a
    sha256 hash of its push token is stored; the token itself is shown once.
    """

    name = models.SlugField(
        _("naam"),
        max_length=50,
        unique=True,
        help_text=_("Korte naam zonder spaties, bijvoorbeeld 'ecd-linde'. Wordt bij elk geïmporteerd record bewaard."),
    )
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    token_hash = models.CharField(_("hash van het token"), max_length=64, blank=True, editable=False, db_index=True)
    token_created_at = models.DateTimeField(_("token aangemaakt op"), null=True, blank=True, editable=False)
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Een inactief bronsysteem kan niets meer aanleveren via de API.")
    )
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourceSystemQuerySet.as_manager()

    class Meta:
        verbose_name = _("bronsysteem")
        verbose_name_plural = _("bronsystemen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def issue_token(self) -> str:
        """Replace the push token and return the new one; only its hash is kept."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.token_created_at = timezone.now()
        self.save(update_fields=["token_hash", "token_created_at"])
        return token


class ImportTrigger(models.TextChoices):
    COMMAND = "command", _("beheercommando")
    API = "api", _("API (aangeleverd door bronsysteem)")


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("bezig")
    SUCCEEDED = "succeeded", _("geslaagd")
    FAILED = "failed", _("afgewezen")


class ImportRun(models.Model):
    """One file or API payload taken in (or refused), with its counts and errors."""

    source = models.ForeignKey(
        SourceSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="runs",
        verbose_name=_("bronsysteem"),
    )
    source_name = models.CharField(_("bronsysteem (naam)"), max_length=50, blank=True)
    trigger = models.CharField(_("aanleiding"), max_length=20, choices=ImportTrigger.choices)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gestart door"),
    )
    file_name = models.CharField(_("bestand"), max_length=255, blank=True)
    data_format = models.CharField(_("formaat"), max_length=10, blank=True)
    withdraw_missing = models.BooleanField(_("ontbrekende records intrekken"), default=False)
    started_at = models.DateTimeField(_("gestart"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.RUNNING)
    counts = models.JSONField(_("aantallen"), default=dict, blank=True)
    errors = models.JSONField(_("fouten"), default=list, blank=True)

    class Meta:
        verbose_name = _("importrun")
        verbose_name_plural = _("importlog")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.started_at:%d-%m-%Y %H:%M} {self.source_name} {self.file_name}"

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at

    def total(self, outcome: str) -> int:
        return sum(per_type.get(outcome, 0) for per_type in self.counts.values())
