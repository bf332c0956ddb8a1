"""Rendering HTML templates to PDF with WeasyPrint, and the response that delivers them."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from weasyprint import HTML


def render_pdf(template_name: str, context: dict, request=None, **options) -> bytes:
    """Render a template to PDF bytes; `options` go to WeasyPrint (e.g. pdf_variant="pdf/a-2b").

    Static files (CSS, logo) are resolved from the filesystem, so rendering never
    makes an HTTP request back to the site.
    """
    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf(**options)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """An attachment download that no cache, shared or private, may keep.

    Django's header helper quotes or percent-encodes the name, so a quote or line
    break in it (a client number, a title) cannot break or add a header.
    """
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
    return response
