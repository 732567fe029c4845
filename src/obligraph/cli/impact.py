"""``obligraph impact``, ``scenario`` and ``matrix``: what follows from events."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from obligraph import paths, render
from obligraph.cli import answers
from obligraph.cli.app import EndpointOption, date_or_today, err, fail, out
from obligraph.errors import BadParameterError, ObligraphError
from obligraph.resolve import Resolver
from obligraph.store import as_local, load


def impact(
    state: Annotated[str, typer.Argument(help="The state the event concerns (code or name).")],
    withdraw: Annotated[
        str | None, typer.Option("--withdraw", help="A treaty the state withdraws from (ETS-126, ECPT, ...).")
    ] = None,
    ratify: Annotated[
        str | None, typer.Option("--ratify", help="A treaty the state ratifies or accedes to (with --on).")
    ] = None,
    expel_from: Annotated[
        str | None, typer.Option("--expel-from", help="An organisation that expels the state (with --on).")
    ] = None,
    suspend_from: Annotated[
        str | None,
        typer.Option("--suspend-from", help="An organisation that suspends the state (with --on)."),
    ] = None,
    leave: Annotated[
        str | None,
        typer.Option("--leave", help="An organisation the state notifies it leaves (with --notified)."),
    ] = None,
    declare: Annotated[
        str | None,
        typer.Option(
            "--declare",
            help="An article under which the state declares it accepts a body's power, e.g. 'CAT 22' (with --on).",
        ),
    ] = None,
    withdraw_declaration: Annotated[
        str | None,
        typer.Option(
            "--withdraw-declaration",
            help="An article whose declaration the state withdraws, e.g. 'CAT 22' or 'CAT 28' (with --on).",
        ),
    ] = None,
    notified: Annotated[
        str | None,
        typer.Option(
            "--notified",
            help="Date a notification reached the depositary (default for --withdraw: the recorded one, if any).",
        ),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Date of a ratification, expulsion or suspension.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Give the legal status (not-permitted, date-unknown, pending, effective) as of this date (default: today).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the documented JSON (docs/json.md).")
    ] = False,
    diagram: Annotated[
        Path | None,
        typer.Option("--diagram", help="Also draw the result to this file (.svg, .png, .html, .dot, .mmd)."),
    ] = None,
    endpoint: EndpointOption = None,
) -> None:
    """What follows from one event: STATE withdraws from a treaty (--withdraw, --notified), ratifies
    one (--ratify, --on), is expelled or suspended from an organisation (--expel-from/--suspend-from,
    --on), leaves it (--leave, --notified), or makes or withdraws a declaration under an article
    (--declare/--withdraw-declaration 'CAT 22', --on). Prints the effective date and the rule, bodies that
    lose, keep or gain powers, obligations that cease or remain, the cascade, the protection gaps
    and a summary, with sources."""
    chosen = {
        "--withdraw": withdraw,
        "--ratify": ratify,
        "--expel-from": expel_from,
        "--suspend-from": suspend_from,
        "--leave": leave,
        "--declare": declare,
        "--withdraw-declaration": withdraw_declaration,
    }
    try:
        kg, result = answers.event_impact(state, chosen, notified, on, endpoint, as_of)
        if diagram is not None:
            from obligraph.cli.diagrams import write_impact_diagram

            write_impact_diagram(result, diagram, as_local(kg))
            err.print(f"wrote {diagram}", highlight=False, markup=False)
    except ObligraphError as e:
        fail(e)
    answers.show_impact(result, as_json)


def scenario(
    path: Annotated[Path, typer.Argument(help="A scenario file (YAML): name, state, events.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Give each answer's legal status as of this date (default: today)."),
    ] = None,
) -> None:
    """Several events at once (withdraw, ratify, expel-from, suspend-from, leave), applied together
    to an overlay of the graph (the base is never changed); prints the cascade and the before/after difference for each state."""
    from obligraph.analysis import scenario as scenarios

    try:
        kg = load()
        loaded = scenarios.load(path, Resolver(kg))
        result = scenarios.evaluate(kg, loaded, as_of=date_or_today(as_of, "--as-of"))
    except ObligraphError as e:
        fail(e)
    if as_json:
        out.print_json(render.dumps(render.scenario_json(result)))
        return
    from obligraph.cli.text import print_scenario

    print_scenario(out, result)


def matrix(
    on: Annotated[str | None, typer.Option("--on", help="Date YYYY-MM-DD (default: today).")] = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write CSV here (default: print).")] = None,
) -> None:
    """For every state and every treaty it is bound by on the date: what its withdrawal would
    remove (bodies and powers held only through that treaty, obligations left with no basis)."""
    from rich.progress import Progress

    from obligraph.analysis import matrix as matrices

    try:
        day = date_or_today(on, "--on")
        if out_file is not None:
            paths.check_not_project_data(out_file)
        kg = load()
        with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("states", total=None)
            rows = matrices.build(kg, day, lambda n, total: bar.update(task, completed=n, total=total))
        text = render.matrix_csv(rows)
        if out_file is None:
            sys.stdout.write(text)
        else:
            try:
                out_file.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise BadParameterError(f"--out {out_file}: cannot write ({exc.strerror})") from None
            err.print(f"wrote {len(rows)} rows to {out_file}", markup=False)
    except ObligraphError as e:
        fail(e)


def register(app: typer.Typer) -> None:
    app.command()(impact)
    app.command()(scenario)
    app.command()(matrix)
