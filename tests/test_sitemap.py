import pytest
from wagtail.models import PageViewRestriction

from home.models import ContentPage

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_the_public_pages(client, public_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for path in ("/", "/over-mijndossier/", "/veelgestelde-vragen/", "/handleiding/", "/toegang-aanvragen/"):
        assert f"<loc>http://localhost{path}</loc>" in body
    assert "<loc>http://localhost/gebruikersvoorwaarden/</loc>" in body


def test_the_sitemap_leaves_out_drafts_and_private_pages(client, public_site):
    public_site.add_child(instance=ContentPage(title="Concept", slug="concept", body="<p>x</p>", live=False))
    private = ContentPage(title="Intern", slug="intern", body="<p>x</p>")
    public_site.add_child(instance=private)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="geheim")
    body = client.get("/sitemap.xml").content.decode()
    assert "/concept/" not in body
    assert "/intern/" not in body
