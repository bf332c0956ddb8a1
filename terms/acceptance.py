"""Which terms of use are current, and whether a user accepted them.

The public functions the login rules (`accounts`) call: the user model's app
knows nothing of page types.
"""

from .models import TermsAcceptance, TermsPage


def current_terms():
    """The terms in force, or None when none are published."""
    return TermsPage.current()


def current_terms_revision_id() -> int | None:
    """The live revision of the terms in force (what an acceptance must name), or None."""
    terms = TermsPage.current()
    return terms.live_revision_id if terms is not None else None


def has_accepted_current_terms(user) -> bool:
    """True when the live revision of the current terms was accepted.

    Without live terms nobody has consented to anything, so this fails closed:
    the terms screen then says the terms are unavailable instead of letting
    everyone through.
    """
    terms = TermsPage.current()
    if terms is None:
        return False
    return TermsAcceptance.objects.filter(user=user, revision_id=terms.live_revision_id).exists()


def accept_current_terms(user, *, ip_address=None):
    """Record acceptance of the live revision of the current terms; returns the acceptance or None."""
    terms = TermsPage.current()
    if terms is None:
        return None
    acceptance, _ = TermsAcceptance.objects.get_or_create(
        user=user,
        revision_id=terms.live_revision_id,
        defaults={"terms_page": terms, "version": terms.version, "ip_address": ip_address},
    )
    return acceptance
