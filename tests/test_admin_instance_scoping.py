"""Every modeladmin we register keeps a care worker out of another team's objects on every instance URL.

Wagtail's listings scope `get_queryset`, but instance views (edit, delete,
inspect, history) may look objects up through the default manager. This walks
the registry itself, so a new ModelAdmin without an entry below fails here.
"""

from datetime import date

import pytest
from django.utils import timezone
from wagtail_modeladmin.options import ModelAdmin

from dossier.models import CareTeamMembership
from tests.helpers import records_for
from tests.personas import login_verified

PROJECT_APPS = {"backoffice", "ecd_import"}
ACTIONS = ("edit", "delete", "inspect", "history")


def registered_modeladmins():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted(
        {c for c in subclasses(ModelAdmin) if c.__module__.split(".")[0] in PROJECT_APPS and c.model},
        key=lambda c: c.__name__,
    )


def other_team_objects(personas):
    """Per model label: an object of team Het Anker (client C), which care worker Dirk (De Linde) does not manage."""
    records = records_for(personas.client_c)
    membership = CareTeamMembership.objects.create(
        staff_member=personas.eva, client=personas.client_c, role="Begeleider", valid_from=date(2026, 1, 1)
    )
    return {
        "dossier.client": personas.client_c,
        "backoffice.portalaccount": personas.carla,
        "dossier.dossieraccess": personas.carla.dossier_accesses.get(client=personas.client_c),
        "dossier.careteammembership": membership,
        **{f"dossier.{name}": record for name, record in records.items()},
    }


# Objects that belong to no team: a care worker has no permission for them at all (refused, never shown) ...
NOT_FOR_CARE_WORKERS = {"dossier.accesslogentry", "ecd_import.importrun", "ecd_import.sourcesystem"}
# ... or, for applications, sees all of them by design: they reach a team only when an account is made.
SHARED_BY_ALL_CARE_WORKERS = {"home.applicationsubmission"}


def make_teamless_object(label):
    from dossier.models import AccessLogEntry
    from ecd_import.models import ImportRun, ImportTrigger, SourceSystem

    if label == "dossier.accesslogentry":
        return AccessLogEntry.objects.create(object_type="rapportage", occurred_at=timezone.now())
    source = SourceSystem.objects.create(name="ecd-anker")
    if label == "ecd_import.sourcesystem":
        return source
    return ImportRun.objects.create(source=source, trigger=ImportTrigger.API)


@pytest.fixture
def dirk(client, personas):
    return login_verified(client, personas.dirk)


def test_every_registered_modeladmin_is_covered_by_this_sweep(personas):
    labels = {admin.model._meta.label_lower for admin in registered_modeladmins()}
    covered = set(other_team_objects(personas)) | NOT_FOR_CARE_WORKERS | SHARED_BY_ALL_CARE_WORKERS
    assert len(labels) >= 10
    assert labels <= covered, labels - covered


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("admin", registered_modeladmins(), ids=lambda admin: admin.__name__)
def test_a_care_worker_never_reaches_another_teams_object_through_a_modeladmin_instance_url(
    dirk, personas, admin, action
):
    label = admin.model._meta.label_lower
    if label in SHARED_BY_ALL_CARE_WORKERS:
        pytest.skip("applications belong to no team yet; every care worker processes them")
    opts = admin.model._meta
    obj = make_teamless_object(label) if label in NOT_FOR_CARE_WORKERS else other_team_objects(personas)[label]
    url = f"/admin/{opts.app_label}/{opts.model_name}/{action}/{obj.pk}/"

    response = dirk.get(url)
    posted = dirk.post(url, {})

    if label in NOT_FOR_CARE_WORKERS:
        for answer in (response, posted):
            assert answer.status_code in (302, 403, 404), url
            if answer.status_code == 302:
                assert answer["Location"] == "/admin/", "Wagtail's refusal, not a saved form or a lost session"
        assert type(obj).objects.filter(pk=obj.pk).exists()
    else:
        assert response.status_code == 404, url
        assert posted.status_code in (404, 405), url
        assert type(obj)._default_manager.filter(pk=obj.pk).exists()
