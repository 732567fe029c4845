"""What a timeline figure says in words: the rows it draws, the numbers it puts on notable events
and the key under the chart (a table of the routine dates, and the numbered events explained).

Signature, deposit, entry into force and admission are routine: their dates go in the table.
Every other event (suspension, expulsion, withdrawal or denunciation, domestic steps), every
dispute and every date no source gives gets a number.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from typing import Any

from obligraph.analysis.timeline import Event, Lane, Span, Timeline

KEY_LINE_IN = 0.122  # one 6.5 pt line of the key
ROUTINE = ("signature", "deposit", "in force", "joined")  # listed in the dates table, not numbered
DATE_COLUMNS = (("signature", "signed"), ("deposit", "deposited"), ("in force", "in force"))


@dataclass(frozen=True)
class Row:
    lane: Lane
    y: float  # centre, in lane units from the bottom of the chart
    protocol: bool  # drawn thinner, under its treaty


@dataclass(frozen=True)
class Callout:
    number: int
    row: int
    x: dt.date
    text: str
    where: str = (
        "above"  # above the bar (events), "dispute" (left of its grey range), "unknown" (after the ?)
    )
    index: int = 0  # which dispute of the lane


def callouts(timeline: Timeline, rows: list[Row], close: int) -> list[Callout]:
    """One number per notable event, except that events of one lane too close to be told apart
    at the figure's scale (``close`` days) share one: the suspension, withdrawal notice and
    expulsion of 2022; a run of domestic steps. Then one per dispute, and one for the dates no
    source gives."""
    out: list[Callout] = []
    number = 0
    for i, row in enumerate(rows):
        lane = row.lane
        notable = [e for e in lane.events if not _routine(e)]
        group: list[Event] = []
        for event in [*notable, None]:
            if event is not None and group and (event.on - group[-1].on).days <= close:
                group.append(event)
                continue
            if group:
                number += 1
                out.append(Callout(number, i, group[0].on, _event_text(group)))
            group = [event] if event is not None else []
        for k, dispute in enumerate(lane.disputes):
            number += 1
            claims = ", ".join(
                f"{c.value} ({c.confidence or '?'}{', used' if c.accepted else ''})" for c in dispute.claims
            )
            text = f"sources disagree on the {dispute.what}: {claims}"
            out.append(Callout(number, i, dispute.claims[0].start, text, "dispute", k))
        if lane.unknown:
            number += 1
            what = "; ".join(u.removesuffix(": date not recorded in any source") for u in lane.unknown)
            out.append(Callout(number, i, timeline.as_of, f"no source gives the date: {what}", "unknown"))
    return out


def _routine(event: Event) -> bool:
    return event.kind in ROUTINE and event.took_effect


def _event_text(group: list[Event]) -> str:
    def one(e: Event) -> str:
        return e.text + (" (low confidence)" if e.confidence == "low" else "")

    if len(group) == 1:
        return f"{group[0].on}  {one(group[0])}"
    if all(e.kind == "domestic step" for e in group):
        steps = "; ".join(f"{e.on:%d %b}: {e.text}" for e in group)
        return f"{group[0].on} to {group[-1].on}  domestic steps: {steps}"
    return "; ".join(f"{e.on}  {one(e)}" for e in group)


def dates_table(rows: list[Row]) -> list[tuple[str, ...]]:
    """Rows of (name, signed, deposited, in force) for treaties; (name, text) for memberships."""
    out: list[tuple[str, ...]] = []
    for row in rows:
        lane = row.lane
        name = ("  " if row.protocol else "") + (lane.short or lane.subject.id)
        if lane.kind == "membership":
            joined = [e.on.isoformat() for e in lane.events if e.kind == "joined" and e.took_effect]
            starts = [_start_text(s) for s in lane.spans if s.status != "suspended"]
            out.append((name, "member from " + ", ".join(joined or starts[:1] or ["(not recorded)"])))
            continue
        cells = [name]
        for kind, _title in DATE_COLUMNS:
            found = [
                e.on.isoformat() + ("*" if e.confidence == "low" else "")
                for e in lane.events
                if e.kind == kind and e.took_effect
            ]
            if kind == "in force" and not found and any(s.start is None for s in lane.spans):
                found = ["not recorded"]
            cells.append(", ".join(found) or "–")
        out.append(tuple(cells))
    if any("*" in cell for cells in out for cell in cells[1:]):
        out.append(("", "* recorded with low confidence"))
    return out


def _start_text(span: Span) -> str:
    if span.start:
        return span.start.isoformat()
    if span.start_year:
        return f"{span.start_year} (year only)"
    return "(not recorded)"


def numbered_lines(callouts: list[Callout], rows: list[Row]) -> list[str]:
    lines = []
    for c in callouts:
        lane = rows[c.row].lane
        head = f"{c.number:>2}  {lane.short or lane.subject.id}: "
        wrapped = textwrap.wrap(c.text, 74 - len(head), break_on_hyphens=False)
        lines.append(head + wrapped[0])
        lines += ["       " + w for w in wrapped[1:]]
    return lines


def _key_height(k: int, dates: int, numbered: int) -> int:
    """Lines of the key when ``k`` rows of the dates table stay on the left (each block has a
    heading line; an empty list of numbered events has none)."""
    right = (numbered + 1 if numbered else 0) + (dates - k + 1 if k < dates else 0)
    return max(k + 1, right)


def _key_split(dates: int, numbered: int) -> int:
    """How many rows of the dates table stay on the left; the rest continue on the right, under
    the numbered events, so a long table beside a short list does not make the figure taller."""
    return min(range(dates + 1), key=lambda k: (_key_height(k, dates, numbered), -k))


def key_rows(dates: list[tuple[str, ...]], numbered: list[str]) -> int:
    return _key_height(_key_split(len(dates), len(numbered)), len(dates), len(numbered))


def write_key(
    ax: Any, dates: list[tuple[str, ...]], numbered: list[str], width_in: float, height_in: float
) -> None:
    """The dates table on the left, the numbered events on the right (and the rest of the table
    under them when the list is short), one 6.5 pt line each."""
    line = KEY_LINE_IN / height_in
    columns = (0.0, 0.85, 1.45, 2.05)  # inches from the block's left: name, signed, deposited, in force
    right = 2.75

    def put(x_in: float, row: int, text: str, **style: Any) -> None:
        ax.text(x_in / width_in, 1 - (row + 0.5) * line, text, fontsize=6.5, va="center", ha="left", **style)

    def table(left: float, first_row: int, rows: list[tuple[str, ...]], heading: str) -> None:
        put(left, first_row, heading, color="#555555", fontweight="bold")
        for x, (_kind, title) in zip(columns[1:], DATE_COLUMNS, strict=True):
            put(left + x, first_row, title, color="#555555")
        for i, cells in enumerate(rows, start=first_row + 1):
            for x, text in zip(columns, cells, strict=False):
                put(left + x, i, text)

    k = _key_split(len(dates), len(numbered))
    table(0.0, 0, dates[:k], "dates")
    if numbered:
        put(right, 0, "numbered events", color="#555555", fontweight="bold")
        for i, text in enumerate(numbered, start=1):
            put(right, i, text)
    if k < len(dates):
        table(right, len(numbered) + 1 if numbered else 0, dates[k:], "dates (cont.)")
