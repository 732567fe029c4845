"""The drawing and export commands: files written, and one-line errors with exit code 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from obligraph.cli import app
from tests.conftest import need_program

runner = CliRunner()


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def one_line_error(result, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert needle in lines[0], lines[0]
    assert "Traceback" not in result.output


def test_diagram_prints_mermaid() -> None:
    result = invoke("diagram", "Russia", "--on", "2021-06-01", "--format", "mermaid")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("---\ntitle: Russia (RUS)")  # the short name (country-converter)
    assert "flowchart LR" in result.output


def test_diagram_writes_html(tmp_path: Path) -> None:
    out = tmp_path / "coe.html"
    result = invoke("diagram", "CoE", "--on", "2025-01-01", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and out.read_text().startswith("<!DOCTYPE html>")
    assert "46 states drawn as one summary node" in result.output


def test_unknown_focus() -> None:
    one_line_error(
        invoke("diagram", "Atlantis", "-f", "dot"), "unknown state, treaty, organisation or body 'Atlantis'"
    )


def test_ambiguous_focus_names_the_choices() -> None:
    # "CAT" is both the Convention against Torture (UN-IV-9) and the Committee against Torture.
    one_line_error(invoke("diagram", "CAT", "-f", "dot"), "choose one with --kind")
    assert invoke("diagram", "CAT", "--kind", "body", "-f", "dot").exit_code == 0


def test_unknown_format(tmp_path: Path) -> None:
    one_line_error(
        invoke("diagram", "RUS", "--format", "pdf", "--out", str(tmp_path / "x.pdf")), "unknown format 'pdf'"
    )
    one_line_error(
        invoke("diagram", "RUS", "--out", str(tmp_path / "x.pdf")), "cannot tell the format from 'x.pdf'"
    )
    one_line_error(
        invoke("export", "--format", "xml", "--out", str(tmp_path / "x.xml")), "unknown export format 'xml'"
    )
    one_line_error(invoke("timeline", "RUS", "--out", str(tmp_path / "x.jpg")), "written as .png or .svg")


def test_unwritable_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "x.dot"
    one_line_error(invoke("diagram", "RUS", "--out", str(missing)), "does not exist")
    one_line_error(invoke("export", "-f", "ttl", "--out", str(tmp_path)), "it is a folder")
    if os.geteuid() != 0:  # root may write anywhere; the folder check above still applies
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        one_line_error(invoke("timeline", "RUS", "--out", str(locked / "t.png")), "permission denied")
    one_line_error(
        invoke(
            "impact", "RUS", "--withdraw", "ETS-126", "--notified", "2025-10-03", "--diagram", str(missing)
        ),
        "does not exist",
    )


def test_impact_diagram_option(tmp_path: Path) -> None:
    out = tmp_path / "impact.dot"
    result = invoke(
        "impact", "RUS", "--withdraw", "ETS-126", "--notified", "2025-10-03", "--diagram", str(out)
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert '"state/RUS" [label="Russia\\n(RUS)"' in text  # the short name (country-converter)
    assert "(1) party to: ends 2026-11-01" in text and 'color="#c62828"' in text


@pytest.mark.graphviz
def test_impact_svg_diagram(tmp_path: Path) -> None:
    need_program("dot", "graphviz")
    out = tmp_path / "impact.svg"
    result = invoke("impact", "RUS", "--withdraw", "ECPT", "--notified", "2025-10-03", "--diagram", str(out))
    assert result.exit_code == 0, result.output
    assert "<svg" in out.read_text()


def test_timeline_and_export_commands(tmp_path: Path) -> None:
    out = tmp_path / "rus.svg"
    assert invoke("timeline", "RUS", "--out", str(out), "--on", "2026-11-24").exit_code == 0
    assert out.read_text().lstrip().startswith("<?xml")
    out = tmp_path / "cpt.nt"
    result = invoke("export", "--format", "nt", "--focus", "CPT", "--on", "2023-01-01", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "triples" in result.output and "<https://w3id.org/obligraph/id/body/CPT>" in out.read_text()


@pytest.mark.parametrize("command", ["diagram", "timeline", "export"])
def test_commands_are_documented(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0 and "--out" in result.output
