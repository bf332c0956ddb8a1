"""What each staff role may do in the admin (issue 6), tried through the admin's URLs."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.shortcuts import resolve_url
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow

from backoffice import roles
from dossier.models import MANAGE_ALL_CLIENTS, Report, manages_all_clients
from tests.personas import login_verified


def refused(response) -> bool:
    """403/404, or Wagtail's answer to PermissionDenied: back to the dashboard (or to the login)."""
    if response.status_code in (403, 404):
        return True
    if response.status_code != 302:
        return False
    return response.url == "/admin/" or response.url.startswith(resolve_url(settings.LOGIN_URL))


def test_migrate_creates_the_four_staff_groups(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Communicatie", "Privacy/juridisch", "Zorgmedewerker", "Beheerder"} <= names


def test_every_staff_group_may_use_the_admin(db):
    for name in (roles.COMMUNICATIE, roles.PRIVACY, roles.ZORGMEDEWERKER, roles.BEHEERDER):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(content_type__app_label="wagtailadmin", codename="access_admin").exists()


def test_setting_up_the_roles_twice_changes_nothing(db):
    def snapshot():
        return (
            sorted(Group.objects.values_list("name", "permissions__codename")),
            GroupPagePermission.objects.count(),
            Workflow.objects.count(),
            GroupApprovalTask.objects.count(),
        )

    before = snapshot()
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    roles.setup_roles()
    assert snapshot() == before


def test_communicatie_may_edit_and_publish_pages_in_the_whole_tree(personas):
    root = Page.get_first_root_node()
    perms = set(
        GroupPagePermission.objects.filter(group__name=roles.COMMUNICATIE, page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= perms


def test_communicatie_has_no_access_to_dossier_data(client, personas):
    login_verified(client, personas.eva)
    report = Report.objects.create(
        client=personas.client_a, written_at="2026-01-05T10:00:00+01:00", department="Wonen", author_name="X", text="t"
    )
    for url in (
        "/admin/dossier/client/",
        "/admin/dossier/report/",
        f"/admin/dossier/report/edit/{report.pk}/",
        f"/admin/dossier/report/inspect/{report.pk}/",
        "/admin/backoffice/portalaccount/",
        "/admin/backoffice/portalaccount/create/",
        "/admin/dossier/accesslogentry/",
        "/admin/home/applicationsubmission/",
    ):
        assert refused(client.get(url)), url


def test_communicatie_can_reach_the_page_explorer(client, personas):
    login_verified(client, personas.eva)
    assert client.get("/admin/pages/").status_code == 200


def test_privacy_officer_reads_the_access_log_but_not_the_dossiers(client, personas):
    login_verified(client, personas.frank)
    assert client.get("/admin/dossier/accesslogentry/").status_code == 200
    assert refused(client.get("/admin/dossier/client/"))
    assert refused(client.get("/admin/dossier/report/"))


def test_care_worker_manages_dossiers_but_not_pages_or_the_log(client, personas):
    login_verified(client, personas.dirk)
    assert client.get("/admin/dossier/client/").status_code == 200
    assert client.get("/admin/dossier/report/").status_code == 200
    assert client.get("/admin/backoffice/portalaccount/").status_code == 200
    assert refused(client.get("/admin/dossier/accesslogentry/"))
    root = Page.get_first_root_node()
    assert not root.permissions_for_user(personas.dirk).can_add_subpage()


def test_care_worker_cannot_manage_staff_accounts_in_wagtails_user_admin(client, personas):
    login_verified(client, personas.dirk)
    assert refused(client.get("/admin/users/"))
    assert refused(client.get(f"/admin/users/edit/{personas.eva.pk}/"))


def test_a_person_without_a_staff_role_cannot_enter_the_admin(client, personas):
    login_verified(client, personas.anna)
    assert refused(client.get("/admin/"))
    assert refused(client.get("/admin/dossier/client/"))


def test_beheerder_sees_every_clients_dossier(client, personas):
    from tests.personas import add_to_group, make_user

    admin = make_user("gerda", first_name="Gerda", is_staff=True, mobile="+31677777777")
    add_to_group(admin, roles.BEHEERDER)
    login_verified(client, admin)
    response = client.get("/admin/dossier/client/")
    assert response.status_code == 200
    for number in ("100001", "100002", "200001"):
        assert number in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/dossier/client/edit/{c}/",
        "/admin/dossier/client/inspect/{c}/",
        "/admin/dossier/client/history/{c}/",
    ],
)
def test_a_care_worker_cannot_open_a_client_of_team_het_anker(client, personas, url):
    login_verified(client, personas.dirk)
    assert client.get(url.format(c=personas.client_c.pk)).status_code == 404
    assert client.get(url.format(c=personas.client_a.pk)).status_code == 200


def test_every_role_gets_a_working_dashboard(client, personas):
    for user in (personas.dirk, personas.eva, personas.frank, personas.gerrit):
        login_verified(client, user)
        assert client.get("/admin/").status_code == 200, user.username
        client.logout()


def test_the_beheerder_opens_every_dossier_screen(client, personas):
    from datetime import date

    from dossier.models import Appointment, CareAgreement, ClientPlan, DossierAccess, Evaluation

    login_verified(client, personas.gerrit)
    a = personas.client_a
    objects = {
        "client": a,
        "dossieraccess": DossierAccess.objects.filter(client=a).first(),
        "careteammembership": a.care_team_memberships.first(),
        "report": Report.objects.create(
            client=a, written_at="2026-01-05T10:00:00+01:00", department="Wonen", author_name="X", text="t"
        ),
        "clientplan": ClientPlan.objects.create(client=a, period_start=date(2026, 1, 1), content="Plan"),
        "evaluation": Evaluation.objects.create(client=a, evaluated_on=date(2026, 2, 1), content="E"),
        "careagreement": CareAgreement.objects.create(client=a, product="Wonen", period_start=date(2026, 1, 1)),
        "appointment": Appointment.objects.create(
            client=a, starts_at="2026-04-01T10:00:00+02:00", ends_at="2026-04-01T11:00:00+02:00", title="Gesprek"
        ),
    }
    for model, obj in objects.items():
        for url in (
            f"/admin/dossier/{model}/",
            f"/admin/dossier/{model}/edit/{obj.pk}/",
            f"/admin/dossier/{model}/inspect/{obj.pk}/",
        ):
            assert client.get(url).status_code == 200, url
    for url in (
        "/admin/backoffice/portalaccount/",
        f"/admin/backoffice/portalaccount/inspect/{personas.anna.pk}/",
        f"/admin/backoffice/portalaccount/edit/{personas.anna.pk}/",
        "/admin/backoffice/portalaccount/create/",
        "/admin/dossier/accesslogentry/",
        "/admin/home/applicationsubmission/",
        "/admin/rapporten/acceptatie-voorwaarden/",
    ):
        assert client.get(url).status_code == 200, url


def test_the_beheerder_persona_is_no_superuser_and_holds_the_roles_permissions(personas):
    assert not personas.gerrit.is_superuser
    assert personas.gerrit.has_perm(MANAGE_ALL_CLIENTS)
    assert manages_all_clients(personas.gerrit)
    assert not manages_all_clients(personas.dirk)


def test_a_beheerder_manages_every_client_team_and_account_wherever_the_admin_asks(client, personas):
    """ "Manages all clients" is one rule: lists, choices, the inbox filter and the site history all follow it."""
    from wagtail.log_actions import log

    from backoffice.models import PortalAccount
    from dossier.models import Client, Team
    from tests.personas import make_user

    stranger = make_user("zonder", mobile="+31687654322")
    log(personas.client_c, "wagtail.edit")
    gerrit = personas.gerrit
    assert set(Client.objects.managed_by(gerrit)) == set(Client.objects.all())
    assert set(Team.objects.managed_by(gerrit)) == {personas.team, personas.other_team}
    assert stranger in PortalAccount.objects.managed_by(gerrit)
    assert stranger in PortalAccount.objects.changeable_by(gerrit)
    assert personas.carla in PortalAccount.objects.changeable_by(gerrit)

    login_verified(client, gerrit)
    client_form = client.get(f"/admin/dossier/client/edit/{personas.client_a.pk}/").content.decode()
    assert f'<option value="{personas.other_team.pk}">Het Anker</option>' in client_form
    inbox = client.get("/admin/berichten/").content.decode()
    assert f'<option value="{personas.other_team.pk}">Het Anker</option>' in inbox
    assert "Carla Smit (200001)" in client.get("/admin/reports/site-history/").content.decode()


def test_a_care_worker_manages_only_his_own_team_wherever_the_admin_asks(client, personas):
    from dossier.models import Team

    assert list(Team.objects.managed_by(personas.dirk)) == [personas.team]
    login_verified(client, personas.dirk)
    client_form = client.get(f"/admin/dossier/client/edit/{personas.client_a.pk}/").content.decode()
    assert "Het Anker" not in client_form
    assert "Het Anker" not in client.get("/admin/berichten/").content.decode()


def test_even_a_beheerder_changes_nothing_in_the_access_log_or_the_import_log(client, personas):
    """Both logs are read-only by one rule; the Beheerder holds every model permission and still cannot."""
    from django.utils import timezone

    from dossier.models import AccessLogEntry
    from ecd_import.models import ImportRun, ImportTrigger, SourceSystem

    entry = AccessLogEntry.objects.create(object_type="rapportage", occurred_at=timezone.now())
    run = ImportRun.objects.create(source=SourceSystem.objects.create(name="ecd-linde"), trigger=ImportTrigger.API)
    login_verified(client, personas.gerrit)
    for base, pk in (("/admin/dossier/accesslogentry/", entry.pk), ("/admin/ecd_import/importrun/", run.pk)):
        assert client.get(base).status_code == 200, base
        assert client.get(f"{base}inspect/{pk}/").status_code == 200, base
        for action in ("create/", f"edit/{pk}/", f"delete/{pk}/"):
            assert refused(client.get(base + action)), base + action
            assert refused(client.post(base + action, {})), base + action
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()
    assert ImportRun.objects.filter(pk=run.pk).exists()
