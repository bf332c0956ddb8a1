import pytest
from django.core.exceptions import PermissionDenied

from dossier.models import AccessAction, AccessLogEntry


def _entry(client):
    return AccessLogEntry.objects.create(action=AccessAction.READ, client=client, object_type="report")


def test_an_access_log_entry_cannot_be_changed(personas):
    entry = _entry(personas.client_a)
    entry.detail = "tampered"
    with pytest.raises(PermissionDenied):
        entry.save()


def test_an_access_log_entry_cannot_be_deleted(personas):
    entry = _entry(personas.client_a)
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(PermissionDenied):
        AccessLogEntry.objects.update(detail="x")
    assert AccessLogEntry.objects.count() == 1
