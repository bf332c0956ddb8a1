"""Writing the NEN 7513 access log. Every read of dossier data calls `log_access`.

Each call is one INSERT: the role, purpose and authorisation basis are worked
out from the grant or staff role at hand, the hash chain is added by the
database (see `dossier.log_integrity`).
"""

from django.conf import settings
from django.utils.translation import gettext as _

from lib.client_address import client_ip

from .models import (
    AccessLogEntry,
    AccessOutcome,
    AccessPurpose,
    CareTeamMembership,
    DossierAccess,
    ObjectType,
    OutcomeCode,
    Team,
)
from .relationships import RelationshipType


def purpose_of(relationship: str) -> str:
    return AccessPurpose.OWN_ACCESS if relationship == RelationshipType.SELF else AccessPurpose.REPRESENTATION


class Authorisation:
    """Who the user is for this client: role in words, purpose of use and the basis that allowed it."""

    def __init__(self, role: str, purpose: str, basis: str):
        self.role, self.purpose, self.basis = role, purpose, basis


def valid_grant(request, client):
    """The user's dossier access to `client` valid today, looked up once per request (the log and the page ask)."""
    grants = request.__dict__.setdefault("_valid_dossier_grants", {})
    if client.pk not in grants:
        grants[client.pk] = DossierAccess.objects.in_force().filter(user=request.user, client=client).first()
    return grants[client.pk]


def remember_grant(request, client, grant) -> None:
    """`grant`: the user's access to `client` valid today, loaded together with the client (no second query)."""
    request.__dict__.setdefault("_valid_dossier_grants", {}).setdefault(client.pk, grant)


def authorisation_of(user, client, object_type, access=False) -> Authorisation:
    """`access`: the user's valid grant for `client` when the caller already has it (None = none), else looked up."""
    if user is None or not user.is_authenticated:
        return Authorisation(_("anoniem"), AccessPurpose.UNKNOWN, "anonymous")
    if client is not None:
        if access is False:
            access = DossierAccess.objects.in_force().filter(user=user, client=client).first()
        if access is not None:
            return Authorisation(
                access.get_relationship_display(),
                purpose_of(access.relationship),
                f"dossier_access:{access.pk}:{access.relationship}",
            )
    if user.is_staff:
        return _staff_authorisation(user, client, object_type)
    return Authorisation(_("geen toegang"), AccessPurpose.UNKNOWN, "no_valid_dossier_access")


def _staff_authorisation(user, client, object_type) -> Authorisation:
    groups = list(user.groups.values_list("name", flat=True))
    role = ", ".join(groups) or _("medewerker")
    basis = "superuser" if user.is_superuser else "staff_groups:" + ",".join(groups)
    if client is not None:
        membership = CareTeamMembership.objects.valid_on().filter(staff_member=user, client=client).first()
        if membership is not None:
            role = membership.role.lower()
            basis = f"care_team_membership:{membership.pk};{basis}"
        team_name = Team.objects.filter(pk=client.team_id, members=user).values_list("name", flat=True).first()
        if team_name is not None:
            role = f"{role}, {_('team')} {team_name}"
            basis = f"team:{client.team_id};{basis}"
    purpose = AccessPurpose.AUDIT if object_type == ObjectType.ACCESS_LOG else AccessPurpose.CARE
    if client is None and object_type not in (ObjectType.ACCESS_LOG, ObjectType.ADMIN_LIST):
        purpose = AccessPurpose.ADMINISTRATION
    return Authorisation(role, purpose, basis)


def _storable(value) -> str:
    """PostgreSQL text cannot hold NUL bytes; a hostile id is logged with a replacement character instead."""
    return str(value or "").replace("\x00", "\ufffd")


def log_access(
    request,
    *,
    action: str,
    object_type: ObjectType,
    client=None,
    object_id="",
    outcome: str = AccessOutcome.ALLOWED,
    outcome_code: str | None = None,
    detail: str = "",
    on_behalf_of: str = "",
    role: str | None = None,
    period=None,
) -> AccessLogEntry:
    """Write one entry. `period` (with `.start`/`.end` dates) says which part of the dossier was shown."""
    object_type = ObjectType(object_type)
    user = request.user if request.user.is_authenticated else None
    access = valid_grant(request, client) if user is not None and client is not None else False
    authorisation = authorisation_of(user, client, object_type, access)
    if outcome_code is None:
        outcome_code = OutcomeCode.OK if outcome == AccessOutcome.ALLOWED else OutcomeCode.NO_ACCESS
    return AccessLogEntry.objects.create(
        action=action,
        outcome=outcome,
        outcome_code=outcome_code,
        client=client,
        client_number=client.client_number if client is not None else "",
        user=user,
        user_display=(user.get_full_name() or user.username) if user else "",
        user_is_staff=bool(user and user.is_staff),
        user_role=(role if role is not None else authorisation.role)[:120],
        on_behalf_of=on_behalf_of,
        purpose=authorisation.purpose,
        authorisation_basis=authorisation.basis[:200],
        source_system=settings.ACCESS_LOG_SOURCE_SYSTEM,
        object_type=object_type,
        object_id=_storable(object_id),
        period_start=getattr(period, "start", None),
        period_end=getattr(period, "end", None),
        detail=_storable(detail)[:255],
        ip_address=client_ip(request),
    )
