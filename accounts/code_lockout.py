"""A cap on wrong login codes per account over a day, on top of the 5 tries per code.

Without it an attacker with the password could guess 25 codes per quarter of an
hour for ever, and send the account holder an SMS every few minutes. After
SMS_LOGIN_FAILURE_LIMIT wrong codes within SMS_LOGIN_FAILURE_WINDOW_HOURS the
SMS step is closed for SMS_LOGIN_BLOCK_HOURS, the account holder gets an
e-mail, and staff can lift the block on the lockout screen.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from home.organisation import current_organisation

from .challenges import LOGIN
from .models import LoginCodeBlock, SmsChallenge


def active_blocks():
    since = timezone.now() - timedelta(hours=settings.SMS_LOGIN_BLOCK_HOURS)
    return LoginCodeBlock.objects.filter(lifted_at__isnull=True, blocked_at__gt=since)


def active_block(user):
    return active_blocks().filter(user=user).first()


def blocked_message(request=None):
    return _(
        "Er is te vaak een verkeerde SMS-inlogcode ingevuld voor dit account. Inloggen met een SMS-code kan "
        "daarom %(hours)d uur niet. Wilt u eerder inloggen? %(contact)s"
    ) % {"hours": settings.SMS_LOGIN_BLOCK_HOURS, "contact": current_organisation(request).contact_sentence}


def recent_failures(user):
    """Wrong login codes in the window, counted after the end of the latest block."""
    since = timezone.now() - timedelta(hours=settings.SMS_LOGIN_FAILURE_WINDOW_HOURS)
    latest = LoginCodeBlock.objects.filter(user=user).order_by("-blocked_at").first()
    if latest is not None:
        since = max(since, latest.lifted_at or latest.blocked_at)
    challenges = SmsChallenge.objects.filter(user=user, purpose=LOGIN, created_at__gte=since)
    return challenges.aggregate(total=Sum("attempts"))["total"] or 0


def block_if_over_limit(user):
    """After a wrong login code: close the SMS step once the daily cap is reached. Returns the block or None."""
    with transaction.atomic():
        if active_block(user) is not None:
            return None
        failures = recent_failures(user)
        if failures < settings.SMS_LOGIN_FAILURE_LIMIT:
            return None
        block = LoginCodeBlock.objects.create(user=user, failures=failures)
    if user.email:
        _tell_the_account_holder(user)
    return block


def lift(block, staff_user):
    block.lifted_at = timezone.now()
    block.lifted_by = staff_user
    block.save(update_fields=["lifted_at", "lifted_by"])


def _tell_the_account_holder(user):
    body = _(
        "Beste %(name)s,\n\n"
        "Bij het inloggen op MijnDossier is vandaag vaak een verkeerde SMS-inlogcode ingevuld voor uw account. "
        "Om uw account te beschermen kunt u de komende %(hours)d uur niet inloggen met een SMS-code.\n\n"
        "Was u dit zelf? Dan hoeft u niets te doen. Was u dit niet, dan kent iemand anders mogelijk uw "
        "wachtwoord: kies na het inloggen een nieuw wachtwoord en neem contact op met de "
        "cliëntenadministratie%(contact)s.\n\n"
        "Met vriendelijke groet,\nMijnDossier"
    ) % {
        "name": user.get_full_name() or user.get_username(),
        "hours": settings.SMS_LOGIN_BLOCK_HOURS,
        "contact": current_organisation().contact_in_brackets,
    }
    send_mail(_("Inloggen met SMS-code tijdelijk geblokkeerd"), body, None, [user.email])
