"""The push endpoint: a token per source system, write-only, rate-limited, with a payload limit."""

import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client as HttpClient

from dossier.models import Client, Report
from ecd_import.models import ImportRun, ImportStatus, ImportTrigger, SourceSystem
from tests.personas import make_user

EXAMPLES = Path(__file__).resolve().parent.parent / "ecd_import" / "examples"
URL = "/api/import/v1/"


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def linde(db):
    system = SourceSystem.objects.create(name="ecd-linde")
    system.token = system.issue_token()
    return system


@pytest.fixture
def staff(db):
    return make_user("zorgmedewerker", first_name="Zorg", is_staff=True, mobile="+31600000009")


@pytest.fixture
def body():
    return (EXAMPLES / "linde-dossier.json").read_bytes()


def post(body, token=None, path=URL, client=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return (client or HttpClient()).post(path, body, content_type="application/json", **headers)


def test_a_source_system_pushes_a_file_and_gets_counts_back(linde, staff, body):
    response = post(body, linde.token)

    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "succeeded"
    assert data["counts"]["report"]["created"] == 2
    assert Report.objects.filter(external_source="ecd-linde").count() == 2
    run = ImportRun.objects.get(pk=data["run"])
    assert (run.source, run.trigger, run.status) == (linde, ImportTrigger.API, ImportStatus.SUCCEEDED)
    assert run.counts == data["counts"]
    linde.refresh_from_db()
    assert linde.last_used_at is not None


def test_the_response_never_contains_dossier_data(linde, staff, body):
    response = post(body, linde.token)

    assert b"Jolanda" not in response.content
    assert "Verbeek" not in response.content.decode()


def test_the_endpoint_needs_no_csrf_token(linde, staff, body):
    response = post(body, linde.token, client=HttpClient(enforce_csrf_checks=True))

    assert response.status_code == 200


def test_a_request_without_a_token_is_refused(linde, body):
    response = post(body)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "token" in response.json()["errors"][0]["message"]
    assert not Client.objects.exists()
    assert not ImportRun.objects.exists()


def test_a_wrong_token_is_refused(linde, body):
    response = post(body, "niet-het-goede-token")

    assert response.status_code == 401
    assert not Client.objects.exists()


def test_the_token_of_an_inactive_source_is_refused(linde, body):
    linde.is_active = False
    linde.save()

    assert post(body, linde.token).status_code == 401


def test_a_replaced_token_stops_working(linde, staff, body):
    old = linde.token
    new = linde.issue_token()

    assert post(body, old).status_code == 401
    assert post(body, new).status_code == 200


def test_only_a_hash_of_the_token_is_stored(linde):
    linde.refresh_from_db()

    assert linde.token not in json.dumps(list(SourceSystem.objects.values()), default=str)
    assert len(linde.token_hash) == 64


def test_a_source_cannot_import_records_labelled_as_another_source(linde, staff, body):
    SourceSystem.objects.create(name="ander-ecd")
    data = json.loads(body)
    data["source"] = "ander-ecd"

    response = post(json.dumps(data), linde.token)

    assert response.status_code == 403
    assert "ander-ecd" in response.json()["errors"][0]["message"]
    assert not Client.objects.filter(client_number="10005").exists()
    assert ImportRun.objects.get().status == ImportStatus.FAILED


def test_an_oversized_payload_is_refused_before_parsing(linde, settings):
    settings.ECD_IMPORT_MAX_PAYLOAD_BYTES = 1000

    response = post(b"{" + b" " * 2000 + b"}", linde.token)

    assert response.status_code == 413
    assert "groter dan" in response.json()["errors"][0]["message"]
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED


def test_requests_above_the_rate_limit_get_429_with_retry_after(linde, settings):
    settings.ECD_IMPORT_REQUESTS_PER_MINUTE = 2
    other = SourceSystem.objects.create(name="ander-ecd")
    other_token = other.issue_token()

    responses = [post(b"{}", linde.token) for _ in range(3)]

    assert [r.status_code for r in responses[:2]] == [422, 422]
    assert responses[2].status_code == 429
    assert 1 <= int(responses[2]["Retry-After"]) <= 60
    # The limit is per source system.
    assert post(b"{}", other_token).status_code == 422


def test_invalid_json_gets_a_clear_422(linde):
    response = post(b'{"format": ', linde.token)

    assert response.status_code == 422
    assert "geen geldige JSON" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("opening", [b"[", b'{"a":'])
def test_a_deeply_nested_payload_gets_a_clear_422_instead_of_a_500(linde, opening):
    response = post(opening * 100_000, linde.token)

    assert response.status_code == 422
    assert "te diep genest" in response.json()["errors"][0]["message"]
    assert ImportRun.objects.get().status == ImportStatus.FAILED


def test_nesting_within_the_limit_is_parsed_as_usual(linde):
    response = post(b"[" * 20 + b"]" * 20, linde.token)

    assert response.status_code == 422
    assert "onbekend formaat" in response.json()["errors"][0]["message"]


def test_a_broken_payload_is_rolled_back_and_explained(linde, staff):
    response = post((EXAMPLES / "broken" / "broken-dossier.json").read_bytes(), linde.token)

    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["record"] == "clients[0] (cliëntnummer 10007) › reports[1] (id RAP-7-0002)"
    assert error["field"] == "written_at"
    assert not Client.objects.filter(client_number="10007").exists()


def test_withdraw_missing_can_be_asked_for_in_the_query_string(linde, staff, body):
    post(body, linde.token)
    data = json.loads(body)
    data["clients"][0]["reports"] = []

    response = post(json.dumps(data), linde.token, path=URL + "?withdraw_missing=true")

    assert response.json()["counts"]["report"]["withdrawn"] == 2


def test_the_endpoint_only_accepts_post(linde):
    response = HttpClient().get(URL, HTTP_AUTHORIZATION=f"Bearer {linde.token}")

    assert response.status_code == 405
