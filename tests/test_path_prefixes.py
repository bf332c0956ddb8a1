"""The portal's path prefixes live in the settings; the URLs, the access guard and the cache headers follow them."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = [
    "accounts",
    "afschrift",
    "backoffice",
    "cms",
    "conversations",
    "demo",
    "digid",
    "dossier",
    "dossier_pages",
    "ecd_import",
    "home",
    "search",
    "signing",
]


def test_the_admin_lives_at_its_prefix_setting():
    assert reverse("wagtailadmin_home") == settings.WAGTAIL_ADMIN_PATH_PREFIX
    assert reverse("admin_login").startswith(settings.WAGTAIL_ADMIN_PATH_PREFIX)


def test_the_account_pages_live_at_their_prefix_setting():
    for name in ("two_factor:login", "accounts:profile", "accounts:accept_terms", "digid:start"):
        assert reverse(name).startswith(settings.ACCOUNT_PATH_PREFIX), name


def test_every_path_the_portal_guards_is_never_cached_either():
    assert set(settings.PORTAL_PROTECTED_PATH_PREFIXES) <= set(settings.PRIVATE_PATH_PREFIXES)
    assert settings.LOGIN_REDIRECT_URL == settings.DOSSIER_PATH_PREFIX


@pytest.mark.django_db
def test_the_access_guard_and_the_cache_headers_follow_the_prefix_settings():
    """A prefix added to the settings is guarded and private at once: no copy of the list elsewhere."""
    protected = [*settings.PORTAL_PROTECTED_PATH_PREFIXES, "/zoeken/"]
    with override_settings(PORTAL_PROTECTED_PATH_PREFIXES=protected, PRIVATE_PATH_PREFIXES=protected):
        response = Client().get("/zoeken/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))
    assert "no-store" in response["Cache-Control"]


def _path_literals(path):
    tree = ast.parse(path.read_text())
    prefixes = {settings.DOSSIER_PATH_PREFIX, settings.ACCOUNT_PATH_PREFIX, settings.WAGTAIL_ADMIN_PATH_PREFIX}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in prefixes:
            yield f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}"


def test_no_python_module_writes_a_portal_prefix_itself():
    found = []
    for package in PROJECT_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "settings" in path.parts or "migrations" in path.parts:
                continue
            found.extend(_path_literals(path))
    assert not found, "\n".join(found)
