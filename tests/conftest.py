import pytest

from tests.personas import Personas


@pytest.fixture
def personas(db):
    return Personas()


@pytest.fixture
def public_site(db):
    """The public demo site from demo/public.py; returns its HomePage (the default site's root)."""
    import io

    from demo import public
    from home.models import HomePage

    public.load(io.StringIO())
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


from tests.oidc_provider.fixtures import digid_settings, oidc_provider  # noqa: E402, F401
