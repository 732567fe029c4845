"""Human-readable terminal output for the analyses (tables and numbered explanations)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable
from rich.text import Text

from obligraph.analysis.conflicts import Conflict
from obligraph.analysis.events import KINDS
from obligraph.analysis.results import BodyAccess, Impact
from obligraph.analysis.status import StateStatus
from obligraph.wording import sentence, the


class PlainTable(RichTable):
    """A rich table whose text cells are printed as they are, never read as markup: names,
    labels and values come from the graph or from the user (``[/]`` is a name like any other).
    Give a :class:`rich.text.Text` for a styled cell."""

    def add_row(self, *cells: object, **options: Any) -> None:
        super().add_row(*(Text(c) if isinstance(c, str) else c for c in cells), **options)  # type: ignore[arg-type]


def _d(value: object) -> str:
    return "" if value is None else str(value)


def _none(out: Console, title: str, why: str) -> None:
    """An empty table as one sentence: what was asked and why nothing matched."""
    out.print(f"[bold]{escape(title)}:[/] none. {escape(why)}", highlight=False)


def print_status(out: Console, s: StateStatus) -> None:
    state = the(s.state.name, "state")
    out.print(f"[bold]{escape(s.state.name)}[/] ({escape(s.state.id)}) on {s.on}")
    table = PlainTable("organisation", "status", "since", "until", title="Memberships")
    for m in s.memberships:
        table.add_row(
            f"{m.organisation.label} ({m.organisation.id})",
            m.status,
            _d(m.since) or f"{m.since_year} (year only)",
            _d(m.until),
        )
    if s.memberships:
        out.print(table)
    else:
        _none(out, "Memberships", f"The graph records no membership of {state} in an organisation on {s.on}.")
    table = PlainTable("treaty", "in force since", "confidence", title="Treaties in force")
    for t in s.treaties_in_force:
        table.add_row(f"{t.treaty.name} ({t.treaty.id})", _d(t.since), _d(t.confidence))
    if s.treaties_in_force:
        out.print(table)
    else:
        _none(
            out,
            "Treaties in force",
            f"The graph records no treaty binding {state} on {s.on} (its dates: obligraph timeline {s.state.id}).",
        )
    table = PlainTable(
        "body", "powers", "basis", "since", "limitation", title="Bodies with powers over the state"
    )
    for b in s.bodies:
        table.add_row(
            f"{b.body.label} ({b.body.id})",
            ", ".join(b.powers),
            "; ".join(b.basis),
            _d(b.since),
            _d(b.limitation),
        )
    if s.bodies:
        out.print(table)
    else:
        _none(
            out,
            "Bodies with powers over the state",
            f"No treaty binding {state} on {s.on} has a monitoring body in the graph, and no mandate covers it.",
        )
    for r in s.residual:
        out.print(
            f"Residual: {r.body.label} ({r.body.id}) keeps {', '.join(r.powers)} for acts before "
            f"{r.acts_before} ({r.clause}).",
            highlight=False,
            markup=False,
        )
    for u in s.undated:
        out.print(
            f"Also a party to the {u.treaty.name} ({u.treaty.id}), but the graph records no date on which it "
            f"entered into force for the state, so its powers are not listed ({u.note}).",
            highlight=False,
            markup=False,
        )
    for a in s.attempted_withdrawals:
        said = f" The depositary: {a.position}" if a.position else ""
        out.print(
            f"Attempted withdrawal: a notice of withdrawal from {the(a.treaty.name, 'treaty')} ({a.treaty.id}) received "
            f"{a.notified or 'on a date not given'} took no effect; the treaty still binds.{said}",
            highlight=False,
            markup=False,
        )
    if s.uncovered_systems:
        names = ", ".join(the(r.label, "organisation") for r in s.uncovered_systems)
        out.print(
            f"Not covered: the graph holds no fact about {s.state.name} in {names}; "
            "`obligraph coverage` lists what each system holds.",
            highlight=False,
        )


def _bodies(title: str, items: Sequence[BodyAccess], date_title: str, missing: str = "") -> PlainTable:
    table = PlainTable("body", "powers", "basis", date_title, "limitation", title=title)
    for b in items:
        table.add_row(
            f"{b.body.label} ({b.body.id})",
            ", ".join(b.powers),
            "; ".join(b.basis),
            _d(b.from_) or missing,
            "; ".join([*([b.limitation] if b.limitation else []), *(f"keeps {k}" for k in b.survives)]),
        )
    return table


PAST = {
    "withdrawal": "withdrew from",
    "ratification": "ratified",
    "expulsion": "was expelled from",
    "suspension": "was suspended from",
    "declaration": "made a declaration under",
    "withdrawal of a declaration": "withdrew its declaration under",
}


def _title(i: Impact, verbs: dict[str, str]) -> str:
    """The first line, in the tense of the answer's legal status ("The Philippines withdrew ...")."""
    return sentence(_title_words(i, verbs))


def _title_words(i: Impact, verbs: dict[str, str]) -> str:
    article = i.action in ("declaration", "withdrawal of a declaration")
    target = f"{i.treaty.name if article else the(i.treaty.name, 'treaty')} ({i.treaty.id})"
    who = f"{the(i.state.name, 'state')} ({i.state.id})"
    status = i.legal_status.status if i.legal_status else None
    if status == "not-permitted":
        return f"{who} cannot withdraw from {target}: the law does not allow it"
    if status == "effective" and i.notified_from == "graph":
        return f"{who} {PAST.get(i.action, i.action)} {target}"
    if status == "pending" and i.notified_from == "graph":
        return f"{who} has notified its {i.action} ({PAST.get(i.action, i.action)} {target} once it takes effect)"
    return f"If {who} {verbs.get(i.action, i.action)} {target}"


def _status_line(i: Impact) -> str | None:
    s = i.legal_status
    if s is None:
        return None
    recorded = i.notified_from == "graph"
    if s.status == "not-permitted":
        return f"Status:    not permitted: {s.reason}"
    if s.status == "date-unknown":
        return f"Status:    date unknown: {s.reason}"
    if s.status == "pending":
        return f"Status:    pending on {s.as_of}: {'takes' if recorded else 'would take'} effect on {i.effective}"
    return f"Status:    effective by {s.as_of}: {'took' if recorded else 'would have taken'} effect on {i.effective}"


def print_impact(out: Console, i: Impact) -> None:
    verbs = {
        "withdrawal": "withdraws from",
        "ratification": "ratifies",
        "expulsion": "is expelled from",
        "suspension": "is suspended from",
        "declaration": "makes a declaration under",
        "withdrawal of a declaration": "withdraws its declaration under",
    }
    article = i.action in ("declaration", "withdrawal of a declaration")
    out.print(_title(i, verbs), style="bold", markup=False)
    notified = {
        "argument": f"{i.notified} (as given)",
        "graph": f"{i.notified} (recorded)",
        "unknown": "unknown (no source gives it)",
    }[i.notified_from]
    dated = next((k.dated_as for k in KINDS.values() if k.action == i.action), "Notified") + ":"
    out.print(f"{dated:<10} {notified}", highlight=False, markup=False)
    never = i.legal_status is not None and i.legal_status.status == "not-permitted"
    unknown = "never: the withdrawal takes no effect" if never else "cannot be computed (see the status)"
    out.print(f"Effective: {i.effective or unknown}", highlight=False, markup=False)
    status = _status_line(i)
    if status:
        out.print(status, highlight=False, markup=False)
    if i.effective_rule:
        r = i.effective_rule
        out.print(
            f"Rule:      {r.article}: {r.period or 'no period'}, {r.alignment or 'same day'} "
            f"(confidence {r.confidence or 'not stated'})",
            highlight=False,
            markup=False,
        )
    state, target = the(i.state.name, "state"), i.treaty.name if article else the(i.treaty.name, "treaty")
    if never:
        out.print("Bodies losing access: none (the withdrawal takes no effect)")
    elif i.bodies_losing_access:
        out.print(
            _bodies("Bodies losing access", i.bodies_losing_access, "from", "when effective (date unknown)")
        )
    elif not i.bodies_gaining_access:
        _none(out, "Bodies losing access", f"No body holds a power over {state} that rests only on {target}.")
    if i.bodies_retaining_access:
        out.print(_bodies("Bodies keeping powers (other bases)", i.bodies_retaining_access, "since"))
    else:
        _none(
            out, "Bodies keeping powers", f"After the change no body of the graph holds a power over {state}."
        )
    table = PlainTable("obligation", "ends with", "still binding through", title="Obligations")
    for o in (*i.obligations_ceasing, *i.obligations_remaining):
        table.add_row(
            o.obligation.label,
            "; ".join(o.ending_bases) or "-",
            "; ".join(o.remaining_bases) or Text("nothing", style="red"),
        )
    if i.obligations_ceasing or i.obligations_remaining:
        out.print(table)
    else:
        _none(out, "Obligations", f"The graph records no obligation resting on {target} or on its subjects.")
    if i.bodies_gaining_access:
        out.print(_bodies("Bodies gaining powers", i.bodies_gaining_access, "from"))
    for gap in i.gaps:
        out.print(f"[bold red]gap:[/] {escape(gap)}", highlight=False)
    if i.summary:
        out.print(f"[bold]Summary[/] {escape(i.summary)}", highlight=False)
    out.print("[bold]Why[/]")
    for n, step in enumerate(i.explanation, start=1):
        out.print(f"{n}. {step.text}", highlight=False, markup=False)
        for src in step.sources[:3]:
            out.print(f"     source: {src}", highlight=False, markup=False, style="dim")
        if len(step.sources) > 3:
            out.print(f"     (+{len(step.sources) - 3} more sources; see --json)", style="dim")
    for w in i.warnings:
        out.print(f"[yellow]warning:[/] {escape(w)}", highlight=False)


def print_conflicts(out: Console, items: Sequence[Conflict]) -> None:
    if not items:
        out.print("No conflicting claims.")
        return
    for c in items:
        out.print(f"[bold]{escape(c.about_label)}[/] — {escape(c.property)}", highlight=False)
        for claim in c.claims:
            mark = "accepted" if claim.accepted else ("kept, not used" if claim.accepted is False else "")
            srcs = ", ".join(claim.sources[:2]) + (" …" if len(claim.sources) > 2 else "")
            out.print(
                f"   {claim.value:<12} {claim.confidence or '':<7} {mark:<15} {srcs}",
                highlight=False,
                markup=False,
            )
    out.print(f"{len(items)} facts with conflicting claims")


def print_scenario(out: Console, result: object) -> None:
    from obligraph.analysis.scenario import ScenarioResult

    assert isinstance(result, ScenarioResult)
    out.print(f"[bold]Scenario: {escape(result.scenario.name)}[/]", highlight=False)
    for _, event in result.run.events:
        out.print(f"  event: {event.describe(result.run.kg)}", highlight=False, markup=False)
    for impact in result.impacts:
        status = impact.legal_status
        if status:
            out.print(
                f"  legal status for {impact.state.name}: {status.status} ({status.reason})",
                highlight=False,
                markup=False,
            )
    out.print("[bold]Cascade[/]")
    for n, node in enumerate(result.run.cascade.nodes.values(), start=1):
        out.print(f"  {n}. {node.label}", highlight=False, markup=False)
    table = PlainTable("state", "what", "item", "change", title=f"Before and after, compared on {result.on}")
    for c in result.changes:
        colour = "red" if c.change == "removed" else "green"
        table.add_row(c.state.name, c.what, c.item, Text(c.change, style=colour))
    out.print(table)
