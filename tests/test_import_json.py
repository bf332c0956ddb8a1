"""Importing our own JSON format: round trip, idempotency, updates, withdrawal and rollback."""

import copy
import json
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from dossier.models import (
    AccessAction,
    AccessLogEntry,
    Appointment,
    CareAgreement,
    CareTeamMembership,
    Client,
    ClientPlan,
    Evaluation,
    PlanStatus,
    Report,
    Team,
)
from ecd_import.importer import import_data, import_file
from ecd_import.models import ImportRun, ImportStatus, ImportTrigger, SourceSystem
from tests.personas import make_user

EXAMPLES = Path(__file__).resolve().parent.parent / "ecd_import" / "examples"
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def source(db):
    return SourceSystem.objects.create(name="ecd-linde")


@pytest.fixture
def staff(db):
    return make_user("zorgmedewerker", first_name="Zorg", is_staff=True, mobile="+31600000009")


@pytest.fixture
def example():
    return json.loads((EXAMPLES / "linde-dossier.json").read_text())


def link(source, client):
    call_command("import_source", "link", source.name, client.client_number, stdout=StringIO())


def run(data, source, **options):
    return import_data(data, source=source, file_name="test.json", trigger=ImportTrigger.COMMAND, **options)


def test_the_example_file_round_trips_every_field(source, staff, example):
    outcome = run(example, source)

    assert outcome.ok, outcome.errors
    team = Team.objects.get(name="Lindehof")
    assert team.location == "Lindelaan 4, Zonnedal"
    client = Client.objects.get(client_number="10005")
    assert (client.first_name, client.last_name, client.date_of_birth) == ("Jolanda", "Verbeek", date(1961, 9, 14))
    assert (client.street, client.postal_code, client.city) == ("Beukenlaan 12", "7411 AB", "Zonnedal")
    assert (client.phone, client.email) == ("0570 654 321", "j.verbeek@voorbeeld.example")
    assert client.team == team
    assert client.personal_counsellor == staff
    assert client.external_source == "ecd-linde"
    membership = CareTeamMembership.objects.get(client=client)
    assert (membership.staff_member, membership.role, membership.external_id) == (
        staff,
        "Persoonlijk begeleider",
        "ZT-5-1",
    )
    assert (membership.valid_from, membership.valid_until) == (date(2026, 1, 1), None)
    plan = ClientPlan.objects.get(client=client)
    assert (plan.external_source, plan.external_id, plan.title, plan.version) == (
        "ecd-linde",
        "CP-5-2026",
        "Cliëntplan 2026",
        1,
    )
    assert (plan.period_start, plan.period_end, plan.status) == (date(2026, 1, 1), date(2026, 12, 31), "final")
    assert plan.content.startswith("Doel 1: Jolanda houdt")
    evaluation = Evaluation.objects.get(client=client)
    assert (evaluation.external_id, evaluation.evaluated_on, evaluation.plan, evaluation.title) == (
        "EV-5-2026-1",
        date(2026, 2, 27),
        plan,
        "Evaluatie na acht weken",
    )
    assert evaluation.content.startswith("Het dagschema werkt goed")
    reports = Report.objects.filter(client=client).order_by("written_at")
    assert [r.external_id for r in reports] == ["RAP-5-0001", "RAP-5-0002"]
    first = reports[0]
    assert first.written_at == datetime(2026, 3, 1, 9, 15, tzinfo=AMS)
    assert (first.department, first.author_name, first.treatment_goal) == (
        "Lindehof, woongroep 2",
        "Zorgmedewerker De Linde",
        "Eigen dagritme",
    )
    assert first.text.startswith("Jolanda was vanochtend")
    assert first.withdrawn_at is None
    agreement = CareAgreement.objects.get(client=client)
    assert (agreement.external_id, agreement.product, agreement.period_start, agreement.period_end) == (
        "ZO-5-2026",
        "Wonen met begeleiding (verblijf)",
        date(2026, 1, 1),
        None,
    )
    assert agreement.signed_on == date(2025, 12, 15)
    assert agreement.content.startswith("Verblijf op Lindehof")
    appointment = Appointment.objects.get(client=client)
    assert (appointment.starts_at, appointment.ends_at) == (
        datetime(2026, 3, 10, 14, 0, tzinfo=AMS),
        datetime(2026, 3, 10, 15, 0, tzinfo=AMS),
    )
    assert (appointment.title, appointment.location, appointment.with_whom) == (
        "Evaluatiegesprek cliëntplan",
        "Lindehof, spreekkamer",
        "Persoonlijk begeleider",
    )
    assert outcome.run.counts["report"]["created"] == 2
    assert outcome.run.status == ImportStatus.SUCCEEDED


def test_importing_the_same_file_twice_changes_nothing(source, staff, example):
    run(example, source)
    stamps = {
        model: dict(model.objects.values_list("pk", "updated_at"))
        for model in (Client, ClientPlan, Evaluation, Report, CareAgreement, Appointment)
    }
    memberships = list(CareTeamMembership.objects.values())

    second = run(example, source)

    assert second.ok
    assert second.tally.total("created") == second.tally.total("updated") == second.tally.total("withdrawn") == 0
    assert second.run.counts["report"]["unchanged"] == 2
    assert second.run.counts["client"]["unchanged"] == 1
    for model, before in stamps.items():
        assert dict(model.objects.values_list("pk", "updated_at")) == before, model
    assert list(CareTeamMembership.objects.values()) == memberships


def test_a_changed_record_is_updated_and_only_that_one(source, staff, example):
    run(example, source)
    untouched = Report.objects.get(external_id="RAP-5-0002").updated_at
    changed = copy.deepcopy(example)
    changed["clients"][0]["reports"][0]["text"] = "Tekst aangepast in het ECD."
    changed["clients"][0]["city"] = "Lindeoord"

    outcome = run(changed, source)

    assert outcome.run.counts["report"] == {
        "created": 0,
        "updated": 1,
        "unchanged": 1,
        "withdrawn": 0,
        "rejected": 0,
    }
    assert Report.objects.get(external_id="RAP-5-0001").text == "Tekst aangepast in het ECD."
    assert Report.objects.get(external_id="RAP-5-0002").updated_at == untouched
    assert Client.objects.get(client_number="10005").city == "Lindeoord"


def test_records_missing_from_the_file_stay_unless_withdraw_missing_is_asked(source, staff, example):
    run(example, source)
    smaller = copy.deepcopy(example)
    del smaller["clients"][0]["reports"][1]
    smaller["clients"][0]["appointments"] = []

    run(smaller, source)
    assert Report.objects.get(external_id="RAP-5-0002").withdrawn_at is None

    outcome = run(smaller, source, withdraw_missing=True)
    assert outcome.run.counts["report"]["withdrawn"] == 1
    assert outcome.run.counts["appointment"]["withdrawn"] == 1
    assert Report.objects.get(external_id="RAP-5-0002").withdrawn_at is not None
    assert Report.objects.get(external_id="RAP-5-0001").withdrawn_at is None
    assert Appointment.objects.get(external_id="AF-5-0301").withdrawn_at is not None


def test_withdraw_missing_leaves_other_clients_and_other_sources_alone(source, staff, example, personas):
    run(example, source)
    other = SourceSystem.objects.create(name="ander-ecd")
    foreign = Report.objects.create(
        client=Client.objects.get(client_number="10005"),
        external_source=other.name,
        external_id="X-1",
        written_at=datetime(2026, 1, 1, tzinfo=AMS),
        department="Elders",
        author_name="Iemand",
        text="Van een ander bronsysteem.",
    )
    elsewhere = copy.deepcopy(example)
    elsewhere["clients"][0]["reports"] = []

    run(elsewhere, source, withdraw_missing=True)

    foreign.refresh_from_db()
    assert foreign.withdrawn_at is None


def test_an_explicitly_withdrawn_record_is_hidden_and_comes_back_when_delivered_again(source, staff, example, personas):
    run(example, source)
    withdrawn = copy.deepcopy(example)
    withdrawn["clients"][0]["reports"][0] = {"id": "RAP-5-0001", "withdrawn": True}

    outcome = run(withdrawn, source)

    assert outcome.run.counts["report"]["withdrawn"] == 1
    report = Report.objects.get(external_id="RAP-5-0001")
    assert report.withdrawn_at is not None
    assert report.text.startswith("Jolanda")

    run(example, source)
    report.refresh_from_db()
    assert report.withdrawn_at is None


def test_a_broken_record_rolls_back_the_whole_file_and_names_file_record_and_field(source, staff):
    outcome = import_file(EXAMPLES / "broken" / "broken-dossier.json", source=source, trigger=ImportTrigger.COMMAND)

    assert not outcome.ok
    assert not Client.objects.filter(client_number="10007").exists()
    assert not Team.objects.filter(name="Lindehof").exists()
    assert not Report.objects.exists()
    assert not ClientPlan.objects.exists()
    [error] = outcome.errors
    assert error.file == "broken-dossier.json"
    assert error.record == "clients[0] (cliëntnummer 10007) › reports[1] (id RAP-7-0002)"
    assert error.field == "written_at"
    assert "ongeldige datum of tijd" in error.message
    stored = ImportRun.objects.get(pk=outcome.run.pk)
    assert stored.status == ImportStatus.FAILED
    assert stored.errors[0]["field"] == "written_at"
    assert stored.counts["report"]["rejected"] == 1


@pytest.mark.parametrize("number", ['100"7', "10007\r\nX-Evil: 1", "10 007", "../10007", "10007;"])
def test_a_client_number_outside_the_safe_characters_is_rejected_naming_file_record_and_field(
    source, staff, example, number
):
    example["clients"][0]["client_number"] = number

    outcome = run(example, source)

    assert not outcome.ok
    assert not Client.objects.exists()
    error = next(e for e in outcome.errors if e.field == "client_number")
    assert error.file == "test.json"
    assert error.record.startswith("clients[0] (cliëntnummer ")
    assert "alleen letters, cijfers" in error.message


def test_a_client_number_with_letters_dots_dashes_and_underscores_is_accepted(source, staff, example):
    example["clients"][0]["client_number"] = "LH-2026_10.05"

    outcome = run(example, source)

    assert outcome.ok, outcome.errors
    assert Client.objects.filter(client_number="LH-2026_10.05").exists()


def test_an_error_found_only_while_writing_also_rolls_back_the_file(source, staff, example):
    broken = copy.deepcopy(example)
    broken["clients"][0]["care_team"][0]["staff"] = "onbekend"

    outcome = run(broken, source)

    assert not outcome.ok
    assert not Client.objects.filter(client_number="10005").exists()
    assert not Report.objects.exists()
    [error] = outcome.errors
    assert error.field == "staff"
    assert "onbekende medewerker 'onbekend'" in error.message


def test_records_for_an_unknown_client_are_rejected(source, staff):
    data = {
        "format": "mijndossier-import",
        "version": 1,
        "clients": [
            {
                "client_number": "99999",
                "reports": [
                    {
                        "id": "R-1",
                        "written_at": "2026-03-01T09:00:00+01:00",
                        "department": "Lindehof",
                        "author": "Iemand",
                        "text": "Tekst",
                    }
                ],
            }
        ],
    }

    outcome = run(data, source)

    assert not outcome.ok
    assert not Report.objects.exists()
    fields = {error.field for error in outcome.errors}
    assert {"first_name", "last_name", "date_of_birth", "team"} <= fields
    assert all("99999" in error.record for error in outcome.errors)


def test_records_can_be_added_to_a_linked_client_by_client_number_alone(source, personas):
    link(source, personas.client_a)
    data = {
        "format": "mijndossier-import",
        "version": 1,
        "clients": [
            {
                "client_number": personas.client_a.client_number,
                "appointments": [
                    {
                        "id": "AF-1",
                        "starts_at": "2026-04-01T10:00:00",
                        "ends_at": "2026-04-01T11:00:00",
                        "title": "Kapper",
                    }
                ],
            }
        ],
    }

    outcome = run(data, source)

    assert outcome.ok, outcome.errors
    appointment = Appointment.objects.get(external_id="AF-1")
    assert appointment.client == personas.client_a
    # Times without an offset are Dutch local time.
    assert appointment.starts_at == datetime(2026, 4, 1, 10, 0, tzinfo=AMS)
    assert Client.objects.get(pk=personas.client_a.pk).first_name == "Anna"


def test_a_client_fed_by_another_source_is_refused(source, personas):
    personas.client_a.external_source = "ander-ecd"
    personas.client_a.save()
    data = {"format": "mijndossier-import", "version": 1, "clients": [{"client_number": "100001", "city": "Elders"}]}

    outcome = run(data, source)

    assert not outcome.ok
    assert "bronsysteem 'ander-ecd'" in outcome.errors[0].message
    assert Client.objects.get(pk=personas.client_a.pk).city == ""


def test_a_client_made_by_staff_is_not_claimed_or_overwritten_by_the_first_source_that_names_it(source, personas):
    data = {"format": "mijndossier-import", "version": 1, "clients": [{"client_number": "100001", "city": "Elders"}]}

    outcome = run(data, source)

    assert not outcome.ok
    [error] = outcome.errors
    assert (error.file, error.record, error.field) == ("test.json", "clients[0] (cliëntnummer 100001)", "client_number")
    assert "in MijnDossier aangemaakt" in error.message
    assert "import_source link ecd-linde 100001" in error.message
    client = Client.objects.get(pk=personas.client_a.pk)
    assert (client.city, client.external_source) == ("", "")


def test_records_for_a_client_made_by_staff_are_refused_until_staff_link_the_client(source, personas):
    appointment = {
        "id": "AF-1",
        "starts_at": "2026-04-01T10:00:00",
        "ends_at": "2026-04-01T11:00:00",
        "title": "Kapper",
    }
    data = {
        "format": "mijndossier-import",
        "version": 1,
        "clients": [{"client_number": "100001", "appointments": [appointment]}],
    }

    assert not run(data, source).ok
    assert not Appointment.objects.exists()

    link(source, personas.client_a)

    assert run(data, source).ok
    assert Appointment.objects.get(external_id="AF-1").client == personas.client_a


def test_a_source_cannot_relocate_a_team_made_by_staff(source, staff, example, personas):
    example["teams"] = [{"name": "De Linde", "location": "Ergens anders 1"}]
    example["clients"][0]["team"] = "De Linde"

    outcome = run(example, source)

    assert outcome.ok, outcome.errors
    assert Client.objects.get(client_number="10005").team == personas.team
    assert Team.objects.get(pk=personas.team.pk).location == "Lindelaan 4, Zonnedal"
    [warning] = outcome.errors
    assert (warning.level, warning.record, warning.field) == ("warning", "teams[0] (De Linde)", "location")
    assert "niet door 'ecd-linde'" in warning.message


def test_a_source_cannot_relocate_the_team_of_another_source(source, staff, example):
    run(example, source)
    other = SourceSystem.objects.create(name="ander-ecd")
    data = {
        "format": "mijndossier-import",
        "version": 1,
        "teams": [{"name": "Lindehof", "location": "Ergens anders 1"}],
        "clients": [],
    }

    outcome = run(data, other)

    assert outcome.errors[0].record == "teams[0] (Lindehof)"
    assert "bronsysteem 'ecd-linde'" in outcome.errors[0].message
    team = Team.objects.get(name="Lindehof")
    assert (team.location, team.external_source) == ("Lindelaan 4, Zonnedal", "ecd-linde")


def test_a_source_keeps_the_location_of_its_own_team_up_to_date(source, staff, example):
    run(example, source)
    example["teams"][0]["location"] = "Nieuwe Lindelaan 1, Zonnedal"

    outcome = run(example, source)

    assert outcome.ok and not outcome.errors
    assert outcome.run.counts["team"]["updated"] == 1
    assert Team.objects.get(name="Lindehof").location == "Nieuwe Lindelaan 1, Zonnedal"


def test_a_plan_in_signing_keeps_its_status_and_refuses_content_changes(source, staff, example):
    run(example, source)
    ClientPlan.objects.filter(external_id="CP-5-2026").update(status=PlanStatus.SIGNED)

    again = run(example, source)
    assert again.ok
    assert ClientPlan.objects.get(external_id="CP-5-2026").status == PlanStatus.SIGNED

    changed = copy.deepcopy(example)
    changed["clients"][0]["plans"][0]["content"] = "Nieuwe inhoud"
    outcome = run(changed, source)
    assert not outcome.ok
    assert outcome.errors[0].field == "content"
    assert "nieuwe versie" in outcome.errors[0].message
    assert ClientPlan.objects.get(external_id="CP-5-2026").content.startswith("Doel 1")


def test_schema_errors_are_reported_in_dutch_with_their_place(source):
    data = {
        "format": "mijndossier-import",
        "version": 1,
        "clients": [{"client_number": "1", "reports": [{"id": "R-1", "written_at": "2026-03-01T09:00:00Z"}]}],
    }

    outcome = run(data, source)

    assert not outcome.ok
    messages = {(e.record, e.field): e.message for e in outcome.errors}
    assert messages[("clients[0] (cliëntnummer 1) › reports[0] (id R-1)", "department")] == "dit veld is verplicht."


def test_an_appointment_that_ends_before_it_starts_is_rejected(source, staff, example):
    broken = copy.deepcopy(example)
    broken["clients"][0]["appointments"][0]["ends_at"] = "2026-03-10T13:00:00+01:00"

    outcome = run(broken, source)

    assert not outcome.ok
    assert outcome.errors[0].field == "ends_at"
    assert not Appointment.objects.exists()


def test_a_text_that_is_too_long_for_its_field_is_rejected_before_writing(source, staff, example):
    broken = copy.deepcopy(example)
    broken["clients"][0]["reports"][0]["treatment_goal"] = "x" * 300

    outcome = run(broken, source)

    assert not outcome.ok
    assert outcome.errors[0].field == "treatment_goal"
    assert "255" in outcome.errors[0].message


def test_a_file_labelled_with_another_source_is_refused(source, staff, example):
    SourceSystem.objects.create(name="ander-ecd")
    example["source"] = "ander-ecd"

    outcome = run(example, source)

    assert not outcome.ok and outcome.source_mismatch
    assert not Client.objects.filter(client_number="10005").exists()


def test_invalid_json_is_reported_with_line_and_column(source, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text('{"format": "mijndossier-import",\n "clients": [}')

    outcome = import_file(path, source=source, trigger=ImportTrigger.COMMAND)

    assert not outcome.ok
    assert outcome.errors[0].file == "kapot.json"
    assert "regel 2" in outcome.errors[0].message
    assert ImportRun.objects.get().status == ImportStatus.FAILED


def test_care_team_members_withdrawn_at_the_source_lose_access_from_today(source, staff, example):
    run(example, source)
    example["clients"][0]["care_team"][0] = {"id": "ZT-5-1", "withdrawn": True}

    outcome = run(example, source)

    assert outcome.run.counts["care_team"]["withdrawn"] == 1
    assert not CareTeamMembership.objects.valid_on().filter(external_id="ZT-5-1").exists()


def test_an_import_writes_one_access_log_line_per_changed_client_and_none_when_unchanged(source, staff, example):
    run(example, source)

    [entry] = AccessLogEntry.objects.filter(action=AccessAction.CHANGE)
    assert (entry.client_number, entry.user_display, entry.object_type) == (
        "10005",
        "Bronsysteem ecd-linde",
        "dossier_import",
    )
    assert "nieuw" in entry.detail

    run(example, source)
    assert AccessLogEntry.objects.filter(action=AccessAction.CHANGE).count() == 1


def test_the_import_refuses_to_change_a_signed_plan_that_was_withdrawn_later(source, staff, example):
    run(example, source)
    plan = ClientPlan.objects.get(external_id="CP-5-2026")
    plan.status, plan.signed_at = PlanStatus.SIGNED, datetime(2026, 3, 1, 10, 0, tzinfo=AMS)
    plan.save()
    plan.status = PlanStatus.WITHDRAWN
    plan.save()
    changed = copy.deepcopy(example)
    changed["clients"][0]["plans"][0]["content"] = "Nieuwe inhoud"

    outcome = run(changed, source)

    assert not outcome.ok
    assert outcome.errors[0].field == "content"
    assert ClientPlan.objects.get(pk=plan.pk).content.startswith("Doel 1")
