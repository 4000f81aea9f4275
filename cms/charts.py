"""Server-rendered SVG charts for the CMS reports: no JavaScript, no library, readable by screen readers.

Each chart is an ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>``; the description states the
figures in words, and every report shows the same figures in a table beside the chart (with a CSV export), so
the chart is never the only way to read them. A value of ``None`` is a figure withheld for privacy (fewer
devices than the k-anonymity threshold): it is drawn as an empty, outlined bar or a gap in the line, and named
"fewer than 5" like in the tables. ``NO_DATA`` marks a point with nothing to show (a week without ratings): a gap
in the line, named "no data".
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

# Colours with at least 4.5:1 contrast on white (text) and 3:1 (graphics), WCAG 2.1 AA.
INK = "#1f2933"
MUTED = "#52606d"
BAR = "#0b6e79"
GRID = "#7b8794"

_ids = itertools.count(1)


class _NoData:
    def __repr__(self) -> str:
        return "NO_DATA"


NO_DATA = _NoData()

Value = float | int | _NoData | None


def _plain(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _describe(points: Sequence[tuple[str, Value]], fmt: Callable[[float], str]) -> str:
    def say(value: Value) -> str:
        if value is None:
            return _withheld()
        return _("no data") if value is NO_DATA else fmt(value)

    return "; ".join(f"{label}: {say(value)}" for label, value in points)


def _withheld() -> str:
    return _("fewer than %(k)d") % {"k": settings.ANALYTICS_MIN_DEVICES}


def _shown(value: Value) -> bool:
    return value is not None and value is not NO_DATA


def _frame(title: str, description: str, width: int, height: int, body: SafeString) -> SafeString:
    uid = next(_ids)
    return format_html(
        '<svg class="hp-chart" role="img" aria-labelledby="hp-chart-{uid}-t hp-chart-{uid}-d" '
        'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="13">'
        '<title id="hp-chart-{uid}-t">{title}</title><desc id="hp-chart-{uid}-d">{desc}</desc>{body}</svg>',
        uid=uid,
        w=width,
        h=height,
        title=title,
        desc=description,
        body=body,
    )


def bar_chart(
    items: Sequence[tuple[str, Value]],
    *,
    title: str,
    fmt: Callable[[float], str] = _plain,
    width: int = 640,
    label_width: int = 220,
) -> SafeString:
    """Horizontal bars, one row per item (long labels such as hobby names fit on the left)."""
    row, top = 26, 8
    height = top * 2 + row * max(len(items), 1)
    peak = max((value for _label, value in items if _shown(value)), default=0) or 1
    span = width - label_width - 70
    rows = []
    for index, (label, value) in enumerate(items):
        y = top + index * row
        short = label if len(label) <= 30 else label[:29] + "…"
        if value is NO_DATA:
            value = 0
        if value is None:
            bar = format_html(
                '<rect x="{x}" y="{y}" width="24" height="16" fill="none" stroke="{c}" stroke-dasharray="3 2"/>'
                '<text x="{tx}" y="{ty}" fill="{m}">{w}</text>',
                x=label_width,
                y=y + 3,
                c=GRID,
                tx=label_width + 32,
                ty=y + 16,
                m=MUTED,
                w=_withheld(),
            )
        else:
            length = max(round(span * value / peak), 1 if value else 0)
            bar = format_html(
                '<rect x="{x}" y="{y}" width="{w}" height="16" fill="{c}"/>'
                '<text x="{tx}" y="{ty}" fill="{i}">{v}</text>',
                x=label_width,
                y=y + 3,
                w=length,
                c=BAR,
                tx=label_width + length + 6,
                ty=y + 16,
                i=INK,
                v=fmt(value),
            )
        rows.append(
            format_html(
                '<text x="{x}" y="{y}" text-anchor="end" fill="{i}">{label}</text>{bar}',
                x=label_width - 8,
                y=y + 16,
                i=INK,
                label=short,
                bar=bar,
            )
        )
    if not items:
        rows.append(format_html('<text x="8" y="24" fill="{m}">{t}</text>', m=MUTED, t=_("No data yet.")))
    body = format_html_join("", "{}", ((r,) for r in rows))
    return _frame(title, _describe(items, fmt) or _("No data yet."), width, height, body)


def line_chart(
    points: Sequence[tuple[str, Value]],
    *,
    title: str,
    fmt: Callable[[float], str] = _plain,
    y_min: float = 0,
    y_max: float | None = None,
    width: int = 640,
    height: int = 220,
) -> SafeString:
    """A series over time (weeks): a line with a dot per point, gaps where a figure is withheld or missing."""
    left, right, top, bottom = 48, 16, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [value for _label, value in points if _shown(value)]
    peak = y_max if y_max is not None else (max(values, default=0) or 1)
    scale = (peak - y_min) or 1
    step = plot_w / max(len(points) - 1, 1)

    def xy(index: int, value: float) -> tuple[float, float]:
        return round(left + index * step, 1), round(top + plot_h - plot_h * (value - y_min) / scale, 1)

    parts = [
        format_html(
            '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="{g}"/><line x1="{l}" y1="{t}" x2="{l}" y2="{b}" '
            'stroke="{g}"/><text x="{tx}" y="{b}" text-anchor="end" fill="{m}">{low}</text>'
            '<text x="{tx}" y="{ty}" text-anchor="end" fill="{m}">{peak}</text>',
            l=left,
            r=width - right,
            t=top,
            b=top + plot_h,
            g=GRID,
            m=MUTED,
            tx=left - 6,
            ty=top + 10,
            low=fmt(y_min),
            peak=fmt(peak),
        )
    ]
    segment: list[str] = []
    segments: list[list[str]] = [segment]
    for index, (_label, value) in enumerate(points):
        if not _shown(value):
            segment = []
            segments.append(segment)
            continue
        x, y = xy(index, value)
        segment.append(f"{x},{y}")
        parts.append(format_html('<circle cx="{}" cy="{}" r="3.5" fill="{}"/>', x, y, BAR))
    for seg in segments:
        if len(seg) > 1:
            parts.append(
                format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>', " ".join(seg), BAR)
            )
    # about one label per 70 px; the last point is labelled only when it falls on the rhythm, so labels never collide
    every = max(1, -(-len(points) // max(plot_w // 70, 1)))
    for index, (label, _value) in enumerate(points):
        if index % every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                    round(left + index * step, 1),
                    top + plot_h + 18,
                    MUTED,
                    label,
                )
            )
    if not points:
        empty = _("No data yet.")
        parts.append(format_html('<text x="{}" y="{}" fill="{}">{}</text>', left + 8, top + 24, MUTED, empty))
    body = format_html_join("", "{}", ((p,) for p in parts))
    return _frame(title, _describe(points, fmt) or _("No data yet."), width, height, body)
