"""TermsAcceptance now belongs to the terms app (terms 0001); its table and rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_usersession_without_session_key"),
        ("terms", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="TermsAcceptance")],
            database_operations=[],
        ),
    ]
