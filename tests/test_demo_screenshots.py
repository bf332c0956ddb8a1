"""load_demo gives the demo handleiding and FAQ the screenshots that scripts/screenshots made of the demo site."""

import io

import pytest
from wagtail.images import get_image_model
from wagtail.models import Revision

from demo import public_content, screenshots
from home.models import FAQPage, ManualPage


@pytest.fixture
def demo_with_screenshots(public_site):
    screenshots.load(io.StringIO())
    return public_site


def step_images():
    manual = ManualPage.objects.get()
    return {step["title"]: step["image"] for chapter in manual.chapters for step in chapter.value["steps"]}


def test_every_screenshot_the_demo_names_is_committed_and_every_step_it_names_exists():
    wanted = {name for name, _alt in public_content.MANUAL_SCREENSHOTS.values()}
    wanted |= {name for name, _alt in public_content.FAQ_SCREENSHOTS.values()}
    missing = sorted(name for name in wanted if not (screenshots.SCREENSHOTS_DIR / f"{name}.png").exists())
    assert not missing, f"run scripts/screenshots: {missing}"
    step_titles = {title for _c, _i, steps in public_content.MANUAL for title, _text in steps}
    assert set(public_content.MANUAL_SCREENSHOTS) <= step_titles
    faq_anchors = {anchor for _c, questions in public_content.FAQ for anchor, _q, _a in questions}
    assert set(public_content.FAQ_SCREENSHOTS) <= faq_anchors


def test_load_demo_attaches_the_screenshots_to_the_manual_steps_with_their_alt_text(demo_with_screenshots):
    images = step_images()
    for title, (name, _alt) in public_content.MANUAL_SCREENSHOTS.items():
        assert images[title] is not None, title
        assert images[title].title.endswith(name)
    manual = ManualPage.objects.get()
    alts = {step["image_alt"] for chapter in manual.chapters for step in chapter.value["steps"] if step["image"]}
    assert "" not in alts


def test_the_faq_question_about_the_look_of_the_portal_shows_a_real_screenshot(client, demo_with_screenshots):
    name, alt = public_content.FAQ_SCREENSHOTS["hoe-ziet-het-eruit"]
    html = client.get("/veelgestelde-vragen/").content.decode()
    question = html[html.index('id="hoe-ziet-het-eruit"') :]
    question = question[: question.index("Link naar deze vraag")]
    assert "Hoe ziet het cliëntportaal eruit?" in question
    assert "<img" in question and f'alt="{alt}"' in question


def test_loading_the_screenshots_again_changes_nothing(demo_with_screenshots):
    before = (get_image_model().objects.count(), Revision.objects.count(), step_images())
    screenshots.load(io.StringIO())
    assert (get_image_model().objects.count(), Revision.objects.count(), step_images()) == before


def test_an_image_an_editor_chose_for_a_step_is_kept(public_site):
    own = screenshots.screenshot("website")
    own.title = "Eigen plaatje van de redactie"
    own.save()
    manual = ManualPage.objects.get()
    first_step = manual.chapters[1].value["steps"][0]
    assert first_step["title"] == "Open MijnDossier"
    first_step["image"], first_step["image_alt"] = own, "Eigen plaatje"
    manual.save_revision().publish()

    screenshots.load(io.StringIO())
    assert step_images()["Open MijnDossier"] == own


def test_the_faq_links_to_the_application_form_and_to_chapters_of_the_manual_that_exist(client, public_site):
    import re

    manual_html = client.get("/handleiding/").content.decode()
    chapter_ids = set(re.findall(r'<section class="manual-chapter[^"]*" id="([^"]+)"', manual_html))
    faq_html = client.get("/veelgestelde-vragen/").content.decode()
    links = re.findall(r'href="/handleiding/#([^"]+)"', faq_html)
    assert len(links) >= 5
    assert set(links) <= chapter_ids, set(links) - chapter_ids
    assert faq_html.count('href="/toegang-aanvragen/"') >= 3
    faq = FAQPage.objects.get()
    text = faq.plain_text()
    assert "niet altijd meteen" in text, "the caveat that the dossier may lag behind the care"
    assert "Afdeling" in text and "Auteur" in text and "Behandeldoel" in text
