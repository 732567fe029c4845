"""The consequence engine: scenarios as an overlay on the base graph (a scratch named graph), legal rules
(``ontology/rules/*.rq``, SPARQL CONSTRUCT) applied to a fixpoint, and the cascade of cause and
effect.

The engine knows no state, treaty or body by name: events are triples
(:mod:`obligraph.analysis.events`), rules are files that name their article, and date
arithmetic reaches the rules as extension functions (:data:`obligraph.analysis.law.FUNCTIONS`:
``fn:applyClause``, ``fn:endOfFinancialYear``). An event without a date runs *undated*: it is
placed in the overlay, no rule that needs its date fires, and the run says so
(:attr:`ScenarioRun.undated`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from obligraph import paths
from obligraph.analysis import facts
from obligraph.analysis.events import Event, date_literal, event_quads
from obligraph.analysis.law import FUNCTIONS, Term, date_of
from obligraph.errors import BadParameterError, QueryError
from obligraph.store import KnowledgeGraph
from obligraph.store.overlay import OverlayGraph
from obligraph.vocab import FN, OG, ORG_NS, PREFIXES, RDF_TYPE, TIME_NS
from obligraph.wording import possessive, sentence

MAX_ROUNDS = 10
SCENARIO = "https://w3id.org/obligraph/id/scenario/"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


@dataclass(frozen=True)
class Rule:
    name: str
    title: str
    article: str
    # What the scenario must have added for the rule to have anything to do: a predicate, or a
    # predicate and its object ("og:eventKind og:Expulsion"). A rule runs again in a later round
    # only when the previous round added such triples, so a rule may depend on derived facts
    # only through its trigger.
    trigger: tuple[str, str | None] | None
    text: str
    path: Path
    # A predicate the triggering triple's subject must have ("# trigger-subject: org:member":
    # the membership that ended), as the rule's own pattern requires; None: any subject.
    trigger_subject: str | None = None


def load_rules(directory: Path | None = None) -> tuple[Rule, ...]:
    """The rule files of ``directory`` (default ``ontology/rules``), read once per version of
    the folder (its files' names and modification times)."""
    folder = directory or paths.data_root() / "ontology" / "rules"
    versions = tuple((p, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.rq")))
    return _read_rules(versions)


@functools.lru_cache(maxsize=8)
def _read_rules(versions: tuple[tuple[Path, int], ...]) -> tuple[Rule, ...]:
    rules = []
    for path, _ in versions:
        text = path.read_text("utf-8")
        head = dict(
            re.findall(r"^# (rule|title|article|trigger|trigger-subject): (.*)$", text, flags=re.MULTILINE)
        )
        rules.append(
            Rule(
                head.get("rule", path.stem),
                head.get("title", ""),
                head.get("article", ""),
                _trigger(head.get("trigger", ""), path),
                text,
                path,
                _subject_predicate(head.get("trigger-subject", ""), path),
            )
        )
    return tuple(rules)


def _expand(term: str, path: Path) -> str:
    """A trigger's term: a prefixed name of the project's prefixes (og:, org:, ...) or an <IRI>."""
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    prefix, colon, local = term.partition(":")
    if colon and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    raise BadParameterError(f"{path}: trigger term {term!r} must be og:NAME or <IRI>")


def _trigger(text: str, path: Path) -> tuple[str, str | None] | None:
    terms = text.split()
    if not terms:
        return None
    if len(terms) > 2:
        raise BadParameterError(f"{path}: a trigger is a predicate, optionally with its object")
    return _expand(terms[0], path), _expand(terms[1], path) if len(terms) == 2 else None


def _subject_predicate(text: str, path: Path) -> str | None:
    terms = text.split()
    if not terms:
        return None
    if len(terms) > 1:
        raise BadParameterError(f"{path}: a trigger-subject is one predicate")
    return _expand(terms[0], path)


# --------------------------------------------------------------------------------------------
# Running a scenario
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effect:
    subject: str  # the participation, membership or consent action affected
    change: str  # "ends" or "starts"
    on: dt.date
    cause: str  # the event or effect that caused it
    rule: str | None  # the clause or rule applied
    who: str | None = None  # the state it concerns (party, member, actor or declarant)
    what: str | None = None  # the treaty, organisation or article
    kind: str = ""  # "participation in", "membership of" or "declaration under"


@dataclass(frozen=True)
class CascadeNode:
    iri: str
    label: str
    date: dt.date | None
    kind: str  # "event" or "effect"
    rule: str = ""  # the label of the clause or rule applied


@dataclass(frozen=True)
class Cascade:
    """Cause -> effect: the events and effects of a run as nodes, each effect linked from what
    caused it (:meth:`to_networkx` for drawing)."""

    nodes: dict[str, CascadeNode] = field(default_factory=dict)
    edges: tuple[tuple[str, str], ...] = ()

    def has_edge(self, cause: str, effect: str) -> bool:
        return (cause, effect) in self.edges

    def predecessors(self, node: str) -> list[str]:
        return [a for a, b in self.edges if b == node]

    def to_networkx(self) -> Any:
        import networkx as nx

        graph = nx.DiGraph()
        for node in self.nodes.values():
            graph.add_node(
                node.iri,
                label=node.label,
                date=node.date.isoformat() if node.date else "",
                kind=node.kind,
                rule=node.rule,
            )
        graph.add_edges_from(self.edges)
        return graph


@dataclass(frozen=True)
class ScenarioRun:
    kg: KnowledgeGraph  # the scenario's view of the graph (an overlay, or a fork where needed)
    events: tuple[tuple[str, Event], ...]  # (event IRI, event)
    effects: tuple[Effect, ...]
    rounds: int
    cascade: Cascade
    undated: tuple[Event, ...] = ()  # events without a date: no rule that needs one was applied


def run(base: KnowledgeGraph, events: list[Event], rules: tuple[Rule, ...] | None = None) -> ScenarioRun:
    """Overlay the events on the base graph, apply the rules to a fixpoint, materialise the
    effects as interval ends and starts. The base graph is never changed.

    The overlay is a scratch named graph in the base store, queried together with the default
    graph (:class:`obligraph.store.overlay.OverlayGraph`); it costs nothing to set up. Only where an
    effect must *replace* a base triple (an interval that already has an end) is the union
    copied into a separate store and edited there. Events are numbered within the run.
    """
    view = OverlayGraph(base)
    placed: list[tuple[str, Event]] = []
    for number, event in enumerate(events, start=1):
        node = f"{SCENARIO}event-{number}"
        for quad in event_quads(event, node):
            view.add(quad.subject, quad.predicate, quad.object)  # type: ignore[arg-type]
        placed.append((node, event))
    rules = rules if rules is not None else load_rules()
    rounds = 0
    fresh: list[ox.Triple] | None = None  # what the previous round added (None: the first round)
    while rounds < MAX_ROUNDS:
        rounds += 1
        added: list[ox.Triple] = []
        for rule in rules:
            if not _triggered(rule, view, fresh):
                continue  # nothing new can match: skip the query (the check costs microseconds)
            try:
                result = view.raw_query(
                    rule.text, prefixes={**PREFIXES, "fn": FN}, custom_functions=FUNCTIONS
                )
            except (SyntaxError, RuntimeError) as exc:
                raise QueryError(f"{rule.path}: the rule cannot run: {exc}") from None
            if not isinstance(result, ox.QueryTriples):
                raise BadParameterError(f"{rule.path}: a rule must be a CONSTRUCT query")
            for triple in result:
                if view.add(triple.subject, triple.predicate, triple.object):
                    added.append(triple)
        if not added:
            break
        fresh = added
    effects = _effects(view)
    ended, triples = _effect_triples(view.objects, effects)
    after: KnowledgeGraph
    if any(view.objects(s, p) for s, p in ended):
        # an end recorded on another date must be replaced, and an overlay can only add
        after = view.to_fork()
        _materialise(after.store, effects)
    else:
        for s, p, o in triples:
            view.add(s, p, o)  # type: ignore[arg-type]
        after = view
    undated = tuple(e for e in events if e.on is None)
    return ScenarioRun(
        after, tuple(placed), tuple(effects), rounds, _cascade(after, placed, effects), undated
    )


def _triggered(rule: Rule, view: OverlayGraph, fresh: list[ox.Triple] | None) -> bool:
    """Whether ``rule`` may find something: on the first round, the scenario holds a triple
    matching its trigger; later, the previous round added one."""
    if rule.trigger is None:
        return True
    predicate, obj = _n(rule.trigger[0]), _n(rule.trigger[1]) if rule.trigger[1] else None
    having = _n(rule.trigger_subject) if rule.trigger_subject else None

    def fits(subject: object) -> bool:
        return having is None or view.has_subject_with(subject, having)

    if fresh is None:
        return any(fits(q.subject) for q in view.scenario_quads(predicate, obj))
    return any(
        t.predicate == predicate and (obj is None or t.object == obj) and fits(t.subject) for t in fresh
    )


def _effects(kg: KnowledgeGraph) -> list[Effect]:
    """The dated effects of a run, each with the state and the treaty, organisation or article
    it concerns (one query for what the cascade, the consequences and their sentences need)."""
    rows = kg.query(
        """SELECT ?s ?change ?on ?cause ?rule ?who ?what ?kind WHERE {
             { ?s og:endsOn ?on . OPTIONAL { ?s og:endCause ?cause } OPTIONAL { ?s og:endRule ?rule } BIND("ends" AS ?change) }
             UNION
             { ?s og:startsOn ?on . OPTIONAL { ?s og:startRule ?rule } BIND("starts" AS ?change) BIND(?s AS ?cause) }
             LATERAL { OPTIONAL {
               { ?s og:party ?who ; og:treaty ?what . BIND("participation in" AS ?kind) }
               UNION { ?s org:member ?who ; org:organization ?what . BIND("membership of" AS ?kind) }
               UNION { ?s og:actor ?who ; og:treaty ?what . BIND("participation in" AS ?kind) }
               UNION { ?s og:declarant ?who ; og:underArticle ?what . BIND("declaration under" AS ?kind) }
             } }
           } ORDER BY ?on ?s ?kind"""
    )
    out: dict[tuple[str, str], Effect] = {}
    for r in rows:
        key = (str(r["s"]), str(r["change"]))
        on = r["on"]
        assert isinstance(on, dt.date)
        effect = Effect(
            key[0],
            key[1],
            on,
            str(r["cause"] or key[0]),
            str(r["rule"]) if r["rule"] else None,
            str(r["who"]) if r["who"] else None,
            str(r["what"]) if r["what"] else None,
            str(r["kind"] or ""),
        )
        # where two causes end the same thing, the earliest end wins (first kind in order)
        if key not in out or effect.on < out[key].on:
            out[key] = effect
    return sorted(out.values(), key=lambda e: (e.on, e.subject))


Node = ox.NamedNode | ox.BlankNode
Objects = Callable[[Node, ox.NamedNode], list[Term]]


def _intervals(objects: Objects, subject: ox.NamedNode) -> list[Node]:
    return [
        o
        for p in (OG.during, ORG_NS + "memberDuring")
        for o in objects(subject, _n(p))
        if isinstance(o, ox.NamedNode | ox.BlankNode)
    ]


def _end_dates(objects: Objects, interval: Node) -> set[dt.date | None]:
    ends = [
        e for e in objects(interval, _n(TIME_NS + "hasEnd")) if isinstance(e, ox.NamedNode | ox.BlankNode)
    ]
    return {date_of(d) for end in ends for d in objects(end, _n(TIME_NS + "inXSDDate"))} or (
        {None} if ends else set()
    )


def _is_declaration(objects: Objects, subject: ox.NamedNode) -> bool:
    return _n(OG.Declaration) in objects(subject, _n(RDF_TYPE))


def _effect_triples(
    objects: Objects, effects: list[Effect]
) -> tuple[list[tuple[Node, ox.NamedNode]], list[tuple[Node, ox.NamedNode, Term]]]:
    """Each effect as an interval end, a declaration's withdrawal or a new participation, so
    every named query sees it: (the (subject, predicate) whose old value must go, the triples
    to add)."""
    ended: list[tuple[Node, ox.NamedNode]] = []
    triples: list[tuple[Node, ox.NamedNode, Term]] = []
    for n, effect in enumerate(effects):
        subject = _n(effect.subject)
        end = _n(f"{effect.subject}/scenario-end")
        if _is_declaration(objects, subject):
            withdrawn = {date_of(d) for d in objects(subject, _n(OG.withdrawalDate))}
            if effect.change == "ends" and withdrawn != {effect.on}:
                ended.append((subject, _n(OG.withdrawalDate)))
                triples.append((subject, _n(OG.withdrawalDate), date_literal(effect.on)))
            continue  # a declaration that starts is in the graph already, with its date
        if effect.change == "ends":
            intervals = _intervals(objects, subject)
            if not intervals:
                new_interval = _n(f"{effect.subject}/scenario-interval")
                triples.append((subject, _n(OG.during), new_interval))
                intervals = [new_interval]
            for interval in intervals:
                if _end_dates(objects, interval) == {effect.on}:
                    continue  # already ends that day (a replay of the record)
                ended.append((interval, _n(TIME_NS + "hasEnd")))
                triples.append((interval, _n(TIME_NS + "hasEnd"), end))
                triples.append((end, _n(TIME_NS + "inXSDDate"), date_literal(effect.on)))
        else:  # a new participation from a hypothetical consent
            actor = objects(subject, _n(OG.actor))[0]
            treaty = objects(subject, _n(OG.treaty))[0]
            part = _n(f"{SCENARIO}participation-{n}")
            interval = _n(f"{part.value}/interval")
            start = _n(f"{part.value}/start")
            triples += [
                (part, _n(RDF_TYPE), _n(OG.Participation)),
                (part, _n(OG.party), actor),
                (part, _n(OG.treaty), treaty),
                (part, _n(OG.establishedByAction), subject),
                (part, _n(OG.during), interval),
                (interval, _n(TIME_NS + "hasBeginning"), start),
                (start, _n(TIME_NS + "inXSDDate"), date_literal(effect.on)),
            ]
    return ended, triples


def _materialise(store: ox.Store, effects: list[Effect]) -> None:
    """Write the effects into a forked store, replacing any earlier end."""
    g = ox.DefaultGraph()

    def objects(s: Node, p: ox.NamedNode) -> list[Term]:
        return [q.object for q in store.quads_for_pattern(s, p, None, g)]

    ended, triples = _effect_triples(objects, effects)
    for subject, predicate in ended:
        for old in list(store.quads_for_pattern(subject, predicate, None, g)):
            store.remove(old)
    for s, p, o in triples:
        store.add(ox.Quad(s, p, o, g))


def _cascade(kg: KnowledgeGraph, events: list[tuple[str, Event]], effects: list[Effect]) -> Cascade:
    """Cause -> effect, each node with a label and a date; the order of effects in time."""
    nodes = {node: CascadeNode(node, event.describe(kg), event.on, "event") for node, event in events}
    edges: list[tuple[str, str]] = []
    for effect in effects:
        what = "ends" if effect.change == "ends" else "begins"
        nodes[effect.subject] = CascadeNode(
            effect.subject,
            f"{describe(kg, effect)} {what} on {effect.on}",
            effect.on,
            "effect",
            kg.label(effect.rule) if effect.rule else "",
        )
        if effect.cause != effect.subject:
            edges.append((effect.cause, effect.subject))
    return Cascade(nodes, tuple(edges))


def describe(kg: KnowledgeGraph, effect: Effect) -> str:
    """What an effect concerns, as a sentence begins: "Russia's participation in the ECPT"."""
    who, what, kind = effect.who, effect.what, effect.kind
    if who is None or what is None:
        return kg.label(effect.subject)
    if kind == "declaration under":
        target = facts.article_label(kg, what)
    else:
        target = facts.named(kg, what, "organisation" if kind == "membership of" else "treaty")
    return sentence(f"{possessive(facts.named(kg, who, 'state'))} {kind} {target}")
