"""The quick path: the common questions answered without Typer.

Importing Typer and letting it validate parameters (through pydantic) costs about 0.2 s, as
much as the whole answer to the seed question (``scripts/bench_cli.py``). So :func:`answer`
reads ``impact``, ``status`` and ``query`` command lines itself when they hold only the options
in :data:`SPECS`, and calls the same bodies as the Typer commands
(:mod:`obligraph.cli.answers`). Anything else (help, another command, an option not listed, a
repeated option, ``--endpoint`` or ``OBLIGRAPH_ENDPOINT``, ``--diagram``) returns None and goes
to Typer. Errors are printed by the one error printer, :func:`obligraph.cli.app.fail`.
``tests/test_cli.py`` checks that these tables name the Typer commands' own options.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from obligraph.cli import answers
from obligraph.errors import ObligraphError
from obligraph.store import SparqlGraph

Parsed = dict[str, "str | bool | list[str]"]


@dataclass(frozen=True)
class Spec:
    arguments: tuple[str, ...]  # positional parameters, in order
    values: dict[str, str]  # option -> parameter, taking one value
    flags: dict[str, str] = field(default_factory=dict)  # option -> parameter, a switch
    repeated: dict[str, str] = field(default_factory=dict)  # option -> parameter, a list


SPECS = {
    "impact": Spec(
        ("state",),
        {flag: flag for flag in answers.EVENT_FLAGS}
        | {"--notified": "notified", "--on": "on", "--as-of": "as_of"},
        {"--json": "as_json"},
    ),
    "status": Spec(("state",), {"--on": "on"}, {"--json": "as_json"}),
    "query": Spec(("name",), {"--format": "fmt", "-f": "fmt"}, {}, {"-p": "param", "--param": "param"}),
}


def parse(argv: list[str]) -> tuple[str, Parsed] | None:
    """The command and its parameters, or None when the line is not one this parser knows fully."""
    if not argv or argv[0] not in SPECS:
        return None
    spec = SPECS[argv[0]]
    parsed: Parsed = {}
    positional: list[str] = []
    tokens = iter(argv[1:])
    for token in tokens:
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        option, has_value, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if option in spec.flags and not has_value:
            parsed[spec.flags[option]] = True
        elif option in spec.values or option in spec.repeated:
            if not has_value:
                value = next(tokens, None)  # type: ignore[assignment]
                if value is None:
                    return None
            if option in spec.repeated:
                items = parsed.setdefault(spec.repeated[option], [])
                assert isinstance(items, list)
                items.append(value)
            elif spec.values[option] in parsed:
                return None  # given twice
            else:
                parsed[spec.values[option]] = value
        else:
            return None  # --help, --endpoint, --diagram, anything not listed
    if len(positional) != len(spec.arguments):
        return None
    parsed.update(zip(spec.arguments, positional, strict=True))
    return argv[0], parsed


def _text(parsed: Parsed, key: str) -> str | None:
    value = parsed.get(key)
    return value if isinstance(value, str) else None


def _impact(p: Parsed) -> SparqlGraph:
    chosen = {flag: _text(p, flag) for flag in answers.EVENT_FLAGS}
    kg, result = answers.event_impact(
        str(p["state"]), chosen, _text(p, "notified"), _text(p, "on"), None, _text(p, "as_of")
    )
    answers.show_impact(result, bool(p.get("as_json")))
    return kg


def _status(p: Parsed) -> SparqlGraph:
    kg, result = answers.state_status(str(p["state"]), _text(p, "on"), None)
    answers.show_status(result, bool(p.get("as_json")))
    return kg


def _query(p: Parsed) -> SparqlGraph:
    fmt = _text(p, "fmt") or "table"
    params = p.get("param", [])
    assert isinstance(params, list)
    kg, answer = answers.named_rows(str(p["name"]), params, fmt, False, None)
    answers.show_rows(kg, answer, fmt)
    return kg


RUN: dict[str, Callable[[Parsed], SparqlGraph]] = {"impact": _impact, "status": _status, "query": _query}


def answer(argv: list[str]) -> int | None:
    """Answer ``argv`` and return the exit code, or None to hand it to Typer."""
    if os.environ.get("OBLIGRAPH_ENDPOINT"):
        return None
    found = parse(argv)
    if found is None:
        return None
    command, parsed = found
    try:
        kg = RUN[command](parsed)
        release = getattr(kg, "release", None)
        if release is not None:
            release()  # the store cache keeps what it learnt; a private copy of the store goes
    except ObligraphError as error:
        from obligraph.cli.app import fail

        try:
            fail(error)
        except Exception as stop:  # typer.Exit, with the error's exit code
            return int(getattr(stop, "exit_code", error.exit_code))
    return 0
