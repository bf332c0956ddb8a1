"""The neutral shape both formats are parsed into before anything touches the database."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

# Record types in the order they are written: later types refer to earlier ones.
KINDS = ("team", "client", "care_team", "plan", "evaluation", "report", "agreement", "appointment")
OUTCOMES = ("created", "updated", "unchanged", "withdrawn", "rejected")

KIND_LABELS = {
    "team": "teams",
    "client": "cliënten",
    "care_team": "zorgteamleden",
    "plan": "cliëntplannen",
    "evaluation": "evaluaties",
    "report": "rapportages",
    "agreement": "zorgovereenkomsten",
    "appointment": "afspraken",
}
OUTCOME_LABELS = {
    "created": "nieuw",
    "updated": "gewijzigd",
    "unchanged": "ongewijzigd",
    "withdrawn": "ingetrokken",
    "rejected": "afgewezen",
}


@dataclass
class RecordError:
    """A problem with one record (or the whole file when `record` is empty)."""

    file: str
    record: str
    field: str
    message: str
    kind: str = ""
    level: str = "error"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "record": self.record,
            "field": self.field,
            "message": self.message,
            "level": self.level,
        }

    def __str__(self):
        where = self.file
        if self.record:
            where += f", {self.record}"
        if self.field:
            where += f", veld '{self.field}'"
        prefix = "let op: " if self.level == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class ImportRejected(Exception):
    """The file cannot be imported; nothing from it is stored."""

    def __init__(self, errors: list[RecordError]):
        super().__init__("; ".join(str(e) for e in errors[:3]))
        self.errors = errors

    def rejected_per_kind(self) -> Counter:
        """How many distinct records of each type were faulty."""
        return Counter(kind for kind, _record in {(e.kind, e.record) for e in self.errors if e.kind})


class SourceMismatch(ImportRejected):
    """The payload is labelled with another source system than the one importing it."""


@dataclass
class Incoming:
    """One record from the source, its fields already converted to Python values.

    `fields` holds only what the source delivered: a field the format does not
    carry is left alone in the database.
    """

    kind: str
    external_id: str
    client_number: str
    locator: str
    fields: dict[str, Any] = field(default_factory=dict)
    withdrawn: bool = False
    # For care-team members: the username or e-mail address the source gave.
    staff_ref: str = ""
    # For evaluations: the external id of the plan they evaluate.
    plan_ref: str = ""
    # How the source format names our fields, so errors speak the sender's language.
    source_fields: dict[str, str] = field(default_factory=dict)

    def source_field(self, name: str) -> str:
        return self.source_fields.get(name, name)


@dataclass
class Payload:
    # Every source name the payload is labelled with (normally one, or none).
    source_labels: set[str] = field(default_factory=set)
    teams: list[Incoming] = field(default_factory=list)
    clients: list[Incoming] = field(default_factory=list)
    records: list[Incoming] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)

    def count(self) -> int:
        return len(self.teams) + len(self.clients) + len(self.records)


class Tally:
    """Counts per record type and outcome, as stored on ImportRun.counts."""

    def __init__(self):
        self.counts: dict[str, Counter] = defaultdict(Counter)

    def add(self, kind: str, outcome: str, n: int = 1):
        if n:
            self.counts[kind][outcome] += n

    def merge(self, other: "Tally"):
        for kind, counter in other.counts.items():
            self.counts[kind].update(counter)

    def as_dict(self) -> dict:
        return {
            kind: {outcome: self.counts[kind][outcome] for outcome in OUTCOMES} for kind in KINDS if kind in self.counts
        }

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())
