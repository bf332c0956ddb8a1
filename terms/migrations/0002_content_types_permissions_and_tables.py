"""Existing terms pages, acceptances and permissions keep working under the new app label.

A Wagtail page knows its type by content type (`Page.content_type`, and the
revisions, workflow states and search index entries by id): renaming the two
content types' app label keeps all of them. The two permissions that had no
model of their own (`backoffice.StaffPermissions`) move to the terms models,
so the groups that hold them keep them. Then the tables get the app's name.
"""

from django.db import migrations

MOVED_MODELS = [("home", "termspage"), ("accounts", "termsacceptance")]
# codename: the terms model it belongs to now
MOVED_PERMISSIONS = {"publish_terms": "termspage", "view_terms_report": "termsacceptance"}


def _relabel(ContentType, old_label, new_label, model):
    if ContentType.objects.filter(app_label=new_label, model=model).exists():
        return
    ContentType.objects.filter(app_label=old_label, model=model).update(app_label=new_label)


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for old_label, model in MOVED_MODELS:
        _relabel(ContentType, old_label, "terms", model)
    for codename, model in MOVED_PERMISSIONS.items():
        target = ContentType.objects.filter(app_label="terms", model=model).first()
        if target is not None:
            Permission.objects.filter(
                content_type__app_label="backoffice", content_type__model="staffpermissions", codename=codename
            ).update(content_type=target)
    ContentType.objects.clear_cache()


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    staff_permissions, _ = ContentType.objects.get_or_create(app_label="backoffice", model="staffpermissions")
    Permission.objects.filter(content_type__app_label="terms", codename__in=MOVED_PERMISSIONS).update(
        content_type=staff_permissions
    )
    for old_label, model in MOVED_MODELS:
        _relabel(ContentType, "terms", old_label, model)
    ContentType.objects.clear_cache()


class Migration(migrations.Migration):
    dependencies = [
        ("terms", "0001_initial"),
        ("home", "0004_termspage_moves_to_terms"),
        ("accounts", "0008_termsacceptance_moves_to_terms"),
        ("backoffice", "0002_dutch_permission_names"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterModelTable(name="termspage", table=None),
        migrations.AlterModelTable(name="termsacceptance", table=None),
    ]
