"""Uploads are checked by content and size; nothing uploaded is ever served inline as SVG or HTML."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.application import APPLICATION_FIELD_CHOICES
from tests.helpers import png_bytes
from tests.personas import login_verified, make_user

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes():
    """The same bytes on every call: they are part of the test ids, which each xdist worker must collect alike."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<document/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


@pytest.fixture
def editor(client, db):
    user = make_user("bas", mobile="+31688888888", is_staff=True, is_superuser=True)
    return login_verified(client, user)


def upload_image(http, name, content):
    return http.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
    )


def upload_document(http, name, content):
    return http.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
    )


def test_a_real_png_is_accepted_as_an_image(editor):
    response = upload_image(editor, "logo.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize(
    "name,content",
    [
        ("tekening.svg", SVG),  # SVG is not an allowed image type at all
        ("pagina.png", HTML),  # HTML with an image extension
        ("tekening.png", SVG),  # SVG with an image extension
        ("foto.jpg", png_bytes()),  # a PNG called .jpg: Wagtail compares content and extension
    ],
)
def test_an_image_upload_is_checked_by_its_content(editor, name, content):
    response = upload_image(editor, name, content)
    assert response.status_code == 200
    assert get_image_model().objects.count() == 0
    assert "error" in response.content.decode()


FAKE_GIF = b"GIF89a" + b"not an image"
NOT_AN_IMAGE = "Dit bestand is geen geldige afbeelding"


@pytest.fixture
def eva(client, personas):
    return login_verified(client, personas.eva)


@pytest.mark.parametrize("name", ["nep.gif", "nep.png"])
def test_an_image_whose_first_bytes_only_claim_gif_gets_a_dutch_form_error(eva, name):
    response = upload_image(eva, name, FAKE_GIF)

    assert response.status_code == 200
    assert NOT_AN_IMAGE in response.content.decode()
    assert get_image_model().objects.count() == 0


def test_the_multiple_image_uploader_refuses_a_fake_gif_in_dutch(eva):
    response = eva.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("nep.gif", FAKE_GIF), "collection": Collection.get_first_root_node().pk},
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert NOT_AN_IMAGE in response.json()["error_message"]
    assert get_image_model().objects.count() == 0


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024)
def test_an_image_larger_than_the_limit_is_refused(editor):
    response = upload_image(editor, "groot.png", png_bytes((600, 600)) + b"\x00" * 2048)
    assert response.status_code == 200
    assert get_image_model().objects.count() == 0


@pytest.mark.parametrize(
    "name,content", [("folder.pdf", PDF), ("brief.docx", docx_bytes()), ("leesmij.txt", b"Welkom in Zonnedal.")]
)
def test_real_documents_are_accepted(editor, name, content):
    response = upload_document(editor, name, content)
    assert response.status_code == 302
    assert get_document_model().objects.count() == 1


@pytest.mark.parametrize(
    "name,content",
    [
        ("folder.pdf", HTML),
        ("leesmij.txt", HTML),
        ("leesmij.txt", SVG),
        ("brief.docx", PDF),
        ("brief.odt", docx_bytes()),
        ("pagina.html", HTML),
        ("tekening.svg", SVG),
        ("programma.exe", b"MZ\x90\x00"),
        ("leeg.pdf", b""),
    ],
)
def test_a_document_whose_content_does_not_fit_its_extension_is_refused(editor, name, content):
    response = upload_document(editor, name, content)
    assert response.status_code == 200
    assert get_document_model().objects.count() == 0


def test_the_refusal_of_a_disguised_document_is_explained_in_dutch(editor):
    response = upload_document(editor, "folder.pdf", HTML)
    assert "De inhoud van dit bestand past niet bij de extensie .pdf" in response.content.decode()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=100)
def test_a_document_larger_than_the_limit_is_refused_in_dutch(editor):
    response = upload_document(editor, "folder.pdf", PDF + b"0" * 200)
    assert get_document_model().objects.count() == 0
    assert "Dit bestand is te groot" in response.content.decode()


def test_the_multiple_uploader_checks_documents_too(editor):
    response = editor.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("folder.pdf", HTML), "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert get_document_model().objects.count() == 0


@pytest.mark.parametrize("name,content", [("folder.pdf", PDF), ("leesmij.txt", b"Welkom")])
def test_documents_are_always_downloaded_never_shown_inline(client, db, name, content):
    document = get_document_model().objects.create(title=name, file=ContentFile(content, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_application_form_has_no_file_upload_field():
    assert not [kind for kind, _label in APPLICATION_FIELD_CHOICES if "file" in kind or "upload" in kind]


def test_a_client_photo_that_is_not_a_raster_image_is_a_download(client, personas, dossier_page):
    personas.client_a.photo.save("anna.svg", ContentFile(SVG), save=True)
    login_verified(client, personas.anna)
    from terms.acceptance import accept_current_terms

    accept_current_terms(personas.anna)
    response = client.get("/mijn-dossier/foto/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_client_photo_in_png_is_shown_inline(client, personas, dossier_page):
    personas.client_a.photo.save("anna.png", ContentFile(png_bytes()), save=True)
    login_verified(client, personas.anna)
    response = client.get("/mijn-dossier/foto/")
    assert response["Content-Type"] == "image/png"
    assert "attachment" not in response.get("Content-Disposition", "")
