"""The jobs behind the explorer's JSON routes: each takes the loaded graph and what a request
asked, runs one analysis the command line runs too, and returns a :class:`Reply` (the JSON of
docs/json.md, a CSV with its header, a picture). The engine runs each in a forked child with
the server's timeout (:meth:`obligraph.serve.engine.Engine.isolated`).

Nothing here analyses: the answers come from :func:`obligraph.analysis.impact.assess` (every
event), :func:`obligraph.analysis.status.state_status`, :mod:`obligraph.queries` (named
queries), :func:`obligraph.analysis.standing.standings` (the map), the timeline and the
diagrams; names from :class:`obligraph.resolve.Resolver`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from obligraph import dates, queries, render
from obligraph.analysis.events import BY_FLAG, KINDS, Event, event_date, target_of
from obligraph.errors import BadParameterError
from obligraph.resolve import Resolver
from obligraph.serve.engine import Reply
from obligraph.store import KnowledgeGraph, name_of, prefix_block
from obligraph.store.substitute import substitute
from obligraph.vocab import ID_NS

JSON = "application/json"
CSV = "text/csv; charset=utf-8"
QUERY_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,80}")


def as_json(data: object, *headers: tuple[str, str]) -> Reply:
    return Reply(200, JSON, render.dumps(data).encode("utf-8"), headers)


def _date(value: str | None, what: str) -> dt.date | None:
    return None if value is None else dates.parse_user_date(value, what=what)


def names(kg: KnowledgeGraph) -> Reply:
    """What the forms offer: the kinds of event (:data:`obligraph.analysis.events.KINDS`), and
    every state, treaty, organisation, body and declarable article with the names the resolver
    takes."""
    resolver = Resolver(kg)
    events = [
        {
            "name": k.name,
            "option": k.flag,
            "target": k.target,
            "date": k.date_key,
            "action": k.action,
            "verb": k.verb,
            "dated_as": k.dated_as,
        }
        for k in KINDS.values()
    ]
    data = {
        "events": events,
        "states": [c.to_dict() for c in resolver.choices("state")],
        "treaties": [c.to_dict() for c in resolver.choices("treaty")],
        "organisations": [c.to_dict() for c in resolver.choices("organisation")],
        "bodies": [c.to_dict() for c in resolver.choices("body")],
        "articles": [c.to_dict() for c in resolver.article_choices()],
    }
    return as_json(data)


def event_from(kg: KnowledgeGraph, state: str, params: Mapping[str, str]) -> Event:
    """The one event a request names: one event option (``withdraw=ETS-126``, ``ratify=``,
    ``expel-from=``, ...; the options of ``obligraph impact``) and its date (``notified=`` or
    ``on=``), as :class:`obligraph.analysis.events.Event`."""
    chosen = [flag for flag in BY_FLAG if flag in params]
    if len(chosen) != 1:
        raise BadParameterError(f"give exactly one event: {', '.join(f'{f}=' for f in BY_FLAG)}")
    kind = BY_FLAG[chosen[0]]
    notified = _date(params.get("notified"), "notified")
    on = _date(params.get("on"), "on")
    when = event_date(kind, notified, on, spelled="{}=".format)
    resolver = Resolver(kg)
    return Event(
        kind.name, resolver.state(state).iri, target_of(resolver, kind.name, params[kind.flag]), when
    )


def impact(kg: KnowledgeGraph, state: str, params: Mapping[str, str]) -> Reply:
    """``obligraph impact --json`` (``Impact.to_dict()``), for any kind of event."""
    from obligraph.analysis.impact import assess

    event = event_from(kg, state, params)
    as_of = _date(params.get("as-of"), "as-of") or dt.date.today()
    return as_json(render.impact_json(assess(kg, event, as_of=as_of)))


def impact_diagram(kg: KnowledgeGraph, state: str, params: Mapping[str, str]) -> Reply:
    """The impact diagram as the interactive page of ``--diagram FILE.html`` (Cytoscape.js
    inlined, nothing loaded from the network), for the page's frame."""
    from obligraph.analysis.impact import assess
    from obligraph.diagrams import impact_diagram as draw
    from obligraph.diagrams.html import to_html

    event = event_from(kg, state, params)
    as_of = _date(params.get("as-of"), "as-of") or dt.date.today()
    page = to_html(draw(assess(kg, event, as_of=as_of), kg))
    return Reply(200, "text/html; charset=utf-8", page, (("Content-Security-Policy", DIAGRAM_CSP),))


# The diagram page's own policy: its inlined script and style, nothing else; framed only by us.
DIAGRAM_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'self'"
)


def status(kg: KnowledgeGraph, state: str, on: str | None) -> Reply:
    """``obligraph status STATE --on DATE --json`` (``StateStatus.to_dict()``)."""
    from obligraph.analysis.status import state_status

    day = _date(on, "on") or dt.date.today()
    return as_json(render.status_json(state_status(kg, Resolver(kg).state(state).iri, day)))


def conflicts(kg: KnowledgeGraph, state: str) -> Reply:
    """``obligraph sources --conflicts --json``, the facts about one state."""
    from obligraph.analysis.conflicts import source_conflicts

    return as_json(render.conflicts_json(source_conflicts(kg, Resolver(kg).state(state).iri)))


def timeline(kg: KnowledgeGraph, state: str, as_of: str | None) -> Reply:
    """A state's timeline as ``obligraph timeline STATE --out FILE.svg`` draws it."""
    from obligraph.analysis.timeline import state_timeline
    from obligraph.diagrams import timeline_plot

    day = _date(as_of, "as-of")
    picture = timeline_plot.render(state_timeline(kg, Resolver(kg).state(state).iri, day), "svg")
    return Reply(
        200,
        "image/svg+xml",
        picture,
        (("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"),),
    )


def standing(kg: KnowledgeGraph, params: Mapping[str, str]) -> Reply:
    """Every state's standing towards a treaty (``treaty=``) or a procedure (``article=``; ``of=``
    takes either) on a date (``on=``, default today): ``Standings.to_dict()``."""
    from obligraph.analysis.standing import standings

    given = [key for key in ("treaty", "article", "of") if key in params]
    if len(given) != 1:
        raise BadParameterError("give one of treaty=TREATY, article=ARTICLE (e.g. CAT 22) or of=EITHER")
    of = _treaty_or_article(Resolver(kg), given[0], params[given[0]])
    on = _date(params.get("on"), "on") or dt.date.today()
    return as_json(standings(kg, of, on).to_dict())


def _treaty_or_article(resolver: Resolver, key: str, term: str) -> str:
    if key == "treaty":
        return resolver.treaty(term).iri
    if key == "article":
        return resolver.article(term).iri
    return resolver.treaty_or_article(term).iri  # of=: a treaty, else an article


def query_list() -> Reply:
    """The named queries, their parameters (typed) and text, as ``obligraph queries`` lists them."""
    listed = [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "parameters": [
                {"name": p.name, "type": p.type, "description": p.description} for p in q.parameters
            ],
            "columns": q.columns(),
            "empty": q.empty or None,
        }
        for q in queries.available().values()
    ]
    return as_json({"queries": listed})


def _bound(
    kg: KnowledgeGraph, name: str, params: Mapping[str, str]
) -> tuple[queries.NamedQuery, dict[str, object]]:
    if not QUERY_NAME.fullmatch(name):  # a named query, never a path to a file
        raise BadParameterError(f"unknown query {name!r}; /queries lists them")
    named = queries.get(name)
    values = {k: v for k, v in params.items() if k != "format"}
    return named, named.bind(values, Resolver(kg))


def query(kg: KnowledgeGraph, name: str, params: Mapping[str, str], max_rows: int) -> Reply:
    """A named query's answer with its parameters bound: ``Answer.to_dict()`` plus ``labels``
    (the name of every thing of the graph in the rows: ``RUS`` -> ``Russia``), or with
    ``format=csv`` the CSV of ``obligraph query NAME --format csv`` (header always)."""
    named, bindings = _bound(kg, name, params)
    answer = queries.answer(kg, named, bindings)
    cut = len(answer.rows) > max_rows
    headers = (("X-SPARQL-MaxRows", str(max_rows)),) if cut else ()
    rows = answer.rows[:max_rows]
    if params.get("format") == "csv":
        attachment = ("Content-Disposition", f'attachment; filename="{named.name}.csv"')
        text = render.rows_csv(rows, named.columns())
        return Reply(200, CSV, text.encode("utf-8"), (*headers, attachment))
    if params.get("format", "json") != "json":
        raise BadParameterError("format must be json or csv")
    data = queries.Answer(answer.query, answer.bindings, rows, answer.explanation).to_dict()
    things = {v for row in rows for v in row.values() if isinstance(v, str) and v.startswith(ID_NS)}
    data["labels"] = {iri: name_of(kg, iri) for iri in sorted(things)}
    return as_json(data, *headers)


def query_text(kg: KnowledgeGraph, name: str, params: Mapping[str, str]) -> Reply:
    """The named query as text any SPARQL endpoint runs: its prefixes declared and each
    parameter written in as the checked RDF term it is bound to (never the text typed)."""
    named, bindings = _bound(kg, name, params)
    text = prefix_block() + "\n" + substitute(named.text, bindings)
    return as_json({"query": named.name, "text": text})
