"""Model-layer immutability of signed plan versions.

`ClientPlan.save` belongs to the dossier app, so the guard is a `pre_save`
receiver: a plan that is frozen (`ClientPlan.is_frozen`: signed, also when
withdrawn later) keeps its content for good, whoever saves it. Changing a plan waiting for a signature
withdraws the open request, because the frozen document no longer matches.
`QuerySet.update()` and `bulk_update()` bypass signals; the ECD import guards
plans in signing itself (`ecd_import.writer._plan_may_change`).
"""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.utils import timezone

from dossier.models import ClientPlan, PlanStatus

FROZEN_FIELDS = (
    "client_id",
    "title",
    "version",
    "period_start",
    "period_end",
    "content",
    "external_source",
    "external_id",
)


class SignedPlanIsImmutable(PermissionDenied):
    """Raised when something tries to change a signed plan version; make a new version instead."""


def _changed(old, new, fields) -> list[str]:
    return [name for name in fields if getattr(old, name) != getattr(new, name)]


def guard_signed_plans(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    old = ClientPlan.objects.filter(pk=instance.pk).first()
    if old is None:
        return
    fields = FROZEN_FIELDS
    if update_fields is not None:
        fields = [f for f in FROZEN_FIELDS if f in update_fields or f.removesuffix("_id") in update_fields]
    if old.is_frozen:
        changed = _changed(old, instance, (*fields, "signed_at"))
        if instance.status not in (PlanStatus.SIGNED, PlanStatus.WITHDRAWN):
            changed.append("status")
        if changed:
            raise SignedPlanIsImmutable(
                f"Client plan {instance.pk} is signed; {', '.join(changed)} cannot change. "
                "Use signing.services.new_version_of()."
            )
        return
    if old.status == PlanStatus.AWAITING_SIGNATURE and _changed(old, instance, fields):
        from .models import RequestStatus, SignatureRequest

        SignatureRequest.objects.filter(plan_id=instance.pk, status=RequestStatus.OPEN).update(
            status=RequestStatus.CANCELLED, closed_at=timezone.now()
        )
        if instance.status == PlanStatus.AWAITING_SIGNATURE:
            instance.status = PlanStatus.FINAL


def connect():
    pre_save.connect(guard_signed_plans, sender=ClientPlan, dispatch_uid="signing_guard_signed_plans")
