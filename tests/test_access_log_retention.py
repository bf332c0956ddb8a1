"""Access log entries are kept for ACCESS_LOG_RETENTION_DAYS and then purged by a command, never by anything else."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from dossier.models import AccessAction, AccessLogEntry


@pytest.fixture
def log_entries(personas):
    now = timezone.now()
    ages = {"recent": 10, "just_inside": 1824, "expired": 1826, "ancient": 4000}
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            occurred_at=now - timedelta(days=days),
            action=AccessAction.READ,
            client=personas.client_a,
            client_number=personas.client_a.client_number,
            user=personas.anna,
            user_display="Anna Jansen",
            object_type="reports",
            detail=name,
        )
        for name, days in ages.items()
    )


def remaining():
    return set(AccessLogEntry.objects.filter(action=AccessAction.READ).values_list("detail", flat=True))


def test_the_default_retention_is_five_years(settings):
    assert settings.ACCESS_LOG_RETENTION_DAYS == 1825


def test_purging_deletes_only_entries_older_than_the_retention(log_entries):
    out = StringIO()
    call_command("purge_access_log", stdout=out)
    assert remaining() == {"recent", "just_inside"}
    assert "Deleted 2 access log entries" in out.getvalue()


def test_a_dry_run_counts_but_deletes_nothing(log_entries):
    out = StringIO()
    call_command("purge_access_log", "--dry-run", stdout=out)
    assert remaining() == {"recent", "just_inside", "expired", "ancient"}
    assert "2 access log entries" in out.getvalue()


def test_the_retention_follows_the_setting(log_entries, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 3000
    call_command("purge_access_log", stdout=StringIO())
    assert remaining() == {"recent", "just_inside", "expired"}


def test_the_retention_can_be_given_on_the_command_line(log_entries):
    call_command("purge_access_log", "--days", "3000", stdout=StringIO())
    assert remaining() == {"recent", "just_inside", "expired"}


def test_a_retention_of_zero_days_is_refused(log_entries):
    with pytest.raises(CommandError):
        call_command("purge_access_log", "--days", "0", stdout=StringIO())
    assert len(remaining()) == 4


def test_purging_twice_deletes_nothing_more(log_entries):
    call_command("purge_access_log", stdout=StringIO())
    out = StringIO()
    call_command("purge_access_log", stdout=out)
    assert "Deleted 0 access log entries" in out.getvalue()


def test_outside_the_command_the_log_stays_append_only(log_entries):
    with pytest.raises(PermissionDenied):
        AccessLogEntry.objects.filter(detail="ancient").delete()
    with pytest.raises(PermissionDenied):
        AccessLogEntry.objects.get(detail="ancient").delete()
    assert len(remaining()) == 4
