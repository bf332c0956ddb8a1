import re

import pytest
from django.core import mail
from django.test import override_settings

from home.application import HONEYPOT_FIELD
from home.models import ApplicationFormPage, ApplicationSubmission

pytestmark = pytest.mark.django_db

URL = "/toegang-aanvragen/"


@pytest.fixture
def form_page(public_site):
    return ApplicationFormPage.objects.get()


@pytest.fixture
def names(form_page):
    """The form's field names by label, as the editor set them up."""
    return {field.label: field.clean_name for field in form_page.get_form_fields()}


def valid_data(names, **overrides):
    data = {
        names["Naam cliënt"]: "Wim van Dalen",
        names["Geboortedatum cliënt"]: "1948-03-02",
        names["Cliëntnummer"]: "",
        names["Uw relatie tot de cliënt"]: "Wettelijk vertegenwoordiger",
        names["Uw naam"]: "Ria van Dalen",
        names["E-mailadres"]: "ria@example.org",
        names["Mobiel nummer"]: "06 12345678",
        names["Ik geef toestemming om mij toegang te geven tot het dossier van deze cliënt"]: "on",
        names["Ik heb de gebruikersvoorwaarden gelezen en ga ermee akkoord"]: "on",
        HONEYPOT_FIELD: "",
    }
    data.update(overrides)
    return data


def test_the_form_shows_every_field_with_a_label(client, form_page, names):
    html = client.get(URL).content.decode()
    for name in names.values():
        assert re.search(rf'<label[^>]*for="id_{name}"', html) or f'name="{name}"' in html
    assert "Wettelijk vertegenwoordiger" in html
    assert 'type="tel"' in html


@pytest.mark.parametrize("typed", ["06 12345678", "0612345678", "+31 6 12345678", "+31612345678", "06-12345678"])
def test_a_valid_application_is_stored_with_the_mobile_number_in_e164(client, form_page, names, typed):
    response = client.post(URL, valid_data(names, **{names["Mobiel nummer"]: typed}))
    assert response.status_code == 200
    assert "Bedankt, wij hebben uw aanvraag ontvangen" in response.content.decode()
    submission = ApplicationSubmission.objects.get()
    assert submission.form_data[names["Mobiel nummer"]] == "+31612345678"
    assert submission.form_data[names["Geboortedatum cliënt"]] == "1948-03-02"
    assert submission.status == "new"
    assert submission.processed_at is None
    assert submission.processed_by is None
    assert HONEYPOT_FIELD not in submission.form_data


def test_staff_get_an_e_mail_with_the_name_and_a_link_but_no_other_details(client, form_page, names):
    client.post(URL, valid_data(names))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["clientenadministratie@zorggroep-de-linde.example"]
    assert "Wim van Dalen" in message.body
    assert f"/admin/forms/submissions/{form_page.pk}/" in message.body
    for detail in ("1948", "+31612345678", "ria@example.org", "Wettelijk vertegenwoordiger"):
        assert detail not in message.body


@override_settings(STAFF_NOTIFICATION_EMAILS=["aanvragen@zorggroep-de-linde.example"])
def test_without_a_to_address_the_e_mail_goes_to_the_staff_notification_addresses(client, form_page, names):
    form_page.to_address = ""
    form_page.save_revision().publish()
    client.post(URL, valid_data(names))
    assert mail.outbox[0].to == ["aanvragen@zorggroep-de-linde.example"]


@pytest.mark.parametrize(
    ("label", "value", "message"),
    [
        ("Mobiel nummer", "12345", "Vul een geldig mobiel nummer in"),
        ("Mobiel nummer", "0570 123 456", "Dit is geen mobiel nummer"),
        ("E-mailadres", "ria@", "e-mailadres"),
        ("Geboortedatum cliënt", "2999-01-01", "kan niet in de toekomst liggen"),
        ("Geboortedatum cliënt", "gisteren", "Vul een geldige datum in"),
        ("Naam cliënt", "", "Dit is een verplicht veld"),
    ],
)
def test_invalid_input_stores_nothing_and_keeps_what_was_typed(client, form_page, names, label, value, message):
    data = valid_data(names, **{names[label]: value})
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert message in html
    assert f'href="#id_{names[label]}"' in html
    assert 'value="Ria van Dalen"' in html
    assert 'value="ria@example.org"' in html or label == "E-mailadres"
    assert 'value="Wettelijk vertegenwoordiger"' in html and "checked" in html
    if value:
        assert f'value="{value}"' in html
    assert ApplicationSubmission.objects.count() == 0
    assert mail.outbox == []


def test_missing_consent_is_refused(client, form_page, names):
    consent = names["Ik geef toestemming om mij toegang te geven tot het dossier van deze cliënt"]
    data = valid_data(names)
    del data[consent]
    response = client.post(URL, data)
    assert 'class="error-summary"' in response.content.decode()
    assert ApplicationSubmission.objects.count() == 0


def test_a_bot_that_fills_in_the_honeypot_sees_success_but_nothing_is_stored_or_sent(client, form_page, names):
    response = client.post(URL, valid_data(names, **{HONEYPOT_FIELD: "https://spam.example"}))
    assert response.status_code == 200
    assert "Bedankt, wij hebben uw aanvraag ontvangen" in response.content.decode()
    assert ApplicationSubmission.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client, form_page):
    html = client.get(URL).content.decode()
    assert re.search(
        rf'<div class="honeypot" aria-hidden="true">\s*<label for="id_{HONEYPOT_FIELD}">Laat dit veld leeg', html
    )
    assert re.search(rf'name="{HONEYPOT_FIELD}"[^>]*tabindex="-1"|tabindex="-1"[^>]*name="{HONEYPOT_FIELD}"', html)


def test_submissions_are_not_visible_to_visitors_or_portal_users(client, form_page, names, personas):
    client.post(URL, valid_data(names))
    url = f"/admin/forms/submissions/{form_page.pk}/"
    assert client.get(url).status_code == 302
    client.force_login(personas.anna)
    assert client.get(url).status_code in (302, 403)


def test_error_messages_are_tied_to_their_field_for_screen_readers(client, form_page, names):
    name = names["Mobiel nummer"]
    html = client.post(URL, valid_data(names, **{name: "12345"})).content.decode()
    field = re.search(rf'<input[^>]*id="id_{name}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert f"id_{name}_error" in field
    assert f'<ul class="error-list" id="id_{name}_error">' in html
