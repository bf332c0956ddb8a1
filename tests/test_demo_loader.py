import io

import pytest
from wagtail.models import Page, Revision, Site

from demo import public
from home.models import ApplicationFormPage, FAQPage, HomePage, ManualPage, OrganisationSettings
from terms.models import TermsPage

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Site.objects.count(),
        OrganisationSettings.objects.count(),
        list(Page.objects.order_by("path").values_list("path", "title", "live", "latest_revision_id")),
    )


def test_running_the_public_loader_twice_changes_nothing(public_site):
    before = snapshot()
    public.load(io.StringIO())
    assert snapshot() == before


def test_the_loader_replaces_the_wagtail_welcome_page_with_the_home_page(public_site):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == public_site
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_the_demo_site_has_all_public_page_types_published(public_site):
    for model in (FAQPage, ManualPage, TermsPage, ApplicationFormPage):
        assert model.objects.live().child_of(public_site).count() == 1
    assert TermsPage.current() is not None


def test_the_demo_faq_has_at_least_ten_questions_in_three_categories(public_site):
    categories = FAQPage.objects.get().categories()
    assert len(categories) >= 3
    assert sum(len(questions) for _title, questions in categories) >= 10


def test_the_demo_form_has_the_fields_staff_need(public_site):
    kinds = [field.field_type for field in ApplicationFormPage.objects.get().get_form_fields()]
    assert {"singleline", "birthdate", "radio", "email", "mobile", "checkbox"} <= set(kinds)


def test_the_loader_keeps_editors_changes(public_site):
    faq = FAQPage.objects.get()
    faq.title = "Vragen en antwoorden"
    faq.save_revision().publish()
    public.load(io.StringIO())
    assert FAQPage.objects.get().title == "Vragen en antwoorden"
    assert HomePage.objects.count() == 1
