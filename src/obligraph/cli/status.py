"""``obligraph status``: a state's memberships, treaties in force and bodies on a date."""

from __future__ import annotations

from typing import Annotated

import typer

from obligraph import render
from obligraph.cli.app import EndpointOption, date_or_today, fail, open_graph, out
from obligraph.errors import ObligraphError
from obligraph.resolve import Resolver


def status(
    state: Annotated[str, typer.Argument(help="State: ISO alpha-3 or alpha-2 code, or name.")],
    on: Annotated[str | None, typer.Option("--on", help="Date YYYY-MM-DD (default: today).")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the documented JSON (docs/json.md).")
    ] = False,
    endpoint: EndpointOption = None,
) -> None:
    """Memberships, treaties in force and bodies with powers over STATE on a date."""
    from obligraph.analysis.status import state_status

    try:
        day = date_or_today(on, "--on")
        kg = open_graph(endpoint)
        result = state_status(kg, Resolver(kg).state(state).iri, day)
    except ObligraphError as e:
        fail(e)
    if as_json:
        out.print_json(render.dumps(render.status_json(result)))
        return
    from obligraph.cli.text import print_status

    print_status(out, result)


def register(app: typer.Typer) -> None:
    app.command()(status)
