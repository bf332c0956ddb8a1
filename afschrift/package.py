"""The afschrift file: one ZIP with the PDF/A document, the FHIR Bundle and a manifest of both."""

import hashlib
import json
import zipfile
from io import BytesIO

from django.utils import timezone

from cms.pdf import render_pdf

from .contents import Dossier, signature_of
from .fhir_bundle import build_bundle

PDF_NAME = "afschrift.pdf"
FHIR_NAME = "afschrift-fhir-r4.json"
MANIFEST_NAME = "manifest.json"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def render_document(dossier: Dossier, requested_by: str) -> bytes:
    """The dossier as one PDF/A-2b document (fonts embedded, title/author/dates in the XMP metadata)."""
    context = {
        "organisation": dossier.organisation,
        "client": dossier.client,
        "generated_at": timezone.localtime(dossier.generated_at),
        "requested_by": requested_by,
        "care_team": dossier.care_team,
        "reports": dossier.reports,
        "plans": [{"plan": plan, "signature": signature_of(plan)} for plan in dossier.plans],
        "evaluations": dossier.evaluations,
        "agreements": dossier.agreements,
        "appointments": dossier.appointments,
        "sources": dossier.sources,
        "changes": dossier.changes,
        "access_log": dossier.access_log,
    }
    return render_pdf("afschrift/pdf/afschrift.html", context, pdf_variant="pdf/a-2b")


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
