"""The signing demo data: one plan waits for marieke, one for henk; loading twice changes nothing."""

import io

import pytest

from demo import dossier, signing
from dossier.models import ClientPlan, PlanStatus
from signing import services
from signing.models import SignatureRequest


@pytest.mark.django_db
def test_the_demo_puts_a_plan_up_for_signing_for_marieke_and_for_henk():
    dossier.load(io.StringIO())
    signing.load(io.StringIO())
    signing.load(io.StringIO())

    requests = SignatureRequest.objects.select_related("plan__client")
    assert sorted((r.plan.client.client_number, r.signers.get().username) for r in requests) == [
        ("10001", "marieke"),
        ("10002", "henk"),
    ]
    for request in requests:
        plan = ClientPlan.objects.get(pk=request.plan_id)
        assert plan.status == PlanStatus.AWAITING_SIGNATURE
        assert services.may_sign(request.signers.get(), plan)
