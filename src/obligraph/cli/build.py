"""``obligraph build`` and ``obligraph import ...``: regenerate graph/generated/ (maintainers)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from obligraph import paths
from obligraph.cli.app import err, fail, out
from obligraph.errors import ObligraphError
from obligraph.store import load

AllowShrink = Annotated[
    bool,
    typer.Option(
        "--allow-shrink",
        help="Accept a generated file that loses more than 10% of its triples, or a page with an empty "
        "participants table (refused by default: a truncated download looks like that).",
    ),
]


def build_command(
    source: Annotated[
        Path | None,
        typer.Option(
            "--sources", help="The raw data folder (default: ../shared/data or $OBLIGRAPH_SOURCES)."
        ),
    ] = None,
    allow_shrink: AllowShrink = False,
) -> None:
    """Regenerate every file under graph/generated/ from the raw source data (states, CoE record,
    UN Treaty Collection pages), with a progress bar. Nothing is written unless every input parses
    (the files are written to a temporary folder and moved into place at the end)."""
    from rich.progress import Progress

    from obligraph.importers.build import STEPS, build

    folder = source or paths.sources_root()
    try:
        with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("building graph/generated", total=len(STEPS))
            written, unresolved = build(
                folder, paths.generated_dir(), lambda step: bar.advance(task), allow_shrink
            )
    except ObligraphError as e:
        fail(e)
    out.print(f"wrote {len(written)} files under {paths.generated_dir()}", markup=False)
    for treaty, names in unresolved.items():
        if names:
            out.print(
                f"[yellow]warning:[/] {escape(treaty)}: participants matched to no state: {escape(', '.join(names))}"
            )


def import_states(
    source: Annotated[Path | None, typer.Option("--sources", help="The raw data folder.")] = None,
    allow_shrink: AllowShrink = False,
) -> None:
    """States (ISO 3166), UN membership (year) and EU membership into graph/generated/states.ttl."""
    from obligraph.importers import build

    try:
        written = build.import_states(source or paths.sources_root(), paths.generated_dir(), allow_shrink)
    except ObligraphError as e:
        fail(e)
    for path in written:
        out.print(f"wrote {path}", markup=False)


def import_coe(
    source: Annotated[Path | None, typer.Option("--sources", help="The raw data folder.")] = None,
    allow_shrink: AllowShrink = False,
) -> None:
    """The curated Council of Europe record into graph/generated/coe/."""
    from obligraph.importers import build

    try:
        written = build.import_coe(
            source or paths.sources_root(), paths.generated_dir(), load(), allow_shrink
        )
    except ObligraphError as e:
        fail(e)
    for path in written:
        out.print(f"wrote {path}", markup=False)


def import_untc(
    pages: Annotated[
        list[Path] | None, typer.Argument(help="UNTC status pages (*.html or *.html.gz); default: all 18.")
    ] = None,
    source: Annotated[Path | None, typer.Option("--sources", help="The raw data folder.")] = None,
    allow_shrink: AllowShrink = False,
) -> None:
    """UN Treaty Collection status pages into graph/generated/untc/ (one Turtle file per page)."""
    from obligraph.importers import build

    try:
        written, unresolved = build.import_untc(
            source or paths.sources_root(), paths.generated_dir(), load(), pages, allow_shrink
        )
    except ObligraphError as e:
        fail(e)
    for path in written:
        out.print(f"wrote {path}", markup=False)
    for treaty, names in unresolved.items():
        if names:
            out.print(
                f"[yellow]warning:[/] {escape(treaty)}: participants matched to no state: {escape(', '.join(names))}"
            )


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)
    group = typer.Typer(help="Regenerate graph/generated/ from the raw source data (maintainers).")
    group.command("states")(import_states)
    group.command("coe")(import_coe)
    group.command("untc")(import_untc)
    app.add_typer(group, name="import")
