"""``obligraph validate`` and ``obligraph reason``: checks, HermiT/OWL-RL and the dated classes.

The analyses live in :mod:`obligraph.reasoning` and return dataclasses this module prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from obligraph import paths
from obligraph.cli.app import err, fail, out
from obligraph.cli.text import PlainTable as Table
from obligraph.errors import BadParameterError, ObligraphError
from obligraph.reasoning import sampling
from obligraph.reasoning.reason import ClassMembers, Reasoning
from obligraph.reasoning.validate import Report
from obligraph.resolve import short_id
from obligraph.store import default_files

ID = "https://w3id.org/obligraph/id/"
OG = "https://w3id.org/obligraph/ontology#"
ENGINES = ("auto", "hermit", "owlrl")


def compact(text: str) -> str:
    """Full obligraph IRIs in a message as ``id:kind/key`` and ``og:Term``."""
    return text.replace(ID, "id:").replace(OG, "og:")


def print_validation(out: Console, report: Report) -> None:
    """The report of ``obligraph validate``: what ran, then each finding under its place."""
    for stage in report.stages:
        out.print(f"  {stage}", highlight=False, markup=False, soft_wrap=True)
    for note in report.notes:
        out.print(f"  note: {note}", highlight=False, markup=False, soft_wrap=True)
    if report.conforms:
        out.print(f"valid: {len(report.files)} files, {report.triples} triples, no findings")
        return
    out.print()
    for f in report.findings:
        out.print(f"{f.file}: {compact(f.subject)}", highlight=False, markup=False, soft_wrap=True)
        extra = f" ({compact(f.path)})" if f.path else ""
        out.print(
            f"    [{f.stage}] {compact(f.message)}{extra}", highlight=False, markup=False, soft_wrap=True
        )
    out.print(f"{_count(len(report.findings), 'finding')} in {_count(len(report.files), 'file')}")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _members(members: tuple[str, ...], limit: int = 12) -> str:
    names = [short_id(m) for m in members]
    shown = ", ".join(names[:limit]) + (f", ... (+{len(names) - limit})" if len(names) > limit else "")
    return f"{len(names)}: {shown}" if names else "none"


def _class_table(title: str, classes: tuple[ClassMembers, ...]) -> Table:
    table = Table("class", "members", title=title)
    for c in classes:
        label = c.label.removesuffix(" (on the snapshot date)")
        table.add_row(f"{label} ({compact(c.iri)})", _members(c.members))
    return table


def print_reasoning(out: Console, result: Reasoning, scope: str) -> None:
    out.print(
        f"{result.engine} on {scope}: {result.triples} triples, {result.seconds:.1f} s",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    if result.consistent:
        out.print("Consistent.", highlight=False)
    else:
        out.print("[bold red]Inconsistent.[/]")
        for culprit in result.culprits:
            out.print(f"  inconsistent individual: {compact(culprit)}", highlight=False, markup=False)
        for line in result.explanation:
            out.print(f"  {compact(line)}", highlight=False, markup=False, soft_wrap=True)
    for cls in result.unsatisfiable:
        out.print(f"[bold red]Unsatisfiable class:[/] {escape(compact(cls))} (nothing can be a member)")
    if result.consistent and not result.unsatisfiable and result.engine.startswith("HermiT"):
        out.print("No unsatisfiable class.")
    if result.inferred:
        out.print(_class_table("Defined classes (members inferred)", result.inferred))
    for note in result.notes:
        out.print(f"note: {note}", highlight=False, markup=False, soft_wrap=True)


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
    from obligraph.reasoning.validate import validate as run_validate

    targets = list(files) if files else default_files()
    if files:
        ontology = paths.data_root() / "ontology" / "obligraph.ttl"
        targets = [ontology, *targets]
    try:
        if reasoner not in (*ENGINES, "none"):
            raise BadParameterError(f"--reasoner must be one of {', '.join(ENGINES)}, none; not {reasoner!r}")
        report = run_validate(
            targets, reasoner=reasoner, sample_states=None if all_facts else sampling.default_states()
        )
    except ObligraphError as e:
        fail(e)
    print_validation(out, report)
    if not report.conforms:
        raise typer.Exit(1)


def reason(
    on: Annotated[
        str | None,
        typer.Option("--on", help="Classify states into the dated classes as of this date (YYYY-MM-DD)."),
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", help="With --on: show one state's dated relations and classes.")
    ] = None,
    materialise: Annotated[
        bool,
        typer.Option(
            "--materialise", help="Compute (or read from the cache) the OWL-RL closure of all facts."
        ),
    ] = False,
    refresh: Annotated[bool, typer.Option("--refresh", help="With --materialise: ignore the cache.")] = False,
    engine: Annotated[
        str, typer.Option("--engine", help="auto (HermiT, else OWL-RL), hermit or owlrl.")
    ] = "auto",
    all_facts: Annotated[
        bool, typer.Option("--all-facts", help="Reason over every fact, not the sample (slower).")
    ] = False,
    sample: Annotated[
        str | None,
        typer.Option(
            "--sample",
            help="States whose bulk facts form the sample, comma-separated "
            "(default: those graph/curation/reasoning-sample.csv lists).",
        ),
    ] = None,
) -> None:
    """Reason over the ontology and the facts. By default HermiT (through owlready2; OWL-RL
    without Java) checks a sample of the facts for consistency and unsatisfiable classes, and
    lists the members it infers for the defined classes. --materialise computes the OWL-RL
    closure of all facts (cached; `obligraph query ... --inferred` uses it); --on DATE puts the
    states into the dated classes as of that date. Exit 1 when inconsistent or a class is
    unsatisfiable."""
    try:
        if engine not in ENGINES:
            raise BadParameterError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        if state is not None and on is None:
            raise BadParameterError("--state needs --on DATE")
        if on is not None:
            _dated(out, err, on, state)
            return
        if materialise:
            _materialise(out, refresh)
            return
        states = sampling.default_states() if sample is None else _states(sample)
        result, scope = _run_reasoner(engine, None if all_facts else states)
    except ObligraphError as e:
        fail(e)
    print_reasoning(out, result, scope)
    if not result.clean:
        raise typer.Exit(1)


def _states(sample: str) -> tuple[str, ...]:
    from obligraph.resolve import Resolver
    from obligraph.store import load

    names = [s.strip() for s in sample.split(",") if s.strip()]
    if not names:
        raise BadParameterError("--sample needs at least one state")
    resolver = Resolver(load())
    return tuple(resolver.state(name).id for name in names)


def _run_reasoner(engine: str, states: tuple[str, ...] | None) -> tuple[Reasoning, str]:
    from rdflib import Graph

    from obligraph.reasoning.reason import reason as run
    from obligraph.store import default_files

    files = default_files()
    ontology = Graph().parse(files[0], format="turtle")
    if states is None:
        facts = Graph()
        for path in files[1:]:
            facts.parse(path, format="turtle")
        scope = "the ontology and all facts"
    else:
        facts = sampling.sample_facts(files[1:], states)
        scope = f"the ontology and a sample of the facts (hand-written files; {', '.join(states)} from graph/generated/)"
    return run(ontology, facts, engine=engine), scope


def _materialise(out: Console, refresh: bool) -> None:
    from obligraph.reasoning.inference import materialise as run
    from obligraph.store import default_files

    closure = run(default_files(), refresh=refresh)
    how = "read from the cache" if closure.from_cache else "computed"
    out.print(
        f"OWL-RL closure (owlrl) of {closure.inputs} triples: {closure.inferred} inferred triples, "
        f"{how} (owlrl took {closure.seconds:.1f} s when computed)",
        highlight=False,
    )
    out.print(f"cache: {closure.path}", highlight=False, markup=False, soft_wrap=True)
    if closure.violations:
        for message in closure.violations:
            out.print(f"[bold red]rule violation:[/] {escape(compact(message))}", highlight=False)
    else:
        out.print("OWL-RL rule violations: none")
    out.print("Query with the inferred triples: obligraph query NAME --inferred")


def _dated(out: Console, err: Console, on: str, state: str | None) -> None:
    from obligraph import dates
    from obligraph.paths import cache_dir
    from obligraph.reasoning.asof import classify
    from obligraph.resolve import Resolver
    from obligraph.store import load, name_of, short_name_of

    day = dates.parse_user_date(on, what="--on")
    err.print(f"(types inferred by OWL-RL are cached in {cache_dir()})", highlight=False, markup=False)
    kg = load()
    result = classify(kg, day)
    if state is None:
        out.print(_class_table(f"Dated classes on {day}", result.classes))
        return
    target = Resolver(kg).state(state)
    out.print(f"[bold]{escape(name_of(kg, target.iri))}[/] ({escape(target.id)}) on {day}")
    for relation, name in (
        ("og:boundBy", "bound by"),
        ("org:memberOf", "member of"),
        ("og:subjectTo", "subject to"),
    ):
        iri = relation.replace("og:", OG).replace("org:", "http://www.w3.org/ns/org#")
        objects = sorted(short_name_of(kg, o) or short_id(o) for o in result.related(target.iri, iri))
        out.print(f"  {name}: {', '.join(objects) or '-'}", highlight=False, markup=False, soft_wrap=True)
    labels = {c.iri: c.label.removesuffix(" (on the snapshot date)") for c in result.classes}
    inside = [labels[c.iri] for c in result.classes if target.iri in c.members]
    outside = [labels[c.iri] for c in result.classes if target.iri not in c.members]
    out.print(f"  in: {'; '.join(inside) or '-'}", highlight=False, markup=False, soft_wrap=True)
    out.print(f"  not in: {'; '.join(outside) or '-'}", highlight=False, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(reason)
