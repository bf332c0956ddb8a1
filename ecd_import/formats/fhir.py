"""HL7 FHIR R4 Bundles, validated resource by resource with fhir.resources (R4B models, R4-compatible).

The mapping is documented in the README ("Import uit het ECD"). Systems and
codes that identify clients, staff and evaluations come from settings.
"""

import base64
import binascii
from collections import Counter
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from ..records import Incoming, Payload, RecordError

MAPPED = {"Patient", "CareTeam", "Observation", "DocumentReference", "CarePlan", "Appointment", "Contract"}
REFERENCED = {"Organization", "Practitioner"}
WITHDRAWN = {"entered-in-error"}
# An appointment or observation that was called off is withdrawn as well.
CANCELLED = {"cancelled"}


def looks_like(data) -> bool:
    return isinstance(data, dict) and data.get("resourceType") == "Bundle"


def parse(data, file_name: str) -> Payload:
    return _BundleParser(data, file_name).parse()


def _moment(value) -> datetime | None:
    if isinstance(value, datetime):
        return timezone.make_aware(value) if timezone.is_naive(value) else value
    return None


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(_moment(value))
    if isinstance(value, date):
        return value
    return None


def _text(concept) -> str:
    if concept is None:
        return ""
    if concept.text:
        return concept.text
    return next((coding.display for coding in concept.coding or [] if coding.display), "")


class _BundleParser:
    def __init__(self, data, file_name):
        self.data = data
        self.file_name = file_name
        self.payload = Payload()
        self.index = {}
        self.ignored = Counter()
        self.client_system = settings.ECD_IMPORT_FHIR_CLIENT_NUMBER_SYSTEM
        self.username_system = settings.ECD_IMPORT_FHIR_USERNAME_SYSTEM

    def error(self, locator, field, message, kind=""):
        self.payload.errors.append(RecordError(self.file_name, locator, field, message, kind))

    def parse(self) -> Payload:
        entries = self.data.get("entry")
        label = (self.data.get("meta") or {}).get("source")
        if label:
            self.payload.source_labels.add(label)
        if not isinstance(entries, list):
            self.error("Bundle", "entry", "de bundle bevat geen lijst 'entry'.")
            return self.payload
        resources = []
        for position, entry in enumerate(entries):
            resource = self._validate(position, entry)
            if resource is not None:
                resources.append((f"entry[{position}] ({resource.get_resource_type()}/{resource.id or '-'})", resource))
        if self.payload.errors:
            return self.payload
        for locator, resource in resources:
            handler = getattr(self, f"_{resource.get_resource_type().lower()}", None)
            if handler is not None:
                handler(locator, resource)
        for resource_type, count in sorted(self.ignored.items()):
            self.payload.errors.append(
                RecordError(
                    self.file_name,
                    "",
                    "resourceType",
                    f"{count}× {resource_type} overgeslagen: MijnDossier importeert dit resourcetype niet.",
                    level="warning",
                )
            )
        return self.payload

    def _validate(self, position, entry):
        raw = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(raw, dict):
            self.error(f"entry[{position}]", "resource", "dit entry bevat geen resource.")
            return None
        resource_type = raw.get("resourceType")
        locator = f"entry[{position}] ({resource_type}/{raw.get('id', '-')})"
        if resource_type not in MAPPED | REFERENCED:
            self.ignored[resource_type or "(zonder resourceType)"] += 1
            return None
        try:
            resource = get_fhir_model_class(resource_type).model_validate(raw)
        except ValidationError as exc:
            for problem in exc.errors()[:5]:
                field = ".".join(str(part) for part in problem["loc"] if part != "__root__")
                self.error(locator, field, f"ongeldige FHIR-waarde: {problem['msg']}", _KIND.get(resource_type, ""))
            return None
        if resource.meta is not None and resource.meta.source:
            self.payload.source_labels.add(resource.meta.source)
        if resource.id:
            self.index[f"{resource_type}/{resource.id}"] = resource
        if entry.get("fullUrl"):
            self.index[entry["fullUrl"]] = resource
        return resource

    # References

    def _target(self, reference, resource_type):
        if reference is None or not reference.reference:
            return None
        target = self.index.get(reference.reference)
        if target is None and "/" in reference.reference:
            target = self.index.get("/".join(reference.reference.rstrip("/").split("/")[-2:]))
        return target if target is not None and target.get_resource_type() == resource_type else None

    def _client_number_of_patient(self, patient) -> str:
        return next((i.value for i in patient.identifier or [] if i.system == self.client_system and i.value), "")

    def _client_number(self, locator, reference, field, kind) -> str:
        patient = self._target(reference, "Patient")
        if patient is not None:
            number = self._client_number_of_patient(patient)
            if number:
                return number
        elif reference is not None and reference.identifier and reference.identifier.system == self.client_system:
            return reference.identifier.value or ""
        shown = reference.reference if reference is not None and reference.reference else "(leeg)"
        self.error(
            locator,
            field,
            f"onbekende cliënt: {shown} verwijst niet naar een Patient met cliëntnummer in deze bundle; "
            f"verwijs naar een bekende cliënt met identifier system {self.client_system}.",
            kind,
        )
        return ""

    def _staff_ref(self, reference) -> str:
        practitioner = self._target(reference, "Practitioner")
        if practitioner is not None:
            for identifier in practitioner.identifier or []:
                if identifier.system == self.username_system and identifier.value:
                    return identifier.value
            for telecom in practitioner.telecom or []:
                if telecom.system == "email" and telecom.value:
                    return telecom.value
        elif reference is not None and reference.identifier and reference.identifier.system == self.username_system:
            return reference.identifier.value or ""
        return ""

    @staticmethod
    def _external_id(resource) -> str:
        return next((i.value for i in resource.identifier or [] if i.value), "") or resource.id or ""

    def _record(self, kind, locator, resource, subject, subject_field, fields, source_fields, **extra):
        external_id = self._external_id(resource)
        if not external_id:
            message = "resource zonder id of identifier: niet te herkennen bij een volgende import."
            self.error(locator, "id", message, kind)
            return None
        number = self._client_number(locator, subject, subject_field, kind)
        if not number:
            return None
        item = Incoming(kind, external_id, number, locator, fields, source_fields=source_fields, **extra)
        self.payload.records.append(item)
        return item

    # Resource mappings

    def _patient(self, locator, patient):
        number = self._client_number_of_patient(patient)
        if not number:
            self.error(locator, "identifier", f"geen cliëntnummer (identifier system {self.client_system}).", "client")
            return
        fields = {}
        names = patient.name or []
        name = next((n for n in names if n.use == "official"), names[0] if names else None)
        if name is not None:
            if name.given:
                fields["first_name"] = " ".join(name.given)
            if name.family:
                fields["last_name"] = name.family
        if patient.birthDate:
            fields["date_of_birth"] = _day(patient.birthDate)
        if patient.address:
            address = patient.address[0]
            fields["street"] = " ".join(address.line or [])
            fields["postal_code"] = address.postalCode or ""
            fields["city"] = address.city or ""
        for telecom in patient.telecom or []:
            if telecom.system in ("phone", "email") and telecom.system not in fields:
                fields["phone" if telecom.system == "phone" else "email"] = telecom.value or ""
        team = self._team(patient.managingOrganization)
        if team:
            fields["team"] = team
        self.payload.clients.append(
            Incoming(
                "client",
                number,
                number,
                locator,
                fields,
                source_fields={
                    "first_name": "name.given",
                    "last_name": "name.family",
                    "date_of_birth": "birthDate",
                    "team": "managingOrganization",
                    "client_number": "identifier",
                },
            )
        )

    def _team(self, reference) -> str:
        organization = self._target(reference, "Organization")
        if organization is None:
            return reference.display or "" if reference is not None else ""
        if organization.name and organization.name not in {t.external_id for t in self.payload.teams}:
            location = ""
            if organization.address:
                address = organization.address[0]
                location = address.text or ", ".join(filter(None, [" ".join(address.line or []), address.city]))
            self.payload.teams.append(
                Incoming("team", organization.name, "", f"Organization/{organization.id}", {"location": location})
            )
        return organization.name or ""

    def _careteam(self, locator, care_team):
        withdrawn = care_team.status in WITHDRAWN
        base_id = self._external_id(care_team)
        for position, participant in enumerate(care_team.participant or []):
            staff_ref = self._staff_ref(participant.member)
            where = f"{locator} › participant[{position}]"
            if not staff_ref:
                if self._target(participant.member, "Practitioner") is not None:
                    self.error(where, "member", "Practitioner zonder gebruikersnaam of e-mailadres.", "care_team")
                continue
            period = participant.period or care_team.period
            fields = {"role": _text(participant.role[0]) if participant.role else ""}
            if period is not None and period.start:
                fields["valid_from"] = _day(period.start)
            if period is not None:
                fields["valid_until"] = _day(period.end)
            item = self._record(
                "care_team",
                where,
                care_team,
                care_team.subject,
                "subject",
                fields,
                {"role": "participant.role", "staff_member": "participant.member"},
                withdrawn=withdrawn,
                staff_ref=staff_ref,
            )
            if item is not None:
                item.external_id = participant.id or f"{base_id}/{staff_ref}"

    def _kind_of(self, reference) -> str:
        """The resource type a reference points at: the bundle's resource, else `type`, else the URL."""
        target = self.index.get(reference.reference) if reference.reference else None
        if target is not None:
            return target.get_resource_type()
        return reference.type or (reference.reference or "").split("/")[0]

    def _performers(self, references):
        people, organisations = [], []
        for reference in references or []:
            kind = self._kind_of(reference)
            (organisations if kind == "Organization" else people).append(reference.display or "")
        return next(filter(None, people), ""), next(filter(None, organisations), "")

    def _observation(self, locator, observation):
        author, department = self._performers(observation.performer)
        fields = {
            "written_at": _moment(observation.effectiveDateTime or observation.effectiveInstant or observation.issued),
            "department": department,
            "author_name": author,
            "treatment_goal": observation.focus[0].display or "" if observation.focus else "",
            "text": observation.valueString or "",
        }
        self._record(
            "report",
            locator,
            observation,
            observation.subject,
            "subject",
            fields,
            {
                "written_at": "effectiveDateTime",
                "department": "performer (Organization).display",
                "author_name": "performer (Practitioner).display",
                "treatment_goal": "focus.display",
                "text": "valueString",
            },
            withdrawn=observation.status in WITHDRAWN | CANCELLED,
        )

    def _documentreference(self, locator, document):
        author, department = self._performers(document.author)
        attachment = document.content[0].attachment
        text = self._attachment_text(locator, attachment)
        withdrawn = document.status in WITHDRAWN
        is_evaluation = any(
            coding.system == settings.ECD_IMPORT_FHIR_DOCUMENT_TYPE_SYSTEM
            and coding.code == settings.ECD_IMPORT_FHIR_EVALUATION_CODE
            for coding in (document.type.coding or [] if document.type else [])
        )
        if is_evaluation:
            related = document.context.related or [] if document.context else []
            plan = next((self._target(r, "CarePlan") for r in related if self._target(r, "CarePlan")), None)
            plan_ref = self._external_id(plan) if plan is not None else ""
            if plan is None:
                by_id = (r.reference.split("/")[-1] for r in related if (r.reference or "").startswith("CarePlan/"))
                by_identifier = (r.identifier.value or "" for r in related if r.identifier is not None)
                plan_ref = next(by_identifier, next(by_id, ""))
            fields = {"evaluated_on": _day(document.date), "content": text}
            if attachment.title or document.description:
                fields["title"] = attachment.title or document.description
            self._record(
                "evaluation",
                locator,
                document,
                document.subject,
                "subject",
                fields,
                {"evaluated_on": "date", "content": "content.attachment.data", "plan": "context.related"},
                withdrawn=withdrawn,
                plan_ref=plan_ref,
            )
            return
        fields = {"written_at": _moment(document.date), "department": department, "author_name": author, "text": text}
        self._record(
            "report",
            locator,
            document,
            document.subject,
            "subject",
            fields,
            {
                "written_at": "date",
                "department": "author (Organization).display",
                "author_name": "author (Practitioner).display",
                "text": "content.attachment.data",
            },
            withdrawn=withdrawn,
        )

    def _attachment_text(self, locator, attachment) -> str:
        if attachment.data is None:
            return ""
        raw = attachment.data
        try:
            raw = base64.b64decode(raw, validate=True) if isinstance(raw, str) else raw
            return raw.decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            self.error(locator, "content.attachment.data", "geen leesbare tekst (base64 met UTF-8 verwacht).")
            return ""

    def _careplan(self, locator, plan):
        fields = {"content": plan.description or "", "status": "draft" if plan.status == "draft" else "final"}
        if plan.title:
            fields["title"] = plan.title
        if plan.period is not None:
            fields["period_start"] = _day(plan.period.start)
            fields["period_end"] = _day(plan.period.end)
        for extension in plan.extension or []:
            if extension.url == settings.ECD_IMPORT_FHIR_PLAN_VERSION_EXTENSION and extension.valueInteger:
                fields["version"] = extension.valueInteger
        self._record(
            "plan",
            locator,
            plan,
            plan.subject,
            "subject",
            fields,
            {"content": "description", "period_start": "period.start", "period_end": "period.end"},
            withdrawn=plan.status in WITHDRAWN,
        )

    def _appointment(self, locator, appointment):
        patient, location, others = None, "", []
        for participant in appointment.participant or []:
            actor = participant.actor
            if actor is None:
                continue
            kind = self._kind_of(actor)
            if kind == "Patient" or (actor.identifier and actor.identifier.system == self.client_system):
                patient = patient or actor
            elif kind == "Location":
                location = location or actor.display or ""
            elif actor.display:
                others.append(actor.display)
        fields = {
            "starts_at": _moment(appointment.start),
            "ends_at": _moment(appointment.end),
            "title": appointment.description or "",
            "location": location,
            "with_whom": ", ".join(others),
        }
        self._record(
            "appointment",
            locator,
            appointment,
            patient,
            "participant.actor (Patient)",
            fields,
            {"starts_at": "start", "ends_at": "end", "title": "description"},
            withdrawn=appointment.status in WITHDRAWN | CANCELLED,
        )

    def _contract(self, locator, contract):
        fields = {"product": contract.title or "", "content": contract.term[0].text or "" if contract.term else ""}
        if contract.applies is not None:
            fields["period_start"] = _day(contract.applies.start)
            fields["period_end"] = _day(contract.applies.end)
        signatures = [s for signer in contract.signer or [] for s in signer.signature or []]
        fields["signed_on"] = _day(signatures[0].when) if signatures else None
        self._record(
            "agreement",
            locator,
            contract,
            contract.subject[0] if contract.subject else None,
            "subject",
            fields,
            {"product": "title", "content": "term.text", "period_start": "applies.start", "period_end": "applies.end"},
            withdrawn=contract.status in WITHDRAWN,
        )


_KIND = {
    "Patient": "client",
    "CareTeam": "care_team",
    "Observation": "report",
    "DocumentReference": "report",
    "CarePlan": "plan",
    "Appointment": "appointment",
    "Contract": "agreement",
}
