"""Wagtail's own account page, behind the same fresh password + SMS check as the portal's security settings.

It changes the e-mail address (where a password reset goes) and the password
of a staff account; Wagtail itself asks only for the old password.
"""

from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.account import AccountView

from accounts.views.profile import reauth_required

account = require_admin_access(never_cache(reauth_required(AccountView.as_view())))
