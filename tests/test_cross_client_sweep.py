"""Nobody reads another client's dossier: every URL with every other client's ids is a logged 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conversations import services
from conversations.models import Attachment, Conversation
from dossier.factories import make_agreement, make_evaluation, make_plan, make_report
from dossier.models import AccessLogEntry, AccessOutcome, Client, PlanStatus
from dossier_pages.selection import SESSION_KEY
from tests.helpers import readable_text
from tests.personas import login_verified

URL = "/mijn-dossier/"
SECTIONS = ["", "rapportages/", "clientplannen/", "evaluaties/", "zorgovereenkomsten/", "afspraken/", "profiel/"]
SECTIONS += ["rapportages/download/?periode=jaar", "foto/", "berichten/", "berichten/nieuw/"]


@pytest.fixture
def dossiers(personas, dossier_page):
    """One of each downloadable record per client, with a secret text that must never leak."""
    objects = {}
    for client in (personas.client_a, personas.client_b, personas.client_c):
        secret = f"geheim-{client.client_number}"
        make_report(client, text=secret)
        pdf = SimpleUploadedFile("bijlage.pdf", b"%PDF-1.4 " + secret.encode(), content_type="application/pdf")
        author = client.accesses.first().user
        services.start_conversation(client, author, f"Onderwerp {secret}", secret, files=[pdf])
        objects[client.pk] = [
            ("clientplannen", make_plan(client, content=secret, status=PlanStatus.SIGNED).pk),
            ("evaluaties", make_evaluation(client, content=secret).pk),
            ("zorgovereenkomsten", make_agreement(client, content=secret).pk),
        ]
    return objects


@pytest.mark.parametrize("username", ["anna", "ben", "carla"])
def test_every_download_of_another_clients_record_is_a_logged_404(client, personas, dossiers, username):
    user = getattr(personas, username)
    login_verified(client, user)
    own = set(Client.objects.visible_to(user).values_list("pk", flat=True))
    others = [pk for pk in dossiers if pk not in own]
    assert others
    for other in others:
        for section, pk in dossiers[other]:
            response = client.get(f"{URL}{section}/{pk}/download/")
            assert response.status_code == 404, (section, pk)
            assert AccessLogEntry.objects.filter(
                user=user, object_id=str(pk), outcome=AccessOutcome.DENIED, client_id=other
            ).exists(), (section, pk)


@pytest.mark.parametrize("username", ["anna", "ben", "carla"])
def test_every_conversation_and_attachment_of_another_client_is_a_logged_404(client, personas, dossiers, username):
    user = getattr(personas, username)
    login_verified(client, user)
    own = set(Client.objects.visible_to(user).values_list("pk", flat=True))
    for conversation in Conversation.objects.exclude(client__in=own):
        for response in (
            client.get(f"{URL}berichten/{conversation.pk}/"),
            client.post(f"{URL}berichten/{conversation.pk}/", {"body": "inbraak", "key": "f" * 32}),
        ):
            assert response.status_code == 404, conversation.pk
        assert AccessLogEntry.objects.filter(
            user=user, object_id=str(conversation.pk), outcome=AccessOutcome.DENIED, client=conversation.client
        ).exists()
    for attachment in Attachment.objects.exclude(message__conversation__client__in=own):
        assert client.get(f"{URL}berichten/bijlagen/{attachment.pk}/").status_code == 404
        assert AccessLogEntry.objects.filter(
            user=user, object_type="message_attachment", object_id=str(attachment.pk), outcome=AccessOutcome.DENIED
        ).exists()
    assert not Conversation.objects.filter(messages__body="inbraak").exists()


@pytest.mark.parametrize("username", ["anna", "ben", "carla"])
def test_switching_to_another_clients_dossier_is_a_logged_404(client, personas, dossiers, username):
    user = getattr(personas, username)
    login_verified(client, user)
    own = set(Client.objects.visible_to(user).values_list("pk", flat=True))
    for other in [pk for pk in dossiers if pk not in own]:
        response = client.post(f"{URL}client-kiezen/", {"client": other})
        assert response.status_code == 404
        assert AccessLogEntry.objects.filter(
            user=user, object_type="client", client_id=other, outcome=AccessOutcome.DENIED
        ).exists()


@pytest.mark.parametrize("username", ["anna", "ben", "carla"])
def test_no_section_or_pdf_shows_another_clients_data(client, personas, dossiers, username):
    """Pages and PDF downloads alike: the PDFs' text is read with pypdf, not searched as compressed bytes."""
    user = getattr(personas, username)
    login_verified(client, user)
    own = Client.objects.visible_to(user)
    for current in own:
        client.post(f"{URL}client-kiezen/", {"client": current.pk})
        downloads = [f"{section}/{pk}/download/" for section, pk in dossiers[current.pk]]
        pdfs_read = 0
        for section in [*SECTIONS, *downloads]:
            response = client.get(URL + section)
            assert response.status_code in (200, 404), section
            body = readable_text(response)
            if response.get("Content-Type", "").startswith("application/pdf"):
                assert f"geheim-{current.client_number}" in body, (section, "the PDF's own text must be readable")
                pdfs_read += 1
            for other in Client.objects.exclude(pk=current.pk):
                assert f"geheim-{other.client_number}" not in body, (section, other)
                assert other.client_number not in body or other in own, (section, other)
                assert other.full_name not in body or other in own, (section, other)
        assert pdfs_read == 1 + len(downloads), "the report PDF and every record's PDF were read"


def test_a_tampered_session_falls_back_to_the_users_own_client(client, personas, dossiers):
    login_verified(client, personas.anna)
    session = client.session
    session[SESSION_KEY] = personas.client_c.pk
    session.save()
    body = client.get(URL + "rapportages/?periode=jaar").content.decode()
    assert "geheim-100001" in body
    assert "geheim-200001" not in body


def test_a_draft_plan_of_the_own_dossier_cannot_be_downloaded(client, personas, dossier_page):
    draft = make_plan(personas.client_a, status=PlanStatus.DRAFT)
    login_verified(client, personas.anna)
    assert client.get(f"{URL}clientplannen/{draft.pk}/download/").status_code == 404
    assert client.get(f"{URL}clientplannen/999999/download/").status_code == 404
    assert AccessLogEntry.objects.filter(outcome=AccessOutcome.DENIED, object_id="999999", client=None).exists()


def test_a_care_worker_without_portal_access_sees_the_no_access_page(client, personas, dossiers):
    login_verified(client, personas.dirk)
    for section in SECTIONS:
        response = client.get(URL + section)
        assert response.status_code == 403, section
        assert "geen toegang tot een dossier" in response.content.decode()
    assert not AccessLogEntry.objects.filter(outcome=AccessOutcome.ALLOWED).exists()
