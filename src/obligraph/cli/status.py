"""``obligraph status``: a state's memberships, treaties in force and bodies on a date."""

from __future__ import annotations

from typing import Annotated

import typer

from obligraph.cli import answers
from obligraph.cli.app import EndpointOption, fail
from obligraph.errors import ObligraphError


def status(
    state: Annotated[str, typer.Argument(help="State: ISO alpha-3 or alpha-2 code, or name.")],
    on: Annotated[str | None, typer.Option("--on", help="Date YYYY-MM-DD (default: today).")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the documented JSON (docs/json.md).")
    ] = False,
    endpoint: EndpointOption = None,
) -> None:
    """Memberships, treaties in force and bodies with powers over STATE on a date."""
    try:
        _, result = answers.state_status(state, on, endpoint)
    except ObligraphError as e:
        fail(e)
    answers.show_status(result, as_json)


def register(app: typer.Typer) -> None:
    app.command()(status)
