"""Requesting, producing, downloading and deleting an afschrift. Views and tasks call only these."""

import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossier.access_log import authorisation_of, log_access
from dossier.models import (
    AccessAction,
    AccessLogEntry,
    AccessOutcome,
    Client,
    ObjectType,
    OutcomeCode,
)
from home.organisation import current_organisation

from . import contents, notifications, package, rules
from .models import AfschriftRequest, AfschriftStatus

logger = logging.getLogger(__name__)

# The access log's `object_type` for everything about an afschrift.
ACCESS_LOG_OBJECT_TYPE = ObjectType.AFSCHRIFT
STORAGE_FOLDER = "afschriften"
PRODUCED = "produced"
SKIPPED = "skipped"
SYSTEM_NAME = "MijnDossier (achtergrondtaak)"


class AfschriftRefused(Exception):
    """A request that is not taken; the message is Dutch and meant for the user."""


def storage():
    return storages["private"]


def organisation_name() -> str:
    """The same organisation every dossier PDF carries (the default site's; this runs in a worker)."""
    return current_organisation().display_name


def parse_key(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def _refusal_for(user, client, key) -> tuple[AfschriftRequest | None, str]:
    """Inside the transaction: the existing request for this key, or a refusal message, or neither."""
    existing = AfschriftRequest.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.requested_by_id == user.pk and existing.client_id == client.pk:
            return existing, ""
        return None, _("Deze aanvraag is niet geldig. Vraag het afschrift opnieuw aan.")
    # One request per client at a time, also when the client and a representative press at once.
    Client.objects.select_for_update().filter(pk=client.pk).first()
    recent = AfschriftRequest.objects.counting_towards_interval(client).order_by("-requested_at").first()
    if recent is not None:
        allowed_at = timezone.localtime(recent.requested_at + rules.interval())
        return None, _(
            "Er is op %(requested)s al een afschrift van dit dossier aangevraagd. U kunt één keer per "
            "%(hours)s uur een afschrift aanvragen; een nieuw afschrift kan vanaf %(allowed)s."
        ) % {
            "requested": f"{timezone.localtime(recent.requested_at):%d-%m-%Y %H:%M}",
            "hours": int(rules.interval().total_seconds() // 3600),
            "allowed": f"{allowed_at:%d-%m-%Y %H:%M}",
        }
    return None, ""


def request_afschrift(request, client, key) -> AfschriftRequest:
    """Take a confirmed request and enqueue its production in the same transaction.

    A repeated POST with the same idempotency key (double click, second tab,
    reload) returns the request it made the first time.
    """
    from .tasks import enqueue_generation

    user = request.user
    key = parse_key(key)
    refusal = ""
    if not rules.may_request(user, client):
        refusal = _("U kunt voor dit dossier geen afschrift aanvragen.")
    elif key is None:
        refusal = _("Deze aanvraag is niet geldig. Vraag het afschrift opnieuw aan.")
    else:
        with transaction.atomic():
            existing, refusal = _refusal_for(user, client, key)
            if existing is not None:
                return existing
            if not refusal:
                afschrift = AfschriftRequest.objects.create(client=client, requested_by=user, idempotency_key=key)
                log_access(
                    request,
                    action=AccessAction.EXPORT,
                    object_type=ACCESS_LOG_OBJECT_TYPE,
                    client=client,
                    object_id=afschrift.pk,
                    detail=_("afschrift van het hele dossier aangevraagd"),
                )
                enqueue_generation(afschrift)
                return afschrift
    log_access(
        request,
        action=AccessAction.EXPORT,
        object_type=ACCESS_LOG_OBJECT_TYPE,
        client=client,
        outcome=AccessOutcome.DENIED,
        detail=refusal,
    )
    raise AfschriftRefused(refusal)


def _log_system(afschrift, detail, outcome=AccessOutcome.ALLOWED):
    """A log line written by the background job itself: no request, no network address, on the requester's behalf."""
    requester = afschrift.requested_by
    authorisation = authorisation_of(requester, afschrift.client, ACCESS_LOG_OBJECT_TYPE)
    AccessLogEntry.objects.create(
        action=AccessAction.EXPORT,
        outcome=outcome,
        client=afschrift.client,
        client_number=afschrift.client.client_number,
        user_display=SYSTEM_NAME,
        user_role=_("systeem"),
        on_behalf_of=requester.get_full_name() or requester.username,
        purpose=authorisation.purpose,
        authorisation_basis=f"afschrift_request:{afschrift.pk};{authorisation.basis}"[:200],
        source_system=settings.ACCESS_LOG_SOURCE_SYSTEM,
        outcome_code=OutcomeCode.OK if outcome == AccessOutcome.ALLOWED else OutcomeCode.NO_ACCESS,
        object_type=ACCESS_LOG_OBJECT_TYPE,
        object_id=str(afschrift.pk),
        detail=detail[:255],
    )


def produce(afschrift_id: int) -> str:
    """Make the ZIP for a waiting request. Idempotent: a request that is no longer waiting is skipped.

    The heavy work runs outside any transaction (SQLite would block every other
    writer meanwhile); if two workers raced, the second to finish finds the
    request ready and throws its own file away.
    """
    afschrift = (
        AfschriftRequest.objects.select_related("client", "requested_by")
        .filter(pk=afschrift_id, status=AfschriftStatus.REQUESTED)
        .first()
    )
    if afschrift is None:
        return SKIPPED
    AfschriftRequest.objects.filter(pk=afschrift.pk).update(attempts=afschrift.attempts + 1)
    user, client = afschrift.requested_by, afschrift.client
    if not rules.may_request(user, client):
        AfschriftRequest.objects.filter(pk=afschrift.pk).update(
            status=AfschriftStatus.FAILED, error="Geen toegang meer tot dit dossier."
        )
        _log_system(afschrift, _("afschrift niet gemaakt: geen toegang meer"), AccessOutcome.DENIED)
        return SKIPPED
    dossier = contents.collect(user, client, organisation_name())
    data = package.build_zip(dossier, user.get_full_name() or user.username)
    name = storage().save(f"{STORAGE_FOLDER}/{uuid.uuid4().hex}.zip", ContentFile(data))
    now = timezone.now()
    with transaction.atomic():
        updated = AfschriftRequest.objects.filter(pk=afschrift.pk, status=AfschriftStatus.REQUESTED).update(
            status=AfschriftStatus.READY,
            ready_at=now,
            expires_at=now + rules.available_for(),
            file_name=name,
            file_size=len(data),
            sha256=package.sha256_hex(data),
            error="",
        )
        if not updated:
            transaction.on_commit(lambda: storage().delete(name))
            return SKIPPED
        _log_system(
            afschrift,
            _(
                "afschrift gemaakt: %(reports)d rapportages, %(plans)d cliëntplannen, %(messages)d berichten, "
                "%(log)d logregels"
            )
            % {
                "reports": len(dossier.reports),
                "plans": len(dossier.plans),
                "messages": len(dossier.messages),
                "log": len(dossier.access_log),
            },
        )
    notifications.notify_ready(user)
    return PRODUCED


def mark_failed(afschrift_id: int, error: Exception) -> None:
    logger.exception("Afschrift %s failed after its last attempt", afschrift_id, exc_info=error)
    afschrift = AfschriftRequest.objects.select_related("client", "requested_by").filter(pk=afschrift_id).first()
    if afschrift is None or afschrift.status != AfschriftStatus.REQUESTED:
        return
    AfschriftRequest.objects.filter(pk=afschrift_id).update(
        status=AfschriftStatus.FAILED, error=type(error).__name__[:255]
    )
    _log_system(afschrift, _("afschrift kon niet worden gemaakt"), AccessOutcome.DENIED)


def expiry_of(afschrift_id: int):
    return AfschriftRequest.objects.filter(pk=afschrift_id).values_list("expires_at", flat=True).first()


def _delete(afschrift) -> None:
    if afschrift.file_name:
        storage().delete(afschrift.file_name)
    AfschriftRequest.objects.filter(pk=afschrift.pk).update(status=AfschriftStatus.EXPIRED, file_name="")


def delete_if_expired(afschrift_id: int, now=None) -> bool:
    afschrift = AfschriftRequest.objects.expired(now).filter(pk=afschrift_id).first()
    if afschrift is None:
        return False
    _delete(afschrift)
    return True


def purge_expired(now=None) -> int:
    """Delete every file past its availability (the cron safety net beside the deferred tasks)."""
    expired = list(AfschriftRequest.objects.expired(now))
    for afschrift in expired:
        _delete(afschrift)
    return len(expired)


def open_for_download(request, client, pk):
    """The file of the user's own ready afschrift, logged; None (and a denied log line) otherwise."""
    afschrift = AfschriftRequest.objects.visible_to(request.user, client).filter(pk=pk).first()
    if afschrift is None or not afschrift.is_downloadable:
        log_access(
            request,
            action=AccessAction.DOWNLOAD,
            object_type=ACCESS_LOG_OBJECT_TYPE,
            client=client,
            object_id=pk,
            outcome=AccessOutcome.DENIED,
            detail=_("geen beschikbaar afschrift"),
        )
        return None, None
    try:
        handle = storage().open(afschrift.file_name, "rb")
    except FileNotFoundError:
        return None, None
    log_access(
        request,
        action=AccessAction.DOWNLOAD,
        object_type=ACCESS_LOG_OBJECT_TYPE,
        client=client,
        object_id=afschrift.pk,
        detail=_("afschrift gedownload (SHA-256 %(sha)s)") % {"sha": afschrift.sha256[:16]},
    )
    return afschrift, handle
