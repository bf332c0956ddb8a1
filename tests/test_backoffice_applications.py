"""Application-form submissions in the admin: see new ones, process or reject them, create the account from one."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from dossier.models import DossierAccess, RelationshipType
from home.application import SubmissionStatus
from home.models import ApplicationFormField, ApplicationFormPage, ApplicationSubmission
from tests.personas import login_verified

SUBMISSIONS = "/admin/home/applicationsubmission/"


@pytest.fixture
def form_page(db):
    """The demo application form's fields, without loading the whole public site."""
    from demo.public_content import FORM_FIELDS

    page = ApplicationFormPage(
        title="Toegang aanvragen",
        slug="toegang-aanvragen-test",
        form_fields=[
            ApplicationFormField(
                sort_order=order, label=label, field_type=kind, required=required, choices=choices, help_text=help
            )
            for order, (label, kind, required, choices, help) in enumerate(FORM_FIELDS)
        ],
    )
    return Page.get_first_root_node().add_child(instance=page)


def submit(form_page, **answers_by_label):
    """Store a submission the way the form does: answers keyed by each field's clean name."""
    names = {field.label: field.clean_name for field in form_page.get_form_fields()}
    return ApplicationSubmission.objects.create(
        page=form_page, form_data={names[label]: value for label, value in answers_by_label.items()}
    )


@pytest.fixture
def from_client(form_page):
    return submit(
        form_page,
        **{
            "Naam cliënt": "Anna Jansen",
            "Geboortedatum cliënt": "1950-05-17",
            "Cliëntnummer": "100001",
            "Uw relatie tot de cliënt": "Ik ben de cliënt",
            "Uw naam": "",
            "E-mailadres": "anna.nieuw@example.org",
            "Mobiel nummer": "+31611112222",
        },
    )


@pytest.fixture
def from_representative(form_page):
    return submit(
        form_page,
        **{
            "Naam cliënt": "Bram Bakker",
            "Geboortedatum cliënt": "1950-05-17",
            "Cliëntnummer": "",
            "Uw relatie tot de cliënt": "Wettelijk vertegenwoordiger",
            "Uw naam": "Sofie van den Berg",
            "E-mailadres": "sofie@example.org",
            "Mobiel nummer": "+31633334444",
        },
    )


@pytest.fixture
def dirk(client, personas):
    return login_verified(client, personas.dirk)


def test_a_care_worker_sees_new_submissions(dirk, from_client):
    response = dirk.get(SUBMISSIONS, {"status__exact": SubmissionStatus.NEW})
    assert response.status_code == 200
    assert "Anna Jansen" in response.content.decode()


def test_the_status_filter_hides_processed_submissions(dirk, from_client):
    from_client.status = SubmissionStatus.PROCESSED
    from_client.save()
    html = dirk.get(SUBMISSIONS, {"status__exact": SubmissionStatus.NEW}).content.decode()
    assert f"{SUBMISSIONS}inspect/{from_client.pk}/" not in html


def test_communicatie_does_not_see_submissions_not_even_in_wagtails_form_listing(client, personas, from_client):
    login_verified(client, personas.eva)
    assert client.get(SUBMISSIONS).status_code in (302, 403)
    listing = client.get(f"/admin/forms/submissions/{from_client.page_id}/")
    assert listing.status_code in (302, 403)


def test_a_care_worker_can_open_the_submissions_in_wagtails_form_listing(dirk, from_client):
    assert dirk.get(f"/admin/forms/submissions/{from_client.page_id}/").status_code == 200


def test_marking_a_submission_processed_records_who_and_when(dirk, personas, from_client):
    response = dirk.post(f"{SUBMISSIONS}edit/{from_client.pk}/", {"process": "1", "staff_note": "Telefonisch gecheckt"})
    assert response.status_code == 302
    from_client.refresh_from_db()
    assert from_client.status == SubmissionStatus.PROCESSED
    assert from_client.processed_by == personas.dirk
    assert from_client.processed_at is not None
    assert from_client.staff_note == "Telefonisch gecheckt"


def test_rejecting_a_submission_needs_a_note(dirk, from_client):
    response = dirk.post(f"{SUBMISSIONS}edit/{from_client.pk}/", {"reject": "1", "staff_note": ""})
    assert response.status_code == 200
    assert "waarom u de aanvraag afwijst" in response.content.decode()
    from_client.refresh_from_db()
    assert from_client.status == SubmissionStatus.NEW


def test_rejecting_a_submission_with_a_note(dirk, from_client):
    dirk.post(f"{SUBMISSIONS}edit/{from_client.pk}/", {"reject": "1", "staff_note": "Geen cliënt van De Linde."})
    from_client.refresh_from_db()
    assert from_client.status == SubmissionStatus.REJECTED
    assert "Geen cliënt" in from_client.staff_note


def test_a_processed_submission_cannot_be_processed_again(dirk, from_client):
    from_client.status = SubmissionStatus.REJECTED
    from_client.save()
    dirk.post(f"{SUBMISSIONS}edit/{from_client.pk}/", {"process": "1"})
    from_client.refresh_from_db()
    assert from_client.status == SubmissionStatus.REJECTED


def test_the_account_form_is_prefilled_from_the_submission(dirk, personas, from_client):
    html = dirk.get(f"{SUBMISSIONS}create_account/{from_client.pk}/").content.decode()
    assert 'value="Anna"' in html
    assert 'value="Jansen"' in html
    assert 'value="anna.nieuw@example.org"' in html
    assert f'<option value="{personas.client_a.pk}" selected>' in html


def test_a_representatives_submission_prefills_their_name_role_and_the_client_by_name_and_birth_date(
    dirk, personas, from_representative
):
    html = dirk.get(f"{SUBMISSIONS}create_account/{from_representative.pk}/").content.decode()
    assert 'value="Sofie"' in html
    assert 'value="van den Berg"' in html
    assert f'<option value="{RelationshipType.MENTOR}" selected>' in html
    assert f'<option value="{personas.client_b.pk}" selected>' in html


def test_creating_the_account_from_a_submission_grants_access_and_marks_it_processed(
    dirk, personas, from_representative, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = dirk.post(
            f"{SUBMISSIONS}create_account/{from_representative.pk}/",
            {
                "first_name": "Sofie",
                "last_name": "van den Berg",
                "username": "",
                "email": "sofie@example.org",
                "mobile_number": "+31633334444",
                "client": personas.client_b.pk,
                "role": RelationshipType.MENTOR,
                "valid_from": "2026-01-01",
                "valid_until": "",
            },
        )
    assert response.status_code == 302
    sofie = get_user_model().objects.get(email="sofie@example.org")
    assert DossierAccess.objects.get(user=sofie).client == personas.client_b
    from_representative.refresh_from_db()
    assert from_representative.status == SubmissionStatus.PROCESSED
    assert from_representative.processed_by == personas.dirk
    assert sofie.username in from_representative.staff_note


def test_a_submission_for_another_teams_client_does_not_preselect_that_client(dirk, personas, form_page):
    submission = submit(
        form_page,
        **{
            "Naam cliënt": "Carla Smit",
            "Cliëntnummer": "200001",
            "Uw relatie tot de cliënt": "Ik ben de cliënt",
            "E-mailadres": "carla2@example.org",
            "Mobiel nummer": "+31655556666",
        },
    )
    html = dirk.get(f"{SUBMISSIONS}create_account/{submission.pk}/").content.decode()
    assert f'value="{personas.client_c.pk}"' not in html
    assert "hoort niet bij een cliënt van uw team" in html
