"""Staff screens speak Dutch: yes/no columns, the page-approval workflow, permission names."""

import re

import pytest
from django.contrib.auth.models import Group, Permission

from backoffice.roles import setup_roles
from ecd_import.models import ImportRun, ImportTrigger, SourceSystem
from tests.personas import login_verified, make_user

ENGLISH_BOOLEANS = re.compile(r"\b(True|False)\b")


@pytest.fixture
def admin_client(client, personas):
    return login_verified(client, make_user("beheer", is_staff=True, is_superuser=True))


def visible_text(html):
    """The page as staff see and hear it: text and alt/title attributes, no scripts or data attributes."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    attributes = " ".join(re.findall(r'\b(?:alt|title|aria-label)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + attributes


def test_the_portal_account_list_shows_active_as_ja_or_nee(admin_client, personas):
    personas.carla.is_active = False
    personas.carla.save()
    text = visible_text(admin_client.get("/admin/backoffice/portalaccount/").content.decode())
    assert not ENGLISH_BOOLEANS.search(text), ENGLISH_BOOLEANS.findall(text)
    assert re.search(r"\bJa\b", text) and re.search(r"\bNee\b", text)


def test_a_portal_account_shows_its_yes_no_details_in_dutch(admin_client, personas):
    page = admin_client.get(f"/admin/backoffice/portalaccount/inspect/{personas.anna.pk}/")
    text = visible_text(page.content.decode())
    assert not ENGLISH_BOOLEANS.search(text), ENGLISH_BOOLEANS.findall(text)
    assert re.search(r"\bNee\b", text)


def test_the_source_system_list_and_import_run_show_yes_no_in_dutch(admin_client):
    source = SourceSystem.objects.create(name="ecd-linde")
    SourceSystem.objects.create(name="ecd-oud", is_active=False)
    run = ImportRun.objects.create(source=source, trigger=ImportTrigger.API)
    for url in ("/admin/ecd_import/sourcesystem/", f"/admin/ecd_import/importrun/inspect/{run.pk}/"):
        text = visible_text(admin_client.get(url).content.decode())
        assert not ENGLISH_BOOLEANS.search(text), (url, ENGLISH_BOOLEANS.findall(text))
        assert re.search(r"\bNee\b", text), url


def test_the_default_page_workflow_has_a_dutch_name_for_staff(admin_client):
    text = visible_text(admin_client.get("/admin/workflows/list/").content.decode())
    assert "Moderators approval" not in text
    text = visible_text(admin_client.get("/admin/workflows/tasks/index/").content.decode())
    assert "Moderators approval" not in text


def test_renaming_the_default_workflow_is_idempotent_and_keeps_a_name_an_administrator_chose(db):
    from wagtail.models import Task, Workflow

    Workflow.objects.create(name="Moderators approval")
    Task.objects.create(name="Moderators approval")
    setup_roles()
    setup_roles()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()

    Workflow.objects.filter(name__startswith="Goedkeuring").update(name="Eigen naam")
    setup_roles()
    assert Workflow.objects.filter(name="Eigen naam").exists()


def test_our_own_permissions_have_dutch_names_on_the_group_screen(admin_client):
    beheerder = Group.objects.get(name="Beheerder")
    text = visible_text(admin_client.get(f"/admin/groups/edit/{beheerder.pk}/").content.decode())
    ours = ("publish_terms", "view_terms_report", "deactivate_portalaccount", "reset_second_factor_portalaccount")
    for codename in ours:
        name = Permission.objects.get(codename=codename).name
        assert name.startswith("Mag "), name
    assert "Mag portaalaccounts uitzetten" in text
    assert "Mag de SMS-inlogcode van portaalaccounts herstellen" in text
