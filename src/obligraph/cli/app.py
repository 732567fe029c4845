"""What every command shares: the Typer app, the two consoles, the one way errors are printed,
date options and the ``--endpoint`` option.

Each command module (:mod:`obligraph.cli.status`, ``impact``, ``query``, ...) defines its
commands as plain functions and a ``register(app)`` that adds them; :mod:`obligraph.cli`
registers every module in one place.

Exit codes: 0 success; 1 findings (``validate``, ``reason``); 2 bad input (unknown term,
malformed date or Turtle, bad query parameter).
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from obligraph import dates
from obligraph.errors import ObligraphError
from obligraph.store import SparqlGraph, load

HELP = (
    "obligraph: a knowledge graph of international obligations. Ask which treaties bind a "
    "state, which bodies hold powers over it, and what follows when it withdraws. States are "
    "accepted as ISO codes (RUS, RU) or names (Russia); treaties as CoE or UNTC numbers "
    "(ETS-126, UN-IV-9) or short names (ECPT, CAT); bodies as acronyms (CPT, SPT)."
)


def _width() -> int | None:
    """The terminal's width; 140 columns when printing to a file or pipe (README, CI logs)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    return None if sys.stdout.isatty() else 140


out = Console(width=_width())
err = Console(stderr=True, width=_width())


def fail(error: ObligraphError) -> NoReturn:
    """Print ``error`` as one escaped line on stderr and exit with its code."""
    err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


class PlainTable(Table):
    """A rich table whose text cells are printed as they are, never read as markup: names,
    labels and values come from the graph or from the user (``[/]`` is a name like any other).
    Give a :class:`rich.text.Text` for a styled cell."""

    def add_row(self, *cells: object, **options: Any) -> None:
        super().add_row(*(Text(c) if isinstance(c, str) else c for c in cells), **options)  # type: ignore[arg-type]


def date_or_today(value: str | None, what: str) -> dt.date:
    return dt.date.today() if value is None else dates.parse_user_date(value, what=what)


EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        envvar="OBLIGRAPH_ENDPOINT",
        help=(
            "Query a SPARQL 1.1 endpoint instead of the embedded store, e.g. "
            "http://127.0.0.1:7878/query (dataset in the URL: ?default-graph-uri=IRI). "
            "Auth and timeouts: OBLIGRAPH_ENDPOINT_USER, _PASSWORD, _AUTH, _TIMEOUT, _RETRIES."
        ),
        show_envvar=True,
    ),
]

JsonOption = Annotated[bool, typer.Option("--json", help="Print the documented JSON (docs/json.md).")]


def open_graph(endpoint: str | None) -> SparqlGraph:
    """The remote store at ``endpoint``, or the embedded store loaded from the files."""
    if endpoint:
        from obligraph.store.remote import Endpoint, RemoteGraph

        return RemoteGraph(Endpoint.parse(endpoint))
    return load()


# The click that typer uses (typer 0.2x vendors its own): its usage errors.
_CLICK_ERRORS = importlib.import_module(typer.BadParameter.__module__)
_HELP_ERROR: tuple[type[Exception], ...] = tuple(
    c for c in [getattr(_CLICK_ERRORS, "NoArgsIsHelpError", None)] if c is not None
)


class _OneLineErrors(TyperGroup):
    """Usage mistakes (an unknown option, ``--depth abc``) as one ``error:`` line, exit 2, like
    every other bad input; a bare command still prints its help."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _HELP_ERROR:
            raise
        except _CLICK_ERRORS.UsageError as e:
            where = e.ctx.command_path if e.ctx is not None else ctx.command_path
            fail(ObligraphError(f"{where}: {e.format_message()} (see {where} --help)"))


def new_app() -> typer.Typer:
    return typer.Typer(add_completion=False, no_args_is_help=True, help=HELP, cls=_OneLineErrors)
