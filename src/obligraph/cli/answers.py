"""The bodies of the common questions (``impact``, ``status``, ``query``), free of Typer and
rich: the Typer commands (:mod:`obligraph.cli.impact`, ``status``, ``query``) and the quick
path (:mod:`obligraph.cli.quick`) both call them, so a question is checked, answered and
printed the same way whichever road it takes. rich is imported only to print text.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from obligraph import dates, render
from obligraph.errors import BadParameterError
from obligraph.resolve import Resolver
from obligraph.store import SparqlGraph, short_name_of
from obligraph.vocab import ID_NS

if TYPE_CHECKING:
    from rich.console import Console

    from obligraph.analysis.results import Impact
    from obligraph.analysis.status import StateStatus
    from obligraph.queries import Answer

EVENT_FLAGS = (
    "--withdraw",
    "--ratify",
    "--expel-from",
    "--suspend-from",
    "--leave",
    "--declare",
    "--withdraw-declaration",
)


def _width() -> int | None:
    """The terminal's width; 140 columns when printing to a file or pipe (README, CI logs)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    return None if sys.stdout.isatty() else 140


@functools.cache
def consoles() -> tuple[Console, Console]:
    """The two consoles every command prints to: stdout and stderr."""
    from rich.console import Console

    return Console(width=_width()), Console(stderr=True, width=_width())


def open_graph(endpoint: str | None, writable: bool = False) -> SparqlGraph:
    """The remote store at ``endpoint``, or the embedded store from the on-disk cache
    (:mod:`obligraph.store.cache`: about 30 ms to open instead of 0.3 s to parse); ``writable``
    for a scenario, which writes its triples into a private copy."""
    if endpoint:
        from obligraph.store.remote import Endpoint, RemoteGraph

        return RemoteGraph(Endpoint.parse(endpoint))
    from obligraph.store.cache import open_cached

    return open_cached(writable=writable)


def event_impact(
    state: str,
    chosen: Mapping[str, str | None],
    notified: str | None,
    on: str | None,
    endpoint: str | None,
    as_of: str | None = None,
) -> tuple[SparqlGraph, Impact]:
    """``obligraph impact``: ``chosen`` maps each event option (``--withdraw``, ...) to its value;
    ``as_of`` the date the legal status is given as of (default: today)."""
    events = {flag: value for flag, value in chosen.items() if value is not None}
    if len(events) != 1:
        raise BadParameterError(f"give exactly one of {', '.join(EVENT_FLAGS)}")
    notified_on = None if notified is None else dates.parse_user_date(notified, what="--notified")
    on_date = None if on is None else dates.parse_user_date(on, what="--on")
    status_on = dt.date.today() if as_of is None else dates.parse_user_date(as_of, what="--as-of")
    kg = open_graph(endpoint, writable=True)
    flag, target = next(iter(events.items()))
    return kg, _event_impact(kg, Resolver(kg), state, flag, target, notified_on, on_date, status_on)


def _event_impact(
    kg: SparqlGraph,
    resolver: Resolver,
    state: str,
    flag: str,
    target: str,
    notified: dt.date | None,
    on: dt.date | None,
    status_on: dt.date | None = None,
) -> Impact:
    """The one event the options name, through the one road (:func:`obligraph.analysis.impact.assess`)."""
    from obligraph.analysis.events import BY_FLAG, Event, event_date, target_of
    from obligraph.analysis.impact import assess

    state_iri = resolver.state(state).iri
    kind = BY_FLAG[flag.removeprefix("--")]
    when = event_date(kind, notified, on)
    event = Event(kind.name, state_iri, target_of(resolver, kind.name, target), when)
    return assess(kg, event, as_of=status_on)


def state_status(state: str, on: str | None, endpoint: str | None) -> tuple[SparqlGraph, StateStatus]:
    """``obligraph status``: the graph asked and the answer."""
    from obligraph.analysis.status import state_status as status_of

    day = dt.date.today() if on is None else dates.parse_user_date(on, what="--on")
    kg = open_graph(endpoint)
    return kg, status_of(kg, Resolver(kg).state(state).iri, day)


def named_rows(
    name: str, params: Sequence[str], fmt: str, inferred: bool, endpoint: str | None
) -> tuple[SparqlGraph, Answer]:
    """``obligraph query``: the graph asked and the answer (rows, or why there are none)."""
    from obligraph import queries

    if fmt not in ("table", "csv", "json"):
        raise BadParameterError(f"--format must be table, csv or json, not {fmt!r}")
    named = queries.get(name)
    values: dict[str, str] = {}
    for item in params:
        if "=" not in item:
            raise BadParameterError(f"parameter {item!r} is not in the form key=value")
        key, value = item.split("=", 1)
        values[key.strip()] = value
    if inferred and endpoint:
        raise BadParameterError(
            "--inferred reads the local OWL-RL closure; it cannot be used with --endpoint"
        )
    kg: SparqlGraph
    if inferred:
        from obligraph.reasoning.inference import load_with_inferences

        kg = load_with_inferences()
    else:
        kg = open_graph(endpoint)
    return kg, queries.answer(kg, named, named.bind(values, Resolver(kg)))


def print_json(data: object) -> None:
    sys.stdout.write(render.dumps(data) + "\n")


def show_impact(result: Impact, as_json: bool) -> None:
    if as_json:
        print_json(render.impact_json(result))
        return
    from obligraph.cli.text import print_impact

    print_impact(consoles()[0], result)


def show_status(result: StateStatus, as_json: bool) -> None:
    if as_json:
        print_json(render.status_json(result))
        return
    from obligraph.cli.text import print_status

    print_status(consoles()[0], result)


def show_rows(kg: SparqlGraph, answer: Answer, fmt: str) -> None:
    """JSON and CSV keep their shape (a CSV always has its header); an empty answer says why,
    on stderr for those two, in place of the table otherwise."""
    rows = list(answer.rows)
    if fmt == "json":
        sys.stdout.write(render.rows_json(rows) + "\n")
    elif fmt == "csv":
        sys.stdout.write(render.rows_csv(rows, answer.query.columns()))
    elif rows:
        from obligraph.cli.text import PlainTable  # cells are printed as they are, never as markup

        table = PlainTable(*rows[0].keys())
        for row in rows:
            table.add_row(*(_cell(kg, v) for v in row.values()))
        consoles()[0].print(answer.query.title, style="bold", markup=False, highlight=False)
        consoles()[0].print(table)
    if not rows:
        consoles()[0 if fmt == "table" else 1].print(
            answer.explanation, highlight=False, markup=False, soft_wrap=True
        )


def _cell(kg: SparqlGraph, value: object) -> str:
    """A table cell: a thing of the graph as ``Russia (RUS)``, a date as YYYY-MM-DD."""
    text = render.plain(value)
    if isinstance(value, str) and value.startswith(ID_NS):
        name = short_name_of(kg, value)
        return f"{name} ({text})" if name and name != text else text
    return text
