import pytest
from django.test import Client

from tests.helpers import log_in
from tests.personas import login_verified


@pytest.mark.django_db
def test_the_admin_refuses_a_session_with_only_a_password(personas):
    client = Client()
    client.force_login(personas.dirk)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/admin/"


@pytest.mark.django_db
def test_every_admin_page_requires_the_second_factor(personas):
    client = Client()
    client.force_login(personas.dirk)
    for path in ("/admin/pages/", "/admin/users/", "/admin/inlogblokkades/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/inloggen/")


@pytest.mark.django_db
def test_the_admin_works_after_the_two_factor_login(client, personas):
    response = log_in(client, personas.dirk, next_url="/admin/")
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_staff_without_dossier_access_land_in_the_admin_after_login(client, personas):
    response = log_in(client, personas.eva)
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_the_wagtail_admin_login_url_routes_to_the_two_factor_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=%2Fadmin%2Fpages%2F"


@pytest.mark.django_db
def test_an_anonymous_admin_visit_goes_to_the_two_factor_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


@pytest.mark.django_db
def test_the_admin_login_url_does_not_accept_a_password_post(client, personas):
    response = client.post("/admin/login/", {"username": "dirk", "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_a_verified_staff_member_visiting_the_admin_login_goes_on_to_the_admin(personas):
    client = login_verified(Client(), personas.dirk)
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == "/admin/pages/"
