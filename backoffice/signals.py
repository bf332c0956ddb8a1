from django.db.models.signals import post_migrate


def setup_roles_after_migrate(sender, app_config, using, **kwargs):
    """Keep the staff groups complete after every migrate (and after test flushes)."""
    if app_config.name != "backoffice":
        return
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Other apps' permissions may not exist yet at this point of post_migrate.
    for config in apps.get_app_configs():
        create_contenttypes(config, verbosity=0, using=using)
        create_permissions(config, verbosity=0, using=using)

    from .roles import setup_roles

    setup_roles()


def connect(app_config):
    post_migrate.connect(setup_roles_after_migrate, sender=app_config, dispatch_uid="backoffice_setup_roles")
