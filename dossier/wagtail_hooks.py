"""Deleting a user in Wagtail's own user admin is written to the access log before the user is gone."""

from wagtail import hooks

from .access_log import log_access
from .models import AccessAction, ObjectType


@hooks.register("before_delete_user")
def log_user_deletion(request, user):
    if request.method == "POST":
        log_access(
            request,
            action=AccessAction.DELETE,
            object_type=ObjectType.PORTAL_ACCOUNT,
            object_id=user.pk,
            detail=f"account {user.get_username()} verwijderd in het gebruikersbeheer"[:255],
        )
