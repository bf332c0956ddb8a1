"""DigiD links for the demo: marieke and henk can log in with the test DigiD provider that `make run` starts."""

from django.contrib.auth import get_user_model

from digid.models import DigidIdentity

# scripts/run-demo starts tests/oidc_provider/server.js here; its accounts hand out these pseudonyms.
DEMO_ISSUER = "http://127.0.0.1:8010"
DEMO_SUBJECTS = {
    "marieke": "digid-pseudoniem-marieke-0001",
    "henk": "digid-pseudoniem-henk-0002",
}


def load(stdout):
    User = get_user_model()
    for username, subject in DEMO_SUBJECTS.items():
        user = User.objects.get(username=username)
        DigidIdentity.objects.update_or_create(
            issuer=DEMO_ISSUER, subject=subject, defaults={"user": user, "name": "digid"}
        )
    stdout.write("DigiD: marieke and henk linked to the test DigiD provider")
