"""What follows from one event, for any kind of event: the seed question's road.

:func:`assess` prepares the event (what is particular to its kind: for a withdrawal, the
notification the graph records, the participation check and the domestic steps), runs the
engine (the one place where effective dates are computed, from the rule files and the clauses
in the graph) and hands over to :func:`obligraph.analysis.consequences.build`, the one
consequence builder. Nothing here knows a state, treaty or body by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from obligraph.analysis import consequences, engine, facts, preconditions
from obligraph.analysis.consequences import Front
from obligraph.analysis.events import Event
from obligraph.analysis.results import Impact, Step
from obligraph.errors import NotApplicableError
from obligraph.store import IRI, SparqlGraph, as_local, remembered
from obligraph.wording import sentence


def assess(
    kg: SparqlGraph, event: Event, today: dt.date | None = None, as_of: dt.date | None = None
) -> Impact:
    """The Impact of one ``event``, its legal status given as of ``as_of`` (default: today).
    Queries about the graph as it stands go to ``kg`` (any store); the engine works on a local
    view of it (the embedded store, or a copy). An event that cannot happen raises
    NotApplicableError (:mod:`obligraph.analysis.preconditions`)."""
    event, front = prepare(kg, event, today)
    run = engine.run(as_local(kg), [event])
    return consequences.build(kg, run, event.state, event, front, status_on=as_of)


def withdraw(
    kg: SparqlGraph,
    state: str,
    treaty: str,
    notified: dt.date | None = None,
    today: dt.date | None = None,
    as_of: dt.date | None = None,
) -> Impact:
    """Impact of ``state`` denouncing ``treaty`` (both IRIs), notified on ``notified``.

    Without ``notified``, a notification date recorded in the graph is used; if there is none,
    the engine runs undated: the effective date stays unknown and the analysis is made as of
    ``today``.
    """
    return assess(kg, Event("withdraw", state, treaty, notified), today, as_of)


def prepare(kg: SparqlGraph, event: Event, today: dt.date | None = None) -> tuple[Event, Front]:
    """What is particular to the event's kind, before the engine runs (checks that the event
    can happen, dates recorded in the graph, the first steps of the explanation)."""
    return PREPARE.get(event.kind, _no_front)(kg, event, today)


def _no_front(kg: SparqlGraph, event: Event, today: dt.date | None) -> tuple[Event, Front]:
    CHECKS[event.kind](kg, event)
    return event, Front(as_of=today)


CHECKS: dict[str, Callable[[SparqlGraph, Event], None]] = {
    "withdraw": preconditions.check_withdrawal,
    "ratify": preconditions.check_ratification,
    "declare": preconditions.check_declaration,
    "undeclare": preconditions.check_declaration,
    "expel": preconditions.check_membership,
    "suspend": preconditions.check_membership,
    "leave": preconditions.check_membership,
}


def _withdrawal_front(kg: SparqlGraph, event: Event, today: dt.date | None) -> tuple[Event, Front]:
    """The recorded notification (when none is given), the participation check, the domestic
    steps, and the first step of the explanation."""
    state, treaty = event.state, event.target
    recorded = _recorded_denunciation(kg, state, treaty)
    notified, notified_from = event.on, "argument"
    if notified is None and recorded and recorded.deposit:
        notified, notified_from = recorded.deposit, "graph"
    elif notified is None:
        notified_from = "unknown"
    preconditions.check_withdrawal(kg, Event(event.kind, state, treaty, notified))
    as_of = notified or today or dt.date.today()
    participation = _participation_on(kg, state, treaty, as_of)
    since = participation.since or "a date the sources do not give"
    steps = [
        Step(
            sentence(
                f"{facts.named(kg, state, 'state')} is bound by {facts.named(kg, treaty, 'treaty')} since {since}."
            ),
            facts.sources(kg, participation.iri),
        )
    ]
    if recorded:
        steps.extend(recorded.steps)
    return Event(event.kind, state, treaty, notified), Front(tuple(steps), (), notified_from, as_of)


PREPARE: dict[str, Callable[[SparqlGraph, Event, dt.date | None], tuple[Event, Front]]] = {
    "withdraw": _withdrawal_front,
}


@dataclass(frozen=True)
class _Recorded:
    deposit: dt.date | None
    steps: tuple[Step, ...]


def _recorded_denunciation(kg: SparqlGraph, state: str, treaty: str) -> _Recorded | None:
    """The notification on record, remembered as plain data (kept by the store cache)."""

    def look() -> list[object] | None:
        found = _recorded(kg, state, treaty)
        if found is None:
            return None
        deposit = found.deposit.isoformat() if found.deposit else None
        return [deposit, [[s.text, list(s.sources)] for s in found.steps]]

    plain: Any = remembered(kg, ("recorded-denunciation", state, treaty), look, dated=True)
    if plain is None:
        return None
    deposit, steps = plain
    return _Recorded(
        dt.date.fromisoformat(deposit) if isinstance(deposit, str) else None,
        tuple(Step(str(text), tuple(sources)) for text, sources in steps),
    )


def _recorded(kg: SparqlGraph, state: str, treaty: str) -> _Recorded | None:
    rows = kg.query(
        """SELECT ?state ?treaty ?action ?deposit ?took WHERE {
             ?action og:actor ?state ; og:treaty ?treaty ; og:actionKind og:DenunciationNotification .
             OPTIONAL { ?action og:depositDate ?deposit }
             OPTIONAL { ?action og:tookEffect ?took }
           } ORDER BY ?action""",
        {"state": IRI(state), "treaty": IRI(treaty)},
    )
    rows = [r for r in rows if r["took"] is not False]
    if not rows:
        return None
    action = str(rows[0]["action"])
    deposit = rows[0]["deposit"] if isinstance(rows[0]["deposit"], dt.date) else None
    step_rows = kg.query(
        """SELECT ?action ?step ?date ?note WHERE {
             ?step og:stepOf ?action ; og:domesticDecisionDate ?date . OPTIONAL { ?step og:note ?note }
           } ORDER BY ?date""",
        {"action": IRI(action)},
    )
    steps = [
        Step(f"Domestic step on {r['date']}: {r['note'] or 'decision'}", facts.sources(kg, str(r["step"])))
        for r in step_rows
    ]
    if deposit is None:
        steps.append(
            Step(
                "No source gives the date the notification reached the depositary.", facts.sources(kg, action)
            )
        )
    return _Recorded(deposit, tuple(steps))


def _participation_on(kg: SparqlGraph, state: str, treaty: str, on: dt.date) -> facts.Participation:
    mine = [p for p in facts.participations(kg, state) if p.treaty == treaty]
    for p in mine:
        if facts.in_force(p, on):
            return p
    for p in mine:  # a party whose start is unknown (only its withdrawal is recorded)
        if p.since is None and p.until is not None and p.until > on:
            return p
    state_name = sentence(facts.named(kg, state, "state"))
    treaty_name = facts.named(kg, treaty, "treaty")
    if not mine:
        raise NotApplicableError(
            f"{state_name} has never been bound by {treaty_name} in the graph; nothing to withdraw from"
        )
    ended = [p for p in mine if p.until and p.until <= on]
    if ended:
        raise NotApplicableError(
            f"{state_name} ceased to be bound by {treaty_name} on {ended[-1].until}; nothing to withdraw from on {on}"
        )
    raise NotApplicableError(
        f"{state_name} is not bound by {treaty_name} on {on} (no entry into force recorded before that date)"
    )
