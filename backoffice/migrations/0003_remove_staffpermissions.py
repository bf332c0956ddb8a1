"""The terms permissions moved to the terms models (terms 0002); the holder without a table goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0002_dutch_permission_names"),
        ("terms", "0002_content_types_permissions_and_tables"),
    ]

    operations = [
        migrations.DeleteModel(name="StaffPermissions"),
    ]
