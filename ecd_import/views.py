"""The push endpoint for care record systems: POST a FHIR Bundle or MijnDossier-JSON with a bearer token.

The token authenticates a source system for this one view only; responses carry
counts and errors, never dossier data.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .importer import import_raw, record_refusal
from .models import ImportTrigger, SourceSystem
from .records import RecordError

TRUE = {"1", "true", "yes", "ja"}


def _error(status, message, **headers):
    response = JsonResponse({"status": "error", "errors": [{"message": message}]}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _bearer_token(request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _rate_limited(source) -> int:
    """Seconds to wait when `source` used up this minute's requests, else 0."""
    window = int(time.time() // 60)
    key = f"ecd_import:rate:{source.pk}:{window}"
    cache.add(key, 0, timeout=61)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=61)
        count = 1
    if count > settings.ECD_IMPORT_REQUESTS_PER_MINUTE:
        return 60 - int(time.time()) % 60
    return 0


def _read_body(request) -> bytes | None:
    """The body, or None when it is larger than allowed (read no further than the limit)."""
    limit = settings.ECD_IMPORT_MAX_PAYLOAD_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body


@csrf_exempt
@require_POST
def import_view(request):
    source = SourceSystem.objects.authenticate(_bearer_token(request))
    if source is None:
        message = "Geen of ongeldig token. Stuur 'Authorization: Bearer <token>'."
        return _error(401, message, WWW_Authenticate='Bearer realm="import"')
    wait = _rate_limited(source)
    if wait:
        return _error(429, f"Te veel verzoeken; probeer het over {wait} seconden opnieuw.", Retry_After=str(wait))
    SourceSystem.objects.filter(pk=source.pk).update(last_used_at=timezone.now())
    body = _read_body(request)
    file_name = f"api-{timezone.localtime():%Y%m%d-%H%M%S}.json"
    if body is None:
        limit_mb = settings.ECD_IMPORT_MAX_PAYLOAD_BYTES / 1024 / 1024
        message = f"Het bericht is groter dan {limit_mb:g} MB; splits het op, bijvoorbeeld per cliënt."
        record_refusal(file_name, [RecordError(file_name, "", "", message)], source=source, trigger=ImportTrigger.API)
        return _error(413, message)
    data_format = request.GET.get("format", "auto")
    if data_format not in ("auto", "fhir", "json"):
        return _error(400, "Onbekend formaat; gebruik format=auto, fhir of json.")
    outcome = import_raw(
        body,
        file_name=file_name,
        source=source,
        trigger=ImportTrigger.API,
        data_format=data_format,
        withdraw_missing=request.GET.get("withdraw_missing", "").lower() in TRUE,
    )
    status = 200 if outcome.ok else (403 if outcome.source_mismatch else 422)
    return JsonResponse(
        {
            "status": outcome.run.status,
            "run": outcome.run.pk,
            "counts": outcome.run.counts,
            "errors": [_public(e) for e in outcome.errors],
        },
        status=status,
    )


def _public(error: RecordError) -> dict:
    data = error.as_dict()
    data.pop("file")
    return data
