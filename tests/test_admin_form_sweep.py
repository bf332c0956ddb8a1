"""Every create, edit and delete form the admin offers, posted by every staff role with valid and invalid data.

The modeladmin screens are found through wagtail-modeladmin's registry; the
form data is read from the rendered form, so a new field is covered without
touching this test. Valid data is the form as rendered (for create: the edit
form of an existing object); invalid data replaces every value with hostile
text. None of it may be a 500.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client as HttpClient
from wagtail.models import Page

from dossier.factories import make_agreement, make_appointment, make_evaluation, make_plan, make_report
from dossier.models import AccessLogEntry, Client, DossierAccess
from ecd_import.models import ImportRun, ImportTrigger, SourceSystem
from home.application import ApplicationSubmission
from tests.helpers import project_modeladmins
from tests.personas import login_verified, make_user

HOSTILE = "\x00<script>alert(1)</script>=cmd|' /C calc'!A0 " + "x" * 300


class FormFields(HTMLParser):
    """The name/value pairs a browser would submit from the page's main form (the one with a csrf token)."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea, self._in_form = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form or "name" not in a and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file", "image"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(a["name"], a.get("value", "on" if a.get("type") == "checkbox" else ""))
        elif tag == "select":
            self._select = a["name"]
            self.data.setdefault(a["name"], "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data.setdefault(a["name"], "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def form_data(response):
    parser = FormFields()
    parser.feed(response.content.decode())
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


def hostile(data):
    return dict.fromkeys(data, HOSTILE)


@pytest.fixture
def world(personas):
    beheerder = make_user("beheerder", mobile="+31688888888", is_staff=True, is_superuser=True)
    objects = {personas.client_a, personas.anna}
    objects |= {make_report(personas.client_a), make_plan(personas.client_a), make_evaluation(personas.client_a)}
    objects |= {make_agreement(personas.client_a), make_appointment(personas.client_a)}
    objects |= set(DossierAccess.objects.filter(client=personas.client_a)) | set(
        personas.client_a.care_team_memberships.all()
    )
    objects.add(AccessLogEntry.objects.create(user=personas.anna, client=personas.client_a, object_type="x"))
    source = SourceSystem.objects.create(name="ecd-linde")
    objects |= {source, ImportRun.objects.create(source=source, trigger=ImportTrigger.API)}
    objects.add(ApplicationSubmission.objects.create(page=Page.get_first_root_node(), form_data={"naam": "Iemand"}))
    users = {"communicatie": personas.eva, "privacy": personas.frank, "zorgmedewerker": personas.dirk}
    users["beheerder"] = beheerder
    return users, objects


@pytest.mark.parametrize("role", ["communicatie", "privacy", "zorgmedewerker", "beheerder"])
def test_no_admin_form_is_a_500_for_any_staff_role_with_valid_or_invalid_data(world, role):
    from backoffice.models import PortalAccount

    users, objects = world
    instances = {type(o): o for o in objects}
    instances[PortalAccount] = PortalAccount.objects.get(pk=next(o for o in objects if type(o).__name__ == "User").pk)
    http = login_verified(HttpClient(raise_request_exception=False), users[role])
    wrong = []

    def check(method, url, data=None):
        response = http.post(url, data) if method == "post" else http.get(url)
        if response.status_code >= 500:
            wrong.append(f"{method.upper()} {url} {sorted(data or {})} -> {response.status_code}")
        return response

    for admin_class in project_modeladmins():
        admin = admin_class()
        model = admin.model
        instance = instances.get(model)
        create_url = admin.url_helper.get_action_url("create")
        create_form = check("get", create_url)
        edit_data = {}
        if instance is not None:
            edit_url = admin.url_helper.get_action_url("edit", instance.pk)
            edit_page = check("get", edit_url)
            if edit_page.status_code == 200:
                edit_data = form_data(edit_page)
                check("post", edit_url, hostile(edit_data))
                check("post", edit_url, edit_data)
            delete_url = admin.url_helper.get_action_url("delete", instance.pk)
            check("get", delete_url)
        if create_form.status_code == 200:
            blank = form_data(create_form)
            check("post", create_url, blank)
            check("post", create_url, hostile(blank))
            check("post", create_url, {**blank, **edit_data})
    if role == "beheerder":
        # Deleting a client (which must leave its access-log rows unchanged) has its own tests with the deletion.
        for admin_class in project_modeladmins():
            if admin_class.model in instances and admin_class.model is not Client:
                check("post", admin_class().url_helper.get_action_url("delete", instances[admin_class.model].pk), {})
    assert not wrong, "\n".join(wrong)
