"""One entry point for every import, whether a file from the command line or a payload pushed over HTTP.

Each file is one transaction: it is stored completely or not at all, and an
ImportRun records the outcome either way.
"""

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from .formats import dossier_json, fhir
from .models import ImportRun, ImportStatus, SourceSystem
from .records import ImportRejected, RecordError, SourceMismatch, Tally
from .writer import Writer

logger = logging.getLogger(__name__)

FORMATS = {"fhir": fhir, "json": dossier_json}


@dataclass
class Outcome:
    run: ImportRun
    tally: Tally
    errors: list[RecordError]
    source_mismatch: bool = False

    @property
    def ok(self) -> bool:
        return self.run.status == ImportStatus.SUCCEEDED


# Real files nest about ten levels deep; far deeper is an attack on the parser or the validators after it.
MAX_NESTING = 64
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


def nesting_depth(text: str, limit: int = MAX_NESTING) -> int:
    """How deep arrays and objects nest in JSON `text`, counted without parsing; stops once past `limit`."""
    brackets = _NOT_A_BRACKET.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for bracket in brackets:
        depth += 1 if bracket in "[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def read_json(raw: bytes | str, file_name: str):
    """Parse JSON, turning a syntax error or hostile nesting into a report that names the place."""
    try:
        text = raw.decode(json.detect_encoding(raw)) if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ImportRejected([RecordError(file_name, "", "", "het bestand is geen UTF-8-tekst.")]) from None
    if nesting_depth(text) > MAX_NESTING:
        message = f"te diep genest: meer dan {MAX_NESTING} niveaus van lijsten en objecten in elkaar."
        raise ImportRejected([RecordError(file_name, "", "", message)])
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"geen geldige JSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})."
        raise ImportRejected([RecordError(file_name, "", "", message)]) from None


def import_file(path: Path, **options) -> Outcome:
    name = options.pop("file_name", None) or path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        error = RecordError(name, "", "", f"kan het bestand niet lezen: {exc.strerror}.")
        return record_refusal(name, [error], **options)
    return import_raw(raw, file_name=name, **options)


def import_raw(raw: bytes | str, *, file_name: str, **options) -> Outcome:
    try:
        data = read_json(raw, file_name)
    except ImportRejected as exc:
        return record_refusal(file_name, exc.errors, **options)
    return import_data(data, file_name=file_name, **options)


def import_data(
    data,
    *,
    source: SourceSystem,
    file_name: str,
    trigger: str,
    data_format: str = "auto",
    withdraw_missing: bool = False,
    user=None,
    progress=None,
) -> Outcome:
    run = ImportRun.objects.create(
        source=source,
        source_name=source.name,
        trigger=trigger,
        triggered_by=user,
        file_name=file_name[:255],
        withdraw_missing=withdraw_missing,
    )
    tally, errors, mismatch = Tally(), [], False
    try:
        module = _format_of(data, data_format, file_name)
        run.data_format = next(name for name, mod in FORMATS.items() if mod is module)
        payload = module.parse(data, file_name)
        foreign = sorted(payload.source_labels - {source.name})
        if foreign:
            message = (
                f"dit bestand is gelabeld met bronsysteem '{foreign[0]}'; '{source.name}' mag dat niet aanleveren."
            )
            raise SourceMismatch([RecordError(file_name, "", "source", message)])
        writer = Writer(source, file_name, withdraw_missing=withdraw_missing, progress=progress)
        with transaction.atomic():
            # One import per source at a time (a row lock on PostgreSQL; SQLite serialises writes anyway).
            SourceSystem.objects.select_for_update().filter(pk=source.pk).first()
            tally = writer.write(payload)
        errors = writer.warnings
        run.status = ImportStatus.SUCCEEDED
    except ImportRejected as exc:
        mismatch = isinstance(exc, SourceMismatch)
        errors = exc.errors
        for kind, count in exc.rejected_per_kind().items():
            tally.add(kind, "rejected", count)
        run.status = ImportStatus.FAILED
    except DatabaseError:
        logger.exception("Import of %s from %s failed in the database", file_name, source.name)
        message = "de database weigerde de gegevens (mogelijk een gelijktijdige import); probeer het opnieuw."
        errors = [RecordError(file_name, "", "", message)]
        run.status = ImportStatus.FAILED
    run.counts = tally.as_dict()
    run.errors = [e.as_dict() for e in errors]
    run.finished_at = timezone.now()
    run.save()
    return Outcome(run, tally, errors, mismatch)


def _format_of(data, data_format: str, file_name: str):
    if data_format in FORMATS:
        module = FORMATS[data_format]
        if not module.looks_like(data):
            expected = "een FHIR Bundle" if data_format == "fhir" else "het MijnDossier-importformaat"
            raise ImportRejected([RecordError(file_name, "", "", f"dit is niet {expected}.")])
        return module
    for module in FORMATS.values():
        if module.looks_like(data):
            return module
    message = (
        "onbekend formaat: verwacht een FHIR Bundle (resourceType 'Bundle') "
        "of het MijnDossier-importformaat (format 'mijndossier-import')."
    )
    raise ImportRejected([RecordError(file_name, "", "", message)])


def record_refusal(file_name: str, errors: list[RecordError], **options) -> Outcome:
    source = options["source"]
    run = ImportRun.objects.create(
        source=source,
        source_name=source.name,
        trigger=options["trigger"],
        triggered_by=options.get("user"),
        file_name=file_name[:255],
        withdraw_missing=options.get("withdraw_missing", False),
        status=ImportStatus.FAILED,
        errors=[e.as_dict() for e in errors],
        finished_at=timezone.now(),
    )
    return Outcome(run, Tally(), errors)
