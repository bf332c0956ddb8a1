"""The client dossier: who the clients are, who may read whose dossier, and what is in it.

Every read goes through the querysets' `visible_to(user)`: a view, download or
search that starts from `Model.objects.all()` on dossier data is a bug.
"""

import calendar
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .relationships import (
    ADULT_AGE,
    CLIENT_MADE_BASES,
    CONSENT_AGE,
    MANAGES_CIRCLE,
    OWN_DECISION_AGE,
    REPRESENTS_IN_CARE,
    RULES,
    WITHOUT_CONSENT,
    AgeNotice,
    BasisKind,
    RelationshipType,
    Scope,
    default_scopes,
    effective_scopes,
    parent_types,
    types_allowing,
    years_before,
)

# Client numbers end up in file names and download headers, so they keep to characters that are safe there.
validate_client_number = RegexValidator(
    r"^[A-Za-z0-9._-]+\Z",
    message=_("Gebruik in het cliëntnummer alleen letters, cijfers, '-', '_' en '.' (geen spaties of leestekens)."),
    code="invalid_client_number",
)


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


MANAGE_ALL_CLIENTS = "dossier.manage_all_clients"


def manages_all_clients(user) -> bool:
    """Superusers and staff with `dossier.manage_all_clients` (the Beheerder role) manage every client and team."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(MANAGE_ALL_CLIENTS)


class TeamQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Teams a staff member manages in the admin: all for those who manage all clients, else their own."""
        if manages_all_clients(user):
            return self.all()
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(members=user)


class Team(models.Model):
    """A care team at a location; care staff see the clients of their own team(s)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    external_source = models.CharField(
        _("bronsysteem"),
        max_length=50,
        blank=True,
        help_text=_("Het bronsysteem dat dit team aanmaakte en bijhoudt; leeg voor een team uit het beheer."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="teams", verbose_name=_("medewerkers")
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ClientQuerySet(models.QuerySet):
    def visible_to(self, user, on: date | None = None, scope: str | None = None):
        """Clients whose dossier `user` may open in the portal today (or on `on`); with `scope`, only those
        whose grant carries that scope on that day (see `dossier.relationships`)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        access = DossierAccess.objects.carrying(scope, on).filter(user=user)
        return self.filter(pk__in=access.values("client_id"))

    def managed_by(self, user):
        """Clients a staff member manages in the admin: all (`manages_all_clients`), else their teams'."""
        if manages_all_clients(user):
            return self.all()
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(team__members=user).distinct()


class Client(models.Model):
    """A client of the care organisation, identified by the care record system's client number."""

    client_number = models.CharField(_("cliëntnummer"), max_length=40, unique=True, validators=[validate_client_number])
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


class ScopesField(models.CharField):
    """A set of `Scope` values, stored as ",reports,plans," so `scope_q` can filter on one of them anywhere."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple | set | frozenset):
            return sorted({str(v) for v in value})
        return sorted({part for part in value.split(",") if part})

    def get_prep_value(self, value):
        scopes = self.to_python(value)
        return f",{','.join(scopes)}," if scopes else ""

    def value_to_string(self, obj):
        return ",".join(self.value_from_object(obj))

    def validate(self, value, model_instance):
        unknown = set(self.to_python(value)) - set(Scope.values)
        if unknown:
            from django.core.exceptions import ValidationError

            raise ValidationError(_("Onbekende toegang: %(scopes)s."), params={"scopes": ", ".join(sorted(unknown))})

    def formfield(self, **kwargs):
        from django import forms

        return forms.TypedMultipleChoiceField(
            choices=Scope.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
            **{key: value for key, value in kwargs.items() if key in ("initial",)},
        )


def scope_q(scope: str) -> Q:
    return Q(scopes__contains=f",{scope},")


class DossierAccessQuerySet(models.QuerySet):
    def valid_on(self, day: date | None = None):
        return self.filter(valid_on_q(day or timezone.localdate()))

    def in_force(self, day: date | None = None):
        """Valid on `day`, less the parents' grants of a client of 16 or older that the client did not confirm."""
        day = day or timezone.localdate()
        sixteen = years_before(day, OWN_DECISION_AGE)
        decides_alone = Q(relationship__in=parent_types(), client__date_of_birth__lte=sixteen)
        return self.valid_on(day).exclude(decides_alone & Q(confirmed_by_client_on__isnull=True))

    def carrying(self, scope: str | None, day: date | None = None):
        """Grants in force on `day` that give `scope` (None: any grant in force), by the rules of
        `dossier.relationships`: the grant's scopes, its type's limits and the age rules."""
        day = day or timezone.localdate()
        grants = self.in_force(day)
        if scope is None:
            return grants
        grants = grants.filter(scope_q(scope), relationship__in=types_allowing(scope))
        if scope not in WITHOUT_CONSENT:
            between = Q(
                relationship__in=parent_types(),
                client__date_of_birth__lte=years_before(day, CONSENT_AGE),
                client__date_of_birth__gt=years_before(day, OWN_DECISION_AGE),
                client_consent_on__isnull=True,
            )
            grants = grants.exclude(between)
        return grants

    def managing_circle(self, day: date | None = None):
        """Grants in force on `day` whose holder manages the client's circle (see `dossier.relationships`):
        the adult client's own, unless a curator or mentor is in force, and that curator's or mentor's."""
        day = day or timezone.localdate()
        represented = DossierAccess.objects.in_force(day).filter(
            client=models.OuterRef("client"), relationship__in=REPRESENTS_IN_CARE
        )
        grants = self.in_force(day).filter(
            relationship__in=MANAGES_CIRCLE, client__date_of_birth__lte=years_before(day, ADULT_AGE)
        )
        return grants.exclude(Q(relationship=RelationshipType.SELF) & models.Exists(represented))

    def signers(self, day: date | None = None):
        """Grants in force on `day` whose holder may sign for the client (the signing scope)."""
        return self.carrying(Scope.SIGNING, day)


class DossierAccess(models.Model):
    """Grants one portal account access to one client's dossier for a period, as one relationship type
    with the scopes staff gave it (never more than the type allows, see `dossier.relationships`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossier_accesses", verbose_name=_("account")
    )
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("cliënt"))
    relationship = models.CharField(_("relatie tot de cliënt"), max_length=30, choices=RelationshipType.choices)
    scopes = ScopesField(
        _("toegang tot"),
        help_text=_("Leeg bij een nieuwe toegang: wat de relatie standaard geeft. Nooit meer dan de relatie toestaat."),
    )
    basis_kind = models.CharField(_("grondslag"), max_length=30, choices=BasisKind.choices, blank=True)
    basis_reference = models.CharField(
        _("kenmerk grondslag"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld het zaaknummer van de beschikking of de datum van de machtiging."),
    )
    basis_date = models.DateField(_("datum grondslag"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_dossier_accesses",
        verbose_name=_("vastgelegd door"),
    )
    client_consent_on = models.DateField(
        _("toestemming cliënt (12-16 jaar) op"),
        null=True,
        blank=True,
        help_text=_("Voor een ouder of voogd van een cliënt van 12 tot 16 jaar: pas dan ziet die de dossierinhoud."),
    )
    confirmed_by_client_on = models.DateField(
        _("bevestigd door cliënt (16+) op"),
        null=True,
        blank=True,
        help_text=_("Vanaf 16 jaar beslist de cliënt: zonder bevestiging eindigt de toegang van ouders en voogd."),
    )
    age_notice = models.CharField(
        _("laatste leeftijdsmelding"), max_length=20, choices=AgeNotice.choices, blank=True, editable=False
    )
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
        return f"{self.user} → {self.client} ({self.get_relationship_display()})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.relationship in RULES:
            beyond = set(self.scopes) - RULES[self.relationship].allowed
            if beyond:
                labels = ", ".join(str(Scope(scope).label) for scope in sorted(beyond))
                raise ValidationError(
                    {
                        "scopes": _("Een %(type)s mag dit niet krijgen: %(scopes)s.")
                        % {"type": self.get_relationship_display(), "scopes": labels}
                    }
                )

    def save(self, *args, **kwargs):
        """A new grant without scopes gets its type's defaults; scopes beyond the type are never stored.
        A grant a client makes by their own leave ends after `DOSSIER_ACCESS_CLIENT_GRANT_MONTHS`."""
        if self._state.adding and not self.scopes:
            self.scopes = default_scopes(self.relationship)
        self.scopes = sorted(set(self.scopes) & RULES[self.relationship].allowed)
        if self._state.adding and self.valid_until is None and self.basis_kind in CLIENT_MADE_BASES:
            self.valid_until = self.client_grant_end(self.valid_from)
        super().save(*args, **kwargs)

    @staticmethod
    def client_grant_end(start: date) -> date:
        months = settings.DOSSIER_ACCESS_CLIENT_GRANT_MONTHS
        index = start.month - 1 + months
        year, month = start.year + index // 12, index % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1])) - timedelta(days=1)

    def scopes_on(self, day: date | None = None) -> frozenset:
        return effective_scopes(self, day or timezone.localdate())

    @property
    def scope_labels(self) -> list[str]:
        return [str(Scope(scope).label) for scope in Scope.values if scope in self.scopes_on()]


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
    scope: str | None = None

    def visible_to(self, user, client: Client | None = None, scope: str | None = None):
        """Records of the clients whose grant gives `user` this kind's scope today, optionally one client.

        Each record queryset declares its `scope`; records withdrawn at the source are never shown.
        """
        clients = Client.objects.visible_to(user, scope=scope or self.scope)
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
    scope = Scope.REPORTS
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


# The statuses that belong to signing in the portal (the care record system does not set them).
SIGNING_STATUSES = (PlanStatus.AWAITING_SIGNATURE, PlanStatus.SIGNED, PlanStatus.DECLINED)


class ClientPlanQuerySet(PeriodQuerySetMixin, DossierRecordQuerySet):
    scope = Scope.PLANS
    period_field = "period_start"
    period_end_field = "period_end"

    def visible_to(self, user, client: Client | None = None, scope: str | None = None):
        """Clients see plans once they are final; drafts stay with the care team."""
        return super().visible_to(user, client, scope).exclude(status=PlanStatus.DRAFT)

    def latest_signed(self) -> "ClientPlan | None":
        return self.filter(status=PlanStatus.SIGNED).order_by("-signed_at", "-version").first()


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

    @property
    def is_frozen(self) -> bool:
        """Signed once, frozen for good: a signed version is evidence of what was agreed, also after it is
        withdrawn. Nobody changes or deletes it (admin, import, model guard); a change is a new version."""
        return self.status == PlanStatus.SIGNED or self.signed_at is not None or hasattr(self, "signature")

    @property
    def is_in_signing(self) -> bool:
        """The plan's status is signing's (waiting for, given or refused a signature), not the source's."""
        return self.status in SIGNING_STATUSES


class EvaluationQuerySet(PeriodQuerySetMixin, DossierRecordQuerySet):
    scope = Scope.EVALUATIONS
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
    scope = Scope.AGREEMENTS
    period_field = "period_start"
    period_end_field = "period_end"

    def latest_signed(self) -> "CareAgreement | None":
        return self.filter(signed_on__isnull=False).order_by("-signed_on", "-pk").first()


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
    scope = Scope.APPOINTMENTS
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
    DELETE = "delete", _("verwijderen")
    PURGE = "purge", _("bewaartermijn verlopen, verwijderd")


class AccessOutcome(models.TextChoices):
    ALLOWED = "allowed", _("toegestaan")
    DENIED = "denied", _("geweigerd")


class OutcomeCode(models.TextChoices):
    """Why an entry has its outcome, as a stable code for reports and audits."""

    OK = "ok", _("toegestaan")
    NO_ACCESS = "no_access", _("geen geldige toegang")
    NOT_IN_DOSSIER = "not_in_dossier", _("hoort niet bij het geopende dossier of bestaat niet")
    NOT_A_SIGNER = "not_a_signer", _("geen ondertekenaar")
    DELETE_REFUSED = "delete_refused", _("verwijderen geweigerd: er hangen gegevens aan")


class AccessPurpose(models.TextChoices):
    """NEN 7513 'purpose of use': why the data was used."""

    CARE = "care", _("zorgverlening")
    OWN_ACCESS = "own_access", _("inzage in eigen dossier")
    REPRESENTATION = "representation", _("vertegenwoordiging of verwant")
    AUDIT = "audit", _("controle en verantwoording")
    ADMINISTRATION = "administration", _("beheer")
    IMPORT = "import", _("gegevensuitwisseling met het bronsysteem")
    UNKNOWN = "unknown", _("zonder toegang")


class ObjectType(models.TextChoices):
    """The kind of data an entry is about: stable machine keys, translated only when shown.

    A plural key is a list or section, a singular key one record. The portal, the
    admin, the import and signing all log with these keys.
    """

    DASHBOARD = "dashboard", _("startpagina")
    CLIENT = "client", _("dossier")
    PHOTO = "photo", _("foto")
    PROFILE = "profile", _("profiel en toegangslog")
    REPORTS = "reports", _("rapportages")
    REPORT = "report", _("rapportage")
    CLIENT_PLANS = "client_plans", _("cliëntplannen")
    CLIENT_PLAN = "client_plan", _("cliëntplan")
    EVALUATIONS = "evaluations", _("evaluaties")
    EVALUATION = "evaluation", _("evaluatie")
    CARE_AGREEMENTS = "care_agreements", _("zorgovereenkomsten")
    CARE_AGREEMENT = "care_agreement", _("zorgovereenkomst")
    APPOINTMENTS = "appointments", _("afspraken")
    APPOINTMENT = "appointment", _("afspraak")
    DOSSIER_ACCESS = "dossier_access", _("dossiertoegang")
    CARE_TEAM_MEMBERSHIP = "care_team_membership", _("lid zorgteam")
    PORTAL_ACCOUNT = "portal_account", _("portaalaccount")
    SECOND_FACTOR = "second_factor", _("tweede factor")
    APPLICATION = "application", _("aanmelding")
    SIGNATURE_REQUEST = "signature_request", _("ondertekenverzoek")
    DOSSIER_IMPORT = "dossier_import", _("dossierimport")
    ACCESS_LOG = "access_log", _("toegangslog")
    ADMIN_LIST = "admin_list", _("lijst of zoekresultaat in de beheeromgeving")
    AFSCHRIFT = "afschrift", _("afschrift van het dossier")
    CONVERSATIONS = "conversations", _("berichten")
    CONVERSATION = "conversation", _("gesprek")
    MESSAGE_ATTACHMENT = "message_attachment", _("bijlage bij bericht")
    OTHER = "other", _("overig")

    @classmethod
    def for_model(cls, model) -> "ObjectType":
        """The key of one record of `model` (the admin logs instance views with it)."""
        return MODEL_OBJECT_TYPES[model._meta.label_lower]


MODEL_OBJECT_TYPES = {
    "dossier.client": ObjectType.CLIENT,
    "dossier.report": ObjectType.REPORT,
    "dossier.clientplan": ObjectType.CLIENT_PLAN,
    "dossier.evaluation": ObjectType.EVALUATION,
    "dossier.careagreement": ObjectType.CARE_AGREEMENT,
    "dossier.appointment": ObjectType.APPOINTMENT,
    "dossier.dossieraccess": ObjectType.DOSSIER_ACCESS,
    "dossier.careteammembership": ObjectType.CARE_TEAM_MEMBERSHIP,
    "dossier.accesslogentry": ObjectType.ACCESS_LOG,
    "accounts.user": ObjectType.PORTAL_ACCOUNT,
    "backoffice.portalaccount": ObjectType.PORTAL_ACCOUNT,
    "home.applicationsubmission": ObjectType.APPLICATION,
    "signing.signaturerequest": ObjectType.SIGNATURE_REQUEST,
}

GENESIS_HASH = "0" * 64


class AccessLogQuerySet(PeriodQuerySetMixin, models.QuerySet):
    period_field = "occurred_at"
    period_is_datetime = True

    def update(self, **kwargs):
        raise PermissionDenied("The access log is append-only.")

    def delete(self):
        raise PermissionDenied("The access log is append-only.")

    def bulk_create(self, objs, *args, **kwargs):
        """On PostgreSQL the insert trigger chains every row; elsewhere each row is chained as it is saved."""
        from django.db import connections

        if connections[self.db].vendor == "postgresql":
            return super().bulk_create(objs, *args, **kwargs)
        for obj in objs:
            obj.save(using=self.db)
        return objs

    def for_client(self, client):
        return self.filter(client_id=client.pk)

    def in_chain_order(self):
        return self.order_by("chain_index")


class AccessLogEntry(models.Model):
    """One NEN 7513 log line: who did what with which client's data, when, from where, why, and the outcome.

    Append-only, and not only in the application: on PostgreSQL triggers refuse
    every UPDATE, and every DELETE except the retention purge of entries older
    than the legal floor (see `dossier.log_integrity`); on SQLite a trigger
    refuses every UPDATE of a chained entry. Each entry carries a hash over its
    content and the previous entry's hash (`manage.py verify_access_log`).

    Client and user are kept as plain ids beside their copied identity: the
    relation has no database constraint and deleting a client or user does
    nothing to the log (no cascade, no SET_NULL). Read `client_number` and
    `user_display`, never `entry.client`, which may no longer exist.
    """

    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    action = models.CharField(_("actie"), max_length=20, choices=AccessAction.choices)
    outcome = models.CharField(
        _("uitkomst"), max_length=10, choices=AccessOutcome.choices, default=AccessOutcome.ALLOWED
    )
    outcome_code = models.CharField(
        _("uitkomstcode"), max_length=20, choices=OutcomeCode.choices, default=OutcomeCode.OK
    )
    client = models.ForeignKey(
        Client,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cliënt"),
    )
    client_number = models.CharField(_("cliëntnummer"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    user_display = models.CharField(_("naam gebruiker"), max_length=200, blank=True)
    user_is_staff = models.BooleanField(_("medewerker"), default=False)
    user_role = models.CharField(_("rol"), max_length=120, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=200, blank=True)
    purpose = models.CharField(
        _("doel van gebruik"), max_length=20, choices=AccessPurpose.choices, default=AccessPurpose.UNKNOWN
    )
    authorisation_basis = models.CharField(
        _("grondslag"),
        max_length=200,
        blank=True,
        help_text=_("De dossiertoegang of rol die het toestond, of waarom het geweigerd werd"),
    )
    source_system = models.CharField(_("bronsysteem of applicatie"), max_length=100, blank=True)
    object_type = models.CharField(_("gegevens"), max_length=60, choices=ObjectType.choices)
    object_id = models.CharField(_("kenmerk"), max_length=60, blank=True)
    period_start = models.DateField(_("gegevens vanaf"), null=True, blank=True)
    period_end = models.DateField(_("gegevens tot en met"), null=True, blank=True)
    detail = models.CharField(_("toelichting"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("netwerkadres"), null=True, blank=True)
    chain_index = models.BigIntegerField(
        _("volgnummer in de keten"), null=True, unique=True, db_default=None, editable=False
    )
    prev_hash = models.CharField(_("hash vorige regel"), max_length=64, db_default="", editable=False)
    entry_hash = models.CharField(_("hash"), max_length=64, db_default="", editable=False)

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
        label = str(ObjectType(self.object_type).label) if self.object_type in ObjectType.values else self.object_type
        return f"{label} {self.object_id}" if self.object_id else label

    def plain_dutch(self, viewer=None) -> str:
        """This entry as one sentence at B1 level for the client's own log (see `dossier.log_sentences`)."""
        from .log_sentences import sentence

        return sentence(self, viewer)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("The access log is append-only.")
        from .log_integrity import insert_chained

        insert_chained(self, super().save, *args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The access log is append-only.")
