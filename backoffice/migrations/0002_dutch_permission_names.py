from django.db import migrations

PERMISSION_NAMES = {
    "deactivate_portalaccount": ("Can deactivate portal accounts", "Mag portaalaccounts uitzetten"),
    "reset_second_factor_portalaccount": (
        "Can reset the second factor of portal accounts",
        "Mag de SMS-inlogcode van portaalaccounts herstellen",
    ),
    "publish_terms": ("Can publish the terms of use", "Mag de gebruikersvoorwaarden publiceren"),
    "view_terms_report": (
        "Can view the terms acceptance report",
        "Mag het overzicht van de acceptatie van de voorwaarden zien",
    ),
}


def rename(apps, schema_editor, *, to_dutch=True):
    """Django creates missing permissions after migrate but never renames existing ones."""
    Permission = apps.get_model("auth", "Permission")
    for codename, (english, dutch) in PERMISSION_NAMES.items():
        old, new = (english, dutch) if to_dutch else (dutch, english)
        Permission.objects.filter(content_type__app_label="backoffice", codename=codename, name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, to_dutch=False)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="portalaccount",
            options={
                "permissions": [
                    ("deactivate_portalaccount", "Mag portaalaccounts uitzetten"),
                    ("reset_second_factor_portalaccount", "Mag de SMS-inlogcode van portaalaccounts herstellen"),
                ],
                "verbose_name": "portaalaccount",
                "verbose_name_plural": "portaalaccounts",
            },
        ),
        migrations.AlterModelOptions(
            name="staffpermissions",
            options={
                "default_permissions": (),
                "managed": False,
                "permissions": [
                    ("publish_terms", "Mag de gebruikersvoorwaarden publiceren"),
                    ("view_terms_report", "Mag het overzicht van de acceptatie van de voorwaarden zien"),
                ],
            },
        ),
        migrations.RunPython(rename, rename_back),
    ]
