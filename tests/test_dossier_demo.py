from datetime import datetime, time
from io import StringIO
from unittest import mock

from django.utils import timezone

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


def test_no_demo_report_is_dated_later_than_the_moment_the_demo_is_loaded(db):
    morning = timezone.make_aware(datetime.combine(timezone.localdate(), time(10, 24)))
    with mock.patch("django.utils.timezone.now", return_value=morning):
        demo_dossier.load(StringIO())
    assert Report.objects.filter(client__client_number="10001").count() >= 365
    assert not Report.objects.filter(written_at__gt=morning).exists()
    # Earlier days keep their afternoon reports; today's report is from this morning.
    assert Report.objects.filter(written_at__date=morning.date()).exists()


def test_appointments_of_past_days_lie_in_the_past_and_the_agenda_still_looks_ahead(db):
    demo_dossier.load(StringIO())
    today = timezone.localdate()
    past_days = Appointment.objects.filter(starts_at__date__lt=today)
    assert past_days.exists()
    assert not past_days.filter(ends_at__gt=timezone.now()).exists()
    assert Appointment.objects.filter(starts_at__date__gt=today).exists()
