"""Draw a :class:`obligraph.timeline.Timeline` with matplotlib (Agg, no display needed).

One lane per organisation or treaty: bars for memberships and participation, markers for
events, each event numbered and explained in a key under the chart (so nothing overlaps at A4
width). Disputed dates are drawn as a grey range with every claimed value; a date no source
gives is a red "?" at the timeline's date; a start that is not recorded is a dotted bar.
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

from obligraph.timeline import Event, Lane, Timeline  # noqa: E402

WIDTH_IN = 7.2  # A4 text width is about 6.7 in; the figure is drawn at this size, fonts >= 6.5 pt
DPI = 200
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
    "signature": _MarkerStyle("s", "#222222", 5, "signed"),
    "deposit": _MarkerStyle("^", "#222222", 6, "instrument deposited"),
    "in force": _MarkerStyle("|", "#222222", 9, "in force for the state"),
    "joined": _MarkerStyle("o", "#222222", 5.5, "joined"),
    "suspended": _MarkerStyle("D", "#e07b00", 5.5, "rights suspended"),
    "expelled": _MarkerStyle("X", RED, 7, "expelled"),
    "withdrawal notified": _MarkerStyle("v", RED, 6.5, "withdrawal / denunciation notified"),
    "denunciation notified": _MarkerStyle("v", RED, 6.5, "withdrawal / denunciation notified"),
    "denunciation effective": _MarkerStyle("|", RED, 11, "denunciation takes effect / ceased"),
    "ceased": _MarkerStyle("|", RED, 11, "denunciation takes effect / ceased"),
    "domestic step": _MarkerStyle(".", "#222222", 6, "domestic step"),
}


@dataclass(frozen=True)
class _Callout:
    number: int
    lane: int
    x: dt.date
    text: str


def figure(timeline: Timeline) -> Figure:
    """The timeline as a matplotlib Figure (for notebooks: ``display(fig)`` or ``fig.savefig``)."""
    lanes = timeline.lanes
    callouts = _callouts(timeline)
    key_lines = _key_lines(callouts, timeline)
    chart_h = 0.5 * max(len(lanes), 1) + 0.55
    key_h = 0.16 * (len(key_lines) + 1) / 2 + 0.2
    legend_h = 0.95
    fig = Figure(figsize=(WIDTH_IN, chart_h + legend_h + key_h + 0.35), dpi=DPI)
    total = chart_h + legend_h + key_h + 0.35
    top = 1 - 0.35 / total
    ax = fig.add_axes((0.25, 1 - (0.35 + chart_h) / total + 0.35 / total * 0.6, 0.72, chart_h / total * 0.86))
    fig.text(
        0.01,
        top + 0.2 / total,
        f"{timeline.state.label} ({timeline.state.id}): memberships and treaty participation",
        fontsize=10,
        fontweight="bold",
        va="center",
    )
    fig.text(
        0.01,
        top + 0.02 / total,
        f"as recorded in obligraph, up to {timeline.as_of}",
        fontsize=7.5,
        color="#444444",
    )
    starts = [d for d in (_first_date(lane) for lane in lanes) if d is not None]
    first = min(starts, default=timeline.as_of)
    x0 = dt.date(first.year - 2, 1, 1)
    x1 = dt.date(timeline.as_of.year + 2, 1, 1)
    n = len(lanes)
    for i, lane in enumerate(lanes):
        y = n - 1 - i
        _draw_lane(ax, lane, y, timeline.as_of)
    _place_callouts(ax, callouts, n, x0, x1)
    ax.set_xlim(_num(x0), _num(x1))
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_yticks(range(n))
    ax.set_yticklabels([_lane_label(lane) for lane in reversed(lanes)], fontsize=7.5)
    ax.xaxis.set_major_locator(mdates.YearLocator(base=5))  # type: ignore[no-untyped-call]
    ax.xaxis.set_minor_locator(mdates.YearLocator(base=1))  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]
    ax.tick_params(axis="x", labelsize=7.5)
    ax.grid(axis="x", color="#e3e3e3", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.axvline(_num(timeline.as_of), color="#555555", linewidth=0.6, linestyle=(0, (2, 2)))
    legend_ax = fig.add_axes((0.01, (key_h + 0.05) / total, 0.98, legend_h / total))
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
    key_ax = fig.add_axes((0.01, 0.01, 0.98, key_h / total))
    key_ax.axis("off")
    half = (len(key_lines) + 1) // 2
    for col, lines in enumerate((key_lines[:half], key_lines[half:])):
        for row, line in enumerate(lines):
            key_ax.text(
                0.0 + col * 0.5,
                1 - (row + 0.5) / max(half, 1),
                line,
                fontsize=6.5,
                va="center",
                ha="left",
                family="DejaVu Sans",
            )
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


def _draw_lane(ax: Any, lane: Lane, y: float, as_of: dt.date) -> None:
    for span in lane.spans:
        colour = COLOURS.get(span.status, "#2b5d8a")
        start = span.start or span.drawn_from
        if start is None:
            continue
        end = span.end or as_of
        left, width = _num(start), _num(end) - _num(start)
        if span.start is None:
            ax.barh(
                y, width, left=left, height=0.3, color="none", edgecolor=colour, linestyle=":", linewidth=1.2
            )
        elif span.status == "suspended":
            ax.barh(
                y, width, left=left, height=0.3, color="white", edgecolor=colour, hatch="/////", linewidth=0.8
            )
        elif span.confidence == "low":
            ax.barh(y, width, left=left, height=0.3, color=colour, alpha=0.35, hatch="...", edgecolor=colour)
        else:
            ax.barh(y, width, left=left, height=0.3, color=colour, alpha=0.9, linewidth=0)
        if span.end is None:
            ax.plot([_num(end)], [y], marker=">", color=colour, markersize=4.5)
    for event in lane.events:
        style = MARKERS.get(event.kind, MARKERS["deposit"])
        hollow = not event.took_effect or event.confidence == "low"
        colour = GREY if not event.took_effect else style.colour
        ax.plot(
            [_num(event.on)],
            [y],
            marker=style.marker,
            markersize=style.size,
            markerfacecolor="white" if hollow else colour,
            markeredgecolor=colour,
            markeredgewidth=1.3 if style.marker == "|" else 0.9,
            linestyle="none",
            zorder=4,
        )
    for k, dispute in enumerate(lane.disputes):
        yy = y - 0.3 - 0.09 * k
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
                markersize=3.8,
                markerfacecolor=GREY if c.accepted else "white",
                markeredgecolor=GREY,
                linestyle="none",
                zorder=4,
            )
    if lane.unknown:
        ax.text(_num(as_of), y, "?", color=RED, fontsize=10, fontweight="bold", ha="left", va="center")


def _callouts(timeline: Timeline) -> list[_Callout]:
    """One number per event, except runs of the same kind within 60 days (domestic steps), which
    share one; then one per dispute and one per unknown date."""
    out: list[_Callout] = []
    number = 0
    for i, lane in enumerate(timeline.lanes):
        group: list[Event] = []
        for event in [*lane.events, None]:
            if (
                event is not None
                and group
                and event.kind == group[-1].kind
                and (event.on - group[-1].on).days <= 60
            ):
                group.append(event)
                continue
            if group:
                number += 1
                out.append(_Callout(number, i, group[0].on, _event_text(group)))
            group = [event] if event is not None else []
        for dispute in lane.disputes:
            number += 1
            claims = ", ".join(
                f"{c.value} ({c.confidence or '?'}{', used' if c.accepted else ''})" for c in dispute.claims
            )
            out.append(
                _Callout(
                    number, i, dispute.claims[0].start, f"sources disagree on the {dispute.what}: {claims}"
                )
            )
        for text in lane.unknown:
            number += 1
            out.append(_Callout(number, i, timeline.as_of, text))
    return out


def _event_text(group: list[Event]) -> str:
    if len(group) == 1:
        e = group[0]
        extra = " (low confidence)" if e.confidence == "low" else ""
        return f"{e.on}  {e.text}{extra}"
    if group[0].kind == "domestic step":
        steps = "; ".join(f"{e.on:%d %b}: {e.text}" for e in group)
        return f"{group[0].on} to {group[-1].on}  domestic steps: {steps}"
    return f"{group[0].on} to {group[-1].on}  " + "; ".join(e.text for e in group)


def _place_callouts(ax: Any, callouts: list[_Callout], n: int, x0: dt.date, x1: dt.date) -> None:
    """Write each number above its lane's bar, stacking numbers that would touch."""
    min_gap = (x1 - x0).days * 0.022
    placed: dict[int, list[tuple[float, int]]] = {}
    for c in callouts:
        x = _num(c.x)
        taken = placed.setdefault(c.lane, [])
        level = 0
        while any(abs(x - px) < min_gap and lv == level for px, lv in taken):
            level += 1
        taken.append((x, level))
        ax.text(
            x,
            n - 1 - c.lane + 0.19 + 0.2 * level,
            str(c.number),
            fontsize=6.5,
            ha="center",
            va="bottom",
            zorder=6,
            bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "#999999", "lw": 0.4},
        )


def _key_lines(callouts: list[_Callout], timeline: Timeline) -> list[str]:
    lines = []
    for c in callouts:
        lane = timeline.lanes[c.lane]
        head = f"{c.number:>2}  {lane.short or lane.subject.id}: "
        wrapped = textwrap.wrap(c.text, 62 - len(head), break_on_hyphens=False)
        lines.append(head + wrapped[0])
        lines += ["      " + w for w in wrapped[1:]]
    return lines


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


def _lane_label(lane: Lane) -> str:
    if lane.kind == "membership":
        return "\n".join(textwrap.wrap(f"{lane.subject.label} ({lane.subject.id})", 28))
    head = f"{lane.short} · {lane.subject.id}" if lane.short else lane.subject.id
    return head + "\n" + textwrap.shorten(lane.subject.label, 27, placeholder="…")


def _first_date(lane: Lane) -> dt.date | None:
    dates = [s.start or s.drawn_from for s in lane.spans] + [e.on for e in lane.events]
    known = [d for d in dates if d]
    return min(known) if known else None
