"""``obligraph build`` and ``obligraph import ...``: regenerate graph/generated/ (maintainers)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from obligraph import paths
from obligraph.cli.app import err, fail, out
from obligraph.errors import ObligraphError
from obligraph.store import load


def build_command(
    source: Annotated[
        Path | None,
        typer.Option(
            "--sources", help="The raw data folder (default: ../shared/data or $OBLIGRAPH_SOURCES)."
        ),
    ] = None,
) -> None:
    """Regenerate every file under graph/generated/ from the raw source data (states, CoE record,
    UN Treaty Collection pages), with a progress bar. Nothing is written unless every input parses."""
    from rich.progress import Progress

    from obligraph.importers.build import STEPS, build

    folder = source or paths.sources_root()
    try:
        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("building graph/generated", total=len(STEPS))
            written, unresolved = build(folder, paths.generated_dir(), lambda step: bar.advance(task))
    except ObligraphError as e:
        fail(e)
    out.print(f"wrote {len(written)} files under {paths.generated_dir()}")
    for treaty, names in unresolved.items():
        if names:
            out.print(f"[yellow]warning:[/] {treaty}: participants matched to no state: {', '.join(names)}")


def import_states(
    source: Annotated[Path | None, typer.Option("--sources", help="The raw data folder.")] = None,
) -> None:
    """States (ISO 3166), UN membership (year) and EU membership into graph/generated/states.ttl."""
    from obligraph.importers import coe, states

    folder = source or paths.sources_root()
    try:
        written = states.run(folder, paths.generated_dir(), coe.state_names(folder))
    except ObligraphError as e:
        fail(e)
    for path in written:
        out.print(f"wrote {path}")


def import_coe(
    source: Annotated[Path | None, typer.Option("--sources", help="The raw data folder.")] = None,
) -> None:
    """The curated Council of Europe record into graph/generated/coe/."""
    from obligraph.importers import coe

    try:
        written = coe.run(source or paths.sources_root(), paths.generated_dir(), load())
    except ObligraphError as e:
        fail(e)
    for path in written:
        out.print(f"wrote {path}")


def import_untc(
    pages: Annotated[
        list[Path] | None, typer.Argument(help="UNTC status pages (*.html or *.html.gz); default: all 18.")
    ] = None,
    source: Annotated[Path | None, typer.Option("--sources", help="The raw data folder.")] = None,
) -> None:
    """UN Treaty Collection status pages into graph/generated/untc/ (one Turtle file per page)."""
    from obligraph.importers import untc

    try:
        written, unresolved = untc.run(
            source or paths.sources_root(), paths.generated_dir(), load(), pages=pages
        )
    except ObligraphError as e:
        fail(e)
    for path in written:
        out.print(f"wrote {path}")
    for treaty, names in unresolved.items():
        if names:
            out.print(f"[yellow]warning:[/] {treaty}: participants matched to no state: {', '.join(names)}")


def import_compiled() -> None:
    """The hand-compiled facts of graph/compiled/ into graph/generated/compiled/ (reads the
    Council of Europe import already under graph/generated/coe/)."""
    from obligraph.importers import compiled

    try:
        written = compiled.run(paths.generated_dir())
    except ObligraphError as e:
        fail(e)
    for path in written:
        out.print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)
    group = typer.Typer(help="Regenerate graph/generated/ from the raw source data (maintainers).")
    group.command("states")(import_states)
    group.command("coe")(import_coe)
    group.command("untc")(import_untc)
    group.command("compiled")(import_compiled)
    app.add_typer(group, name="import")
