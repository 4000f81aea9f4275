"""Why a hobby is suggested, in words a teenager reads: the recommender's reason codes in fi, sv and en."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from recommender.dataset import age_group_bounds
from recommender.hybrid import Reason


def _lower_first(text: str) -> str:
    """ "Kiipeily" → "kiipeily" inside a sentence; "E-urheilu", "DJ" stay as they are."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text[1] != "-":
        return text[0].lower() + text[1:]
    return text


def _ages(label: str | None) -> str | None:
    """ "13-15" → "13–15"; open-ended groups (-12, 18-) have no span to name."""
    if not label:
        return None
    try:
        low, high = age_group_bounds(label)
    except KeyError:
        return None
    if low <= 0 or high >= 100:
        return None
    return f"{low}–{high}"


def reason_text(reason: Reason, language: str, *, category_name=None, hobby_title=None) -> str:
    """The sentence for ``reason`` in ``language``; ``category_name``/``hobby_title`` name what it refers to."""
    with translation.override(language):
        code, params = reason.code, reason.params
        if code == "interest" and category_name:
            return _("Because you like %(category)s") % {"category": _lower_first(category_name)}
        if code == "similar" and hobby_title:
            if params.get("kind") in ("favourite", "join_click", "share"):
                return _("Similar to %(title)s, which you saved") % {"title": hobby_title}
            return _("Similar to %(title)s, which you looked at") % {"title": hobby_title}
        if code == "popular":
            ages = _ages(params.get("age_group"))
            near = bool(params.get("area"))
            if ages and near:
                return _("Popular with %(ages)s-year-olds near you") % {"ages": ages}
            if ages:
                return _("Popular with %(ages)s-year-olds") % {"ages": ages}
            if near:
                return _("Popular near you")
            return _("Popular right now")
        if code == "popular_overall":
            return _("Popular right now")
        if code == "new":
            return _("New this week")
        if code == "free_trial":
            return _("Free trial session")
        return _("Something new to try")
