"""The ``obligraph`` command line: one module per command group, each adding its commands with
``register(app)``. Commands parse arguments, call the analyses and print; nothing here computes.
"""

from __future__ import annotations

from typing import Annotated

import typer

from obligraph import __version__
from obligraph.cli import build, coverage, diagrams, impact, query, reason, status, stores
from obligraph.cli.app import new_app, out

app = new_app()


@app.callback(invoke_without_command=True)
def main_callback(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"obligraph {__version__}")
        raise typer.Exit(0)


for group in (status, coverage, impact, query, reason, build, diagrams, stores):
    group.register(app)


def main() -> None:
    app()
