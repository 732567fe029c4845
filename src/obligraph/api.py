"""Ask by name, in a notebook: the answers the command line prints, as the same dataclasses,
each with ``.to_dict()`` (the JSON of docs/json.md) and ``.to_frame()`` (a pandas table)::

    import obligraph

    s = obligraph.status("Russia", on="2021-06-01")       # StateStatus
    s.to_frame()
    i = obligraph.impact("Russia", withdraw="ECPT", notified="2025-10-03")   # Impact
    i.effective, [b.body.id for b in i.bodies_losing_access]
    obligraph.impact("Russia", expel="CoE", on="2022-03-16").summary
    obligraph.query("parties-not-members", treaty="ECPT", organisation="CoE", on="2023-01-01").to_frame()

Names are typed as on the command line (codes, names, acronyms); dates as ``YYYY-MM-DD`` or
``datetime.date``. The graph is loaded into memory on the first question, once per process
(:func:`graph`); ``kg=`` asks another graph (a remote endpoint, a test graph). Bad input raises
:class:`obligraph.errors.ObligraphError` with the same one-line message the command line prints.
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref

from obligraph import dates, queries
from obligraph.analysis.events import KINDS, named_event
from obligraph.analysis.impact import assess
from obligraph.analysis.results import Impact
from obligraph.analysis.status import StateStatus, state_status
from obligraph.errors import BadParameterError
from obligraph.resolve import Resolver
from obligraph.store import KnowledgeGraph, SparqlGraph, load

DateLike = str | dt.date | None

_RESOLVERS: weakref.WeakKeyDictionary[object, Resolver] = weakref.WeakKeyDictionary()


@functools.cache
def graph() -> KnowledgeGraph:
    """The ontology and all facts, loaded into memory on first use and kept for the process."""
    return load()


def _resolver(kg: SparqlGraph) -> Resolver:
    """One resolver per graph: its name index is built once."""
    if kg not in _RESOLVERS:
        _RESOLVERS[kg] = Resolver(kg)
    return _RESOLVERS[kg]


def _date(value: DateLike, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dates.parse_user_date(value, what=what)


def status(state: str, on: DateLike = None, *, kg: SparqlGraph | None = None) -> StateStatus:
    """A state's memberships, treaties in force and bodies with powers over it on ``on``
    (default today): ``obligraph status STATE --on DATE``."""
    graph_ = kg if kg is not None else graph()
    day = _date(on, "on") or dt.date.today()
    return state_status(graph_, _resolver(graph_).state(state).iri, day)


def impact(
    state: str,
    *,
    withdraw: str | None = None,
    ratify: str | None = None,
    expel: str | None = None,
    suspend: str | None = None,
    leave: str | None = None,
    declare: str | None = None,
    undeclare: str | None = None,
    notified: DateLike = None,
    on: DateLike = None,
    kg: SparqlGraph | None = None,
) -> Impact:
    """What follows from one event, named by its kind (the table of
    :data:`obligraph.analysis.events.KINDS`): ``withdraw=`` a treaty and ``leave=`` an
    organisation take ``notified=``; ``ratify=`` a treaty, ``expel=`` and ``suspend=`` from an
    organisation, ``declare=`` and ``undeclare=`` under an article ("CAT 22") take ``on=``.
    A withdrawal without ``notified`` uses the notification the graph records, if any."""
    given = {
        "withdraw": withdraw,
        "ratify": ratify,
        "expel": expel,
        "suspend": suspend,
        "leave": leave,
        "declare": declare,
        "undeclare": undeclare,
    }
    chosen = {kind: target for kind, target in given.items() if target is not None}
    if len(chosen) != 1:
        raise BadParameterError(f"give exactly one event: {'=, '.join(KINDS)}=")
    kind, target = next(iter(chosen.items()))
    key = KINDS[kind].date_key
    other = "on" if key == "notified" else "notified"
    if (on if key == "notified" else notified) is not None:
        raise BadParameterError(f"{kind}= takes {key}=, not {other}=")
    when = _date(notified if key == "notified" else on, key)
    if when is None and kind != "withdraw":
        raise BadParameterError(f"{kind}= needs {key}=DATE")
    graph_ = kg if kg is not None else graph()
    return assess(graph_, named_event(_resolver(graph_), kind, state, target, when))


def query(name: str, *, kg: SparqlGraph | None = None, **params: str | dt.date) -> queries.Answer:
    """A named query (``obligraph queries`` lists them) with its parameters by name:
    ``query("treaty-parties", treaty="ECPT", on="2023-01-01")``. An empty answer carries the
    reason in ``.explanation``."""
    graph_ = kg if kg is not None else graph()
    named = queries.get(name)
    text = {
        key: value.isoformat() if isinstance(value, dt.date) else str(value) for key, value in params.items()
    }
    return queries.answer(graph_, named, named.bind(text, _resolver(graph_)))
