"""Who may see what: the relationship types of a dossier grant and the scopes each may carry, in one table.

A grant (`DossierAccess`) names a relationship type and the scopes staff gave it. What a grant gives on a
day is its scopes, cut to what the type may carry by law (`RULES[type].allowed`), and for a parent of a
client aged 12 to 16 cut to the non-content scopes until the client consents. The querysets
(`visible_to(user, scope=…)`) and the menu both read it from here, so there is one place per rule.

- The client (self), a parent with authority (ouder met gezag), a guardian (voogd), a curator and a mentor
  act for the client in care matters (WGBO 7:465): everything, signing and the afschrift included.
- A written authorisation (schriftelijk gemachtigde) may carry everything, but signing only where the
  authorisation says so: staff add it to the grant, it is not a default.
- A bewindvoerder manages money only: no reports, plans or evaluations, no appointments, no signing and no
  afschrift. Messages by default (to reach the team about costs), the care agreements (what care is bought
  for which period) only when staff add them.
- An informal contact (familie/naaste) reads the dossier by the client's leave: the dossier sections,
  appointments and messages, never signing or the afschrift (partial access in law, see `afschrift.rules`).
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class RelationshipType(models.TextChoices):
    SELF = "self", _("cliënt")
    PARENT = "parent", _("ouder met gezag")
    GUARDIAN = "guardian", _("voogd")
    CURATOR = "curator", _("curator")
    MENTOR = "mentor", _("mentor")
    ADMINISTRATOR = "administrator", _("bewindvoerder")
    AUTHORISED = "authorised", _("schriftelijk gemachtigde")
    INFORMAL = "informal", _("familie of naaste")


class Scope(models.TextChoices):
    REPORTS = "reports", _("rapportages")
    PLANS = "plans", _("cliëntplannen")
    EVALUATIONS = "evaluations", _("evaluaties")
    AGREEMENTS = "agreements", _("zorgovereenkomsten")
    APPOINTMENTS = "appointments", _("afspraken")
    MESSAGES = "messages", _("berichten")
    SIGNING = "signing", _("ondertekenen")
    AFSCHRIFT = "afschrift", _("afschrift")


class BasisKind(models.TextChoices):
    """The evidence a grant rests on."""

    OWN_DOSSIER = "own_dossier", _("eigen dossier")
    PARENTAL_AUTHORITY = "parental_authority", _("gezag (gezagsregister)")
    COURT_DECISION = "court_decision", _("rechterlijke beslissing")
    WRITTEN_AUTHORISATION = "written_authorisation", _("schriftelijke machtiging van de cliënt")
    CLIENT_CONSENT = "client_consent", _("toestemming van de cliënt")


class AgeNotice(models.TextChoices):
    """The age rule a parent's grant was last told about (so the daily check tells each once)."""

    CONSENT_NEEDED = "consent_needed", _("toestemming van de cliënt nodig (12 jaar)")
    ENDED_AT_16 = "ended_at_16", _("beëindigd: de cliënt is 16")


DOSSIER_CONTENT = frozenset({Scope.REPORTS, Scope.PLANS, Scope.EVALUATIONS, Scope.AGREEMENTS})
ALL_SCOPES = frozenset(Scope)


@dataclass(frozen=True)
class Rule:
    allowed: frozenset
    default: frozenset
    parent: bool = False  # the age rules apply (consent from 12, confirmation at 16)


RULES: dict[str, Rule] = {
    RelationshipType.SELF: Rule(ALL_SCOPES, ALL_SCOPES),
    RelationshipType.PARENT: Rule(ALL_SCOPES, ALL_SCOPES, parent=True),
    RelationshipType.GUARDIAN: Rule(ALL_SCOPES, ALL_SCOPES, parent=True),
    RelationshipType.CURATOR: Rule(ALL_SCOPES, ALL_SCOPES),
    RelationshipType.MENTOR: Rule(ALL_SCOPES, ALL_SCOPES),
    RelationshipType.ADMINISTRATOR: Rule(frozenset({Scope.AGREEMENTS, Scope.MESSAGES}), frozenset({Scope.MESSAGES})),
    RelationshipType.AUTHORISED: Rule(ALL_SCOPES, ALL_SCOPES - {Scope.SIGNING}),
    RelationshipType.INFORMAL: Rule(
        DOSSIER_CONTENT | {Scope.APPOINTMENTS, Scope.MESSAGES}, DOSSIER_CONTENT | {Scope.APPOINTMENTS, Scope.MESSAGES}
    ),
}

# A parent's grant of a client aged 12 to 16 gives no content until the client consents: what it keeps.
WITHOUT_CONSENT = frozenset({Scope.APPOINTMENTS, Scope.MESSAGES})
CONSENT_AGE, OWN_DECISION_AGE = 12, 16
# Types whose grants a client makes by their own leave: they expire unless the client renews them.
CLIENT_MADE_BASES = frozenset({BasisKind.WRITTEN_AUTHORISATION, BasisKind.CLIENT_CONSENT})


# The client's circle (invitations made in the portal, see the `circle` app). It is managed by the adult
# client themself, unless a curator or mentor acts for them in care matters: then the law deems the client
# unable to decide on access to the medical dossier (WGBO 7:465 lid 3) and that representative manages it.
# A bewindvoerder manages money only, a parent or guardian acts for a minor, and no one the client invited
# may invite others. A client makes only the grants that rest on their own leave: a family member or
# other close person, or a written authorisation; never the grants that need a court or the authority register.
ADULT_AGE = 18
REPRESENTS_IN_CARE = frozenset({RelationshipType.CURATOR, RelationshipType.MENTOR})
MANAGES_CIRCLE = frozenset({RelationshipType.SELF}) | REPRESENTS_IN_CARE
CIRCLE_TYPES = (RelationshipType.INFORMAL, RelationshipType.AUTHORISED)


def circle_scopes(relationship: str, manager_scopes) -> frozenset:
    """What a circle manager may give a person of type `relationship`: within the type, never more than
    the manager has themself."""
    if relationship not in CIRCLE_TYPES:
        return frozenset()
    return RULES[relationship].allowed & frozenset(manager_scopes)


def types_allowing(scope: str) -> list[str]:
    return [kind for kind, rule in RULES.items() if scope in rule.allowed]


def parent_types() -> list[str]:
    return [kind for kind, rule in RULES.items() if rule.parent]


def default_scopes(relationship: str) -> list[str]:
    return sorted(RULES[relationship].default)


def years_before(day: date, years: int) -> date:
    """The day `years` years before `day` (29 February falls back to 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_on(date_of_birth: date, day: date) -> int:
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def effective_scopes(grant, day: date) -> frozenset:
    """What `grant` (valid on `day`) gives: its scopes within its type's, and the age rules applied."""
    rule = RULES[grant.relationship]
    scopes = frozenset(grant.scopes) & rule.allowed
    if rule.parent:
        age = age_on(grant.client.date_of_birth, day)
        if age >= OWN_DECISION_AGE and grant.confirmed_by_client_on is None:
            return frozenset()
        if CONSENT_AGE <= age < OWN_DECISION_AGE and grant.client_consent_on is None:
            return scopes & WITHOUT_CONSENT
    return scopes
