"""The terms page type (was home.TermsPage) and the acceptances (were accounts.TermsAcceptance) move here.

Only Django's model state moves: the tables, their rows and the pages stay as
they are. 0002 moves the content types and renames the tables.
"""

import django.db.models.deletion
import django.utils.timezone
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("home", "0003_faq_question_screenshot"),
        ("accounts", "0007_usersession_without_session_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TermsPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="wagtailcore.page",
                            ),
                        ),
                        ("version", models.CharField(help_text="Bijvoorbeeld 2.1", max_length=50, verbose_name="versie")),
                        (
                            "effective_date",
                            models.DateField(help_text="Datum waarop deze versie geldt.", verbose_name="ingangsdatum"),
                        ),
                        (
                            "body",
                            wagtail.fields.RichTextField(
                                help_text="De volledige gebruikersvoorwaarden.", verbose_name="tekst"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "gebruikersvoorwaarden",
                        "verbose_name_plural": "gebruikersvoorwaarden",
                        "permissions": [("publish_terms", "Mag de gebruikersvoorwaarden publiceren")],
                        "db_table": "home_termspage",
                    },
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="TermsAcceptance",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("version", models.CharField(max_length=50, verbose_name="versie")),
                        (
                            "accepted_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="geaccepteerd op"),
                        ),
                        ("ip_address", models.GenericIPAddressField(blank=True, null=True, verbose_name="IP-adres")),
                        (
                            "revision",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.revision"
                            ),
                        ),
                        (
                            "terms_page",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="acceptances",
                                to="terms.termspage",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="terms_acceptances",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "acceptatie gebruikersvoorwaarden",
                        "verbose_name_plural": "acceptaties gebruikersvoorwaarden",
                        "ordering": ["-accepted_at"],
                        "permissions": [
                            ("view_terms_report", "Mag het overzicht van de acceptatie van de voorwaarden zien")
                        ],
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "revision"), name="unique_acceptance_per_revision")
                        ],
                        "db_table": "accounts_termsacceptance",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
