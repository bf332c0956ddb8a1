"""Who may see what: relationship types, their scopes, staff narrowing, expiry and the 12/16 age rules.

The matrix walks the dossier page's section registry (every list, download and feature route), so a new
route is checked without a change here. One test per relationship type builds its data once and lists
every wrong answer in its failure message.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.utils import timezone

from accounts.models import SmsOutboxMessage
from afschrift.models import AfschriftRequest
from afschrift.rules import may_request
from conversations import services as conversation_services
from conversations.models import Conversation
from dossier.age_rules import apply_age_rules
from dossier.factories import make_agreement, make_appointment, make_evaluation, make_plan, make_report
from dossier.models import (
    AccessLogEntry,
    AccessOutcome,
    Appointment,
    CareAgreement,
    Client,
    ClientPlan,
    DossierAccess,
    Evaluation,
    ObjectType,
    PlanStatus,
    Report,
)
from dossier.relationships import AgeNotice, BasisKind, RelationshipType, Scope, years_before
from dossier.sections import registry
from dossier_pages.models import DossierPage
from terms.acceptance import accept_current_terms
from tests.personas import grant, login_verified, make_user

EVERYTHING = set(Scope.values)
CONTENT_AND_CONTACT = {"reports", "plans", "evaluations", "agreements", "appointments", "messages"}
# What each type sees by default, written out here (not read from dossier.relationships) so the table is tested.
EXPECTED_DEFAULTS = {
    RelationshipType.SELF: EVERYTHING,
    RelationshipType.PARENT: EVERYTHING,
    RelationshipType.GUARDIAN: EVERYTHING,
    RelationshipType.CURATOR: EVERYTHING,
    RelationshipType.MENTOR: EVERYTHING,
    RelationshipType.ADMINISTRATOR: {"messages"},
    RelationshipType.AUTHORISED: EVERYTHING - {"signing"},
    RelationshipType.INFORMAL: CONTENT_AND_CONTACT,
}
RECORD_QUERYSETS = {
    "reports": Report,
    "plans": ClientPlan,
    "evaluations": Evaluation,
    "agreements": CareAgreement,
    "appointments": Appointment,
}
GATE_DETAIL = "Geen toegang tot dit deel van het dossier"


def _client(number, date_of_birth, team):
    return Client.objects.create(
        client_number=number, first_name="Kim", last_name=f"Test{number}", date_of_birth=date_of_birth, team=team
    )


def _dossier(client, author):
    """One record of every kind, a conversation with an attachment and an afschrift request."""
    from django.core.files.base import ContentFile

    pdf = ContentFile(b"%PDF-1.4 vraag", name="vraag.pdf")
    posted = conversation_services.start_conversation(client, author, "Vraag", "Een vraag", files=[pdf])
    return {
        "plan_download": make_plan(client, status=PlanStatus.FINAL).pk,
        "plan_sign": make_plan(client, status=PlanStatus.FINAL).pk,
        "evaluation_download": make_evaluation(client).pk,
        "agreement_download": make_agreement(client).pk,
        "report": make_report(client).pk,
        "appointment": make_appointment(client).pk,
        "conversation": posted.message.conversation_id,
        "conversation_attachment": posted.message.attachments.get().pk,
        "afschrift_download": AfschriftRequest.objects.create(client=client, requested_by=author).pk,
        # The circle's routes take a grant (or invitation) of the client's circle; the holder's own is none.
        "circle_access": DossierAccess.objects.filter(client=client).values_list("pk", flat=True).first(),
        "circle_withdraw": DossierAccess.objects.filter(client=client).values_list("pk", flat=True).first(),
    }


def dossier_routes(ids):
    """(route name, url, scope, is the section's list) for every route of every registered section."""
    page = DossierPage.objects.get()
    routes = []
    for section in registry.all():
        names = []
        if section.has_list:
            names.append((section.key, ()))
        if section.period_document:
            names.append((section.period_document.route, ()))
        if section.document:
            names.append((section.document.route, (ids[section.document.route],)))
        for route in section.routes:
            names.append((route.name, (ids[route.name],) if "<int:pk>" in route.pattern else ()))
        routes += [(name, page.url_for(name, *args), section.scope, name == section.key) for name, args in names]
    return routes


def gate_denials(user):
    return AccessLogEntry.objects.filter(user=user, outcome=AccessOutcome.DENIED, detail=GATE_DETAIL).count()


def wrong_answers(http, user, client, ids, expected: set) -> list[str]:
    """Every route, queryset and service answer that differs from `expected` scopes, in words."""
    wrong = []
    for name, url, scope, is_list in dossier_routes(ids):
        before = gate_denials(user)
        response = http.get(url)
        denied = gate_denials(user) - before
        if scope is None or scope in expected:
            if denied or response.status_code >= 500:
                wrong.append(f"{name} ({url}): refused or broken ({response.status_code}), scope {scope} expected")
            elif is_list and response.status_code != 200:
                wrong.append(f"{name} ({url}): list answered {response.status_code}")
        elif response.status_code != 404 or denied != 1:
            wrong.append(f"{name} ({url}): {response.status_code} with {denied} log entries, expected 404 + 1")
    for scope, model in RECORD_QUERYSETS.items():
        count = model.objects.visible_to(user, client).count()
        if (count > 0) != (scope in expected):
            wrong.append(f"{model.__name__}.visible_to gives {count} records, scope {scope}")
    checks = {
        "messages": Conversation.objects.visible_to(user, client).exists(),
        "signing": DossierAccess.objects.signers().filter(user=user, client=client).exists(),
        "afschrift": may_request(user, client),
    }
    wrong += [f"{scope}: {got}" for scope, got in checks.items() if got != (scope in expected)]
    return wrong


def _holder(username, **fields):
    user = make_user(username, **fields)
    accept_current_terms(user)
    return user


@pytest.fixture
def adult(personas, dossier_page):
    return _client("R-ADULT", date(1950, 5, 17), personas.team)


@pytest.fixture
def child(personas, dossier_page):
    return _client("R-CHILD", years_before(timezone.localdate(), 10), personas.team)


@pytest.fixture(autouse=True)
def light_pdfs(monkeypatch):
    """The matrix tests who gets through to a download, not the PDF itself (tests/test_dossier_pdfs.py)."""
    monkeypatch.setattr("dossier.sections.Document.render_pdf", lambda self, *args: b"%PDF-1.4 matrix")


@pytest.mark.parametrize("relationship", list(RelationshipType))
def test_each_relationship_type_sees_exactly_its_default_scopes_on_every_dossier_route(
    relationship, personas, adult, child
):
    client = child if relationship in (RelationshipType.PARENT, RelationshipType.GUARDIAN) else adult
    holder = _holder(f"holder-{relationship}", mobile="+31655500001")
    grant(holder, client, relationship)
    ids = _dossier(client, holder)
    http = login_verified(HttpClient(raise_request_exception=False), holder)
    wrong = wrong_answers(http, holder, client, ids, EXPECTED_DEFAULTS[relationship])
    assert wrong == [], f"{relationship}: " + "; ".join(wrong)


def test_a_grant_narrowed_by_staff_gives_only_its_scopes_and_the_rest_is_404_and_logged(personas, adult):
    holder = _holder("narrowed", mobile="+31655500002")
    access = grant(holder, adult, RelationshipType.MENTOR)
    access.scopes = ["appointments", "reports"]
    access.save()
    ids = _dossier(adult, holder)
    http = login_verified(HttpClient(raise_request_exception=False), holder)
    assert wrong_answers(http, holder, adult, ids, {"appointments", "reports"}) == []
    menu = http.get("/mijn-dossier/").content.decode()
    assert "Rapportages" in menu and "Cliëntplanafdrukken" not in menu and "Berichten" not in menu


def test_a_scope_beyond_what_the_type_allows_is_refused_and_never_stored(personas, adult):
    holder = _holder("bewind", mobile="+31655500003")
    access = DossierAccess(
        user=holder, client=adult, relationship=RelationshipType.ADMINISTRATOR, scopes=["reports", "messages"]
    )
    with pytest.raises(ValidationError) as refused:
        access.full_clean()
    assert "Een bewindvoerder mag dit niet krijgen: rapportages." in str(refused.value)
    access.save()
    assert DossierAccess.objects.get(pk=access.pk).scopes == ["messages"]


def test_a_bewindvoerder_may_get_the_care_agreements_but_no_other_content(personas, adult):
    holder = _holder("bewind2", mobile="+31655500004")
    access = grant(holder, adult, RelationshipType.ADMINISTRATOR)
    access.scopes = ["agreements", "messages"]
    access.save()
    make_agreement(adult)
    make_report(adult)
    assert CareAgreement.objects.visible_to(holder, adult).count() == 1
    assert Report.objects.visible_to(holder, adult).count() == 0


def test_a_grant_by_the_clients_own_leave_expires_after_the_configured_months(personas, adult, settings):
    settings.DOSSIER_ACCESS_CLIENT_GRANT_MONTHS = 18
    holder = _holder("gemachtigd", mobile="+31655500005")
    access = DossierAccess.objects.create(
        user=holder,
        client=adult,
        relationship=RelationshipType.AUTHORISED,
        basis_kind=BasisKind.WRITTEN_AUTHORISATION,
        basis_reference="machtiging van 3 maart",
        valid_from=date(2026, 3, 31),
    )
    assert access.valid_until == date(2027, 9, 29)
    make_report(adult)
    assert Report.objects.visible_to(holder, adult).exists() == (date(2027, 9, 29) >= timezone.localdate())
    assert Client.objects.visible_to(holder, on=date(2027, 9, 29), scope=Scope.REPORTS).exists()
    assert not Client.objects.visible_to(holder, on=date(2027, 9, 30), scope=Scope.REPORTS).exists()
    court = DossierAccess.objects.create(
        user=holder, client=adult, relationship=RelationshipType.MENTOR, basis_kind=BasisKind.COURT_DECISION
    )
    assert court.valid_until is None


def test_a_parent_of_a_client_aged_12_to_16_sees_content_only_after_the_clients_consent(personas, dossier_page):
    today = timezone.localdate()
    teenager = _client("R-TEEN", years_before(today, 13), personas.team)
    parent = _holder("ouder", mobile="+31655500006")
    access = grant(parent, teenager, RelationshipType.PARENT)
    ids = _dossier(teenager, parent)
    http = login_verified(HttpClient(raise_request_exception=False), parent)
    assert wrong_answers(http, parent, teenager, ids, {"appointments", "messages"}) == []
    access.client_consent_on = today
    access.save()
    http = login_verified(HttpClient(raise_request_exception=False), parent)
    assert wrong_answers(http, parent, teenager, ids, EVERYTHING) == []


def test_the_12th_and_16th_birthdays_change_a_parents_access_on_the_day(personas):
    born = date(2014, 6, 10)
    kid = _client("R-BDAY", born, personas.team)
    parent = _holder("ouder2", mobile="+31655500007")
    grant(parent, kid, RelationshipType.GUARDIAN, valid_from=date(2015, 1, 1))

    def scopes_on(day):
        return {scope for scope in Scope.values if Client.objects.visible_to(parent, on=day, scope=scope).exists()}

    assert scopes_on(date(2026, 6, 9)) == EVERYTHING
    assert scopes_on(date(2026, 6, 10)) == {"appointments", "messages"}
    assert scopes_on(date(2030, 6, 9)) == {"appointments", "messages"}
    assert scopes_on(date(2030, 6, 10)) == set()
    assert not Client.objects.visible_to(parent, on=date(2030, 6, 10)).exists()


def test_the_daily_age_check_ends_unconfirmed_parents_grants_at_16_and_tells_them_content_free(personas):
    born = date(2010, 2, 1)
    teen = _client("R-SIXTEEN", born, personas.team)
    parent = _holder("ouder3", mobile="+31655500008")
    confirmed_parent = _holder("ouder4", mobile="+31655500009")
    own = _holder("tiener", mobile="+31655500010")
    ended = grant(parent, teen, RelationshipType.PARENT, valid_from=date(2011, 1, 1))
    kept = grant(confirmed_parent, teen, RelationshipType.PARENT, valid_from=date(2011, 1, 1))
    DossierAccess.objects.filter(pk__in=[ended.pk, kept.pk]).update(client_consent_on=date(2023, 1, 1))
    DossierAccess.objects.filter(pk=kept.pk).update(confirmed_by_client_on=date(2026, 2, 1))
    grant(own, teen, RelationshipType.SELF, valid_from=date(2025, 1, 1))
    mail.outbox.clear()

    assert apply_age_rules(date(2026, 1, 31)) == []
    transitions = apply_age_rules(date(2026, 2, 1))

    assert [(t.grant.pk, t.notice) for t in transitions] == [(ended.pk, AgeNotice.ENDED_AT_16)]
    ended.refresh_from_db()
    kept.refresh_from_db()
    assert ended.valid_until == date(2026, 1, 31) and kept.valid_until is None
    assert {user.username for user in transitions[0].people_to_tell(date(2026, 2, 1))} == {"ouder3", "tiener"}
    entry = AccessLogEntry.objects.get(client=teen, object_type=ObjectType.DOSSIER_ACCESS)
    assert "beëindigd, de cliënt is 16" in entry.detail
    assert apply_age_rules(date(2026, 2, 2)) == []


def test_the_age_job_tells_parent_and_client_once_without_naming_anyone(personas):
    from accounts.tasks import apply_access_age_rules

    today = timezone.localdate()
    kid = _client("R-TWELVE", years_before(today, 12), personas.team)
    parent = _holder("ouder5", mobile="+31655500011")
    own = _holder("kind", mobile="+31655500012")
    grant(parent, kid, RelationshipType.PARENT)
    grant(own, kid, RelationshipType.SELF)
    mail.outbox.clear()
    SmsOutboxMessage.objects.all().delete()

    assert apply_access_age_rules.call(today.isoformat()) == 1
    assert apply_access_age_rules.call(today.isoformat()) == 0

    texts = [message.text for message in SmsOutboxMessage.objects.all()]
    assert len(texts) == 2 and len(mail.outbox) == 2
    for text in texts + [message.body for message in mail.outbox]:
        assert "toegang tot MijnDossier" in text or "wie een dossier in MijnDossier mag inzien" in text
        assert not {"Kim", "R-TWELVE", "ouder", "toestemming", "12"} & set(text.replace(",", " ").split())


def test_the_age_command_enqueues_the_daily_check(personas):
    from django.core.management import call_command

    teen = _client("R-CMD", date(2000, 1, 1), personas.team)
    parent = _holder("ouder6", mobile="+31655500013")
    grant(parent, teen, RelationshipType.PARENT, valid_from=date(2001, 1, 1))
    call_command("access_age_rules")
    assert DossierAccess.objects.get(user=parent).age_notice == AgeNotice.ENDED_AT_16


def test_the_profile_shows_type_scope_and_validity_of_each_grant(anna, personas):
    today = timezone.localdate()
    holder = _holder("naaste", first_name="Noor", last_name="Naaste", mobile="+31655500014")
    access = grant(holder, personas.client_a, RelationshipType.INFORMAL, valid_until=today + timedelta(days=30))
    access.scopes = ["appointments", "messages"]
    access.save()
    body = anna.get("/mijn-dossier/profiel/").content.decode()
    assert "Noor Naaste – familie of naaste" in body
    assert "Ziet: afspraken, berichten" in body
    assert "tot en met" in body and str(access.valid_until.year) in body


def test_staff_registering_or_ending_a_grant_is_in_the_clients_access_log(client, personas, dossier_page):
    login_verified(client, personas.dirk)
    holder = _holder("nieuw", first_name="Nina", last_name="Nieuw", mobile="+31655500015")
    grant(holder, personas.client_b, RelationshipType.INFORMAL)  # an account of Dirk's team, so he may choose it
    today = timezone.localdate()
    form = {
        "user": holder.pk,
        "client": personas.client_a.pk,
        "relationship": RelationshipType.CURATOR,
        "scopes": ["reports", "plans"],
        "basis_kind": BasisKind.COURT_DECISION,
        "basis_reference": "C/13/123456",
        "basis_date": "2026-01-05",
        "valid_from": today.isoformat(),
        "valid_until": "",
        "client_consent_on": "",
        "confirmed_by_client_on": "",
    }
    response = client.post("/admin/dossier/dossieraccess/create/", form)
    assert response.status_code == 302, response.context["form"].errors
    access = DossierAccess.objects.get(user=holder, client=personas.client_a)
    assert access.registered_by == personas.dirk and access.scopes == ["plans", "reports"]
    assert access.basis_reference == "C/13/123456"
    entry = AccessLogEntry.objects.filter(client=personas.client_a, object_type=ObjectType.DOSSIER_ACCESS).latest("pk")
    assert entry.detail.startswith("toegang vastgelegd: Nina Nieuw, curator: rapportages, cliëntplannen")

    form["valid_from"] = (today - timedelta(days=10)).isoformat()
    form["valid_until"] = (today - timedelta(days=1)).isoformat()
    response = client.post(f"/admin/dossier/dossieraccess/edit/{access.pk}/", form)
    assert response.status_code == 302
    entry = AccessLogEntry.objects.filter(client=personas.client_a, object_type=ObjectType.DOSSIER_ACCESS).latest("pk")
    assert entry.detail.startswith("toegang beëindigd: Nina Nieuw")

    anna = login_verified(HttpClient(), personas.anna)
    profile = anna.get("/mijn-dossier/profiel/").content.decode()
    assert "wijzigde uw dossiertoegang (toegang vastgelegd: Nina Nieuw, curator: rapportages" in profile
    assert "wijzigde uw dossiertoegang (toegang beëindigd: Nina Nieuw" in profile


def test_staff_cannot_give_a_type_more_than_the_law_allows_in_the_admin(client, personas, dossier_page):
    login_verified(client, personas.dirk)
    holder = _holder("bewind3", mobile="+31655500016")
    grant(holder, personas.client_b, RelationshipType.INFORMAL)
    form = {
        "user": holder.pk,
        "client": personas.client_a.pk,
        "relationship": RelationshipType.ADMINISTRATOR,
        "scopes": ["reports"],
        "basis_kind": BasisKind.COURT_DECISION,
        "valid_from": timezone.localdate().isoformat(),
    }
    response = client.post("/admin/dossier/dossieraccess/create/", form)
    assert response.status_code == 200
    assert "Een bewindvoerder mag dit niet krijgen: rapportages." in response.content.decode()
    assert not DossierAccess.objects.filter(user=holder, client=personas.client_a).exists()


def test_the_data_migration_keeps_every_grant_with_what_its_role_gave(personas):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("dossier.migrations.0008_grants_from_roles")
    old = {"anna": "client", "ben": "legal_representative"}
    for username, role in old.items():
        DossierAccess.objects.filter(user__username=username).update(relationship=role, scopes="")
    relative = _holder("verwant", mobile="+31655500017")
    grant(relative, personas.client_a, RelationshipType.INFORMAL)
    DossierAccess.objects.filter(user=relative).update(relationship="relative", scopes="")
    count = DossierAccess.objects.count()

    migration.forwards(apps, None)

    assert DossierAccess.objects.count() == count
    by_user = {access.user.username: access for access in DossierAccess.objects.select_related("user")}
    assert by_user["anna"].relationship == "self" and set(by_user["anna"].scopes) == EVERYTHING
    assert by_user["ben"].relationship == "mentor" and set(by_user["ben"].scopes) == EVERYTHING
    assert by_user["verwant"].relationship == "informal" and set(by_user["verwant"].scopes) == CONTENT_AND_CONTACT


def test_a_grant_without_messages_counts_no_unread_messages_on_the_dossier_pages(personas, adult):
    holder = _holder("zonderberichten", mobile="+31655500009")
    access = grant(holder, adult, RelationshipType.MENTOR)
    access.scopes = ["reports"]
    access.save()
    conversation_services.start_conversation(adult, personas.dirk, "Vraag", "Een bericht van het team")
    http = login_verified(HttpClient(), holder)
    response = http.get("/mijn-dossier/")
    assert response.status_code == 200
    assert response.context["client"].unread_messages == 0
