"""White label: the organisation's name, contact details and logo come from its settings, per site.

A second organisation adopting MijnDossier fills in Instellingen > Contactgegevens organisatie
and edits no Python or template. These tests set the fictional "Stichting Voorbeeldzorg" and
look for it, and for the demo's "De Linde", everywhere an organisation is named.
"""

import io
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.core.files.images import ImageFile
from django.test import RequestFactory
from django.utils import timezone
from PIL import Image as PillowImage
from pypdf import PdfReader
from wagtail.images.models import Image
from wagtail.models import Site

from accounts.models import SmsOutboxMessage
from accounts.services import send_welcome_email
from accounts.throttling import lockout_response
from afschrift.notifications import notify_ready
from conversations import services as conversations
from dossier.factories import build_reports
from dossier.models import Report
from home.organisation import OrganisationSettings, current_organisation
from signing.notifications import signer_sms_text
from tests.personas import login_verified

NAME = "Stichting Voorbeeldzorg"
PHONE = "010-1234567"
EMAIL = "vragen@voorbeeldzorg.example"
DEMO_NAMES = ("De Linde", "Zorggroep", "0570", "zorggroep-de-linde")
ROOT = Path(__file__).resolve().parent.parent
# The demo organisation lives in demo/; tests, migrations and translations may name it; the rest is not ours.
# The FHIR identifier systems of the example import files (ecd_import/examples) are settings defaults, not
# anything a reader sees; an organisation sets its own with ECD_IMPORT_FHIR_*_SYSTEM.
FHIR_SYSTEM = re.compile(r"https://zorggroep-de-linde\.example/fhir/")
TODAY = timezone.localdate()
LAST_MONTH = {"periode": "kiezen", "van": (TODAY - timedelta(days=29)).isoformat(), "tot": TODAY.isoformat()}
SKIPPED_FOLDERS = {"demo", "tests", "migrations", "locale", "node_modules", "var", "media", "__pycache__"}


def assert_voorbeeldzorg(text, *, contact=True):
    assert NAME in text or "Voorbeeldzorg" in text, text
    if contact:
        assert PHONE in text, text
        assert EMAIL in text, text
    for demo in DEMO_NAMES:
        assert demo not in text, (demo, text)


@pytest.fixture
def voorbeeldzorg(personas):
    """The default site belongs to Stichting Voorbeeldzorg (the personas start with the demo's De Linde)."""
    site = Site.objects.get(is_default_site=True)
    organisation = OrganisationSettings.for_site(site)
    organisation.name = NAME
    organisation.short_name = "Voorbeeldzorg"
    organisation.phone = PHONE
    organisation.email = EMAIL
    organisation.address = "Voorbeeldstraat 1\n3000 AA Rotterdam"
    organisation.website = "https://voorbeeldzorg.example"
    organisation.save()
    return organisation


@pytest.fixture
def nameless(personas):
    """An organisation that has filled in nothing yet."""
    OrganisationSettings.objects.all().delete()


def png_logo(name="logo.png") -> Image:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (300, 100), (11, 79, 108)).save(buffer, format="PNG")
    return Image.objects.create(title="Logo", file=ImageFile(buffer, name=name))


def test_the_login_page_header_footer_and_notice_name_the_sites_organisation(client, voorbeeldzorg):
    html = client.get("/account/inloggen/?reden=niet-akkoord").content.decode()
    assert_voorbeeldzorg(html)
    assert f'<span class="site-header__org">{NAME}</span>' in html


def test_the_dossier_pdf_header_names_the_sites_organisation(client, voorbeeldzorg, personas, dossier_page):
    Report.objects.bulk_create(build_reports(personas.client_a, 3))
    anna = login_verified(client, personas.anna)
    response = anna.get("/mijn-dossier/rapportages/download/", LAST_MONTH)
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.getvalue()))
    header = reader.pages[0].extract_text()
    assert_voorbeeldzorg(header, contact=False)
    assert NAME in header


def test_the_logo_is_in_the_site_header_with_the_organisation_as_alt_text(client, voorbeeldzorg):
    voorbeeldzorg.logo = png_logo()
    voorbeeldzorg.save()
    html = client.get("/account/inloggen/").content.decode()
    logo = re.search(r'<img[^>]*class="site-header__logo"[^>]*>', html).group(0)
    assert f'alt="{NAME}"' in logo


def test_the_logo_is_in_the_dossier_pdf_header(client, voorbeeldzorg, personas, dossier_page):
    voorbeeldzorg.logo = png_logo()
    voorbeeldzorg.save()
    anna = login_verified(client, personas.anna)
    response = anna.get("/mijn-dossier/rapportages/download/", LAST_MONTH)
    assert len(PdfReader(io.BytesIO(response.getvalue())).pages[0].images) >= 1


def test_the_signing_sms_opens_with_the_organisations_short_name(voorbeeldzorg):
    text = signer_sms_text()
    assert text.startswith("Voorbeeldzorg: ")
    assert_voorbeeldzorg(text, contact=False)


def test_the_welcome_email_names_the_organisation_and_its_contact_details(voorbeeldzorg, personas):
    send_welcome_email(personas.anna, "eenmalig-wachtwoord-123")
    assert_voorbeeldzorg(mail.outbox[-1].body)


def test_the_password_reset_email_names_the_organisation_and_its_contact_details(client, voorbeeldzorg):
    client.post("/account/wachtwoord-vergeten/", {"email": "anna@example.org"})
    assert_voorbeeldzorg(mail.outbox[-1].body)


def test_the_lockout_page_gives_the_organisations_contact_details(voorbeeldzorg):
    request = RequestFactory().get("/account/inloggen/")
    assert_voorbeeldzorg(lockout_response(request).content.decode())


def test_the_afschrift_notification_is_signed_by_the_organisation(voorbeeldzorg, personas):
    notify_ready(personas.anna)
    assert_voorbeeldzorg(mail.outbox[-1].body, contact=False)
    sms = SmsOutboxMessage.objects.filter(number=str(personas.anna.mobile_number)).latest("pk")
    assert sms.text.startswith("Voorbeeldzorg: ")


def test_the_conversation_notification_is_signed_by_the_organisation(
    voorbeeldzorg, personas, dossier_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        posted = conversations.start_conversation(personas.client_a, personas.anna, "Vraag", "Een vraag")
    with django_capture_on_commit_callbacks(execute=True):
        conversations.reply(posted.message.conversation, personas.dirk, "Een antwoord", from_care_team=True)
    sms = SmsOutboxMessage.objects.filter(number=str(personas.anna.mobile_number)).latest("pk")
    assert sms.text.startswith("Voorbeeldzorg: ")
    assert_voorbeeldzorg(sms.text, contact=False)


def test_without_settings_every_text_says_de_zorgorganisatie_and_never_a_demo_name(client, nameless, personas):
    send_welcome_email(personas.anna, "eenmalig-wachtwoord-123")
    texts = [mail.outbox[-1].body, signer_sms_text(), client.get("/account/inloggen/").content.decode()]
    for text in texts:
        for demo in DEMO_NAMES:
            assert demo not in text, (demo, text)
    assert "de zorgorganisatie" in texts[0]
    assert signer_sms_text().startswith("De zorgorganisatie: ")
    assert current_organisation().display_name == "de zorgorganisatie"


def test_code_with_a_request_reads_the_organisation_of_that_requests_site(personas, voorbeeldzorg):
    other_root = Site.objects.get(is_default_site=True).root_page
    other = Site.objects.create(hostname="anders.example", root_page=other_root)
    OrganisationSettings.objects.create(site=other, name="Zorgcentrum Elders")
    request = RequestFactory().get("/", HTTP_HOST="anders.example")
    assert current_organisation(request).name == "Zorgcentrum Elders"
    assert current_organisation().name == NAME


def test_no_python_or_template_outside_demo_names_an_organisation_or_its_contact_details():
    offenders = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS and not name.startswith(".")]
        for name in files:
            if not name.endswith((".py", ".html", ".txt")):
                continue
            path = Path(folder) / name
            text = path.read_text(encoding="utf-8", errors="replace")
            for line_number, line in enumerate(text.splitlines(), 1):
                if re.search(r"De Linde|Zorggroep|zorggroep-de-linde|0570", line) and not FHIR_SYSTEM.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{line_number}: {line.strip()}")
    assert offenders == []


def test_the_deploy_check_warns_when_name_phone_or_email_are_empty(nameless):
    warnings = [m for m in run_checks(include_deployment_checks=True) if m.id == "home.W001"]
    assert len(warnings) == Site.objects.count() >= 1
    assert "naam organisatie" in warnings[0].msg and "telefoonnummer" in warnings[0].msg


def test_the_deploy_check_is_quiet_once_the_organisation_is_filled_in(voorbeeldzorg):
    assert [m for m in run_checks(include_deployment_checks=True) if m.id == "home.W001"] == []


def test_the_ordinary_check_does_not_read_the_organisation(nameless):
    assert [m for m in run_checks() if m.id == "home.W001"] == []


def test_a_password_built_from_the_organisations_name_is_refused(voorbeeldzorg, personas):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Voorbeeldzorg2026!", personas.anna)
