"""Idempotency keys for state-changing forms: a retried submission is recognised, not stored twice.

Every such form carries a hidden key made when the form is rendered. The view
claims the key in the same transaction as the change it makes; the unique
constraint on (form, owner, key) lets exactly one of two concurrent POSTs
through, and a retry after the first commit (a lost response, a double click,
a second tab re-posting the page) finds the key taken and is answered "already
received". A POST without a key (a page from before keys existed) is simply
processed. Keys older than `KEEP` are forgotten: nobody retries a week-old page.
"""

import uuid
from datetime import timedelta

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SubmissionKey

FIELD_NAME = "idempotency_key"
KEEP = timedelta(days=7)
ALREADY_RECEIVED = _("Wij hadden dit al van u ontvangen. U hoeft niets meer te doen.")


def new_key() -> str:
    return uuid.uuid4().hex


class KeyField(forms.RegexField):
    """The hidden key; a malformed value counts as no key at all instead of an error for the visitor."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(regex=r"^[0-9a-f]{32}$", **kwargs)

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError:
            return ""


class KeyedFormMixin:
    """For a Django form: adds the hidden key field, with a fresh key on every unbound form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD_NAME] = KeyField()
        if not self.is_bound:
            self.initial[FIELD_NAME] = new_key()


def posted_key(data) -> str:
    """The well-formed key in POST data, or "" (for views that check for a retry before validating)."""
    return KeyField().clean(data.get(FIELD_NAME, ""))


def is_retry(request, form: str) -> bool:
    """Whether this POST repeats one of `request.user` that was stored before; say so with ALREADY_RECEIVED."""
    return was_received(form, request.user, posted_key(request.POST))


def owner_of(user) -> str:
    """Keys are per user; anonymous keys are random enough to share one namespace."""
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return "anonymous"


def claim(form: str, user, key: str) -> bool:
    """Record `key` as received for `form`; False when it was received before (this POST is a retry).

    Call inside the transaction that makes the change, so the key and the change
    are committed together or not at all.
    """
    if not key:
        return True
    owner = owner_of(user)
    forget_old_keys()
    try:
        with transaction.atomic():
            SubmissionKey.objects.create(form=form, owner=owner, key=key)
    except IntegrityError:
        return False
    return True


def was_received(form: str, user, key: str) -> bool:
    """Whether `key` was claimed already; for a retry that must not even be validated again."""
    return bool(key) and SubmissionKey.objects.filter(form=form, owner=owner_of(user), key=key).exists()


def forget_old_keys(now=None) -> int:
    """Delete keys older than `KEEP`; returns how many."""
    cutoff = (now or timezone.now()) - KEEP
    deleted, _by_model = SubmissionKey.objects.filter(received_at__lt=cutoff).delete()
    return deleted
