"""The shared fixtures of conftest.py combine in any order a test asks for them."""

from django.test import Client

from dossier_pages.models import DossierPage
from home.models import HomePage


def _assert_the_dossier_page_is_under_the_public_home_page():
    home = HomePage.objects.get()
    dossier = DossierPage.objects.get()
    assert dossier.get_parent().specific == home
    assert dossier.url == "/mijn-dossier/"
    assert Client().get("/").status_code == 200


def test_the_dossier_page_asked_for_before_the_public_site_lands_under_it(personas, dossier_page, public_site):
    _assert_the_dossier_page_is_under_the_public_home_page()


def test_the_public_site_asked_for_before_the_dossier_page_holds_it(personas, public_site, dossier_page):
    _assert_the_dossier_page_is_under_the_public_home_page()


def test_a_test_that_changes_the_public_site_leaves_the_next_test_the_loaded_site(public_site):
    public_site.get_children().delete()
    assert HomePage.objects.get().get_children().count() == 0


def test_the_next_test_gets_the_public_site_as_loaded(public_site):
    assert public_site.get_children().count() > 0
    assert Client().get("/veelgestelde-vragen/").status_code == 200


def test_anna_is_logged_in_with_her_second_factor_on_the_dossier_page(anna):
    assert anna.get("/mijn-dossier/").status_code == 200
