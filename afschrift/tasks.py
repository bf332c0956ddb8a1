"""Background jobs of the afschrift, on django-tasks (database backend; see README "Scaling out").

django-tasks runs a task at least once and has neither retries nor a
scheduler, so both live here: a failed production is enqueued again after a
growing delay up to TASK_MAX_ATTEMPTS, and every ready file gets its own
deletion task deferred to its expiry time. `manage.py purge_afschriften` (cron)
catches whatever a lost task or a backend without deferral leaves behind.
The tasks themselves are idempotent (see services), so running twice is harmless.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import services


def enqueue_later(task_function, *args, run_after=None, **kwargs):
    """Enqueue, deferred to `run_after` when the backend can defer (the database backend can)."""
    if run_after is not None and task_function.get_backend().supports_defer:
        task_function = task_function.using(run_after=run_after)
    return task_function.enqueue(*args, **kwargs)


@task()
def generate_afschrift(afschrift_id: int, attempt: int = 1) -> str:
    try:
        outcome = services.produce(afschrift_id)
    except Exception as error:
        if attempt < settings.TASK_MAX_ATTEMPTS:
            delay = timedelta(seconds=settings.TASK_RETRY_DELAY_SECONDS * attempt)
            enqueue_later(generate_afschrift, afschrift_id, attempt=attempt + 1, run_after=timezone.now() + delay)
        else:
            services.mark_failed(afschrift_id, error)
        raise
    if outcome == services.PRODUCED:
        expires_at = services.expiry_of(afschrift_id)
        enqueue_later(delete_expired_afschrift, afschrift_id, run_after=expires_at)
    return outcome


@task()
def delete_expired_afschrift(afschrift_id: int) -> bool:
    return services.delete_if_expired(afschrift_id)


def enqueue_generation(afschrift) -> None:
    generate_afschrift.enqueue(afschrift.pk)
