"""`check --deploy`: login codes need a real SMS gateway in production."""

from django.conf import settings
from django.core.checks import Error, Tags, register

CONSOLE_GATEWAY = "accounts.sms.ConsoleOutboxGateway"
HTTP_GATEWAY = "accounts.sms.HttpJsonGateway"


@register(Tags.security, deploy=True)
def check_sms_gateway(app_configs, **kwargs):
    gateway = settings.TWO_FACTOR_SMS_GATEWAY or ""
    if not gateway or gateway == CONSOLE_GATEWAY:
        return [
            Error(
                "TWO_FACTOR_SMS_GATEWAY is the development gateway: login codes are printed to the log "
                "and kept in the outbox table instead of being sent.",
                hint=f"Set TWO_FACTOR_SMS_GATEWAY={HTTP_GATEWAY} with SMS_API_URL and SMS_API_KEY.",
                id="accounts.E001",
            )
        ]
    if gateway == HTTP_GATEWAY:
        errors = []
        if not settings.SMS_API_URL.startswith("https://"):
            errors.append(
                Error(
                    "SMS_API_URL must be an https:// URL: the request carries the API key and the login codes.",
                    id="accounts.E002",
                )
            )
        if not settings.SMS_API_KEY:
            errors.append(Error("SMS_API_KEY must be set for the HTTP SMS gateway.", id="accounts.E003"))
        return errors
    return []
