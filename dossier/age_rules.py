"""The age rules for parents' grants, applied once a day (`manage.py access_age_rules`).

From 12 a parent (ouder met gezag) or guardian (voogd) sees the dossier content only with the client's
consent, and from 16 the client decides alone: their parents' grants end unless the client confirmed them
(WGBO 7:450, Wabvpz art. 15g). The scoping layer already applies both rules on every read
(`DossierAccessQuerySet.in_force` and `carrying`); this check records them on the grant, writes each change
to the client's access log and says who must be told. It tells each grant once (`age_notice`).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q

from .grants import log_system_grant_change
from .models import DossierAccess
from .relationships import CONSENT_AGE, OWN_DECISION_AGE, AgeNotice, RelationshipType, parent_types, years_before


@dataclass(frozen=True)
class AgeTransition:
    grant: DossierAccess
    notice: str

    def people_to_tell(self, day: date) -> list:
        """The grant's holder and the client's own accounts valid on `day`, each once."""
        own = DossierAccess.objects.valid_on(day).filter(
            client_id=self.grant.client_id, relationship=RelationshipType.SELF
        )
        users = {self.grant.user_id: self.grant.user}
        for access in own.select_related("user"):
            users.setdefault(access.user_id, access.user)
        return [user for user in users.values() if user.is_active]


def _parents_grants(day: date):
    return DossierAccess.objects.valid_on(day).filter(relationship__in=parent_types()).select_related("client", "user")


def _birthday(date_of_birth: date, age: int) -> date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + age)
    except ValueError:
        return date_of_birth.replace(year=date_of_birth.year + age, month=3, day=1)


def apply_age_rules(day: date) -> list[AgeTransition]:
    """End the unconfirmed parents' grants of clients of 16 and over, and note the ones that now need consent."""
    sixteen, twelve = years_before(day, OWN_DECISION_AGE), years_before(day, CONSENT_AGE)
    transitions = []
    with transaction.atomic():
        ending = _parents_grants(day).filter(client__date_of_birth__lte=sixteen, confirmed_by_client_on__isnull=True)
        for grant in ending.exclude(age_notice=AgeNotice.ENDED_AT_16):
            last_day = _birthday(grant.client.date_of_birth, OWN_DECISION_AGE) - timedelta(days=1)
            grant.valid_until = max(grant.valid_from, min(last_day, grant.valid_until or last_day))
            grant.age_notice = AgeNotice.ENDED_AT_16
            grant.save(update_fields=["valid_until", "age_notice"])
            log_system_grant_change(grant, "beëindigd, de cliënt is 16 en beslist nu zelf")
            transitions.append(AgeTransition(grant, AgeNotice.ENDED_AT_16))
        needing = _parents_grants(day).filter(
            Q(client__date_of_birth__lte=twelve, client__date_of_birth__gt=sixteen),
            client_consent_on__isnull=True,
            age_notice="",
        )
        for grant in needing:
            grant.age_notice = AgeNotice.CONSENT_NEEDED
            grant.save(update_fields=["age_notice"])
            log_system_grant_change(grant, "beperkt tot afspraken en berichten tot de cliënt toestemming geeft")
            transitions.append(AgeTransition(grant, AgeNotice.CONSENT_NEEDED))
    return transitions
