from __future__ import annotations

import io
import uuid
import zipfile
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from callhire.base.services import UploadedCV
from callhire.postings.reader import ReaderError, extract_text
from callhire.presale.questions import Question, collect_facts

CV_MAX_BYTES = 5 * 1024 * 1024


def read_cv(data: bytes, filename: str) -> UploadedCV:
    """Check a CV's type by its content (PDF or Word .docx) and read its text; raise ValidationError."""
    if len(data) > CV_MAX_BYTES:
        raise forms.ValidationError(_("The CV is larger than 5 MB. Please upload a smaller file."))
    if data.startswith(b"%PDF-"):
        extension = "pdf"
    elif data.startswith(b"PK") and _is_docx(data):
        extension = "docx"
    else:
        raise forms.ValidationError(_("The CV must be a PDF or a Word (.docx) file."))
    try:
        text = extract_text(data, f"cv.{extension}")
    except ReaderError:
        text = ""  # a scanned CV has no text layer; the recruiter can still open it
    return UploadedCV(data=data, extension=extension, text=text[:200_000], filename=filename[:200])


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


class QuestionsForm(forms.Form):
    """A form of the questions a profile needs answered."""

    def __init__(self, questions: list[Question], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields.update(question.fields)
        self.question_fields = [name for question in questions for name in question.fields]

    def facts(self) -> dict[str, Any]:
        return collect_facts(self.questions, self.cleaned_data)


class ApplicationForm(QuestionsForm):
    name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("Email"), max_length=254)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=40, required=False)
    cv = forms.FileField(
        label=gettext_lazy("CV"),
        required=False,
        help_text=gettext_lazy("PDF or Word (.docx), at most 5 MB."),
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I have read the privacy notice and agree to my data being used to assess this application."
        ),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    update_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    contact_fields = ("name", "email", "phone")

    def __init__(self, questions: list[Question], *args: Any, pending_cv: UploadedCV | None = None, **kwargs: Any):
        super().__init__(questions, *args, **kwargs)
        self.pending_cv = pending_cv
        # Questions sit between contact details and the CV, as the candidate reads them.
        self.order_fields(
            [*self.contact_fields, *self.question_fields, "cv", "consent", "submission_key", "update_token"]
        )
        if not self.is_bound and "submission_key" not in self.initial:
            self.initial["submission_key"] = uuid.uuid4()

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def clean_cv(self) -> UploadedCV | None:
        upload = self.cleaned_data.get("cv")
        if not upload:
            return self.pending_cv
        if upload.size > CV_MAX_BYTES:
            raise forms.ValidationError(_("The CV is larger than 5 MB. Please upload a smaller file."))
        return read_cv(upload.read(), upload.name)
