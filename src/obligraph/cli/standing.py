"""``obligraph standing``: every state's standing towards a treaty or a procedure on a date (the
explorer's world map, as a table or as its JSON)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from obligraph import dates, render
from obligraph.cli.app import EndpointOption, fail, open_graph, out
from obligraph.errors import ObligraphError


def standing_command(
    of: Annotated[
        str,
        typer.Argument(
            help="A treaty (Rome Statute, ECPT, CAT) or an optional procedure's article (CAT 22)."
        ),
    ],
    on: Annotated[str | None, typer.Option("--on", help="Date YYYY-MM-DD (default: today).")] = None,
    every: Annotated[
        bool, typer.Option("--all", help="List every state, also those with no standing towards it.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the documented JSON (docs/json.md), as the map reads it.")
    ] = False,
    endpoint: EndpointOption = None,
) -> None:
    """Each state's standing towards a treaty (party, instrument deposited, former party,
    signatory, signature withdrawn, none) or a procedure (accepting CAT 22) on a date, with the
    record it rests on: the explorer's world map as a table."""
    from obligraph.analysis.standing import standings
    from obligraph.resolve import Resolver

    try:
        day = dt.date.today() if on is None else dates.parse_user_date(on, what="--on")
        kg = open_graph(endpoint)
        result = standings(kg, Resolver(kg).treaty_or_article(of).iri, day)
    except ObligraphError as e:
        fail(e)
    if as_json:
        out.print_json(render.dumps(result.to_dict()))
        return
    from obligraph.cli.text import PlainTable

    out.print(
        f"Standing towards {result.of.name} ({result.of.id}) on {day.isoformat()}",
        markup=False,
        highlight=False,
    )
    for entry in result.legend():
        out.print(f"  {entry['text']}: {entry['count']}", markup=False, highlight=False)
    table = PlainTable("state", "standing", "since", "confidence", "source")
    for s in result.states:
        if s.standing != "none" or every:
            table.add_row(
                f"{s.state.name} ({s.state.id})",
                s.standing,
                s.since.isoformat() if s.since else "",
                s.confidence or "",
                s.sources[0] if s.sources else "",
            )
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("standing")(standing_command)
