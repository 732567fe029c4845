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


TOP_KEYS = ("name", "description", "state", "events")
DATE_KEYS = ("notified", "on")
MAX_EVENTS = 100


class _Loader(yaml.SafeLoader):
    """YAML as a scenario needs it: every scalar is text (YAML 1.1 would read ``NO`` as false,
    ``on`` as true, ``1:20`` as 80 and ``2025-02-30`` as a date it cannot build), with no
    anchors or aliases (so no "billion laughs" expansion) and no repeated keys."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, object]]] = {}  # every plain scalar is a str

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                raise yaml.constructor.ConstructorError(None, None, "a key must be text", key_node.start_mark)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


def read_yaml(path: Path) -> object:
    """The YAML document in ``path``, read by :class:`_Loader`; one-line errors naming the line."""
    from obligraph.paths import read_user_text

    text = read_user_text(path, "scenario file")
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (_Loader is a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or exc
        raise BadParameterError(f"{where}: not valid YAML ({' '.join(str(problem).split())})") from None
    except RecursionError:
        raise BadParameterError(f"{path}: not valid YAML (nested too deeply)") from None


def _unknown(where: str, keys: object, allowed: tuple[str, ...]) -> None:
    import difflib

    for key in keys:  # type: ignore[attr-defined]
        if not isinstance(key, str) or key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise BadParameterError(
                f"{where}: unknown key {str(key)!r}{hint}; the keys are {', '.join(allowed)}"
            )


def _text(where: str, key: str, value: object) -> str:
    if isinstance(value, str):
        return value
    kind = {list: "a list", dict: "a mapping", type(None): "empty"}.get(type(value), type(value).__name__)
    raise BadParameterError(f"{where}: {key!r} must be text, not {kind}")


def load(path: Path, resolver: Resolver) -> Scenario:
    """Read and validate a scenario file; every error names the file and the event."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("events"), list) or not data["events"]:
        raise BadParameterError(f"{path}: a scenario needs a non-empty 'events' list")
    _unknown(str(path), data, TOP_KEYS)
    if len(data["events"]) > MAX_EVENTS:
        raise BadParameterError(
            f"{path}: {len(data['events'])} events; a scenario holds at most {MAX_EVENTS}"
        )
    name = _text(str(path), "name", data["name"]) if "name" in data else path.stem
    default_state = _text(str(path), "state", data["state"]) if "state" in data else None
    if "description" in data:
        _text(str(path), "description", data["description"])
    events = []
    for number, raw in enumerate(data["events"], start=1):
        where = f"{path}: event {number}"
        if not isinstance(raw, dict):
            raise BadParameterError(
                f"{where}: must be a mapping such as {{withdraw: ECPT, notified: 2025-10-03}}"
            )
        _unknown(where, raw, (*BY_FLAG, *DATE_KEYS, "state"))
        chosen = [k for k in BY_FLAG if k in raw]
        if len(chosen) != 1:
            raise BadParameterError(f"{where}: needs exactly one of {', '.join(BY_FLAG)}")
        meta = BY_FLAG[chosen[0]]
        kind, date_key = meta.name, meta.date_key
        for other in DATE_KEYS:
            if other != date_key and other in raw:
                raise BadParameterError(f"{where}: '{chosen[0]}' takes '{date_key}', not '{other}'")
        if date_key not in raw:
            raise BadParameterError(f"{where}: '{chosen[0]}' needs '{date_key}: YYYY-MM-DD'")
        when = raw[date_key]
        if not isinstance(when, str | dt.date):
            _text(where, date_key, when)
        day = dates.parse_user_date(when, what=f"{where} {date_key}")
        state_name = _text(where, "state", raw["state"]) if "state" in raw else default_state
        if state_name is None:
            raise BadParameterError(f"{where}: no state (give 'state:' in the event or at the top)")
        state = resolver.state(state_name).iri
        target = target_of(resolver, kind, _text(where, chosen[0], raw[chosen[0]]))
        events.append(Event(kind, state, target, day))
    return Scenario(name, tuple(events))


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
