"""Concurrent writers keep one unbroken hash chain (PostgreSQL: the insert trigger's advisory lock)."""

import threading

import pytest
from django.db import connection, connections

from dossier import log_integrity
from dossier.models import AccessAction, AccessLogEntry, ObjectType

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

WRITERS = 6
ENTRIES_EACH = 25


def test_concurrent_writers_build_one_unbroken_chain():
    barrier = threading.Barrier(WRITERS)
    errors = []

    def write(n):
        try:
            barrier.wait(timeout=10)
            for i in range(ENTRIES_EACH):
                AccessLogEntry.objects.create(
                    action=AccessAction.READ, object_type=ObjectType.REPORTS, detail=f"writer {n}, entry {i}"
                )
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    indexes = list(AccessLogEntry.objects.in_chain_order().values_list("chain_index", flat=True))
    assert indexes == list(range(1, WRITERS * ENTRIES_EACH + 1))
    report = log_integrity.verify_chain()
    assert report.broken is None
    assert report.checked == WRITERS * ENTRIES_EACH
