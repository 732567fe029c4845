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
from typing import Annotated, Any, NoReturn

import typer
from rich.markup import escape
from typer.core import TyperGroup

from obligraph import dates
from obligraph.cli.answers import consoles
from obligraph.cli.answers import open_graph as open_graph  # re-exported for the command modules
from obligraph.errors import ObligraphError

HELP = (
    "obligraph: a knowledge graph of international obligations. Ask which treaties bind a "
    "state, which bodies hold powers over it, and what follows when it withdraws. States are "
    "accepted as ISO codes (RUS, RU) or names (Russia); treaties as CoE or UNTC numbers "
    "(ETS-126, UN-IV-9) or short names (ECPT, CAT); bodies as acronyms (CPT, SPT)."
)


out, err = consoles()


def fail(error: ObligraphError) -> NoReturn:
    """Print ``error`` as one escaped line on stderr and exit with its code."""
    err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


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


def version_callback(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        from obligraph import __version__

        out.print(f"obligraph {__version__}")
        raise typer.Exit(0)
