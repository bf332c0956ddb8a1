import io
import re

import pytest
from pypdf import PdfReader

from demo.public_content import MANUAL
from home.models import ManualPage

pytestmark = pytest.mark.django_db

CHAPTER_TITLES = [title for title, _intro, _steps in MANUAL]


def test_the_manual_shows_its_version_and_a_table_of_contents(client, public_site):
    response = client.get("/handleiding/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Versie 1.0, 15 januari 2026" in html
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    for title in CHAPTER_TITLES:
        assert title in toc
    anchors = re.findall(r'href="#(hoofdstuk-[^"]+)"', toc)
    assert len(anchors) == len(CHAPTER_TITLES)
    for anchor in anchors:
        assert f'id="{anchor}"' in html


def test_the_manual_links_to_its_pdf(client, public_site):
    html = client.get("/handleiding/").content.decode()
    assert 'href="/handleiding/pdf/"' in html
    assert "Download als PDF" in html


def test_the_manual_pdf_downloads_as_a_real_pdf_with_every_chapter_title(client, public_site):
    response = client.get("/handleiding/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="handleiding-mijndossier-1-0.pdf"'
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for title in CHAPTER_TITLES:
        assert title in text


def test_an_unknown_route_under_the_manual_is_a_404(client, public_site):
    assert client.get("/handleiding/bestaat-niet/").status_code == 404


def test_chapter_anchors_stay_unique_when_titles_repeat(public_site):
    manual = ManualPage.objects.get()
    chapter = {"title": "Inloggen", "intro": "", "steps": []}
    manual.chapters = [("chapter", chapter), ("chapter", dict(chapter))]
    assert [anchor for anchor, _n, _c in manual.chapter_list()] == ["hoofdstuk-inloggen", "hoofdstuk-inloggen-2"]


def test_the_manual_pdf_is_rendered_once_and_again_only_after_a_publish(client, public_site, monkeypatch):
    from django.core.cache import cache

    import home.models

    cache.clear()
    renders = []
    real_render = home.models.render_pdf
    monkeypatch.setattr(
        home.models, "render_pdf", lambda *args, **kwargs: renders.append(1) or real_render(*args, **kwargs)
    )

    first = client.get("/handleiding/pdf/").content
    assert client.get("/handleiding/pdf/").content == first
    assert len(renders) == 1, "anonymous visitors must not make WeasyPrint render the manual on every request"

    manual = ManualPage.objects.get()
    manual.title = "Handleiding MijnDossier nieuw"
    manual.save_revision().publish()
    updated = client.get("/handleiding/pdf/")
    assert len(renders) == 2
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(updated.content)).pages)
    assert "Handleiding MijnDossier nieuw" in " ".join(text.split())
