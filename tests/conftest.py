import pytest

from tests.personas import Personas, login_verified


@pytest.fixture
def personas(db):
    return Personas()


@pytest.fixture(scope="module")
def public_site_of_the_module(django_db_setup, django_db_blocker):
    """The public demo site from demo/public.py, loaded once per test module inside a transaction.

    Loading it saves twenty pages with their search and reference index entries, which costs a second or more;
    a module of tests needs it once. Each test runs in its own savepoint inside this transaction (pytest-django's
    `db`), so what a test changes is undone after it; the load itself is rolled back when the module ends.
    """
    import io

    from django.db import connection, transaction

    from demo import public

    with django_db_blocker.unblock():
        if connection.in_atomic_block:
            pytest.fail("Ask for public_site in the test's arguments: loaded inside a test it cannot outlive it.")
        outer = transaction.atomic()
        # Marked like the atomic blocks of Django's TestCase, so durable blocks in the code still work inside it.
        outer._from_testcase = True
        outer.__enter__()
        try:
            public.load(io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def public_site(public_site_of_the_module, db):
    """The public demo site from demo/public.py; returns its HomePage (the default site's root).

    A dossier page made by the `dossier_page` fixture lands under it at /mijn-dossier/ in either order, since
    the module's site is always loaded before any test's own data.
    """
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def dossier_page(db):
    """The MijnDossier page at /mijn-dossier/, under the default site's root page."""
    from wagtail.models import Page, Site

    from dossier_pages.models import DossierPage

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        home = Page.get_first_root_node().add_child(instance=Page(title="Home", slug="home"))
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return site.root_page.add_child(instance=DossierPage(title="Mijn dossier", slug="mijn-dossier"))


@pytest.fixture
def anna(client, personas, dossier_page):
    """Anna (client A) logged in with her second factor, with the dossier page in place."""
    return login_verified(client, personas.anna)


from tests.oidc_provider.fixtures import digid_settings, oidc_provider  # noqa: E402, F401
