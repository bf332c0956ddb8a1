"""Dossier administration in the admin: a care worker reaches only their own team's clients and records."""

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.admin_dossier import ClientPlanPermissionHelper
from dossier.models import (
    AccessAction,
    AccessLogEntry,
    ClientPlan,
    DossierAccess,
    PlanStatus,
    Report,
)
from tests.helpers import records_for
from tests.personas import login_verified, make_user


@pytest.fixture
def records(personas):
    return {"a": records_for(personas.client_a), "c": records_for(personas.client_c)}


@pytest.fixture
def dirk(client, personas):
    return login_verified(client, personas.dirk)


def test_the_client_list_of_a_care_worker_shows_only_their_teams_clients(dirk, personas):
    html = dirk.get("/admin/dossier/client/").content.decode()
    assert "100001" in html and "100002" in html
    assert "200001" not in html


@pytest.mark.parametrize("model", ["report", "clientplan", "evaluation", "careagreement", "appointment"])
def test_a_care_worker_lists_only_records_of_their_teams_clients(dirk, records, model):
    html = dirk.get(f"/admin/dossier/{model}/").content.decode()
    assert f"/admin/dossier/{model}/edit/{records['a'][model].pk}/" in html
    assert f"/admin/dossier/{model}/edit/{records['c'][model].pk}/" not in html


@pytest.mark.parametrize("model", ["report", "clientplan", "evaluation", "careagreement", "appointment"])
@pytest.mark.parametrize("action", ["edit", "inspect", "delete", "history"])
def test_a_care_worker_gets_404_for_records_of_team_het_anker(dirk, records, model, action):
    assert dirk.get(f"/admin/dossier/{model}/{action}/{records['c'][model].pk}/").status_code == 404


def test_a_care_worker_cannot_delete_a_record_of_team_het_anker_by_posting(dirk, records):
    report = records["c"]["report"]
    assert dirk.post(f"/admin/dossier/report/delete/{report.pk}/").status_code == 404
    assert Report.objects.filter(pk=report.pk).exists()


def test_a_care_worker_cannot_change_a_client_of_team_het_anker_by_posting(dirk, personas):
    response = dirk.post(f"/admin/dossier/client/edit/{personas.client_c.pk}/", {"first_name": "Gehackt"})
    assert response.status_code == 404
    personas.client_c.refresh_from_db()
    assert personas.client_c.first_name == "Carla"


@pytest.mark.parametrize("pk", ["abc", "999999", "1%27%20OR%201=1"])
def test_tampered_ids_in_admin_urls_give_404(dirk, pk):
    assert dirk.get(f"/admin/dossier/report/edit/{pk}/").status_code == 404


def test_the_client_choices_in_a_record_form_are_only_the_care_workers_clients(dirk, personas):
    html = dirk.get("/admin/dossier/report/create/").content.decode()
    assert f'value="{personas.client_a.pk}"' in html
    assert f'value="{personas.client_c.pk}"' not in html


def test_a_care_worker_cannot_create_a_record_for_a_client_of_another_team(dirk, personas):
    response = dirk.post(
        "/admin/dossier/report/create/",
        {
            "client": personas.client_c.pk,
            "written_at": "2026-03-02 10:00",
            "department": "Wonen",
            "author_name": "Dirk",
            "text": "Niet mijn cliënt",
        },
    )
    assert response.status_code == 200
    assert not Report.objects.filter(client=personas.client_c).exists()


def test_a_care_worker_creates_a_report_for_their_own_client(dirk, personas):
    response = dirk.post(
        "/admin/dossier/report/create/",
        {
            "client": personas.client_a.pk,
            "written_at": "2026-03-02 10:00",
            "department": "Wonen",
            "author_name": "Dirk de Vries",
            "text": "Anna heeft vandaag gewandeld.",
        },
    )
    assert response.status_code == 302
    assert Report.objects.filter(client=personas.client_a, text__startswith="Anna").exists()


def test_opening_a_record_in_the_admin_is_written_to_the_access_log(dirk, personas, records):
    report = records["a"]["report"]
    dirk.get(f"/admin/dossier/report/inspect/{report.pk}/")
    entry = AccessLogEntry.objects.get(object_id=str(report.pk), object_type="report")
    assert entry.action == AccessAction.READ
    assert entry.user == personas.dirk
    assert entry.client == personas.client_a
    assert entry.user_role == "persoonlijk begeleider, team De Linde"
    assert "Zorgmedewerker" in entry.authorisation_basis


def test_saving_a_record_in_the_admin_is_logged_as_a_change(dirk, personas, records):
    appointment = records["a"]["appointment"]
    dirk.post(
        f"/admin/dossier/appointment/edit/{appointment.pk}/",
        {
            "client": personas.client_a.pk,
            "starts_at": "2026-04-01 10:00",
            "ends_at": "2026-04-01 11:30",
            "title": "Evaluatiegesprek (verlengd)",
            "location": "",
            "with_whom": "",
            "external_source": "",
            "external_id": "",
            "withdrawn_at": "",
        },
    )
    assert AccessLogEntry.objects.filter(object_id=str(appointment.pk), action=AccessAction.CHANGE).exists()


def test_a_signed_plan_cannot_be_edited_in_the_admin(dirk, records):
    plan = records["a"]["clientplan"]
    plan.status = PlanStatus.SIGNED
    plan.save()
    response = dirk.get(f"/admin/dossier/clientplan/edit/{plan.pk}/")
    assert response.status_code in (302, 403)


def test_dossier_access_list_is_scoped_to_the_care_workers_clients(dirk, personas):
    html = dirk.get("/admin/dossier/dossieraccess/").content.decode()
    carla_access = DossierAccess.objects.get(user=personas.carla)
    anna_access = DossierAccess.objects.get(user=personas.anna)
    assert f"/admin/dossier/dossieraccess/edit/{anna_access.pk}/" in html
    assert f"/admin/dossier/dossieraccess/edit/{carla_access.pk}/" not in html


def test_the_account_choices_for_dossier_access_are_the_care_workers_portal_accounts(dirk, personas):
    html = dirk.get("/admin/dossier/dossieraccess/create/").content.decode()
    assert f'value="{personas.anna.pk}"' in html
    assert f'value="{personas.carla.pk}"' not in html
    assert f'value="{personas.eva.pk}"' not in html


def test_the_admin_search_finds_records_by_client_number(dirk, records):
    html = dirk.get("/admin/dossier/report/", {"q": "100001"}).content.decode()
    assert f"/admin/dossier/report/edit/{records['a']['report'].pk}/" in html


def test_the_dossiers_menu_is_shown_to_care_workers(dirk):
    assert reverse("dossier_client_modeladmin_index") in dirk.get("/admin/").content.decode()


def test_a_signed_plan_that_was_withdrawn_later_cannot_be_edited_or_deleted_in_the_admin(dirk, records):
    plan = records["a"]["clientplan"]
    plan.status = PlanStatus.SIGNED
    plan.signed_at = timezone.now()
    plan.save()
    plan.status = PlanStatus.WITHDRAWN
    plan.save()
    helper = ClientPlanPermissionHelper(ClientPlan)
    superuser = make_user("beheer", is_staff=True, is_superuser=True, mobile="+31600000077")
    assert not helper.user_can_edit_obj(superuser, plan)
    assert not helper.user_can_delete_obj(superuser, plan)
