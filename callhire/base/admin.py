from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from callhire.base import services
from callhire.base.models import Application, Employer, Membership, Posting, ProfileVersion
from callhire.screening.profile import ProfileError, dump_profile, load_profile


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "website"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


class ProfileVersionInline(admin.TabularInline):
    model = ProfileVersion
    extra = 0
    can_delete = False
    fields = ["number", "source", "created", "created_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class PostingForm(forms.ModelForm):
    profile_yaml = forms.CharField(
        label=_("Job profile (YAML or JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 90, "style": "font-family: monospace"}),
        help_text=_("Saving after applications have been screened makes a new profile version."),
    )

    class Meta:
        model = Posting
        fields = ["employer", "title", "location", "arrangement", "status", "closing_date", "language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version = self.instance.current_version() if self.instance.pk else None
        if version is not None:
            self.initial["profile_yaml"] = dump_profile(version.profile())

    def clean_profile_yaml(self) -> str:
        text = self.cleaned_data["profile_yaml"]
        if text.strip():
            try:
                load_profile(text)
            except ProfileError as exc:
                raise forms.ValidationError([str(e) for e in exc.errors]) from None
        return text


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin):
    form = PostingForm
    list_display = ["title", "employer", "arrangement", "status", "closing_date", "version_number"]
    list_filter = ["status", "arrangement", "employer"]
    search_fields = ["title", "employer__name", "location"]
    readonly_fields = ["description_en", "description_ms"]
    inlines = [ProfileVersionInline]

    @admin.display(description=_("Profile version"))
    def version_number(self, obj: Posting) -> int | None:
        version = obj.current_version()
        return version.number if version else None

    @admin.display(description=_("Job description (English)"))
    def description_en(self, obj: Posting) -> str:
        return format_html("<div class='callhire-description'>{}</div>", _safe(services.describe_posting(obj, "en")))

    @admin.display(description=_("Job description (Malay)"))
    def description_ms(self, obj: Posting) -> str:
        return format_html("<div class='callhire-description'>{}</div>", _safe(services.describe_posting(obj, "ms")))

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        text = form.cleaned_data.get("profile_yaml", "")
        if text.strip() and ("profile_yaml" in form.changed_data or obj.current_version() is None):
            services.profile_save(obj, load_profile(text).to_document(), user=request.user)


def _safe(html: str) -> SafeString:
    # The writer escapes every value it interpolates, so its HTML is safe to show as is.
    return mark_safe(html)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["name", "posting", "verdict", "score", "created"]
    list_filter = ["screening__verdict", "posting__employer"]
    search_fields = ["name", "email", "cv_text"]
    readonly_fields = ["profile_version", "verdict", "score", "findings"]
    list_select_related = ["posting", "screening"]
