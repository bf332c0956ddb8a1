"""The "Berichten" section of MijnDossier, served through DossierPage routes.

`DossierPage.serve` has already checked the login and picked the client. Every
read goes through `visible_to(user, client)` and is written to the access log.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dossier.access_log import log_access
from dossier.models import AccessAction, AccessOutcome, Client, ObjectType

from . import notifications, services
from .forms import MessageForm, PreferenceForm, StartForm
from .models import Attachment, Conversation, Message

SECTION = "conversations"
PER_PAGE = 50
RECEIVED = gettext_lazy("Uw bericht was al ontvangen; het is één keer bewaard.")


def response_time_text() -> str:
    days = settings.CONVERSATION_RESPONSE_WORKING_DAYS
    return _("U krijgt meestal binnen %(days)s werkdagen antwoord.") % {"days": days}


def _context(extra=None):
    return {"response_time": response_time_text(), **(extra or {})}


def _deny(request, client, model, pk, object_type, action=AccessAction.READ):
    """Log the refused request against the owner's dossier and answer 404 (also when it does not exist)."""
    lookup = {"conversation": "client_id", "message_attachment": "message__conversation__client_id"}[object_type]
    owner_id = model.objects.filter(pk=pk).values_list(lookup, flat=True).first()
    log_access(
        request,
        action=action,
        object_type=object_type,
        client=Client.objects.filter(pk=owner_id).first() if owner_id else None,
        object_id=pk,
        outcome=AccessOutcome.DENIED,
        detail=_("Niet in het geopende dossier (%(number)s)") % {"number": client.client_number},
    )
    raise Http404


def conversation_list(request, page, client):
    user = request.user
    conversations = (
        Conversation.objects.visible_to(user, client).annotate_unread(user, portal=True).select_related("started_by")
    )
    log_access(request, action=AccessAction.READ, object_type=ObjectType.CONVERSATIONS, client=client)
    page_obj = Paginator(conversations, PER_PAGE).get_page(request.GET.get("pagina"))
    preference = PreferenceForm(initial={"channel": notifications.preference_of(user)})
    context = _context({"page_obj": page_obj, "preference_form": preference})
    return page.render_section(request, client, "conversations/portal/list.html", SECTION, context)


def start(request, page, client):
    form = StartForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        posted = services.start_conversation(
            client, request.user, data["subject"], data["body"], key=data["key"], files=data["attachments"]
        )
        conversation = posted.message.conversation
        log_access(
            request,
            action=AccessAction.CHANGE,
            object_type=ObjectType.CONVERSATION,
            client=client,
            object_id=conversation.pk,
            detail=_("gesprek gestart") if posted.created else _("herhaald verzoek, al ontvangen"),
        )
        messages.success(request, _("Uw bericht is verstuurd. ") + response_time_text() if posted.created else RECEIVED)
        return redirect(page.url_for("conversation", conversation.pk))
    status = 400 if request.method == "POST" else 200
    context = _context({"form": form})
    return page.render_section(request, client, "conversations/portal/start.html", SECTION, context, status=status)


def _visible_conversation(request, client, pk):
    conversation = Conversation.objects.visible_to(request.user, client).filter(pk=pk).first()
    if conversation is None:
        _deny(request, client, Conversation, pk, "conversation")
    return conversation


def _message_page(request, messages_qs):
    paginator = Paginator(messages_qs, PER_PAGE)
    number = request.GET.get("pagina") or paginator.num_pages
    return paginator.get_page(number)


def detail(request, page, client, pk):
    conversation = _visible_conversation(request, client, pk)
    form = MessageForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            return _reply(request, page, client, conversation, form)
        status = 400
    thread = Message.objects.visible_to(request.user, client).filter(conversation=conversation)
    page_obj = _message_page(request, thread.prefetch_related("attachments"))
    log_access(
        request, action=AccessAction.READ, object_type=ObjectType.CONVERSATION, client=client, object_id=conversation.pk
    )
    services.mark_read(conversation, request.user)
    client.unread_messages = None  # counted before this visit read the conversation
    context = _context({"conversation": conversation, "page_obj": page_obj, "form": form})
    return page.render_section(request, client, "conversations/portal/detail.html", SECTION, context, status=status)


def _reply(request, page, client, conversation, form):
    data = form.cleaned_data
    try:
        posted = services.reply(conversation, request.user, data["body"], key=data["key"], files=data["attachments"])
    except services.ConversationClosed:
        messages.error(request, _("Dit gesprek is gesloten. Begin een nieuw gesprek als u nog een vraag heeft."))
        return redirect(page.url_for("conversation", conversation.pk))
    log_access(
        request,
        action=AccessAction.CHANGE,
        object_type=ObjectType.CONVERSATION,
        client=client,
        object_id=conversation.pk,
        detail=_("bericht geschreven") if posted.created else _("herhaald verzoek, al ontvangen"),
    )
    messages.success(request, _("Uw bericht is verstuurd.") if posted.created else RECEIVED)
    return redirect(page.url_for("conversation", conversation.pk))


def attachment(request, page, client, pk):
    """An attachment from private storage, always as a download whatever its type."""
    found = Attachment.objects.visible_to(request.user, client).select_related("message").filter(pk=pk).first()
    if found is None:
        _deny(request, client, Attachment, pk, "message_attachment", AccessAction.DOWNLOAD)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    log_access(
        request,
        action=AccessAction.DOWNLOAD,
        object_type=ObjectType.MESSAGE_ATTACHMENT,
        client=client,
        object_id=found.pk,
        detail=_("bijlage bij gesprek %(id)s") % {"id": found.message.conversation_id},
    )
    return FileResponse(
        handle, as_attachment=True, filename=found.original_name, content_type="application/octet-stream"
    )


def preference(request, page, client):
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            notifications.set_preference(request.user, form.cleaned_data["channel"])
            messages.success(request, _("Uw keuze voor meldingen is bewaard."))
        else:
            messages.error(request, _("Kies een van de mogelijkheden; er is niets gewijzigd."))
    return redirect(page.url_for("conversations"))
