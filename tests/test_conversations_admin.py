"""Berichten in the Wagtail admin: a care worker reads and answers her own teams' conversations only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conversations import services
from conversations.models import Message
from dossier.models import AccessLogEntry
from tests.personas import login_verified

ADMIN = "/admin/berichten/"


@pytest.fixture
def conversations(personas):
    own = services.start_conversation(personas.client_a, personas.anna, "Vraag van Anna", "Kan dat?").message
    other = services.start_conversation(personas.client_c, personas.carla, "Vraag van Carla", "Smit-geheim").message
    return own.conversation, other.conversation


@pytest.fixture
def dirk(client, personas):
    return login_verified(client, personas.dirk)


def test_a_care_worker_sees_only_her_own_teams_conversations_in_the_inbox(dirk, conversations):
    body = dirk.get(ADMIN + "?status=alle").content.decode()
    assert "Vraag van Anna" in body
    assert "Vraag van Carla" not in body
    assert dirk.get(f"{ADMIN}{conversations[1].pk}/").status_code == 404


def test_unknown_query_parameters_never_become_database_lookups(dirk, conversations):
    for query in ("?client__last_name=Smit", "?team=999999", "?team=abc", "?status=x&p=-1", "?mij=1'"):
        response = dirk.get(ADMIN + query)
        assert response.status_code == 200, query
        assert "Vraag van Carla" not in response.content.decode(), query


def test_a_care_worker_replies_and_the_client_reads_it(dirk, client, personas, conversations, dossier_page):
    own = conversations[0]
    response = dirk.post(f"{ADMIN}{own.pk}/", {"body": "Ja, dat kan.", "key": "d" * 32})
    assert response.status_code == 302
    reply = Message.objects.get(body="Ja, dat kan.")
    assert reply.from_care_team and not reply.is_internal
    own.refresh_from_db()
    assert own.awaiting_reply_since is None
    assert AccessLogEntry.objects.filter(user=personas.dirk, object_type="conversation", action="change").exists()


def test_an_internal_note_is_kept_for_staff_and_does_not_count_as_an_answer(dirk, personas, conversations):
    own = conversations[0]
    dirk.post(f"{ADMIN}{own.pk}/", {"body": "Even overleggen met de arts", "key": "e" * 32, "is_internal": "on"})
    note = Message.objects.get(body="Even overleggen met de arts")
    assert note.is_internal
    own.refresh_from_db()
    assert own.awaiting_reply_since is not None
    assert "Even overleggen met de arts" in dirk.get(f"{ADMIN}{own.pk}/").content.decode()


def test_a_care_worker_assigns_and_closes_a_conversation(dirk, personas, conversations):
    own = conversations[0]
    dirk.post(f"{ADMIN}{own.pk}/toewijzen/", {"assigned_to": personas.dirk.pk})
    dirk.post(f"{ADMIN}{own.pk}/status/", {"status": "closed"})
    own.refresh_from_db()
    assert own.assigned_to == personas.dirk
    assert own.status == "closed" and own.closed_at is not None


def test_a_care_worker_cannot_assign_someone_outside_the_team(dirk, personas, conversations):
    own = conversations[0]
    dirk.post(f"{ADMIN}{own.pk}/toewijzen/", {"assigned_to": personas.carla.pk})
    own.refresh_from_db()
    assert own.assigned_to is None


def test_reading_a_conversation_in_the_admin_is_logged(dirk, personas, conversations):
    own = conversations[0]
    dirk.get(f"{ADMIN}{own.pk}/")
    assert AccessLogEntry.objects.filter(
        user=personas.dirk, client=personas.client_a, object_type="conversation", object_id=str(own.pk), action="read"
    ).exists()


def test_staff_download_attachments_of_their_teams_only(dirk, personas):
    pdf = SimpleUploadedFile("c.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    own = services.start_conversation(personas.client_a, personas.anna, "A", "a", files=[pdf]).message
    pdf2 = SimpleUploadedFile("c.pdf", b"%PDF-1.4 y", content_type="application/pdf")
    other = services.start_conversation(personas.client_c, personas.carla, "C", "c", files=[pdf2]).message
    response = dirk.get(f"{ADMIN}bijlagen/{own.attachments.get().pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert dirk.get(f"{ADMIN}bijlagen/{other.attachments.get().pk}/").status_code == 404


def test_a_communication_editor_has_no_inbox(client, personas, conversations):
    login_verified(client, personas.eva)
    assert client.get(ADMIN).status_code == 302
    assert client.get(f"{ADMIN}{conversations[0].pk}/").status_code == 302


def _fill(personas, dossier, count):
    """A conversation of `count` team messages, and count/10 more conversations of the same client."""
    conversation = services.start_conversation(dossier, personas.ben, "Gesprek", "begin").message.conversation
    Message.objects.bulk_create(
        Message(conversation=conversation, author=personas.dirk, author_name="Dirk", from_care_team=True, body=str(i))
        for i in range(count)
    )
    for _ in range(count // 10):
        services.start_conversation(dossier, personas.ben, "Nog een vraag", "tekst")
    return conversation


def _queries(http, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    http.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as context:
        assert http.get(url).status_code == 200, url
    return len(context.captured_queries)


def test_the_inbox_and_a_conversation_cost_the_same_queries_for_10_and_1000_messages(dirk, personas):
    inbox = f"{ADMIN}?status=alle"
    small = _fill(personas, personas.client_a, 10)
    counts = {"inbox, 2 conversations": _queries(dirk, inbox), "10 messages": _queries(dirk, f"{ADMIN}{small.pk}/")}
    large = _fill(personas, personas.client_b, 1000)
    counts["inbox, 103 conversations"] = _queries(dirk, inbox)
    counts["1000 messages"] = _queries(dirk, f"{ADMIN}{large.pk}/")
    assert counts["inbox, 103 conversations"] <= counts["inbox, 2 conversations"], counts
    assert counts["1000 messages"] <= counts["10 messages"], counts


def test_the_portal_pages_cost_the_same_queries_for_10_and_1000_messages(client, personas, dossier_page):
    small, large = _fill(personas, personas.client_a, 10), _fill(personas, personas.client_b, 1000)
    login_verified(client, personas.ben)
    counts = {}
    for size, conversation in (("small", small), ("large", large)):
        client.post("/mijn-dossier/client-kiezen/", {"client": conversation.client_id})
        for url in ("/mijn-dossier/", "/mijn-dossier/berichten/", f"/mijn-dossier/berichten/{conversation.pk}/"):
            counts[size, url.replace(str(conversation.pk), "<pk>")] = _queries(client, url)
    for (size, url), count in counts.items():
        if size == "large":
            assert count <= counts["small", url], (url, counts)
