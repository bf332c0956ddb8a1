"""Who may change which terms are in force, and the approval workflow that publishes them.

Publishing terms changes what every client must accept, so only who holds
`terms.publish_terms` (the Privacy group, or a superuser) publishes them,
normally by approving the "Voorwaarden publiceren" workflow. Everyone else
(Communicatie) edits the text and submits it for approval. Which group
approves is the staff roles' decision (`backoffice.roles`); this module gives
that group's members the page permissions they need on every terms page.
"""

from django.db.models import Q

from .models import TermsAcceptance, TermsPage

TERMS_WORKFLOW = "Voorwaarden publiceren"
TERMS_TASK = "Goedkeuring Privacy/juridisch"
# Page permissions the approving groups get on each terms page.
APPROVER_PAGE_PERMISSIONS = ["change_page", "publish_page", "unlock_page"]


def may_publish_terms(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("terms.publish_terms"))


def is_terms_page(page) -> bool:
    return page is not None and issubclass(page.specific_class or type(page), TermsPage)


def refuses_terms_publication(user, pages) -> bool:
    return not may_publish_terms(user) and any(is_terms_page(page) for page in pages)


def terms_pages_in(pages, *, include_descendants=True):
    """The terms pages among `pages` and, with `include_descendants`, below them."""
    in_tree = Q()
    for page in pages:
        in_tree |= Q(path__startswith=page.path) if include_descendants else Q(pk=page.pk)
    return TermsPage.objects.filter(in_tree) if in_tree else TermsPage.objects.none()


def refuses_terms_change(user, pages, *, include_descendants=True) -> bool:
    """Whether `user` would change which terms are live (or where) by acting on `pages`.

    Unpublishing, deleting, moving or copying a page acts on its descendants
    too, so a page above a terms version is governed like the terms themselves.
    """
    return not may_publish_terms(user) and terms_pages_in(pages, include_descendants=include_descendants).exists()


def has_accepted_terms_in(pages) -> bool:
    """Terms a client accepted are the proof of that consent: nobody deletes them, or a page above them."""
    accepted = TermsAcceptance.objects.values("terms_page_id")
    return terms_pages_in(pages).filter(pk__in=accepted).exists()


def terms_workflow(approvers):
    """The "Voorwaarden publiceren" workflow with its single approval task for the group `approvers`."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    task = GroupApprovalTask.objects.filter(name=TERMS_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TERMS_TASK)
    task.groups.add(approvers)
    workflow, _ = Workflow.objects.get_or_create(name=TERMS_WORKFLOW)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def attach_terms_governance(page, workflow=None):
    """Put a terms page under the approval workflow and give its approvers their page permissions.

    Called for every new terms page (signals.py) and for all of them when the
    roles are set up; the workflow is assigned to the page itself so the rest
    of the site keeps its own workflow. Before the roles exist there is no
    workflow yet, and setting them up attaches it to every terms page.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, get_default_page_content_type

    workflow = workflow or Workflow.objects.filter(name=TERMS_WORKFLOW).first()
    if workflow is None:
        return
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    approvers = Group.objects.filter(groupapprovaltask__workflow_tasks__workflow=workflow).distinct()
    permissions = Permission.objects.filter(
        content_type=get_default_page_content_type(), codename__in=APPROVER_PAGE_PERMISSIONS
    )
    for group in approvers:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
