"""Every response carries the security headers: strict CSP, frame protection, nosniff, referrer and permissions."""

import pytest
from wagtail.models import Page, Site

from home.models import HomePage
from tests.personas import login_verified, make_user


def directives(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def assert_security_headers(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.fixture
def home_page(db):
    home = Page.get_first_root_node().add_child(instance=HomePage(title="Zorggroep De Linde", slug="de-linde"))
    Site.objects.filter(is_default_site=True).update(root_page=home)
    Site.clear_site_root_paths_cache()
    yield home
    # The rollback after the test does not reach Wagtail's cached site root paths.
    Site.clear_site_root_paths_cache()


def test_a_public_page_has_the_strict_security_headers(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_login_page_has_the_strict_security_headers(client, db):
    response = client.get("/account/inloggen/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_a_dossier_page_has_the_strict_security_headers(client, personas, dossier_page):
    login_verified(client, personas.anna)
    response = client.get("/mijn-dossier/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_a_page_that_does_not_exist_has_the_strict_security_headers(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_a_static_file_has_the_security_headers(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "huisstijl.css").write_text("body { color: #222; }")
    response = client.get("/static/huisstijl.css")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_only_the_wagtail_admin_may_run_inline_scripts_and_frame_its_own_previews(client, db):
    admin = make_user("beheer", is_staff=True, is_superuser=True, mobile="+31677777777")
    login_verified(client, admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_hsts_is_sent_over_https_with_the_production_values(client, home_page, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
