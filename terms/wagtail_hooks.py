"""The terms governance in the admin: only who may publish terms changes which terms are in force.

Everyone else submits a terms version to the "Voorwaarden publiceren" workflow;
every admin route that would publish, unpublish, delete, move or copy terms live
(or a page above them) is refused with a Dutch message.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.pages.revisions import RevisionsUnscheduleView
from wagtail.admin.viewsets.pages import PageViewSet

from .governance import (
    has_accepted_terms_in,
    is_terms_page,
    may_publish_terms,
    refuses_terms_change,
    refuses_terms_publication,
)
from .models import TermsPage

TERMS_REFUSAL = gettext_lazy(
    "Gebruikersvoorwaarden worden pas gepubliceerd na goedkeuring door Privacy/juridisch. Uw wijziging is "
    "bewaard als concept; kies ‘Ter goedkeuring aanbieden’ (Voorwaarden publiceren)."
)


def _refuse(request, page=None):
    messages.error(request, TERMS_REFUSAL)
    if page is not None and page.pk:
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect("wagtailadmin_explore_root")


@hooks.register("before_publish_page")
def refuse_publishing_terms(request, page):
    if refuses_terms_publication(request.user, [page]):
        if page.live and page.live_revision_id is None:
            # "Create and publish": the create view added the page as live; keep it as a draft.
            page.live = False
            page.has_unpublished_changes = True
            page.save(update_fields=["live", "has_unpublished_changes"], clean=False)
        return _refuse(request, page)


TERMS_CHANGE_REFUSAL = gettext_lazy(
    "Alleen Privacy/juridisch kan gebruikersvoorwaarden offline halen, verwijderen, verplaatsen of als "
    "gepubliceerde kopie of alias kopiëren. Dat geldt ook voor een pagina waaronder gebruikersvoorwaarden staan."
)
ACCEPTED_TERMS_REFUSAL = gettext_lazy(
    "Deze gebruiksvoorwaarden zijn al geaccepteerd door cliënten en worden daarom bewaard als bewijs van hun "
    "toestemming. Verwijderen kan niet, ook niet via een pagina erboven; publiceer zo nodig een nieuwe versie."
)


def _refuse_change(request, message=TERMS_CHANGE_REFUSAL, page=None):
    messages.error(request, message)
    if page is not None:
        return redirect("wagtailadmin_pages:edit", page.pk)
    return redirect("wagtailadmin_explore_root")


def _checked(request, name):
    return bool(request.POST.get(name))


@hooks.register("before_unpublish_page")
def refuse_unpublishing_terms(request, page):
    if refuses_terms_change(request.user, [page], include_descendants=_checked(request, "include_descendants")):
        return _refuse_change(request, page=page)


@hooks.register("before_delete_page")
def refuse_deleting_terms(request, page):
    if has_accepted_terms_in([page]):
        return _refuse_change(request, ACCEPTED_TERMS_REFUSAL, page)
    if refuses_terms_change(request.user, [page]):
        return _refuse_change(request, page=page)


@hooks.register("before_move_page")
def refuse_moving_terms(request, page, destination):
    if refuses_terms_change(request.user, [page]):
        return _refuse_change(request, page=page)


@hooks.register("before_copy_page")
def refuse_publishing_terms_copies(request, page):
    """A copy may be a draft (it then goes through the workflow); a published copy or an alias is live at once."""
    if request.method != "POST" or not (_checked(request, "publish_copies") or _checked(request, "alias")):
        return None
    if refuses_terms_change(request.user, [page], include_descendants=_checked(request, "copy_subpages")):
        return _refuse_change(request, page=page)


@hooks.register("before_bulk_action")
def refuse_bulk_actions_on_terms(request, action_type, objects, action_class_instance):
    if action_type == "delete" and has_accepted_terms_in(objects):
        return _refuse_change(request, ACCEPTED_TERMS_REFUSAL)
    if action_type in ("publish", "unpublish"):
        include_descendants = _checked(request, "include_descendants")
        if refuses_terms_change(request.user, objects, include_descendants=include_descendants):
            return _refuse(request) if action_type == "publish" else _refuse_change(request)
    if action_type in ("delete", "move") and refuses_terms_change(request.user, objects):
        return _refuse_change(request)


class TermsRevisionsUnscheduleView(RevisionsUnscheduleView):
    """Cancelling an approved, scheduled terms version is a publication decision too."""

    def dispatch(self, request, *args, **kwargs):
        if refuses_terms_publication(request.user, [self.object]):
            return _refuse_change(request, TERMS_REFUSAL, self.object)
        return super().dispatch(request, *args, **kwargs)


class TermsPageViewSet(PageViewSet):
    model = TermsPage
    revisions_unschedule_view_class = TermsRevisionsUnscheduleView


@hooks.register("register_admin_viewset")
def register_terms_page_viewset():
    return TermsPageViewSet("terms_pages")


@hooks.register("construct_page_action_menu")
def hide_terms_publish_actions(menu_items, request, context):
    """Show Communicatie "submit for approval" instead of "publish" on terms pages."""
    if may_publish_terms(request.user):
        return
    page = context.get("page")
    route = getattr(request, "resolver_match", None)
    creating_terms = (
        context.get("view") == "create"
        and route is not None
        and route.kwargs.get("content_type_app_name") == TermsPage._meta.app_label
        and route.kwargs.get("content_type_model_name") == TermsPage._meta.model_name
    )
    if creating_terms or is_terms_page(page):
        menu_items[:] = [item for item in menu_items if item.name not in ("action-publish", "action-unpublish")]
