"""The staff inbox in the Wagtail admin ("Berichten"), scoped with `managed_by(user)`.

Reading needs `conversations.view_conversation`; replying, notes, assigning and
closing need `conversations.change_conversation` (the Zorgmedewerker role has
both). Every query starts from `managed_by`, and the only filters are the
declared ones below (team, status, assigned to me): no query parameter reaches
the ORM as a lookup.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dossier.access_log import log_access
from dossier.models import AccessAction, ObjectType, Team

from . import alerts, services
from .forms import StaffMessageForm
from .models import Attachment, Conversation, ConversationStatus, Message, Notification, NotificationStatus

VIEW_PERMISSION = "conversations.view_conversation"
CHANGE_PERMISSION = "conversations.change_conversation"
PER_PAGE = 50


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _scoped(request, pk) -> Conversation:
    found = (
        Conversation.objects.managed_by(request.user)
        .select_related("client", "team", "assigned_to", "started_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _log(request, conversation, action, detail, object_type=ObjectType.CONVERSATION, object_id=None):
    log_access(
        request,
        action=action,
        object_type=object_type,
        client=conversation.client,
        object_id=object_id or conversation.pk,
        detail=detail,
    )


def _int(value):
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 12 else None


def index(request):
    _require(request, VIEW_PERMISSION)
    user = request.user
    teams = list(Team.objects.managed_by(user))
    team_id = _int(request.GET.get("team"))
    team = next((t for t in teams if t.pk == team_id), None)
    status = request.GET.get("status", ConversationStatus.OPEN)
    mine = request.GET.get("mij") == "1"
    queryset = (
        Conversation.objects.managed_by(user)
        .annotate_unread(user, portal=False)
        .select_related("client", "team", "assigned_to")
    )
    if team is not None:
        queryset = queryset.filter(team=team)
    if status in ConversationStatus.values:
        queryset = queryset.filter(status=status)
    else:
        status = ""
    if mine:
        queryset = queryset.filter(assigned_to=user)
    page_obj = Paginator(queryset, PER_PAGE).get_page(request.GET.get("p"))
    context = {
        "page_obj": page_obj,
        "teams": teams,
        "team": team,
        "status": status,
        "statuses": ConversationStatus.choices,
        "mine": mine,
        "overdue_before": alerts.working_days_before(timezone.localtime(), _response_days()),
        "failed_count": Notification.objects.managed_by(user).filter(status=NotificationStatus.FAILED).count(),
    }
    return TemplateResponse(request, "conversations/admin/index.html", context)


def _response_days():
    from django.conf import settings

    return settings.CONVERSATION_RESPONSE_WORKING_DAYS


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(
        label=gettext_lazy("Behandelaar"), queryset=None, required=False, empty_label=gettext_lazy("(niemand)")
    )

    def __init__(self, conversation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = (
            get_user_model().objects.filter(teams=conversation.team_id, is_active=True).order_by("first_name")
        )
        self.fields["assigned_to"].label_from_instance = lambda user: user.get_full_name() or user.username


def detail(request, pk):
    _require(request, VIEW_PERMISSION)
    conversation = _scoped(request, pk)
    can_change = request.user.has_perm(CHANGE_PERMISSION)
    form = StaffMessageForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        _require(request, CHANGE_PERMISSION)
        if form.is_valid():
            return _reply(request, conversation, form)
        status = 400
    thread = Message.objects.managed_by(request.user).filter(conversation=conversation).prefetch_related("attachments")
    paginator = Paginator(thread, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("p") or paginator.num_pages)
    _log(request, conversation, AccessAction.READ, _("gesprek in de beheeromgeving"))
    services.mark_read(conversation, request.user)
    context = {
        "conversation": conversation,
        "page_obj": page_obj,
        "form": form,
        "assign_form": AssignForm(conversation, initial={"assigned_to": conversation.assigned_to_id}),
        "can_change": can_change,
    }
    return TemplateResponse(request, "conversations/admin/detail.html", context, status=status)


def _reply(request, conversation, form):
    data = form.cleaned_data
    posted = services.reply(
        conversation,
        request.user,
        data["body"],
        key=data["key"],
        files=data["attachments"],
        from_care_team=True,
        is_internal=data["is_internal"],
    )
    what = _("interne notitie") if data["is_internal"] else _("antwoord")
    if posted.created:
        _log(request, conversation, AccessAction.CHANGE, what)
        messages.success(request, _("Het %(what)s is bewaard.") % {"what": what})
    else:
        messages.info(request, _("Dit bericht was al ontvangen; het is één keer bewaard."))
    return redirect("conversations_admin:detail", conversation.pk)


@require_POST
def assign(request, pk):
    _require(request, CHANGE_PERMISSION)
    conversation = _scoped(request, pk)
    form = AssignForm(conversation, request.POST)
    if form.is_valid():
        staff_member = form.cleaned_data["assigned_to"]
        services.assign(conversation, staff_member)
        who = (staff_member.get_full_name() or staff_member.username) if staff_member else _("niemand")
        _log(request, conversation, AccessAction.CHANGE, _("toegewezen aan %(who)s") % {"who": who})
        messages.success(request, _("Het gesprek is toegewezen aan %(who)s.") % {"who": who})
    else:
        messages.error(request, _("Kies een medewerker van het team; er is niets gewijzigd."))
    return redirect("conversations_admin:detail", conversation.pk)


@require_POST
def set_status(request, pk):
    _require(request, CHANGE_PERMISSION)
    conversation = _scoped(request, pk)
    status = request.POST.get("status")
    if status not in ConversationStatus.values:
        messages.error(request, _("Onbekende status; er is niets gewijzigd."))
    else:
        services.set_status(conversation, status)
        label = ConversationStatus(status).label
        _log(request, conversation, AccessAction.CHANGE, _("status: %(status)s") % {"status": label})
        messages.success(request, _("Het gesprek is nu %(status)s.") % {"status": label})
    return redirect("conversations_admin:detail", conversation.pk)


def attachment(request, pk):
    _require(request, VIEW_PERMISSION)
    found = (
        Attachment.objects.managed_by(request.user)
        .select_related("message__conversation__client")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    conversation = found.message.conversation
    _log(request, conversation, AccessAction.DOWNLOAD, _("bijlage in de beheeromgeving"), "message_attachment", pk)
    return FileResponse(
        handle, as_attachment=True, filename=found.original_name, content_type="application/octet-stream"
    )


def failed_notifications(request):
    """Notifications that could not be delivered (after every retry), for the conversations staff manage."""
    _require(request, VIEW_PERMISSION)
    queryset = (
        Notification.objects.managed_by(request.user)
        .filter(status=NotificationStatus.FAILED)
        .select_related("recipient", "conversation__client")
    )
    page_obj = Paginator(queryset, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "conversations/admin/failed_notifications.html", {"page_obj": page_obj})
