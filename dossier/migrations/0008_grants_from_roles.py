"""Every grant keeps what it gave: client → self, legal representative → mentor, relative → informal contact.

The scopes are written out as the old role gave them (a relative read the dossier sections, appointments and
messages; the client and the legal representative also signed and asked for the afschrift).
"""

from django.db import migrations

OLD_TO_NEW = {"client": "self", "legal_representative": "mentor", "relative": "informal"}
EVERYTHING = ",afschrift,agreements,appointments,evaluations,messages,plans,reports,signing,"
RELATIVE = ",agreements,appointments,evaluations,messages,plans,reports,"
SCOPES = {"self": EVERYTHING, "mentor": EVERYTHING, "informal": RELATIVE}
BASIS = {"self": "own_dossier", "mentor": "court_decision", "informal": "client_consent"}


def forwards(apps, schema_editor):
    DossierAccess = apps.get_model("dossier", "DossierAccess")
    for old, new in OLD_TO_NEW.items():
        DossierAccess.objects.filter(relationship=old).update(relationship=new, scopes=SCOPES[new], basis_kind=BASIS[new])


def backwards(apps, schema_editor):
    DossierAccess = apps.get_model("dossier", "DossierAccess")
    for old, new in OLD_TO_NEW.items():
        DossierAccess.objects.filter(relationship=new).update(relationship=old)
    # Types the old roles cannot say go back as the nearest old role.
    DossierAccess.objects.filter(relationship__in=["parent", "guardian", "curator", "authorised"]).update(
        relationship="legal_representative"
    )
    DossierAccess.objects.filter(relationship="administrator").update(relationship="relative")


class Migration(migrations.Migration):
    dependencies = [("dossier", "0007_relationship_types")]

    operations = [migrations.RunPython(forwards, backwards)]
