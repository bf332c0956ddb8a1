from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class User(AbstractUser):
    """A person who can log in: a client, a (legal) representative, a relative or staff.

    Whose dossier a portal account may read is not stored here but in
    `dossier.DossierAccess`; staff roles are Django groups.
    """

    email = models.EmailField(_("e-mailadres"), blank=True)
    mobile_number = PhoneNumberField(
        _("mobiel nummer"),
        blank=True,
        help_text=_("Voor de SMS-inlogcode, bijvoorbeeld 06 12345678 of +31 6 12345678."),
    )
    password_change_required = models.BooleanField(
        _("wachtwoord moet worden gewijzigd"),
        default=False,
        help_text=_("Aan bij een eenmalig wachtwoord: na de SMS-code eerst een eigen wachtwoord kiezen."),
    )
    one_time_password_expires_at = models.DateTimeField(_("eenmalig wachtwoord verloopt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def one_time_password_expired(self) -> bool:
        return (
            self.password_change_required
            and self.one_time_password_expires_at is not None
            and self.one_time_password_expires_at < timezone.now()
        )


class TermsAcceptance(models.Model):
    """Proof that a user accepted one exact published revision of the terms of use."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_acceptances")
    terms_page = models.ForeignKey("home.TermsPage", on_delete=models.PROTECT, related_name="acceptances")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    version = models.CharField(_("versie"), max_length=50)
    accepted_at = models.DateTimeField(_("geaccepteerd op"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("acceptatie gebruikersvoorwaarden")
        verbose_name_plural = _("acceptaties gebruikersvoorwaarden")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "revision"], name="unique_acceptance_per_revision"),
        ]

    def __str__(self):
        return f"{self.user} – {self.version} ({self.accepted_at:%d-%m-%Y})"
