"""The staff roles (Django groups with Wagtail permissions); Privacy approves the terms.

`setup_roles()` is idempotent and runs after every `migrate` (see apps.py), from
`load_demo` and from `manage.py setup_roles`. It adds what is missing and
removes nothing, so permissions an administrator adds by hand survive.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from terms.governance import attach_terms_governance, terms_workflow
from terms.models import TermsPage

COMMUNICATIE = "Communicatie"
PRIVACY = "Privacy/juridisch"
ZORGMEDEWERKER = "Zorgmedewerker"
BEHEERDER = "Beheerder"

# Wagtail's migrations create the site-wide page workflow and its task with an English name.
DEFAULT_WORKFLOW_NAMES = {"Moderators approval": "Goedkeuring door moderatoren"}

DOSSIER_RECORDS = ["report", "clientplan", "evaluation", "careagreement", "appointment"]

# Model permissions per role, as "app_label.codename". Missing ones (an app not
# migrated yet) are skipped, so the setup can run at any stage.
MODEL_PERMISSIONS = {
    COMMUNICATIE: [
        "wagtailadmin.access_admin",
        "home.change_organisationsettings",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
    PRIVACY: [
        "wagtailadmin.access_admin",
        "terms.publish_terms",
        "terms.view_terms_report",
        "dossier.view_accesslogentry",
    ],
    ZORGMEDEWERKER: [
        "wagtailadmin.access_admin",
        "dossier.view_client",
        "dossier.change_client",
        *[f"dossier.{action}_{model}" for model in DOSSIER_RECORDS for action in ("add", "change", "delete", "view")],
        *[
            f"dossier.{action}_{model}"
            for model in ("dossieraccess", "careteammembership")
            for action in ("add", "change", "delete", "view")
        ],
        "backoffice.add_portalaccount",
        "backoffice.change_portalaccount",
        "backoffice.view_portalaccount",
        "backoffice.deactivate_portalaccount",
        "backoffice.reset_second_factor_portalaccount",
        "home.view_applicationsubmission",
        "home.change_applicationsubmission",
        "conversations.view_conversation",
        "conversations.change_conversation",
    ],
}

# Page permissions on the whole tree (granted on the root page).
PAGE_PERMISSIONS = {
    COMMUNICATIE: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    BEHEERDER: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}

COLLECTION_PERMISSIONS = {
    COMMUNICATIE: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    BEHEERDER: [
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
        "add_collection",
        "change_collection",
        "delete_collection",
    ],
}


def _permissions(names):
    wanted = {tuple(name.split(".", 1)) for name in names}
    perms = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted}, codename__in={code for _, code in wanted}
    ).select_related("content_type")
    return [p for p in perms if (p.content_type.app_label, p.codename) in wanted]


def _page_permissions(codenames):
    from wagtail.models import get_default_page_content_type

    return Permission.objects.filter(content_type=get_default_page_content_type(), codename__in=codenames)


@transaction.atomic
def setup_roles():
    """Create or complete the four staff groups, their permissions and the terms workflow."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (COMMUNICATIE, PRIVACY, ZORGMEDEWERKER)}
    groups[BEHEERDER] = Group.objects.get_or_create(name=BEHEERDER)[0]

    for name, perm_names in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*_permissions(perm_names))
    # Beheerder: everything, including permissions of apps migrated later (next run).
    groups[BEHEERDER].permissions.add(*Permission.objects.all())

    root = Page.get_first_root_node()
    if root is not None:
        for name, codenames in PAGE_PERMISSIONS.items():
            for permission in _page_permissions(codenames):
                GroupPagePermission.objects.get_or_create(group=groups[name], page=root, permission=permission)

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for name, codenames in COLLECTION_PERMISSIONS.items():
            for permission in Permission.objects.filter(
                content_type__app_label__in=["wagtailimages", "wagtaildocs", "wagtailcore"], codename__in=codenames
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root_collection, permission=permission
                )

    name_default_workflow_in_dutch()
    workflow = terms_workflow(approvers=groups[PRIVACY])
    for page in TermsPage.objects.all():
        attach_terms_governance(page, workflow)
    return groups


def name_default_workflow_in_dutch():
    """Rename Wagtail's default workflow and task; a name an administrator chose is left alone."""
    from wagtail.models import Task, Workflow

    for english, dutch in DEFAULT_WORKFLOW_NAMES.items():
        Workflow.objects.filter(name=english).update(name=dutch)
        Task.objects.filter(name=english).update(name=dutch)
