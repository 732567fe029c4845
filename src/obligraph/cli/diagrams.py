"""Commands that draw and export: ``diagram``, ``timeline`` and ``export``, plus the
``impact --diagram`` helper. Registered on the main app by :func:`register`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from obligraph import dates
from obligraph.analysis.results import Impact
from obligraph.cli.app import err, fail, out
from obligraph.errors import BadParameterError, ObligraphError, UnknownTermError
from obligraph.resolve import Resolved, Resolver
from obligraph.store import KnowledgeGraph

FOCUS_KINDS = ("state", "treaty", "organisation", "body")


def resolve_focus(resolver: Resolver, term: str, kind: str | None = None) -> Resolved:
    """A state, treaty, organisation or body by name; a name that fits several kinds is an error
    that lists them (choose with ``--kind``)."""
    if kind is not None:
        if kind not in FOCUS_KINDS:
            raise BadParameterError(f"--kind must be one of {', '.join(FOCUS_KINDS)}, not {kind!r}")
        return resolver.resolve(kind, term)
    found: dict[str, Resolved] = {}
    suggestions: list[str] = []
    for k in FOCUS_KINDS:
        try:
            found[k] = resolver.resolve(k, term)
        except UnknownTermError as err:
            suggestions += err.suggestions
    if len(found) == 1:
        return next(iter(found.values()))
    if found:
        options = ", ".join(f"{k} {r.id}" for k, r in found.items())
        raise BadParameterError(f"{term!r} names more than one thing ({options}); choose one with --kind")
    raise UnknownTermError("state, treaty, organisation or body", term, sorted(set(suggestions))[:6])


def diagram(
    focus: Annotated[
        str, typer.Argument(help="A state, treaty, organisation or body (RUS, ECPT, CoE, CPT).")
    ],
    on: Annotated[str | None, typer.Option("--on", help="Date YYYY-MM-DD (default: today).")] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, max=4, help="Links away from the focus.")] = 1,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", min=2, help="Fold groups that do not fit into one summary node.")
    ] = 40,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="dot, svg, png, mermaid, graphml, gexf or html (default: from --out)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default: print).")
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="state, treaty, organisation or body.")] = None,
) -> None:
    """Draw the states, organisations, treaties and bodies around FOCUS on a date: who is a
    member of what, party to what, which treaty establishes which body, which body holds
    powers over which state, with dates and a legend."""
    from obligraph import diagrams
    from obligraph.diagrams import formats
    from obligraph.store import load

    try:
        chosen = formats.choose(fmt, output)
        if output is None and chosen.name not in ("dot", "mermaid", "graphml", "gexf"):
            raise BadParameterError(f"--format {chosen.name} writes a binary or page file: give --out")
        if output is not None:
            formats.check_writable(output)
        day = _day(on)
        kg = load()
        target = resolve_focus(Resolver(kg), focus, kind)
        result = diagrams.relationships(kg, target.iri, day, depth, max_nodes)
        data = chosen.render(result)
        if output is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            formats.write_bytes(output, data)
    except ObligraphError as e:
        fail(e)
        return
    for line in result.omitted:
        err.print(f"note: {line}", highlight=False, markup=False)
    if output is not None:
        out.print(
            f"wrote {output} ({chosen.name}: {len(result.nodes)} nodes, {len(result.edges)} links)",
            markup=False,
        )


def timeline(
    state: Annotated[str, typer.Argument(help="The state (code or name).")],
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="PNG or SVG file (default: STATE-timeline.png).")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="Draw up to this date (default: today).")] = None,
) -> None:
    """Draw STATE's memberships and treaty participation as bars over time, with events
    (signature, deposit, suspension, expulsion, denunciation notified and effective) marked and
    numbered, and disputed or unrecorded dates drawn as such."""
    from obligraph.analysis.timeline import state_timeline
    from obligraph.diagrams import formats, timeline_plot
    from obligraph.store import load

    try:
        day = _day(on)
        kg = load()
        who = Resolver(kg).state(state)
        path = output or Path(f"{who.id}-timeline.png")
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("png", "svg"):
            raise BadParameterError(f"a timeline is written as .png or .svg, not {path.name!r}")
        formats.check_writable(path)
        formats.write_bytes(path, timeline_plot.render(state_timeline(kg, who.iri, day), fmt))
    except ObligraphError as e:
        fail(e)
        return
    out.print(f"wrote {path}", markup=False)


def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl, nt, jsonld, csv, graphml or gexf.")],
    output: Annotated[
        Path, typer.Option("--out", "-o", help="File to write; for csv a folder (or a .zip file).")
    ],
    focus: Annotated[
        str | None,
        typer.Option("--focus", help="Only what a diagram of this focus draws (default: all)."),
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, max=4, help="Links away from the focus.")] = 1,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Date of the network (graphml, gexf, or a focus; default today)."),
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="state, treaty, organisation or body.")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Write even into the project's own ontology/, graph/ or queries/.")
    ] = False,
) -> None:
    """Export the whole graph, or what surrounds a focus, as RDF (ttl, nt, jsonld), CSV tables
    (one per kind) or a network for Gephi (graphml, gexf)."""
    from obligraph.diagrams.export import EXPORT_FORMATS, export
    from obligraph.store import load

    try:
        if fmt not in EXPORT_FORMATS:
            raise BadParameterError(
                f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
            )
        day = _day(on)
        kg = load()
        iri = resolve_focus(Resolver(kg), focus, kind).iri if focus else None
        result = export(kg, fmt, output, iri, day, depth, force)
    except ObligraphError as e:
        fail(e)
        return
    out.print(f"wrote {result.path} ({result.format}: {result.items} {result.what})", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(diagram)
    app.command()(timeline)
    app.command("export")(export_command)


def write_impact_diagram(result: Impact, path: Path, kg: KnowledgeGraph) -> str:
    """Draw an impact result to ``path`` (format from the extension); returns the format name."""
    from obligraph.diagrams import formats, impact_diagram

    chosen = formats.choose(None, path)
    formats.check_writable(path)
    formats.write_bytes(path, chosen.render(impact_diagram(result, kg)))
    return chosen.name


def _day(value: str | None) -> dt.date:
    return dt.date.today() if value is None else dates.parse_user_date(value, what="--on")
