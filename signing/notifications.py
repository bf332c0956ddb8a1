"""Messages about signing. Signers get no health data: no plan content, no client name, no diagnosis.

The e-mail greets the signer by their own name, which tells nobody else anything.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.sms import SmsDeliveryError, send_text_message
from home.organisation import current_organisation, staff_notification_emails

logger = logging.getLogger(__name__)


def _site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def signer_sms_text(organisation=None) -> str:
    organisation = organisation or current_organisation()
    return _("%(organisation)s: er staat een document voor u klaar in MijnDossier. Log in om het te bekijken.") % {
        "organisation": organisation.sender_name
    }


def notify_signers(request) -> list[str]:
    """SMS and e-mail to every named signer; returns Dutch problem lines for the admin."""
    problems = []
    subject = _("Er staat een document voor u klaar in MijnDossier")
    organisation = current_organisation()
    for user in request.signers.all():
        name = user.get_full_name() or user.username
        number = user.sms_number()
        if number:
            try:
                send_text_message(number, signer_sms_text(organisation))
            except SmsDeliveryError:
                logger.warning("Signing SMS to user %s failed", user.pk)
                problems.append(_("De SMS aan %(name)s kon niet worden verstuurd.") % {"name": name})
        else:
            problems.append(_("%(name)s heeft geen mobiel nummer; er is geen SMS verstuurd.") % {"name": name})
        if user.email:
            context = {"user": user, "site_url": _site_url(), "organisation": organisation}
            body = render_to_string("signing/email/signature_requested.txt", context)
            try:
                send_mail(subject, body, None, [user.email])
            except OSError:
                logger.warning("Signing e-mail to user %s failed", user.pk)
                problems.append(_("De e-mail aan %(name)s kon niet worden verstuurd.") % {"name": name})
    return problems


def staff_recipients(request) -> list[str]:
    recipients = staff_notification_emails()
    if request.requested_by is not None and request.requested_by.email:
        recipients.append(request.requested_by.email)
    return sorted(set(recipients))


def notify_staff_of_decline(request) -> bool:
    """E-mail to the requester and the client administration; the comment itself stays in the admin."""
    recipients = staff_recipients(request)
    if not recipients:
        return False
    plan = request.plan
    context = {
        "client_number": plan.client.client_number,
        "version": plan.version,
        "admin_url": _site_url() + reverse("signing_admin:detail", args=[request.pk]),
    }
    subject = _("Cliëntplan niet akkoord (cliëntnummer %(number)s)") % {"number": plan.client.client_number}
    try:
        send_mail(subject, render_to_string("signing/email/plan_declined.txt", context), None, recipients)
    except OSError:
        logger.exception("Decline e-mail for signature request %s failed", request.pk)
        return False
    return True
