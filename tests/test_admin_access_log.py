"""The access log in the admin is read-only, filterable and exportable; every export is itself logged."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from dossier.models import AccessAction, AccessLogEntry, AccessOutcome
from tests.personas import login_verified

LOG = "/admin/dossier/accesslogentry/"


@pytest.fixture
def entries(personas):
    now = timezone.now()
    return [
        AccessLogEntry.objects.create(
            occurred_at=now - timedelta(days=40),
            action=AccessAction.READ,
            client=personas.client_a,
            client_number="100001",
            user=personas.anna,
            user_display="Anna Jansen",
            user_role="cliënt",
            object_type="reports",
        ),
        AccessLogEntry.objects.create(
            occurred_at=now - timedelta(hours=1),
            action=AccessAction.DOWNLOAD,
            client=personas.client_a,
            client_number="100001",
            user=personas.ben,
            user_display="Ben Bakker",
            user_role="wettelijk vertegenwoordiger",
            object_type="client_plan",
        ),
        AccessLogEntry.objects.create(
            occurred_at=now - timedelta(hours=2),
            action=AccessAction.READ,
            outcome=AccessOutcome.DENIED,
            client=personas.client_c,
            client_number="200001",
            user=personas.carla,
            user_display="Carla Smit",
            user_role="cliënt",
            object_type="appointments",
        ),
    ]


@pytest.fixture
def frank(client, personas):
    return login_verified(client, personas.frank)


def listed(response, entries):
    """Which of `entries` are rows in the listing (names also appear in the filter sidebar)."""
    html = response.content.decode()
    return [entry.user_display for entry in entries if f"{LOG}inspect/{entry.pk}/" in html]


def export(client, **params):
    response = client.get(LOG, {**params, "export": "csv"})
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_privacy_officer_reads_the_access_log(frank, entries):
    assert listed(frank.get(LOG), entries) == ["Anna Jansen", "Ben Bakker", "Carla Smit"]


def test_the_access_log_has_no_add_edit_or_delete_buttons(frank, entries):
    html = frank.get(LOG).content.decode()
    assert f"{LOG}create/" not in html
    assert f"{LOG}edit/" not in html
    assert f"{LOG}delete/" not in html
    assert f"{LOG}inspect/{entries[0].pk}/" in html


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_no_edit_or_delete_url_of_the_access_log_works(frank, entries, action):
    entry = entries[0]
    url = f"{LOG}{action}/{entry.pk}/"
    for response in (frank.get(url), frank.post(url, {"user_display": "Iemand anders"})):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response.url == "/admin/"
    entry.refresh_from_db()
    assert entry.user_display == "Anna Jansen"
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_a_superuser_cannot_edit_or_delete_the_access_log_either(client, personas, entries):
    personas.frank.is_superuser = True
    personas.frank.save()
    login_verified(client, personas.frank)
    entry = entries[0]
    client.post(f"{LOG}delete/{entry.pk}/")
    client.post(f"{LOG}edit/{entry.pk}/", {"user_display": "X"})
    assert client.get(f"{LOG}create/").status_code in (302, 403)
    entry.refresh_from_db()
    assert entry.user_display == "Anna Jansen"


def test_the_access_log_filters_by_client(frank, personas, entries):
    assert listed(frank.get(LOG, {"client__id__exact": personas.client_c.pk}), entries) == ["Carla Smit"]


def test_the_access_log_filters_by_account(frank, personas, entries):
    assert listed(frank.get(LOG, {"user__id__exact": personas.ben.pk}), entries) == ["Ben Bakker"]


def test_the_access_log_filters_by_date(frank, entries):
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert listed(frank.get(LOG, {"occurred_at__gte": since}), entries) == ["Ben Bakker", "Carla Smit"]


def test_the_access_log_filters_by_action(frank, entries):
    assert listed(frank.get(LOG, {"action__exact": "download"}), entries) == ["Ben Bakker"]


def test_the_csv_export_contains_exactly_the_filtered_rows(frank, personas, entries):
    rows = export(frank, client__id__exact=personas.client_a.pk)
    header, body = rows[0], rows[1:]
    assert "Actie" in header or "actie" in [h.lower() for h in header]
    names = sorted(row[header.index(next(h for h in header if h.lower().startswith("naam")))] for row in body)
    assert names == ["Anna Jansen", "Ben Bakker"]
    assert all("100001" in row for row in body)


def test_every_export_writes_an_export_entry_in_the_log(frank, personas, entries):
    export(frank, action__exact="read")
    entry = AccessLogEntry.objects.get(action=AccessAction.EXPORT)
    assert entry.user == personas.frank
    assert "action__exact=read" in entry.detail
    assert "2 regels" in entry.detail


def test_a_care_worker_cannot_read_or_export_the_access_log(client, personas, entries):
    login_verified(client, personas.dirk)
    response = client.get(LOG, {"export": "csv"})
    assert response.status_code in (302, 403)
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()
