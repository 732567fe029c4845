"""The ``obligraph`` command line. It parses arguments, calls the analyses and prints.

Exit codes: 0 success; 1 findings (``validate``); 2 bad input (unknown term, malformed date or
Turtle, bad query parameter).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from obligraph import __version__, dates, paths, render
from obligraph.cli_stores import EndpointOption, open_graph
from obligraph.errors import BadParameterError, ObligraphError
from obligraph.impact import Impact
from obligraph.resolve import Resolver
from obligraph.store import KnowledgeGraph, SparqlGraph, as_local, default_files, load

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help=(
        "obligraph: a knowledge graph of international obligations. Ask which treaties bind a "
        "state, which bodies hold powers over it, and what follows when it withdraws. States are "
        "accepted as ISO codes (RUS, RU) or names (Russia); treaties as CoE or UNTC numbers "
        "(ETS-126, UN-IV-9) or short names (ECPT, CAT); bodies as acronyms (CPT, SPT)."
    ),
)
import_app = typer.Typer(help="Regenerate graph/generated/ from the raw source data (maintainers).")
app.add_typer(import_app, name="import")


def _width() -> int | None:
    """The terminal's width; 140 columns when printing to a file or pipe (README, CI logs)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    return None if sys.stdout.isatty() else 140


out = Console(width=_width())
err = Console(stderr=True, width=_width())


def _fail(error: ObligraphError) -> None:
    err.print(f"[bold red]error:[/] {error}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(error.exit_code)


def _load() -> KnowledgeGraph:
    return load()


def _date_option(value: str | None, what: str) -> dt.date:
    return dt.date.today() if value is None else dates.parse_user_date(value, what=what)


@app.callback(invoke_without_command=True)
def main_callback(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"obligraph {__version__}")
        raise typer.Exit(0)


@app.command()
def status(
    state: Annotated[str, typer.Argument(help="State: ISO alpha-3 or alpha-2 code, or name.")],
    on: Annotated[str | None, typer.Option("--on", help="Date YYYY-MM-DD (default: today).")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the documented JSON (docs/json.md).")
    ] = False,
    endpoint: EndpointOption = None,
) -> None:
    """Memberships, treaties in force and bodies with powers over STATE on a date."""
    from obligraph.status import state_status

    try:
        day = _date_option(on, "--on")
        kg = open_graph(endpoint)
        result = state_status(kg, Resolver(kg).state(state).iri, day)
    except ObligraphError as e:
        _fail(e)
        return
    if as_json:
        out.print_json(render.dumps(render.status_json(result)))
        return
    from obligraph.cli_text import print_status

    print_status(out, result)


@app.command()
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
    from obligraph.impact import withdraw as run_withdraw

    chosen = {
        k: v
        for k, v in {
            "--withdraw": withdraw,
            "--ratify": ratify,
            "--expel-from": expel_from,
            "--suspend-from": suspend_from,
            "--leave": leave,
            "--declare": declare,
            "--withdraw-declaration": withdraw_declaration,
        }.items()
        if v
    }
    try:
        if len(chosen) != 1:
            raise BadParameterError(
                "give exactly one of --withdraw, --ratify, --expel-from, --suspend-from, --leave, "
                "--declare, --withdraw-declaration"
            )
        notified_on = dates.parse_user_date(notified, what="--notified") if notified else None
        on_date = dates.parse_user_date(on, what="--on") if on else None
        kg = open_graph(endpoint)
        resolver = Resolver(kg)
        state_iri = resolver.state(state).iri
        if withdraw:
            result = run_withdraw(kg, state_iri, resolver.treaty(withdraw).iri, notified_on)
        elif not isinstance(kg, KnowledgeGraph):
            raise BadParameterError(
                f"{next(iter(chosen))} applies the event to a local copy of the graph; run it without --endpoint"
            )
        else:
            result = _event_impact(kg, resolver, state_iri, chosen, notified_on, on_date)
        if diagram is not None:
            from obligraph.cli_diagrams import write_impact_diagram

            write_impact_diagram(result, diagram, as_local(kg))
            err.print(f"wrote {diagram}", highlight=False)
    except ObligraphError as e:
        _fail(e)
        return
    if as_json:
        out.print_json(render.dumps(render.impact_json(result)))
        return
    from obligraph.cli_text import print_impact

    print_impact(out, result)


def _event_impact(
    kg: KnowledgeGraph,
    resolver: Resolver,
    state: str,
    chosen: dict[str, str],
    notified: dt.date | None,
    on: dt.date | None,
) -> Impact:
    from obligraph import consequences, engine
    from obligraph import scenario as scenarios

    flag, target = next(iter(chosen.items()))
    kind, needs, when = {
        "--ratify": ("ratify", "--on", on),
        "--expel-from": ("expel", "--on", on),
        "--suspend-from": ("suspend", "--on", on),
        "--leave": ("leave", "--notified", notified),
        "--declare": ("declare", "--on", on),
        "--withdraw-declaration": ("undeclare", "--on", on),
    }[flag]
    if when is None:
        raise BadParameterError(f"{flag} needs {needs} DATE")
    event = engine.Event(kind, state, scenarios.target_of(resolver, kind, target), when)
    run = engine.run(kg, [event])
    action = {
        "ratify": "ratification",
        "expel": "expulsion",
        "suspend": "suspension",
        "leave": "withdrawal",
        "declare": "declaration",
        "undeclare": "withdrawal of a declaration",
    }[kind]
    return consequences.from_run(kg, run, state, event.target, action)


@app.command()
def scenario(
    path: Annotated[Path, typer.Argument(help="A scenario file (YAML): name, state, events.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Several events at once (withdraw, ratify, expel-from, suspend-from, leave), applied together
    to an overlay of the graph (the base is never changed); prints the cascade and the before/after difference for each state."""
    from obligraph import scenario as scenarios

    try:
        kg = _load()
        loaded = scenarios.load(path, Resolver(kg))
        result = scenarios.evaluate(kg, loaded)
    except ObligraphError as e:
        _fail(e)
        return
    if as_json:
        out.print_json(render.dumps(render.scenario_json(result)))
        return
    from obligraph.cli_text import print_scenario

    print_scenario(out, result)


@app.command()
def matrix(
    on: Annotated[str | None, typer.Option("--on", help="Date YYYY-MM-DD (default: today).")] = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write CSV here (default: print).")] = None,
) -> None:
    """For every state and every treaty it is bound by on the date: what its withdrawal would
    remove (bodies and powers held only through that treaty, obligations left with no basis)."""
    from rich.progress import Progress

    from obligraph import matrix as matrices

    try:
        day = _date_option(on, "--on")
        kg = _load()
        with Progress(console=err, transient=True) as bar:
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
            err.print(f"wrote {len(rows)} rows to {out_file}")
    except ObligraphError as e:
        _fail(e)


@app.command("queries")
def list_queries() -> None:
    """List the named queries with their parameters."""
    from obligraph import queries

    table = Table("name", "parameters", "title", title="Named queries (queries/*.rq)")
    for q in queries.available().values():
        params = ", ".join(f"{p.name}:{p.type}" for p in q.parameters) or "-"
        table.add_row(q.name, params, q.title)
    out.print(table)


@app.command()
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
    from obligraph import queries

    try:
        if fmt not in ("table", "csv", "json"):
            raise BadParameterError(f"--format must be table, csv or json, not {fmt!r}")
        named = queries.get(name)
        values: dict[str, str] = {}
        for item in param or []:
            if "=" not in item:
                raise BadParameterError(f"parameter {item!r} is not in the form key=value")
            key, value = item.split("=", 1)
            values[key.strip()] = value
        if inferred and endpoint:
            raise BadParameterError(
                "--inferred reads the local OWL-RL closure; it cannot be used with --endpoint"
            )
        kg: SparqlGraph
        if inferred:
            from obligraph.inference import load_with_inferences

            kg = load_with_inferences()
        else:
            kg = open_graph(endpoint)
        rows = queries.run(kg, named, named.bind(values, Resolver(kg)))
    except ObligraphError as e:
        _fail(e)
        return
    if fmt == "json":
        sys.stdout.write(render.rows_json(rows) + "\n")
    elif fmt == "csv":
        sys.stdout.write(render.rows_csv(rows))
    else:
        table = Table(*(rows[0].keys() if rows else ["(no rows)"]), title=named.title)
        for row in rows:
            table.add_row(*(render.plain(v) for v in row.values()))
        out.print(table)


@app.command()
def validate(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Turtle files (default: ontology and all of graph/).")
    ] = None,
    reasoner: Annotated[
        str, typer.Option("--reasoner", help="auto (HermiT, else OWL-RL), hermit, owlrl or none.")
    ] = "auto",
    all_facts: Annotated[
        bool, typer.Option("--all-facts", help="Reason over every fact, not the sample (slower).")
    ] = False,
) -> None:
    """Check fact files: Turtle syntax (file and line), SHACL shapes, the violation checks in
    queries/checks/, then HermiT on the ontology and a sample of the facts. Each finding names
    the file and line that state its subject. Exit 0 when clean, 1 with findings, 2 on
    malformed input."""
    from obligraph.cli_reason import ENGINES, print_validation
    from obligraph.sampling import DEFAULT_STATES
    from obligraph.validate import validate as run_validate

    targets = list(files) if files else default_files()
    if files:
        ontology = paths.data_root() / "ontology" / "obligraph.ttl"
        targets = [ontology, *targets]
    try:
        if reasoner not in (*ENGINES, "none"):
            raise BadParameterError(f"--reasoner must be one of {', '.join(ENGINES)}, none; not {reasoner!r}")
        report = run_validate(targets, reasoner=reasoner, sample_states=None if all_facts else DEFAULT_STATES)
    except ObligraphError as e:
        _fail(e)
        return
    print_validation(out, report)
    if not report.conforms:
        raise typer.Exit(1)


# Reasoning (issue 7): `obligraph reason`, in its own module.
from obligraph.cli_reason import reason as _reason  # noqa: E402

app.command("reason")(_reason)


@app.command()
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
    from obligraph.conflicts import source_conflicts

    if low_confidence:
        _print_low_confidence(as_json, endpoint)
        return
    if not conflicts:
        out.print("Use --conflicts (facts on which sources disagree) or --low-confidence (facts to check).")
        return
    try:
        items = source_conflicts(open_graph(endpoint))
    except ObligraphError as e:
        _fail(e)
        return
    if as_json:
        out.print_json(render.dumps(render.conflicts_json(items)))
        return
    from obligraph.cli_text import print_conflicts

    print_conflicts(out, items)


def _print_low_confidence(as_json: bool, endpoint: str | None) -> None:
    from obligraph.queries import run_named

    try:
        rows = run_named(open_graph(endpoint), "low-confidence")
    except ObligraphError as e:
        _fail(e)
        return
    if as_json:
        sys.stdout.write(render.rows_json(rows) + "\n")
        return
    for row in rows:
        why = "no page (recalled from memory)" if row["unverified"] else "low confidence"
        out.print(f"{render.plain(row['fact'])}  [{why}]  {render.plain(row['note'])[:160]}", highlight=False)
    out.print(f"{len({r['fact'] for r in rows})} facts to check")


@app.command("build")
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

    from obligraph.build import STEPS, build

    folder = source or paths.sources_root()
    try:
        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("building graph/generated", total=len(STEPS))
            written, unresolved = build(folder, paths.generated_dir(), lambda step: bar.advance(task))
    except ObligraphError as e:
        _fail(e)
        return
    out.print(f"wrote {len(written)} files under {paths.generated_dir()}")
    for treaty, names in unresolved.items():
        if names:
            out.print(f"[yellow]warning:[/] {treaty}: participants matched to no state: {', '.join(names)}")


@import_app.command("states")
def import_states(
    source: Annotated[Path | None, typer.Option("--sources", help="The raw data folder.")] = None,
) -> None:
    """States (ISO 3166), UN membership (year) and EU membership into graph/generated/states.ttl."""
    from obligraph.importers import coe, states

    folder = source or paths.sources_root()
    try:
        written = states.run(folder, paths.generated_dir(), coe.state_names(folder))
    except ObligraphError as e:
        _fail(e)
        return
    for path in written:
        out.print(f"wrote {path}")


@import_app.command("coe")
def import_coe(
    source: Annotated[Path | None, typer.Option("--sources", help="The raw data folder.")] = None,
) -> None:
    """The curated Council of Europe record into graph/generated/coe/."""
    from obligraph.importers import coe

    try:
        written = coe.run(source or paths.sources_root(), paths.generated_dir(), _load())
    except ObligraphError as e:
        _fail(e)
        return
    for path in written:
        out.print(f"wrote {path}")


@import_app.command("untc")
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
            source or paths.sources_root(), paths.generated_dir(), _load(), pages=pages
        )
    except ObligraphError as e:
        _fail(e)
        return
    for path in written:
        out.print(f"wrote {path}")
    for treaty, names in unresolved.items():
        if names:
            out.print(f"[yellow]warning:[/] {treaty}: participants matched to no state: {', '.join(names)}")


from obligraph import cli_diagrams  # noqa: E402  (diagram, timeline and export commands)

cli_diagrams.register(app, out, _fail)

# Stores: push and serve (cli_stores.py)
from obligraph.cli_stores import register as _register_stores  # noqa: E402

_register_stores(app, out, err)


def main() -> None:
    app()
