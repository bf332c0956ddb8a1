"""Helpers that several test modules share: logging in step by step, confirming with password and SMS,
reading Dutch error messages, dossier records, passkeys. Personas and their set-up are in `personas.py`."""

import html
import io
import json
import re
from datetime import date

from django.test import Client as HttpClient
from django.utils import timezone
from PIL import Image

from accounts.models import SmsOutboxMessage
from accounts.sessions import REAUTH_AT_KEY
from dossier.models import Appointment, CareAgreement, ClientPlan, Evaluation, Report
from tests.personas import PASSWORD, login_verified
from tests.soft_authenticator import SoftAuthenticator

# The project's packages whose wagtail-modeladmin classes the admin sweeps request.
MODELADMIN_PACKAGES = {"accounts", "backoffice", "dossier", "ecd_import", "home", "search", "signing", "dossier_pages"}


LOGIN_URL = "/account/inloggen/"


def submit_password(client, username, password=PASSWORD, next_url=None):
    url = LOGIN_URL + (f"?next={next_url}" if next_url else "")
    return client.post(
        url,
        {"portal_login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )


def request_code(client):
    return client.post(LOGIN_URL, {"request_sms_code": "1"})


def latest_code(number):
    message = SmsOutboxMessage.objects.filter(number=number).first()
    prefix, code = re.search(r"(\d{4})-(\d{6})", message.text).groups()
    return prefix, code


def submit_code(client, code, next_url=None):
    url = LOGIN_URL + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"portal_login_view-current_step": "token", "token-otp_token": code})


def log_in(client, user, next_url=None):
    submit_password(client, user.username, next_url=next_url)
    request_code(client)
    _prefix, code = latest_code(str(user.mobile_number))
    return submit_code(client, code, next_url=next_url)


def confirm_with_password_and_sms(client, number, next_url):
    client.post("/account/bevestigen/", {"request_code": "1", "next": next_url})
    code = re.search(r"\d{4}-(\d{6})", SmsOutboxMessage.objects.filter(number=number).first().text).group(1)
    return client.post("/account/bevestigen/", {"password": PASSWORD, "code": code, "next": next_url})


ENGLISH = re.compile(
    r"\b(This field|Enter a|Ensure this|Select a valid|is required|Please|characters are not allowed|"
    r"valid date|valid email|valid number|password|username|Invalid|Error)\b"
)


# Field errors, error summaries, refusals and flash messages of the error kind.
ERROR_BLOCKS = re.compile(
    r'<(?:ul class="error-list"|div class="error-summary"|div class="message message--error")[^>]*>(.*?)</(?:ul|div)>'
    r'|<li class="message message--error">(.*?)</li>',
    re.S,
)


def error_messages(response) -> list[str]:
    body = response.content.decode()
    messages = []
    for block, flash in ERROR_BLOCKS.findall(body):
        items = re.findall(r"<(?:li|p)>(.*?)</(?:li|p)>", block, re.S) if block else [flash]
        for item in items:
            text = html.unescape(re.sub(r"<[^>]+>", " ", item)).strip()
            if text:
                messages.append(" ".join(text.split()))
    return messages


def records_for(client):
    return {
        "report": Report.objects.create(
            client=client, written_at="2026-03-02T09:30:00+01:00", department="Wonen", author_name="Dirk", text="t"
        ),
        "clientplan": ClientPlan.objects.create(client=client, period_start=date(2026, 1, 1), content="Plan"),
        "evaluation": Evaluation.objects.create(client=client, evaluated_on=date(2026, 2, 1), content="Evaluatie"),
        "careagreement": CareAgreement.objects.create(
            client=client, product="Wonen met begeleiding", period_start=date(2026, 1, 1)
        ),
        "appointment": Appointment.objects.create(
            client=client,
            starts_at="2026-04-01T10:00:00+02:00",
            ends_at="2026-04-01T11:00:00+02:00",
            title="Evaluatiegesprek",
        ),
    }


def png_bytes(size=(2, 2)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def sign_url(plan):
    return f"/mijn-dossier/clientplannen/{plan.pk}/ondertekenen/"


def latest_signing_code(user):
    message = SmsOutboxMessage.objects.filter(number=str(user.mobile_number)).order_by("-id").first()
    match = re.search(r"(\d{4})-(\d{6})", message.text)
    return match.group(1), match.group(2)


def request_signing_code(client, plan):
    return client.post(sign_url(plan), {"action": "code", "agree": "on"})


def make_terms(parent, *, slug, version, owner=None, effective=date(2026, 1, 1)):
    from terms.models import TermsPage

    page = parent.add_child(
        instance=TermsPage(
            title=f"Gebruikersvoorwaarden {version}",
            slug=slug,
            version=version,
            effective_date=effective,
            body=f"<p>Versie {version} van de voorwaarden.</p>",
            owner=owner,
        )
    )
    page.save_revision(user=owner).publish()
    page.refresh_from_db()
    return page


def project_modeladmins():
    from wagtail_modeladmin.options import ModelAdmin

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [c for c in subclasses(ModelAdmin) if c.__module__.split(".")[0] in MODELADMIN_PACKAGES and c.model]


BEGIN_REGISTRATION = "/account/passkey/registreren/begin/"


COMPLETE_REGISTRATION = "/account/passkey/registreren/klaar/"


BEGIN_AUTHENTICATION = "/account/passkey/inloggen/begin/"


COMPLETE_AUTHENTICATION = "/account/passkey/inloggen/klaar/"


def post_json(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def reauthenticate(client):
    session = client.session
    session[REAUTH_AT_KEY] = timezone.now().timestamp()
    session.save()


def register_passkey(client, authenticator):
    options = post_json(client, BEGIN_REGISTRATION)
    assert options.status_code == 200, options.content
    return post_json(client, COMPLETE_REGISTRATION, authenticator.create(options.json()))


def enrol(user):
    """Give the user a passkey the way the profile does it (verified login, re-authentication, registration)."""
    authenticator = SoftAuthenticator()
    client = login_verified(HttpClient(), user)
    reauthenticate(client)
    assert register_passkey(client, authenticator).status_code == 200
    return authenticator


def log_in_with_passkey(client, authenticator, next_url=None):
    suffix = f"?next={next_url}" if next_url else ""
    options = post_json(client, BEGIN_AUTHENTICATION)
    if options.status_code != 200:
        return options
    return post_json(client, COMPLETE_AUTHENTICATION + suffix, authenticator.get(options.json()))


def readable_text(response) -> str:
    """What a person can read in a response: the page, or the text pypdf extracts from a PDF download.

    The raw bytes of a PDF are compressed, so a name in it is invisible to a plain `in` check.
    """
    from pypdf import PdfReader

    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode(errors="replace")
