import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import dossier.models


class Migration(migrations.Migration):
    dependencies = [
        ("dossier", "0006_team_external_source"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="dossieraccess", old_name="role", new_name="relationship"),
        migrations.AlterField(
            model_name="dossieraccess",
            name="relationship",
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
                verbose_name="relatie tot de cliënt",
            ),
        ),
        migrations.AddField(
            model_name="dossieraccess",
            name="scopes",
            field=dossier.models.ScopesField(
                blank=True,
                default="",
                help_text="Leeg bij een nieuwe toegang: wat de relatie standaard geeft. Nooit meer dan de relatie toestaat.",
                max_length=200,
                verbose_name="toegang tot",
            ),
        ),
        migrations.AddField(
            model_name="dossieraccess",
            name="basis_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("own_dossier", "eigen dossier"),
                    ("parental_authority", "gezag (gezagsregister)"),
                    ("court_decision", "rechterlijke beslissing"),
                    ("written_authorisation", "schriftelijke machtiging van de cliënt"),
                    ("client_consent", "toestemming van de cliënt"),
                ],
                max_length=30,
                verbose_name="grondslag",
            ),
        ),
        migrations.AddField(
            model_name="dossieraccess",
            name="basis_reference",
            field=models.CharField(
                blank=True,
                help_text="Bijvoorbeeld het zaaknummer van de beschikking of de datum van de machtiging.",
                max_length=200,
                verbose_name="kenmerk grondslag",
            ),
        ),
        migrations.AddField(
            model_name="dossieraccess",
            name="basis_date",
            field=models.DateField(blank=True, null=True, verbose_name="datum grondslag"),
        ),
        migrations.AddField(
            model_name="dossieraccess",
            name="registered_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="registered_dossier_accesses",
                to=settings.AUTH_USER_MODEL,
                verbose_name="vastgelegd door",
            ),
        ),
        migrations.AddField(
            model_name="dossieraccess",
            name="client_consent_on",
            field=models.DateField(
                blank=True,
                help_text="Voor een ouder of voogd van een cliënt van 12 tot 16 jaar: pas dan ziet die de dossierinhoud.",
                null=True,
                verbose_name="toestemming cliënt (12-16 jaar) op",
            ),
        ),
        migrations.AddField(
            model_name="dossieraccess",
            name="age_notice",
            field=models.CharField(
                blank=True,
                choices=[
                    ("consent_needed", "toestemming van de cliënt nodig (12 jaar)"),
                    ("ended_at_16", "beëindigd: de cliënt is 16"),
                ],
                editable=False,
                max_length=20,
                verbose_name="laatste leeftijdsmelding",
            ),
        ),
        migrations.AddField(
            model_name="dossieraccess",
            name="confirmed_by_client_on",
            field=models.DateField(
                blank=True,
                help_text="Vanaf 16 jaar beslist de cliënt: zonder bevestiging eindigt de toegang van ouders en voogd.",
                null=True,
                verbose_name="bevestigd door cliënt (16+) op",
            ),
        ),
    ]
