"""Public Wagtail pages, served under /pages/: the school intro page, info pages for providers and
municipalities, the accessibility statement and the privacy notice.

Languages: each page is written in one language (``language``, rendered as ``<html lang>``); its
translations are sibling pages that point to the original with ``translation_of``. The interface around
the content (skip link, navigation, section headings) follows the page's language through gettext.

Every page type has ``api_representation()``: a plain dict for the GraphQL API.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from .blocks import (
    LANGUAGE_CHOICES,
    RICH_TEXT_FEATURES,
    DataItemBlock,
    KnownIssueBlock,
    PageBodyBlock,
    SchoolStepsBlock,
    VideoBlock,
    step_count_errors,
    validate_link,
    video_problems,
)
from .forms import PublicPageForm
from .qr import qr_svg

LANGUAGE_ORDER = [code for code, _name in LANGUAGE_CHOICES]
LANGUAGE_LINK_TEXT = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}

# The supervisory authority for the accessibility of digital services in Finland. Supervision moved
# from the Regional State Administrative Agency for Southern Finland to Traficom on 1 January 2025
# (HE 71/2024); the regional state administrative agencies themselves closed at the end of 2025.
# Used when a statement leaves these fields empty; editors can override each of them.
ACCESSIBILITY_ENFORCEMENT = {
    "fi": {
        "name": (
            "Liikenne- ja viestintävirasto Traficom\nDigitaalisen esteettömyyden ja saavutettavuuden valvontayksikkö"
        ),
        "url": "https://www.saavutettavuusvaatimukset.fi",
        "email": "saavutettavuus@traficom.fi",
        "phone": "029 534 5000",
    },
    "sv": {
        "name": "Transport- och kommunikationsverket Traficom\nEnheten för tillsyn över digital tillgänglighet",
        "url": "https://www.tillganglighetskrav.fi",
        "email": "saavutettavuus@traficom.fi",
        "phone": "029 534 5000",
    },
    "en": {
        "name": "Finnish Transport and Communications Agency Traficom\nDigital Accessibility Supervision Unit",
        "url": "https://www.webaccessibility.fi",
        "email": "saavutettavuus@traficom.fi",
        "phone": "+358 29 534 5000",
    },
}

# Where to complain about the processing of personal data (GDPR art. 77).
DATA_PROTECTION_AUTHORITY = {
    "fi": {"name": "Tietosuojavaltuutetun toimisto", "url": "https://tietosuoja.fi"},
    "sv": {"name": "Dataombudsmannens byrå", "url": "https://tietosuoja.fi/sv"},
    "en": {"name": "Office of the Data Protection Ombudsman", "url": "https://tietosuoja.fi/en"},
}


def html_to_text(html: str) -> str:
    """Plain text of rendered HTML: block elements become line breaks, tags go, blank runs shrink."""
    html = re.sub(r"(?i)<br\s*/?>|</(p|li|h[1-6]|dd|dt|div|section|figcaption|summary|tr)>", "\n", html)
    text = strip_tags(html)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class PublicPage(Page):
    """What every public page has: a language, a link to the page it translates, a shared chrome."""

    language = models.CharField(
        _("language"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        default="fi",
        help_text=_("The language of this page's title and text. Each translation is a page of its own."),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text=_("For a translation: the original (usually Finnish) page. Leave empty on the original."),
    )

    base_form_class = PublicPageForm
    language_panels = [
        MultiFieldPanel([FieldRowPanel([FieldPanel("language"), FieldPanel("translation_of")])], heading=_("Language"))
    ]
    # The page's content without the interface around it: included by the page's template, and
    # rendered on its own for the API.
    content_template = ""

    class Meta:
        abstract = True

    # --- where pages may be created ------------------------------------------------------------

    @classmethod
    def parent_is_allowed(cls, parent) -> bool:
        """By default a public page lives directly under a site's root page."""
        return parent.is_site_root()

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and cls.parent_is_allowed(parent)

    def can_move_to(self, parent):
        return super().can_move_to(parent) and self.parent_is_allowed(parent)

    # --- validation ----------------------------------------------------------------------------

    one_per_language = False  # at most one page of this type per language under the same parent

    def language_clash(self, parent) -> bool:
        siblings = type(self).objects.child_of(parent).filter(language=self.language)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        return siblings.exists()

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        source = self.translation_of
        if source is not None:
            if self.pk and source.pk == self.pk:
                errors.setdefault("translation_of", []).append(_("A page cannot be a translation of itself."))
            elif source.translation_of_id:
                errors.setdefault("translation_of", []).append(
                    _("Choose the original page, not another translation of it.")
                )
            elif source.language == self.language:
                errors.setdefault("translation_of", []).append(
                    _("A translation must be in a different language from the original.")
                )
            elif type(self).objects.filter(translation_of=source, language=self.language).exclude(pk=self.pk).exists():
                errors.setdefault("translation_of", []).append(
                    _("The original already has a translation in this language.")
                )
        if self.one_per_language and self.path and self.depth > 1 and self.language_clash(self.get_parent()):
            errors.setdefault("language", []).append(self.language_clash_message())
        if errors:
            raise ValidationError(errors)

    def language_clash_message(self):
        return _(
            "There is already a page of this type in this language here. Edit that page, or choose another language."
        )

    @property
    def defer_publish_checks(self) -> bool:
        """True while the CMS saves a draft: rules that only matter for publishing wait."""
        return getattr(self, "_defer_publish_checks", False)

    # --- serving ---------------------------------------------------------------------------------

    def _in_language(self, render):
        with translation.override(self.language):
            response = render()
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response.headers["Content-Language"] = self.language
        return response

    def serve(self, request, *args, **kwargs):
        return self._in_language(lambda: super(PublicPage, self).serve(request, *args, **kwargs))

    def serve_preview(self, request, mode_name):
        return self._in_language(lambda: super(PublicPage, self).serve_preview(request, mode_name))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.chrome_context(request))
        return context

    def site_root(self, request=None):
        site = Site.find_for_request(request) if request is not None else None
        if site is None and self.pk:
            site = self.get_site()
        if site is None:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        return site.root_page if site else None

    def language_versions(self) -> list[PublicPage]:
        """This page and its translations (live ones, plus this page even as a draft), fi–sv–en."""
        if not self.pk:
            return [self]
        source_id = self.translation_of_id or self.pk
        pages = {
            page.pk: page for page in type(self).objects.live().filter(Q(pk=source_id) | Q(translation_of_id=source_id))
        }
        pages[self.pk] = self
        return sorted(pages.values(), key=lambda p: (LANGUAGE_ORDER.index(p.language), p.pk))

    def chrome_context(self, request) -> dict:
        root = self.site_root(request)
        menu, footer = [], []
        if root is not None:
            menu = [
                page
                for page in root.get_children().live().in_menu().specific()
                if getattr(page, "language", None) == self.language
            ]
            for model in (AccessibilityStatementPage, PrivacyNoticePage):
                candidates = model.objects.live().child_of(root)
                page = candidates.filter(language=self.language).first() or candidates.order_by("pk").first()
                if page is not None:
                    footer.append(page)
        versions = self.language_versions()
        return {
            "menu_pages": menu,
            "footer_pages": footer,
            "language_versions": [
                {"page": page, "language": page.language, "text": LANGUAGE_LINK_TEXT[page.language]}
                for page in versions
            ]
            if len(versions) > 1
            else [],
            "app_home_url": "/",
        }

    # --- the API -------------------------------------------------------------------------------

    def content_context(self, request=None, *, for_api: bool = False) -> dict:
        return {"page": self, "self": self, "request": request, "for_api": for_api}

    def body_html(self, request=None) -> str:
        """The page's content without the interface around it, in the page's language."""
        with translation.override(self.language):
            return render_to_string(self.content_template, self.content_context(request, for_api=True))

    def api_extra(self, request=None) -> dict:
        return {}

    def api_representation(self, request=None) -> dict:
        """The page as plain data for the API; interface texts in it are in the page's language."""
        with translation.override(self.language):
            return self._api_representation(request)

    def _api_representation(self, request=None) -> dict:
        html = self.body_html(request)
        return {
            "id": self.pk,
            "type": self._meta.model_name,
            "title": self.title,
            "slug": self.slug,
            "language": self.language,
            "url": self.get_url(request) if self.pk else None,
            "search_description": self.search_description,
            "last_published_at": self.last_published_at.isoformat() if self.last_published_at else None,
            "translations": [
                {"language": page.language, "title": page.title, "url": page.get_url(request)}
                for page in self.language_versions()
                if page.pk != self.pk
            ],
            "body_html": html,
            "body_text": html_to_text(html),
            **self.api_extra(request),
        }


# --- the school intro page -------------------------------------------------------------------


class SchoolIntroPage(PublicPage):
    """Shown on a classroom screen or printed: what Harrastuspassi is, a video, 3–5 steps, a QR code."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES)
    video = StreamField(
        [("video", VideoBlock())],
        verbose_name=_("video"),
        blank=True,
        max_num=1,
        help_text=_("A short video with its transcript (and captions when the video is uploaded)."),
    )
    steps = StreamField(
        SchoolStepsBlock(),
        verbose_name=_("steps"),
        help_text=_("3–5 short steps to get started, readable from the back of a classroom."),
    )
    app_url = models.CharField(
        _("app address"),
        max_length=300,
        default="/",
        validators=[validate_link],
        help_text=_(
            "The address the QR code opens. “/” is the app on this site (made a full address with the "
            "site's own host name); or give a full https:// address."
        ),
    )
    body = StreamField(PageBodyBlock(), verbose_name=_("more content"), blank=True)

    template = "cms_pages/school_intro_page.html"
    content_template = "cms_pages/content/school_intro_page.html"
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        *PublicPage.language_panels,
        FieldPanel("intro"),
        FieldPanel("video"),
        FieldPanel("steps"),
        FieldPanel("app_url"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("steps")]

    class Meta:
        verbose_name = _("school intro page")
        verbose_name_plural = _("school intro pages")

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        step_errors = step_count_errors(len(self.steps), min_num=None if self.defer_publish_checks else 3, max_num=5)
        if step_errors:
            errors.setdefault("steps", []).extend(step_errors)
        if not self.defer_publish_checks:
            for child in self.video:
                for message in video_problems(child.value).values():
                    errors.setdefault("video", []).append(message)
        if errors:
            raise ValidationError(errors)

    def absolute_app_url(self, request=None) -> str:
        url = self.app_url or "/"
        if url.startswith(("http://", "https://")):
            return url
        if request is not None:
            return request.build_absolute_uri(url)
        site = self.get_site() if self.pk else None
        base = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
        return urljoin(base + "/", url)

    @staticmethod
    def display_url(url: str) -> str:
        """The address as people type it: no scheme, no lone trailing slash."""
        shown = url.split("://", 1)[-1]
        if shown.endswith("/") and shown.count("/") == 1:
            shown = shown[:-1]
        return shown

    def video_value(self):
        return self.video[0].value if len(self.video) else None

    def content_context(self, request=None, *, for_api: bool = False) -> dict:
        context = super().content_context(request, for_api=for_api)
        url = self.absolute_app_url(request)
        context.update({"app_url": url, "app_url_display": self.display_url(url), "video": self.video_value()})
        if not for_api:
            with translation.override(self.language):
                label = gettext("QR code that opens Harrastuspassi: %(url)s") % {"url": url}
            context["qr_svg"] = qr_svg(url, label=label)
        return context

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.content_context(request))
        return context

    def api_extra(self, request=None) -> dict:
        video = self.video_value()
        video_info = None
        if video is not None:
            embed, video_file, captions = video.get("embed"), video.get("video_file"), video.get("captions")
            video_info = {
                "title": video.get("title") or "",
                "embed_url": getattr(embed, "url", "") or "",
                "file_url": video_file.url if video_file else "",
                "captions_url": captions.url if captions else "",
                "captions_language": (video.get("captions_language") or self.language) if captions else "",
                "transcript": video.get("transcript") or "",
                "note": video.get("note") or "",
            }
        return {
            "intro_html": _richtext(self.intro) if self.intro else "",
            "steps": [{"title": step.value["title"], "text": step.value["text"] or ""} for step in self.steps],
            "video": video_info,
            "app_url": self.absolute_app_url(request),
        }


def _richtext(value: str) -> str:
    from wagtail.rich_text import expand_db_html

    return expand_db_html(value)


# --- info pages ------------------------------------------------------------------------------


class InfoPage(PublicPage):
    """A page for providers, municipalities or everyone: "how to join", "how to publish a hobby"."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        PROVIDERS = "providers", _("Hobby providers")
        MUNICIPALITIES = "municipalities", _("Municipalities")

    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE)
    intro = models.TextField(_("introduction"), blank=True, max_length=600, help_text=_("One or two sentences."))
    body = StreamField(PageBodyBlock(), verbose_name=_("content"))

    template = "cms_pages/info_page.html"
    content_template = "cms_pages/content/info_page.html"
    subpage_types = ["cms_pages.InfoPage"]

    content_panels = [
        *Page.content_panels,
        *PublicPage.language_panels,
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("info page")
        verbose_name_plural = _("info pages")

    @classmethod
    def parent_is_allowed(cls, parent) -> bool:
        return issubclass(parent.specific_class or Page, InfoPage) or parent.is_site_root()

    def api_extra(self, request=None) -> dict:
        return {"audience": self.audience, "intro": self.intro}


# --- the accessibility statement -------------------------------------------------------------


class AccessibilityStatementPage(PublicPage):
    """The accessibility statement the Act on the Provision of Digital Services (306/2019) requires."""

    class Conformance(models.TextChoices):
        FULL = "full", _("Fully conforms")
        PARTIAL = "partial", _("Partially conforms")
        NONE = "none", _("Does not conform")

    class Assessment(models.TextChoices):
        SELF = "self", _("Self-assessment")
        THIRD_PARTY = "third_party", _("Third-party audit")

    service_name = models.CharField(_("service"), max_length=120, default="Harrastuspassi")
    scope = models.TextField(
        _("what the statement covers"),
        help_text=_("The website and apps this statement is about, with their addresses."),
    )
    conformance = models.CharField(
        _("conformance status"), max_length=10, choices=Conformance.choices, default=Conformance.PARTIAL
    )
    standard = models.CharField(
        _("requirements"),
        max_length=120,
        default="EN 301 549 V3.2.1 / WCAG 2.1, AA",
        help_text=_("The standard and level the service is assessed against."),
    )
    known_issues = StreamField(
        [("issue", KnownIssueBlock())],
        verbose_name=_("content that is not accessible"),
        blank=True,
        help_text=_("Every known gap, why it exists and when it will be fixed."),
    )
    assessment = models.CharField(
        _("how accessibility was assessed"), max_length=12, choices=Assessment.choices, default=Assessment.SELF
    )
    assessment_notes = models.TextField(
        _("assessment details"), blank=True, help_text=_("Tools, browsers and assistive technologies used.")
    )
    feedback_email = models.EmailField(_("feedback email"))
    feedback_phone = models.CharField(_("feedback phone"), max_length=40, blank=True)
    feedback_url = models.URLField(_("feedback form address"), blank=True)
    response_days = models.PositiveSmallIntegerField(
        _("response time (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How soon feedback is answered. The law requires an answer to a request within 14 days."),
    )
    enforcement_name = models.TextField(
        _("supervisory authority"), blank=True, help_text=_("Leave empty to use Traficom's details for the language.")
    )
    enforcement_url = models.URLField(_("supervisory authority's website"), blank=True)
    enforcement_email = models.EmailField(_("supervisory authority's email"), blank=True)
    enforcement_phone = models.CharField(_("supervisory authority's phone"), max_length=40, blank=True)
    prepared_on = models.DateField(_("prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    body = StreamField(PageBodyBlock(), verbose_name=_("more content"), blank=True)

    template = "cms_pages/accessibility_statement_page.html"
    content_template = "cms_pages/content/accessibility_statement_page.html"
    subpage_types: list[str] = []
    one_per_language = True
    max_count_per_parent = len(LANGUAGE_CHOICES)  # one per language under each site

    content_panels = [
        *Page.content_panels,
        *PublicPage.language_panels,
        MultiFieldPanel(
            [FieldPanel("service_name"), FieldPanel("scope"), FieldPanel("conformance"), FieldPanel("standard")],
            heading=_("Status"),
        ),
        FieldPanel("known_issues"),
        MultiFieldPanel([FieldPanel("assessment"), FieldPanel("assessment_notes")], heading=_("Assessment")),
        MultiFieldPanel(
            [
                FieldPanel("feedback_email"),
                FieldPanel("feedback_phone"),
                FieldPanel("feedback_url"),
                FieldPanel("response_days"),
            ],
            heading=_("Feedback"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_name"),
                FieldPanel("enforcement_url"),
                FieldPanel("enforcement_email"),
                FieldPanel("enforcement_phone"),
            ],
            heading=_("Enforcement"),
        ),
        FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")], heading=_("Dates")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("scope"), index.SearchField("body")]

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if self.prepared_on and self.reviewed_on and self.reviewed_on < self.prepared_on:
            errors.setdefault("reviewed_on", []).append(_("The review cannot be earlier than the preparation."))
        if errors:
            raise ValidationError(errors)

    def enforcement(self) -> dict[str, str]:
        defaults = ACCESSIBILITY_ENFORCEMENT.get(self.language, ACCESSIBILITY_ENFORCEMENT["fi"])
        return {
            "name": self.enforcement_name or defaults["name"],
            "url": self.enforcement_url or defaults["url"],
            "email": self.enforcement_email or defaults["email"],
            "phone": self.enforcement_phone or defaults["phone"],
        }

    def conformance_sentence(self) -> str:
        with translation.override(self.language):
            sentences = {
                self.Conformance.FULL: gettext("%(service)s fully meets the accessibility requirements."),
                self.Conformance.PARTIAL: gettext("%(service)s partially meets the accessibility requirements."),
                self.Conformance.NONE: gettext("%(service)s does not meet the accessibility requirements."),
            }
            return sentences[self.conformance] % {"service": self.service_name}

    def content_context(self, request=None, *, for_api: bool = False) -> dict:
        context = super().content_context(request, for_api=for_api)
        context.update({"enforcement": self.enforcement(), "conformance_sentence": self.conformance_sentence()})
        return context

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.content_context(request))
        return context

    def api_extra(self, request=None) -> dict:
        return {
            "service_name": self.service_name,
            "scope": self.scope,
            "conformance": self.conformance,
            "conformance_text": self.conformance_sentence(),
            "standard": self.standard,
            "known_issues": [
                {**dict(issue.value), "reason_text": issue.value.reason_label()} for issue in self.known_issues
            ],
            "assessment": self.assessment,
            "assessment_notes": self.assessment_notes,
            "feedback": {
                "email": self.feedback_email,
                "phone": self.feedback_phone,
                "url": self.feedback_url,
                "response_days": self.response_days,
            },
            "enforcement": self.enforcement(),
            "prepared_on": self.prepared_on.isoformat() if self.prepared_on else None,
            "reviewed_on": self.reviewed_on.isoformat() if self.reviewed_on else None,
        }


# --- the privacy notice ----------------------------------------------------------------------


class PrivacyNoticePage(PublicPage):
    """The privacy notice (GDPR arts. 13–14): who processes what, why, on which basis, for how long."""

    controller = models.TextField(_("controller"), help_text=_("Name and postal address of the controller."))
    contact_email = models.EmailField(_("contact email for privacy matters"))
    contact_details = models.TextField(
        _("other contact details"), blank=True, help_text=_("For example the data protection officer.")
    )
    collected = StreamField(
        [("item", DataItemBlock())],
        verbose_name=_("what is collected"),
        help_text=_("Each kind of data the service stores, and why."),
    )
    not_collected = models.TextField(
        _("what is never collected"), blank=True, help_text=_("For example: names, email addresses, exact locations.")
    )
    purposes = RichTextField(_("purposes"), features=RICH_TEXT_FEATURES)
    legal_basis = RichTextField(_("legal basis"), features=RICH_TEXT_FEATURES)
    retention = RichTextField(_("retention"), features=RICH_TEXT_FEATURES)
    recipients = RichTextField(
        _("recipients and transfers"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Who else processes the data, and any transfer outside the EU/EEA."),
    )
    rights = RichTextField(
        _("your rights"),
        features=RICH_TEXT_FEATURES,
        help_text=_("How people see, export and delete their data (in the app's settings)."),
    )
    authority_name = models.CharField(
        _("data protection authority"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the Data Protection Ombudsman's details for the language."),
    )
    authority_url = models.URLField(_("data protection authority's website"), blank=True)
    updated_on = models.DateField(_("last updated on"))
    body = StreamField(PageBodyBlock(), verbose_name=_("more content"), blank=True)

    template = "cms_pages/privacy_notice_page.html"
    content_template = "cms_pages/content/privacy_notice_page.html"
    subpage_types: list[str] = []
    one_per_language = True
    max_count_per_parent = len(LANGUAGE_CHOICES)  # one per language under each site

    content_panels = [
        *Page.content_panels,
        *PublicPage.language_panels,
        MultiFieldPanel(
            [FieldPanel("controller"), FieldPanel("contact_email"), FieldPanel("contact_details")],
            heading=_("Controller"),
        ),
        FieldPanel("collected"),
        FieldPanel("not_collected"),
        FieldPanel("purposes"),
        FieldPanel("legal_basis"),
        FieldPanel("retention"),
        FieldPanel("recipients"),
        FieldPanel("rights"),
        MultiFieldPanel([FieldPanel("authority_name"), FieldPanel("authority_url")], heading=_("Complaints")),
        FieldPanel("updated_on"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("purposes"), index.SearchField("body")]

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    def authority(self) -> dict[str, str]:
        defaults = DATA_PROTECTION_AUTHORITY.get(self.language, DATA_PROTECTION_AUTHORITY["fi"])
        return {"name": self.authority_name or defaults["name"], "url": self.authority_url or defaults["url"]}

    def content_context(self, request=None, *, for_api: bool = False) -> dict:
        context = super().content_context(request, for_api=for_api)
        context["authority"] = self.authority()
        return context

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.content_context(request))
        return context

    def api_extra(self, request=None) -> dict:
        return {
            "controller": self.controller,
            "contact_email": self.contact_email,
            "contact_details": self.contact_details,
            "collected": [dict(item.value) for item in self.collected],
            "not_collected": self.not_collected,
            "purposes_html": _richtext(self.purposes),
            "legal_basis_html": _richtext(self.legal_basis),
            "retention_html": _richtext(self.retention),
            "recipients_html": _richtext(self.recipients),
            "rights_html": _richtext(self.rights),
            "authority": self.authority(),
            "updated_on": self.updated_on.isoformat() if self.updated_on else None,
        }
