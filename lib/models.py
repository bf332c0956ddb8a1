from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubmissionKey(models.Model):
    """One received submission of a form, by the key the form carried (lib.idempotency)."""

    form = models.CharField(_("formulier"), max_length=60)
    owner = models.CharField(_("afzender"), max_length=40)
    key = models.CharField(_("sleutel"), max_length=32)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("ontvangen formulier")
        verbose_name_plural = _("ontvangen formulieren")
        constraints = [
            models.UniqueConstraint(fields=["form", "owner", "key"], name="form_submission_received_once"),
        ]

    def __str__(self):
        return f"{self.form} {self.key}"
