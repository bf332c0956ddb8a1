"""Editing a portal account in the admin: saves, Dutch errors, logged, and only by staff who manage all its clients."""

import pytest

from dossier.models import AccessAction, AccessLogEntry, RelationshipType
from tests.personas import grant, login_verified

ACCOUNTS = "/admin/backoffice/portalaccount/"


def _edit(client, account, **data):
    fields = {"first_name": account.first_name, "last_name": account.last_name, "email": account.email}
    fields.update(data)
    return client.post(f"{ACCOUNTS}edit/{account.pk}/", fields)


@pytest.mark.django_db
def test_a_care_worker_saves_a_changed_email_of_a_portal_account(client, personas):
    login_verified(client, personas.dirk)
    response = _edit(client, personas.anna, email="anna.nieuw@example.org")
    assert response.status_code == 302
    personas.anna.refresh_from_db()
    assert personas.anna.email == "anna.nieuw@example.org"
    entry = AccessLogEntry.objects.filter(action=AccessAction.CHANGE, object_id=str(personas.anna.pk)).get()
    assert "anna.nieuw@example.org" not in entry.detail
    assert "e-mailadres" in entry.detail


@pytest.mark.django_db
def test_a_bad_email_gets_a_dutch_error_and_keeps_the_input(client, personas):
    login_verified(client, personas.dirk)
    response = _edit(client, personas.anna, email="geen-adres", first_name="Annie")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Voer een geldig e-mailadres in" in body
    assert 'value="Annie"' in body
    personas.anna.refresh_from_db()
    assert personas.anna.first_name == "Anna"


@pytest.mark.django_db
def test_a_care_worker_cannot_change_an_account_that_also_reads_another_teams_client(client, personas):
    grant(personas.ben, personas.client_c, RelationshipType.MENTOR)
    login_verified(client, personas.dirk)
    assert _edit(client, personas.ben, email="ben.kaper@example.org").status_code in (302, 403)
    personas.ben.refresh_from_db()
    assert personas.ben.email == "ben@example.org"
    for action in ("deactivate", "reset_second_factor"):
        client.post(f"{ACCOUNTS}{action}/{personas.ben.pk}/", {"confirm": "1", "method": "id", "mobile_number": ""})
    personas.ben.refresh_from_db()
    assert personas.ben.is_active


@pytest.mark.django_db
def test_a_care_worker_sees_only_their_own_teams_part_of_a_shared_account(client, personas):
    grant(personas.ben, personas.client_c, RelationshipType.MENTOR)
    login_verified(client, personas.dirk)
    listing = client.get(ACCOUNTS).content.decode()
    assert "Bram Bakker" in listing
    assert "Carla Smit" not in listing
    inspect = client.get(f"{ACCOUNTS}inspect/{personas.ben.pk}/")
    assert inspect.status_code == 200
    assert "Carla" not in inspect.content.decode()
    assert f"{ACCOUNTS}edit/{personas.ben.pk}/" not in listing


@pytest.mark.django_db
def test_staff_with_all_clients_may_change_a_shared_account(client, personas):
    from django.contrib.auth.models import Permission

    grant(personas.ben, personas.client_c, RelationshipType.MENTOR)
    personas.dirk.user_permissions.add(Permission.objects.get(codename="manage_all_clients"))
    login_verified(client, personas.dirk)
    assert _edit(client, personas.ben, email="ben.nieuw@example.org").status_code == 302
    personas.ben.refresh_from_db()
    assert personas.ben.email == "ben.nieuw@example.org"
