"""Telling account holders that the access to a dossier changed. Content-free: no client name, no relationship,
no health data; the details are on the profile after login (as for signing's and messages' notices)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from home.organisation import current_organisation

from .sms import SmsDeliveryError, send_text_message

logger = logging.getLogger(__name__)


def access_changed_sms_text(organisation) -> str:
    return _("%(organisation)s: er is iets veranderd in de toegang tot MijnDossier. Log in om het te bekijken.") % {
        "organisation": organisation.sender_name
    }


def notify_access_changed(users) -> int:
    """SMS and e-mail to each of `users`; returns how many were sent. A failed one is logged, not raised."""
    organisation = current_organisation()
    subject = _("Er is iets veranderd in de toegang tot MijnDossier")
    site_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for user in users:
        number = user.sms_number()
        if number:
            try:
                send_text_message(number, access_changed_sms_text(organisation))
                sent += 1
            except SmsDeliveryError:
                logger.warning("Access notice SMS to user %s failed", user.pk)
        if user.email:
            body = render_to_string(
                "accounts/email/access_changed.txt", {"user": user, "site_url": site_url, "organisation": organisation}
            )
            try:
                send_mail(subject, body, None, [user.email])
                sent += 1
            except OSError:
                logger.warning("Access notice e-mail to user %s failed", user.pk)
    return sent
