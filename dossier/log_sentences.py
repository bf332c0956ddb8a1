"""Access log entries as plain Dutch sentences (B1) for the client's own log.

"Ilse Brouwer (persoonlijk begeleider, team Noord) las uw rapportages van
1 t/m 7 oktober." Other portal users' refused attempts are shown without a
name: that someone has an account for another client is itself private.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AccessAction, AccessOutcome, AccessPurpose, ObjectType

# How `dossier.grants` starts the detail of a change to a grant; the sentence then shows the detail.
GRANT_CHANGE_PREFIX = "toegang "

TEXTS = {
    ObjectType.REPORTS,
    ObjectType.REPORT,
    ObjectType.CLIENT_PLANS,
    ObjectType.CLIENT_PLAN,
    ObjectType.EVALUATIONS,
    ObjectType.EVALUATION,
    ObjectType.CARE_AGREEMENTS,
    ObjectType.CARE_AGREEMENT,
}

# action: (past tense, infinitive with "te")
VERBS = {
    AccessAction.READ: (gettext_lazy("bekeek"), gettext_lazy("te openen")),
    AccessAction.DOWNLOAD: (gettext_lazy("downloadde"), gettext_lazy("te downloaden")),
    AccessAction.SEARCH: (gettext_lazy("zocht in"), gettext_lazy("te doorzoeken")),
    AccessAction.SIGN: (gettext_lazy("ondertekende"), gettext_lazy("te ondertekenen")),
    AccessAction.DECLINE: (gettext_lazy("ging niet akkoord met"), gettext_lazy("af te wijzen")),
    AccessAction.EXPORT: (gettext_lazy("exporteerde"), gettext_lazy("te exporteren")),
    AccessAction.CHANGE: (gettext_lazy("wijzigde"), gettext_lazy("te wijzigen")),
    AccessAction.DELETE: (gettext_lazy("verwijderde"), gettext_lazy("te verwijderen")),
    AccessAction.PURGE: (gettext_lazy("verwijderde na de bewaartermijn"), gettext_lazy("te verwijderen")),
}


def _who(entry, viewer) -> str:
    if viewer is not None and entry.user_id is not None and entry.user_id == viewer.pk:
        return _("U")
    if entry.outcome == AccessOutcome.DENIED and not entry.user_is_staff:
        return _("Iemand zonder toegang")
    name = entry.user_display or _("Iemand")
    if entry.purpose == AccessPurpose.IMPORT or not entry.user_role:
        return name
    return f"{name} ({entry.user_role})"


def _object(entry) -> str:
    label = ObjectType(entry.object_type).label if entry.object_type in ObjectType.values else entry.object_type
    return _("uw %(what)s") % {"what": label}


def _day(day, with_year) -> str:
    return date_format(day, "j F Y" if with_year else "j F")


def _period(entry) -> str:
    start, end = entry.period_start, entry.period_end
    this_year = timezone.localdate().year
    if start and end:
        with_year = start.year != end.year or end.year != this_year
        if (start.year, start.month) == (end.year, end.month):
            first = str(start.day)
        else:
            first = _day(start, start.year != end.year)
        return _(" van %(start)s t/m %(end)s") % {"start": first, "end": _day(end, with_year)}
    if start:
        return _(" vanaf %(start)s") % {"start": _day(start, start.year != this_year)}
    if end:
        return _(" tot en met %(end)s") % {"end": _day(end, end.year != this_year)}
    return ""


def sentence(entry, viewer=None) -> str:
    past, infinitive = VERBS.get(entry.action, VERBS[AccessAction.READ])
    if entry.action == AccessAction.READ and entry.object_type in TEXTS:
        past = _("las")
    who, what, period = _who(entry, viewer), _object(entry), _period(entry)
    if entry.outcome == AccessOutcome.DENIED:
        return _("%(who)s probeerde %(what)s%(period)s %(verb)s") % {
            "who": who,
            "what": what,
            "period": period,
            "verb": infinitive,
        }
    if entry.object_type == ObjectType.DOSSIER_ACCESS and entry.detail.startswith(GRANT_CHANGE_PREFIX):
        # A change to who may see what says what changed: the client reads it on their profile.
        return f"{who} {past} {what}{period} ({entry.detail})"
    return f"{who} {past} {what}{period}"
