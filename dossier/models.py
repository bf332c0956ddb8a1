"""The client dossier: who the clients are, who may read whose dossier, and what is in it.

Every read goes through the querysets' `visible_to(user)`: a view, download or
search that starts from `Model.objects.all()` on dossier data is a bug.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def valid_on_q(day: date, prefix: str = "") -> Q:
    """Q for rows whose valid_from/valid_until window contains `day`."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day})
    )


def day_range_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """Aware datetimes from local midnight of `start` to local midnight after `end` (half-open)."""
    tz = timezone.get_current_timezone()
    lower = datetime.combine(start, time.min, tzinfo=tz) if start else None
    upper = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz) if end else None
    return lower, upper


class PeriodQuerySetMixin:
    """`in_period(start, end)` for records with one date(time) field or a from/until period.

    Dates are inclusive; None means open-ended. A record with a period matches
    when its period overlaps the requested one. Datetime fields are compared
    with half-open bounds so an index on the field can be used.
    """

    period_field: str
    period_end_field: str | None = None
    period_is_datetime = False

    def in_period(self, start: date | None, end: date | None):
        qs = self
        if self.period_is_datetime:
            lower, upper = day_range_bounds(start, end)
            if lower:
                qs = qs.filter(**{f"{self.period_field}__gte": lower})
            if upper:
                qs = qs.filter(**{f"{self.period_field}__lt": upper})
            return qs
        if end:
            qs = qs.filter(**{f"{self.period_field}__lte": end})
        if start:
            field = self.period_end_field or self.period_field
            q = Q(**{f"{field}__gte": start})
            if self.period_end_field:
                q |= Q(**{f"{field}__isnull": True})
            qs = qs.filter(q)
        return qs


class Team(models.Model):
    """A care team at a location; care staff see the clients of their own team(s)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="teams", verbose_name=_("medewerkers")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ClientQuerySet(models.QuerySet):
    def visible_to(self, user, on: date | None = None):
        """Clients whose dossier `user` may read in the portal today (or on `on`)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        day = on or timezone.localdate()
        access = DossierAccess.objects.filter(valid_on_q(day), user=user)
        return self.filter(pk__in=access.values("client_id"))

    def managed_by(self, user):
        """Clients a staff member manages in the admin: all for superusers, else their teams'."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser or user.has_perm("dossier.manage_all_clients"):
            return self.all()
        return self.filter(team__members=user).distinct()


class Client(models.Model):
    """A client of the care organisation, identified by the care record system's client number."""

    client_number = models.CharField(_("cliëntnummer"), max_length=40, unique=True)
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    date_of_birth = models.DateField(_("geboortedatum"))
    photo = models.ImageField(_("foto"), storage=private_storage, upload_to="client-photos/", blank=True)
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="clients", verbose_name=_("team"))
    personal_counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselled_clients",
        verbose_name=_("persoonlijk begeleider"),
    )
    external_source = models.CharField(_("bronsysteem"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        ordering = ["last_name", "first_name"]
        permissions = [("manage_all_clients", "Can manage the dossiers of all clients")]

    def __str__(self):
        return f"{self.full_name} ({self.client_number})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def initials(self) -> str:
        """First letter of the first name and of the last word of the surname: "Anna van Dam" is "AD"."""
        last = self.last_name.split()[-1] if self.last_name.strip() else ""
        return f"{self.first_name[:1]}{last[:1]}".upper()

    @cached_property
    def has_photo_file(self) -> bool:
        """Whether the photo can be shown: set, and its file still in storage (a stat, no query)."""
        return bool(self.photo) and self.photo.storage.exists(self.photo.name)


class AccessRole(models.TextChoices):
    CLIENT = "client", _("cliënt")
    LEGAL_REPRESENTATIVE = "legal_representative", _("wettelijk vertegenwoordiger")
    RELATIVE = "relative", _("verwant")


class DossierAccessQuerySet(models.QuerySet):
    def valid_on(self, day: date | None = None):
        return self.filter(valid_on_q(day or timezone.localdate()))


class DossierAccess(models.Model):
    """Grants one portal account read access to one client's dossier for a period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossier_accesses", verbose_name=_("account")
    )
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("cliënt"))
    role = models.CharField(_("rol"), max_length=30, choices=AccessRole.choices)
    valid_from = models.DateField(_("geldig vanaf"), default=timezone.localdate)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DossierAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossiertoegang")
        verbose_name_plural = _("dossiertoegang")
        ordering = ["client", "user"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="dossier_access_period_valid",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.client} ({self.get_role_display()})"


class CareTeamMembership(models.Model):
    """A staff member in a client's care team, shown under "who has access today"."""

    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="care_team_memberships",
        verbose_name=_("medewerker"),
    )
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="care_team_memberships", verbose_name=_("cliënt")
    )
    role = models.CharField(_("rol"), max_length=100, help_text=_("Bijvoorbeeld: persoonlijk begeleider"))
    valid_from = models.DateField(_("geldig vanaf"), default=timezone.localdate)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    external_id = models.CharField(_("extern kenmerk"), max_length=100, blank=True)

    objects = DossierAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("lid zorgteam")
        verbose_name_plural = _("zorgteam")
        ordering = ["client", "role"]

    def __str__(self):
        return f"{self.staff_member} – {self.role} ({self.client})"


class DossierRecordQuerySet(models.QuerySet):
    def visible_to(self, user, client: Client | None = None):
        """Records of the clients `user` may read today, optionally narrowed to one client.

        Records withdrawn at the source are never shown.
        """
        clients = Client.objects.visible_to(user)
        if client is not None:
            clients = clients.filter(pk=client.pk)
        return self.filter(client__in=clients, withdrawn_at__isnull=True)

    def managed_by(self, user):
        return self.filter(client__in=Client.objects.managed_by(user))


class DossierRecord(models.Model):
    """Shared fields of everything in a dossier: the client and the care record system's identity."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+", verbose_name=_("cliënt"))
    external_source = models.CharField(_("bronsysteem"), max_length=50, blank=True)
    external_id = models.CharField(_("extern kenmerk"), max_length=100, blank=True)
    withdrawn_at = models.DateTimeField(
        _("ingetrokken op"), null=True, blank=True, help_text=_("Gezet als de bron het record heeft ingetrokken.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DossierRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def external_identity_constraint(cls, name):
        return models.UniqueConstraint(
            fields=["external_source", "external_id"],
            condition=~Q(external_id=""),
            name=name,
        )


class ReportQuerySet(PeriodQuerySetMixin, DossierRecordQuerySet):
    period_field = "written_at"
    period_is_datetime = True


class Report(DossierRecord):
    """A daily report (rapportage) written by a care worker."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="reports", verbose_name=_("cliënt"))
    written_at = models.DateTimeField(_("datum en tijd"))
    department = models.CharField(_("afdeling"), max_length=120)
    author_name = models.CharField(_("auteur"), max_length=150)
    treatment_goal = models.CharField(_("behandeldoel"), max_length=255, blank=True)
    text = models.TextField(_("tekst"))

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapportage")
        verbose_name_plural = _("rapportages")
        ordering = ["-written_at", "-pk"]
        indexes = [models.Index(fields=["client", "-written_at"])]
        constraints = [DossierRecord.external_identity_constraint("report_unique_external_id")]

    def __str__(self):
        return f"{self.written_at:%d-%m-%Y %H:%M} – {self.department}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    FINAL = "final", _("vastgesteld")
    AWAITING_SIGNATURE = "awaiting_signature", _("ter ondertekening")
    SIGNED = "signed", _("ondertekend")
    DECLINED = "declined", _("niet akkoord")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class ClientPlanQuerySet(PeriodQuerySetMixin, DossierRecordQuerySet):
    period_field = "period_start"
    period_end_field = "period_end"

    def visible_to(self, user, client: Client | None = None):
        """Clients see plans once they are final; drafts stay with the care team."""
        return super().visible_to(user, client).exclude(status=PlanStatus.DRAFT)


class ClientPlan(DossierRecord):
    """A version of a client plan (cliëntplan). Signed versions never change (see `signing`)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="plans", verbose_name=_("cliënt"))
    title = models.CharField(_("titel"), max_length=200, default="Cliëntplan")
    version = models.PositiveIntegerField(_("versie"), default=1)
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"), null=True, blank=True)
    content = models.TextField(_("inhoud"))
    status = models.CharField(_("status"), max_length=30, choices=PlanStatus.choices, default=PlanStatus.FINAL)
    signed_at = models.DateTimeField(_("ondertekend op"), null=True, blank=True)

    objects = ClientPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("cliëntplan")
        verbose_name_plural = _("cliëntplannen")
        ordering = ["-period_start", "-version"]
        constraints = [
            DossierRecord.external_identity_constraint("plan_unique_external_id"),
            models.UniqueConstraint(fields=["client", "external_id", "version"], name="plan_unique_version"),
        ]

    def __str__(self):
        return f"{self.title} v{self.version} ({self.period_start:%d-%m-%Y})"


class EvaluationQuerySet(PeriodQuerySetMixin, DossierRecordQuerySet):
    period_field = "evaluated_on"


class Evaluation(DossierRecord):
    """An evaluation report of a client plan."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("cliënt"))
    evaluated_on = models.DateField(_("datum"))
    plan = models.ForeignKey(
        ClientPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("cliëntplan"),
    )
    title = models.CharField(_("titel"), max_length=200, default="Evaluatie cliëntplan")
    content = models.TextField(_("inhoud"))

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["-evaluated_on", "-pk"]
        constraints = [DossierRecord.external_identity_constraint("evaluation_unique_external_id")]

    def __str__(self):
        return f"{self.title} ({self.evaluated_on:%d-%m-%Y})"


class CareAgreementQuerySet(PeriodQuerySetMixin, DossierRecordQuerySet):
    period_field = "period_start"
    period_end_field = "period_end"


class CareAgreement(DossierRecord):
    """A care agreement (zorgovereenkomst): which care product for which period."""

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="care_agreements", verbose_name=_("cliënt")
    )
    product = models.CharField(_("product"), max_length=200)
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"), null=True, blank=True)
    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True)
    content = models.TextField(_("toelichting"), blank=True)

    objects = CareAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("zorgovereenkomst")
        verbose_name_plural = _("zorgovereenkomsten")
        ordering = ["-period_start", "-pk"]
        constraints = [DossierRecord.external_identity_constraint("agreement_unique_external_id")]

    def __str__(self):
        return f"{self.product} ({self.period_start:%d-%m-%Y})"


class AppointmentQuerySet(PeriodQuerySetMixin, DossierRecordQuerySet):
    period_field = "starts_at"
    period_is_datetime = True


class Appointment(DossierRecord):
    """An appointment in the client's team agenda."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("cliënt"))
    starts_at = models.DateTimeField(_("begin"))
    ends_at = models.DateTimeField(_("einde"))
    title = models.CharField(_("omschrijving"), max_length=200)
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    with_whom = models.CharField(_("met wie"), max_length=200, blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["client", "starts_at"])]
        constraints = [
            DossierRecord.external_identity_constraint("appointment_unique_external_id"),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="appointment_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.starts_at:%d-%m-%Y %H:%M} {self.title}"


class AccessAction(models.TextChoices):
    READ = "read", _("inzien")
    DOWNLOAD = "download", _("downloaden/afdrukken")
    SEARCH = "search", _("zoeken")
    SIGN = "sign", _("ondertekenen")
    DECLINE = "decline", _("niet akkoord")
    EXPORT = "export", _("exporteren")
    CHANGE = "change", _("wijzigen")


class AccessOutcome(models.TextChoices):
    ALLOWED = "allowed", _("toegestaan")
    DENIED = "denied", _("geweigerd")


OBJECT_TYPE_LABELS = {
    "dashboard": _("startpagina"),
    "reports": _("rapportages"),
    "client_plans": _("cliëntplannen"),
    "client_plan": _("cliëntplan"),
    "evaluations": _("evaluaties"),
    "evaluation": _("evaluatie"),
    "care_agreements": _("zorgovereenkomsten"),
    "care_agreement": _("zorgovereenkomst"),
    "appointments": _("afspraken"),
    "profile": _("profiel en toegangslog"),
    "client": _("dossier"),
}


class AccessLogQuerySet(PeriodQuerySetMixin, models.QuerySet):
    period_field = "occurred_at"
    period_is_datetime = True

    def update(self, **kwargs):
        raise PermissionDenied("The access log is append-only.")

    def delete(self):
        raise PermissionDenied("The access log is append-only.")

    def for_client(self, client):
        return self.filter(client=client)


class AccessLogEntry(models.Model):
    """One NEN 7513 log line: who did what with which client's data, when, from where, and the outcome.

    Append-only: saving an existing entry or deleting one raises. Names are
    copied in, so the log stays readable when accounts or clients are removed.
    Retention is handled by a management command that bypasses the guard on
    purpose (`purge_access_log`).
    """

    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    action = models.CharField(_("actie"), max_length=20, choices=AccessAction.choices)
    outcome = models.CharField(
        _("uitkomst"), max_length=10, choices=AccessOutcome.choices, default=AccessOutcome.ALLOWED
    )
    client = models.ForeignKey(
        Client, on_delete=models.SET_NULL, null=True, blank=True, related_name="access_log", verbose_name=_("cliënt")
    )
    client_number = models.CharField(_("cliëntnummer"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    user_display = models.CharField(_("naam gebruiker"), max_length=200, blank=True)
    user_role = models.CharField(_("rol"), max_length=60, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=200, blank=True)
    object_type = models.CharField(_("gegevens"), max_length=60, help_text=_("Onderdeel of soort gegevens"))
    object_id = models.CharField(_("kenmerk"), max_length=60, blank=True)
    detail = models.CharField(_("toelichting"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("netwerkadres"), null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    # Log lines reference no pages or images; skip Wagtail's reference index on every write.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["client", "-occurred_at"])]

    def __str__(self):
        return f"{self.occurred_at:%d-%m-%Y %H:%M} {self.user_display} {self.get_action_display()} {self.object_type}"

    @property
    def object_label(self) -> str:
        """The object type in words, for the client's own log ("rapportages", "cliëntplan 12")."""
        label = str(OBJECT_TYPE_LABELS.get(self.object_type, self.object_type))
        return f"{label} {self.object_id}" if self.object_id else label

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The access log is append-only.")
