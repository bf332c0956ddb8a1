from datetime import timedelta

import pytest
from django.utils import timezone

from dossier.factories import make_agreement
from dossier.models import AccessAction, AccessLogEntry

URL = "/mijn-dossier/zorgovereenkomsten/"


@pytest.fixture
def agreements(personas):
    today = timezone.localdate()
    ended = {
        days: make_agreement(
            personas.client_a,
            product=f"product-{days}",
            period_start=today - timedelta(days=days + 100),
            period_end=today - timedelta(days=days),
        )
        for days in (10, 40, 500)
    }
    ended[0] = make_agreement(personas.client_a, product="product-0", period_start=today - timedelta(days=3))
    return ended


def _shown(response):
    return {days for days in (0, 10, 40, 500) if f"product-{days}" in response.content.decode()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [("?periode=week", {0}), ("?periode=maand", {0, 10}), ("?periode=jaar", {0, 10, 40}), ("", {0, 10, 40})],
)
def test_each_agreement_period_shows_the_agreements_in_force_then(anna, agreements, query, expected):
    assert _shown(anna.get(URL + query)) == expected


def test_a_chosen_period_shows_the_agreements_in_force_then(anna, agreements):
    today = timezone.localdate()
    params = {"periode": "kiezen", "van": (today - timedelta(days=560)).isoformat()}
    params["tot"] = (today - timedelta(days=520)).isoformat()
    assert _shown(anna.get(URL, params)) == {500}


def test_each_agreement_downloads_as_a_pdf_and_the_download_is_logged(anna, agreements):
    agreement = agreements[0]
    response = anna.get(f"{URL}{agreement.pk}/download/")
    assert response.status_code == 200
    assert f"zorgovereenkomst-100001-{agreement.period_start.isoformat()}.pdf" in response["Content-Disposition"]
    assert AccessLogEntry.objects.filter(action=AccessAction.DOWNLOAD, object_type="care_agreement").exists()
