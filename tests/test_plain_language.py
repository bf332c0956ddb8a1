"""Plain Dutch for the reader: technical terms are explained or tucked away in a detail."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from dossier.models import ClientPlan, PlanStatus
from signing import services
from tests.helpers import latest_signing_code, request_signing_code, sign_url
from tests.personas import login_verified


@pytest.fixture
def signed_plan(personas, dossier_page, client):
    plan = ClientPlan.objects.create(
        client=personas.client_a,
        title="Cliëntplan",
        version=1,
        period_start=timezone.localdate() - timedelta(days=7),
        content="Doelen\n1. Elke ochtend samen de dag doornemen.",
        status=PlanStatus.FINAL,
    )
    services.request_signature(plan, [personas.anna], requested_by=personas.dirk)
    anna = login_verified(client, personas.anna)
    request_signing_code(anna, plan)
    anna.post(sign_url(plan), {"action": "sign", "agree": "on", "code": latest_signing_code(personas.anna)[1]})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SIGNED
    return anna, plan


def test_the_fingerprint_of_a_signed_plan_is_explained_in_plain_dutch_inside_a_detail(signed_plan):
    anna, plan = signed_plan
    page = anna.get(sign_url(plan)).content.decode()

    detail = re.search(r"<details class=\"signing-proof\">.*?</details>", page, re.S)
    assert detail, "the technical proof is not in a <details>"
    detail = detail.group(0)
    assert "SHA-256" in detail
    assert plan.signature.document_sha256 in detail
    summary = re.search(r"<summary[^>]*>(.*?)</summary>", detail, re.S).group(1)
    assert "SHA" not in summary and "Vingerafdruk" not in summary
    assert "precies dit plan" in detail, "the detail says in plain words what the code proves"
    outside = page.replace(detail, "")
    assert "SHA-256" not in outside
