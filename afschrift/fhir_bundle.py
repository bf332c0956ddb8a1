"""The afschrift as an HL7 FHIR R4 Bundle (type `collection`): the reverse of the import mapping.

`ecd_import.formats.fhir` reads Patient, CareTeam, Observation,
DocumentReference, CarePlan, Appointment and Contract; this module writes the
same shapes with the same systems and codes (from settings), so the care record
system, or a personal health environment, can read the copy back. On top of
that: Provenance for who supplied each record and who signed each plan, and an
AuditEvent for every line of the access log (art. 15e). Conversations with
the care team are Communications: one per conversation (its subject as
`topic`) and one per message, `partOf` its conversation and `inResponseTo`
the message before it; attachments by name and size only.

Staff appear by name only (a reference with `display`), never by username:
a client's copy is no place for login names.

Resources are plain dicts so that five years of dossier cost little memory;
the tests validate the whole Bundle with fhir.resources.
"""

import base64
from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone

from dossier.models import AccessAction, AccessOutcome, PlanStatus

from .contents import Dossier, LogLine, signature_of

MIJNDOSSIER = "MijnDossier"
DICOM = "http://dicom.nema.org/resources/ontology/DCM"
SIGNATURE_TYPES = "urn:iso-astm:E1762-95:2013"
PARTICIPANT_TYPES = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
DATA_OPERATIONS = "http://terminology.hl7.org/CodeSystem/v3-DataOperation"
AUDIT_ACTIONS = {
    AccessAction.READ: "R",
    AccessAction.DOWNLOAD: "R",
    AccessAction.EXPORT: "R",
    AccessAction.SEARCH: "E",
    AccessAction.SIGN: "U",
    AccessAction.DECLINE: "U",
    AccessAction.CHANGE: "U",
}
PLAN_STATUS = {
    PlanStatus.FINAL: "active",
    PlanStatus.AWAITING_SIGNATURE: "active",
    PlanStatus.SIGNED: "active",
    PlanStatus.DECLINED: "on-hold",
    PlanStatus.WITHDRAWN: "revoked",
}


def _moment(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _midnight(value: date) -> str:
    return datetime.combine(value, time.min, tzinfo=timezone.get_current_timezone()).isoformat()


def _clean(resource: dict) -> dict:
    """Drop empty values: FHIR allows no empty strings, lists or objects."""
    return {key: value for key, value in resource.items() if value not in (None, "", [], {})}


def _identifier(kind: str, record) -> list[dict]:
    value = record.external_id or f"mijndossier-{kind}-{record.pk}"
    system = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/fhir/NamingSystem/{record.external_source or kind}"
    return [{"system": system, "value": value}]


class _Builder:
    def __init__(self, dossier: Dossier):
        self.dossier = dossier
        self.client = dossier.client
        self.patient_ref = {"reference": f"Patient/client-{self.client.pk}", "display": self.client.full_name}
        self.plan_ids = {plan.pk for plan in dossier.plans}
        self.entries = []

    def add(self, resource: dict):
        self.entries.append({"resource": _clean(resource)})

    def build(self) -> dict:
        self.organization()
        self.patient()
        self.care_team()
        for report in self.dossier.reports:
            self.report(report)
        for plan in self.dossier.plans:
            self.plan(plan)
        for evaluation in self.dossier.evaluations:
            self.evaluation(evaluation)
        for agreement in self.dossier.agreements:
            self.agreement(agreement)
        for appointment in self.dossier.appointments:
            self.appointment(appointment)
        for conversation in self.dossier.conversations:
            self.conversation(conversation)
        for entry in self.dossier.access_log:
            self.audit_event(entry)
        return {
            "resourceType": "Bundle",
            "id": f"afschrift-{self.client.client_number}",
            "meta": {"lastUpdated": _moment(self.dossier.generated_at)},
            "type": "collection",
            "timestamp": _moment(self.dossier.generated_at),
            "total": None,
            "entry": self.entries,
        }

    def organization(self):
        team = self.client.team
        self.add(
            {
                "resourceType": "Organization",
                "id": f"team-{team.pk}",
                "name": team.name,
                "address": [{"text": team.location}] if team.location else None,
                "partOf": {"display": self.dossier.organisation},
            }
        )

    def patient(self):
        client = self.client
        telecom = [{"system": "phone", "value": client.phone}] if client.phone else []
        telecom += [{"system": "email", "value": client.email}] if client.email else []
        address = _clean(
            {"line": [client.street] if client.street else None, "postalCode": client.postal_code, "city": client.city}
        )
        self.add(
            {
                "resourceType": "Patient",
                "id": f"client-{client.pk}",
                "identifier": [
                    {"system": settings.ECD_IMPORT_FHIR_CLIENT_NUMBER_SYSTEM, "value": client.client_number}
                ],
                "name": [{"use": "official", "family": client.last_name, "given": [client.first_name]}],
                "birthDate": _day(client.date_of_birth),
                "address": [address] if address else None,
                "telecom": telecom,
                "managingOrganization": {
                    "reference": f"Organization/team-{client.team.pk}",
                    "display": client.team.name,
                },
            }
        )

    def care_team(self):
        participants = [
            _clean(
                {
                    "role": [{"text": membership.role}],
                    "member": {"type": "Practitioner", "display": membership.staff_member.get_full_name()},
                    "period": _clean({"start": _day(membership.valid_from), "end": _day(membership.valid_until)}),
                }
            )
            for membership in self.dossier.care_team
        ]
        if participants:
            self.add(
                {
                    "resourceType": "CareTeam",
                    "id": f"careteam-{self.client.pk}",
                    "status": "active",
                    "subject": self.patient_ref,
                    "participant": participants,
                }
            )

    def provenance(self, target: str, record, author: str = ""):
        """Who supplied the record: its author (if known) and the system it came from, and when."""
        agents = [{"type": _participant("author"), "who": {"display": author}}] if author else []
        agents.append(
            {
                "type": _participant("assembler"),
                "who": {"type": "Device", "display": record.external_source or MIJNDOSSIER},
            }
        )
        self.add(
            {
                "resourceType": "Provenance",
                "id": f"provenance-{target.replace('/', '-')}",
                "target": [{"reference": target}],
                "occurredDateTime": _moment(record.created_at),
                "recorded": _moment(record.updated_at),
                "activity": {
                    "coding": [
                        {
                            "system": DATA_OPERATIONS,
                            "code": "UPDATE" if record.updated_at > record.created_at else "CREATE",
                        }
                    ]
                },
                "agent": agents,
            }
        )

    def report(self, report):
        resource_id = f"report-{report.pk}"
        self.add(
            {
                "resourceType": "Observation",
                "id": resource_id,
                "identifier": _identifier("report", report),
                "status": "final",
                "code": {"text": "Rapportage"},
                "subject": self.patient_ref,
                "effectiveDateTime": _moment(report.written_at),
                "performer": [
                    {"type": "Practitioner", "display": report.author_name},
                    {"type": "Organization", "display": report.department},
                ],
                "focus": [{"display": report.treatment_goal}] if report.treatment_goal else None,
                "valueString": report.text,
            }
        )
        self.provenance(f"Observation/{resource_id}", report, report.author_name)

    def plan(self, plan):
        resource_id = f"plan-{plan.pk}"
        self.add(
            {
                "resourceType": "CarePlan",
                "id": resource_id,
                "identifier": _identifier("plan", plan),
                "extension": [{"url": settings.ECD_IMPORT_FHIR_PLAN_VERSION_EXTENSION, "valueInteger": plan.version}],
                "status": PLAN_STATUS.get(plan.status, "unknown"),
                "intent": "plan",
                "title": plan.title,
                "description": plan.content,
                "subject": self.patient_ref,
                "period": _clean({"start": _day(plan.period_start), "end": _day(plan.period_end)}),
            }
        )
        self.provenance(f"CarePlan/{resource_id}", plan)
        signature = signature_of(plan)
        if signature is not None:
            signer = {"display": f"{signature.signer_name} ({signature.get_signer_role_display()})"}
            self.add(
                {
                    "resourceType": "Provenance",
                    "id": f"signature-{resource_id}",
                    "target": [{"reference": f"CarePlan/{resource_id}"}],
                    "recorded": _moment(signature.signed_at),
                    "agent": [{"type": _participant("attester"), "who": signer}],
                    "entity": [
                        {
                            "role": "source",
                            "what": {
                                "display": f"PDF versie {signature.plan_version}, SHA-256 {signature.document_sha256}"
                            },
                        }
                    ],
                    "signature": [
                        {
                            "type": [
                                {
                                    "system": SIGNATURE_TYPES,
                                    "code": "1.2.840.10065.1.12.1.7",
                                    "display": "Consent Signature",
                                }
                            ],
                            "when": _moment(signature.signed_at),
                            "who": signer,
                        }
                    ],
                }
            )

    def evaluation(self, evaluation):
        resource_id = f"evaluation-{evaluation.pk}"
        related = [{"reference": f"CarePlan/plan-{evaluation.plan_id}"}] if evaluation.plan_id in self.plan_ids else []
        self.add(
            {
                "resourceType": "DocumentReference",
                "id": resource_id,
                "identifier": _identifier("evaluation", evaluation),
                "status": "current",
                "type": {
                    "coding": [
                        {
                            "system": settings.ECD_IMPORT_FHIR_DOCUMENT_TYPE_SYSTEM,
                            "code": settings.ECD_IMPORT_FHIR_EVALUATION_CODE,
                        }
                    ]
                },
                "subject": self.patient_ref,
                "date": _midnight(evaluation.evaluated_on),
                "description": evaluation.title,
                "content": [
                    {
                        "attachment": {
                            "contentType": "text/plain; charset=utf-8",
                            "data": base64.b64encode(evaluation.content.encode()).decode("ascii"),
                            "title": evaluation.title,
                        }
                    }
                ],
                "context": {"related": related} if related else None,
            }
        )
        self.provenance(f"DocumentReference/{resource_id}", evaluation)

    def agreement(self, agreement):
        resource_id = f"agreement-{agreement.pk}"
        signer = None
        if agreement.signed_on:
            when = _midnight(agreement.signed_on)
            signature_type = {
                "system": SIGNATURE_TYPES,
                "code": "1.2.840.10065.1.12.1.7",
                "display": "Consent Signature",
            }
            signer = [
                {
                    "type": {"system": SIGNATURE_TYPES, "code": "1.2.840.10065.1.12.1.7"},
                    "party": self.patient_ref,
                    "signature": [{"type": [signature_type], "when": when, "who": self.patient_ref}],
                }
            ]
        text = agreement.content or agreement.product
        self.add(
            {
                "resourceType": "Contract",
                "id": resource_id,
                "identifier": _identifier("agreement", agreement),
                "status": "executed" if agreement.signed_on else "offered",
                "title": agreement.product,
                "subject": [self.patient_ref],
                "applies": _clean({"start": _day(agreement.period_start), "end": _day(agreement.period_end)}),
                "term": [{"text": agreement.content or None, "offer": {"text": text}}],
                "signer": signer,
            }
        )
        self.provenance(f"Contract/{resource_id}", agreement)

    def appointment(self, appointment):
        resource_id = f"appointment-{appointment.pk}"
        participants = [{"actor": self.patient_ref, "status": "accepted"}]
        if appointment.location:
            participants.append({"actor": {"type": "Location", "display": appointment.location}, "status": "accepted"})
        if appointment.with_whom:
            participants.append({"actor": {"display": appointment.with_whom}, "status": "accepted"})
        self.add(
            {
                "resourceType": "Appointment",
                "id": resource_id,
                "identifier": _identifier("appointment", appointment),
                "status": "fulfilled" if appointment.ends_at < self.dossier.generated_at else "booked",
                "description": appointment.title,
                "start": _moment(appointment.starts_at),
                "end": _moment(appointment.ends_at),
                "participant": participants,
            }
        )
        self.provenance(f"Appointment/{resource_id}", appointment)

    def team_ref(self, team) -> dict:
        if team.pk == self.client.team_id:
            return {"reference": f"Organization/team-{team.pk}", "display": team.name}
        return {"type": "Organization", "display": team.name}

    def conversation(self, conversation):
        thread_id = f"conversation-{conversation.pk}"
        topic = {"text": conversation.subject}
        team = self.team_ref(conversation.team)
        self.add(
            {
                "resourceType": "Communication",
                "id": thread_id,
                "status": "in-progress" if conversation.is_open else "completed",
                "subject": self.patient_ref,
                "topic": topic,
                "sent": _moment(conversation.created_at),
                "recipient": [team],
            }
        )
        previous = None
        for message in conversation.copied_messages:
            resource_id = f"message-{message.pk}"
            sender = {"display": message.author_name}
            if message.from_care_team:
                sender["type"] = "Practitioner"
            payload = [{"contentString": message.body}]
            payload += [
                {"contentAttachment": {"title": attachment.original_name, "size": attachment.size}}
                for attachment in message.attachments.all()
            ]
            self.add(
                {
                    "resourceType": "Communication",
                    "id": resource_id,
                    "partOf": [{"reference": f"Communication/{thread_id}", "display": conversation.subject}],
                    "inResponseTo": [{"reference": f"Communication/{previous}"}] if previous else None,
                    "status": "completed",
                    "subject": self.patient_ref,
                    "topic": topic,
                    "sent": _moment(message.created_at),
                    "sender": sender,
                    "recipient": [self.patient_ref if message.from_care_team else team],
                    "payload": payload,
                }
            )
            previous = resource_id

    def audit_event(self, entry: LogLine):
        agents = [
            _clean(
                {
                    "who": {"display": entry.user_display or MIJNDOSSIER},
                    "requestor": True,
                    "role": [{"text": entry.user_role}] if entry.user_role else None,
                    "network": {"address": entry.ip_address, "type": "2"} if entry.ip_address else None,
                }
            )
        ]
        if entry.on_behalf_of:
            agents.append({"who": {"display": entry.on_behalf_of}, "requestor": False})
        self.add(
            {
                "resourceType": "AuditEvent",
                "id": f"access-{entry.pk}",
                "type": {"system": DICOM, "code": "110110", "display": "Patient Record"},
                "subtype": [{"code": entry.action, "display": entry.action_label}],
                "action": AUDIT_ACTIONS.get(entry.action, "E"),
                "recorded": entry.occurred_at.isoformat(timespec="seconds"),
                "outcome": "0" if entry.outcome == AccessOutcome.ALLOWED else "4",
                "outcomeDesc": entry.outcome_label,
                "agent": agents,
                "source": {"observer": {"display": MIJNDOSSIER}},
                "entity": [
                    _clean({"what": self.patient_ref, "name": entry.object_label, "description": entry.detail or None})
                ],
            }
        )


def _participant(code: str) -> dict:
    return {"coding": [{"system": PARTICIPANT_TYPES, "code": code}]}


def build_bundle(dossier: Dossier) -> dict:
    return _Builder(dossier).build()
