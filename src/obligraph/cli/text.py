"""Human-readable terminal output for the analyses (tables and numbered explanations)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from obligraph.analysis.conflicts import Conflict
from obligraph.analysis.results import BodyAccess, Impact
from obligraph.analysis.status import StateStatus
from obligraph.wording import the


def _d(value: object) -> str:
    return "" if value is None else str(value)


def print_status(out: Console, s: StateStatus) -> None:
    out.print(f"[bold]{s.state.name}[/] ({s.state.id}) on {s.on}")
    table = Table("organisation", "status", "since", "until", title="Memberships")
    for m in s.memberships:
        table.add_row(
            f"{m.organisation.label} ({m.organisation.id})",
            m.status,
            _d(m.since) or f"{m.since_year} (year only)",
            _d(m.until),
        )
    out.print(table if s.memberships else "Memberships: none recorded on this date")
    table = Table("treaty", "in force since", "confidence", title="Treaties in force")
    for t in s.treaties_in_force:
        table.add_row(f"{t.treaty.name} ({t.treaty.id})", _d(t.since), _d(t.confidence))
    out.print(table)
    table = Table("body", "powers", "basis", "since", title="Bodies with powers over the state")
    for b in s.bodies:
        table.add_row(f"{b.body.label} ({b.body.id})", ", ".join(b.powers), "; ".join(b.basis), _d(b.since))
    out.print(table)
    for r in s.residual:
        out.print(
            f"Residual: {r.body.label} ({r.body.id}) keeps {', '.join(r.powers)} for acts before "
            f"{r.acts_before} ({r.clause}).",
            highlight=False,
        )
    for u in s.undated:
        out.print(
            f"Also a party to the {u.treaty.name} ({u.treaty.id}), but no sourced clause gives the date it "
            f"entered into force for the state, so its powers are not listed. ({u.note})",
            highlight=False,
        )


def _bodies(title: str, items: Sequence[BodyAccess], date_title: str, missing: str = "") -> Table:
    table = Table("body", "powers", "basis", date_title, "limitation", title=title)
    for b in items:
        table.add_row(
            f"{b.body.label} ({b.body.id})",
            ", ".join(b.powers),
            "; ".join(b.basis),
            _d(b.from_) or missing,
            _d(b.limitation),
        )
    return table


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
    out.print(
        f"[bold]If {the(i.state.name, 'state')} ({i.state.id}) {verbs.get(i.action, i.action)} "
        f"{i.treaty.name if article else the(i.treaty.name, 'treaty')} ({i.treaty.id})[/]"
    )
    notified = {
        "argument": f"{i.notified} (as given)",
        "graph": f"{i.notified} (recorded)",
        "unknown": "unknown (no source gives it)",
    }[i.notified_from]
    out.print(f"Notified:  {notified}", highlight=False)
    out.print(
        f"Effective: {i.effective or 'cannot be computed without the notification date'}", highlight=False
    )
    if i.effective_rule:
        r = i.effective_rule
        out.print(
            f"Rule:      {r.article}: {r.period or 'no period'}, {r.alignment or 'same day'} "
            f"(confidence {r.confidence or 'not stated'})",
            highlight=False,
        )
    out.print(
        _bodies("Bodies losing access", i.bodies_losing_access, "from", "when effective (date unknown)")
    )
    out.print(_bodies("Bodies keeping powers (other bases)", i.bodies_retaining_access, "since"))
    table = Table("obligation", "ends with", "still binding through", title="Obligations")
    for o in (*i.obligations_ceasing, *i.obligations_remaining):
        table.add_row(
            o.obligation.label,
            "; ".join(o.ending_bases) or "-",
            "; ".join(o.remaining_bases) or "[red]nothing[/]",
        )
    out.print(table)
    if i.bodies_gaining_access:
        out.print(_bodies("Bodies gaining powers", i.bodies_gaining_access, "from"))
    for gap in i.gaps:
        out.print(f"[bold red]gap:[/] {gap}", highlight=False)
    if i.summary:
        out.print(f"[bold]Summary[/] {i.summary}", highlight=False)
    out.print("[bold]Why[/]")
    for n, step in enumerate(i.explanation, start=1):
        out.print(f"{n}. {step.text}", highlight=False)
        for src in step.sources[:3]:
            out.print(f"     source: {src}", highlight=False, style="dim")
        if len(step.sources) > 3:
            out.print(f"     (+{len(step.sources) - 3} more sources; see --json)", style="dim")
    for w in i.warnings:
        out.print(f"[yellow]warning:[/] {w}", highlight=False)


def print_conflicts(out: Console, items: Sequence[Conflict]) -> None:
    if not items:
        out.print("No conflicting claims.")
        return
    for c in items:
        out.print(f"[bold]{c.about_label}[/] — {c.property}", highlight=False)
        for claim in c.claims:
            mark = "accepted" if claim.accepted else ("kept, not used" if claim.accepted is False else "")
            srcs = ", ".join(claim.sources[:2]) + (" …" if len(claim.sources) > 2 else "")
            out.print(f"   {claim.value:<12} {claim.confidence or '':<7} {mark:<15} {srcs}", highlight=False)
    out.print(f"{len(items)} facts with conflicting claims")


def print_scenario(out: Console, result: object) -> None:
    from obligraph.analysis.scenario import ScenarioResult

    assert isinstance(result, ScenarioResult)
    out.print(f"[bold]Scenario: {result.scenario.name}[/]", highlight=False)
    for _, event in result.run.events:
        out.print(f"  event: {event.describe(result.run.kg)}", highlight=False)
    out.print("[bold]Cascade[/]")
    for n, node in enumerate(result.run.cascade.nodes.values(), start=1):
        out.print(f"  {n}. {node.label}", highlight=False)
    table = Table("state", "what", "item", "change", title=f"Before and after, compared on {result.on}")
    for c in result.changes:
        colour = "red" if c.change == "removed" else "green"
        table.add_row(c.state.id, c.what, c.item, f"[{colour}]{c.change}[/]")
    out.print(table)
