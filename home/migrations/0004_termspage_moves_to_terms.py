"""TermsPage now belongs to the terms app (terms 0001); its table, rows and pages stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_faq_question_screenshot"),
        ("terms", "0001_initial"),
        # The acceptances' foreign key pointed here until they moved too.
        ("accounts", "0008_termsacceptance_moves_to_terms"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="TermsPage")],
            database_operations=[],
        ),
    ]
