"""Secure messages between a client's portal accounts and the care team, and the notifications about them.

A conversation belongs to one client's dossier (retention as the dossier). Who
may read it follows the dossier: every portal account with valid access to the
client today reads all of that client's conversations (`visible_to`), staff
read those of the clients they manage (`managed_by`). Internal notes are for
staff only and never leave `managed_by`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossier.models import Client, Team, private_storage
from dossier.relationships import Scope


class ConversationStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")


class ConversationQuerySet(models.QuerySet):
    def visible_to(self, user, client: Client | None = None):
        """Conversations a portal user may read today: those of every client whose grant gives messages."""
        clients = Client.objects.visible_to(user, scope=Scope.MESSAGES)
        if client is not None:
            clients = clients.filter(pk=client.pk)
        return self.filter(client__in=clients)

    def managed_by(self, user):
        """Conversations of the clients a staff member manages (their own teams' clients)."""
        return self.filter(client__in=Client.objects.managed_by(user))

    def in_dossier_copy(self, user, client: Client):
        """What of the conversations goes into `user`'s afschrift of `client`: exactly what the portal shows them.

        Every conversation `user` may read today, oldest first, each with
        `copied_messages` (never internal notes) and their attachments (by name).
        """
        messages = Message.objects.visible_to(user, client).prefetch_related("attachments").order_by("created_at", "pk")
        return (
            self.visible_to(user, client)
            .select_related("team")
            .order_by("created_at", "pk")
            .prefetch_related(Prefetch("messages", queryset=messages, to_attr="copied_messages"))
        )

    def awaiting_reply_before(self, moment):
        """Open conversations whose oldest unanswered client message is older than `moment`."""
        return self.filter(status=ConversationStatus.OPEN, awaiting_reply_since__lt=moment)

    def annotate_unread(self, user, *, portal: bool):
        """`unread`: messages in each conversation `user` has not seen yet (internal notes not for the portal)."""
        unread = Message.objects.filter(conversation=OuterRef("pk")).unread_by(user)
        if portal:
            unread = unread.filter(is_internal=False)
        counts = unread.order_by().values("conversation").annotate(n=Count("pk")).values("n")
        return self.annotate(unread=Coalesce(Subquery(counts), 0))


class Conversation(models.Model):
    """A conversation with the care team about one client, started in the portal."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="conversations", verbose_name=_("cliënt"))
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        related_name="conversations",
        verbose_name=_("team"),
        help_text=_("Het team dat het gesprek behandelt: het team van de cliënt toen het gesprek begon."),
    )
    subject = models.CharField(_("onderwerp"), max_length=150)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("gestart door")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_conversations",
        verbose_name=_("behandelaar"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ConversationStatus.choices, default=ConversationStatus.OPEN
    )
    created_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    last_message_at = models.DateTimeField(_("laatste bericht"), default=timezone.now)
    awaiting_reply_since = models.DateTimeField(
        _("wacht op antwoord sinds"),
        null=True,
        blank=True,
        help_text=_("Het oudste bericht van de cliëntkant waarop het zorgteam nog niet heeft geantwoord."),
    )
    alerted_at = models.DateTimeField(_("team gewaarschuwd op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        ordering = ["-last_message_at", "-pk"]
        indexes = [
            models.Index(fields=["client", "-last_message_at"]),
            models.Index(fields=["team", "status", "-last_message_at"]),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.status == ConversationStatus.OPEN


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user, client: Client | None = None):
        """Messages a portal user may read: never internal notes."""
        conversations = Conversation.objects.visible_to(user, client)
        return self.filter(conversation__in=conversations, is_internal=False)

    def managed_by(self, user):
        return self.filter(conversation__in=Conversation.objects.managed_by(user))

    def unread_count_of(self, client, user) -> Coalesce:
        """The number of messages `user` may read and has not read in the conversations of `client` (an OuterRef),
        as an annotation: the dossier pages load it with the clients. Zero without the messages scope."""
        unread = self.visible_to(user).filter(conversation__client=client).unread_by(user).order_by()
        return Coalesce(Subquery(unread.values("conversation__client").annotate(n=Count("pk")).values("n")[:1]), 0)

    def unread_by(self, user):
        """Messages written by someone else after `user` last opened their conversation."""
        read = ReadReceipt.objects.filter(
            conversation=OuterRef("conversation"), user=user, last_read_at__gte=OuterRef("created_at")
        )
        return self.exclude(author=user).filter(~Exists(read))


class Message(models.Model):
    """One message in a conversation: plain text, optionally with attachments, or a staff-only internal note."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages", verbose_name=_("gesprek")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur")
    )
    author_name = models.CharField(_("naam auteur"), max_length=200)
    from_care_team = models.BooleanField(_("van het zorgteam"), default=False)
    body = models.TextField(_("bericht"))
    is_internal = models.BooleanField(
        _("interne notitie"), default=False, help_text=_("Alleen zichtbaar voor medewerkers, nooit voor de cliënt.")
    )
    idempotency_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="message_sent_once_per_key",
            )
        ]

    def __str__(self):
        return f"{self.author_name} {self.created_at:%d-%m-%Y %H:%M}"


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user, client: Client | None = None):
        return self.filter(message__in=Message.objects.visible_to(user, client))

    def managed_by(self, user):
        return self.filter(message__in=Message.objects.managed_by(user))


class Attachment(models.Model):
    """A file sent with a message: checked by content and size on upload, stored privately, served as download."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="message-attachments/%Y/%m/")
    original_name = models.CharField(_("bestandsnaam"), max_length=150)
    size = models.PositiveIntegerField(_("grootte"))

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class ReadReceipt(models.Model):
    """When a user last opened a conversation; everything newer by someone else is unread for them."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="read_receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conversation", "user"], name="one_read_receipt_per_user")]

    def __str__(self):
        return f"{self.user} {self.last_read_at:%d-%m-%Y %H:%M}"


class NotificationChoice(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("e-mail")
    BOTH = "both", _("SMS en e-mail")
    NONE = "none", _("geen melding")


class NotificationPreference(models.Model):
    """How a portal user wants to hear about new messages. Without a row: SMS when there is a mobile number."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_notification_preference"
    )
    channel = models.CharField(_("melding bij een nieuw bericht"), max_length=10, choices=NotificationChoice.choices)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self):
        return f"{self.user}: {self.get_channel_display()}"


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("e-mail")


class NotificationKind(models.TextChoices):
    NEW_MESSAGE = "new_message", _("nieuw bericht")
    OVERDUE = "overdue", _("reactietijd verstreken")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("wacht op verzending")
    SENDING = "sending", _("wordt verstuurd")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")


class NotificationQuerySet(models.QuerySet):
    def managed_by(self, user):
        return self.filter(conversation__in=Conversation.objects.managed_by(user))

    def due(self, now=None):
        return self.filter(status=NotificationStatus.PENDING, next_attempt_at__lte=now or timezone.now())


class Notification(models.Model):
    """One content-free SMS or e-mail to one person, sent at most once (the idempotency key is unique).

    The delivery job claims the row (pending → sending) in one conditional
    UPDATE before it sends, so a job that runs twice sends once.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("ontvanger")
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("gesprek")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=NotificationKind.choices)
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices)
    idempotency_key = models.CharField(max_length=120, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_channel_display()}) {self.get_status_display()}"
