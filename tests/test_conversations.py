"""Berichten in MijnDossier: clients and representatives write to the care team and read the answers."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import SmsOutboxMessage
from conversations import services
from conversations.models import Attachment, Conversation, Message, Notification
from dossier.models import AccessLogEntry, AccessOutcome
from terms.acceptance import accept_current_terms
from tests.personas import grant, login_verified, make_user

URL = "/mijn-dossier/berichten/"
KEY = "a" * 32


def _start(http, subject="Vraag over medicijnen", body="Mag ik de tabletten bij het ontbijt nemen?", **extra):
    return http.post(URL + "nieuw/", {"subject": subject, "body": body, "key": extra.pop("key", KEY), **extra})


def test_a_client_starts_a_conversation_with_her_care_team(anna, personas):
    response = _start(anna)
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{URL}{conversation.pk}/"
    assert conversation.client == personas.client_a
    assert conversation.team == personas.team
    assert conversation.started_by == personas.anna
    assert conversation.awaiting_reply_since is not None
    body = anna.get(response["Location"]).content.decode()
    assert "Mag ik de tabletten bij het ontbijt nemen?" in body
    assert "binnen 2 werkdagen" in body or "2 werkdagen" in body


def test_a_retried_send_is_answered_al_ontvangen_and_stored_once(anna):
    _start(anna)
    response = _start(anna, follow=False)
    assert Conversation.objects.count() == 1
    assert Message.objects.count() == 1
    page = anna.get(response["Location"]).content.decode()
    assert "al ontvangen" in page


def test_a_retried_reply_is_stored_once(anna):
    _start(anna)
    conversation = Conversation.objects.get()
    for _ in range(2):
        anna.post(f"{URL}{conversation.pk}/", {"body": "Nog een vraag", "key": "b" * 32})
    assert conversation.messages.count() == 2


def test_an_empty_message_gets_a_dutch_error_and_keeps_the_subject(anna):
    response = _start(anna, body="   ")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Schrijf een bericht." in body
    assert 'value="Vraag over medicijnen"' in body
    assert not Conversation.objects.exists()


def test_a_nul_byte_or_a_tampered_key_is_a_dutch_error_not_a_500(anna):
    assert _start(anna, body="hallo\x00").status_code == 400
    assert _start(anna, key="../../etc").status_code == 400
    assert not Conversation.objects.exists()


def test_html_in_a_message_is_shown_as_text_and_links_are_made_clickable_safely(anna):
    _start(anna, body="<script>alert(1)</script> zie https://example.org/uitleg en javascript:alert(2)")
    body = anna.get(f"{URL}{Conversation.objects.get().pk}/").content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;" in body
    assert '<a href="https://example.org/uitleg" rel="nofollow">' in body
    assert 'href="javascript:' not in body


def test_every_read_of_a_conversation_is_in_the_access_log(anna, personas):
    _start(anna)
    conversation = Conversation.objects.get()
    anna.get(f"{URL}{conversation.pk}/")
    anna.get(URL)
    entries = AccessLogEntry.objects.filter(user=personas.anna, client=personas.client_a)
    assert entries.filter(object_type="conversation", object_id=str(conversation.pk), action="read").count() == 1
    assert entries.filter(object_type="conversations", action="read").exists()


def test_another_clients_conversation_is_a_logged_404(client, personas, dossier_page):
    other = services.start_conversation(personas.client_c, personas.carla, "Vraag", "geheim-bericht").message
    login_verified(client, personas.anna)
    response = client.get(f"{URL}{other.conversation_id}/")
    assert response.status_code == 404
    assert b"geheim-bericht" not in response.content
    assert AccessLogEntry.objects.filter(
        user=personas.anna, client=personas.client_c, outcome=AccessOutcome.DENIED, object_type="conversation"
    ).exists()
    assert client.post(f"{URL}{other.conversation_id}/", {"body": "inbraak", "key": KEY}).status_code == 404
    assert not Message.objects.filter(body="inbraak").exists()


def test_a_representative_reads_the_clients_conversations_while_his_access_lasts(client, personas, dossier_page):
    services.start_conversation(personas.client_a, personas.anna, "Afspraak", "Kan ik donderdag komen?")
    login_verified(client, personas.ben)
    client.post("/mijn-dossier/client-kiezen/", {"client": personas.client_a.pk})
    assert "Afspraak" in client.get(URL).content.decode()
    yesterday = timezone.localdate() - timedelta(days=1)
    personas.ben.dossier_accesses.filter(client=personas.client_a).update(valid_until=yesterday)
    conversation = Conversation.objects.get()
    assert not Conversation.objects.visible_to(personas.ben).exists()
    assert client.get(f"{URL}{conversation.pk}/").status_code == 404


def test_internal_notes_never_reach_the_portal(anna, personas):
    _start(anna)
    conversation = Conversation.objects.get()
    services.reply(conversation, personas.dirk, "Interne-notitie-tekst", from_care_team=True, is_internal=True)
    assert "Interne-notitie-tekst" not in anna.get(f"{URL}{conversation.pk}/").content.decode()
    assert "Interne-notitie-tekst" not in anna.get(URL).content.decode()
    assert not Message.objects.visible_to(personas.anna).filter(is_internal=True).exists()


def test_unread_replies_are_counted_on_the_dashboard_and_in_the_menu(anna, personas):
    _start(anna)
    conversation = Conversation.objects.get()
    services.reply(conversation, personas.dirk, "Ja, dat mag.", from_care_team=True)
    services.reply(conversation, personas.dirk, "Interne notitie", from_care_team=True, is_internal=True)
    dashboard = anna.get("/mijn-dossier/").content.decode()
    assert "U heeft 1 nieuw bericht." in dashboard
    assert '1<span class="visually-hidden"> ongelezen</span>' in dashboard
    anna.get(f"{URL}{conversation.pk}/")
    assert "U heeft geen nieuwe berichten." in anna.get("/mijn-dossier/").content.decode()


def test_the_urgent_banner_shows_the_organisations_phone_number(anna, personas):
    from wagtail.models import Site

    from home.models import OrganisationSettings

    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone = "0570 123 456"
    settings.save()
    body = anna.get(URL).content.decode()
    assert "Is het dringend?" in body
    assert 'href="tel:0570123456"' in body


def test_a_closed_conversation_takes_no_more_portal_replies(anna, personas):
    _start(anna)
    conversation = Conversation.objects.get()
    services.set_status(conversation, "closed")
    anna.post(f"{URL}{conversation.pk}/", {"body": "Toch nog iets", "key": "c" * 32})
    assert conversation.messages.count() == 1


def test_an_attachment_is_checked_like_a_document_and_always_downloaded(anna, personas):
    pdf = SimpleUploadedFile("uitslag.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    _start(anna, attachments=[pdf])
    item = Attachment.objects.get()
    response = anna.get(f"{URL}bijlagen/{item.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert AccessLogEntry.objects.filter(object_type="message_attachment", action="download").exists()


def test_an_html_page_posing_as_a_pdf_attachment_is_refused_in_dutch(anna):
    fake = SimpleUploadedFile("brief.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = _start(anna, attachments=[fake])
    assert response.status_code == 400
    assert "past niet bij de extensie" in response.content.decode()
    assert not Conversation.objects.exists()


def test_another_clients_attachment_is_a_logged_404(client, personas, dossier_page):
    pdf = SimpleUploadedFile("c.pdf", b"%PDF-1.4 geheim", content_type="application/pdf")
    posted = services.start_conversation(personas.client_c, personas.carla, "Vraag", "tekst", files=[pdf])
    item = posted.message.attachments.get()
    login_verified(client, personas.anna)
    assert client.get(f"{URL}bijlagen/{item.pk}/").status_code == 404
    assert AccessLogEntry.objects.filter(
        user=personas.anna, client=personas.client_c, outcome=AccessOutcome.DENIED, object_type="message_attachment"
    ).exists()


def test_a_reply_from_the_team_notifies_the_client_without_any_content(
    anna, personas, django_capture_on_commit_callbacks, mailoutbox
):
    _start(anna)
    conversation = Conversation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(conversation, personas.dirk, "Uw uitslag is goed", from_care_team=True)
    sms = SmsOutboxMessage.objects.filter(number="+31622222222").get()
    assert sms.text == "Zorggroep De Linde: er is een nieuw bericht voor u in MijnDossier. Log in om het te lezen."
    for text in [sms.text] + [m.subject + m.body for m in mailoutbox]:
        assert "uitslag" not in text and "medicijnen" not in text.lower() and "Jansen" not in text


def test_the_notification_preference_is_kept_and_followed(
    anna, personas, django_capture_on_commit_callbacks, mailoutbox
):
    assert anna.post(URL + "meldingen/", {"channel": "email"}).status_code == 302
    assert anna.post(URL + "meldingen/", {"channel": "postduif"}).status_code == 302
    _start(anna)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(Conversation.objects.get(), personas.dirk, "Antwoord", from_care_team=True)
    assert not SmsOutboxMessage.objects.filter(number="+31622222222").exists()
    assert [m.to for m in mailoutbox if "anna@example.org" in m.to]
    assert Notification.objects.filter(recipient=personas.anna, channel="email", status="sent").exists()


def test_a_new_portal_account_of_the_client_sees_earlier_conversations(client, personas, dossier_page):
    services.start_conversation(personas.client_a, personas.anna, "Eerder gesprek", "tekst")
    newcomer = make_user("nora", mobile="+31699999999")
    grant(newcomer, personas.client_a, "informal")
    accept_current_terms(newcomer)
    login_verified(client, newcomer)
    assert "Eerder gesprek" in client.get(URL).content.decode()


HOSTILE = ["", " ", "\x00", "abc\x00def", "x" * 5001, "<script>alert(1)</script>", "' OR '1'='1' --", "\u202egnp.exe"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(["subject", "body", "key", "channel", "pagina"]),
        st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300)),
    ),
    target=st.sampled_from(["nieuw/", "meldingen/", "", "?pagina=-1", "999999/"]),
)
def test_hostile_message_forms_never_give_a_500_and_store_nothing_invalid(anna, fields, target):
    before = Message.objects.count()
    response = anna.post(URL + target, fields)
    assert response.status_code in (200, 302, 400, 404, 405), response.status_code
    stored = Message.objects.count() - before
    if stored:
        message = Message.objects.order_by("-pk").first()
        assert "\x00" not in message.body and message.body.strip() and len(message.body) <= 5000
