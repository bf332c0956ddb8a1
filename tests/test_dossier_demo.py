from io import StringIO

from demo import dossier as demo_dossier
from dossier.models import Appointment, CareAgreement, Client, ClientPlan, DossierAccess, Evaluation, Report


def _counts():
    models = [Client, Report, ClientPlan, Evaluation, CareAgreement, Appointment, DossierAccess]
    return [model.objects.count() for model in models]


def test_the_demo_dossiers_load_twice_without_changes(db):
    demo_dossier.load(StringIO())
    first = _counts()
    demo_dossier.load(StringIO())
    assert _counts() == first
    assert first[0] == 4
    assert Report.objects.filter(client__client_number="10001").count() >= 365
    henk = DossierAccess.objects.filter(user__username="henk").values_list("client__client_number", flat=True)
    assert sorted(henk) == ["10002", "10003"]
    marieke = DossierAccess.objects.get(user__username="marieke").user
    assert [c.client_number for c in Client.objects.visible_to(marieke)] == ["10001"]
    assert Client.objects.get(client_number="10001").photo
