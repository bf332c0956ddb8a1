"""Existing access log rows get the stable object keys and join the hash chain; then the database guards go on.

Old rows held the kind of data either as a key ("reports") or as the label in the
admin's language of the moment ("rapportage", "report"). Every known spelling
maps to its key; anything else becomes "other" with the old text kept in the
detail. Rows are then chained in the order they were written.
"""

from django.db import migrations

from dossier import log_integrity

OLD_SPELLINGS = {
    "dashboard": "dashboard",
    "startpagina": "dashboard",
    "reports": "reports",
    "rapportages": "reports",
    "report": "report",
    "rapportage": "report",
    "client_plans": "client_plans",
    "cliëntplannen": "client_plans",
    "client plans": "client_plans",
    "client_plan": "client_plan",
    "cliëntplan": "client_plan",
    "client plan": "client_plan",
    "evaluations": "evaluations",
    "evaluaties": "evaluations",
    "evaluation": "evaluation",
    "evaluatie": "evaluation",
    "care_agreements": "care_agreements",
    "zorgovereenkomsten": "care_agreements",
    "care agreements": "care_agreements",
    "care_agreement": "care_agreement",
    "zorgovereenkomst": "care_agreement",
    "care agreement": "care_agreement",
    "appointments": "appointments",
    "afspraken": "appointments",
    "appointment": "appointment",
    "afspraak": "appointment",
    "profile": "profile",
    "profiel en toegangslog": "profile",
    "client": "client",
    "cliënt": "client",
    "dossier": "client",
    "dossiertoegang": "dossier_access",
    "dossier access": "dossier_access",
    "lid zorgteam": "care_team_membership",
    "care team member": "care_team_membership",
    "portaalaccount": "portal_account",
    "portal account": "portal_account",
    "tweede factor": "second_factor",
    "second factor": "second_factor",
    "aanmelding": "application",
    "dossierimport": "dossier_import",
    "toegangslog": "access_log",
    "access log": "access_log",
}
KNOWN_KEYS = set(OLD_SPELLINGS.values())


def map_object_types(apps, schema_editor):
    Entry = apps.get_model("dossier", "AccessLogEntry")
    rows = Entry.objects.using(schema_editor.connection.alias)
    for old in rows.values_list("object_type", flat=True).distinct():
        key = OLD_SPELLINGS.get(old.strip().lower())
        if key is not None and key != old:
            rows.filter(object_type=old).update(object_type=key)
        elif key is None and old not in KNOWN_KEYS:
            for entry in rows.filter(object_type=old):
                entry.detail = f"{entry.detail} (gegevens: {old})".strip()[:255]
                entry.object_type = "other"
                entry.save(update_fields=["detail", "object_type"])


def chain_existing_rows(apps, schema_editor):
    Entry = apps.get_model("dossier", "AccessLogEntry")
    rows = Entry.objects.using(schema_editor.connection.alias)
    prev_hash, index, batch = log_integrity.GENESIS_HASH, 0, []
    for entry in rows.order_by("occurred_at", "pk").iterator(chunk_size=2000):
        index += 1
        entry.chain_index, entry.prev_hash = index, prev_hash
        entry.entry_hash = prev_hash = log_integrity.hash_of(entry, entry.prev_hash)
        batch.append(entry)
        if len(batch) >= 2000:
            Entry.objects.bulk_update(batch, ["chain_index", "prev_hash", "entry_hash"])
            batch = []
    Entry.objects.bulk_update(batch, ["chain_index", "prev_hash", "entry_hash"])


def install_guards(apps, schema_editor):
    log_integrity.install_guards(schema_editor)


def uninstall_guards(apps, schema_editor):
    log_integrity.uninstall_guards(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("dossier", "0002_access_log_nen7513_fields")]

    operations = [
        migrations.RunPython(map_object_types, migrations.RunPython.noop),
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop),
        migrations.RunPython(install_guards, uninstall_guards),
    ]
