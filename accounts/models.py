from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


def mask_phone_number(number) -> str:
    """A phone number as shown on screen: only its last two digits, enough for a person to recognise it."""
    number = str(number)
    return f"{'•' * max(len(number) - 2, 0)}{number[-2:]}"


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

    def sms_number(self) -> str | None:
        """Where every SMS to this person goes: the confirmed SMS device, else the mobile number on the account.

        The device is the number the person last proved by entering a code sent to it (profile, admin reset).
        """
        from two_factor.plugins.phonenumber.models import PhoneDevice

        device = PhoneDevice.objects.filter(user=self, method="sms", confirmed=True).order_by("-name").first()
        number = device.number if device is not None else self.mobile_number
        return str(number) if number else None

    @property
    def masked_mobile_number(self) -> str:
        return mask_phone_number(self.mobile_number) if self.mobile_number else ""

    @property
    def one_time_password_expired(self) -> bool:
        return (
            self.password_change_required
            and self.one_time_password_expires_at is not None
            and self.one_time_password_expires_at < timezone.now()
        )


def open_challenge_q():
    """An SMS challenge can still be answered: not used, not void, not expired, tries left."""
    return models.Q(
        used_at__isnull=True,
        voided_at__isnull=True,
        expires_at__gt=timezone.now(),
        attempts__lt=settings.SMS_CODE_MAX_ATTEMPTS,
    )


class SmsChallengeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(open_challenge_q())

    def open_for(self, user, purpose, attempt=""):
        """The newest challenge of this user, purpose and attempt that can still be answered."""
        return self.open().filter(user=user, purpose=purpose, attempt=attempt).order_by("-created_at").first()

    def with_open_flag(self):
        """Each challenge with `still_open`, the same rule as `open()`, for a check that must say why not."""
        return self.annotate(
            still_open=models.ExpressionWrapper(open_challenge_q(), output_field=models.BooleanField())
        )


class SmsChallenge(models.Model):
    """One SMS code sent for one purpose (login, confirming a change, signing a plan).

    Only a keyed hash of the code is stored. A challenge is answered at most
    once (`used_at`), and is void after too many wrong tries or when a newer
    one is requested (`voided_at`). A login code belongs to one login attempt
    (`attempt`, a keyed hash of a secret kept in that attempt's session), so a
    second browser can neither see its prefix nor use its code.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sms_challenges")
    purpose = models.CharField(_("doel"), max_length=50)
    prefix = models.CharField(_("voorvoegsel"), max_length=4)
    attempt = models.CharField(_("inlogpoging"), max_length=64, blank=True, default="")
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    voided_at = models.DateTimeField(_("vervallen op"), null=True, blank=True)

    objects = SmsChallengeQuerySet.as_manager()

    class Meta:
        verbose_name = _("SMS-code")
        verbose_name_plural = _("SMS-codes")
        indexes = [models.Index(fields=["user", "purpose", "created_at"])]

    def __str__(self):
        return f"{self.user} – {self.purpose} ({self.prefix})"


class LoginCodeBlock(models.Model):
    """Too many wrong login codes for one account within a day: the SMS step is closed for a while.

    Ends by itself after SMS_LOGIN_BLOCK_HOURS or when staff lift it on the
    lockout screen (`lifted_at`, `lifted_by`).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_code_blocks")
    blocked_at = models.DateTimeField(_("geblokkeerd op"), default=timezone.now)
    failures = models.PositiveIntegerField(_("verkeerde codes"))
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("blokkade inlogcode")
        verbose_name_plural = _("blokkades inlogcode")
        ordering = ["-blocked_at"]

    def __str__(self):
        return f"{self.user} – {self.blocked_at:%d-%m-%Y %H:%M}"


class SmsOutboxMessage(models.Model):
    """An SMS as the development gateway 'sent' it; read with `manage.py sms_outbox`."""

    number = models.CharField(_("nummer"), max_length=32)
    text = models.TextField(_("tekst"))
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("SMS in outbox")
        verbose_name_plural = _("SMS-outbox")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.number}: {self.text}"


class UserSession(models.Model):
    """A logged-in session of a user, so the profile can list and end them.

    The session key is a bearer secret and is not stored here: the session
    holds this row's id instead, and a session whose row is gone is logged
    out on its next request (see `accounts.sessions`).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_sessions")
    created_at = models.DateTimeField(_("ingelogd op"), default=timezone.now)
    last_seen = models.DateTimeField(_("laatst actief"), default=timezone.now)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.user} – {self.created_at:%d-%m-%Y %H:%M}"
