"""Scenario files: several events at once, and the before/after difference they make.

A scenario is YAML::

    name: Russia leaves the ECPT and ratifies OPCAT
    state: RUS                 # default state for the events
    events:
      - withdraw: ECPT
        notified: 2025-10-03
      - ratify: OPCAT
        on: 2026-01-15
      - expel-from: CoE        # also: suspend-from, leave (with notified)
        on: 2030-01-01
        state: RUS             # an event may name its own state
      - withdraw-declaration: CAT 22   # also: declare: CAT 22 (an opt-in article)
        on: 2026-03-01
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from obligraph import dates
from obligraph.analysis import consequences, engine, facts, impact
from obligraph.analysis.events import BY_FLAG, Event, target_of
from obligraph.analysis.results import Impact
from obligraph.errors import BadParameterError
from obligraph.queries import run_named
from obligraph.resolve import Resolver
from obligraph.store import IRI, KnowledgeGraph


@dataclass(frozen=True)
class Scenario:
    name: str
    events: tuple[Event, ...]


def load(path: Path, resolver: Resolver) -> Scenario:
    """Read and validate a scenario file; every error names the file and the event."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise BadParameterError(f"{path}: cannot read ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise BadParameterError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list) or not data["events"]:
        raise BadParameterError(f"{path}: a scenario needs a non-empty 'events' list")
    default_state = data.get("state")
    events = []
    for number, raw in enumerate(data["events"], start=1):
        where = f"{path}: event {number}"
        if not isinstance(raw, dict):
            raise BadParameterError(
                f"{where}: must be a mapping such as {{withdraw: ECPT, notified: 2025-10-03}}"
            )
        # YAML 1.1 reads the key `on` as the boolean true: take it back as "on"
        raw = {("on" if key is True else str(key)): value for key, value in raw.items()}
        chosen = [k for k in BY_FLAG if k in raw]
        if len(chosen) != 1:
            raise BadParameterError(f"{where}: needs exactly one of {', '.join(BY_FLAG)}")
        meta = BY_FLAG[chosen[0]]
        kind, date_key = meta.name, meta.date_key
        if date_key not in raw:
            raise BadParameterError(f"{where}: '{chosen[0]}' needs '{date_key}: YYYY-MM-DD'")
        when = raw[date_key]
        day = dates.parse_user_date(when, what=f"{where} {date_key}")  # the CLI's own check
        state_name = raw.get("state", default_state)
        if not state_name:
            raise BadParameterError(f"{where}: no state (give 'state:' in the event or at the top)")
        state = resolver.state(str(state_name)).iri
        target = target_of(resolver, kind, str(raw[chosen[0]]))
        events.append(Event(kind, state, target, day))
    return Scenario(str(data.get("name", path.stem)), tuple(events))


@dataclass(frozen=True)
class Change:
    state: facts.Ref
    what: str  # "power", "treaty", "membership"
    item: str
    change: str  # "removed" or "added"


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    on: dt.date  # the date compared (the last effect)
    changes: tuple[Change, ...]
    cascade: tuple[engine.Effect, ...]
    run: engine.ScenarioRun
    impacts: tuple[Impact, ...] = ()  # one per state, by the first event that names it


def evaluate(kg: KnowledgeGraph, scenario: Scenario, as_of: dt.date | None = None) -> ScenarioResult:
    """Run every event at once, then read the answer the same way as a single event's: each
    event is prepared as :func:`obligraph.analysis.impact.assess` prepares it, and each state's
    Impact comes from the one consequence builder."""
    prepared = [impact.prepare(kg, event) for event in scenario.events]
    run = engine.run(kg, [event for event, _ in prepared])
    firsts = {event.state: (event, front) for event, front in reversed(prepared)}
    impacts = tuple(
        consequences.build(kg, run, state, event, front, status_on=as_of)
        for state, (event, front) in sorted(firsts.items())
    )
    on = max([e.on for e in run.effects] + [e.on for e, _ in prepared if e.on])
    changes: list[Change] = []
    for state in sorted({e.state for e in scenario.events}):
        ref = facts.ref(kg, state)
        before = _snapshot(kg, state, on)
        after = _snapshot(run.kg, state, on)
        for what in ("power", "treaty", "membership"):
            changes += [Change(ref, what, item, "removed") for item in sorted(before[what] - after[what])]
            changes += [Change(ref, what, item, "added") for item in sorted(after[what] - before[what])]
    return ScenarioResult(scenario, on, tuple(changes), run.effects, run, impacts)


def _snapshot(kg: KnowledgeGraph, state: str, on: dt.date) -> dict[str, set[str]]:
    powers = {
        f"{facts.ref(kg, r.body).id}: {r.kind} ({facts.article_label(kg, r.article)})"
        for r in facts.powers_over(kg, state, on)
    }
    treaties = {_treaty_item(kg, p.treaty) for p in facts.participations(kg, state) if facts.in_force(p, on)}
    memberships = {
        facts.ref(kg, str(r["item"])).id
        for r in run_named(kg, "state-status", state=IRI(state), on=on)
        if r["kind"] == "membership"
    }
    return {"power": powers, "treaty": treaties, "membership": memberships}


def _treaty_item(kg: KnowledgeGraph, treaty: str) -> str:
    """``ECPT (ETS-126)``: the name researchers write, and the id."""
    ref = facts.ref(kg, treaty)
    short = facts.cite_name(kg, treaty)
    return f"{short} ({ref.id})" if short != ref.id else ref.id
