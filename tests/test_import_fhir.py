"""Importing HL7 FHIR R4 Bundles: the documented mapping, idempotency, withdrawal and clear rejections."""

import copy
import json
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from dossier.models import (
    Appointment,
    CareAgreement,
    CareTeamMembership,
    Client,
    ClientPlan,
    Evaluation,
    Report,
    Team,
)
from ecd_import.importer import import_data
from ecd_import.models import ImportTrigger, SourceSystem
from tests.personas import make_user

EXAMPLE = Path(__file__).resolve().parent.parent / "ecd_import" / "examples" / "linde-fhir-bundle.json"
AMS = ZoneInfo("Europe/Amsterdam")
CLIENT_NUMBER = "https://zorggroep-de-linde.example/fhir/NamingSystem/clientnummer"


@pytest.fixture
def source(db):
    return SourceSystem.objects.create(name="ecd-linde")


@pytest.fixture
def staff(db):
    return make_user("zorgmedewerker", first_name="Zorg", is_staff=True, mobile="+31600000009")


@pytest.fixture
def bundle():
    return json.loads(EXAMPLE.read_text())


def run(data, source, **options):
    return import_data(data, source=source, file_name="bundle.json", trigger=ImportTrigger.API, **options)


def resource(bundle, resource_id):
    return next(e["resource"] for e in bundle["entry"] if e["resource"].get("id") == resource_id)


def test_the_example_bundle_maps_every_resource_to_the_dossier(source, staff, bundle):
    outcome = run(bundle, source)

    assert outcome.ok, outcome.errors
    assert outcome.run.data_format == "fhir"
    team = Team.objects.get(name="Lindehof")
    assert team.location == "Lindelaan 4, Zonnedal"
    client = Client.objects.get(client_number="10006")
    assert (client.first_name, client.last_name, client.date_of_birth) == ("Gerrit", "Kamphuis", date(1948, 4, 22))
    assert (client.street, client.postal_code, client.city, client.phone) == (
        "Kastanjeplein 3",
        "7412 CD",
        "Zonnedal",
        "0570 111 222",
    )
    assert (client.team, client.external_source) == (team, "ecd-linde")
    membership = CareTeamMembership.objects.get(client=client)
    assert (membership.staff_member, membership.role, membership.valid_from, membership.external_id) == (
        staff,
        "Persoonlijk begeleider",
        date(2026, 1, 1),
        "ct-10006-pb",
    )
    plan = ClientPlan.objects.get(client=client)
    assert (plan.external_id, plan.title, plan.version, plan.status) == ("cp-10006-2026", "Cliëntplan 2026", 2, "final")
    assert (plan.period_start, plan.period_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert plan.content.startswith("Doel: Gerrit blijft")
    evaluation = Evaluation.objects.get(client=client)
    assert (evaluation.external_id, evaluation.evaluated_on, evaluation.plan, evaluation.title) == (
        "ev-10006-1",
        date(2026, 2, 20),
        plan,
        "Evaluatie februari",
    )
    assert evaluation.content.startswith("Gerrit wandelt nu drie keer")
    observation = Report.objects.get(external_id="rap-10006-1")
    assert observation.written_at == datetime(2026, 3, 1, 10, 30, tzinfo=AMS)
    assert (observation.author_name, observation.department, observation.treatment_goal) == (
        "Zorgmedewerker De Linde",
        "Lindehof, woongroep 1",
        "Zelfstandig blijven lopen",
    )
    assert observation.text.startswith("Gerrit is met de rollator")
    document = Report.objects.get(external_id="rap-10006-2")
    assert document.written_at == datetime(2026, 3, 1, 21, 5, tzinfo=AMS)
    assert (document.author_name, document.department) == ("Zorgmedewerker De Linde", "Lindehof, woongroep 1")
    assert document.text.startswith("Gerrit heeft na het avondeten")
    appointment = Appointment.objects.get(client=client)
    assert (appointment.external_id, appointment.title, appointment.location, appointment.with_whom) == (
        "af-10006-1",
        "Controle bij de fysiotherapeut",
        "Lindehof, oefenzaal",
        "Fysiotherapeut",
    )
    assert (appointment.starts_at, appointment.ends_at) == (
        datetime(2026, 3, 12, 10, 0, tzinfo=AMS),
        datetime(2026, 3, 12, 10, 30, tzinfo=AMS),
    )
    agreement = CareAgreement.objects.get(client=client)
    assert (agreement.external_id, agreement.product, agreement.period_start, agreement.period_end) == (
        "zo-10006-2026",
        "Wonen met begeleiding (verblijf)",
        date(2026, 1, 1),
        None,
    )
    assert agreement.signed_on == date(2025, 12, 18)
    assert agreement.content.startswith("Verblijf op Lindehof")


def test_importing_the_same_bundle_twice_changes_nothing(source, staff, bundle):
    run(bundle, source)
    stamps = {
        model: dict(model.objects.values_list("pk", "updated_at"))
        for model in (Client, ClientPlan, Evaluation, Report, CareAgreement, Appointment)
    }

    second = run(bundle, source)

    assert second.ok
    assert second.tally.total("created") == second.tally.total("updated") == 0
    assert (
        second.tally.total("unchanged") == 9
    )  # team, client, member, plan, evaluation, 2 reports, agreement, appointment
    for model, before in stamps.items():
        assert dict(model.objects.values_list("pk", "updated_at")) == before, model


def test_a_changed_observation_updates_its_report(source, staff, bundle):
    run(bundle, source)
    resource(bundle, "rap-10006-1")["valueString"] = "Bijgewerkte tekst."

    outcome = run(bundle, source)

    assert outcome.run.counts["report"]["updated"] == 1
    assert Report.objects.get(external_id="rap-10006-1").text == "Bijgewerkte tekst."


def test_entered_in_error_and_cancelled_resources_are_withdrawn(source, staff, bundle):
    run(bundle, source)
    resource(bundle, "rap-10006-1")["status"] = "entered-in-error"
    resource(bundle, "af-10006-1")["status"] = "cancelled"

    outcome = run(bundle, source)

    assert outcome.ok, outcome.errors
    assert Report.objects.get(external_id="rap-10006-1").withdrawn_at is not None
    assert Appointment.objects.get(external_id="af-10006-1").withdrawn_at is not None
    assert Report.objects.get(external_id="rap-10006-2").withdrawn_at is None


def test_withdraw_missing_withdraws_resources_no_longer_in_the_bundle(source, staff, bundle):
    run(bundle, source)
    smaller = copy.deepcopy(bundle)
    smaller["entry"] = [e for e in smaller["entry"] if e["resource"].get("id") != "rap-10006-2"]

    outcome = run(smaller, source, withdraw_missing=True)

    assert outcome.run.counts["report"]["withdrawn"] == 1
    assert Report.objects.get(external_id="rap-10006-2").withdrawn_at is not None
    assert Report.objects.get(external_id="rap-10006-1").withdrawn_at is None


def test_a_resource_for_a_patient_missing_from_the_bundle_is_rejected(source, staff, bundle):
    resource(bundle, "rap-10006-1")["subject"] = {"reference": "Patient/niet-in-bundle"}

    outcome = run(bundle, source)

    assert not outcome.ok
    assert not Client.objects.exists()
    [error] = outcome.errors
    assert error.record == "entry[6] (Observation/rap-10006-1)"
    assert error.field == "subject"
    assert "onbekende cliënt" in error.message


def test_a_resource_for_a_client_number_unknown_in_the_database_is_rejected(source, staff):
    observation = {
        "resourceType": "Observation",
        "id": "o-1",
        "status": "final",
        "code": {"text": "Rapportage"},
        "subject": {"identifier": {"system": CLIENT_NUMBER, "value": "424242"}},
        "effectiveDateTime": "2026-03-01T10:00:00+01:00",
        "performer": [{"display": "Iemand"}, {"type": "Organization", "display": "Lindehof"}],
        "valueString": "Tekst",
    }

    outcome = run({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": observation}]}, source)

    assert not outcome.ok
    assert "onbekende cliënt 424242" in outcome.errors[0].message
    assert not Report.objects.exists()


def test_a_report_can_be_added_to_a_linked_client_by_identifier(source, personas):
    call_command("import_source", "link", source.name, personas.client_a.client_number, stdout=StringIO())
    observation = {
        "resourceType": "Observation",
        "id": "o-1",
        "status": "final",
        "code": {"text": "Rapportage"},
        "subject": {"identifier": {"system": CLIENT_NUMBER, "value": personas.client_a.client_number}},
        "effectiveDateTime": "2026-03-01T10:00:00+01:00",
        "performer": [{"display": "Iemand"}, {"type": "Organization", "display": "Lindehof"}],
        "valueString": "Tekst",
    }

    outcome = run({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": observation}]}, source)

    assert outcome.ok, outcome.errors
    assert Report.objects.get(external_id="o-1").client == personas.client_a


def test_a_patient_identifier_outside_the_safe_characters_is_rejected_by_its_fhir_path(source, staff, bundle):
    resource(bundle, "pat-10006")["identifier"][0]["value"] = '10006"\n'

    outcome = run(bundle, source)

    assert not outcome.ok
    assert not Client.objects.exists()
    error = next(e for e in outcome.errors if e.field == "identifier")
    assert error.record.endswith("(Patient/pat-10006)")
    assert "alleen letters, cijfers" in error.message


def test_a_report_for_a_client_made_by_staff_is_refused_without_a_link(source, personas):
    observation = {
        "resourceType": "Observation",
        "id": "o-1",
        "status": "final",
        "code": {"text": "Rapportage"},
        "subject": {"identifier": {"system": CLIENT_NUMBER, "value": personas.client_a.client_number}},
        "effectiveDateTime": "2026-03-01T10:00:00+01:00",
        "performer": [{"display": "Iemand"}, {"type": "Organization", "display": "Lindehof"}],
        "valueString": "Tekst",
    }

    outcome = run({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": observation}]}, source)

    assert not outcome.ok
    assert outcome.errors[0].record == "entry[0] (Observation/o-1)"
    assert "import_source link" in outcome.errors[0].message
    assert not Report.objects.exists()
    assert Client.objects.get(pk=personas.client_a.pk).external_source == ""


def test_an_invalid_fhir_resource_names_its_entry_and_field(source, staff, bundle):
    resource(bundle, "af-10006-1")["start"] = "volgende week"

    outcome = run(bundle, source)

    assert not outcome.ok
    assert not Client.objects.exists()
    assert outcome.errors[0].record == "entry[8] (Appointment/af-10006-1)"
    assert outcome.errors[0].field == "start"


def test_a_missing_required_value_is_named_by_its_fhir_path(source, staff, bundle):
    del resource(bundle, "rap-10006-1")["effectiveDateTime"]

    outcome = run(bundle, source)

    assert not outcome.ok
    assert outcome.errors[0].field == "effectiveDateTime"


def test_unsupported_resource_types_are_skipped_with_a_warning(source, staff, bundle):
    bundle["entry"].append({"resource": {"resourceType": "Condition", "id": "c-1", "subject": {"reference": "x"}}})

    outcome = run(bundle, source)

    assert outcome.ok
    assert "Condition overgeslagen" in outcome.errors[0].message
    assert outcome.errors[0].level == "warning"


def test_a_bundle_labelled_with_another_source_is_refused(source, staff, bundle):
    resource(bundle, "rap-10006-1")["meta"] = {"source": "ander-ecd"}

    outcome = run(bundle, source)

    assert outcome.source_mismatch
    assert not Client.objects.exists()


def test_a_performer_referring_to_an_organization_in_the_bundle_is_the_department(source, staff, bundle):
    performer = resource(bundle, "rap-10006-1")["performer"][1]
    del performer["type"]  # only the urn:uuid reference says it is an Organization

    outcome = run(bundle, source)

    assert outcome.ok, outcome.errors
    report = Report.objects.get(external_id="rap-10006-1")
    assert (report.author_name, report.department) == ("Zorgmedewerker De Linde", "Lindehof, woongroep 1")
