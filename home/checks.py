"""`check --deploy`: a production site names its organisation and how to reach it."""

from django.core.checks import Tags, Warning, register
from django.db.utils import DatabaseError


@register(Tags.compatibility, deploy=True)
def check_organisation_settings(app_configs, **kwargs):
    """Reads the database, so it runs only with --deploy; a database that is not migrated yet is skipped."""
    from .organisation import sites_missing_contact_details

    try:
        missing = sites_missing_contact_details()
    except DatabaseError:
        return []
    return [
        Warning(
            f"Site {site}: the organisation's {', '.join(fields)} is empty; pages, PDFs, SMS and e-mails then "
            "say 'de zorgorganisatie' and give no way to reach it.",
            hint="Fill in Instellingen > Contactgegevens organisatie in the admin (or run load_demo for the demo).",
            id="home.W001",
        )
        for site, fields in missing
    ]
