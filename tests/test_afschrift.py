"""The afschrift: a free electronic copy of the whole dossier (PDF/A + FHIR + manifest), art. 15d and 15e."""

import base64
import hashlib
import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from accounts.models import SmsOutboxMessage
from accounts.sessions import mark_reauthenticated
from afschrift import services
from afschrift.models import AfschriftRequest, AfschriftStatus
from dossier.access_log import log_access  # noqa: F401 - the API the afschrift writes through
from dossier.factories import make_agreement, make_appointment, make_evaluation, make_plan, make_report
from dossier.models import AccessAction, AccessLogEntry, AccessOutcome, ClientPlan, PlanStatus, RelationshipType
from ecd_import.formats import fhir as fhir_import
from signing import services as signing
from terms.acceptance import accept_current_terms
from tests.personas import grant, login_verified, make_user

URL = "/mijn-dossier/afschrift/"


def fresh_key():
    import uuid

    return str(uuid.uuid4())


def reauthenticated(django_client):
    """The password + SMS check of /account/bevestigen/ just passed."""
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = django_client.session
    mark_reauthenticated(request)
    request.session.save()
    return django_client


@pytest.fixture
def dossier(personas, dossier_page):
    """Client A's dossier across years: reports, a signed plan, a draft, an evaluation, agreement, appointment."""
    client = personas.client_a
    old = timezone.now() - timedelta(days=3 * 365)
    make_report(client, written_at=old, text="Eerste rapportage van drie jaar geleden.", author_name="Lotte Vermeulen")
    make_report(client, text="Vandaag gewandeld in het park.", author_name="Piet de Groot")
    make_report(client, text="Ingetrokken tekst.", withdrawn_at=timezone.now())
    make_report(personas.client_c, text="Rapportage van Carla, niet van Anna.")
    plan = make_plan(client, status=PlanStatus.FINAL, content="Doel: elke dag een wandeling.", title="Cliëntplan")
    signing.request_signature(plan, [personas.anna], requested_by=personas.dirk, notify=False)
    signing.issue_signing_code(personas.anna, plan)
    message = SmsOutboxMessage.objects.filter(number=str(personas.anna.mobile_number)).order_by("-id").first()
    code = re.search(r"\d{4}-(\d{6})", message.text).group(1)
    signing.sign_plan(plan, personas.anna, code, ip_address="192.0.2.7")
    make_plan(client, status=PlanStatus.DRAFT, content="Concepttekst die de cliënt niet ziet.")
    make_evaluation(client, plan=ClientPlan.objects.get(pk=plan.pk), content="De wandelingen gaan goed.")
    make_agreement(client, product="Wonen met begeleiding", signed_on=timezone.localdate())
    make_appointment(client, title="Gesprek met de huisarts", location="Praktijk Zonnedal")
    AccessLogEntry.objects.create(
        client=client,
        client_number=client.client_number,
        action=AccessAction.CHANGE,
        user_display="Bronsysteem ecd-linde",
        user_role="import uit ECD",
        object_type="dossierimport",
        detail="Import linde.json: 3 nieuw",
    )
    AccessLogEntry.objects.create(
        client=client, action=AccessAction.READ, user_display="Dirk de Vries", object_type="reports"
    )
    mail.outbox.clear()
    return client


@pytest.fixture
def anna(client, personas, dossier):
    return login_verified(client, personas.anna)


def request_one(django_client, key=None):
    return django_client.post(URL, {"idempotency_key": key or fresh_key()}, follow=True)


def the_zip(afschrift) -> zipfile.ZipFile:
    with storages["private"].open(afschrift.file_name, "rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


@pytest.fixture
def made(anna, personas):
    """Anna asked for her afschrift; with the immediate task backend it is ready at once."""
    response = request_one(anna)
    assert response.status_code == 200
    afschrift = AfschriftRequest.objects.get(client=personas.client_a)
    assert afschrift.status == AfschriftStatus.READY, afschrift.error
    return afschrift


def pdf_text(afschrift) -> str:
    reader = PdfReader(io.BytesIO(the_zip(afschrift).read("afschrift.pdf")))
    return "\n".join(page.extract_text() for page in reader.pages)


def bundle_of(afschrift) -> dict:
    return json.loads(the_zip(afschrift).read("afschrift-fhir-r4.json"))


def test_the_dashboard_and_profile_offer_the_afschrift_to_the_client(anna):
    for path in ("/mijn-dossier/", "/mijn-dossier/profiel/"):
        assert "Afschrift van mijn dossier" in anna.get(path).content.decode()


def test_the_request_is_confirmed_on_its_own_page_before_anything_is_made(anna, personas):
    html = anna.get(URL).content.decode()
    assert "Ja, maak een afschrift van het dossier van Anna Jansen" in html
    assert not AfschriftRequest.objects.exists()


def test_a_confirmed_request_is_made_in_the_background_and_announced_without_content(made, personas):
    assert made.expires_at - made.ready_at == timedelta(days=7)
    [email] = mail.outbox
    assert email.subject == "Uw afschrift staat klaar in MijnDossier"
    assert "Anna" not in email.body and "wandel" not in email.body
    sms = SmsOutboxMessage.objects.filter(number=str(personas.anna.mobile_number)).order_by("-id").first()
    assert sms.text == "Zorggroep De Linde: Uw afschrift staat klaar in MijnDossier"


def test_the_zip_holds_the_pdf_the_fhir_bundle_and_a_manifest_with_their_fingerprints(made):
    archive = the_zip(made)
    assert sorted(archive.namelist()) == ["afschrift-fhir-r4.json", "afschrift.pdf", "manifest.json"]
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["generated_at"]
    assert {f["name"] for f in manifest["files"]} == {"afschrift.pdf", "afschrift-fhir-r4.json"}
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["name"])).hexdigest() == entry["sha256"]


def test_the_pdf_holds_the_whole_dossier_whatever_the_period_and_nothing_else(made):
    text = pdf_text(made)
    for expected in (
        "Zorggroep De Linde",
        "Inhoud",
        "Cliëntgegevens",
        "Anna Jansen",
        "100001",
        "Eerste rapportage van drie jaar geleden.",
        "Vandaag gewandeld in het park.",
        "Doel: elke dag een wandeling.",
        "De wandelingen gaan goed.",
        "Wonen met begeleiding",
        "Gesprek met de huisarts",
    ):
        assert expected in text, expected
    for absent in ("Carla", "Ingetrokken tekst.", "Concepttekst"):
        assert absent not in text


def test_the_pdf_shows_the_signed_plan_with_its_signature_block(made, personas):
    text = pdf_text(made)
    signature = ClientPlan.objects.get(status=PlanStatus.SIGNED).signature
    assert "Ondertekening" in text and "Ondertekend door" in text
    assert "192.0.2.7" in text
    assert signature.document_sha256[:20] in text.replace("\n", "")


def test_the_pdf_has_the_art_15e_section_with_suppliers_changes_and_the_whole_access_log(made):
    text = pdf_text(made)
    assert "Wie heeft gegevens aangeleverd en wie heeft uw dossier bekeken (art. 15e)" in text
    assert "Bronsysteem ecd-linde" in text and "Import linde.json: 3 nieuw" in text
    assert "Lotte Vermeulen" in text and "Piet de Groot" in text
    assert "Dirk de Vries" in text
    # The request itself is in the log the afschrift shows.
    assert "afschrift van het hele dossier aangevraagd" in text


def test_the_pdf_is_pdf_a_2b_with_metadata_and_embedded_fonts(made):
    data = the_zip(made).read("afschrift.pdf")
    reader = PdfReader(io.BytesIO(data))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.pdfaid_part == "2" and xmp.pdfaid_conformance == "B"
    assert "Afschrift van het dossier van Anna Jansen" in reader.metadata.title
    assert reader.metadata.author == "Zorggroep De Linde"
    fonts = set()
    for page in reader.pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            descriptor = (
                font.get_object().get("/FontDescriptor")
                or font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            fonts.add(any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts == {True}
    # The table of contents points at the page where each chapter starts.
    cover = reader.pages[0].extract_text()
    reports_page = int(re.search(r"Rapportages\s*pagina (\d+)", cover).group(1))
    assert reader.pages[reports_page - 1].extract_text().count("Rapportages") >= 1
    assert "Vandaag gewandeld" in reader.pages[reports_page - 1].extract_text() or reports_page < len(reader.pages)


def test_the_fhir_bundle_validates_as_r4_and_holds_the_same_dossier(made):
    data = bundle_of(made)
    Bundle.model_validate(data)
    types = [entry["resource"]["resourceType"] for entry in data["entry"]]
    for resource_type in ("Patient", "Organization", "CareTeam", "Observation", "CarePlan", "DocumentReference"):
        assert resource_type in types
    for resource_type in ("Contract", "Appointment", "Provenance", "AuditEvent"):
        assert resource_type in types
    assert types.count("Observation") == 2
    assert types.count("CarePlan") == 1
    generated = AccessLogEntry.objects.get(client=made.client, user_display=services.SYSTEM_NAME)
    logged_before = AccessLogEntry.objects.filter(client=made.client, pk__lt=generated.pk)
    audit_ids = {e["resource"]["id"] for e in data["entry"] if e["resource"]["resourceType"] == "AuditEvent"}
    assert audit_ids == {f"access-{pk}" for pk in logged_before.values_list("pk", flat=True)}
    text = json.dumps(data, ensure_ascii=False)
    assert "Carla" not in text and "Concepttekst" not in text and "Ingetrokken tekst." not in text


def test_the_fhir_bundle_reads_back_through_the_import_mapping(made):
    payload = fhir_import.parse(bundle_of(made), "afschrift.json")
    assert [e for e in payload.errors if e.level != "warning"] == []
    kinds = sorted(record.kind for record in payload.records)
    assert kinds.count("report") == 2 and kinds.count("plan") == 1 and kinds.count("evaluation") == 1
    assert kinds.count("agreement") == 1 and kinds.count("appointment") == 1
    [client] = payload.clients
    assert client.fields["first_name"] == "Anna" and client.external_id == "100001"
    texts = {record.fields.get("text") for record in payload.records if record.kind == "report"}
    assert "Vandaag gewandeld in het park." in texts
    [evaluation] = [r for r in payload.records if r.kind == "evaluation"]
    assert evaluation.fields["content"] == "De wandelingen gaan goed."
    assert base64  # evaluation text travels base64-encoded


def test_the_plan_signature_is_a_provenance_with_a_signature_in_the_bundle(made):
    provenances = [e["resource"] for e in bundle_of(made)["entry"] if e["resource"]["id"].startswith("signature-")]
    [signature] = provenances
    assert signature["signature"][0]["who"]["display"].startswith("Anna Jansen")


def test_a_second_request_within_24_hours_is_refused_with_a_clear_message(made, anna, personas):
    response = request_one(anna)
    html = response.content.decode()
    assert "al een afschrift van dit dossier aangevraagd" in html
    assert "één keer per 24 uur" in html
    assert AfschriftRequest.objects.count() == 1
    assert AccessLogEntry.objects.filter(
        object_type="afschrift", action=AccessAction.EXPORT, outcome=AccessOutcome.DENIED
    ).exists()


def test_the_representative_shares_the_clients_24_hour_limit(made, client, personas):
    ben = login_verified(client, personas.ben)
    ben.post("/mijn-dossier/client-kiezen/", {"client": personas.client_a.pk})
    response = request_one(ben)
    assert "al een afschrift van dit dossier aangevraagd" in response.content.decode()


def test_a_new_request_is_taken_after_the_interval(made, anna, personas):
    AfschriftRequest.objects.filter(pk=made.pk).update(requested_at=timezone.now() - timedelta(hours=25))
    request_one(anna)
    assert AfschriftRequest.objects.count() == 2


def test_a_replayed_request_with_the_same_key_makes_one_afschrift(anna, personas):
    key = fresh_key()
    request_one(anna, key)
    response = request_one(anna, key)
    assert AfschriftRequest.objects.count() == 1
    assert "al een afschrift" not in response.content.decode()


def test_a_tampered_key_is_refused_in_dutch(anna):
    response = anna.post(URL, {"idempotency_key": "niet-een-sleutel\x00"}, follow=True)
    assert "Deze aanvraag is niet geldig" in response.content.decode()
    assert not AfschriftRequest.objects.exists()


def test_the_legal_representative_gets_the_whole_dossier(client, personas, dossier):
    ben = login_verified(client, personas.ben)
    ben.post("/mijn-dossier/client-kiezen/", {"client": personas.client_a.pk})
    assert "Afschrift van mijn dossier" in ben.get("/mijn-dossier/").content.decode()
    request_one(ben)
    afschrift = AfschriftRequest.objects.get()
    assert afschrift.requested_by == personas.ben and afschrift.status == AfschriftStatus.READY
    assert "Eerste rapportage van drie jaar geleden." in pdf_text(afschrift)


def test_a_relative_with_partial_access_gets_no_afschrift_and_is_told_who_can(client, personas, dossier):
    relative = make_user("rob", first_name="Rob", last_name="Jansen", mobile="+31699999999")
    grant(relative, personas.client_a, RelationshipType.INFORMAL)
    accept_current_terms(relative)
    rob = login_verified(client, relative)
    dashboard = rob.get("/mijn-dossier/")
    assert dashboard.status_code == 200
    assert "Afschrift van mijn dossier" not in dashboard.content.decode()
    html = rob.get(URL).content.decode()
    assert "alleen de cliënt en de wettelijk vertegenwoordiger" in html
    assert "idempotency_key" not in html
    response = request_one(rob)
    assert "U kunt voor dit dossier geen afschrift aanvragen." in response.content.decode()
    assert not AfschriftRequest.objects.exists()
    assert AccessLogEntry.objects.filter(user=relative, object_type="afschrift", outcome=AccessOutcome.DENIED)


def test_access_that_ended_before_production_makes_no_afschrift(personas, dossier):
    from dossier.models import DossierAccess

    afschrift = AfschriftRequest.objects.create(client=personas.client_a, requested_by=personas.anna)
    DossierAccess.objects.filter(user=personas.anna).update(valid_until=timezone.localdate() - timedelta(days=1))
    assert services.produce(afschrift.pk) == services.SKIPPED
    afschrift.refresh_from_db()
    assert afschrift.status == AfschriftStatus.FAILED and not afschrift.file_name


def test_producing_twice_is_harmless(made):
    assert services.produce(made.pk) == services.SKIPPED
    assert len(storages["private"].listdir("afschriften")[1]) >= 1


def test_the_download_asks_for_a_fresh_password_and_sms_check_first(made, anna):
    response = anna.get(f"{URL}{made.pk}/download/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/bevestigen/?next=")


def test_the_download_after_the_check_is_a_private_uncached_zip_and_logged(made, anna):
    response = reauthenticated(anna).get(f"{URL}{made.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == made.sha256
    actions = set(AccessLogEntry.objects.filter(object_type="afschrift").values_list("action", flat=True))
    assert actions == {AccessAction.READ, AccessAction.EXPORT, AccessAction.DOWNLOAD}
    assert AccessLogEntry.objects.filter(object_type="afschrift", user_display=services.SYSTEM_NAME).exists()


def test_another_user_cannot_download_someone_elses_afschrift(made, client, personas):
    carla = reauthenticated(login_verified(client, personas.carla))
    assert carla.get(f"{URL}{made.pk}/download/").status_code == 404
    ben = reauthenticated(login_verified(client, personas.ben))
    ben.post("/mijn-dossier/client-kiezen/", {"client": personas.client_a.pk})
    assert ben.get(f"{URL}{made.pk}/download/").status_code == 404
    assert AccessLogEntry.objects.filter(user=personas.ben, object_type="afschrift", outcome=AccessOutcome.DENIED)


def test_expired_files_are_gone_and_cannot_be_downloaded(made, anna):
    storage = storages["private"]
    assert storage.exists(made.file_name)
    later = timezone.now() + timedelta(days=7, minutes=1)
    assert services.purge_expired(now=timezone.now()) == 0
    assert services.purge_expired(now=later) == 1
    assert not storage.exists(made.file_name)
    made.refresh_from_db()
    assert made.status == AfschriftStatus.EXPIRED
    assert reauthenticated(anna).get(f"{URL}{made.pk}/download/").status_code == 404


def test_the_deferred_deletion_task_removes_an_expired_file(made):
    from afschrift.tasks import delete_expired_afschrift

    name = made.file_name
    assert delete_expired_afschrift.call(made.pk) is False
    AfschriftRequest.objects.filter(pk=made.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert delete_expired_afschrift.call(made.pk) is True
    assert not storages["private"].exists(name)


def test_the_purge_command_deletes_expired_files(made):
    from django.core.management import call_command

    AfschriftRequest.objects.filter(pk=made.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    out = io.StringIO()
    call_command("purge_afschriften", stdout=out)
    assert "1 verlopen afschrift(en) verwijderd." in out.getvalue()


def test_a_failing_production_is_retried_then_marked_failed(personas, dossier, monkeypatch, settings):
    from afschrift import tasks

    settings.TASK_MAX_ATTEMPTS = 3
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise OSError("opslag niet bereikbaar")

    monkeypatch.setattr(services.package, "build_zip", broken)
    afschrift = AfschriftRequest.objects.create(client=personas.client_a, requested_by=personas.anna)
    tasks.generate_afschrift.enqueue(afschrift.pk)
    afschrift.refresh_from_db()
    assert len(calls) == 3 and afschrift.attempts == 3
    assert afschrift.status == AfschriftStatus.FAILED
    # A failed request does not count towards the 24 hours.
    assert not AfschriftRequest.objects.counting_towards_interval(personas.client_a).exists()


@pytest.fixture
def conversations(personas, dossier):
    """Anna's question with a reply, an internal note and an attachment; Ben's own ones about Anna and Bram."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from conversations import services as conversations

    question = conversations.start_conversation(
        personas.client_a, personas.anna, "Vraag over de medicijnen", "Mag ik de tabletten bij het ontbijt nemen?"
    ).message.conversation
    conversations.reply(
        question, personas.dirk, "Interne-notitie: eerst de arts bellen.", from_care_team=True, is_internal=True
    )
    scan = SimpleUploadedFile("recept-scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n")
    conversations.reply(
        question, personas.dirk, "Ja, dat mag. Het recept zit erbij.", from_care_team=True, files=[scan]
    )
    conversations.start_conversation(
        personas.client_a, personas.ben, "Bezoek zondag", "Ik kom zondag met de kinderen langs."
    )
    conversations.start_conversation(personas.client_b, personas.ben, "Bram zijn fiets", "Bericht-over-Bram.")
    conversations.start_conversation(personas.client_c, personas.carla, "Carla vraagt", "Bericht-van-Carla.")
    mail.outbox.clear()
    return question


def communications(bundle: dict) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Communication"]


def test_the_pdf_has_a_berichten_chapter_with_every_message_the_client_sees_and_no_internal_note(
    conversations, anna, personas
):
    request_one(anna)
    afschrift = AfschriftRequest.objects.get()
    text = pdf_text(afschrift)
    assert "Berichten" in re.search(r"Inhoud(.*)", text, re.S).group(1)
    for expected in (
        "Vraag over de medicijnen",
        "Mag ik de tabletten bij het ontbijt nemen?",
        "Ja, dat mag. Het recept zit erbij.",
        "Dirk de Vries (zorgteam)",
        "recept-scan.pdf",
        "Bezoek zondag",
        "Ik kom zondag met de kinderen langs.",
    ):
        assert expected in text, expected
    for absent in ("Interne-notitie", "eerst de arts bellen", "Bericht-over-Bram", "Bericht-van-Carla"):
        assert absent not in text, absent


def test_the_fhir_bundle_holds_each_message_as_a_communication_part_of_its_conversation(conversations, anna):
    request_one(anna)
    afschrift = AfschriftRequest.objects.get()
    bundle = bundle_of(afschrift)
    Bundle.model_validate(bundle)
    resources = communications(bundle)
    threads = {r["id"]: r for r in resources if "partOf" not in r}
    messages = [r for r in resources if "partOf" in r]
    assert {thread["topic"]["text"] for thread in threads.values()} == {"Vraag over de medicijnen", "Bezoek zondag"}
    texts = [payload["contentString"] for r in messages for payload in r["payload"] if "contentString" in payload]
    assert texts == [
        "Mag ik de tabletten bij het ontbijt nemen?",
        "Ja, dat mag. Het recept zit erbij.",
        "Ik kom zondag met de kinderen langs.",
    ]
    for message in messages:
        thread = threads[message["partOf"][0]["reference"].removeprefix("Communication/")]
        assert message["topic"] == thread["topic"]
        assert message["subject"]["reference"] == f"Patient/client-{afschrift.client_id}"
    reply = next(r for r in messages if "Ja, dat mag." in json.dumps(r))
    assert reply["sender"]["display"] == "Dirk de Vries"
    assert reply["inResponseTo"][0]["reference"] == f"Communication/{messages[0]['id']}"
    [attachment] = [payload["contentAttachment"] for payload in reply["payload"] if "contentAttachment" in payload]
    assert attachment["title"] == "recept-scan.pdf" and attachment["size"] > 0
    assert [e for e in fhir_import.parse(bundle, "afschrift.json").errors if e.level != "warning"] == []
    text = json.dumps(bundle, ensure_ascii=False)
    for absent in ("Interne-notitie", "Bericht-over-Bram", "Bericht-van-Carla", "dirk"):
        assert absent not in text.replace("Dirk", ""), absent


def test_the_representatives_afschrift_holds_every_conversation_of_the_client_and_nothing_of_his_other_clients(
    client, personas, conversations
):
    from conversations.models import Message

    ben = login_verified(client, personas.ben)
    ben.post("/mijn-dossier/client-kiezen/", {"client": personas.client_a.pk})
    request_one(ben)
    afschrift = AfschriftRequest.objects.get()
    assert afschrift.requested_by == personas.ben and afschrift.status == AfschriftStatus.READY
    visible = Message.objects.visible_to(personas.ben, personas.client_a)
    shown = [
        payload["contentString"]
        for r in communications(bundle_of(afschrift))
        for payload in r.get("payload", [])
        if "contentString" in payload
    ]
    assert sorted(shown) == sorted(visible.values_list("body", flat=True))
    assert "Mag ik de tabletten bij het ontbijt nemen?" in shown  # started by Anna, read by Ben too
    text = pdf_text(afschrift)
    assert "Ik kom zondag met de kinderen langs." in text and "Mag ik de tabletten" in text
    assert "Bericht-over-Bram" not in text and "Interne-notitie" not in text


def test_without_conversations_the_berichten_chapter_says_so(made):
    assert "Er zijn geen berichten." in pdf_text(made)


def test_an_access_log_line_in_the_afschrift_says_when_who_for_whom_what_with_which_outcome_and_from_where():
    import dataclasses
    from datetime import datetime

    from afschrift.contents import LogLine
    from afschrift.package import log_line_text

    line = LogLine(
        pk=1,
        occurred_at=timezone.make_aware(datetime(2024, 3, 5, 9, 7, 2)),
        action=AccessAction.READ,
        action_label="inzien",
        outcome=AccessOutcome.DENIED,
        outcome_label="geweigerd",
        user_display="Ben Bakker",
        user_role="wettelijk vertegenwoordiger",
        on_behalf_of="Anna Jansen",
        object_label="cliëntplan 12",
        detail="periode: laatste maand",
        ip_address="192.0.2.9",
    )
    assert log_line_text(line, "namens") == (
        "5-3-2024 09:07:02 · Ben Bakker (wettelijk vertegenwoordiger, namens Anna Jansen) · inzien · "
        "cliëntplan 12 (periode: laatste maand) · geweigerd · 192.0.2.9"
    )
    anonymous = dataclasses.replace(line, user_display="", user_role="", detail="", ip_address=None)
    assert log_line_text(anonymous, "namens") == "5-3-2024 09:07:02 · – · inzien · cliëntplan 12 · geweigerd · –"


def test_the_afschrift_shows_each_log_line_in_the_same_words_as_the_access_log(personas):
    from afschrift.contents import collect

    client = personas.client_a
    for action, object_type, object_id, outcome in [
        (AccessAction.READ, "reports", "", AccessOutcome.ALLOWED),
        (AccessAction.DOWNLOAD, "client_plan", "12", AccessOutcome.DENIED),
        (AccessAction.CHANGE, "client_plan", "13", AccessOutcome.ALLOWED),
        (AccessAction.EXPORT, "een-onbekend-soort", "", AccessOutcome.ALLOWED),
    ]:
        AccessLogEntry.objects.create(
            client=client, action=action, object_type=object_type, object_id=object_id, outcome=outcome
        )
    entries = {entry.pk: entry for entry in AccessLogEntry.objects.for_client(client)}
    lines = collect(personas.anna, client, "Zorggroep De Linde").access_log
    assert [line.pk for line in lines] == sorted(entries)
    for line in lines:
        entry = entries[line.pk]
        assert line.action_label == entry.get_action_display()
        assert line.outcome_label == entry.get_outcome_display()
        assert line.object_label == entry.object_label
        assert line.occurred_at == entry.occurred_at
