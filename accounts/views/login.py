"""The login: django-two-factor-auth's wizard with our SMS challenge as the default second step."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from formtools.wizard.storage import get_storage
from two_factor import signals
from two_factor.forms import AuthenticationTokenForm
from two_factor.plugins.phonenumber.models import PhoneDevice
from two_factor.plugins.registry import registry
from two_factor.views import LoginView
from two_factor.views.utils import IdempotentSessionWizardView

from accounts import code_lockout
from accounts.challenges import (
    LOGIN,
    SmsChallengeError,
    issue_sms_challenge,
    new_login_attempt,
    open_challenge,
    void_open_challenges,
)
from accounts.forms import AppCodeForm, PortalAuthenticationForm, RecoveryCodeForm, SmsCodeForm
from accounts.models import mask_phone_number
from accounts.passkeys import has_passkey
from accounts.redirects import safe_next_url
from home.organisation import current_organisation

LOGIN_STEP_EXPIRED = _("Uw inlogpoging duurde te lang of is verlopen. Vul opnieuw uw gebruikersnaam en wachtwoord in.")
# Shown above the login form for ?reden=…; %(minutes)s is the idle timeout.
LOGIN_NOTICES = {
    "inactief": _(
        "U was %(minutes)s minuten niet actief. Daarom bent u voor uw veiligheid uitgelogd. Log opnieuw in om "
        "verder te gaan."
    ),
    "sessie-verlopen": _("Uw sessie is verlopen. Log opnieuw in."),
    "uitgelogd": _("U bent uitgelogd."),
    "niet-akkoord": _(
        "U bent uitgelogd omdat u niet akkoord bent gegaan met de gebruikersvoorwaarden. Zonder akkoord kunt u "
        "MijnDossier niet gebruiken. Heeft u vragen over de voorwaarden? %(contact)s"
    ),
    "account-beeindigd": _("Uw sessie is beëindigd. Log opnieuw in."),
}


LOGIN_ATTEMPT_KEY = "sms_login_attempt"


def is_sms_device(device):
    return isinstance(device, PhoneDevice) and device.method == "sms"


class PortalLoginView(LoginView):
    form_list = (
        (LoginView.AUTH_STEP, PortalAuthenticationForm),
        (LoginView.TOKEN_STEP, AppCodeForm),
        (LoginView.BACKUP_STEP, RecoveryCodeForm),
    )
    template_name = "two_factor/core/login.html"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sms_error = ""

    def post(self, *args, **kwargs):
        if not self._fits_this_attempt(self.request.POST):
            return self._start_again()
        if "request_sms_code" in self.request.POST:
            return self._request_sms_code()
        try:
            return super().post(*args, **kwargs)
        except SuspiciousOperation:
            return self._start_again()

    def _fits_this_attempt(self, data):
        """Second-factor fields only after a password step that has not timed out, and only known steps."""
        posted_step = data.get(f"{self.prefix}-current_step")
        if posted_step and posted_step not in self.form_list:
            return False
        second_factor = {"challenge_device", "request_sms_code"} & set(data) or data.get("wizard_goto_step") in (
            self.TOKEN_STEP,
            self.BACKUP_STEP,
        )
        if second_factor or posted_step in (self.TOKEN_STEP, self.BACKUP_STEP):
            return bool(self.get_user()) and not self.expired
        return True

    def _start_again(self):
        """A stale, tampered or out-of-order form: the password step again, with a message, never an error page."""
        self.storage.reset()
        self.show_timeout_error = True
        return self.render_goto_step(self.FIRST_STEP)

    def _request_sms_code(self):
        user = self.get_user()
        if not user or self.expired or self.steps.current != self.TOKEN_STEP:
            return self._start_again()
        if code_lockout.active_block(user) is not None:
            self.sms_error = code_lockout.blocked_message(self.request)
            return self.render(self.get_form())
        try:
            issue_sms_challenge(user, LOGIN, self.request, attempt=self.login_attempt)
        except SmsChallengeError as error:
            self.sms_error = str(error)
        return self.render(self.get_form())

    @property
    def login_attempt(self):
        """The secret of this browser's current login attempt; SMS codes are bound to it."""
        return self.storage.data.get(LOGIN_ATTEMPT_KEY, "")

    def process_step(self, form):
        if self.steps.current != self.AUTH_STEP:
            return super().process_step(form)
        previous_user, previous_attempt = self.get_user(), self.login_attempt
        if previous_user and previous_attempt:
            # A new password step in this browser: the codes of its earlier attempt no longer count.
            # Other browsers' attempts keep theirs.
            void_open_challenges(previous_user, LOGIN, previous_attempt)
        result = super().process_step(form)
        if form.is_valid():
            self.storage.data[LOGIN_ATTEMPT_KEY] = new_login_attempt()
        return result

    def get_form(self, step=None, data=None, files=None):
        step = step or self.steps.current
        form_class = self._token_form_class() if step == self.TOKEN_STEP else None
        if form_class is None:
            # two-factor's own "session timed out" error addresses the user with "je"; ours says "u".
            timed_out, self.show_timeout_error = self.show_timeout_error, False
            form = super().get_form(step=step, data=data, files=files)
            self.show_timeout_error = timed_out
            if timed_out:
                form.cleaned_data = getattr(form, "cleaned_data", {})
                form.add_error(None, ValidationError(LOGIN_STEP_EXPIRED))
            return form
        kwargs = self.get_form_kwargs(step)
        if form_class is SmsCodeForm:
            kwargs["attempt"] = self.login_attempt
        kwargs.update(
            data=data,
            files=files,
            prefix=self.get_form_prefix(step, form_class),
            initial=self.get_form_initial(step),
        )
        return form_class(**kwargs)

    def _token_form_class(self):
        """Our SMS challenge form, or two-factor's authenticator-app form with Dutch messages."""
        device = self.get_device()
        if is_sms_device(device):
            return SmsCodeForm
        if device is not None and registry.method_from_device(device).get_token_form_class() is AuthenticationTokenForm:
            return AppCodeForm
        return None

    def render(self, form=None, **kwargs):
        # The SMS is sent only when the user presses "SMS-inlogcode aanvragen".
        if self.steps.current == self.TOKEN_STEP and is_sms_device(self.get_device()):
            return IdempotentSessionWizardView.render(self, form, **kwargs)
        return super().render(form, **kwargs)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if self.steps.current == self.TOKEN_STEP:
            device = self.get_device()
            context["is_sms"] = is_sms_device(device)
            if context["is_sms"]:
                challenge = open_challenge(self.get_user(), LOGIN, self.login_attempt)
                context["sms_challenge"] = challenge
                context["masked_number"] = mask_phone_number(device.number)
            context["sms_error"] = self.sms_error
            context["has_passkey"] = has_passkey(self.get_user())
        notice = LOGIN_NOTICES.get(self.request.GET.get("reden", ""))
        if notice:
            contact = current_organisation(self.request).contact_sentence
            context["login_notice"] = notice % {"minutes": settings.SESSION_COOKIE_AGE // 60, "contact": contact}
        context["validity_minutes"] = settings.SMS_CODE_VALIDITY_SECONDS // 60
        context["passwordless_login"] = settings.PASSKEY_PASSWORDLESS_LOGIN
        return context

    def get_success_url(self):
        return self.get_redirect_url() or landing_url(self.get_user())

    @classmethod
    def for_request(cls, request):
        """The login wizard of this session, for a second step that completes outside the wizard's form posts."""
        view = cls()
        view.setup(request)
        view.prefix = view.get_prefix(request)
        view.storage = get_storage(view.storage_name, view.prefix, request, getattr(view, "file_storage", None))
        return view


def landing_url(user):
    """Where a login ends without a `next`: staff without a dossier of their own go to the admin."""
    if user and user.is_staff and not user.dossier_accesses.exists():
        return reverse("wagtailadmin_home")
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def pending_login_user(request):
    """The user who passed the password step of this session's login, while that step has not expired."""
    wizard = PortalLoginView.for_request(request)
    if wizard.expired:
        return None
    return wizard.get_user() or None


def finish_login(request, device):
    """Complete the pending login with a second factor verified elsewhere (a passkey); returns where to go."""
    wizard = PortalLoginView.for_request(request)
    user = wizard.get_user()
    login(request, user)
    otp_login(request, device)
    signals.user_verified.send(sender=__name__, request=request, user=user, device=device)
    url = wizard.get_success_url()
    wizard.storage.reset()
    return url


def admin_login(request):
    """Wagtail's admin login goes through the same two-factor login."""
    next_url = safe_next_url(request, reverse("wagtailadmin_home"))
    if request.user.is_authenticated and request.user.is_verified():
        return redirect(next_url)
    return redirect(f"{reverse('two_factor:login')}?{urlencode({'next': next_url})}")
