"""Our own JSON format (schemas/dossier-import.schema.json) for ECDs that cannot produce FHIR."""

import json
from datetime import date, datetime
from functools import cache
from pathlib import Path

from django.utils import timezone
from jsonschema import Draft202012Validator

from ..records import Incoming, Payload, RecordError

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "dossier-import.schema.json"
MAX_SCHEMA_ERRORS = 50

# List in a client entry → (record type, {field in the file: model field}).
SECTIONS = {
    "care_team": ("care_team", {"role": "role", "valid_from": "valid_from", "valid_until": "valid_until"}),
    "plans": (
        "plan",
        {
            "title": "title",
            "version": "version",
            "period_start": "period_start",
            "period_end": "period_end",
            "content": "content",
            "status": "status",
        },
    ),
    "evaluations": ("evaluation", {"evaluated_on": "evaluated_on", "title": "title", "content": "content"}),
    "reports": (
        "report",
        {
            "written_at": "written_at",
            "department": "department",
            "author": "author_name",
            "treatment_goal": "treatment_goal",
            "text": "text",
        },
    ),
    "agreements": (
        "agreement",
        {
            "product": "product",
            "period_start": "period_start",
            "period_end": "period_end",
            "signed_on": "signed_on",
            "content": "content",
        },
    ),
    "appointments": (
        "appointment",
        {
            "starts_at": "starts_at",
            "ends_at": "ends_at",
            "title": "title",
            "location": "location",
            "with_whom": "with_whom",
        },
    ),
}
CLIENT_FIELDS = ("first_name", "last_name", "date_of_birth", "street", "postal_code", "city", "phone", "email", "team")
DATE_FIELDS = {"date_of_birth", "valid_from", "valid_until", "period_start", "period_end", "evaluated_on", "signed_on"}
DATETIME_FIELDS = {"written_at", "starts_at", "ends_at"}


@cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))


def looks_like(data) -> bool:
    return isinstance(data, dict) and data.get("format") == "mijndossier-import"


def parse(data, file_name: str) -> Payload:
    errors = [_schema_error(data, error, file_name) for error in _first_errors(data)]
    if errors:
        return Payload(source_labels=_labels(data), errors=errors)
    payload = Payload(source_labels=_labels(data))
    for index, team in enumerate(data.get("teams", [])):
        fields = {"location": team["location"]} if "location" in team else {}
        payload.teams.append(Incoming("team", team["name"], "", f"teams[{index}] ({team['name']})", fields))
    for index, entry in enumerate(data["clients"]):
        number = entry["client_number"]
        where = f"clients[{index}] (cliëntnummer {number})"
        fields = {name: entry[name] for name in CLIENT_FIELDS if name in entry}
        client = Incoming("client", number, number, where, fields, staff_ref=entry.get("personal_counsellor", ""))
        _convert(client, payload, file_name)
        payload.clients.append(client)
        for section, (kind, mapping) in SECTIONS.items():
            for position, record in enumerate(entry.get(section, [])):
                item = Incoming(
                    kind,
                    record["id"],
                    number,
                    f"{where} › {section}[{position}] (id {record['id']})",
                    {target: record[name] for name, target in mapping.items() if name in record},
                    withdrawn=record.get("withdrawn", False),
                    staff_ref=record.get("staff", ""),
                    plan_ref=record.get("plan", ""),
                    source_fields={"author_name": "author", "staff_member": "staff"},
                )
                _convert(item, payload, file_name)
                payload.records.append(item)
    return payload


def _labels(data) -> set[str]:
    if isinstance(data, dict) and isinstance(data.get("source"), str) and data["source"]:
        return {data["source"]}
    return set()


def _first_errors(data):
    for count, error in enumerate(validator().iter_errors(data)):
        if count >= MAX_SCHEMA_ERRORS:
            return
        yield error


def _convert(item: Incoming, payload: Payload, file_name: str):
    """Turn the ISO strings the schema let through into dates and aware datetimes."""
    for name, value in list(item.fields.items()):
        if value is None:
            continue
        try:
            if name in DATE_FIELDS:
                item.fields[name] = date.fromisoformat(value)
            elif name in DATETIME_FIELDS:
                moment = datetime.fromisoformat(value)
                if timezone.is_naive(moment):
                    moment = timezone.make_aware(moment)
                item.fields[name] = moment
        except ValueError:
            payload.errors.append(
                RecordError(file_name, item.locator, name, f"'{value}' is geen geldige datum of tijd.", item.kind)
            )


def _schema_error(data, error, file_name: str) -> RecordError:
    path = list(error.absolute_path)
    # The record is the deepest list item on the path; what follows it is the field.
    cut = max((i for i, part in enumerate(path) if isinstance(part, int)), default=-1) + 1
    record_path, field_path = path[:cut], path[cut:]
    record, kind, node = [], "", data
    for part in record_path:
        if isinstance(part, int):
            node = node[part]
            record[-1] += f"[{part}]" + _ident(node)
        else:
            node = node[part]
            record.append(part)
            kind = SECTIONS.get(part, (part.rstrip("s"),))[0]
    field = ".".join(str(p) for p in field_path)
    message = _dutch(error)
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        field = ".".join(filter(None, [field, missing[0] if missing else ""]))
    elif error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        field = ".".join(filter(None, [field, extra[0] if extra else ""]))
    return RecordError(file_name, " › ".join(record), field, message, kind)


def _ident(node) -> str:
    if not isinstance(node, dict):
        return ""
    for key, label in (("client_number", "cliëntnummer "), ("id", "id "), ("name", "")):
        if isinstance(node.get(key), str):
            return f" ({label}{node[key]})"
    return ""


def _dutch(error) -> str:
    value = error.validator_value
    if error.validator == "pattern" and str(value).startswith("^\\d{4}"):
        return "ongeldige datum of tijd (verwacht bijvoorbeeld 2026-03-01 of 2026-03-01T09:30:00+01:00)."
    if error.validator == "enum":
        return f"ongeldige waarde; toegestaan: {', '.join(map(str, value))}."
    messages = {
        "required": "dit veld is verplicht.",
        "type": f"verkeerd soort waarde; verwacht: {value}.",
        "minLength": "mag niet leeg zijn.",
        "maxLength": f"te lang: maximaal {value} tekens.",
        "pattern": "ongeldige notatie.",
        "const": f"moet '{value}' zijn.",
        "additionalProperties": "onbekend veld.",
        "minimum": f"moet minstens {value} zijn.",
        "oneOf": "ongeldige waarde (verwacht een datum JJJJ-MM-DD of null).",
    }
    return messages.get(error.validator, f"ongeldige waarde ({error.validator}).")
