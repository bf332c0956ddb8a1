"""The shared fixtures of conftest.py combine in any order a test asks for them."""

import pytest
from django.test import Client

from dossier_pages.models import DossierPage
from home.models import HomePage


@pytest.mark.parametrize("order", [["dossier_page", "public_site"], ["public_site", "dossier_page"]])
def test_the_dossier_page_and_the_public_site_work_in_either_order(request, personas, order):
    for name in order:
        request.getfixturevalue(name)
    home = HomePage.objects.get()
    dossier = DossierPage.objects.get()
    assert dossier.get_parent().specific == home
    assert dossier.url == "/mijn-dossier/"
    assert Client().get("/").status_code == 200


def test_anna_is_logged_in_with_her_second_factor_on_the_dossier_page(anna):
    assert anna.get("/mijn-dossier/").status_code == 200
