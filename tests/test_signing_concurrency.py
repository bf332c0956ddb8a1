"""Two tabs (or two servers) confirming the same signature at once create one signature.

Needs real row locks, so it runs on PostgreSQL only (`scripts/with-services`);
on SQLite the replay tests in test_signing.py cover the same rule.
"""

import re
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from accounts.models import SmsOutboxMessage
from dossier.models import ClientPlan, PlanStatus
from signing import services
from signing.models import PlanSignature

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_two_concurrent_confirmations_create_exactly_one_signature(personas):
    plan = ClientPlan.objects.create(
        client=personas.client_a, period_start=timezone.localdate(), content="Doelen", status=PlanStatus.FINAL
    )
    services.request_signature(plan, [personas.anna], requested_by=personas.dirk)
    services.issue_signing_code(personas.anna, plan)
    text = SmsOutboxMessage.objects.filter(text__contains="bevestigingscode").get().text
    code = re.search(r"\d{4}-(\d{6})", text).group(1)

    barrier = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            barrier.wait(timeout=10)
            services.sign_plan(ClientPlan.objects.get(pk=plan.pk), personas.anna, code, ip_address="192.0.2.1")
            outcomes.append("signed")
        except services.SigningError as error:
            outcomes.append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(outcomes) == 2
    assert outcomes.count("signed") == 1
    assert PlanSignature.objects.filter(plan=plan).count() == 1
    assert ClientPlan.objects.get(pk=plan.pk).status == PlanStatus.SIGNED
