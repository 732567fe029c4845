"""The command line: documented JSON, exit codes, one-line errors."""

import json

from typer.testing import CliRunner

from obligraph.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_impact_json_shape() -> None:
    result = invoke("impact", "RUS", "--withdraw", "ETS-126", "--notified", "2025-10-03", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # label: the name researchers write (country-converter's short name); title: the ISO 3166 name
    assert data["state"] == {"id": "RUS", "label": "Russia", "title": "Russian Federation"}
    assert data["treaty"]["id"] == "ETS-126"
    assert data["action"] == "withdrawal"
    assert data["notified"] == "2025-10-03" and data["effective"] == "2026-11-01"
    assert data["effective_rule"]["article"] == "ECPT Art. 22"  # cited by the treaty's short name
    assert [b["id"] for b in data["bodies_losing_access"]] == ["CPT"]
    for key in ("id", "label", "powers", "basis", "from"):
        assert key in data["bodies_losing_access"][0]
    assert all(o["sources"] for o in data["obligations_remaining"])
    assert all(step["sources"] for step in data["explanation"])


def test_impact_without_notification() -> None:
    data = json.loads(invoke("impact", "Russia", "--withdraw", "ECPT", "--json").output)
    assert data["notified"] is None and data["effective"] is None


def test_status_json() -> None:
    result = invoke("status", "ru", "--on", "2021-06-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["on"] == "2021-06-01"
    assert {"CPT", "ECtHR", "CAT"} <= {b["id"] for b in data["bodies"]}
    assert "SPT" not in {b["id"] for b in data["bodies"]}
    assert data["memberships"][0]["id"] == "CoE"


def test_status_text() -> None:
    result = invoke("status", "RUS", "--on", "2023-01-01")
    assert result.exit_code == 0, result.output
    assert "(CPT)" in result.output
    assert "acts before 2022-09-16" in result.output


def test_unknown_state_is_exit_2_with_suggestion() -> None:
    result = invoke("status", "Rusia", "--on", "2023-01-01")
    assert result.exit_code == 2
    assert "unknown state 'Rusia'" in result.output and "RUS" in result.output
    assert "Traceback" not in result.output


def test_malformed_date_is_exit_2() -> None:
    result = invoke("impact", "RUS", "--withdraw", "ECPT", "--notified", "2025-13-03")
    assert result.exit_code == 2
    assert "--notified '2025-13-03'" in result.output


def test_query_formats() -> None:
    result = invoke("query", "treaty-parties", "-p", "treaty=ECPT", "-p", "on=2023-01-01", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "state,since,participation"
    assert len(lines) == 48
    data = json.loads(
        invoke("query", "treaty-parties", "-p", "treaty=ECPT", "-p", "on=2023-01-01", "-f", "json").output
    )
    assert len(data) == 47


def test_query_injection_refused() -> None:
    result = invoke("query", "state-status", "-p", "state=RUS> } ; DROP ALL ; #", "-p", "on=2023-01-01")
    assert result.exit_code == 2
    assert "unknown state" in result.output


def test_queries_lists() -> None:
    result = invoke("queries")
    assert result.exit_code == 0
    assert "bodies-losing-access" in result.output


def test_sources_conflicts() -> None:
    data = json.loads(invoke("sources", "--conflicts", "--json").output)
    ratification = [c for c in data["conflicts"] if c["about"] == "RUS/ETS-126/1"]
    assert ratification
    values = {cl["value"] for c in ratification for cl in c["claims"]}
    assert "1998-02-28" in values


def test_validate_clean_graph() -> None:
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_validate_malformed_turtle_names_file_and_line() -> None:
    result = invoke("validate", str(FIXTURES / "malformed.ttl"))
    assert result.exit_code == 2
    assert "malformed.ttl:5" in result.output


def test_validate_findings_exit_1() -> None:
    result = invoke("validate", str(FIXTURES / "unsourced.ttl"))
    assert result.exit_code == 1
    assert "unsourced.ttl" in result.output
    assert (
        "no source" in result.output and "granting" in result.output or "article that grants" in result.output
    )


def test_every_command_has_help() -> None:
    for command in ("status", "impact", "query", "queries", "validate", "sources", "import"):
        result = invoke(command, "--help")
        assert result.exit_code == 0, command
        assert len(result.output) > 200, command


def test_malformed_file_in_graph_is_exit_2(tmp_path, monkeypatch) -> None:
    """A broken fact file in graph/ stops every command with its file and line, not a traceback."""
    import shutil

    from obligraph import paths

    home = tmp_path / "home"
    for part in ("ontology", "graph", "queries"):
        shutil.copytree(paths.data_root() / part, home / part)
    shutil.copy(FIXTURES / "malformed.ttl", home / "graph" / "zz-broken.ttl")
    monkeypatch.setenv("OBLIGRAPH_HOME", str(home))
    result = invoke("status", "RUS", "--on", "2023-01-01")
    assert result.exit_code == 2
    assert "zz-broken.ttl:5" in result.output
    assert "Traceback" not in result.output
    # the files themselves are untouched
    assert (home / "graph" / "treaties.ttl").read_bytes() == (
        paths.data_root() / "graph" / "treaties.ttl"
    ).read_bytes()


def test_an_empty_csv_keeps_its_header_and_says_why() -> None:
    # The OPCAT entered into force on 2006-06-22 (eli:first_date_entry_in_force, from the UNTC
    # page IV-9-b and graph/treaties.ttl), so it had no party in 2001.
    result = runner.invoke(
        app, ["query", "treaty-parties", "-p", "treaty=OPCAT", "-p", "on=2001-01-01", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    # the header the query writes when it has rows (state,since,participation), with no rows
    assert result.stdout.splitlines()[0] == "state,since,participation"
    assert len(result.stdout.splitlines()) == 1
    assert "No rows for treaty-parties (treaty=OPCAT, on=2001-01-01)" in result.stderr
    assert "before its entry into force" in result.stderr


def test_an_empty_table_says_what_was_asked() -> None:
    result = invoke("query", "treaty-parties", "-p", "treaty=OPCAT", "-p", "on=2001-01-01")
    assert result.exit_code == 0
    assert "The OPCAT had no parties on 2001-01-01" in result.stdout
    assert "┏" not in result.stdout  # no empty table


def test_a_status_with_nothing_says_why() -> None:
    # 1980 is before Czechia: the graph records its predecessor Czechoslovakia (CSHH, graph/curation)
    result = invoke("status", "Czechia", "--on", "1980-01-01")
    assert result.exit_code == 0, result.output
    assert (
        "Treaties in force: none. The graph records no treaty binding Czechia on 1980-01-01" in result.stdout
    )
    assert "Memberships: none." in result.stdout
