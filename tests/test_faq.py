import json
import re

import pytest
from wagtail.rich_text import RichText

from home.models import FAQPage

pytestmark = pytest.mark.django_db


def test_the_faq_page_shows_every_question_under_its_category(client, public_site):
    response = client.get("/veelgestelde-vragen/")
    assert response.status_code == 200
    html = response.content.decode()
    for category in ("Over MijnDossier", "Toegang en inloggen", "Veiligheid en hulp"):
        assert f"{category}</h2>" in html
    assert len(re.findall(r'class="faq-item"', html)) >= 10


def test_each_question_can_be_linked_to_by_its_anchor(client, public_site):
    html = client.get("/veelgestelde-vragen/").content.decode()
    assert '<div class="faq-item" id="waarom-e-mail-en-mobiel">' in html
    assert 'href="#waarom-e-mail-en-mobiel"' in html


def test_questions_without_an_anchor_get_a_unique_one_from_their_text(public_site):
    faq = FAQPage.objects.get()
    question = {"anchor": "", "question": "Hoe werkt het?", "answer": RichText("<p>Zo.</p>")}
    faq.body = [("category", {"title": "", "questions": [question, dict(question)]})]
    anchors = [anchor for _title, questions in faq.categories() for anchor, _q, _a in questions]
    assert anchors == ["hoe-werkt-het", "hoe-werkt-het-2"]


def test_the_faq_page_carries_schema_org_faqpage_json_ld(client, public_site):
    html = client.get("/veelgestelde-vragen/").content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) == sum(len(qs) for _t, qs in FAQPage.objects.get().categories())
    first = data["mainEntity"][0]
    assert first["@type"] == "Question"
    assert first["acceptedAnswer"]["@type"] == "Answer"
    assert "<p>" not in first["acceptedAnswer"]["text"]


def test_json_ld_cannot_break_out_of_its_script_element(public_site):
    faq = FAQPage.objects.get()
    evil = {"anchor": "", "question": "</script><script>alert(1)</script>", "answer": RichText("<p>x</p>")}
    faq.body = [("category", {"title": "", "questions": [evil]})]
    assert "</script>" not in faq.json_ld()
    assert json.loads(faq.json_ld())["mainEntity"][0]["name"] == evil["question"]
