import pytest

from tests.personas import Personas, login_verified


@pytest.fixture
def personas(db):
    return Personas()


@pytest.fixture
def public_site(db):
    """The public demo site from demo/public.py; returns its HomePage (the default site's root).

    The demo replaces Wagtail's welcome page only while it has no children, so a dossier page made first
    (the `dossier_page` fixture) is parked under the root during the load and then moved under the new
    home page: it stays at /mijn-dossier/ in either order.
    """
    import io

    from wagtail.models import Page

    from demo import public
    from dossier_pages.models import DossierPage
    from home.models import HomePage

    made_first = list(DossierPage.objects.all())
    root = Page.get_first_root_node()
    for page in made_first:
        page.move(root, pos="last-child")
    public.load(io.StringIO())
    home = HomePage.objects.get()
    for page in made_first:
        Page.objects.get(pk=page.pk).move(home, pos="last-child")
    return home


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
