"""Which terms of use are in force is decided by Privacy/juridisch alone, on every route of the admin.

Communicatie may not publish or unpublish a terms page (test_terms_workflow.py);
these tests walk the other ways a terms version could come, go or change place:
through an ancestor, delete, move, copy and alias, a revision, the bulk actions
and scheduling. Terms that clients accepted are never deleted, by anyone, and
without live terms the dossier stays closed.
"""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from backoffice import roles
from home.models import ContentPage, HomePage
from terms import governance
from terms.acceptance import accept_current_terms, has_accepted_current_terms
from terms.models import TermsAcceptance, TermsPage
from tests.helpers import make_terms
from tests.personas import add_to_group, login_verified, make_user

REFUSED = "Privacy/juridisch"


@pytest.fixture
def home(db):
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Zorggroep De Linde", slug="de-linde"))
        home.save_revision().publish()
    return home


@pytest.fixture
def older_terms(home, personas):
    return make_terms(home, slug="voorwaarden-2025", version="0.9", owner=personas.eva, effective=date(2025, 1, 1))


@pytest.fixture
def terms(home, personas):
    """The current terms, written by Communicatie (so Wagtail lets its owner delete and move them)."""
    return make_terms(home, slug="voorwaarden", version="1.0", owner=personas.eva)


@pytest.fixture
def second_home(home, personas):
    """Another site's home page: a place terms may be moved or copied to."""
    page = Page.get_first_root_node().add_child(
        instance=HomePage(title="Tweede locatie", slug="tweede-locatie", owner=personas.eva)
    )
    page.save_revision(user=personas.eva).publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def archive(home, personas):
    """A plain page under the root, where a whole home page (with its terms) could be moved."""
    page = Page.get_first_root_node().add_child(instance=Page(title="Archief", slug="archief", owner=personas.eva))
    page.save_revision(user=personas.eva).publish()
    return page


@pytest.fixture
def beheerder(db):
    user = make_user("beheerder", mobile="+31677777777", is_staff=True)
    add_to_group(user, roles.BEHEERDER)
    roles.setup_roles()
    return user


@pytest.fixture
def eva(client, personas):
    login_verified(client, personas.eva)
    return client


@pytest.fixture
def frank(client, personas):
    login_verified(client, personas.frank)
    return client


def messages_of(response):
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def live_terms_slugs():
    return set(TermsPage.objects.live().values_list("slug", flat=True))


def bulk_url(action, *pages, **query):
    ids = "&".join(f"id={page.pk}" for page in pages)
    extra = "".join(f"&{key}={value}" for key, value in query.items())
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?{ids}{extra}"


# Unpublishing an ancestor with its descendants.


def test_communicatie_cannot_unpublish_the_home_page_with_its_descendants(eva, home, terms):
    response = eva.post(
        reverse("wagtailadmin_pages:unpublish", args=[home.pk]), {"include_descendants": "on"}, follow=True
    )

    terms.refresh_from_db()
    home.refresh_from_db()
    assert terms.live and home.live
    assert TermsPage.current() == terms
    assert REFUSED in messages_of(response)


def test_communicatie_still_unpublishes_the_home_page_without_its_descendants(eva, home, terms):
    eva.post(reverse("wagtailadmin_pages:unpublish", args=[home.pk]))

    home.refresh_from_db()
    terms.refresh_from_db()
    assert not home.live
    assert terms.live


def test_a_beheerder_may_unpublish_the_home_page_with_its_descendants(client, beheerder, home, terms):
    login_verified(client, beheerder)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[home.pk]), {"include_descendants": "on"})

    terms.refresh_from_db()
    assert not terms.live


# Deleting.


def test_communicatie_cannot_delete_a_published_terms_version(eva, older_terms, terms):
    response = eva.post(reverse("wagtailadmin_pages:delete", args=[terms.pk]), follow=True)

    assert TermsPage.objects.filter(pk=terms.pk).exists()
    assert TermsPage.current() == terms
    assert REFUSED in messages_of(response)


def test_communicatie_cannot_open_the_delete_screen_of_terms(eva, terms):
    response = eva.get(reverse("wagtailadmin_pages:delete", args=[terms.pk]))

    assert response.status_code == 302
    assert TermsPage.objects.filter(pk=terms.pk).exists()


def test_communicatie_cannot_delete_an_ancestor_of_terms(eva, home, terms):
    response = eva.post(reverse("wagtailadmin_pages:delete", args=[home.pk]), follow=True)

    assert response.status_code in (200, 403)
    assert TermsPage.objects.filter(pk=terms.pk).exists()


def test_privacy_may_delete_a_terms_version_nobody_accepted(frank, older_terms, terms):
    frank.post(reverse("wagtailadmin_pages:delete", args=[terms.pk]))

    assert not TermsPage.objects.filter(pk=terms.pk).exists()
    assert TermsPage.current() == older_terms


def test_nobody_can_delete_terms_that_clients_accepted(client, beheerder, personas, terms):
    accept_current_terms(personas.anna)
    login_verified(client, beheerder)

    response = client.post(reverse("wagtailadmin_pages:delete", args=[terms.pk]), follow=True)

    assert response.status_code == 200
    assert TermsPage.objects.filter(pk=terms.pk).exists()
    assert "al geaccepteerd" in messages_of(response)


def test_privacy_cannot_delete_terms_that_clients_accepted_either(frank, personas, terms):
    accept_current_terms(personas.anna)

    response = frank.post(reverse("wagtailadmin_pages:delete", args=[terms.pk]), follow=True)

    assert response.status_code == 200
    assert TermsPage.objects.filter(pk=terms.pk).exists()
    assert "al geaccepteerd" in messages_of(response)


def test_nobody_can_delete_an_ancestor_of_terms_that_clients_accepted(client, beheerder, personas, home, terms):
    accept_current_terms(personas.anna)
    login_verified(client, beheerder)

    response = client.post(reverse("wagtailadmin_pages:delete", args=[home.pk]), follow=True)

    assert response.status_code == 200
    assert HomePage.objects.filter(pk=home.pk).exists()
    assert "al geaccepteerd" in messages_of(response)


# Moving.


def test_communicatie_cannot_move_terms(eva, home, second_home, terms):
    response = eva.post(reverse("wagtailadmin_pages:move_confirm", args=[terms.pk, second_home.pk]), follow=True)

    terms.refresh_from_db()
    assert terms.get_parent().pk == home.pk
    assert REFUSED in messages_of(response)


def test_communicatie_cannot_move_an_ancestor_of_terms(eva, home, archive, terms):
    response = eva.post(reverse("wagtailadmin_pages:move_confirm", args=[home.pk, archive.pk]), follow=True)

    home.refresh_from_db()
    assert home.get_parent().pk == Page.get_first_root_node().pk
    assert REFUSED in messages_of(response)


def test_communicatie_still_moves_ordinary_pages(eva, home, second_home, personas):
    page = home.add_child(instance=ContentPage(title="Over ons", slug="over-ons", body="<p>.</p>", owner=personas.eva))
    page.save_revision(user=personas.eva).publish()

    eva.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, second_home.pk]))

    page.refresh_from_db()
    assert page.get_parent().pk == second_home.pk


def test_privacy_may_move_terms_where_it_may_publish(frank, home, second_home, older_terms, terms):
    privacy = Group.objects.get(name=roles.PRIVACY)
    for codename in ("add_page", "publish_page"):
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.create(group=privacy, page=second_home, permission=permission)

    frank.post(reverse("wagtailadmin_pages:move_confirm", args=[terms.pk, second_home.pk]))

    terms.refresh_from_db()
    assert terms.get_parent().pk == second_home.pk


# Copying and aliasing.


def copy_data(page, parent, **extra):
    return {
        "new_title": f"{page.title} (kopie)",
        "new_slug": f"{page.slug}-kopie",
        "new_parent_page": parent.pk,
        **extra,
    }


def test_communicatie_cannot_copy_terms_as_published_copies(eva, home, terms):
    live_before = live_terms_slugs()

    eva.post(reverse("wagtailadmin_pages:copy", args=[terms.pk]), copy_data(terms, home, publish_copies="on"))

    assert live_terms_slugs() == live_before


def test_communicatie_cannot_copy_an_ancestor_of_terms_with_published_copies(eva, home, terms):
    root = Page.get_first_root_node()
    live_before = live_terms_slugs()

    eva.post(
        reverse("wagtailadmin_pages:copy", args=[home.pk]),
        copy_data(home, root, copy_subpages="on", publish_copies="on"),
    )

    assert live_terms_slugs() == live_before
    assert TermsPage.current() == terms


def test_communicatie_cannot_make_an_alias_of_terms(eva, second_home, terms):
    count = TermsPage.objects.count()

    eva.post(reverse("wagtailadmin_pages:copy", args=[terms.pk]), copy_data(terms, second_home, alias="on"))

    assert TermsPage.objects.count() == count


def test_communicatie_cannot_make_an_alias_of_an_ancestor_of_terms(eva, home, terms):
    root = Page.get_first_root_node()
    count = TermsPage.objects.count()

    eva.post(reverse("wagtailadmin_pages:copy", args=[home.pk]), copy_data(home, root, alias="on", copy_subpages="on"))

    assert TermsPage.objects.count() == count


def test_communicatie_may_copy_terms_as_a_draft_that_goes_through_the_workflow(eva, home, terms):
    eva.post(reverse("wagtailadmin_pages:copy", args=[terms.pk]), copy_data(terms, home))

    copy = TermsPage.objects.get(slug="voorwaarden-kopie")
    assert not copy.live
    assert copy.get_workflow().name == governance.TERMS_WORKFLOW


def test_a_beheerder_may_copy_terms_as_published_copies(client, beheerder, home, terms):
    login_verified(client, beheerder)
    client.post(reverse("wagtailadmin_pages:copy", args=[terms.pk]), copy_data(terms, home, publish_copies="on"))

    assert TermsPage.objects.get(slug="voorwaarden-kopie").live


# Revisions and scheduling.


def edit_data(page, *, version, **extra):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "version": version,
            "effective_date": "2026-06-01",
            "body": rich_text(f"<p>Versie {version}.</p>"),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_communicatie_cannot_publish_terms_by_reverting_to_a_revision(eva, personas, terms):
    first_revision = terms.live_revision
    terms.version = "1.1"
    terms.body = "<p>Versie 1.1.</p>"
    terms.save_revision(user=personas.frank).publish()
    terms.refresh_from_db()
    live_revision = terms.live_revision_id
    data = edit_data(terms, version="1.0")
    data["action-publish"] = "Publish"

    eva.post(reverse("wagtailadmin_pages:revisions_revert", args=[terms.pk, first_revision.pk]), data)

    terms.refresh_from_db()
    assert terms.live_revision_id == live_revision
    assert terms.version == "1.1"


def test_communicatie_cannot_schedule_terms_to_go_live(eva, terms):
    go_live = timezone.localtime() + timedelta(days=3)
    data = edit_data(terms, version="1.1", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    data["action-publish"] = "Publish"

    eva.post(reverse("wagtailadmin_pages:edit", args=[terms.pk]), data)

    assert not terms.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_communicatie_cannot_schedule_terms_to_expire(eva, terms):
    expire = timezone.localtime() + timedelta(days=3)
    data = edit_data(terms, version="1.0", expire_at=expire.strftime("%Y-%m-%d %H:%M"))
    data["action-publish"] = "Publish"

    eva.post(reverse("wagtailadmin_pages:edit", args=[terms.pk]), data)

    terms.refresh_from_db()
    assert terms.expire_at is None


def test_communicatie_cannot_cancel_the_scheduled_publication_of_approved_terms(eva, personas, terms):
    scheduled = terms.save_revision(user=personas.frank, approved_go_live_at=timezone.now() + timedelta(days=3))

    response = eva.post(reverse("wagtailadmin_pages:revisions_unschedule", args=[terms.pk, scheduled.pk]))

    scheduled.refresh_from_db()
    assert scheduled.approved_go_live_at is not None
    assert response.status_code in (302, 403)


def test_privacy_may_cancel_the_scheduled_publication_of_terms(frank, personas, terms):
    scheduled = terms.save_revision(user=personas.frank, approved_go_live_at=timezone.now() + timedelta(days=3))

    frank.post(reverse("wagtailadmin_pages:revisions_unschedule", args=[terms.pk, scheduled.pk]))

    scheduled.refresh_from_db()
    assert scheduled.approved_go_live_at is None


# Bulk actions.


def test_communicatie_cannot_publish_terms_drafts_through_a_bulk_publish_of_their_ancestor(eva, home, personas, terms):
    draft = home.add_child(
        instance=TermsPage(
            title="Gebruikersvoorwaarden 2.0",
            slug="voorwaarden-2",
            version="2.0",
            effective_date=date(2026, 9, 1),
            body="<p>Ongekeurd concept.</p>",
            owner=personas.eva,
            live=False,
        )
    )
    draft.save_revision(user=personas.eva)

    eva.post(bulk_url("publish", home), {"include_descendants": "on"})

    draft.refresh_from_db()
    assert not draft.live
    assert TermsPage.current() == terms


def test_communicatie_cannot_unpublish_terms_through_a_bulk_unpublish(eva, terms):
    eva.post(bulk_url("unpublish", terms), {"include_descendants": ""})

    terms.refresh_from_db()
    assert terms.live


def test_communicatie_cannot_unpublish_terms_through_a_bulk_unpublish_of_their_ancestor(eva, home, terms):
    eva.post(bulk_url("unpublish", home), {"include_descendants": "on"})

    terms.refresh_from_db()
    assert terms.live


def test_communicatie_cannot_delete_terms_through_a_bulk_delete(eva, older_terms, terms):
    eva.post(bulk_url("delete", terms))

    assert TermsPage.objects.filter(pk=terms.pk).exists()


def test_nobody_can_bulk_delete_terms_that_clients_accepted(client, beheerder, personas, terms):
    accept_current_terms(personas.anna)
    login_verified(client, beheerder)

    response = client.post(bulk_url("delete", terms), follow=True)

    assert response.status_code == 200
    assert TermsPage.objects.filter(pk=terms.pk).exists()


def test_communicatie_cannot_move_terms_through_a_bulk_move(eva, home, second_home, terms):
    eva.post(bulk_url("move", terms), {"chooser": second_home.pk})

    terms.refresh_from_db()
    assert terms.get_parent().pk == home.pk


def test_privacy_may_bulk_unpublish_terms(frank, older_terms, terms):
    frank.post(bulk_url("unpublish", terms), {"include_descendants": ""})

    terms.refresh_from_db()
    assert not terms.live
    assert TermsPage.current() == older_terms


# Without live terms the dossier stays closed.


def take_all_terms_offline():
    for page in TermsPage.objects.live():
        page.unpublish()


def test_without_live_terms_nobody_passes_the_terms_check(personas, terms):
    accept_current_terms(personas.anna)
    take_all_terms_offline()

    assert TermsPage.current() is None
    assert not has_accepted_current_terms(personas.anna)


def test_without_live_terms_the_dossier_shows_that_the_terms_are_unavailable(client, personas, dossier_page, terms):
    accept_current_terms(personas.anna)
    take_all_terms_offline()
    login_verified(client, personas.anna)

    response = client.get("/mijn-dossier/", follow=True)

    html = response.content.decode()
    assert "De gebruiksvoorwaarden zijn op dit moment niet beschikbaar" in html
    assert "Anna Jansen" not in html
    assert response.status_code == 503


def test_without_live_terms_the_terms_screen_cannot_be_accepted(client, personas, terms):
    take_all_terms_offline()
    login_verified(client, personas.anna)
    accepted_before = TermsAcceptance.objects.count()

    response = client.post(reverse("accounts:accept_terms"), {"accept": "1"})

    assert response.status_code == 503
    assert TermsAcceptance.objects.count() == accepted_before
