"""The afschrift made by a real background worker: `manage.py db_worker` in its own process.

Only on PostgreSQL (the second test pass): the worker process has to reach the
test database, which on SQLite lives in the test process's memory. The request
is committed for real (transaction=True), so the task row is what a production
worker would see.
"""

from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.db import connection
from django_tasks_db.models import DBTaskResult

from afschrift.models import AfschriftRequest, AfschriftStatus
from tests.personas import login_verified
from tests.workers import DATABASE_BACKEND, run_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker process needs a database it can reach"),
]


def test_a_real_worker_process_makes_the_requested_afschrift_and_defers_its_deletion(
    client, personas, dossier_page, settings
):
    from dossier.factories import make_report

    settings.TASKS = DATABASE_BACKEND
    make_report(personas.client_a, text="Door de worker in het afschrift gezet.")
    anna = login_verified(client, personas.anna)

    anna.post("/mijn-dossier/afschrift/", {"idempotency_key": "0b0b0b0b-1111-4222-8333-444455556666"})

    afschrift = AfschriftRequest.objects.get()
    assert afschrift.status == AfschriftStatus.REQUESTED  # enqueued, not run in the request
    # Wagtail's own tasks (index updates) may be queued beside it; the worker runs those too.
    [job] = DBTaskResult.objects.filter(task_path="afschrift.tasks.generate_afschrift")

    finished = run_worker()
    assert finished.returncode == 0, finished.stderr[-2000:]

    afschrift.refresh_from_db()
    assert afschrift.status == AfschriftStatus.READY, afschrift.error
    assert storages["private"].exists(afschrift.file_name)
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    [deletion] = DBTaskResult.objects.filter(task_path="afschrift.tasks.delete_expired_afschrift")
    assert deletion.status == "READY"
    assert abs(deletion.run_after - afschrift.expires_at) < timedelta(seconds=1)
    storages["private"].delete(afschrift.file_name)
