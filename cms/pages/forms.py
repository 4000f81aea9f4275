"""The CMS form of every public page: one page per language where a site needs only one."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm


class PublicPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        page = self.instance
        # Saving a draft defers the rules that only matter for publishing (see PublicPage.clean).
        page._defer_publish_checks = self.is_deferred_validation
        language = cleaned_data.get("language")
        if getattr(page, "one_per_language", False) and self.parent_page is not None and language:
            siblings = type(page).objects.child_of(self.parent_page).filter(language=language)
            if page.pk:
                siblings = siblings.exclude(pk=page.pk)
            if siblings.exists():
                self.add_error("language", page.language_clash_message())
        return cleaned_data
