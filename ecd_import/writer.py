"""Writing a parsed payload to the dossier tables, in bulk and only where something changed.

Runs inside the caller's transaction. Problems are collected (not raised one by
one) so a report names every faulty record; `ImportRejected` at the end makes
the caller roll the whole file back.
"""

from collections import Counter, defaultdict
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone

from dossier.models import (
    AccessAction,
    AccessLogEntry,
    AccessPurpose,
    Appointment,
    CareAgreement,
    CareTeamMembership,
    Client,
    ClientPlan,
    Evaluation,
    ObjectType,
    Report,
    Team,
    validate_client_number,
)

from .records import OUTCOME_LABELS, ImportRejected, Incoming, Payload, RecordError, Tally

RECORD_MODELS = {
    "plan": ClientPlan,
    "evaluation": Evaluation,
    "report": Report,
    "agreement": CareAgreement,
    "appointment": Appointment,
}
REQUIRED = {
    "client": ("first_name", "last_name", "date_of_birth", "team"),
    "care_team": ("role",),
    "plan": ("period_start", "content"),
    "evaluation": ("evaluated_on", "content"),
    "report": ("written_at", "department", "author_name", "text"),
    "agreement": ("product", "period_start"),
    "appointment": ("starts_at", "ends_at", "title"),
}
# Statuses the portal itself manages (signing); the source cannot overwrite them.
CHUNK = 2000
BATCH = 500
MAX_ERRORS = 200


def _chunks(items, size=CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _apply_changes(obj, values: dict) -> list[str]:
    """Set `values` on `obj`; return the names of the fields that really changed."""
    changed = []
    for name, value in values.items():
        if isinstance(value, models.Model):
            if getattr(obj, f"{name}_id") != value.pk:
                setattr(obj, name, value)
                changed.append(name)
        elif getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _bulk_update(model, objects, field_names):
    """UPDATE ... WHERE id = %s, sent with executemany.

    Django's bulk_update builds one CASE WHEN per field over the whole batch,
    which grows quadratically with the batch size; one parameterised statement
    run for many rows stays linear on SQLite and PostgreSQL alike.
    """
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    # Only quoted table and column names from the model are interpolated; values are parameters.
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[start : start + CHUNK])


class Writer:
    def __init__(self, source, file_name: str, *, withdraw_missing=False, progress=None):
        self.source = source
        self.file_name = file_name
        self.withdraw_missing = withdraw_missing
        self._progress = progress
        self.done = 0
        self.total = 0
        self.errors: list[RecordError] = []
        self.tally = Tally()
        # Per client number: how many records were created, updated, withdrawn (for the access log).
        self.changes: dict[str, Counter] = defaultdict(Counter)
        self.now = timezone.now()

    def error(self, item: Incoming | None, field: str, message: str, kind: str = ""):
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(
                RecordError(
                    self.file_name,
                    item.locator if item else "",
                    item.source_field(field) if item else field,
                    message,
                    kind or (item.kind if item else ""),
                )
            )

    def progress(self, n: int):
        self.done += n
        if self._progress is not None:
            self._progress(self.done, self.total)

    def write(self, payload: Payload) -> Tally:
        self.total = payload.count()
        self.errors.extend(payload.errors)
        if not self._failed():
            self._check_fields(payload)
        if not self._failed():
            teams = self._write_teams(payload)
            staff = self._resolve_staff(payload)
            clients = self._write_clients(payload, teams, staff)
            self._write_care_team(payload, clients, staff)
            by_kind = defaultdict(list)
            for item in payload.records:
                by_kind[item.kind].append(item)
            self.file_plans = {(i.client_number, i.external_id) for i in by_kind["plan"]}
            for kind, model in RECORD_MODELS.items():
                self._write_records(kind, model, by_kind[kind], clients)
            if self.withdraw_missing:
                self._withdraw_missing(payload, clients)
            if not self._failed():
                self._log_changes(clients)
        if self._failed():
            raise ImportRejected(self.errors)
        return self.tally

    def _count(self, kind: str, outcome: str, client_number: str, n: int = 1):
        self.tally.add(kind, outcome, n)
        self.changes[client_number][outcome] += n

    def _failed(self) -> bool:
        return any(e.level == "error" for e in self.errors)

    @property
    def warnings(self):
        return [e for e in self.errors if e.level == "warning"]

    # Field checks that do not need the database.

    def _check_fields(self, payload: Payload):
        seen = set()
        for item in payload.teams + payload.clients + payload.records:
            key = (item.kind, item.client_number if item.kind == "care_team" else "", item.external_id)
            if key in seen:
                self.error(item, "id", "dit kenmerk komt meer dan eens voor in het bestand.")
            seen.add(key)
            if item.kind == "client":
                self._check_client_number(item)
            if item.withdrawn:
                continue
            if item.kind != "client":
                for name in REQUIRED.get(item.kind, ()):
                    if item.fields.get(name) in (None, ""):
                        self.error(item, name, "dit veld is verplicht.")
            model = {"team": Team, "client": Client, "care_team": CareTeamMembership}.get(item.kind)
            model = model or RECORD_MODELS[item.kind]
            for name, value in item.fields.items():
                field = model._meta.get_field(name)
                if isinstance(value, str) and field.max_length and len(value) > field.max_length:
                    self.error(item, name, f"te lang: maximaal {field.max_length} tekens, aangeleverd {len(value)}.")
            starts, ends = ("starts_at", "ends_at") if item.kind == "appointment" else ("period_start", "period_end")
            if item.kind == "care_team":
                starts, ends = "valid_from", "valid_until"
            start, end = item.fields.get(starts), item.fields.get(ends)
            if start and end and end < start:
                self.error(item, ends, "het einde ligt voor het begin.")

    def _check_client_number(self, item: Incoming):
        try:
            validate_client_number(item.external_id)
        except ValidationError:
            self.error(
                item,
                "client_number",
                f"ongeldig cliëntnummer {item.external_id!r}: gebruik alleen letters, cijfers, '-', '_' en '.'.",
            )

    # Teams, staff and clients: few rows, looked up in one query each.

    def _write_teams(self, payload: Payload) -> dict[str, Team]:
        """Create the source's new teams and keep its own up to date; another's team is only referred to."""
        names = {item.external_id for item in payload.teams}
        names |= {item.fields["team"] for item in payload.clients if item.fields.get("team")}
        teams = {team.name: team for team in Team.objects.filter(name__in=names)}
        for item in payload.teams:
            team = teams.get(item.external_id)
            if team is None:
                teams[item.external_id] = Team.objects.create(
                    name=item.external_id, external_source=self.source.name, **item.fields
                )
                self.tally.add("team", "created")
            elif team.external_source != self.source.name:
                self._leave_foreign_team(item, team)
                self.tally.add("team", "unchanged")
            elif _apply_changes(team, item.fields):
                team.save()
                self.tally.add("team", "updated")
            else:
                self.tally.add("team", "unchanged")
        return teams

    def _leave_foreign_team(self, item: Incoming, team: Team):
        differs = [name for name, value in item.fields.items() if getattr(team, name) != value]
        if not differs:
            return
        owner = f"bronsysteem '{team.external_source}'" if team.external_source else "het beheer in MijnDossier"
        self.errors.append(
            RecordError(
                self.file_name,
                item.locator,
                item.source_field(differs[0]),
                f"team '{team.name}' wordt bijgehouden door {owner}, niet door '{self.source.name}'; "
                "de aangeleverde gegevens van dit team zijn niet overgenomen.",
                "team",
                level="warning",
            )
        )

    def _resolve_staff(self, payload: Payload) -> dict[str, object]:
        refs = {item.staff_ref for item in payload.records + payload.clients if item.staff_ref}
        if not refs:
            return {}
        lowered = {ref.lower() for ref in refs}
        users = list(
            get_user_model()
            .objects.filter(is_staff=True, is_active=True)
            .filter(Q(username__in=refs) | Q(email__in=refs | lowered))
        )
        found = {}
        for ref in refs:
            by_name = [u for u in users if u.username == ref]
            by_mail = [u for u in users if u.email and u.email.lower() == ref.lower()]
            matches = by_name or by_mail
            if len(matches) == 1:
                found[ref] = matches[0]
            elif len(matches) > 1:
                found[ref] = "ambiguous"
        return found

    def _staff(self, item: Incoming, staff: dict, field: str):
        user = staff.get(item.staff_ref)
        if user == "ambiguous":
            message = f"meerdere medewerkers hebben e-mailadres '{item.staff_ref}'; gebruik de gebruikersnaam."
            self.error(item, field, message)
            return None
        if user is None:
            self.error(
                item,
                field,
                f"onbekende medewerker '{item.staff_ref}': geen actieve medewerker met deze gebruikersnaam of dit "
                "e-mailadres. Maak het account eerst aan in het beheer.",
            )
        return user

    def _write_clients(self, payload: Payload, teams: dict, staff: dict) -> dict[str, Client]:
        numbers = {item.external_id for item in payload.clients} | {item.client_number for item in payload.records}
        clients = {c.client_number: c for c in Client.objects.filter(client_number__in=numbers)}
        for number, client in clients.items():
            if client.external_source != self.source.name:
                item = next((i for i in payload.clients + payload.records if i.client_number == number), None)
                self.error(item, "client_number", self._not_owned(client), kind="client")
        new, failed = [], set()
        for item in payload.clients:
            values = dict(item.fields)
            bad = False
            if "team" in values:
                values["team"] = teams.get(item.fields["team"])
                if values["team"] is None:
                    bad = True
                    message = f"onbekend team '{item.fields['team']}': niet in het bestand en niet in MijnDossier."
                    self.error(item, "team", message)
            if item.staff_ref:
                values["personal_counsellor"] = self._staff(item, staff, "personal_counsellor")
                bad = bad or values["personal_counsellor"] is None
            client = clients.get(item.external_id)
            if client is None:
                missing = [name for name in REQUIRED["client"] if item.fields.get(name) in (None, "")]
                for name in missing:
                    self.error(item, name, "dit veld is verplicht voor een nieuwe cliënt.")
                if missing or bad:
                    failed.add(item.external_id)
                else:
                    client = Client(client_number=item.external_id, external_source=self.source.name, **values)
                    new.append(client)
                    clients[item.external_id] = client
                    self._count("client", "created", item.external_id)
                continue
            if bad or client.external_source != self.source.name:
                continue
            if _apply_changes(client, values):
                client.save()
                self._count("client", "updated", item.external_id)
            else:
                self.tally.add("client", "unchanged")
        if new:
            Client.objects.bulk_create(new, batch_size=BATCH)
            for client in Client.objects.filter(client_number__in=[c.client_number for c in new]):
                clients[client.client_number] = client
        for item in payload.records:
            if item.client_number not in clients and item.client_number not in failed:
                self.error(
                    item,
                    "client",
                    f"onbekende cliënt {item.client_number}: niet in het bestand en niet in MijnDossier.",
                )
        self.progress(len(payload.clients) + len(payload.teams))
        return clients

    def _not_owned(self, client: Client) -> str:
        """Why this source may not write to `client`: it belongs to another source, or staff made it."""
        if client.external_source:
            return (
                f"cliënt {client.client_number} wordt gevoed door bronsysteem '{client.external_source}', "
                f"niet door '{self.source.name}'."
            )
        return (
            f"cliënt {client.client_number} is in MijnDossier aangemaakt, niet door bronsysteem '{self.source.name}'. "
            f"Koppel de cliënt eerst: kies in het beheer bij de cliënt bronsysteem '{self.source.name}', "
            f"of gebruik manage.py import_source link {self.source.name} {client.client_number}."
        )

    # Care-team memberships carry no source of their own: matched on client + external id.

    def _write_care_team(self, payload: Payload, clients: dict, staff: dict):
        items = [i for i in payload.records if i.kind == "care_team" and i.client_number in clients]
        client_ids = [clients[n].pk for n in {i.client_number for i in items} if clients[n].pk]
        existing = {
            (m.client_id, m.external_id): m
            for m in CareTeamMembership.objects.filter(client_id__in=client_ids).exclude(external_id="")
        }
        yesterday = timezone.localdate() - timedelta(days=1)
        for item in items:
            client = clients[item.client_number]
            membership = existing.get((client.pk, item.external_id))
            if item.withdrawn:
                self._end_membership(membership, yesterday, item.client_number)
                continue
            user = self._staff(item, staff, "staff_member")
            if user is None:
                continue
            values = {"staff_member": user, **item.fields}
            values.setdefault("valid_until", None)
            if membership is None:
                CareTeamMembership.objects.create(client=client, external_id=item.external_id, **values)
                self._count("care_team", "created", item.client_number)
            elif _apply_changes(membership, values):
                membership.save()
                self._count("care_team", "updated", item.client_number)
            else:
                self.tally.add("care_team", "unchanged")
        self.progress(len(items))

    def _end_membership(self, membership, yesterday, client_number):
        if membership is None or (membership.valid_until is not None and membership.valid_until <= yesterday):
            self.tally.add("care_team", "unchanged")
            return
        membership.valid_until = yesterday
        membership.save(update_fields=["valid_until"])
        self._count("care_team", "withdrawn", client_number)

    # Dossier records: one query per chunk to find existing rows, then bulk writes.

    def _write_records(self, kind: str, model, items: list[Incoming], clients: dict):
        items = [i for i in items if i.client_number in clients]
        plans = self._plans_for(items, clients) if kind == "evaluation" else {}
        field_names = {name for item in items for name in item.fields}
        if kind == "evaluation":
            field_names.add("plan")
        update_fields = sorted(field_names | {"client", "withdrawn_at", "updated_at"})
        for chunk in _chunks(items):
            existing = {
                obj.external_id: obj
                for obj in model.objects.filter(
                    external_source=self.source.name, external_id__in=[i.external_id for i in chunk]
                )
            }
            to_create, to_update = [], []
            for item in chunk:
                obj = existing.get(item.external_id)
                if item.withdrawn:
                    if obj is not None and obj.withdrawn_at is None:
                        obj.withdrawn_at = self.now
                        obj.updated_at = self.now
                        to_update.append(obj)
                        self._count(kind, "withdrawn", item.client_number)
                    else:
                        self.tally.add(kind, "unchanged")
                    continue
                values = {"client": clients[item.client_number], **item.fields}
                if kind == "evaluation":
                    values["plan"] = self._plan(item, plans, clients)
                if obj is None:
                    to_create.append(model(external_source=self.source.name, external_id=item.external_id, **values))
                    self._count(kind, "created", item.client_number)
                    continue
                if kind == "plan" and not self._plan_may_change(obj, item, values):
                    continue
                changed = _apply_changes(obj, values)
                if obj.withdrawn_at is not None:
                    obj.withdrawn_at = None
                    changed.append("withdrawn_at")
                if changed:
                    obj.updated_at = self.now
                    to_update.append(obj)
                    self._count(kind, "updated", item.client_number)
                else:
                    self.tally.add(kind, "unchanged")
            if not self._failed():
                model.objects.bulk_create(to_create, batch_size=BATCH)
                _bulk_update(model, to_update, update_fields)
            self.progress(len(chunk))

    def _plan_may_change(self, plan, item: Incoming, values: dict) -> bool:
        """Frozen plans and plans in signing keep their status and content.

        Also a plan waiting for a signature: the bulk update bypasses the model guard that would withdraw
        the open request, so the import refuses instead of changing the document being signed.
        """
        if not (plan.is_frozen or plan.is_in_signing):
            return True
        values.pop("status", None)
        frozen = [name for name, value in values.items() if name != "client" and getattr(plan, name) != value]
        if frozen:
            self.error(
                item,
                frozen[0],
                f"dit cliëntplan is in het portaal {plan.get_status_display()} en kan niet meer worden gewijzigd; "
                "lever de wijziging aan als nieuwe versie met een eigen kenmerk.",
            )
            return False
        return True

    def _plans_for(self, items: list[Incoming], clients: dict) -> dict[str, ClientPlan]:
        refs = {item.plan_ref for item in items if item.plan_ref}
        return {
            plan.external_id: plan
            for plan in ClientPlan.objects.filter(external_source=self.source.name, external_id__in=refs)
        }

    def _plan(self, item: Incoming, plans: dict, clients: dict):
        if not item.plan_ref:
            return None
        plan = plans.get(item.plan_ref)
        if plan is None and (item.client_number, item.plan_ref) in self.file_plans:
            return None  # in this file, but not written because the file already failed
        if plan is None or plan.client_id != clients[item.client_number].pk:
            self.error(item, "plan", f"onbekend cliëntplan '{item.plan_ref}' voor cliënt {item.client_number}.")
            return None
        return plan

    def _withdraw_missing(self, payload: Payload, clients: dict):
        """Withdraw this source's records of the file's clients that the file no longer holds."""
        client_ids = [clients[item.external_id].pk for item in payload.clients if item.external_id in clients]
        present = defaultdict(set)
        for item in payload.records:
            present[item.kind].add((item.client_number, item.external_id))
        for kind, model in RECORD_MODELS.items():
            rows = model.objects.filter(
                external_source=self.source.name, client_id__in=client_ids, withdrawn_at__isnull=True
            ).exclude(external_id="")
            number_of = {c.pk: c.client_number for c in clients.values()}
            gone = [
                (pk, number_of[client_id])
                for pk, client_id, external_id in rows.values_list("pk", "client_id", "external_id")
                if (number_of[client_id], external_id) not in present[kind]
            ]
            for chunk in _chunks(gone):
                model.objects.filter(pk__in=[pk for pk, _ in chunk]).update(withdrawn_at=self.now, updated_at=self.now)
            for number, count in Counter(number for _, number in gone).items():
                self._count(kind, "withdrawn", number, count)
        yesterday = timezone.localdate() - timedelta(days=1)
        memberships = CareTeamMembership.objects.filter(client_id__in=client_ids).exclude(external_id="")
        memberships = memberships.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=yesterday))
        number_of = {c.pk: c.client_number for c in clients.values()}
        for membership in memberships:
            number = number_of[membership.client_id]
            if (number, membership.external_id) not in present["care_team"]:
                membership.valid_until = yesterday
                membership.save(update_fields=["valid_until"])
                self._count("care_team", "withdrawn", number)

    def _log_changes(self, clients: dict):
        """One access-log line per client whose dossier this import changed (NEN 7513: who changed what)."""
        entries = []
        for number, outcomes in self.changes.items():
            client = clients.get(number)
            detail = ", ".join(f"{outcomes[o]} {OUTCOME_LABELS[o]}" for o in ("created", "updated", "withdrawn"))
            entries.append(
                AccessLogEntry(
                    occurred_at=self.now,
                    action=AccessAction.CHANGE,
                    client=client,
                    client_number=number,
                    user_display=f"Bronsysteem {self.source.name}",
                    user_role="import uit ECD",
                    purpose=AccessPurpose.IMPORT,
                    authorisation_basis=f"source_system:{self.source.pk}:{self.source.name}"[:200],
                    source_system=f"ECD {self.source.name}"[:100],
                    object_type=ObjectType.DOSSIER_IMPORT,
                    object_id=self.file_name[:60],
                    detail=f"Import {self.file_name}: {detail}"[:255],
                )
            )
        AccessLogEntry.objects.bulk_create(entries)
