"""Telling the requester the afschrift is ready, without any content: no name, no client, no health data."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from accounts.sms import SmsDeliveryError, send_text_message
from home.organisation import current_organisation

logger = logging.getLogger(__name__)


def ready_text() -> str:
    return _("Uw afschrift staat klaar in MijnDossier")


def notify_ready(user):
    site = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    organisation = current_organisation()
    body = "\n\n".join(
        [
            _("Beste lezer,"),
            _("Uw afschrift staat klaar in MijnDossier. Log in om het te downloaden:")
            + f" {site}/mijn-dossier/afschrift/",
            _("Dit bericht is automatisch verstuurd; u kunt er niet op antwoorden."),
            _("Met vriendelijke groet,") + "\n" + organisation.sender_name,
        ]
    )
    if user.email:
        try:
            send_mail(ready_text(), body, None, [user.email])
        except OSError:
            logger.warning("Afschrift e-mail to user %s failed", user.pk)
    number = user.mobile_number
    if number:
        try:
            send_text_message(str(number), f"{organisation.sender_name}: {ready_text()}")
        except SmsDeliveryError:
            logger.warning("Afschrift SMS to user %s failed", user.pk)
