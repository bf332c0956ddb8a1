import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.test import override_settings

from accounts.challenges import LOGIN, SmsChallengeError, issue_sms_challenge
from accounts.models import SmsChallenge, SmsOutboxMessage
from accounts.sms import HttpJsonGateway, SmsDeliveryError, send_text_message
from tests.helpers import request_code, submit_password

DUTCH_ERROR = "De SMS kon niet worden verstuurd. Probeer het over enkele minuten opnieuw."


class FakeProvider(BaseHTTPRequestHandler):
    status = 200
    delay = 0
    received = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append({"headers": dict(self.headers), "json": json.loads(body)})
        time.sleep(type(self).delay)
        try:
            self.send_response(type(self).status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def log_message(self, *args):
        pass


@pytest.fixture
def provider():
    handler = type("Handler", (FakeProvider,), {"status": 200, "delay": 0, "received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    with override_settings(
        TWO_FACTOR_SMS_GATEWAY="accounts.sms.HttpJsonGateway",
        SMS_API_URL=f"http://127.0.0.1:{server.server_address[1]}/v1/messages",
        SMS_API_KEY="test-key",
        SMS_SENDER="DeLinde",
        SMS_API_TIMEOUT_SECONDS=1,
    ):
        yield handler
    server.shutdown()
    server.server_close()


def test_the_production_gateway_posts_json_with_the_api_key(provider):
    send_text_message("+31622222222", "Er staat een plan voor u klaar.")
    (request,) = provider.received
    assert request["json"] == {
        "sender": "DeLinde",
        "recipients": ["+31622222222"],
        "body": "Er staat een plan voor u klaar.",
    }
    assert request["headers"]["Authorization"] == "Bearer test-key"


def test_a_server_error_becomes_a_dutch_message(provider):
    provider.status = 503
    with pytest.raises(SmsDeliveryError) as error:
        HttpJsonGateway().send_text("+31622222222", "test")
    assert str(error.value) == DUTCH_ERROR


def test_a_slow_provider_times_out_with_a_dutch_message(provider):
    provider.delay = 1.5
    started = time.monotonic()
    with pytest.raises(SmsDeliveryError) as error:
        HttpJsonGateway().send_text("+31622222222", "test")
    assert time.monotonic() - started < 1.4
    assert str(error.value) == DUTCH_ERROR


@pytest.mark.parametrize(
    "url",
    ["http://sms.example-provider.nl/v1/messages", "ftp://sms.example-provider.nl/", "file:///etc/passwd", ""],
)
def test_the_http_gateway_refuses_a_url_that_is_not_https(monkeypatch, url):
    calls = []
    monkeypatch.setattr("accounts.sms.urllib.request.urlopen", lambda *args, **kwargs: calls.append(args))
    with (
        override_settings(SMS_API_URL=url, SMS_API_KEY="test-key"),
        pytest.raises(SmsDeliveryError, match="kon niet worden verstuurd"),
    ):
        HttpJsonGateway().send_text("+31612345678", "Uw MijnDossier inlogcode: 1234-567890")
    assert calls == [], "the API key and the code must not go out over plain HTTP"


def test_an_unreachable_provider_gives_the_dutch_message():
    with (
        override_settings(SMS_API_URL="http://127.0.0.1:9/", SMS_API_TIMEOUT_SECONDS=1),
        pytest.raises(SmsDeliveryError, match="kon niet worden verstuurd"),
    ):
        HttpJsonGateway().send_text("+31622222222", "test")


@pytest.mark.django_db
def test_a_failed_login_sms_shows_the_dutch_message_and_voids_the_code(client, personas, provider):
    provider.status = 500
    submit_password(client, "anna")
    page = request_code(client).content.decode()
    assert DUTCH_ERROR in page
    assert SmsChallenge.objects.get().voided_at is not None


@pytest.mark.django_db
def test_the_login_sms_reaches_the_provider_with_prefix_and_code(personas, provider):
    challenge = issue_sms_challenge(personas.anna, LOGIN)
    body = provider.received[0]["json"]["body"]
    assert body.startswith(f"Uw MijnDossier inlogcode: {challenge.prefix}-")
    assert not SmsOutboxMessage.objects.exists()


@pytest.mark.django_db
def test_issuing_raises_a_dutch_error_when_the_provider_fails(personas, provider):
    provider.status = 502
    with pytest.raises(SmsChallengeError, match="kon niet worden verstuurd"):
        issue_sms_challenge(personas.anna, LOGIN)


@pytest.mark.django_db
def test_the_development_gateway_keeps_messages_in_the_outbox(capsys):
    send_text_message("+31600000001", "Hallo")
    assert SmsOutboxMessage.objects.get().text == "Hallo"
    assert "Hallo" in capsys.readouterr().out


@pytest.mark.django_db
def test_sms_outbox_prints_the_latest_messages_filtered_by_number(capsys):
    SmsOutboxMessage.objects.bulk_create(
        [
            SmsOutboxMessage(number="+31600000001", text="Uw MijnDossier inlogcode: 1111-111111"),
            SmsOutboxMessage(number="+31600000002", text="Uw MijnDossier inlogcode: 2222-222222"),
            SmsOutboxMessage(number="+31600000001", text="Uw MijnDossier inlogcode: 3333-333333"),
        ]
    )
    call_command("sms_outbox", "--number", "0600000001", "--limit", "1")
    out = capsys.readouterr().out
    assert "3333-333333" in out
    assert "1111-111111" not in out
    assert "2222-222222" not in out


@pytest.mark.django_db
def test_sms_outbox_says_so_when_empty(capsys):
    call_command("sms_outbox")
    assert "Geen SMS-berichten" in capsys.readouterr().out
