"""`obligraph coverage` and the last line of `status`: what the graph holds, system by system."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from obligraph import render
from obligraph.analysis.coverage import coverage, uncovered_systems
from obligraph.analysis.status import state_status
from obligraph.cli import app
from obligraph.store import KnowledgeGraph
from tests.conftest import iri

README = Path(__file__).resolve().parents[1] / "README.md"
runner = CliRunner()


def test_readme_table_is_the_commands_output(kg: KnowledgeGraph) -> None:
    # `make readme-coverage` rewrites it (scripts/readme_coverage.py).
    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- coverage:start -->\n", 1)[1].split("<!-- coverage:end -->", 1)[0]
    assert table == render.coverage_markdown(coverage(kg))


def test_every_system_and_its_parts(kg: KnowledgeGraph) -> None:
    systems = {s.system.id: s for s in coverage(kg).systems}
    assert set(systems) == {"UN", "CoE", "EU", "ICC", "Inter-American", "African"}
    icc = systems["ICC"]
    # 125 States Parties (the ICC's Assembly of States Parties list, as the research pass
    # cross-checked it) and the two former ones, Burundi and the Philippines, all with an entry
    # into force: UNTC deposits (zmjones/untreaties) and later pages (Coalition for the ICC).
    assert [(t.treaty.id, t.parties_dated, t.parties_undated) for t in icc.treaties] == [
        ("UN-XVIII-10", 127, 0)
    ]
    assert [b.id for b in icc.bodies] == ["ICC"]
    assert icc.captured == (dt.date(2026, 12, 6),)
    african = systems["African"]
    assert {o.id for o in african.organisations} == {"AU", "OAU"}
    # manytreaties (globalgov): the African Charter's 54 parties, each with an entry into force.
    assert ("AU-ACHPR", 54) in {(t.treaty.id, t.parties_dated) for t in african.treaties}


def test_status_names_the_systems_it_does_not_cover(kg: KnowledgeGraph) -> None:
    # France is a party to the UN treaties, a Council of Europe and EU member and a Rome Statute
    # party; the graph has nothing about it in the Inter-American and African systems.
    assert [r.id for r in uncovered_systems(kg, iri("state", "FRA"))] == ["African", "Inter-American"]
    status = state_status(kg, iri("state", "FRA"), dt.date(2024, 6, 1))
    assert [r.id for r in status.uncovered_systems] == ["African", "Inter-American"]
    assert render.status_json(status)["systems_not_covered"] == [
        {"id": "African", "label": "African system", "title": "African system"},
        {"id": "Inter-American", "label": "Inter-American system", "title": "Inter-American system"},
    ]
    result = runner.invoke(app, ["status", "FRA", "--on", "2024-06-01"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Not covered: the graph holds no fact about France in the African system" in result.output


def test_coverage_command_formats() -> None:
    result = runner.invoke(app, ["coverage", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [s["id"] for s in data["systems"]] == ["African", "CoE", "EU", "ICC", "Inter-American", "UN"]
    assert set(data["systems"][0]["dated_facts_by_confidence"]) == {"high", "medium", "low", "unstated"}
    markdown = runner.invoke(app, ["coverage", "--format", "markdown"])
    assert markdown.exit_code == 0 and markdown.output.startswith("| system | treaties |")
    bad = runner.invoke(app, ["coverage", "--format", "pdf"])
    assert bad.exit_code == 2 and "--format 'pdf'" in bad.output and "Traceback" not in bad.output
