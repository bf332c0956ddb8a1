from datetime import timedelta

from django.utils import timezone

from dossier.models import Client, RelationshipType, Report
from tests.personas import grant, make_user


def _report(client, **kwargs):
    return Report.objects.create(
        client=client,
        written_at=kwargs.pop("written_at", timezone.now()),
        department="Wonen",
        author_name="Dirk de Vries",
        text="Rustige dag gehad.",
        **kwargs,
    )


def test_a_client_sees_only_their_own_dossier(personas):
    assert list(Client.objects.visible_to(personas.anna)) == [personas.client_a]


def test_a_representative_sees_each_client_they_represent(personas):
    assert set(Client.objects.visible_to(personas.ben)) == {personas.client_a, personas.client_b}


def test_reports_of_another_client_are_invisible(personas):
    _report(personas.client_c)
    own = _report(personas.client_a)
    assert list(Report.objects.visible_to(personas.anna)) == [own]


def test_access_outside_its_validity_window_is_gone(personas):
    today = timezone.localdate()
    expired = make_user("oud", mobile="+31677777777")
    grant(
        expired,
        personas.client_a,
        RelationshipType.INFORMAL,
        valid_from=today - timedelta(days=60),
        valid_until=today - timedelta(days=1),
    )
    future = make_user("later", mobile="+31688888888")
    grant(future, personas.client_a, RelationshipType.INFORMAL, valid_from=today + timedelta(days=1))
    _report(personas.client_a)
    assert not Report.objects.visible_to(expired).exists()
    assert not Report.objects.visible_to(future).exists()


def test_a_deactivated_account_sees_nothing(personas):
    personas.anna.is_active = False
    personas.anna.save()
    assert not Client.objects.visible_to(personas.anna).exists()


def test_withdrawn_records_are_never_shown(personas):
    _report(personas.client_a, withdrawn_at=timezone.now())
    assert not Report.objects.visible_to(personas.anna).exists()


def test_a_care_worker_manages_only_their_own_teams_clients(personas):
    assert set(Client.objects.managed_by(personas.dirk)) == {personas.client_a, personas.client_b}
