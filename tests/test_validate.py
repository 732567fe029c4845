"""`obligraph validate`: SHACL, then the violation checks, then HermiT, in one report that
names the file and line of each finding."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from obligraph import paths
from obligraph.cli import app
from obligraph.reasoning.reason import java
from tests.conftest import FIXTURES

runner = CliRunner()
# Skips only off CI: with CI=true, .ci/run has installed a JRE and these tests must run.
needs_java = pytest.mark.skipif(
    java() is None and os.environ.get("CI", "").lower() != "true",
    reason="HermiT needs Java (CI installs default-jre-headless)",
)


def _shown(path: Path) -> str:
    """How the report names a file: relative to the data root when inside it."""
    return str(path.resolve().relative_to(paths.data_root().resolve()))


def _line(path: Path, starts: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(starts))


@pytest.fixture(scope="module")
def real_report() -> str:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_the_report_says_what_ran(real_report: str) -> None:
    assert "SHACL shapes (ontology/shapes.ttl): 0 findings" in real_report
    assert "violation checks (" in real_report
    engine = "HermiT (owlready2)" if java() else "OWL-RL (owlrl)"
    assert f"{engine} on the ontology and a sample of the facts" in real_report
    assert "consistent, 0 unsatisfiable classes" in real_report


def test_real_graph_is_clean(real_report: str) -> None:
    assert "no findings" in real_report


def test_a_check_finding_names_the_fixture_line() -> None:
    fixture = FIXTURES / "checks" / "signature-after-consent.ttl"
    result = runner.invoke(app, ["validate", str(fixture), "--reasoner", "none"])
    assert result.exit_code == 1, result.output
    line = _line(fixture, "bad:ratification-a ")
    assert f"{_shown(fixture)}:{line}: https://example.org/fixture/bad/ratification-a" in result.output
    assert "[check:signature-after-consent] signed on 2001-05-01" in result.output


@needs_java
def test_hermit_stage_names_the_inconsistent_individual() -> None:
    fixture = FIXTURES / "inconsistent-state-organisation.ttl"
    result = runner.invoke(app, ["validate", str(fixture)])
    assert result.exit_code == 1, result.output
    line = _line(fixture, "<https://example.org/fixture/state-and-organisation>")
    assert f"{_shown(fixture)}:{line}: https://example.org/fixture/state-and-organisation" in result.output
    assert (
        "[reasoner] inconsistent with the ontology: owlready2: OwlReadyInconsistentOntologyError"
        in result.output
    )
    assert "Disjoint classes og:InternationalOrganisation and og:State" in result.output


@needs_java
def test_hermit_stage_names_an_unsatisfiable_class() -> None:
    fixture = FIXTURES / "unsatisfiable-class.ttl"
    result = runner.invoke(app, ["validate", str(fixture)])
    assert result.exit_code == 1, result.output
    line = _line(fixture, "<https://example.org/fixture/Chimera>")
    assert f"{_shown(fixture)}:{line}: https://example.org/fixture/Chimera" in result.output
    assert "unsatisfiable class" in result.output


def test_without_java_validate_says_so_and_still_reasons(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # hides java
    result = runner.invoke(app, ["validate", str(FIXTURES / "inconsistent-state-organisation.ttl")])
    assert result.exit_code == 1, result.output
    assert "Java was not found on the PATH" in result.output
    assert "OWL-RL (owlrl)" in result.output
    assert "Disjoint classes" in result.output
    assert "Traceback" not in result.output


def test_bad_reasoner_option_is_exit_2() -> None:
    result = runner.invoke(app, ["validate", "--reasoner", "pellet"])
    assert result.exit_code == 2 and "--reasoner must be one of" in result.output


@needs_java
def test_reason_command_on_the_sample() -> None:
    result = runner.invoke(app, ["reason"])
    assert result.exit_code == 0, result.output
    assert "Consistent." in result.output and "No unsatisfiable class." in result.output
    assert "Visiting body (og:VisitingBody)" in result.output
