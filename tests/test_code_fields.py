"""WCAG 2.2 SC 3.3.8 (accessible authentication): every code field allows paste and autofill.

Each form with a one-time-code field says `autocomplete="one-time-code"`, numeric codes also
`inputmode="numeric"`, and no template blocks pasting.
"""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from two_factor.forms import TOTPDeviceForm

CODE_FIELD_NAMES = {"code", "otp_token", "token"}
PROJECT_FORM_MODULES = ["accounts.forms", "signing.forms"]
# Package forms our views render as they are.
PACKAGE_FORMS_IN_USE = [TOTPDeviceForm]
LETTER_CODES = {"RecoveryCodeForm"}
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def forms_with_a_code_field():
    found = list(PACKAGE_FORMS_IN_USE)
    for module_name in PROJECT_FORM_MODULES:
        module = importlib.import_module(module_name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            is_own_form = issubclass(cls, forms.BaseForm) and cls.__module__ == module_name
            if is_own_form and CODE_FIELD_NAMES & set(cls.base_fields):
                found.append(cls)
    return found


def _widget_attrs(form_class):
    """The rendered attributes of the code field (forms may add them in __init__)."""
    init = inspect.signature(form_class.__init__).parameters
    kwargs = {}
    if "user" in init:
        kwargs["user"] = None
    if "key" in init:
        kwargs["key"] = "0" * 40
    if "initial_device" in init:
        kwargs["initial_device"] = None
    if "challenge_id" in init:
        kwargs["challenge_id"] = None
    if "request" in init:
        kwargs["request"] = None
    form = form_class(**kwargs)
    name = next(name for name in form.fields if name in CODE_FIELD_NAMES)
    field = form.fields[name]
    return {**field.widget.attrs, **field.widget_attrs(field.widget)}


def test_the_project_forms_with_a_code_field_are_found():
    names = {cls.__name__ for cls in forms_with_a_code_field()}
    assert {"SmsCodeForm", "ReauthForm", "MobileNumberCodeForm", "AppCodeForm", "RecoveryCodeForm", "SignForm"} <= names


@pytest.mark.parametrize("form_class", forms_with_a_code_field(), ids=lambda cls: cls.__name__)
def test_every_code_field_allows_autofill_and_a_numeric_keyboard(form_class):
    attrs = _widget_attrs(form_class)
    assert attrs.get("autocomplete") == "one-time-code"
    if form_class.__name__ not in LETTER_CODES:
        assert attrs.get("inputmode") == "numeric"
    assert not any(key.startswith("on") for key in attrs), "no inline handlers (paste must work)"


def test_the_login_uses_the_accessible_code_forms():
    from accounts.views.login import PortalLoginView

    step_forms = {form.__name__ for _step, form in PortalLoginView.form_list}
    assert {"AppCodeForm", "RecoveryCodeForm"} <= step_forms


def test_no_template_blocks_pasting_a_code():
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        assert "onpaste" not in text and "paste" not in text.lower().replace("paste allowed", ""), template


def sms_code_forms():
    """The forms whose code field asks for an SMS code (not the app's code or a recovery code)."""
    found = []
    for form_class in forms_with_a_code_field():
        name = next(name for name in form_class.base_fields if name in CODE_FIELD_NAMES)
        if "SMS" in str(form_class.base_fields[name].label):
            found.append((form_class, name))
    return found


def test_every_form_that_asks_for_an_sms_code_uses_the_one_sms_code_field():
    from accounts.forms import SmsCodeField

    found = sms_code_forms()
    assert {cls.__name__ for cls, _name in found} == {"SmsCodeForm", "ReauthForm", "MobileNumberCodeForm", "SignForm"}
    for form_class, name in found:
        assert isinstance(form_class.base_fields[name], SmsCodeField), form_class.__name__


@pytest.mark.parametrize("form_class, name", sms_code_forms(), ids=lambda item: getattr(item, "__name__", item))
def test_every_sms_code_field_reads_the_same_input_the_same_way(form_class, name):
    field = form_class.base_fields[name]
    assert field.clean(" 482913 ") == "482913"
    assert field.clean("5913-482913") == "482913"
    assert field.clean("5913 - 482913") == "482913"
    for wrong in ("48291", "4829130", "abcdef", "12-482913"):
        with pytest.raises(forms.ValidationError) as error:
            field.clean(wrong)
        assert error.value.messages == ["De code bestaat uit 6 cijfers."], wrong
    assert field.widget.attrs["maxlength"] == len("5913-482913")
