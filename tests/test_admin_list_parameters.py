"""Admin lists accept only their declared filters, search, ordering, paging and export parameters.

Every list URL of the admin is found through the URL resolver (modeladmin
index views, Wagtail's listing views and the project's own list screens), then
requested by every staff role with relation-spanning lookups that would answer
questions about secrets if they reached the ORM. The rows shown must stay the
rows shown without them, and nothing may be a 500.
"""

import pytest
from django.contrib.auth.models import Group
from django.db.models import Model
from django.test import Client as HttpClient
from django.urls import URLResolver, get_resolver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.models import Page

from accounts.models import UserSession
from backoffice import roles
from backoffice.admin_lists import StrictIndexView
from dossier.factories import make_agreement, make_appointment, make_evaluation, make_plan, make_report
from dossier.models import AccessLogEntry
from ecd_import.models import ImportRun, ImportTrigger, SourceSystem
from home.application import ApplicationSubmission
from terms.acceptance import accept_current_terms
from tests.helpers import MODELADMIN_PACKAGES, project_modeladmins
from tests.personas import login_verified, make_user

PROJECT_PACKAGES = MODELADMIN_PACKAGES
NOT_LISTS = {"/admin/login/", "/admin/backoffice/portalaccount/create/"}
STAFF_ROLES = ("communicatie", "privacy", "zorgmedewerker", "beheerder")

NO_MATCH = "zz-geen-treffer"
HOSTILE_PARAMETERS = [
    ("foo", "1"),
    ("id__in", "-1"),
    ("user__password__startswith", NO_MATCH),
    ("user__portal_sessions__session_key__startswith", NO_MATCH),
    ("portal_sessions__session_key__startswith", NO_MATCH),
    ("user__totpdevice__key__startswith", NO_MATCH),
    ("user__staticdevice__token_set__token__startswith", NO_MATCH),
    ("source__token_hash__startswith", NO_MATCH),
    ("client__reports__text__icontains", NO_MATCH),
    ("text__icontains", NO_MATCH),
    ("team__members__groups__permissions__group__user__username", NO_MATCH),
    ("client__team__members__portal_sessions__session_key__startswith", NO_MATCH),
    ("processed_by__password__startswith", NO_MATCH),
]


def admin_list_paths() -> list[str]:
    """Every parameterless admin URL whose view is a list: modeladmin, Wagtail listings, the project's own."""
    paths = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            route = prefix + str(pattern.pattern)
            path = "/" + route.replace("^", "").replace("$", "")
            if not route.startswith("admin/") or any(c in path for c in "<(\\*.?+[]"):
                continue
            callback = pattern.callback
            view_class = getattr(callback, "view_class", None)
            module = (getattr(view_class, "__module__", None) or callback.__module__).split(".")[0]
            if (
                getattr(callback, "__name__", "") == "index_view"
                or (view_class is not None and issubclass(view_class, BaseListingView))
                or (module in PROJECT_PACKAGES and path not in NOT_LISTS)
            ):
                paths.add(path)

    walk(get_resolver().url_patterns)
    return sorted(paths)


def modeladmin_list_paths() -> set[str]:
    return {f"/admin/{c.model._meta.app_label}/{c.model._meta.model_name}/" for c in project_modeladmins()}


def test_the_list_sweep_finds_the_modeladmin_lists_and_our_own_screens():
    paths = admin_list_paths()
    for expected in (
        "/admin/dossier/client/",
        "/admin/dossier/report/",
        "/admin/dossier/accesslogentry/",
        "/admin/backoffice/portalaccount/",
        "/admin/ecd_import/sourcesystem/",
        "/admin/ondertekeningen/",
        "/admin/users/",
        "/admin/reports/site-history/",
    ):
        assert expected in paths


def test_every_modeladmin_list_is_a_strict_list():
    project = project_modeladmins()
    assert len(project) >= 13
    for model_admin in project:
        assert issubclass(model_admin.index_view_class, StrictIndexView), model_admin


@pytest.fixture
def world(personas):
    beheerder = make_user("beheerder", mobile="+31688888888", is_staff=True, is_superuser=True)
    beheerder.groups.add(Group.objects.get_or_create(name=roles.BEHEERDER)[0])
    UserSession.objects.create(user=beheerder)
    TOTPDevice.objects.create(user=beheerder, name="app", confirmed=True)
    StaticDevice.objects.create(user=beheerder, name="backup").token_set.create(token="abcdef12")
    for client in (personas.client_a, personas.client_c):
        make_report(client)
        make_plan(client)
        make_evaluation(client)
        make_agreement(client)
        make_appointment(client)
    AccessLogEntry.objects.create(user=personas.anna, client=personas.client_a, object_type="rapportage")
    source = SourceSystem.objects.create(name="ecd-linde")
    source.issue_token()
    ImportRun.objects.create(source=source, trigger=ImportTrigger.API)
    ApplicationSubmission.objects.create(page=Page.get_first_root_node(), form_data={"naam": "Iemand"})
    users = {
        "communicatie": personas.eva,
        "privacy": personas.frank,
        "zorgmedewerker": personas.dirk,
        "beheerder": beheerder,
    }
    for user in users.values():
        accept_current_terms(user)
    return users


def _rows(response):
    """What the list shows: the objects in its listing, in order; None for a page without a listing."""
    context = response.context
    if context is None:
        return None
    for key in ("object_list", "page_obj", "attempts", "rows", "plans", "requests"):
        if key in context:
            items = context[key]
            return [(type(i).__name__, i.pk) if isinstance(i, Model) else repr(i) for i in items]
    return None


def _outcome(response):
    if response.status_code in (301, 302, 303, 307, 308):
        return response.status_code, response["Location"]
    return response.status_code, _rows(response)


def _same_list(path, baseline, outcome):
    """The same rows, or a redirect to the same list without the parameter (the modeladmin lists)."""
    return outcome == baseline or (baseline[0] == 200 and outcome == (302, path))


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_no_staff_role_can_filter_an_admin_list_on_secrets_or_other_teams_data(world, role):
    """All lookups in one request per list (any one applied would empty the list or be a 500), then one by one."""
    http = login_verified(HttpClient(raise_request_exception=False), world[role])
    wrong = []
    for path in admin_list_paths():
        baseline = _outcome(http.get(path))
        if baseline[0] == 500:
            wrong.append(f"{path} -> 500 without parameters")
            continue
        if role == "beheerder" and path in modeladmin_list_paths() and baseline[1] == []:
            wrong.append(f"{path} shows no rows for {role}: the sweep needs data there")
        for query in (HOSTILE_PARAMETERS, [("foo", "1")]):
            response = http.get(path, dict(query))
            outcome = _outcome(response)
            if response.status_code == 500:
                wrong.append(f"{path} with {query} -> 500")
            elif not _same_list(path, baseline, outcome):
                wrong.append(f"{path} with {query} -> {outcome!r}, without {baseline!r}")
    assert not wrong, "\n".join(wrong)


def test_a_care_worker_cannot_filter_clients_on_session_keys(client, personas):
    login_verified(client, personas.dirk)
    response = client.get(
        "/admin/dossier/client/", {"team__members__portal_sessions__session_key__startswith": "x"}, follow=True
    )
    assert response.redirect_chain == [("/admin/dossier/client/", 302)]
    assert [c.pk for c in response.context["object_list"]] == [personas.client_b.pk, personas.client_a.pk]
    assert "Niet toegestaan in deze lijst en genegeerd" in response.content.decode()


def test_an_unknown_parameter_is_named_in_a_dutch_warning_and_not_carried_into_links(client, personas):
    login_verified(client, personas.dirk)
    response = client.get("/admin/dossier/client/", {"foo": "1", "q": "Jansen"}, follow=True)
    body = response.content.decode()
    assert response.redirect_chain == [("/admin/dossier/client/?q=Jansen", 302)]
    assert "genegeerd: foo" in body
    assert "foo=1" not in body
    assert [c.pk for c in response.context["object_list"]] == [personas.client_a.pk]


def test_a_declared_filter_with_a_value_it_cannot_use_gives_the_unfiltered_list_with_a_message(client, personas):
    login_verified(client, personas.dirk)
    response = client.get("/admin/dossier/client/", {"team__id__exact": "abc"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/dossier/client/"
    assert "Dit filter kan niet worden toegepast" in response.content.decode()


def test_the_declared_filters_still_filter(client, personas):
    login_verified(client, personas.dirk)
    make_report(personas.client_a)
    make_report(personas.client_b)
    response = client.get("/admin/dossier/report/", {"client__team__id__exact": personas.team.pk})
    assert len(response.context["object_list"]) == 2
    response = client.get("/admin/dossier/report/", {"client__team__id__exact": personas.other_team.pk})
    assert len(response.context["object_list"]) == 0
