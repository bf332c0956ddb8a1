"""Random and hostile input on every public and dossier form and query parameter (hypothesis).

For each: never a 500, every error message in Dutch, and nothing stored from an
invalid submission (rows counted before and after each example). Examples are
few per test so the file stays well under a minute.
"""

import html
import string

import pytest
from axes.utils import reset as reset_axes
from django.core.cache import cache
from django.test import Client as HttpClient
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.factories import make_plan, make_report
from dossier.models import PlanStatus, Report
from dossier_pages.selection import SESSION_KEY
from ecd_import.models import SourceSystem
from home.application import HONEYPOT_FIELD
from home.models import ApplicationFormPage, ApplicationSubmission
from signing import services as signing_services
from signing.models import PlanSignature
from terms.models import TermsAcceptance
from tests.helpers import ENGLISH, error_messages
from tests.personas import PASSWORD, login_verified

FEW = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = [
    "",
    " ",
    "\x00",
    "abc\x00def",
    "x" * 5000,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "../../../etc/passwd",
    "%00%2e%2e%2f",
    "\u202egnp.exe",
    "Zoë Ĳsselmeer 😀" * 20,
    "١٢٣٤",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "31-12-1899",
    "9999-12-31",
    "null",
    "[]",
    "{}",
    "//evil.example",
    "https://evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
]
# Surrogates cannot travel in an HTTP request at all; everything else may.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
hostile_text = st.one_of(st.sampled_from(HOSTILE), ANY_TEXT)
hostile_id = st.one_of(st.sampled_from(HOSTILE), st.integers(min_value=-(2**70), max_value=2**70).map(str))


def assert_dutch_errors(response):
    assert response.status_code < 500
    messages = error_messages(response)
    assert messages, "an invalid submission must say what is wrong"
    for message in messages:
        assert not ENGLISH.search(message), message


def assert_no_server_error(response):
    assert response.status_code < 500, response.status_code


# The public application form


@pytest.fixture
def form_page(public_site):
    return ApplicationFormPage.objects.get()


@pytest.fixture
def form_names(form_page):
    return [field.clean_name for field in form_page.get_form_fields()]


@FEW
@given(data=st.data())
def test_the_application_form_stores_nothing_from_an_invalid_submission(client, form_page, form_names, data):
    values = data.draw(st.fixed_dictionaries(dict.fromkeys(form_names, hostile_text)))
    values[HONEYPOT_FIELD] = ""
    before = ApplicationSubmission.objects.count()
    response = client.post(form_page.url, values)
    assert_no_server_error(response)
    if error_messages(response):
        assert_dutch_errors(response)
        assert ApplicationSubmission.objects.count() == before
    else:
        assert ApplicationSubmission.objects.count() == before + 1


def test_an_invalid_application_keeps_what_was_typed(client, form_page, form_names):
    values = dict.fromkeys(form_names, "")
    values[form_names[0]] = 'Wim "de Vries" <b>'
    response = client.post(form_page.url, values)
    assert_dutch_errors(response)
    assert html.escape('Wim "de Vries" <b>') in response.content.decode()
    assert not ApplicationSubmission.objects.exists()


# Login: username and password, then the SMS code


@FEW
@given(username=hostile_text, password=hostile_text)
def test_hostile_credentials_never_log_anyone_in(personas, username, password):
    reset_axes()
    http = HttpClient()
    response = http.post(
        "/account/inloggen/",
        {"portal_login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )
    assert_no_server_error(response)
    assert "_auth_user_id" not in http.session
    if response.status_code == 200:
        assert_dutch_errors(response)


@FEW
@given(code=hostile_text, step=st.sampled_from(["token", "auth", "backup", "", "\x00", "x" * 300]))
def test_a_hostile_sms_code_or_wizard_step_never_verifies_the_login(personas, code, step):
    reset_axes()
    http = HttpClient()
    http.post(
        "/account/inloggen/",
        {"portal_login_view-current_step": "auth", "auth-username": "anna", "auth-password": PASSWORD},
    )
    response = http.post(
        "/account/inloggen/", {"portal_login_view-current_step": step, "token-otp_token": code, "request_sms_code": ""}
    )
    assert_no_server_error(response)
    assert "_auth_user_id" not in http.session
    assert http.get("/mijn-dossier/").status_code == 302


# Password change, terms acceptance and the forgotten-password form


@FEW
@given(old=hostile_text, new1=hostile_text, new2=hostile_text)
def test_a_hostile_password_change_leaves_the_password_as_it_was(client, personas, old, new1, new2):
    login_verified(client, personas.anna)
    response = client.post(
        "/account/wachtwoord-wijzigen/", {"old_password": old, "new_password1": new1, "new_password2": new2}
    )
    assert_no_server_error(response)
    assert_dutch_errors(response)
    personas.anna.refresh_from_db()
    assert personas.anna.check_password(PASSWORD)


@FEW
@given(fields=st.dictionaries(st.sampled_from(["akkoord", "ja", "next", "terms", "\x00", "x" * 100]), hostile_text))
def test_terms_are_accepted_only_with_the_accept_button(client, personas, public_site, fields):
    login_verified(client, personas.anna)
    accepted_before = TermsAcceptance.objects.count()
    response = client.post("/account/voorwaarden/", fields)
    assert_no_server_error(response)
    assert response.status_code == 200
    assert TermsAcceptance.objects.count() == accepted_before


@FEW
@given(next_url=hostile_text)
def test_accepting_the_terms_never_redirects_to_another_site(client, personas, public_site, next_url):
    TermsAcceptance.objects.all().delete()
    login_verified(client, personas.anna)
    response = client.post("/account/voorwaarden/", {"accept": "1", "next": next_url})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert TermsAcceptance.objects.filter(user=personas.anna).count() == 1


@FEW
@given(email=hostile_text)
def test_the_forgotten_password_form_answers_hostile_addresses_in_dutch(client, personas, email):
    response = client.post("/account/wachtwoord-vergeten/", {"email": email})
    assert_no_server_error(response)
    if response.status_code == 200:
        assert_dutch_errors(response)
    else:
        assert response["Location"] == "/account/wachtwoord-vergeten/verstuurd/"


# The dossier: period filters, page numbers, ids and the client switcher

SECTIONS = ["rapportages/", "clientplannen/", "evaluaties/", "zorgovereenkomsten/", "afspraken/", "profiel/"]
SECTIONS += ["rapportages/download/", ""]


@pytest.fixture
def anna_in_her_dossier(client, personas, dossier_page):
    make_report(personas.client_a, text="Een gewone dag")
    login_verified(client, personas.anna)
    from terms.acceptance import accept_current_terms

    accept_current_terms(personas.anna)
    return client


@FEW
@given(
    section=st.sampled_from(SECTIONS),
    params=st.dictionaries(
        st.sampled_from(["periode", "van", "tot", "page", "pagina", "client", "q"]),
        st.one_of(hostile_text, st.sampled_from(["kiezen", "jaar", "week", "alles", "dit-jaar"])),
    ),
)
def test_hostile_period_filters_and_page_numbers_are_answered_in_dutch(anna_in_her_dossier, section, params):
    response = anna_in_her_dossier.get(f"/mijn-dossier/{section}", params, follow=True)
    assert response.status_code in (200, 400), response.status_code
    if not response["Content-Type"].startswith("text/html"):
        assert response["Content-Type"] == "application/pdf"
    elif response.status_code == 400 or error_messages(response):
        assert_dutch_errors(response)


@pytest.mark.parametrize("periode,van,tot", [("kiezen", "2026-03-01", "2026-01-01"), ("kiezen", "1800-01-01", "")])
def test_an_impossible_period_is_explained(anna_in_her_dossier, periode, van, tot):
    response = anna_in_her_dossier.get("/mijn-dossier/rapportages/", {"periode": periode, "van": van, "tot": tot})
    assert_dutch_errors(response)


@FEW
@given(section=st.sampled_from(["clientplannen", "evaluaties", "zorgovereenkomsten"]), pk=hostile_id)
def test_hostile_record_ids_are_a_404(anna_in_her_dossier, section, pk):
    response = anna_in_her_dossier.get(f"/mijn-dossier/{section}/{pk}/download/")
    assert response.status_code == 404


@FEW
@given(client_id=hostile_id)
def test_the_client_switcher_never_switches_to_a_hostile_id(anna_in_her_dossier, personas, client_id):
    response = anna_in_her_dossier.post("/mijn-dossier/client-kiezen/", {"client": client_id})
    if client_id == str(personas.client_a.pk):
        assert response.status_code == 302
    else:
        assert response.status_code == 404
        assert "niet gevonden" in response.content.decode().lower() or "bestaat niet" in response.content.decode()
    assert anna_in_her_dossier.session.get(SESSION_KEY) in (None, personas.client_a.pk)


# Public search


@FEW
@given(q=hostile_text, page=hostile_text)
def test_hostile_search_terms_and_page_numbers_never_break_the_search(client, public_site, q, page):
    response = client.get("/zoeken/", {"q": q, "page": page})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "niet is toegestaan" in response.content.decode()


# Signing a plan


@pytest.fixture
def plan_to_sign(anna_in_her_dossier, personas):
    plan = make_plan(personas.client_a, status=PlanStatus.FINAL, content="Doelen", period_start=timezone.localdate())
    signing_services.request_signature(plan, [personas.anna], personas.dirk, notify=False)
    return plan


@FEW
@given(
    action=st.one_of(st.sampled_from(["code", "sign", "decline"]), hostile_text),
    fields=st.dictionaries(st.sampled_from(["agree", "code", "comment"]), hostile_text),
)
def test_hostile_signing_forms_never_sign_the_plan(anna_in_her_dossier, personas, plan_to_sign, action, fields):
    cache.clear()  # SMS rate limits
    url = f"/mijn-dossier/clientplannen/{plan_to_sign.pk}/ondertekenen/"
    response = anna_in_her_dossier.post(url, {"action": action, **fields})
    assert_no_server_error(response)
    plan_to_sign.refresh_from_db()
    if response.status_code == 200 and action in ("sign", "decline"):
        if signing_services.may_sign(personas.anna, plan_to_sign):
            assert_dutch_errors(response)
        else:  # an earlier example declined it (with a comment): the page says so
            assert "niet akkoord" in response.content.decode()
    assert not PlanSignature.objects.exists()


# The import endpoint


@pytest.fixture
def import_token(db):
    system = SourceSystem.objects.create(name="ecd-linde")
    return system.issue_token()


@FEW
@given(
    body=st.one_of(
        st.binary(max_size=2000),
        hostile_text.map(str.encode),
        st.recursive(
            st.one_of(st.none(), st.booleans(), st.integers(), hostile_text),
            lambda children: st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4),
            max_leaves=20,
        ).map(lambda value: __import__("json").dumps(value).encode()),
    ),
    data_format=st.sampled_from(["auto", "fhir", "json", "xml", "\x00"]),
)
def test_hostile_import_payloads_are_refused_without_storing_records(personas, import_token, body, data_format):
    cache.clear()  # the per-minute rate limit
    before = Report.objects.count()
    response = HttpClient().post(
        f"/api/import/v1/?format={data_format}",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {import_token}",
    )
    assert response.status_code in (400, 413, 422), response.status_code
    errors = response.json()["errors"]
    assert errors and all(error["message"] for error in errors)
    assert Report.objects.count() == before


# Admin instance URLs with hostile ids (staff of the client's own team)


@FEW
@given(pk=hostile_id.filter(lambda value: value and "/" not in value and all(c in string.printable for c in value)))
def test_hostile_ids_in_the_dossier_admin_are_a_404_or_a_refusal(client, personas, pk):
    """Not found, not a redirect: a 302 would also be the answer to a session that no longer counts."""
    login_verified(client, personas.dirk)
    response = client.get(f"/admin/dossier/report/edit/{pk}/")
    assert response.status_code == 404, response.status_code
    assert client.get("/admin/dossier/report/").status_code == 200, "still logged in with the second factor"


# The login wizard's own fields, the reset link and the profile steps

WIZARD_FIELDS = [
    "portal_login_view-current_step",
    "challenge_device",
    "wizard_goto_step",
    "request_sms_code",
    "auth-username",
    "auth-password",
    "token-otp_token",
    "backup-otp_token",
    "next",
]
hostile_step = st.one_of(st.sampled_from(["auth", "token", "backup"]), hostile_text)


@pytest.mark.django_db
@pytest.mark.parametrize("after_password", [False, True])
@pytest.mark.parametrize(
    "fields",
    [
        {"challenge_device": "x"},
        {"challenge_device": "", "portal_login_view-current_step": "token"},
        {"challenge_device": "otp_static.staticdevice/1"},
        {"wizard_goto_step": "token"},
        {"wizard_goto_step": "backup", "challenge_device": "x"},
        {"portal_login_view-current_step": "backup", "backup-otp_token": "12345678"},
        {"request_sms_code": "1", "portal_login_view-current_step": "backup"},
    ],
)
def test_a_wizard_field_without_its_step_never_gives_a_server_error(personas, after_password, fields):
    http = HttpClient(raise_request_exception=False)
    if after_password:
        http.post(
            "/account/inloggen/",
            {"portal_login_view-current_step": "auth", "auth-username": "anna", "auth-password": PASSWORD},
        )
    response = http.post("/account/inloggen/", fields)
    assert_no_server_error(response)
    assert "_auth_user_id" not in http.session


@FEW
@given(
    after_password=st.booleans(),
    step=hostile_step,
    fields=st.dictionaries(st.sampled_from(WIZARD_FIELDS), hostile_text),
)
def test_hostile_wizard_fields_never_give_a_server_error_or_a_login(personas, after_password, step, fields):
    reset_axes()
    cache.clear()
    http = HttpClient(raise_request_exception=False)
    if after_password:
        http.post(
            "/account/inloggen/",
            {"portal_login_view-current_step": "auth", "auth-username": "anna", "auth-password": PASSWORD},
        )
    response = http.post("/account/inloggen/", {"portal_login_view-current_step": step, **fields})
    assert_no_server_error(response)
    assert "_auth_user_id" not in http.session
    if response.status_code == 200:
        for message in error_messages(response):
            assert not ENGLISH.search(message), message


@FEW
@given(uidb64=hostile_text, token=hostile_text, new1=hostile_text, new2=hostile_text)
def test_a_hostile_reset_link_or_new_password_never_gives_a_server_error(personas, uidb64, token, new1, new2):
    from urllib.parse import quote

    http = HttpClient(raise_request_exception=False)
    url = f"/account/herstellen/{quote(uidb64, safe='') or 'x'}/{quote(token, safe='') or 'x'}/"
    assert_no_server_error(http.get(url))
    response = http.post(url, {"new_password1": new1, "new_password2": new2})
    assert_no_server_error(response)
    personas.anna.refresh_from_db()
    assert personas.anna.check_password(PASSWORD)


PROFILE_STEPS = [
    ("/account/bevestigen/", ["password", "code", "request_code", "next"]),
    ("/account/gegevens-wijzigen/", ["email", "mobile_number"]),
    ("/account/gegevens-wijzigen/mobiel-bevestigen/", ["code", "request_code"]),
    ("/account/authenticator-app/", ["token"]),
    ("/account/herstelcodes/", ["action"]),
    ("/account/profiel/sessies-beeindigen/", ["next"]),
    ("/account/voorwaarden/", ["accept", "decline", "agree", "next"]),
]


@FEW
@given(
    step=st.sampled_from(PROFILE_STEPS),
    values=st.lists(hostile_text, min_size=4, max_size=4),
    reauthenticated=st.booleans(),
    pending_mobile=st.booleans(),
)
def test_hostile_profile_and_terms_steps_never_give_a_server_error(
    personas, public_site, step, values, reauthenticated, pending_mobile
):
    from accounts.sessions import REAUTH_AT_KEY
    from accounts.views.profile import PENDING_MOBILE_SESSION_KEY

    cache.clear()
    http = login_verified(HttpClient(raise_request_exception=False), personas.anna)
    session = http.session
    if reauthenticated:
        session[REAUTH_AT_KEY] = timezone.now().timestamp()
    if pending_mobile:
        session[PENDING_MOBILE_SESSION_KEY] = {"number": "+31611111111", "challenge": values[0]}
    session.save()
    url, names = step
    response = http.post(url, dict(zip(names, values, strict=False)))
    assert_no_server_error(response)
    personas.anna.refresh_from_db()
    assert personas.anna.email == "anna@example.org"
