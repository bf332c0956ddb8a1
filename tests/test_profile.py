from datetime import timedelta

from django.utils import timezone

from dossier.models import AccessAction, AccessLogEntry, CareTeamMembership, RelationshipType
from tests.personas import grant, make_user

URL = "/mijn-dossier/profiel/"


def test_the_profile_shows_personal_and_contact_details(anna, personas):
    personas.client_a.street = "Lindelaan 4"
    personas.client_a.city = "Zonnedal"
    personas.client_a.save()
    body = anna.get(URL).content.decode()
    assert "Anna Jansen" in body
    assert "100001" in body
    assert "Lindelaan 4" in body
    assert "Dirk de Vries" in body  # personal counsellor


def test_who_has_access_today_lists_care_team_and_portal_accounts_with_their_role(anna, personas):
    today = timezone.localdate()
    ended = make_user("oud", first_name="Olga", last_name="Oud", mobile="+31677777777", is_staff=True)
    CareTeamMembership.objects.create(
        staff_member=ended,
        client=personas.client_a,
        role="Invalkracht",
        valid_from=today - timedelta(days=90),
        valid_until=today - timedelta(days=1),
    )
    later = make_user("later", first_name="Lex", last_name="Later", mobile="+31688888888")
    grant(later, personas.client_a, RelationshipType.INFORMAL, valid_from=today + timedelta(days=1))
    body = anna.get(URL).content.decode()
    assert "Wie heeft er vandaag toegang tot mijn dossier?" in body
    assert "Dirk de Vries – Persoonlijk begeleider" in body
    assert "Ben Bakker – mentor" in body
    assert "Anna Jansen – cliënt" in body
    assert "Olga Oud" not in body
    assert "Lex Later" not in body


def _entry(client, who, days_ago, object_type="reports"):
    return AccessLogEntry.objects.create(
        action=AccessAction.READ,
        client=client,
        user_display=who,
        object_type=object_type,
        occurred_at=timezone.now() - timedelta(days=days_ago),
    )


def test_the_dossiers_access_log_is_listed_chronologically_with_a_period_filter(anna, personas):
    old = _entry(personas.client_a, "Ben Bakker", 100)
    recent = _entry(personas.client_a, "Ben Bakker", 2, "evaluations")
    _entry(personas.client_c, "Carla Smit", 0)
    entries = list(anna.get(URL).context["page_obj"])
    assert recent in entries and old not in entries
    assert entries == sorted(entries, key=lambda e: e.occurred_at, reverse=True)
    assert all(e.client_id == personas.client_a.pk for e in entries)
    response = anna.get(URL, {"periode": "jaar"})
    assert old in list(response.context["page_obj"])
    assert "Carla Smit" not in response.content.decode()


def test_viewing_the_profile_is_itself_logged_and_shown(anna, personas):
    anna.get(URL)
    body = anna.get(URL).content.decode()
    assert AccessLogEntry.objects.filter(object_type="profile", user=personas.anna).count() == 2
    assert "profiel en toegangslog" in body


def _logged(user, client, action, object_type, **extra):
    from django.test import RequestFactory

    from dossier.access_log import log_access

    request = RequestFactory().get("/")
    request.user = user
    return log_access(request, action=action, object_type=object_type, client=client, **extra)


def test_the_own_log_says_in_plain_dutch_who_read_which_records_of_which_period(anna, personas):
    from datetime import date

    from dossier.models import ObjectType
    from dossier_pages.periods import Period

    year = timezone.localdate().year
    week = Period("custom", "", date(year, 10, 1), date(year, 10, 7))
    _logged(personas.dirk, personas.client_a, AccessAction.READ, ObjectType.REPORTS, period=week)
    body = anna.get(URL, {"periode": "jaar"}).content.decode()
    assert "Dirk de Vries (persoonlijk begeleider, team De Linde) las uw rapportages van 1 t/m 7 oktober" in body
    assert "U bekeek uw profiel en toegangslog" in body


def test_another_portal_users_refused_attempt_is_shown_without_their_name(anna, personas):
    from dossier.models import AccessOutcome, ObjectType

    _logged(
        personas.carla,
        personas.client_a,
        AccessAction.DOWNLOAD,
        ObjectType.CLIENT_PLAN,
        outcome=AccessOutcome.DENIED,
        object_id="12",
    )
    body = anna.get(URL).content.decode()
    assert "Iemand zonder toegang probeerde uw cliëntplan te downloaden" in body
    assert "Carla Smit" not in body
    assert "Carla" not in body


def test_mijn_profiel_links_to_password_change_the_second_login_step_and_the_sessions(anna):
    body = anna.get(URL).content.decode()
    assert 'href="/account/wachtwoord-wijzigen/"' in body
    assert 'href="/account/profiel/#second-factor-title"' in body
    assert 'href="/account/profiel/#sessions-title"' in body


def test_mijn_profiel_shows_the_login_accounts_own_contact_details_apart_from_the_clients(anna, personas):
    personas.client_a.email = "dossier@example.org"
    personas.client_a.save()
    personas.anna.email = "anna.login@example.org"
    personas.anna.save()
    body = anna.get(URL).content.decode()
    assert "Uw inloggegevens" in body
    assert "anna.login@example.org" in body
    assert "••••••••••22" in body
    assert "+31622222222" not in body
    assert "Gegevens in het zorgdossier" in body
    assert "dossier@example.org" in body
