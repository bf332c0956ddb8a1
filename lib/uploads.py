"""Checks on uploaded files by what they contain, not by what they are called.

Wagtail checks an image's size (WAGTAILIMAGES_MAX_UPLOAD_SIZE) and refuses SVG
through WAGTAILIMAGES_EXTENSIONS, but it recognises an image by its first bytes
only and crashes later when Pillow cannot read the rest; the image form below
has Pillow read the whole file first. For documents Wagtail only checks the
extension; the document form below adds the size limit and a look at the first
bytes, so an HTML page renamed to .pdf or .txt is refused.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

SAFE_IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
MARKUP_MARKERS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe")
ZIP_MIMETYPES = {"docx": None, "odt": b"application/vnd.oasis.opendocument.text"}


def image_content_type(file) -> str | None:
    """The content type of an image Pillow recognises as JPEG, PNG, GIF or WebP; None for anything else."""
    from PIL import Image

    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
            kind = image.format
    except Exception:  # Pillow raises many kinds of errors on hostile files
        return None
    finally:
        file.seek(0)
    return SAFE_IMAGE_TYPES.get(kind)


def _head(file, size=2048) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _looks_like_markup(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(marker in start[:512] for marker in MARKUP_MARKERS)


def _zip_matches(file, extension) -> bool:
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if extension == "docx":
                return "[Content_Types].xml" in names and any(name.startswith("word/") for name in names)
            return "mimetype" in names and archive.read("mimetype").strip() == ZIP_MIMETYPES[extension]
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        file.seek(0)


def validate_document_file(file):
    """Size, and first bytes that fit the extension (pdf, docx, odt, txt)."""
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if file.size > limit:
        raise ValidationError(
            _("Dit bestand is te groot (%(size)s). Het maximum is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    head = _head(file)
    if extension == "pdf":
        valid = head.startswith(b"%PDF-")
    elif extension in ZIP_MIMETYPES:
        valid = head.startswith(b"PK\x03\x04") and _zip_matches(file, extension)
    elif extension == "txt":
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut off at the end of the sample is fine.
            valid = error.start >= len(head) - 3
        else:
            valid = True
        valid = valid and b"\x00" not in head and not _looks_like_markup(head)
    else:
        valid = False
    if not valid:
        raise ValidationError(
            _(
                "De inhoud van dit bestand past niet bij de extensie .%(extension)s. "
                "Upload een echt PDF-, Word-, OpenDocument- of tekstbestand."
            )
            % {"extension": extension or "?"},
            code="file_type_mismatch",
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with `validate_document_file`."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "size") and not getattr(file, "_committed", False):
            validate_document_file(file)
        return file


class RasterImageField(WagtailImageField):
    """Wagtail's image field, refusing in Dutch what Pillow cannot read as JPEG, PNG, GIF or WebP."""

    def to_python(self, data):
        within_limit = self.max_upload_size is None or getattr(data, "size", 0) <= self.max_upload_size
        if hasattr(data, "read") and within_limit and image_content_type(data) is None:
            raise ValidationError(
                _("Dit bestand is geen geldige afbeelding. Upload een echte JPEG-, PNG-, GIF- of WebP-afbeelding."),
                code="invalid_image",
            )
        return super().to_python(data)


class ImageForm(BaseImageForm):
    """Wagtail's image form (single and multiple upload) with `RasterImageField` for the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = RasterImageField(label=field.label, required=field.required, widget=field.widget)
