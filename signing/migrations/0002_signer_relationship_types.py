"""A signature names the signer's relationship type: client → self, legal representative → mentor."""

from django.db import migrations, models

OLD_TO_NEW = {"client": "self", "legal_representative": "mentor", "relative": "informal"}


def forwards(apps, schema_editor):
    PlanSignature = apps.get_model("signing", "PlanSignature")
    for old, new in OLD_TO_NEW.items():
        PlanSignature.objects.filter(signer_role=old).update(signer_role=new)


def backwards(apps, schema_editor):
    PlanSignature = apps.get_model("signing", "PlanSignature")
    for old, new in OLD_TO_NEW.items():
        PlanSignature.objects.filter(signer_role=new).update(signer_role=old)


class Migration(migrations.Migration):
    dependencies = [("signing", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="plansignature",
            name="signer_role",
            field=models.CharField(
                choices=[
                    ("self", "cliënt"),
                    ("parent", "ouder met gezag"),
                    ("guardian", "voogd"),
                    ("curator", "curator"),
                    ("mentor", "mentor"),
                    ("administrator", "bewindvoerder"),
                    ("authorised", "schriftelijk gemachtigde"),
                    ("informal", "familie of naaste"),
                ],
                max_length=30,
                verbose_name="rol",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
