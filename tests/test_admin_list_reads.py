"""Lists and searches of dossier data in the admin are reads: one access-log entry per request, with the query."""

import pytest

from dossier.factories import make_report
from dossier.models import AccessAction, AccessLogEntry
from tests.personas import login_verified


@pytest.mark.django_db
def test_a_search_in_the_admin_report_list_is_logged_with_the_query(client, personas):
    make_report(personas.client_a, text="Slecht geslapen")
    login_verified(client, personas.dirk)
    before = AccessLogEntry.objects.count()
    assert client.get("/admin/dossier/report/", {"q": "geslapen"}).status_code == 200
    entries = AccessLogEntry.objects.order_by("pk")[before:]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.action == AccessAction.SEARCH
    assert entry.user == personas.dirk
    assert "zoekterm: geslapen" in entry.detail
    assert "1 regels" in entry.detail


@pytest.mark.django_db
def test_an_admin_list_of_clients_is_logged_as_a_read_with_its_filter(client, personas):
    login_verified(client, personas.dirk)
    before = AccessLogEntry.objects.count()
    client.get("/admin/dossier/client/", {"team__id__exact": personas.team.pk})
    entries = list(AccessLogEntry.objects.order_by("pk")[before:])
    assert [e.action for e in entries] == [AccessAction.READ]
    assert f"team__id__exact={personas.team.pk}" in entries[0].detail


@pytest.mark.django_db
def test_a_refused_list_request_is_not_logged_as_a_read(client, personas):
    login_verified(client, personas.dirk)
    before = AccessLogEntry.objects.count()
    client.get("/admin/dossier/client/", {"foo": "1"})
    assert AccessLogEntry.objects.count() == before
