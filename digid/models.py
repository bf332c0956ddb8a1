"""A DigiD identity (the broker's pseudonymous `sub`) linked to one portal account."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, DeviceManager


class DigidIdentityQuerySet(models.QuerySet):
    def for_claims(self, issuer, subject):
        return self.select_related("user").filter(issuer=issuer, subject=subject, user__is_active=True).first()


class DigidIdentity(Device):
    """The link between a broker's `sub` and a portal account.

    It is a django-otp device, so a DigiD login at the required level verifies
    the session the same way an SMS code does: every check that asks
    `user.is_verified()` (the portal middleware, the dossier page, the admin)
    works unchanged, and deleting the link ends the verification of sessions
    that used it. It never verifies a typed code.
    """

    LINKED_BY_STAFF = "staff"
    LINKED_BY_USER = "user"
    LINKED_BY_CHOICES = [(LINKED_BY_STAFF, _("door een medewerker")), (LINKED_BY_USER, _("door de gebruiker zelf"))]

    issuer = models.URLField(_("uitgever (issuer)"), max_length=255, help_text=_("De issuer-URL van de DigiD-broker."))
    subject = models.CharField(
        _("DigiD-pseudoniem (sub)"),
        max_length=255,
        help_text=_("Het pseudoniem dat de broker voor deze persoon doorgeeft (de claim ‘sub’), niet het BSN."),
    )
    linked_by = models.CharField(_("gekoppeld"), max_length=10, choices=LINKED_BY_CHOICES, default=LINKED_BY_STAFF)
    linked_at = models.DateTimeField(_("gekoppeld op"), default=timezone.now)
    last_login_at = models.DateTimeField(_("laatst ingelogd"), null=True, blank=True)

    objects = DeviceManager.from_queryset(DigidIdentityQuerySet)()

    class Meta:
        verbose_name = _("DigiD-koppeling")
        verbose_name_plural = _("DigiD-koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="digid_unique_subject_per_issuer"),
            models.UniqueConstraint(fields=["user", "issuer"], name="digid_one_identity_per_user_and_issuer"),
        ]

    def __str__(self):
        return f"{self.user} – DigiD"

    def save(self, *args, **kwargs):
        self.name = self.name or "digid"
        self.subject = self.subject.strip()
        super().save(*args, **kwargs)

    def verify_token(self, token):
        return False
