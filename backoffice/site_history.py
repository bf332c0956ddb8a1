"""Wagtail's site history report, without dossier entries for staff who do not manage every client.

The report lists log entries of every model the user has any permission on,
with the object's label (a client's name and number, say), but it knows
nothing of care teams. A care worker would read the labels of other teams'
clients there; the per-object history in the dossier admin is scoped instead.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.admin.views.reports.audit_logging import LogEntriesView

from dossier.models import manages_all_clients

DOSSIER_APPS = ("dossier", "backoffice", "signing")


def dossier_content_types():
    applications = Q(app_label="home", model="applicationsubmission")
    return ContentType.objects.filter(Q(app_label__in=DOSSIER_APPS) | applications).values_list("pk", flat=True)


class ScopedLogEntriesView(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = self.request.user
        if manages_all_clients(user):
            return queryset
        return queryset.exclude(content_type_id__in=list(dossier_content_types()))
