"""Where a login or confirmation returns to: only a path on this site, by one rule, wherever `next` is read."""

from unittest import mock

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from tests.personas import login_verified

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "abc",
    "javascript:alert(1)",
    "/admin/pages/\r\nSet-Cookie: sessionid=x",
    "/admin/\x7f",
]
SAFE = "/admin/pages/?p=2"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_admin_login_sends_verified_staff_home_for_a_hostile_next(personas, hostile):
    http = login_verified(Client(raise_request_exception=False), personas.dirk)
    response = http.get("/admin/login/", {"next": hostile})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_the_admin_login_returns_verified_staff_to_a_safe_next(personas):
    http = login_verified(Client(), personas.dirk)
    assert http.get("/admin/login/", {"next": SAFE})["Location"] == SAFE


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_admin_login_passes_no_hostile_next_on_to_the_login(db, hostile):
    response = Client(raise_request_exception=False).get("/admin/login/", {"next": hostile})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))
    assert "evil" not in response["Location"] and "Set-Cookie" not in response["Location"]


@pytest.mark.parametrize("hostile", [*HOSTILE, SAFE])
def test_the_confirmation_and_the_terms_return_only_to_a_safe_next(personas, hostile):
    http = login_verified(Client(raise_request_exception=False), personas.anna)
    expected = SAFE if hostile == SAFE else None
    reauth = http.get("/account/bevestigen/", {"next": hostile})
    assert reauth.status_code == 200
    assert reauth.context["next"] == (expected or reverse("accounts:profile"))
    terms = http.get("/account/voorwaarden/", {"next": hostile})
    assert terms.status_code == 302
    assert terms["Location"] == (expected or "/mijn-dossier/")


@pytest.mark.parametrize("hostile", [*HOSTILE, SAFE])
def test_the_digid_login_keeps_only_a_safe_next(db, hostile):
    from digid import services

    broker = mock.Mock()
    broker.authorize_redirect.return_value = HttpResponse("naar de broker")
    http = Client(raise_request_exception=False)
    with (
        mock.patch("digid.views.oidc.is_enabled", return_value=True),
        mock.patch("digid.views.oidc.broker", return_value=broker),
    ):
        assert http.get(reverse("digid:start"), {"next": hostile}).status_code == 200
    assert http.session[services.NEXT_SESSION_KEY] == (SAFE if hostile == SAFE else "")
