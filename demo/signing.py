"""Demo signing: one client plan waits for marieke's signature and one for henk (as Truus's representative).

Idempotent: a plan that already has a signature request (in any state) is left alone.
No SMS or e-mail is sent while loading.
"""

from django.contrib.auth import get_user_model

from dossier.models import ClientPlan, PlanStatus
from signing.models import SignatureRequest
from signing.services import request_signature

SOURCE = "demo"
# (external id of the plan from demo/dossier.py, username of the signer)
WAITING = [("demo-plan-10001-v3", "marieke"), ("demo-plan-10002-v3", "henk")]


def load(stdout):
    User = get_user_model()
    requested_by = User.objects.filter(username="zorgmedewerker").first()
    created = 0
    for external_id, username in WAITING:
        plan = ClientPlan.objects.filter(external_source=SOURCE, external_id=external_id).first()
        signer = User.objects.filter(username=username).first()
        if plan is None or signer is None or SignatureRequest.objects.filter(plan=plan).exists():
            continue
        if plan.status != PlanStatus.FINAL:
            continue
        request_signature(plan, [signer], requested_by, notify=False)
        created += 1
    stdout.write(f"signing: {created} new plans waiting for a signature (marieke, henk)")
