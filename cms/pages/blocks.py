"""The StreamField blocks every public page shares, and the checks that keep them accessible.

Headings in a body are always ``<h2>`` (each page has exactly one ``<h1>``, its title), rich text has no
headings of its own, images need alt text, and a video needs a transcript (and, when uploaded, a
captions file), so that editors cannot publish content that breaks WCAG 2.1 AA by accident.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Rich text without headings: the page's heading outline comes from heading blocks only.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
VIDEO_FILE_EXTENSIONS = ("mp4", "webm")
CAPTION_FILE_EXTENSIONS = ("vtt",)
LANGUAGE_CHOICES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]


def validate_link(value: str) -> None:
    """A path on this site ("/", "/cms/") or a full http(s) address."""
    if value.startswith("/") and not value.startswith("//") and not re.search(r"\s", value):
        return
    if re.match(r"^https?://[^\s/]+[^\s]*$", value):
        return
    raise ValidationError(_("Give a path that starts with / (such as /) or a full address starting with https://."))


# --- step counts with messages that say what to do ---------------------------------------------


def step_count_errors(count: int, *, min_num: int | None, max_num: int | None) -> list[ValidationError]:
    """Errors for a list of ``count`` steps that should hold ``min_num``–``max_num`` steps."""
    errors = []
    if min_num is not None and count < min_num:
        message = ngettext(
            "Add at least %(min_num)d step. There are now %(count)d.",
            "Add at least %(min_num)d steps. There are now %(count)d.",
            min_num,
        ) % {"min_num": min_num, "count": count}
        errors.append(ValidationError(message, code="too_few_steps"))
    if max_num is not None and count > max_num:
        message = ngettext(
            "Use at most %(max_num)d step, so that the steps fit on one screen. There are now %(count)d.",
            "Use at most %(max_num)d steps, so that the steps fit on one screen. There are now %(count)d.",
            max_num,
        ) % {"max_num": max_num, "count": count}
        errors.append(ValidationError(message, code="too_many_steps"))
    return errors


class _StepCountMixin:
    """Replaces Wagtail's generic "The minimum number of items is 3" with a message about steps.

    The bounds stay in ``Meta.min_num``/``max_num`` so that the editor's "add" button knows them too.
    The minimum waits until publishing (drafts may be incomplete); the maximum always applies.
    """

    error_class: type[ValidationError]

    def clean(self, value):
        try:
            cleaned, original = super().clean(value), None
        except self.error_class as exc:
            cleaned, original = None, exc
        min_num = None if self.is_deferred_validation else self.meta.min_num
        messages = step_count_errors(len(value), min_num=min_num, max_num=self.meta.max_num)
        if original is None and not messages:
            return cleaned
        block_errors = original.block_errors if original is not None else {}
        if original is not None and not messages and not block_errors:
            raise original  # some other problem (e.g. an empty required list): keep Wagtail's message
        raise self.error_class(block_errors=block_errors, non_block_errors=ErrorList(messages))


# --- the blocks --------------------------------------------------------------------------------


class HeadingBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 120)
        kwargs.setdefault("form_classname", "title")
        kwargs.setdefault("help_text", _("A section heading. The page title is the only main heading."))
        super().__init__(**kwargs)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms_pages/blocks/heading.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "cms_pages/blocks/paragraph.html"


class AccessibleImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_(
            "What the image shows, for people who cannot see it (read aloud by screen readers). "
            "Do not start with “Image of”."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms_pages/blocks/image.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=100, help_text=_("One short instruction."))
    text = blocks.TextBlock(label=_("More detail"), required=False, max_length=400)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class StepListBlock(_StepCountMixin, blocks.ListBlock):
    error_class = ListBlockValidationError


class StepsBlock(blocks.StructBlock):
    heading = HeadingBlock(required=False, help_text=_("Optional heading above the steps."))
    steps = StepListBlock(StepBlock(), min_num=1, max_num=10, label=_("Steps"))

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "cms_pages/blocks/steps.html"


class SchoolStepsBlock(_StepCountMixin, blocks.StreamBlock):
    """The school intro page's 3–5 steps: few enough to read from a classroom screen."""

    error_class = StreamBlockValidationError
    step = StepBlock()

    class Meta:
        min_num = 3
        max_num = 5


def video_problems(value) -> dict[str, str]:
    """What is missing from a video block's value, by child block name ("" = the whole block).

    Shared by the block's own validation (the editor) and the page models' ``clean`` (code, the demo),
    and deliberately free of network access: the embed URL is not looked up here.
    """
    embed = value.get("embed")
    video_file = value.get("video_file")
    captions = value.get("captions")
    transcript = (value.get("transcript") or "").strip()
    embed_url = getattr(embed, "url", embed) or ""
    problems: dict[str, str] = {}
    if embed_url and video_file:
        problems["video_file"] = _("Choose either a video address or an uploaded video file, not both.")
    if (embed_url or video_file) and not transcript:
        problems["transcript"] = _(
            "A video needs a transcript: write down what is said and shown, so that everyone can follow "
            "without sound or picture."
        )
    if video_file and video_file.file_extension.lower() not in VIDEO_FILE_EXTENSIONS:
        problems["video_file"] = _("Upload the video as an MP4 or WebM file.")
    if video_file and not captions:
        problems["captions"] = _("An uploaded video needs a captions file (WebVTT, .vtt).")
    if captions and captions.file_extension.lower() not in CAPTION_FILE_EXTENSIONS:
        problems["captions"] = _("The captions file must be a WebVTT file (.vtt).")
    if not (embed_url or video_file or transcript):
        problems[""] = _("Add a video address or an uploaded video with its transcript, or remove this block.")
    return problems


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    embed = EmbedBlock(
        label=_("Video address"),
        required=False,
        help_text=_("A YouTube or Vimeo address; turn on the service's own captions for the video."),
    )
    video_file = DocumentChooserBlock(
        label=_("Uploaded video file"), required=False, help_text=_("An MP4 or WebM file, instead of an address.")
    )
    captions = DocumentChooserBlock(
        label=_("Captions file"), required=False, help_text=_("WebVTT (.vtt) captions for the uploaded video.")
    )
    captions_language = blocks.ChoiceBlock(
        label=_("Captions language"),
        choices=LANGUAGE_CHOICES,
        required=False,
        help_text=_("Leave empty when the captions are in the page's language."),
    )
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        required=False,
        help_text=_("Everything that is said and shown in the video, as text. Required when there is a video."),
    )
    note = blocks.CharBlock(
        label=_("Note"), required=False, max_length=250, help_text=_("For example: “The video is coming soon.”")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cms_pages/blocks/video.html"

    def clean(self, value):
        block_errors, non_block_errors = {}, []
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as exc:
            cleaned = value
            block_errors.update(exc.block_errors)
            non_block_errors.extend(exc.non_block_errors.as_data())
        if not self.is_deferred_validation:
            for name, message in video_problems(cleaned).items():
                if name:
                    block_errors.setdefault(name, ValidationError(message))
                else:
                    non_block_errors.append(ValidationError(message))
        if block_errors or non_block_errors:
            raise StructBlockValidationError(block_errors=block_errors, non_block_errors=non_block_errors)
        return cleaned


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Link text"), max_length=80, help_text=_("Say where the link goes."))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Or an address"),
        required=False,
        max_length=300,
        validators=[validate_link],
        help_text=_("A path on this site (such as /cms/) or a full https:// address."),
    )

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "cms_pages/blocks/call_to_action.html"

    def clean(self, value):
        cleaned = super().clean(value)
        if bool(cleaned.get("page")) == bool(cleaned.get("url")):
            raise StructBlockValidationError(
                non_block_errors=ErrorList([ValidationError(_("Choose a page or give an address (one of them)."))])
            )
        return cleaned


class PageBodyBlock(blocks.StreamBlock):
    """The shared body of every public page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = AccessibleImageBlock()
    steps = StepsBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()


ISSUE_REASONS = [
    ("non_compliance", _("Not yet fixed (non-compliance)")),
    ("disproportionate_burden", _("Disproportionate burden")),
    ("out_of_scope", _("Outside the scope of the legislation")),
]


class KnownIssueValue(blocks.StructValue):
    def reason_label(self) -> str:
        return str(dict(ISSUE_REASONS).get(self.get("reason"), ""))


class KnownIssueBlock(blocks.StructBlock):
    """One known accessibility gap, as an accessibility statement must list it."""

    title = blocks.CharBlock(label=_("What is not accessible"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), help_text=_("Who is affected and how."))
    criteria = blocks.CharBlock(
        label=_("WCAG success criteria"), required=False, max_length=120, help_text=_("For example: 1.2.2, 1.4.3")
    )
    reason = blocks.ChoiceBlock(
        label=_("Reason"),
        choices=ISSUE_REASONS,
        default="non_compliance",
    )
    workaround = blocks.TextBlock(label=_("How to get the content another way"), required=False)
    planned_fix = blocks.CharBlock(
        label=_("When it will be fixed"), required=False, max_length=100, help_text=_("For example: by June 2026")
    )

    class Meta:
        icon = "warning"
        label = _("Known issue")
        value_class = KnownIssueValue


class DataItemBlock(blocks.StructBlock):
    """One kind of data the service stores, for the privacy notice."""

    name = blocks.CharBlock(label=_("Data"), max_length=120)
    description = blocks.TextBlock(label=_("What and why"))
    optional = blocks.BooleanBlock(label=_("Only if the user gives it"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Data item")
