"""The import_dossier and import_source commands, and the import log in the admin."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dossier.models import Client, Report
from ecd_import.models import ImportRun, ImportStatus, SourceSystem, hash_token
from tests.personas import login_verified, make_user

EXAMPLES = Path(__file__).resolve().parent.parent / "ecd_import" / "examples"


@pytest.fixture
def source(db):
    return SourceSystem.objects.create(name="ecd-linde")


@pytest.fixture
def staff(db):
    return make_user("zorgmedewerker", first_name="Zorg", is_staff=True, mobile="+31600000009")


def import_dossier(*args):
    out, err = StringIO(), StringIO()
    call_command("import_dossier", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_a_folder_and_prints_a_summary(source, staff):
    out, err = import_dossier(EXAMPLES)

    assert "linde-dossier.json" in out and "linde-fhir-bundle.json" in out
    assert "rapportages: 4 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 ingetrokken, 0 afgewezen" in out
    assert err == ""
    assert Client.objects.filter(client_number__in=["10005", "10006"]).count() == 2
    assert ImportRun.objects.filter(status=ImportStatus.SUCCEEDED).count() == 2


def test_a_second_run_of_the_command_reports_everything_unchanged(source, staff):
    import_dossier(EXAMPLES / "linde-dossier.json")

    out, _ = import_dossier(EXAMPLES / "linde-dossier.json", "--source", "ecd-linde", "--format", "json")

    assert "rapportages: 0 nieuw, 0 gewijzigd, 2 ongewijzigd" in out
    assert "cliënten: 0 nieuw, 0 gewijzigd, 1 ongewijzigd" in out


def test_a_rejected_file_fails_the_command_and_names_the_problem(source, staff):
    with pytest.raises(CommandError, match="1 van 1"):
        import_dossier(EXAMPLES / "broken" / "broken-dossier.json")

    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    assert run.errors[0]["record"].endswith("reports[1] (id RAP-7-0002)")


def test_the_error_output_names_file_record_and_field(source, staff, tmp_path):
    shutil.copy(EXAMPLES / "broken" / "broken-dossier.json", tmp_path / "b.json")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_dossier", str(tmp_path / "b.json"), stdout=StringIO(), stderr=err)

    assert "b.json, clients[0] (cliëntnummer 10007) › reports[1] (id RAP-7-0002), veld 'written_at'" in err.getvalue()
    assert "niets uit b.json is opgeslagen" in err.getvalue()


def test_a_deeply_nested_file_is_refused_with_a_clear_message(source, tmp_path):
    (tmp_path / "diep.json").write_bytes(b"[" * 100_000)
    err = StringIO()

    with pytest.raises(CommandError, match="1 van 1"):
        call_command(
            "import_dossier", str(tmp_path / "diep.json"), "--source", "ecd-linde", stdout=StringIO(), stderr=err
        )

    assert "diep.json: te diep genest" in err.getvalue()
    assert ImportRun.objects.get().status == ImportStatus.FAILED


def test_a_deeply_nested_file_without_source_option_asks_for_the_source(source, tmp_path):
    (tmp_path / "diep.json").write_bytes(b'{"a":' * 100_000)

    with pytest.raises(CommandError, match="geef --source NAAM"):
        import_dossier(tmp_path / "diep.json")


def test_an_unregistered_source_is_refused_so_a_typo_cannot_duplicate_records(db, staff):
    with pytest.raises(CommandError, match="import_source add ecd-linde"):
        import_dossier(EXAMPLES / "linde-dossier.json")
    with pytest.raises(CommandError, match="Onbekend bronsysteem 'ecd-lnde'"):
        import_dossier(EXAMPLES / "linde-dossier.json", "--source", "ecd-lnde")


def test_a_file_for_another_source_than_given_is_refused(source, staff):
    SourceSystem.objects.create(name="ander-ecd")

    with pytest.raises(CommandError):
        import_dossier(EXAMPLES / "linde-dossier.json", "--source", "ander-ecd")

    assert not Client.objects.exists()


def test_long_imports_print_progress(source, personas, settings, tmp_path):
    settings.ECD_IMPORT_PROGRESS_EVERY = 2000
    reports = [
        {
            "id": f"R-{i}",
            "written_at": "2026-03-01T09:00:00+01:00",
            "department": "Lindehof",
            "author": "Iemand",
            "text": f"Rapportage {i}",
        }
        for i in range(4500)
    ]
    data = {"format": "mijndossier-import", "version": 1, "clients": [{"client_number": "100001", "reports": reports}]}
    (tmp_path / "veel.json").write_text(json.dumps(data))
    call_command("import_source", "link", "ecd-linde", "100001", stdout=StringIO())

    out, _ = import_dossier(tmp_path / "veel.json", "--source", "ecd-linde")

    progress = [line for line in out.splitlines() if "records verwerkt" in line]
    # Written in chunks of 2,000 after the one client: a line each time a multiple of 2,000 is passed.
    assert progress == ["  … 2.001 van 4.501 records verwerkt", "  … 4.001 van 4.501 records verwerkt"]
    assert Report.objects.count() == 4500


def test_import_source_add_shows_a_token_once_and_stores_its_hash(db):
    out = StringIO()
    call_command("import_source", "add", "nieuw-ecd", stdout=out)

    token = out.getvalue().strip().splitlines()[-1]
    system = SourceSystem.objects.get(name="nieuw-ecd")
    assert system.token_hash == hash_token(token)
    assert SourceSystem.objects.authenticate(token) == system


def test_import_source_deactivate_blocks_the_token(db):
    out = StringIO()
    call_command("import_source", "add", "nieuw-ecd", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]

    call_command("import_source", "deactivate", "nieuw-ecd", stdout=StringIO())

    assert SourceSystem.objects.authenticate(token) is None


@pytest.fixture
def admin_user(db):
    return make_user("beheer", is_staff=True, is_superuser=True, mobile="+31600000010")


def test_import_source_link_lets_a_source_feed_clients_made_by_staff(source, personas):
    out = StringIO()
    call_command("import_source", "link", "ecd-linde", "100001", "100002", stdout=out)

    assert "100001" in out.getvalue() and "100002" in out.getvalue()
    assert set(Client.objects.filter(external_source="ecd-linde").values_list("client_number", flat=True)) == {
        "100001",
        "100002",
    }


def test_import_source_link_refuses_a_client_of_another_source_and_an_unknown_number(source, personas):
    personas.client_b.external_source = "ander-ecd"
    personas.client_b.save()

    with pytest.raises(CommandError, match="100002 wordt gevoed door bronsysteem 'ander-ecd'"):
        call_command("import_source", "link", "ecd-linde", "100001", "100002", stdout=StringIO())
    with pytest.raises(CommandError, match="Onbekend cliëntnummer 999"):
        call_command("import_source", "link", "ecd-linde", "999", stdout=StringIO())

    assert not Client.objects.filter(external_source="ecd-linde").exists()


def test_staff_see_the_import_log_in_the_admin(client, admin_user, source, staff):
    import_dossier(EXAMPLES / "linde-dossier.json")
    run = ImportRun.objects.get()
    login_verified(client, admin_user)

    listing = client.get("/admin/ecd_import/importrun/")
    detail = client.get(f"/admin/ecd_import/importrun/inspect/{run.pk}/")
    filtered = client.get("/admin/ecd_import/importrun/?status__exact=failed")

    assert listing.status_code == 200
    assert "linde-dossier.json" in listing.content.decode()
    assert detail.status_code == 200
    assert "rapportages" in detail.content.decode()
    assert "linde-dossier.json" not in filtered.content.decode()


def test_the_import_log_cannot_be_edited_or_deleted(client, admin_user, source, staff):
    import_dossier(EXAMPLES / "linde-dossier.json")
    run = ImportRun.objects.get()
    login_verified(client, admin_user)

    assert client.get(f"/admin/ecd_import/importrun/edit/{run.pk}/").status_code in (403, 302)
    assert client.post(f"/admin/ecd_import/importrun/delete/{run.pk}/").status_code in (403, 302)
    assert ImportRun.objects.filter(pk=run.pk).exists()


def test_staff_without_permission_do_not_see_the_import_log(client, personas, source):
    login_verified(client, personas.eva)

    response = client.get("/admin/ecd_import/importrun/")

    assert response.status_code in (302, 403)


def test_creating_a_source_system_in_the_admin_shows_its_token_once(client, admin_user):
    login_verified(client, admin_user)

    response = client.post(
        "/admin/ecd_import/sourcesystem/create/", {"name": "admin-ecd", "description": "Test", "is_active": "on"}
    )

    assert response.status_code == 200
    system = SourceSystem.objects.get(name="admin-ecd")
    token = response.context["token"]
    assert system.token_hash == hash_token(token)
    assert token in response.content.decode()
    assert token not in client.get("/admin/ecd_import/sourcesystem/").content.decode()


def test_a_new_token_can_be_issued_from_the_admin(client, admin_user, source):
    old = source.issue_token()
    login_verified(client, admin_user)

    confirm = client.get(f"/admin/ecd-import/bronsystemen/{source.pk}/token/")
    response = client.post(f"/admin/ecd-import/bronsystemen/{source.pk}/token/")

    assert confirm.status_code == 200
    assert response.status_code == 200
    assert SourceSystem.objects.authenticate(old) is None
    assert SourceSystem.objects.authenticate(response.context["token"]) == source
