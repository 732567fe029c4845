"""The command line's quick path (cli/quick.py) answers exactly as the Typer commands do, knows
exactly their options, and hands everything else to Typer."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from obligraph.cli import app, quick

SEED = ["impact", "RUS", "--withdraw", "ETS-126", "--notified", "2025-10-03", "--json"]
runner = CliRunner()


def _typer_options(command: str) -> dict[str, bool]:
    """The Typer command's options: name -> whether it is a flag."""
    click_command = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    found = {}
    for param in click_command.params:
        for name in (*param.opts, *param.secondary_opts):
            if name.startswith("-"):
                found[name] = bool(getattr(param, "is_flag", False))
    return found


@pytest.mark.parametrize("command", sorted(quick.SPECS))
def test_the_tables_name_the_typer_options(command: str) -> None:
    spec = quick.SPECS[command]
    typer_options = _typer_options(command)
    mine = {**{o: False for o in (*spec.values, *spec.repeated)}, **{o: True for o in spec.flags}}
    for option, is_flag in mine.items():
        assert option in typer_options, f"{command} {option}: not an option of the Typer command"
        assert typer_options[option] == is_flag, f"{command} {option}: flag or value differs"
    # every other option of the Typer command sends the line to Typer
    for option in set(typer_options) - set(mine):
        assert quick.parse([command, "X", option, "value"]) is None, option


@pytest.mark.parametrize(
    "argv",
    [
        ["impact", "--help"],
        ["impact", "RUS", "--withdraw", "ECPT", "--diagram", "x.svg"],
        ["impact", "RUS", "--withdraw", "ECPT", "--withdraw", "ECHR"],
        ["impact", "RUS", "--withdraw"],
        ["impact"],
        ["status", "RUS", "extra"],
        ["diagram", "RUS"],
        [],
        ["--version"],
    ],
)
def test_what_it_does_not_know_goes_to_typer(argv: list[str]) -> None:
    assert quick.parse(argv) is None


def test_the_endpoint_variable_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OBLIGRAPH_ENDPOINT", "http://127.0.0.1:9/query")
    assert quick.answer(SEED) is None


def test_parse_reads_both_option_forms() -> None:
    assert quick.parse(["status", "--on=2021-06-01", "Russia", "--json"]) == (
        "status",
        {"on": "2021-06-01", "as_json": True, "state": "Russia"},
    )


@pytest.mark.parametrize(
    "argv",
    [
        SEED,
        SEED[:-1],
        ["status", "ru", "--on", "2021-06-01", "--json"],
        ["status", "RUS", "--on", "2023-01-01"],
        [
            "query",
            "parties-not-members",
            "-p",
            "treaty=ECPT",
            "-p",
            "organisation=CoE",
            "-p",
            "on=2023-01-01",
        ],
        ["query", "treaty-parties", "-p", "treaty=ECPT", "-p", "on=1980-01-01", "--format", "csv"],
    ],
)
def test_the_same_answer_as_typer(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert quick.answer(argv) == 0
    quick_out = capsys.readouterr().out
    typer_run = runner.invoke(app, argv)
    assert typer_run.exit_code == 0, typer_run.output
    assert quick_out == typer_run.stdout


def test_an_error_is_the_one_line_of_the_error_printer(capsys: pytest.CaptureFixture[str]) -> None:
    assert quick.answer(["status", "Rusia", "--on", "2023-01-01"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown state 'Rusia'") and err.count("\n") == 1
    assert "Traceback" not in err


def _corpus_cases() -> list[object]:
    from tests.bad_input.corpus import CASES

    return [
        pytest.param(a, e, id=i) for i, a, e in CASES if quick.parse(a) is not None and "{" not in " ".join(a)
    ]


@pytest.mark.parametrize("args,expected", _corpus_cases())
def test_the_quick_path_refuses_bad_input_as_typer_does(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # the bad-input corpus (tests/bad_input) runs through Typer; the lines the quick path takes
    # must fail the same way: exit 2, one error line on stderr, nothing on stdout
    code = quick.answer(args)
    out = capsys.readouterr()
    assert code == 2, (args, out)
    assert out.out == "", (args, out.out)
    lines = out.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0], (args, out.err)
