"""The acceptance report: per published terms version, how many accounts accepted it."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from .models import TermsAcceptance, TermsPage


@dataclass
class RevisionAcceptance:
    page: TermsPage
    revision_id: int
    version: str
    published_at: datetime | None
    accepted: int
    not_accepted: int
    is_current: bool

    @property
    def percentage(self) -> int:
        total = self.accepted + self.not_accepted
        return round(100 * self.accepted / total) if total else 0


def acceptance_report(accounts) -> tuple[int, list[RevisionAcceptance]]:
    """Per published revision of every terms page: how many of `accounts` accepted it, how many not.

    `accounts` is the population bound by the terms (the staff side passes the
    portal accounts that can log in today).
    """
    total = accounts.count()
    accepted = dict(
        TermsAcceptance.objects.filter(user__in=accounts)
        .values_list("revision_id")
        .annotate(n=Count("user_id", distinct=True))
    )
    current = TermsPage.current()
    rows = []
    for page in TermsPage.objects.order_by("-effective_date", "-pk"):
        published = {}
        for entry in PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False).order_by(
            "timestamp"
        ):
            published.setdefault(entry.revision_id, entry.timestamp)
        revision_ids = set(published) | set(
            TermsAcceptance.objects.filter(terms_page=page).values_list("revision_id", flat=True)
        )
        if page.live_revision_id:
            revision_ids.add(page.live_revision_id)
        revisions = Revision.objects.filter(pk__in=revision_ids).only("pk", "content", "created_at")
        for revision in sorted(revisions, key=lambda r: published.get(r.pk, r.created_at), reverse=True):
            n = accepted.get(revision.pk, 0)
            rows.append(
                RevisionAcceptance(
                    page=page,
                    revision_id=revision.pk,
                    version=revision.content.get("version") or page.version,
                    published_at=timezone.localtime(published[revision.pk]) if revision.pk in published else None,
                    accepted=n,
                    not_accepted=max(total - n, 0),
                    is_current=current is not None and revision.pk == current.live_revision_id,
                )
            )
    return total, rows
