from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ExtractForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the posting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=1_000_000,
    )
    file = forms.FileField(
        label=_("or upload it"),
        required=False,
        help_text=_("Text, Markdown, HTML, PDF or Word (.docx) file."),
    )
    language = forms.ChoiceField(
        label=_("Language of the posting"),
        choices=[("", _("Detect")), ("en", _("English")), ("ms", _("Malay"))],
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste the posting's text or choose a file."))
        return data


class ProfileTextForm(forms.Form):
    profile = forms.CharField(
        label=_("Job profile (YAML)"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "mono", "spellcheck": "false"}),
        max_length=200_000,
    )


class ProfileUploadForm(forms.Form):
    file = forms.FileField(label=_("Profile file (.yaml or .json)"))


class AssessmentSettingsForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("Sections this posting uses"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("typing", _("Typing test")),
            ("skills", _("Skills test")),
            ("judgement", _("Customer-service judgement")),
            ("work_style", _("Work style")),
            ("voice", _("Voice test")),
            ("sample_call", _("Sample call")),
        ],
    )
    typing_minutes = forms.IntegerField(label=_("Typing test length (minutes)"), min_value=1, max_value=3)
    math = forms.IntegerField(label=_("Pass mark, math (%)"), min_value=0, max_value=100)
    writing = forms.IntegerField(label=_("Pass mark, writing (%)"), min_value=0, max_value=100)
    computer = forms.IntegerField(label=_("Pass mark, computer literacy (%)"), min_value=0, max_value=100)
    auto_invite = forms.BooleanField(label=_("Invite every new applicant automatically"), required=False)
    techcheck = forms.BooleanField(
        label=_("Ask for the home-office tech check"),
        required=False,
        help_text=_("Always asked when the profile has internet, workspace, computer or headset requirements."),
    )


class ReviewForm(forms.Form):
    score = forms.IntegerField(label=_("Your score for the written reply (0-100)"), min_value=0, max_value=100)


class CallAudioForm(forms.Form):
    file = forms.FileField(
        label=_("Your recording of this turn"),
        help_text=_("A WAV file (PCM), 1 to 60 seconds, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".wav,audio/wav"}),
    )
