import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import PageViewRestriction, Site

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


@override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000")
def test_after_load_demo_the_sitemap_lists_urls_on_the_host_the_site_is_served_on(client):
    call_command("load_demo", stdout=io.StringIO())
    body = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "<loc>http://127.0.0.1:8000/</loc>" in body
    assert "<loc>http://127.0.0.1:8000/veelgestelde-vragen/</loc>" in body
    assert "localhost" not in body


@override_settings(WAGTAILADMIN_BASE_URL="https://portaal.example.org")
def test_load_demo_takes_an_https_base_url_without_a_port(client):
    call_command("load_demo", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portaal.example.org", 443)
    assert site.root_url == "https://portaal.example.org"
