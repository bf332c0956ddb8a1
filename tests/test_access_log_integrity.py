"""The access log holds up in an audit: stable keys, NEN 7513 fields, no FK rewrites, database guards, a hash chain."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import override

from dossier import log_integrity
from dossier.access_log import log_access
from dossier.models import (
    AccessAction,
    AccessLogEntry,
    AccessOutcome,
    AccessPurpose,
    Client,
    ObjectType,
    OutcomeCode,
)
from tests.personas import login_verified, make_user

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's triggers and locks")
TABLE = log_integrity.TABLE


def _request(user):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    request.user = user
    return request


def _write(user, client, **extra):
    return log_access(_request(user), action=AccessAction.READ, object_type=ObjectType.REPORTS, client=client, **extra)


@pytest.fixture
def beheerder(client, personas):
    admin = make_user("bas", first_name="Bas", last_name="Beheer", mobile="+31688888888", is_staff=True)
    admin.is_superuser = True
    admin.save()
    return login_verified(client, admin)


def test_deleting_a_client_in_the_admin_is_logged_first_and_leaves_the_log_unchanged(beheerder, personas):
    client_b = personas.client_b
    old = _write(personas.ben, client_b)
    before = list(AccessLogEntry.objects.filter(pk=old.pk).values())
    response = beheerder.post(f"/admin/dossier/client/delete/{client_b.pk}/")
    assert response.status_code == 302
    assert not Client.objects.filter(pk=client_b.pk).exists()
    assert list(AccessLogEntry.objects.filter(pk=old.pk).values()) == before
    assert AccessLogEntry.objects.get(pk=old.pk).client_id == client_b.pk
    deletion = AccessLogEntry.objects.get(action=AccessAction.DELETE)
    assert (deletion.client_id, deletion.client_number, deletion.object_type) == (
        client_b.pk,
        "100002",
        ObjectType.CLIENT,
    )
    assert deletion.outcome == AccessOutcome.ALLOWED


def test_a_refused_client_delete_is_logged_and_deletes_nothing(client, personas):
    login_verified(client, personas.dirk)
    client.post(f"/admin/dossier/client/delete/{personas.client_a.pk}/")
    assert Client.objects.filter(pk=personas.client_a.pk).exists()
    refusal = AccessLogEntry.objects.get(action=AccessAction.DELETE)
    assert refusal.outcome == AccessOutcome.DENIED
    assert refusal.client_id == personas.client_a.pk


def test_deleting_a_user_leaves_their_log_rows_unchanged_and_is_logged(beheerder, personas):
    old = _write(personas.ben, personas.client_a)
    before = list(AccessLogEntry.objects.filter(pk=old.pk).values())
    response = beheerder.post(f"/admin/users/delete/{personas.ben.pk}/")
    assert response.status_code == 302
    assert list(AccessLogEntry.objects.filter(pk=old.pk).values()) == before
    assert AccessLogEntry.objects.filter(
        action=AccessAction.DELETE, object_type=ObjectType.PORTAL_ACCOUNT, object_id=str(personas.ben.pk)
    ).exists()


def test_the_kind_of_data_is_the_same_key_whatever_the_admins_language(client, personas):
    login_verified(client, personas.dirk)
    report = personas.client_a.reports.create(
        written_at=timezone.now(), department="Wonen", author_name="Dirk", text="tekst"
    )
    for language in ("nl", "en"):
        with override(language):
            client.get(f"/admin/dossier/report/inspect/{report.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert set(AccessLogEntry.objects.values_list("object_type", flat=True)) == {ObjectType.REPORT}


def test_every_object_type_written_by_the_code_is_a_key_of_the_enum(personas):
    entry = _write(personas.anna, personas.client_a)
    assert entry.object_type in ObjectType.values
    with pytest.raises(ValueError):
        _write_raw_type(personas)


def _write_raw_type(personas):
    return log_access(_request(personas.anna), action=AccessAction.READ, object_type="rapportage")


def test_an_entry_records_purpose_authorisation_basis_source_and_outcome_code(personas, settings):
    settings.ACCESS_LOG_SOURCE_SYSTEM = "MijnDossier prod-1"
    own = _write(personas.anna, personas.client_a)
    assert own.purpose == AccessPurpose.OWN_ACCESS
    assert own.authorisation_basis.startswith("dossier_access:")
    assert own.source_system == "MijnDossier prod-1"
    assert own.outcome_code == OutcomeCode.OK
    representative = _write(personas.ben, personas.client_a)
    assert representative.purpose == AccessPurpose.REPRESENTATION
    care = _write(personas.dirk, personas.client_a)
    assert care.purpose == AccessPurpose.CARE
    assert "team:" in care.authorisation_basis and "care_team_membership:" in care.authorisation_basis
    assert care.user_role == "persoonlijk begeleider, team De Linde"
    refused = _write(personas.carla, personas.client_a, outcome=AccessOutcome.DENIED)
    assert (refused.outcome_code, refused.authorisation_basis) == (OutcomeCode.NO_ACCESS, "no_valid_dossier_access")


def test_old_rows_are_migrated_to_the_stable_keys(personas):
    from importlib import import_module

    migration = import_module("dossier.migrations.0003_access_log_keys_chain_and_guards")
    assert migration.OLD_SPELLINGS["rapportage"] == "report"
    assert migration.OLD_SPELLINGS["report"] == "report"
    assert migration.OLD_SPELLINGS["cliëntplan"] == migration.OLD_SPELLINGS["client plan"] == "client_plan"
    assert migration.OLD_SPELLINGS["dossierimport"] == "dossier_import"
    assert set(ObjectType.values) >= migration.KNOWN_KEYS


# --- append-only in the database ---------------------------------------------------------------


def test_a_raw_sql_update_of_the_log_is_refused_by_the_database(personas):
    entry = _write(personas.anna, personas.client_a)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET detail = 'vervalst' WHERE id = %s", [entry.pk])  # noqa: S608
    assert AccessLogEntry.objects.get(pk=entry.pk).detail == ""


@on_postgresql
def test_a_raw_sql_delete_of_the_log_is_refused_by_the_database(personas):
    entry = _write(personas.anna, personas.client_a)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])  # noqa: S608
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


@on_postgresql
def test_even_the_purge_path_cannot_delete_entries_younger_than_five_years(personas):
    entry = _write(personas.anna, personas.client_a)
    with pytest.raises(DatabaseError), log_integrity.purging() as rows:
        rows.filter(pk=entry.pk).delete()
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("days", ["0", "30", "1824"])
def test_the_purge_refuses_a_retention_flag_below_five_years(personas, days):
    with pytest.raises(CommandError, match="at least 1825 days"):
        call_command("purge_access_log", "--days", days, stdout=StringIO())


def test_the_purge_refuses_a_retention_setting_below_five_years(personas, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    with pytest.raises(CommandError, match="at least 1825 days"):
        call_command("purge_access_log", stdout=StringIO())


# --- hash chain ----------------------------------------------------------------------------------


def _behind_the_applications_back(sql, params):
    """Change the table with the guard switched off, as someone with direct database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER dossier_access_log_append_only")
            cursor.execute(sql, params)
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER dossier_access_log_append_only")
        else:
            cursor.execute(log_integrity.SQLITE_UNINSTALL)
            cursor.execute(sql, params)
            cursor.execute(log_integrity.SQLITE_INSTALL)


def _three_entries(personas):
    return [_write(personas.anna, personas.client_a, detail=str(n)) for n in range(3)]


def test_each_entry_chains_to_the_one_before(personas):
    first, second, third = _three_entries(personas)
    rows = list(AccessLogEntry.objects.in_chain_order())
    assert [row.pk for row in rows] == [first.pk, second.pk, third.pk]
    assert rows[1].prev_hash == rows[0].entry_hash and rows[2].prev_hash == rows[1].entry_hash
    assert all(len(row.entry_hash) == 64 for row in rows)
    assert first.entry_hash == rows[0].entry_hash  # the hash is known right after the insert
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    assert "intact: 3 entries checked" in out.getvalue()


def test_verification_finds_an_entry_edited_behind_the_applications_back(personas):
    _first, second, _third = _three_entries(personas)
    _behind_the_applications_back(f"UPDATE {TABLE} SET user_display = 'Iemand anders' WHERE id = %s", [second.pk])  # noqa: S608
    with pytest.raises(CommandError) as error:
        call_command("verify_access_log", stdout=StringIO())
    assert f"chain index {second.chain_index} (entry id {second.pk})" in str(error.value)
    assert "content does not match" in str(error.value)


def test_verification_finds_an_entry_removed_behind_the_applications_back(personas):
    _first, second, _third = _three_entries(personas)
    _behind_the_applications_back(f"DELETE FROM {TABLE} WHERE id = %s", [second.pk])  # noqa: S608
    with pytest.raises(CommandError) as error:
        call_command("verify_access_log", stdout=StringIO())
    assert f"chain index {second.chain_index}" in str(error.value) and "missing" in str(error.value)


def test_verification_finds_a_rehashed_entry_whose_successor_still_points_at_the_old_hash(personas):
    _first, second, third = _three_entries(personas)
    forged = AccessLogEntry.objects.get(pk=second.pk)
    forged.detail = "vervalst"
    forged_hash = log_integrity.hash_of(forged, forged.prev_hash)
    _behind_the_applications_back(
        f"UPDATE {TABLE} SET detail = 'vervalst', entry_hash = %s WHERE id = %s",  # noqa: S608
        [forged_hash, second.pk],
    )
    with pytest.raises(CommandError) as error:
        call_command("verify_access_log", stdout=StringIO())
    assert f"chain index {third.chain_index}" in str(error.value)


def test_the_purge_keeps_the_chain_verifiable_and_logs_itself(personas):
    now = timezone.now()
    for days in (4000, 3000, 10):
        AccessLogEntry.objects.create(
            occurred_at=now - timedelta(days=days),
            action=AccessAction.READ,
            object_type=ObjectType.REPORTS,
            client=personas.client_a,
            detail=str(days),
        )
    call_command("purge_access_log", stdout=StringIO())
    assert set(AccessLogEntry.objects.filter(action=AccessAction.READ).values_list("detail", flat=True)) == {"10"}
    purge = AccessLogEntry.objects.get(action=AccessAction.PURGE)
    assert purge.detail.startswith("2 regels")
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    assert "intact: 2 entries checked from chain index 3" in out.getvalue()


# --- completeness and the client's own view --------------------------------------------------------


def test_reading_the_clients_photo_is_logged(client, personas, dossier_page):
    from django.core.files.base import ContentFile

    from tests.helpers import png_bytes

    personas.client_a.photo.save("anna.png", ContentFile(png_bytes()), save=True)
    login_verified(client, personas.anna)
    assert client.get("/mijn-dossier/foto/").status_code == 200
    assert AccessLogEntry.objects.filter(object_type=ObjectType.PHOTO, user=personas.anna).count() == 1
