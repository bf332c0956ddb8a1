"""Bearer secrets (session keys, SMS codes, import tokens) are never stored in clear in our own tables."""

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from accounts.models import UserSession
from tests.personas import login_verified

OWN_APPS = ("accounts", "backoffice", "dossier", "ecd_import", "home", "signing", "search", "dossier_pages")


def _stored_text_values():
    for app_label in OWN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            fields = [
                f.attname for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
            ]
            for row in model.objects.values_list(*fields) if fields else []:
                yield from (str(value) for value in row)


@pytest.mark.django_db
def test_a_session_key_is_stored_in_none_of_our_tables(personas):
    http = login_verified(Client(), personas.anna)
    session_key = http.session.session_key
    assert UserSession.objects.filter(user=personas.anna).exists()
    assert not [value for value in _stored_text_values() if session_key in value]


@pytest.mark.django_db
def test_an_ended_session_is_logged_out_on_its_next_request(personas):
    http = login_verified(Client(), personas.anna)
    assert http.get("/account/profiel/").status_code == 200
    UserSession.objects.filter(user=personas.anna).delete()
    response = http.get("/account/profiel/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")
    assert "_auth_user_id" not in http.session


@pytest.mark.django_db
def test_the_current_session_stays_listed_and_alive_after_a_password_change(personas):
    from django.contrib.auth import update_session_auth_hash
    from django.test import RequestFactory

    http = login_verified(Client(), personas.anna)
    request = RequestFactory().get("/")
    request.session = http.session
    personas.anna.set_password("een heel nieuw wachtwoord 42")
    personas.anna.save()
    request.user = personas.anna
    update_session_auth_hash(request, personas.anna)
    request.session.save()
    http.cookies["sessionid"] = request.session.session_key
    page = http.get("/account/profiel/")
    assert page.status_code == 200
    assert "deze sessie" in page.content.decode()
