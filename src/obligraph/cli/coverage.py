"""``obligraph coverage``: what the graph holds for each system, and when its sources were read."""

from __future__ import annotations

from typing import Annotated

import typer

from obligraph import render
from obligraph.cli.app import EndpointOption, fail, open_graph, out
from obligraph.errors import BadParameterError, ObligraphError

FORMATS = ("table", "json", "markdown")


def coverage_command(
    fmt: Annotated[
        str, typer.Option("--format", help="table (default), json or markdown (the README's table).")
    ] = "table",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the documented JSON (docs/json.md).")
    ] = False,
    endpoint: EndpointOption = None,
) -> None:
    """For each system (UN treaties, Council of Europe, EU, ICC, Inter-American, African): its
    treaties (with the number of parties whose entry into force is dated) and bodies, the number
    of states with dated facts, the dated facts by confidence, the undated ones, and the dates the
    sources were captured."""
    from obligraph.analysis.coverage import coverage

    try:
        if fmt not in FORMATS:
            raise BadParameterError(f"--format {fmt!r}: one of {', '.join(FORMATS)}")
        result = coverage(open_graph(endpoint))
    except ObligraphError as e:
        fail(e)
    if as_json or fmt == "json":
        out.print_json(render.dumps(render.coverage_json(result)))
    elif fmt == "markdown":
        out.print(render.coverage_markdown(result), end="", markup=False, highlight=False, soft_wrap=True)
    else:
        from rich.table import Table

        table = Table(*render.COVERAGE_COLUMNS, title="What the graph covers")
        for system in result.systems:
            table.add_row(*render.coverage_cells(system))
        out.print(table)


def register(app: typer.Typer) -> None:
    app.command("coverage")(coverage_command)
