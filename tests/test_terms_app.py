"""The terms of use moved from `home` and `accounts` to their own app without losing a page or an acceptance.

The migrations move only Django's model state, rename the two content types'
app label (a Wagtail page knows its type by content type) and the tables, and
move the two terms permissions to the terms models, so the groups holding them
keep them.
"""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Locale, Page

from backoffice.roles import PRIVACY
from demo import public
from terms.acceptance import accept_current_terms, has_accepted_current_terms
from terms.models import TermsAcceptance, TermsPage
from tests.personas import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def public_site():
    """The demo's public site, also after another transactional test emptied the database (no Wagtail root)."""
    if Page.get_first_root_node() is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(title="Root", slug="root")
    public.load(io.StringIO())


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _content_type_label(page_id):
    return Page.objects.filter(pk=page_id).values_list("content_type__app_label", "content_type__model").get()


def test_terms_pages_and_acceptances_keep_working_after_the_move_to_their_own_app(client, public_site):
    terms = TermsPage.current()
    anna = make_user("anna")
    acceptance = accept_current_terms(anna)
    privacy = Group.objects.get(name=PRIVACY)
    assert privacy.permissions.filter(content_type__app_label="terms", codename="publish_terms").exists()

    try:
        _migrate([("terms", None)])
        assert _content_type_label(terms.pk) == ("home", "termspage")
        assert "home_termspage" in connection.introspection.table_names()
        assert privacy.permissions.filter(content_type__app_label="backoffice", codename="publish_terms").exists()
    finally:
        _migrate(_latest())
    assert _content_type_label(terms.pk) == ("terms", "termspage")
    assert Page.objects.get(pk=terms.pk).specific_class is TermsPage
    assert {"terms_termspage", "terms_termsacceptance"} <= set(connection.introspection.table_names())
    assert TermsAcceptance.objects.filter(pk=acceptance.pk, terms_page=terms).exists()
    assert has_accepted_current_terms(anna)
    assert privacy.permissions.filter(content_type__app_label="terms", codename="publish_terms").exists()
    assert privacy.permissions.filter(content_type__app_label="terms", codename="view_terms_report").exists()
    assert not ContentType.objects.filter(app_label="home", model="termspage").exists()

    response = client.get(terms.url)
    assert response.status_code == 200
    assert "Uw account is persoonlijk." in response.content.decode()
