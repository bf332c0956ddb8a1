"""A mobile number typed without country code is read in one region, `PHONENUMBER_DEFAULT_REGION`, everywhere."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from accounts.forms import ContactDetailsForm
from accounts.models import SmsOutboxMessage, User
from backoffice.forms import PortalAccountForm, ResetSecondFactorForm
from home.application import MobileNumberField

NUMBERS = [("NL", "06 12345678", "+31612345678"), ("BE", "0470 12 34 56", "+32470123456")]


def read_everywhere(typed):
    """The number as each place that takes a typed mobile number stores it."""
    contact = ContactDetailsForm(data={"email": "anna@example.org", "mobile_number": typed})
    assert contact.is_valid(), contact.errors
    return {
        "profile": str(contact.cleaned_data["mobile_number"]),
        "new portal account": str(PortalAccountForm.base_fields["mobile_number"].clean(typed)),
        "second factor reset": str(ResetSecondFactorForm.base_fields["mobile_number"].clean(typed)),
        "application form": MobileNumberField().clean(typed),
        "user model": str(User._meta.get_field("mobile_number").to_python(typed)),
    }


@pytest.mark.parametrize(("region", "typed", "e164"), NUMBERS)
def test_a_number_without_country_code_is_read_in_the_configured_region_everywhere(region, typed, e164):
    with override_settings(PHONENUMBER_DEFAULT_REGION=region):
        read = read_everywhere(typed)
    assert read == dict.fromkeys(read, e164)


@pytest.mark.django_db
@pytest.mark.parametrize(("region", "typed", "e164"), NUMBERS)
def test_the_sms_outbox_reads_a_number_in_the_configured_region(region, typed, e164):
    SmsOutboxMessage.objects.create(number=e164, text="Uw MijnDossier inlogcode: 1234-567890")
    SmsOutboxMessage.objects.create(number="+31699999998", text="voor iemand anders")
    out = io.StringIO()
    with override_settings(PHONENUMBER_DEFAULT_REGION=region):
        call_command("sms_outbox", number=typed, stdout=out)
    assert "1234-567890" in out.getvalue()
    assert "iemand anders" not in out.getvalue()
