"""Background jobs of the accounts (django-tasks; the backend and workers are configured in the settings)."""

from datetime import date

from django_tasks import task


@task
def apply_access_age_rules(day: str | None = None) -> int:
    """The daily age check of parents' grants (`dossier.age_rules`), and a notice to each person concerned.
    Returns the number of grants changed."""
    from django.utils import timezone

    from dossier.age_rules import apply_age_rules

    from .access_notices import notify_access_changed

    today = date.fromisoformat(day) if day else timezone.localdate()
    transitions = apply_age_rules(today)
    for transition in transitions:
        notify_access_changed(transition.people_to_tell(today))
    return len(transitions)
