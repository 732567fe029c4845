"""``obligraph queries``, ``query`` and ``sources``: named queries and the provenance of facts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from obligraph import render
from obligraph.cli import answers
from obligraph.cli.app import EndpointOption, fail, open_graph, out
from obligraph.cli.text import PlainTable as Table
from obligraph.errors import ObligraphError


def list_queries() -> None:
    """List the named queries with their parameters."""
    from obligraph import queries

    table = Table("name", "parameters", "title", title="Named queries (queries/*.rq)")
    for q in queries.available().values():
        params = ", ".join(f"{p.name}:{p.type}" for p in q.parameters) or "-"
        table.add_row(q.name, params, q.title)
    out.print(table)


def query(
    name: Annotated[
        str, typer.Argument(help="A named query (see `obligraph queries`) or a path to a .rq file.")
    ],
    param: Annotated[
        list[str] | None, typer.Option("-p", "--param", help="Parameter as key=value; repeat.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    inferred: Annotated[
        bool,
        typer.Option(
            "--inferred", help="Also use the cached OWL-RL closure (see `obligraph reason --materialise`)."
        ),
    ] = False,
    endpoint: EndpointOption = None,
) -> None:
    """Run a named query (or an ad-hoc .rq file) with bound, type-checked parameters."""
    try:
        kg, answer = answers.named_rows(name, param or [], fmt, inferred, endpoint)
    except ObligraphError as e:
        fail(e)
    answers.show_rows(kg, answer, fmt)


def sources(
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="List every fact on which sources disagree.")
    ] = False,
    low_confidence: Annotated[
        bool,
        typer.Option(
            "--low-confidence", help="List facts recorded with low confidence or no page (to check)."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    endpoint: EndpointOption = None,
) -> None:
    """Show where facts disagree (every claim, its value, source and confidence), or which facts
    still need checking against an official source."""
    from obligraph.analysis.conflicts import source_conflicts

    if low_confidence:
        _print_low_confidence(as_json, endpoint)
        return
    if not conflicts:
        out.print("Use --conflicts (facts on which sources disagree) or --low-confidence (facts to check).")
        return
    try:
        items = source_conflicts(open_graph(endpoint))
    except ObligraphError as e:
        fail(e)
    if as_json:
        out.print_json(render.dumps(render.conflicts_json(items)))
        return
    from obligraph.cli.text import print_conflicts

    print_conflicts(out, items)


def _print_low_confidence(as_json: bool, endpoint: str | None) -> None:
    from obligraph.queries import run_named

    try:
        rows = run_named(open_graph(endpoint), "low-confidence")
    except ObligraphError as e:
        fail(e)
    if as_json:
        sys.stdout.write(render.rows_json(rows) + "\n")
        return
    for row in rows:
        why = "no page (recalled from memory)" if row["unverified"] else "low confidence"
        out.print(
            f"{render.plain(row['fact'])}  [{why}]  {render.plain(row['note'])[:160]}",
            highlight=False,
            markup=False,
        )
    out.print(f"{len({r['fact'] for r in rows})} facts to check")


def register(app: typer.Typer) -> None:
    app.command("queries")(list_queries)
    app.command()(query)
    app.command()(sources)
