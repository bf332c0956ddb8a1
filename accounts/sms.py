"""SMS delivery: two-factor's gateway interface plus plain text messages.

The gateway class is chosen by `settings.TWO_FACTOR_SMS_GATEWAY`. Every gateway
offers two-factor's `send_sms(device, token)` and our `send_text(number, text)`;
failures raise `SmsDeliveryError`, whose message is fit to show to the user.
"""

import ipaddress
import json
import logging
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class SmsDeliveryError(Exception):
    def __init__(self, message=None):
        super().__init__(message or _("De SMS kon niet worden verstuurd. Probeer het over enkele minuten opnieuw."))


def login_code_text(token):
    return _("Uw MijnDossier inlogcode: %(code)s") % {"code": token}


class BaseGateway:
    def send_sms(self, device, token):
        self.send_text(str(device.number), login_code_text(token))

    def make_call(self, device, token):
        raise SmsDeliveryError(_("Bellen met een code wordt niet ondersteund."))

    def send_text(self, number, text):
        raise NotImplementedError


class ConsoleOutboxGateway(BaseGateway):
    """Development and tests: print the message and keep it in the outbox table."""

    def send_text(self, number, text):
        from .models import SmsOutboxMessage

        SmsOutboxMessage.objects.create(number=number, text=text)
        logger.info("SMS to %s: %s", number, text)
        print(f"[SMS aan {number}] {text}")  # noqa: T201


def is_safe_api_url(url) -> bool:
    """HTTPS, or plain HTTP only to this machine (a local relay or a test double).

    The request carries the API key and every login code, so it never crosses a
    network in clear text.
    """
    parts = urllib.parse.urlsplit(url or "")
    if not parts.hostname:
        return False
    if parts.scheme == "https":
        return True
    if parts.scheme != "http":
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


class HttpJsonGateway(BaseGateway):
    """A generic EU SMS provider API: JSON POST with an API key (CM.com, Spryng, MessageBird style).

    Configured by SMS_API_URL (https://), SMS_API_KEY, SMS_SENDER and SMS_API_TIMEOUT_SECONDS.
    """

    def send_text(self, number, text):
        if not is_safe_api_url(settings.SMS_API_URL):
            logger.error("SMS_API_URL is not an https:// URL; no SMS sent")
            raise SmsDeliveryError
        payload = json.dumps({"sender": settings.SMS_SENDER, "recipients": [number], "body": text}).encode()
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            settings.SMS_API_URL,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": f"Bearer {settings.SMS_API_KEY}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.SMS_API_TIMEOUT_SECONDS) as response:  # noqa: S310
                if response.status >= 300:
                    raise SmsDeliveryError
        except urllib.error.HTTPError as error:
            logger.error("SMS provider answered %s for %s", error.code, _mask(number))
            raise SmsDeliveryError from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            logger.error("SMS provider unreachable for %s: %s", _mask(number), error)
            raise SmsDeliveryError from error


def _mask(number):
    return f"{str(number)[:5]}…{str(number)[-2:]}"


def get_gateway():
    return import_string(settings.TWO_FACTOR_SMS_GATEWAY)()


def send_text_message(number, text):
    """Send a plain SMS (no health data!), e.g. 'a plan is waiting for your signature'.

    Raises SmsDeliveryError with a Dutch message when sending fails.
    """
    get_gateway().send_text(str(number), text)
