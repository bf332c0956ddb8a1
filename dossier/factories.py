"""Small factories for dossier records, for tests and benchmarks (no external dependency)."""

from datetime import timedelta

from django.utils import timezone

from .models import Appointment, CareAgreement, ClientPlan, Evaluation, PlanStatus, Report


def make_report(client, *, written_at=None, **fields) -> Report:
    defaults = {
        "department": "Woongroep Lindehof",
        "author_name": "Lotte Vermeulen",
        "treatment_goal": "Dagritme vasthouden",
        "text": "Rustige dag gehad.",
    }
    return Report.objects.create(client=client, written_at=written_at or timezone.now(), **{**defaults, **fields})


def build_reports(client, count, *, start=None, **fields) -> list[Report]:
    """Unsaved daily reports going back from `start` (for bulk_create)."""
    start = start or timezone.now()
    defaults = {"department": "Woongroep Lindehof", "author_name": "Lotte Vermeulen", "treatment_goal": "Dagritme"}
    return [
        Report(
            client=client,
            written_at=start - timedelta(days=i),
            text=f"Rapportage nummer {i} over de dag.",
            **{**defaults, **fields},
        )
        for i in range(count)
    ]


def make_plan(client, *, status=PlanStatus.FINAL, period_start=None, **fields) -> ClientPlan:
    fields.setdefault("content", "Doelen en afspraken voor het komende jaar.")
    fields.setdefault("version", ClientPlan.objects.filter(client=client).count() + 1)
    if status == PlanStatus.SIGNED:
        fields.setdefault("signed_at", timezone.now())
    return ClientPlan.objects.create(
        client=client, status=status, period_start=period_start or timezone.localdate(), **fields
    )


def make_evaluation(client, *, evaluated_on=None, **fields) -> Evaluation:
    fields.setdefault("content", "De doelen zijn besproken en grotendeels gehaald.")
    return Evaluation.objects.create(client=client, evaluated_on=evaluated_on or timezone.localdate(), **fields)


def make_agreement(client, *, period_start=None, **fields) -> CareAgreement:
    fields.setdefault("product", "Wonen met begeleiding")
    return CareAgreement.objects.create(client=client, period_start=period_start or timezone.localdate(), **fields)


def make_appointment(client, *, starts_at=None, **fields) -> Appointment:
    starts_at = starts_at or timezone.now()
    fields.setdefault("title", "Gesprek met persoonlijk begeleider")
    fields.setdefault("ends_at", starts_at + timedelta(hours=1))
    return Appointment.objects.create(client=client, starts_at=starts_at, **fields)
