"""Charts drawn on the server as inline SVG: no script, no library, readable without colour.

Each chart is an image with a name (``aria-labelledby`` the section's heading) that points to
the table holding the same figures (``aria-describedby``); the table is the accessible form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 640
ROW = 40  # one bar: its label above, the bar below
BAR = 18
VALUE_ROOM = 150  # to the right of the longest bar, for "1,234 (56 %)"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as people read it, written at the bar's end


def bar_chart(bars: Sequence[Bar], *, labelledby: str, describedby: str) -> SafeString:
    """Return horizontal bars, one per row, each with its label and value written out."""
    if not bars:
        return SafeString("")
    top = max((b.value for b in bars), default=0) or 1
    height = ROW * len(bars) + 4
    rows = []
    for i, bar in enumerate(bars):
        y = i * ROW
        width = max(0.0, bar.value) / top * (WIDTH - VALUE_ROOM)
        rows.append(
            format_html(
                '<text x="0" y="{}" class="chart-label">{}</text>'
                '<rect x="0" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                y + 14,
                bar.label,
                y + 19,
                f"{max(width, 1):.1f}",
                BAR,
                f"{width + 6:.1f}",
                y + 33,
                bar.text,
            )
        )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}" aria-describedby="{}"'
        ' preserveAspectRatio="xMinYMin meet">{}</svg>',
        WIDTH,
        height,
        labelledby,
        describedby,
        SafeString("".join(rows)),
    )


def day_chart(days: Sequence[tuple[dt.date, int]], *, labelledby: str, describedby: str) -> SafeString:
    """Return one column per day, with the busiest day's count and the first, middle and last dates."""
    if not days:
        return SafeString("")
    plot_top, plot_height, left = 20, 160, 40
    width = (WIDTH - left) / len(days)
    top = max(n for _, n in days) or 1
    columns = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"><title>{}: {}</title></rect>',
        (
            (
                f"{left + i * width:.2f}",
                f"{plot_top + plot_height - n / top * plot_height:.2f}",
                f"{max(width - (1 if width > 3 else 0), 0.5):.2f}",
                f"{n / top * plot_height:.2f}",
                date_format(day, "SHORT_DATE_FORMAT"),
                n,
            )
            for i, (day, n) in enumerate(days)
        ),
    )
    ticks = {0: "start", len(days) // 2: "middle", len(days) - 1: "end"}
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="{}" class="chart-label">{}</text>',
        (
            (f"{left + (i + 0.5) * width:.1f}", plot_top + plot_height + 18, anchor, date_format(days[i][0], "j M Y"))
            for i, anchor in ticks.items()
        ),
    )
    axis = format_html(
        '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" class="chart-axis"></line>'
        '<line x1="{l}" y1="{t}" x2="{r}" y2="{t}" class="chart-grid"></line>'
        '<text x="{x}" y="{ty}" text-anchor="end" class="chart-label">{top}</text>'
        '<text x="{x}" y="{b}" text-anchor="end" class="chart-label">0</text>',
        l=left,
        r=WIDTH,
        b=plot_top + plot_height,
        t=plot_top,
        x=left - 6,
        ty=plot_top + 5,
        top=top,
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}" aria-describedby="{}"'
        ' preserveAspectRatio="xMinYMin meet">{}{}{}</svg>',
        WIDTH,
        plot_top + plot_height + 26,
        labelledby,
        describedby,
        columns,
        axis,
        labels,
    )
