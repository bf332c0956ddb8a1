"""The terms of use go live only through the "Voorwaarden publiceren" workflow (issue 6).

Communicatie edits and submits, Privacy/juridisch approves (or asks for changes)
and thereby publishes; clients then have to accept the new version on their
next request.
"""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from backoffice import roles
from home.models import ContentPage, HomePage
from terms import governance
from terms.acceptance import has_accepted_current_terms
from terms.models import TermsAcceptance, TermsPage
from tests.personas import login_verified


@pytest.fixture
def home(db):
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Zorggroep De Linde", slug="de-linde"))
    return home


@pytest.fixture
def terms(home):
    page = home.add_child(
        instance=TermsPage(
            title="Gebruikersvoorwaarden",
            slug="voorwaarden-test",
            version="1.0",
            effective_date=date(2026, 1, 1),
            body="<p>Versie 1.0 van de voorwaarden.</p>",
        )
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def accept(user, terms):
    terms.refresh_from_db()
    return TermsAcceptance.objects.create(
        user=user, terms_page=terms, revision_id=terms.live_revision_id, version=terms.version
    )


def edit_data(terms, body, version="1.1", **extra):
    return nested_form_data(
        {
            "title": terms.title,
            "slug": terms.slug,
            "version": version,
            "effective_date": "2026-06-01",
            "body": rich_text(body),
            "comments": inline_formset([]),
            **extra,
        }
    )


def submit_for_approval(client, terms, body="<p>Versie 1.1: nieuwe afspraken over bewaartermijnen.</p>", **extra):
    data = edit_data(terms, body, **extra)
    data["action-submit"] = "Submit"
    return client.post(reverse("wagtailadmin_pages:edit", args=[terms.pk]), data)


def current_task_state(terms):
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(terms.pk), status="in_progress")
    return state.current_task_state


def workflow_action(client, terms, action, comment=""):
    task_state = current_task_state(terms)
    url = reverse("wagtailadmin_pages:workflow_action", args=[terms.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_a_new_terms_page_is_put_under_the_voorwaarden_publiceren_workflow(terms):
    workflow = terms.get_workflow()
    assert workflow.name == "Voorwaarden publiceren"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.PRIVACY]


def test_the_rest_of_the_site_keeps_its_own_workflow(home, terms):
    assert home.get_workflow() is None or home.get_workflow().name != "Voorwaarden publiceren"


def test_communicatie_cannot_publish_terms(client, personas, terms):
    live_revision = terms.live_revision_id
    login_verified(client, personas.eva)
    data = edit_data(terms, "<p>Stiekem gepubliceerd.</p>")
    data["action-publish"] = "Publish"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[terms.pk]), data, follow=True)

    terms.refresh_from_db()
    assert terms.live_revision_id == live_revision
    assert "Stiekem" not in terms.body
    assert "goedkeuring door Privacy/juridisch" in response.content.decode()
    # The draft is kept, so nothing typed is lost.
    assert "Stiekem" in terms.get_latest_revision_as_object().body


def test_communicatie_sees_submit_for_approval_instead_of_publish_on_terms(client, personas, terms):
    login_verified(client, personas.eva)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[terms.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_communicatie_cannot_unpublish_terms(client, personas, terms):
    login_verified(client, personas.eva)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[terms.pk]))
    terms.refresh_from_db()
    assert terms.live


def test_communicatie_cannot_create_and_publish_new_terms_in_one_go(client, personas, home):
    login_verified(client, personas.eva)
    data = nested_form_data(
        {
            "title": "Nieuwe voorwaarden",
            "slug": "nieuwe-voorwaarden",
            "version": "2.0",
            "effective_date": "2026-09-01",
            "body": rich_text("<p>Versie 2.0.</p>"),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "Publish"
    client.post(reverse("wagtailadmin_pages:add", args=["terms", "termspage", home.pk]), data)
    page = TermsPage.objects.get(slug="nieuwe-voorwaarden")
    assert not page.live
    assert page.get_workflow().name == "Voorwaarden publiceren"


def test_communicatie_still_publishes_ordinary_pages(client, personas, home):
    page = home.add_child(instance=ContentPage(title="Over ons", slug="over-ons", body="<p>Oud.</p>"))
    page.save_revision().publish()
    login_verified(client, personas.eva)
    data = nested_form_data(
        {
            "title": "Over ons",
            "slug": "over-ons",
            "intro": "",
            "body": rich_text("<p>Nieuw.</p>"),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "Publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page.refresh_from_db()
    assert "Nieuw" in page.body


def test_communicatie_can_submit_terms_for_approval(client, personas, terms):
    login_verified(client, personas.eva)
    submit_for_approval(client, terms)
    terms.refresh_from_db()
    assert terms.workflow_in_progress
    assert current_task_state(terms).task.name == governance.TERMS_TASK
    assert terms.body == "<p>Versie 1.0 van de voorwaarden.</p>"


def test_communicatie_cannot_approve_its_own_submission(client, personas, terms):
    login_verified(client, personas.eva)
    submit_for_approval(client, terms)
    live_revision = terms.live_revision_id
    workflow_action(client, terms, "approve")
    terms.refresh_from_db()
    assert terms.live_revision_id == live_revision
    assert terms.workflow_in_progress


def test_approval_by_privacy_publishes_and_clients_must_accept_the_new_terms(client, personas, terms):
    accept(personas.anna, terms)
    login_verified(client, personas.anna)
    assert client.get(reverse("accounts:profile")).status_code == 200

    client.logout()
    login_verified(client, personas.eva)
    submit_for_approval(client, terms)
    client.logout()
    login_verified(client, personas.frank)
    workflow_action(client, terms, "approve", comment="Akkoord, juridisch getoetst.")

    terms.refresh_from_db()
    assert "Versie 1.1" in terms.body
    assert TermsPage.current().live_revision_id == terms.live_revision_id
    assert not has_accepted_current_terms(personas.anna)

    client.logout()
    login_verified(client, personas.anna)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:accept_terms"))


def test_privacy_can_ask_for_changes_with_a_comment(client, personas, terms):
    login_verified(client, personas.eva)
    submit_for_approval(client, terms)
    client.logout()
    login_verified(client, personas.frank)
    workflow_action(client, terms, "reject", comment="Artikel 4 klopt niet met de AVG.")

    terms.refresh_from_db()
    assert "Versie 1.0" in terms.body
    state = WorkflowState.objects.get(object_id=str(terms.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Artikel 4 klopt niet met de AVG."


def test_privacy_can_schedule_the_new_terms_and_they_go_live_with_publish_scheduled(client, personas, terms):
    accept(personas.anna, terms)
    go_live = timezone.localtime() + timedelta(days=7)
    login_verified(client, personas.eva)
    submit_for_approval(client, terms, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    client.logout()
    login_verified(client, personas.frank)
    workflow_action(client, terms, "approve")

    terms.refresh_from_db()
    assert "Versie 1.0" in terms.body
    assert has_accepted_current_terms(personas.anna)
    scheduled = terms.revisions.filter(approved_go_live_at__isnull=False).get()

    # A week later: move the approved moment (and the page's own go-live date in it) into the past.
    past = timezone.now() - timedelta(minutes=1)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = DjangoJSONEncoder().default(past)
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115

    terms.refresh_from_db()
    assert "Versie 1.1" in terms.body
    assert not has_accepted_current_terms(personas.anna)


def test_privacy_may_publish_terms_directly(client, personas, terms):
    login_verified(client, personas.frank)
    data = edit_data(terms, "<p>Versie 1.2, direct gepubliceerd.</p>", version="1.2")
    data["action-publish"] = "Publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[terms.pk]), data)
    terms.refresh_from_db()
    assert terms.version == "1.2"


def test_page_history_and_revision_comparison_work_for_terms(client, personas, terms):
    login_verified(client, personas.eva)
    submit_for_approval(client, terms)
    client.logout()
    login_verified(client, personas.frank)
    workflow_action(client, terms, "approve")
    first, second = terms.revisions.order_by("created_at").values_list("pk", flat=True)[:2]

    assert client.get(reverse("wagtailadmin_pages:history", args=[terms.pk])).status_code == 200
    compare = client.get(reverse("wagtailadmin_pages:revisions_compare", args=[terms.pk, first, second]))
    assert compare.status_code == 200
    assert "bewaartermijnen" in compare.content.decode()


def test_the_acceptance_report_counts_who_accepted_each_published_version(client, personas, terms):
    accept(personas.anna, terms)
    accept(personas.ben, terms)
    first_revision = terms.live_revision_id
    terms.body = "<p>Versie 1.1.</p>"
    terms.version = "1.1"
    terms.save_revision().publish()
    accept(personas.anna, terms)
    personas.carla.is_active = False
    personas.carla.save()

    login_verified(client, personas.frank)
    response = client.get(reverse("backoffice_terms_acceptance_report"))

    assert response.status_code == 200
    rows = {row.revision_id: row for row in response.context["rows"]}
    assert response.context["total"] == 2  # anna and ben; carla is deactivated
    terms.refresh_from_db()
    assert (rows[terms.live_revision_id].accepted, rows[terms.live_revision_id].not_accepted) == (1, 1)
    assert rows[terms.live_revision_id].is_current
    assert (rows[first_revision].accepted, rows[first_revision].not_accepted) == (2, 0)
    assert rows[first_revision].version == "1.0"


def test_communicatie_and_care_workers_do_not_see_the_acceptance_report(client, personas, terms):
    for user in (personas.eva, personas.dirk):
        login_verified(client, user)
        response = client.get(reverse("backoffice_terms_acceptance_report"))
        assert response.status_code in (302, 403)
        client.logout()


def test_communicatie_cannot_publish_terms_through_the_bulk_actions(client, personas, terms):
    live_revision = terms.live_revision_id
    terms.body = "<p>Concept via bulk.</p>"
    terms.save_revision()
    login_verified(client, personas.eva)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={terms.pk}"
    client.post(url, {"include_descendants": ""})
    terms.refresh_from_db()
    assert terms.live_revision_id == live_revision
