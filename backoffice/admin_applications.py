"""Application-form submissions: review, mark processed or rejected, and turn one into a portal account."""

import unicodedata
from datetime import date

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import re_path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper

from dossier.models import Client, RelationshipType
from home.application import SubmissionStatus
from home.models import ApplicationSubmission

from .admin_accounts import PortalAccountAdmin
from .admin_base import ScopedModelAdmin
from .forms import ProcessSubmissionForm


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()


def labelled_answers(submission) -> list[tuple[str, str, str]]:
    """(label, field_type, answer) per form field, in form order; answers to removed fields come last."""
    data = submission.form_data
    rows, seen = [], set()
    page = submission.page.specific if submission.page_id else None
    for field in page.get_form_fields() if page is not None and hasattr(page, "get_form_fields") else []:
        seen.add(field.clean_name)
        rows.append((field.label, field.field_type, data.get(field.clean_name, "")))
    for key, value in submission.form_data.items():
        if key not in seen:
            rows.append((key, "", value))
    return rows


def _role_from_answer(answer: str) -> str:
    answer = _normalise(answer)
    if "wettelijk" in answer or "vertegenwoordig" in answer:
        return RelationshipType.MENTOR
    if "verwant" in answer or "familie" in answer or "naaste" in answer:
        return RelationshipType.INFORMAL
    return RelationshipType.SELF


def _split_name(full_name: str) -> tuple[str, str]:
    first, _sep, last = str(full_name).strip().partition(" ")
    return first, last.strip()


def submission_answers(submission) -> dict:
    """The answers that matter for an account, found by the fields' labels or types."""
    answers = {}
    for label, field_type, answer in labelled_answers(submission):
        if answer in ("", None):
            continue
        label = _normalise(label)
        if field_type == "email" or "e-mail" in label:
            answers.setdefault("email", answer)
        elif field_type == "mobile" or "mobiel" in label:
            answers.setdefault("mobile_number", answer)
        elif "relatie" in label:
            answers.setdefault("role", _role_from_answer(answer))
        elif "clientnummer" in label:
            answers.setdefault("client_number", str(answer).strip())
        elif "geboortedatum" in label:
            answers.setdefault("date_of_birth", answer)
        elif "naam" in label and "cli" in label:
            answers.setdefault("client_name", answer)
        elif "naam" in label:
            answers.setdefault("applicant_name", answer)
    answers.setdefault("role", RelationshipType.SELF)
    return answers


def applicant_name(answers) -> str:
    """Who gets the account: the client, or the person applying on their behalf."""
    if answers["role"] == RelationshipType.SELF:
        return answers.get("client_name") or answers.get("applicant_name") or ""
    return answers.get("applicant_name") or answers.get("client_name") or ""


def submission_initial(submission, user) -> dict:
    """Prefill the account form from the answers, so nothing has to be retyped."""
    answers = submission_answers(submission)
    initial = {key: answers[key] for key in ("email", "mobile_number") if key in answers}
    initial["role"] = answers["role"]
    initial["first_name"], initial["last_name"] = _split_name(applicant_name(answers))

    clients = Client.objects.managed_by(user)
    client = None
    if answers.get("client_number"):
        client = clients.filter(client_number=answers["client_number"]).first()
    if client is None and answers.get("client_name") and answers.get("date_of_birth"):
        first, last = _split_name(answers["client_name"])
        try:
            born = date.fromisoformat(str(answers["date_of_birth"])[:10])
        except ValueError:
            born = None
        if born is not None:
            client = clients.filter(first_name__iexact=first, last_name__iexact=last, date_of_birth=born).first()
    if client is not None:
        initial["client"] = client.pk
    return initial


class SubmissionPermissionHelper(PermissionHelper):
    def user_can_list(self, user):
        return self.user_has_specific_permission(user, "view_applicationsubmission")

    def user_can_create(self, user):
        return False

    def user_can_inspect_obj(self, user, obj):
        return self.user_can_list(user)

    def user_can_edit_obj(self, user, obj):
        # "Edit" is the processing screen; only new submissions need it.
        return obj.status == SubmissionStatus.NEW and self.user_has_specific_permission(
            user, "change_applicationsubmission"
        )

    def user_can_create_account(self, user, obj):
        return self.user_can_edit_obj(user, obj) and user.has_perm("backoffice.add_portalaccount")


class SubmissionButtonHelper(ButtonHelper):
    edit_button_classnames = ["button-primary"]

    def edit_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().edit_button(pk, classnames_add, classnames_exclude)
        button.update(label=_("Verwerken"), title=_("Deze aanvraag verwerken"))
        return button


def applicant(submission):
    return applicant_name(submission_answers(submission)) or "–"


applicant.short_description = gettext_lazy("aanvrager")


class ApplicationSubmissionAdmin(ScopedModelAdmin):
    model = ApplicationSubmission
    menu_label = gettext_lazy("Aanvragen")
    menu_icon = "mail"
    permission_helper_class = SubmissionPermissionHelper
    button_helper_class = SubmissionButtonHelper
    list_display = ("submit_time", applicant, "status", "processed_by", "processed_at")
    list_filter = ("status", "submit_time")
    list_select_related = ("processed_by", "page")
    inspect_view_fields = ["submit_time", "status", "processed_at", "processed_by", "staff_note"]
    log_reads = False
    ordering = ("-submit_time",)

    def scoped_queryset(self, request):
        # Applications do not belong to a team yet: every care worker sees them.
        return ApplicationSubmission.objects.all()

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            re_path(
                self.url_helper.get_action_url_pattern("create_account"),
                self.create_account_view,
                name=self.url_helper.get_action_url_name("create_account"),
            ),
        )

    def edit_view(self, request, instance_pk):
        """Review the answers and mark the submission processed or rejected, with a note."""
        submission = self.get_scoped_instance(request, instance_pk)
        if not self.permission_helper.user_can_edit_obj(request.user, submission):
            raise PermissionDenied
        reject = "reject" in request.POST
        form = ProcessSubmissionForm(request.POST or None, note_required=reject)
        if request.method == "POST" and form.is_valid():
            status = SubmissionStatus.REJECTED if reject else SubmissionStatus.PROCESSED
            self.mark(submission, request.user, status, form.cleaned_data["staff_note"])
            messages.success(
                request,
                _("De aanvraag is afgewezen.") if reject else _("De aanvraag is gemarkeerd als verwerkt."),
            )
            return redirect(self.url_helper.index_url)
        if request.method == "POST":
            messages.error(request, _("De aanvraag is niet bijgewerkt. Verbeter de gemarkeerde velden."))
        buttons = [("process", _("Markeren als verwerkt"), "button-secondary"), ("reject", _("Afwijzen"), "serious")]
        intro = [
            _(
                "Controleer de gegevens met de cliënt of de wettelijk vertegenwoordiger. Maak daarna het account "
                "aan; de aanvraag wordt dan vanzelf op verwerkt gezet."
            )
        ]
        return TemplateResponse(
            request,
            "backoffice/action_form.html",
            {
                "title": _("Aanvraag verwerken"),
                "subtitle": timezone.localtime(submission.submit_time).strftime("%d-%m-%Y %H:%M"),
                "icon": "mail",
                "intro": intro,
                "details": [(label, answer) for label, _type, answer in labelled_answers(submission)],
                "form": form,
                "submit_buttons": buttons,
                "cancel_url": self.url_helper.index_url,
                "create_account_url": self.url_helper.get_action_url("create_account", quote(submission.pk))
                if self.permission_helper.user_can_create_account(request.user, submission)
                else None,
            },
        )

    def create_account_view(self, request, instance_pk):
        submission = self.get_scoped_instance(request, instance_pk)
        if not self.permission_helper.user_can_create_account(request.user, submission):
            raise PermissionDenied
        initial = submission_initial(submission, request.user)
        intro_extra = []
        if "client" not in initial:
            intro_extra.append(
                _("Het cliëntnummer uit de aanvraag hoort niet bij een cliënt van uw team. Kies de cliënt zelf.")
            )
        return PortalAccountAdmin().create_view(
            request,
            initial=initial,
            on_created=lambda account: self.mark(
                submission, request.user, SubmissionStatus.PROCESSED, _("Account %s aangemaakt.") % account.username
            ),
            success_url=self.url_helper.index_url,
            context={
                "title": _("Account aanmaken uit aanvraag"),
                "details": [(label, answer) for label, _type, answer in labelled_answers(submission)],
                "intro": [*intro_extra],
            },
        )

    @staticmethod
    def mark(submission, user, status, note=""):
        submission.status = status
        submission.processed_at = timezone.now()
        submission.processed_by = user
        if note:
            submission.staff_note = "\n".join(filter(None, [submission.staff_note, note]))
        submission.save(update_fields=["status", "processed_at", "processed_by", "staff_note"])
