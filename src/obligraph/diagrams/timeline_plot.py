"""Draw a :class:`obligraph.analysis.timeline.Timeline` with matplotlib (Agg, no display needed).

One lane per organisation or treaty, a treaty's protocols on thinner rows right under it (a
family reads as one block). Bars are memberships and participation; markers are events. The
routine dates (signature, deposit, entry into force, admission) are listed in a small table
under the chart; every other event (suspension, expulsion, denunciation, domestic steps) gets a
number on the chart, explained next to that table, so nothing overlaps at A4 width. Disputed
dates are a grey range with every claimed value; a date no source gives is a red "?"; a start
that is not recorded is a dotted bar; a start known only to the year is written as a year and
never drawn as a day.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from obligraph.analysis.timeline import Span, Timeline  # noqa: E402
from obligraph.diagrams.timeline_key import (  # noqa: E402
    KEY_LINE_IN,
    Callout,
    Row,
    callouts,
    dates_table,
    key_rows,
    numbered_lines,
    write_key,
)

WIDTH_IN = 7.2  # A4 text width is about 6.3-6.7 in; the figure is drawn at this size, fonts >= 6.5 pt
DPI = 200
LANE_IN = 0.34  # height of a membership or treaty lane
PROTOCOL_ROW = 0.62  # height of a protocol's row, as a share of a lane
CHAR_IN = 0.05  # the average width of a 6.5 pt character (DejaVu Sans), to tell whether a text fits
AXES_WIDTH = 0.72  # share of the figure's width taken by the chart (lane names on the left)
COLOURS = {"member": "#c7862b", "suspended": "#c7862b", "associate": "#e3b97a", "party": "#2b5d8a"}
GREY = "#8a8a8a"
RED = "#c62828"


@dataclass(frozen=True)
class _MarkerStyle:
    marker: str
    colour: str
    size: float
    label: str


MARKERS: dict[str, _MarkerStyle] = {
    "signature": _MarkerStyle("s", "#222222", 4.5, "signed"),
    "deposit": _MarkerStyle("^", "#222222", 5.5, "instrument deposited"),
    "in force": _MarkerStyle("|", "#222222", 8, "in force for the state"),
    "joined": _MarkerStyle("o", "#222222", 5, "joined"),
    "suspended": _MarkerStyle("D", "#e07b00", 5, "rights suspended"),
    "expelled": _MarkerStyle("X", RED, 6.5, "expelled"),
    "withdrawal notified": _MarkerStyle("v", RED, 6, "withdrawal / denunciation notified"),
    "denunciation notified": _MarkerStyle("v", RED, 6, "withdrawal / denunciation notified"),
    "denunciation effective": _MarkerStyle("|", RED, 10, "denunciation takes effect / ceased"),
    "ceased": _MarkerStyle("|", RED, 10, "denunciation takes effect / ceased"),
    "domestic step": _MarkerStyle(".", "#222222", 6, "domestic step"),
}


def figure(timeline: Timeline) -> Figure:
    """The timeline as a matplotlib Figure (for notebooks: ``display(fig)`` or ``fig.savefig``)."""
    rows = _rows(timeline)
    units = sum(PROTOCOL_ROW if r.protocol else 1.0 for r in rows) or 1.0
    x0, x1 = _x_range(timeline)
    numbers = callouts(timeline, rows, _too_close(x0, x1))
    dates = dates_table(rows)
    numbered = numbered_lines(numbers, rows)
    title_h, chart_h, axis_h, legend_h = 0.5, units * LANE_IN + 0.1, 0.3, 0.62
    key_h = KEY_LINE_IN * (key_rows(dates, numbered) + 0.5)
    total = title_h + chart_h + axis_h + legend_h + key_h
    fig = Figure(figsize=(WIDTH_IN, total), dpi=DPI)

    def band(top_in: float, height_in: float) -> tuple[float, float]:
        """A horizontal band of the figure, ``top_in`` inches from the top, as (bottom, height)."""
        return 1 - (top_in + height_in) / total, height_in / total

    fig.text(
        0.01,
        1 - 0.2 / total,
        f"{timeline.state.name} ({timeline.state.id}): memberships and treaty participation",
        fontsize=10,
        fontweight="bold",
        va="center",
    )
    fig.text(
        0.01,
        1 - 0.38 / total,
        f"as recorded in obligraph, up to {timeline.as_of}; a treaty's protocols are drawn under it",
        fontsize=7.5,
        color="#444444",
        va="center",
    )
    bottom, height = band(title_h, chart_h)
    ax = fig.add_axes((0.25, bottom, AXES_WIDTH, height))
    ax.set_xlim(_num(x0), _num(x1))  # before drawing: a bar that is too short for its text needs it
    for row in rows:
        _draw_row(ax, row, x0, timeline.as_of)
    _place_callouts(ax, numbers, rows, _too_close(x0, x1))
    ax.set_xlim(_num(x0), _num(x1))
    ax.set_ylim(0, units)
    ax.set_yticks([r.y for r in rows])
    ax.set_yticklabels([_lane_label(r) for r in rows])
    for tick, row in zip(ax.get_yticklabels(), rows, strict=True):
        tick.set_fontsize(6.5 if row.protocol else 7.5)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(mdates.YearLocator(base=5))  # type: ignore[no-untyped-call]
    ax.xaxis.set_minor_locator(mdates.YearLocator(base=1))  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]
    ax.tick_params(axis="x", labelsize=7.5)
    ax.grid(axis="x", color="#e3e3e3", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for row in rows:  # a faint line above each family
        if not row.protocol and row is not rows[0]:
            ax.axhline(row.y + 0.5, color="#eeeeee", linewidth=0.6, zorder=0)
    ax.axvline(_num(timeline.as_of), color="#555555", linewidth=0.6, linestyle=(0, (2, 2)))
    bottom, height = band(title_h + chart_h + axis_h, legend_h)
    legend_ax = fig.add_axes((0.01, bottom, 0.98, height))
    legend_ax.axis("off")
    legend_ax.legend(
        handles=_legend_handles(),
        loc="center",
        ncol=4,
        fontsize=6.5,
        frameon=False,
        handlelength=1.6,
        columnspacing=1.0,
        borderaxespad=0,
    )
    bottom, height = band(title_h + chart_h + axis_h + legend_h, key_h)
    key_ax = fig.add_axes((0.01, bottom, 0.98, height))
    key_ax.axis("off")
    write_key(key_ax, dates, numbered, WIDTH_IN * 0.98, key_h)
    return fig


def render(timeline: Timeline, fmt: str) -> bytes:
    """PNG or SVG bytes."""
    buffer = io.BytesIO()
    fig = figure(timeline)
    metadata: dict[str, Any] = {"Software": "obligraph"} if fmt == "png" else {"Date": None}
    fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
    return buffer.getvalue()


def _num(day: dt.date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _rows(timeline: Timeline) -> list[Row]:
    """Lanes from the top down, a protocol (a lane with a family) on a thinner row."""
    heights = [PROTOCOL_ROW if lane.family else 1.0 for lane in timeline.lanes]
    top = sum(heights)
    out = []
    for lane, h in zip(timeline.lanes, heights, strict=True):
        out.append(Row(lane, top - h / 2, lane.family is not None))
        top -= h
    return out


def _x_range(timeline: Timeline) -> tuple[dt.date, dt.date]:
    """From two years before the first exact date to two years after the timeline's date. A start
    known only to the year (UN admission in 1945) does not stretch the axis: its bar is drawn
    from the left edge, with the year written on it."""
    exact = [e.on for lane in timeline.lanes for e in lane.events]
    exact += [d for lane in timeline.lanes for s in lane.spans for d in (s.start, s.drawn_from) if d]
    years = [s.start_year for lane in timeline.lanes for s in lane.spans if s.start_year]
    first = min(exact) if exact else dt.date(min(years), 1, 1) if years else timeline.as_of
    return dt.date(first.year - 2, 1, 1), dt.date(timeline.as_of.year + 3, 1, 1)


def _too_close(x0: dt.date, x1: dt.date) -> int:
    """Days closer than which two numbers would touch: a number's box is about 2.2% of the axis."""
    return round((x1 - x0).days * 0.022)


def _draw_row(ax: Any, row: Row, x0: dt.date, as_of: dt.date) -> None:
    lane, y = row.lane, row.y
    scale = 0.7 if row.protocol else 1.0
    height = _bar_height(row)
    first_event = min((e.on for e in lane.events), default=None)
    for span in lane.spans:
        _draw_span(ax, span, y, height, x0, as_of, first_event)
    for event in lane.events:
        style = MARKERS.get(event.kind, MARKERS["deposit"])
        hollow = not event.took_effect or event.confidence == "low"
        colour = GREY if not event.took_effect else style.colour
        ax.plot(
            [_num(event.on)],
            [y],
            marker=style.marker,
            markersize=style.size * scale,
            markerfacecolor="white" if hollow else colour,
            markeredgecolor=colour,
            markeredgewidth=1.3 if style.marker == "|" else 0.9,
            linestyle="none",
            zorder=4,
        )
    for k, dispute in enumerate(lane.disputes):
        yy = y - height / 2 - 0.1 - 0.12 * k
        starts = [_num(c.start) for c in dispute.claims]
        ends = [_num(c.end) for c in dispute.claims]
        ax.plot([min(starts), max(ends)], [yy, yy], color=GREY, linewidth=0.8, zorder=3)
        for c in dispute.claims:
            x_start, x_end = _num(c.start), _num(c.end)
            if x_end - x_start > 1:
                ax.plot(
                    [x_start, x_end], [yy, yy], color=GREY, linewidth=3.5, alpha=0.6, solid_capstyle="butt"
                )
            ax.plot(
                [(x_start + x_end) / 2],
                [yy],
                marker="o",
                markersize=3.5,
                markerfacecolor=GREY if c.accepted else "white",
                markeredgecolor=GREY,
                linestyle="none",
                zorder=4,
            )
    if lane.unknown:  # after the arrowhead that ends a running bar
        ax.annotate(
            "?",
            (_num(as_of), y),
            xytext=(5, 0),
            textcoords="offset points",
            color=RED,
            fontsize=9,
            fontweight="bold",
            ha="left",
            va="center",
            zorder=6,
        )


def _draw_span(
    ax: Any, span: Span, y: float, height: float, x0: dt.date, as_of: dt.date, first_event: dt.date | None
) -> None:
    """One bar. A start that is not recorded and has no deposit to start from is drawn as a short
    dotted stub before the lane's first event (or its end), not from the edge of the axis, which
    would claim the state was bound all along."""
    colour = COLOURS.get(span.status, COLOURS["party"])
    stub = dt.timedelta(days=3 * 365)
    end = span.end or as_of
    if span.start_year is not None:
        _draw_year_start(ax, span, y, height, x0, end, colour)
    else:
        start = span.start or span.drawn_from or max(x0, min(first_event or end, end) - stub)
        left, width = _num(start), _num(end) - _num(start)
        if span.start is None:
            ax.barh(
                y,
                width,
                left=left,
                height=height,
                color="none",
                edgecolor=colour,
                linestyle=":",
                linewidth=1.2,
            )
            if span.drawn_from is None:  # no deposit either: a short stub with a "?" where it starts
                ax.text(left, y, "? ", color=RED, fontsize=9, fontweight="bold", ha="right", va="center")
        elif span.status == "suspended":
            ax.barh(
                y,
                width,
                left=left,
                height=height,
                color="white",
                edgecolor=colour,
                hatch="/////",
                linewidth=0.8,
            )
        elif span.confidence == "low":
            ax.barh(
                y, width, left=left, height=height, color=colour, alpha=0.35, hatch="...", edgecolor=colour
            )
        else:
            ax.barh(y, width, left=left, height=height, color=colour, alpha=0.9, linewidth=0)
    if span.end is None:
        ax.plot([_num(end)], [y], marker=">", color=colour, markersize=4)


def _draw_year_start(
    ax: Any, span: Span, y: float, height: float, x0: dt.date, end: dt.date, colour: str
) -> None:
    """A start known only to the year: the whole year is a pale, dotted stretch (any day of it may
    be the start) and the bar is solid from the year after; before the axis, the bar runs in from
    the left edge. Either way the year itself is written on the bar."""
    assert span.start_year is not None
    year_from, year_to = dt.date(span.start_year, 1, 1), dt.date(span.start_year + 1, 1, 1)
    solid_from = max(year_to, x0)
    if year_to > x0:
        left = max(year_from, x0)
        ax.barh(
            y,
            _num(year_to) - _num(left),
            left=_num(left),
            height=height,
            color=colour,
            alpha=0.3,
            hatch="....",
        )
    ax.barh(y, _num(end) - _num(solid_from), left=_num(solid_from), height=height, color=colour, alpha=0.9)
    if year_to <= x0:
        ax.plot([_num(x0)], [y], marker="<", color=colour, markersize=4, clip_on=False)
    word = "member" if span.status == "member" else span.status
    long = f"{word} since {span.start_year} (the source gives the year, not the day)"
    left_x, right_x = ax.get_xlim()
    room_in = (_num(end) - _num(solid_from)) / (right_x - left_x) * AXES_WIDTH * WIDTH_IN
    if room_in > len(long) * CHAR_IN + 0.2:  # written on the bar
        ax.text(
            _num(solid_from) + 120, y, long, color="white", fontsize=6.5, ha="left", va="center", zorder=5
        )
    else:  # a short bar: the year is written before it
        ax.annotate(
            f"since {span.start_year} (year only)",
            (_num(max(year_from, x0)), y),
            xytext=(-3, 0),
            textcoords="offset points",
            color="#444444",
            fontsize=6.5,
            ha="right",
            va="center",
            zorder=5,
        )


def _place_callouts(ax: Any, numbers: list[Callout], rows: list[Row], close: int) -> None:
    """Each event's number above its lane's bar (stacked if two would touch); a dispute's number
    left of its grey range; the number of the dates no source gives right after the red "?"."""
    placed: dict[int, list[tuple[float, int]]] = {}
    box = {"boxstyle": "round,pad=0.12", "fc": "white", "ec": "#999999", "lw": 0.4}
    for c in numbers:
        x, y = _num(c.x), rows[c.row].y
        if c.where == "dispute":
            yy = y - _bar_height(rows[c.row]) / 2 - 0.1 - 0.12 * c.index
            ax.text(
                x - close * 0.3, yy, str(c.number), fontsize=6.5, ha="right", va="center", zorder=6, bbox=box
            )
            continue
        if c.where == "unknown":
            ax.annotate(
                str(c.number),
                (x, y),
                xytext=(15, 0),
                textcoords="offset points",
                fontsize=6.5,
                ha="left",
                va="center",
                zorder=6,
                bbox=box,
            )
            continue
        taken = placed.setdefault(c.row, [])
        level = 0
        while any(abs(x - px) < close and lv == level for px, lv in taken):
            level += 1
        taken.append((x, level))
        ax.text(
            x,
            y + 0.22 + 0.3 * level,
            str(c.number),
            fontsize=6.5,
            ha="center",
            va="bottom",
            zorder=6,
            bbox=box,
        )


def _bar_height(row: Row) -> float:
    return 0.36 * (0.8 if row.protocol else 1.0)


def _legend_handles() -> list[Any]:
    seen: dict[str, Any] = {}
    for style in MARKERS.values():
        if style.label not in seen and style.label != "domestic step":
            seen[style.label] = Line2D(
                [], [], marker=style.marker, color=style.colour, linestyle="none", markersize=style.size * 0.9
            )
    seen["domestic step"] = Line2D([], [], marker=".", color="#222222", linestyle="none", markersize=6)
    seen["did not take effect / low confidence"] = Line2D(
        [], [], marker="v", markerfacecolor="white", markeredgecolor=GREY, linestyle="none", markersize=6
    )
    seen["disputed date (claims; filled = used)"] = Line2D(
        [],
        [],
        marker="o",
        markerfacecolor="white",
        markeredgecolor=GREY,
        color=GREY,
        linewidth=0.8,
        markersize=4,
    )
    seen["date not recorded in any source"] = Line2D(
        [], [], marker="$?$", color=RED, linestyle="none", markersize=7
    )
    handles: list[Any] = [Line2D([], [], label=k, **_props(v)) for k, v in seen.items()]
    handles += [
        Patch(facecolor=COLOURS["member"], label="member of organisation"),
        Patch(
            facecolor="white", edgecolor=COLOURS["suspended"], hatch="/////", label="member, rights suspended"
        ),
        Patch(facecolor=COLOURS["party"], label="bound by treaty"),
        Patch(facecolor="none", edgecolor=COLOURS["party"], linestyle=":", label="bound, start not recorded"),
    ]
    return handles


def _props(line: Line2D) -> dict[str, Any]:
    return {
        "marker": line.get_marker(),
        "color": line.get_color(),
        "markerfacecolor": line.get_markerfacecolor(),
        "markeredgecolor": line.get_markeredgecolor(),
        "linestyle": line.get_linestyle(),
        "linewidth": line.get_linewidth(),
        "markersize": line.get_markersize(),
    }


def _lane_label(row: Row) -> str:
    lane = row.lane
    if lane.kind == "membership":
        return "\n".join(textwrap.wrap(f"{lane.subject.label} ({lane.subject.id})", 28))
    head = f"{lane.short} · {lane.subject.id}" if lane.short else lane.subject.id
    if row.protocol:
        return "↳ " + head
    return head + "\n" + textwrap.shorten(lane.subject.label, 30, placeholder="…")
