"""Terms of use on the staff side: who may publish them, and the acceptance report.

Publishing terms changes what every client must accept, so only the Privacy
group (or a superuser) publishes them, normally by approving the "Voorwaarden
publiceren" workflow. Communicatie edits the text and submits it for approval.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from accounts.models import TermsAcceptance
from dossier.models import DossierAccess
from home.models import TermsPage

from .models import PortalAccount
from .roles import may_publish_terms


def is_terms_page(page) -> bool:
    return page is not None and issubclass(page.specific_class or type(page), TermsPage)


def refuses_terms_publication(user, pages) -> bool:
    return not may_publish_terms(user) and any(is_terms_page(page) for page in pages)


def terms_pages_in(pages, *, include_descendants=True):
    """The terms pages among `pages` and, with `include_descendants`, below them."""
    in_tree = Q()
    for page in pages:
        in_tree |= Q(path__startswith=page.path) if include_descendants else Q(pk=page.pk)
    return TermsPage.objects.filter(in_tree) if in_tree else TermsPage.objects.none()


def refuses_terms_change(user, pages, *, include_descendants=True) -> bool:
    """Whether `user` would change which terms are live (or where) by acting on `pages`.

    Unpublishing, deleting, moving or copying a page acts on its descendants
    too, so a page above a terms version is governed like the terms themselves.
    """
    return not may_publish_terms(user) and terms_pages_in(pages, include_descendants=include_descendants).exists()


def has_accepted_terms_in(pages) -> bool:
    """Terms a client accepted are the proof of that consent: nobody deletes them, or a page above them."""
    accepted = TermsAcceptance.objects.values("terms_page_id")
    return terms_pages_in(pages).filter(pk__in=accepted).exists()


def active_portal_accounts():
    """Accounts that can log in today: active, not staff, with a valid dossier access."""
    with_access = DossierAccess.objects.valid_on().values("user_id")
    return PortalAccount.objects.portal().filter(is_active=True, pk__in=with_access)


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


def acceptance_report() -> tuple[int, list[RevisionAcceptance]]:
    """Per published revision of every terms page: how many active accounts accepted it, how many not."""
    accounts = active_portal_accounts()
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
