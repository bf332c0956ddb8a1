"""What goes into an afschrift: the whole dossier of one client as one user may read it.

Every record is read through the domain's scoped querysets (`visible_to`), with
the requesting user, at the moment the afschrift is made: access that ended
between request and production gives an empty dossier, never someone else's.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from conversations.models import Conversation
from dossier.models import (
    AccessAction,
    AccessLogEntry,
    Appointment,
    CareAgreement,
    CareTeamMembership,
    Client,
    ClientPlan,
    Evaluation,
    Report,
)

LOG_FIELDS = (
    "occurred_at",
    "action",
    "outcome",
    "user_display",
    "user_role",
    "on_behalf_of",
    "object_type",
    "object_id",
    "detail",
    "ip_address",
)


@dataclass(frozen=True, slots=True)
class LogLine:
    """One access-log entry with its words already looked up, as the PDF and the FHIR bundle show it.

    Django's `get_FOO_display` rebuilds and translates the whole choice list on
    every call; for ten thousand lines, twice, that cost more than laying them
    out. Each distinct action, outcome and object is translated once instead
    (`_LogLabels`), through the model's own methods.
    """

    pk: int
    occurred_at: datetime
    action: str
    action_label: str
    outcome: str
    outcome_label: str
    user_display: str
    user_role: str
    on_behalf_of: str
    object_label: str
    detail: str
    ip_address: str | None


class _LogLabels:
    def __init__(self):
        self.actions, self.outcomes, self.objects = {}, {}, {}

    def line(self, entry: AccessLogEntry) -> LogLine:
        if entry.action not in self.actions:
            self.actions[entry.action] = entry.get_action_display()
        if entry.outcome not in self.outcomes:
            self.outcomes[entry.outcome] = entry.get_outcome_display()
        key = (entry.object_type, entry.object_id)
        if key not in self.objects:
            self.objects[key] = entry.object_label
        return LogLine(
            pk=entry.pk,
            occurred_at=timezone.localtime(entry.occurred_at),
            action=entry.action,
            action_label=self.actions[entry.action],
            outcome=entry.outcome,
            outcome_label=self.outcomes[entry.outcome],
            user_display=entry.user_display,
            user_role=entry.user_role,
            on_behalf_of=entry.on_behalf_of,
            object_label=self.objects[key],
            detail=entry.detail,
            ip_address=entry.ip_address,
        )


@dataclass
class Dossier:
    client: Client
    organisation: str
    generated_at: datetime
    care_team: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    plans: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    appointments: list = field(default_factory=list)
    conversations: list = field(default_factory=list)
    access_log: list[LogLine] = field(default_factory=list)

    @property
    def changes(self) -> list:
        """Who supplied or changed information (imports from the care record system, staff edits)."""
        return [entry for entry in self.access_log if entry.action == AccessAction.CHANGE]

    @property
    def messages(self) -> list:
        """Every copied message, conversation by conversation, oldest first."""
        return [message for conversation in self.conversations for message in conversation.copied_messages]

    @property
    def sources(self) -> list[tuple[str, int, datetime | None, datetime | None]]:
        """Per source (care record system, or entered in MijnDossier): count, first supplied, last changed."""
        summary = {}
        for record in [*self.reports, *self.plans, *self.evaluations, *self.agreements, *self.appointments]:
            name = record.external_source or ""
            count, first, last = summary.get(name, (0, None, None))
            first = record.created_at if first is None or record.created_at < first else first
            last = record.updated_at if last is None or record.updated_at > last else last
            summary[name] = (count + 1, first, last)
        return [(name, *values) for name, values in sorted(summary.items())]


def collect(user, client: Client, organisation: str) -> Dossier:
    """Everything `user` may read of `client`'s dossier today, whatever the period, oldest first."""
    client = Client.objects.visible_to(user).select_related("team").get(pk=client.pk)
    plans = (
        ClientPlan.objects.visible_to(user, client)
        .select_related("signature")
        .defer("signature__document_pdf", "signature__signed_pdf")
        .order_by("period_start", "version", "pk")
    )
    evaluations = Evaluation.objects.visible_to(user, client).select_related("plan").order_by("evaluated_on", "pk")
    labels = _LogLabels()
    return Dossier(
        client=client,
        organisation=organisation,
        generated_at=timezone.now(),
        care_team=list(
            CareTeamMembership.objects.filter(client=client)  # `client` itself came through visible_to
            .select_related("staff_member")
            .order_by("valid_from", "pk")
        ),
        reports=list(Report.objects.visible_to(user, client).order_by("written_at", "pk")),
        plans=list(plans),
        evaluations=list(evaluations),
        agreements=list(CareAgreement.objects.visible_to(user, client).order_by("period_start", "pk")),
        appointments=list(Appointment.objects.visible_to(user, client).order_by("starts_at", "pk")),
        conversations=list(Conversation.objects.in_dossier_copy(user, client)),
        access_log=[
            labels.line(entry)
            for entry in AccessLogEntry.objects.for_client(client)
            .only(*LOG_FIELDS)
            .order_by("occurred_at", "pk")
            .iterator(5000)
        ],
    )


def signature_of(plan):
    """The plan's portal signature, or None (Django's missing reverse one-to-one is an AttributeError)."""
    return getattr(plan, "signature", None)
