"""The events a scenario is made of, and how each becomes triples for the engine.

One table (:data:`KINDS`) says, for every kind of event, what it acts on, which date it takes
and how an answer names it; the CLI, the scenario files, the server and the engine all read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from obligraph.analysis.facts import article_label, named
from obligraph.errors import BadParameterError
from obligraph.resolve import Resolver
from obligraph.store import IRI, SparqlGraph
from obligraph.vocab import OG, ORG_NS, RDF_TYPE, XSD_NS
from obligraph.wording import sentence


@dataclass(frozen=True)
class Kind:
    name: str  # withdraw, ratify, expel, suspend, leave, declare, undeclare
    flag: str  # the CLI option and the scenario key: --withdraw / withdraw
    target: str  # "treaty", "organisation" or "article"
    date_key: str  # "notified" or "on"
    action: str  # how an answer names it: "withdrawal", "ratification", ...
    verb: str  # "notifies its withdrawal from", ...
    dated_as: str  # the date's meaning in an explanation: "Notified", "Deposited", ...
    past: str = ""  # the verb when the event is on record: "notified its withdrawal from", ...


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            name="withdraw",
            flag="withdraw",
            target="treaty",
            date_key="notified",
            action="withdrawal",
            verb="notifies its withdrawal from",
            dated_as="Notified",
            past="notified its withdrawal from",
        ),
        Kind(
            name="ratify",
            flag="ratify",
            target="treaty",
            date_key="on",
            action="ratification",
            verb="deposits its consent to",
            dated_as="Deposited",
            past="deposited its consent to",
        ),
        Kind(
            name="expel",
            flag="expel-from",
            target="organisation",
            date_key="on",
            action="expulsion",
            verb="is expelled from",
            dated_as="Decided",
            past="was expelled from",
        ),
        Kind(
            name="suspend",
            flag="suspend-from",
            target="organisation",
            date_key="on",
            action="suspension",
            verb="is suspended from",
            dated_as="Decided",
            past="was suspended from",
        ),
        Kind(
            name="leave",
            flag="leave",
            target="organisation",
            date_key="notified",
            action="withdrawal",
            verb="notifies its withdrawal from",
            dated_as="Notified",
            past="notified its withdrawal from",
        ),
        Kind(
            name="declare",
            flag="declare",
            target="article",
            date_key="on",
            action="declaration",
            verb="makes a declaration accepting the power granted by",
            dated_as="Declared",
            past="made a declaration accepting the power granted by",
        ),
        Kind(
            name="undeclare",
            flag="withdraw-declaration",
            target="article",
            date_key="on",
            action="withdrawal of a declaration",
            verb="withdraws its declaration under",
            dated_as="Notified",
            past="withdrew its declaration under",
        ),
    )
}
BY_FLAG = {k.flag: k for k in KINDS.values()}


@dataclass(frozen=True)
class Event:
    """One thing that happens in a scenario. ``kind``: a key of :data:`KINDS`. ``target`` is a
    treaty, organisation or article IRI. ``on`` is None when the date is not known: the engine
    then runs undated, applies no rule that needs the date, and says so."""

    kind: str
    state: str
    target: str
    on: dt.date | None

    @property
    def meta(self) -> Kind:
        return KINDS[self.kind]

    def describe(self, kg: SparqlGraph, recorded: bool = False) -> str:
        """One sentence; ``recorded``: the event is on record (past tense)."""
        target = (
            article_label(kg, self.target)
            if self.meta.target == "article"
            else named(kg, self.target, self.meta.target)
        )
        when = f"on {self.on}" if self.on else "on a date the sources do not give"
        verb = self.meta.past if recorded and self.meta.past else self.meta.verb
        return sentence(f"{named(kg, self.state, 'state')} {verb} {target} {when}")


OPT_IN_POWER = "ASK { ?power og:grantedBy ?article ; og:requiresOptIn true }"


def target_of(resolver: Resolver, kind: str, term: str) -> str:
    """The IRI an event of ``kind`` acts on: a treaty, an organisation or an article. A declaration
    must be made under an article that grants a power needing one (opt-outs are made at
    ratification, so only their withdrawal is an event)."""
    if kind in ("ratify", "withdraw"):
        return resolver.treaty(term).iri
    if kind in ("declare", "undeclare"):
        article = resolver.article(term)
        if kind == "declare" and not resolver.kg.ask(OPT_IN_POWER, {"article": IRI(article.iri)}):
            raise BadParameterError(
                f"{article.label} grants no power that needs a declaration; nothing can be declared under it"
            )
        return article.iri
    return resolver.organisation(term).iri


def named_event(resolver: Resolver, kind: str, state: str, target: str, on: dt.date | None) -> Event:
    """An event from names as users type them (``Russia``, ``ECPT``, ``CAT 22``)."""
    if kind not in KINDS:
        raise BadParameterError(f"unknown event kind {kind!r}: one of {', '.join(KINDS)}")
    return Event(kind, resolver.state(state).iri, target_of(resolver, kind, target), on)


def event_date(
    kind: Kind, notified: dt.date | None, on: dt.date | None, spelled: Callable[[str], str] = "--{}".format
) -> dt.date | None:
    """The date of an event of ``kind`` from the two dates a user may give: a withdrawal or a
    leaving is dated by its notification (``notified``), every other event by ``on``. Giving
    the other one is an error, and so is giving none, except for a withdrawal (the graph may
    record its notification). ``spelled``: how the errors write an option (``--on``, ``on=``)."""
    when, other = (notified, on) if kind.date_key == "notified" else (on, notified)
    if other is not None:
        unused = "on" if kind.date_key == "notified" else "notified"
        raise BadParameterError(
            f"{spelled(kind.flag)} takes {spelled(kind.date_key)} DATE, not {spelled(unused)}"
        )
    if when is None and kind.name != "withdraw":  # a withdrawal may use the recorded notification
        raise BadParameterError(f"{spelled(kind.flag)} needs {spelled(kind.date_key)} DATE")
    return when


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def date_literal(value: dt.date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=_n(XSD_NS + "date"))


def event_quads(event: Event, node: str) -> list[ox.Quad]:
    """The overlay triples of ``event``, described by the node ``node``. An undated event gets
    no date triple, so no rule that needs one can fire."""
    s, g = _n(node), ox.DefaultGraph()
    true = ox.Literal("true", datatype=_n(XSD_NS + "boolean"))
    quads = [ox.Quad(s, _n(OG.hypothetical), true, g)]

    def add(p: str, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(s, _n(p), o, g))

    def add_date(p: str) -> None:
        if event.on is not None:
            add(p, date_literal(event.on))

    if event.kind in ("withdraw", "ratify"):
        add(RDF_TYPE, _n(OG.TreatyAction))
        add(OG.actor, _n(event.state))
        add(OG.treaty, _n(event.target))
        add_date(OG.depositDate)
        add(OG.actionKind, _n(OG.DenunciationNotification if event.kind == "withdraw" else OG.Ratification))
    elif event.kind in ("expel", "suspend", "leave"):
        kind = {"expel": OG.Expulsion, "suspend": OG.Suspension, "leave": OG.WithdrawalFromOrganisation}
        add(OG.eventKind, _n(kind[event.kind]))
        add(OG.eventOf, _n(event.state))
        add_date(OG.eventDate)
        add(ORG_NS + "originalOrganization", _n(event.target))
    elif event.kind == "declare":  # the event node is the (hypothetical) declaration itself
        add(RDF_TYPE, _n(OG.Declaration))
        add(OG.declarant, _n(event.state))
        add(OG.underArticle, _n(event.target))
        add(OG.accepts, _n(event.target))
        add_date(OG.declarationDate)
    elif event.kind == "undeclare":  # a notice withdrawing the declaration under an article
        add(RDF_TYPE, _n(OG.TreatyAction))
        add(OG.actionKind, _n(OG.DeclarationWithdrawal))
        add(OG.actor, _n(event.state))
        add(OG.withdrawsDeclarationUnder, _n(event.target))
        add_date(OG.depositDate)
    else:
        raise BadParameterError(f"unknown event kind {event.kind!r}")
    return quads
