"""The afschrift file: one ZIP with the PDF/A document, the FHIR Bundle and a manifest of both."""

import hashlib
import json
import zipfile
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter

from lib.pdf import render_pdf

from .contents import Dossier, LogLine, signature_of
from .fhir_bundle import build_bundle

PDF_NAME = "afschrift.pdf"
FHIR_NAME = "afschrift-fhir-r4.json"
MANIFEST_NAME = "manifest.json"
TEMPLATE = "afschrift/pdf/afschrift.html"
PDF_VARIANT = "pdf/a-2b"
REPORTS_PER_PART = 300
MESSAGES_PER_PART = 300
LOG_LINES_PER_PART = 2000


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _parts(dossier: Dossier):
    """(table-of-contents label or None, template context) per rendered part, in document order."""
    yield _("Cliëntgegevens"), {"part": "client", "care_team": dossier.care_team}
    for first, chunk in _chunks(dossier.reports, REPORTS_PER_PART):
        yield (_("Rapportages") if first else None), {"part": "reports", "first": first, "reports": chunk}
    plans = [{"plan": plan, "signature": signature_of(plan)} for plan in dossier.plans]
    yield _("Cliëntplannen"), {"part": "plans", "plans": plans}
    yield _("Evaluaties"), {"part": "evaluations", "evaluations": dossier.evaluations}
    yield _("Zorgovereenkomsten"), {"part": "agreements", "agreements": dossier.agreements}
    yield _("Afspraken"), {"part": "appointments", "appointments": dossier.appointments}
    for first, chunk in _chunks(dossier.messages, MESSAGES_PER_PART):
        yield (_("Berichten") if first else None), {"part": "messages", "first": first, "messages": chunk}
    chunks = list(_chunks(dossier.access_log, LOG_LINES_PER_PART))
    on_behalf = _("namens")
    for position, (first, chunk) in enumerate(chunks):
        lines = [log_line_text(line, on_behalf) for line in chunk]
        context = {"part": "art15e", "first": first, "last": position == len(chunks) - 1, "access_log": lines}
        if first:
            context.update(sources=dossier.sources, changes=dossier.changes, log_total=len(dossier.access_log))
        label = _("Wie heeft gegevens aangeleverd en wie heeft uw dossier bekeken (art. 15e)")
        yield (label if first else None), context


def log_line_text(line: LogLine, on_behalf: str) -> str:
    """tijdstip · wie (rol, namens) · actie · gegevens (toelichting) · uitkomst · netwerkadres.

    Formatted here rather than in the template: ten thousand lines through the
    template engine cost seconds, as plain string formatting a fraction of one.
    """
    moment = line.occurred_at
    who = line.user_display or "–"
    if line.user_role:
        who += f" ({line.user_role}, {on_behalf} {line.on_behalf_of})" if line.on_behalf_of else f" ({line.user_role})"
    what = f"{line.object_label} ({line.detail})" if line.detail else line.object_label
    return (
        f"{moment.day}-{moment.month}-{moment.year} {moment:%H:%M:%S} · {who} · {line.action_label} · {what} · "
        f"{line.outcome_label} · {line.ip_address or '–'}"
    )


def _chunks(items: list, size: int):
    """(is first, slice) pairs; at least one, so an empty section still says it is empty."""
    for start in range(0, max(len(items), 1), size):
        yield start == 0, items[start : start + size]


def render_document(dossier: Dossier, requested_by: str) -> bytes:
    """The dossier as one PDF/A-2b document (fonts embedded, title/author/dates in the XMP metadata).

    WeasyPrint keeps the layout of every page until it writes, about 20 KB per
    log line, so five years of dossier in one pass took more memory than a worker
    should. The document is rendered in parts instead, each continuing the page
    numbers of the one before, and joined with pypdf onto the cover, whose XMP
    metadata and output intent (PDF/A) the joined file keeps. The cover's table
    of contents is rendered last, once the page numbers are known.
    """
    base = {
        "organisation": dossier.organisation,
        "client": dossier.client,
        "generated_at": timezone.localtime(dossier.generated_at),
        "requested_by": requested_by,
    }

    def render(context, first_page):
        return render_pdf(TEMPLATE, {**base, **context, "first_page": first_page}, pdf_variant=PDF_VARIANT)

    labels = [label for label, _context in _parts(dossier) if label]
    draft_cover = PdfReader(BytesIO(render({"part": "cover", "toc": [(label, 999) for label in labels]}, 1)))
    toc, parts, next_page = [], [], len(draft_cover.pages) + 1
    for label, context in _parts(dossier):
        if label:
            toc.append((label, next_page))
        part = PdfReader(BytesIO(render(context, next_page)))
        next_page += len(part.pages)
        parts.append(part)
    writer = PdfWriter(clone_from=BytesIO(render({"part": "cover", "toc": toc}, 1)))
    for part in parts:
        writer.append(part)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def build_zip(dossier: Dossier, requested_by: str) -> bytes:
    pdf = render_document(dossier, requested_by)
    bundle = json.dumps(build_bundle(dossier), ensure_ascii=False, separators=(",", ":")).encode()
    files = {PDF_NAME: pdf, FHIR_NAME: bundle}
    manifest = {
        "organisation": dossier.organisation,
        "client_number": dossier.client.client_number,
        "generated_at": timezone.localtime(dossier.generated_at).isoformat(timespec="seconds"),
        "files": [{"name": name, "size": len(data), "sha256": sha256_hex(data)} for name, data in files.items()],
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        archive.writestr(MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()
