from datetime import date

import pytest
from django.utils import timezone

from dossier.factories import make_evaluation
from dossier.models import AccessAction, AccessLogEntry

URL = "/mijn-dossier/evaluaties/"


@pytest.fixture
def evaluations(personas):
    year = timezone.localdate().year
    return {
        offset: make_evaluation(personas.client_a, evaluated_on=date(year - offset, 6, 1), title=f"evaluatie-{offset}")
        for offset in (0, 1, 2)
    }


def _shown(response):
    return {offset for offset in (0, 1, 2) if f"evaluatie-{offset}" in response.content.decode()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [("?periode=dit-jaar", {0}), ("?periode=vorig-jaar", {1}), ("?periode=alles", {0, 1, 2})],
)
def test_each_evaluation_period_shows_the_evaluations_of_that_period(anna, evaluations, query, expected):
    assert _shown(anna.get(URL + query)) == expected


def test_each_evaluation_downloads_as_a_pdf_and_the_download_is_logged(anna, personas, evaluations):
    evaluation = evaluations[1]
    response = anna.get(f"{URL}{evaluation.pk}/download/")
    assert response.status_code == 200
    assert f"evaluatie-100001-{evaluation.evaluated_on.isoformat()}.pdf" in response["Content-Disposition"]
    assert AccessLogEntry.objects.filter(action=AccessAction.DOWNLOAD, object_type="evaluation").exists()
