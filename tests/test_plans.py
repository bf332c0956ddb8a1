from datetime import timedelta

import pytest
from django.utils import timezone

from dossier.factories import make_plan
from dossier.models import AccessAction, AccessLogEntry, PlanStatus

URL = "/mijn-dossier/clientplannen/"


@pytest.fixture
def plans(personas):
    today = timezone.localdate()
    return {
        years: make_plan(
            personas.client_a,
            title=f"plan-{years}-jaar",
            period_start=today - timedelta(days=365 * years + 30),
            period_end=today - timedelta(days=365 * years),
        )
        for years in (0, 1, 3)
    }


def _shown(response):
    return {years for years in (0, 1, 3) if f"plan-{years}-jaar" in response.content.decode()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [("?periode=jaar", {0}), ("?periode=twee-jaar", {0, 1}), ("?periode=alles", {0, 1, 3}), ("", {0, 1, 3})],
)
def test_each_plan_period_shows_the_plans_of_that_period(anna, plans, query, expected):
    assert _shown(anna.get(URL + query)) == expected


def test_plans_have_no_chosen_period(anna, plans):
    response = anna.get(URL, {"periode": "kiezen", "van": "2020-01-01", "tot": "2026-01-01"})
    assert "Kies een van de perioden" in response.content.decode()


def test_a_draft_plan_is_not_listed(anna, personas):
    make_plan(personas.client_a, title="concept-plan", status=PlanStatus.DRAFT)
    assert "concept-plan" not in anna.get(URL).content.decode()


def test_the_plans_page_shows_status_and_signed_date(anna, personas):
    make_plan(personas.client_a, status=PlanStatus.SIGNED, signed_at=timezone.now())
    body = anna.get(URL).content.decode()
    assert "ondertekend" in body
    assert timezone.localdate().strftime("%Y") in body


def test_each_plan_downloads_as_a_pdf_and_the_download_is_logged(anna, personas, plans):
    plan = plans[0]
    response = anna.get(f"{URL}{plan.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    expected = f'filename="clientplan-100001-v{plan.version}-{plan.period_start.isoformat()}.pdf"'
    assert expected in response["Content-Disposition"]
    assert AccessLogEntry.objects.filter(
        action=AccessAction.DOWNLOAD, object_type="client_plan", object_id=str(plan.pk), user=personas.anna
    ).exists()


def test_the_plans_page_has_the_banner_block_for_signing(anna):
    response = anna.get(URL)
    assert "dossier_pages/plans.html" in [t.name for t in response.templates]
