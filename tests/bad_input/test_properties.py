"""Property-based checks (hypothesis): random text and dates at every command-line parameter
that takes a name, a date or a choice, and at every scenario key. Whatever comes in, the answer
is a result (exit 0) or one ``error:`` line (exit 2), never an exception or a traceback.

The examples are bounded so the suite stays fast; on CI they are derandomised (the same
examples every run), locally each run draws new ones. Paths are not drawn here (a random path
could be anywhere); the corpus covers bad paths.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from obligraph import dates
from obligraph.cli import app
from obligraph.errors import BadParameterError, ObligraphError
from obligraph.resolve import Resolver

CI = os.environ.get("CI", "").lower() == "true"
runner = CliRunner()

# Text as people (and attackers) type it: any printable character (no NUL, which argv cannot
# carry, and no lone surrogates), rich markup, SPARQL and YAML punctuation, and real names.
_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30),
    st.sampled_from(
        ["[/]", "[bold red]x[/]", "[link=file:///etc/passwd]x", "RUS", "ECPT", "CAT 22", "CoE", ""]
    ),
    st.sampled_from(["> } DROP ALL #", '"; DROP', "&a *a", "!!python/object", "\\u0053", "%s%n", "~"]),
)
# Dates: well-formed and not, real days and impossible ones, inside and far outside the range.
_date = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.builds(
        "{:04d}-{:02d}-{:02d}".format,
        st.integers(0, 9999),
        st.integers(0, 99),
        st.integers(0, 99),
    ),
    _text,
)
_value = st.one_of(_text, _date)

# (command line with one {} for the drawn value): every parameter that takes a name, a date or a choice
PARAMETERS = [
    ["status", "{}", "--on", "2021-06-01", "--json"],
    ["status", "RUS", "--on", "{}", "--json"],
    ["impact", "{}", "--withdraw", "ECPT", "--notified", "2025-10-03", "--json"],
    ["impact", "RUS", "--withdraw", "{}", "--json"],
    ["impact", "RUS", "--withdraw", "ECPT", "--notified", "{}", "--json"],
    ["impact", "RUS", "--ratify", "{}", "--on", "2026-01-15", "--json"],
    ["impact", "RUS", "--ratify", "OPCAT", "--on", "{}", "--json"],
    ["impact", "RUS", "--expel-from", "{}", "--on", "2022-03-16", "--json"],
    ["impact", "RUS", "--suspend-from", "CoE", "--on", "{}", "--json"],
    ["impact", "RUS", "--leave", "{}", "--notified", "2025-01-01", "--json"],
    ["impact", "CHN", "--declare", "{}", "--on", "2026-03-01", "--json"],
    ["impact", "RUS", "--withdraw-declaration", "{}", "--on", "2026-03-01", "--json"],
    ["query", "{}"],
    ["query", "parties-not-members", "-p", "treaty={}", "-p", "organisation=CoE", "-p", "on=2023-01-01"],
    ["query", "parties-not-members", "-p", "treaty=ECPT", "-p", "organisation={}", "-p", "on=2023-01-01"],
    ["query", "parties-not-members", "-p", "treaty=ECPT", "-p", "organisation=CoE", "-p", "on={}"],
    ["query", "parties-not-members", "-p", "{}"],
    ["query", "low-confidence", "--format", "{}"],
    ["diagram", "{}", "--on", "2021-06-01"],
    ["diagram", "RUS", "--on", "{}"],
    ["diagram", "RUS", "--kind", "{}"],
    ["diagram", "RUS", "--format", "{}"],
    ["matrix", "--on", "{}", "--out", "{tmp}/m.csv"],
    ["reason", "--on", "{}", "--state", "RUS"],
    ["reason", "--engine", "{}"],
    ["sources", "--conflicts", "--endpoint", "{}"],
    ["serve", "--cors", "{}", "--port", "-1"],
]


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=CI,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


@_settings(600)
@given(text=_date)
def test_a_user_date_is_a_date_in_range_or_one_clear_error(text: str) -> None:
    try:
        day = dates.parse_user_date(text, what="--on")
    except BadParameterError as err:
        assert "\n" not in str(err) and str(err).startswith("--on")
        return
    assert dates.EARLIEST <= day <= dates.LATEST


@_settings(150)
@given(command=st.sampled_from(PARAMETERS), value=_value)
def test_every_parameter_answers_or_fails_on_one_line(command: list[str], value: str, tmp_path: Path) -> None:
    args = [part.replace("{}", value).replace("{tmp}", str(tmp_path)) for part in command]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert result.exit_code in (0, 2), (args, result.output)
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)


_KEYS = [
    "name",
    "description",
    "state",
    "events",
    "withdraw",
    "ratify",
    "expel-from",
    "suspend-from",
    "leave",
    "declare",
    "withdraw-declaration",
    "notified",
    "on",
]
_scalar = st.one_of(_value, st.integers(), st.booleans(), st.none(), st.dates())
_leaf = st.one_of(_scalar, st.lists(_scalar, max_size=3), st.dictionaries(_text, _scalar, max_size=2))
_event = st.dictionaries(st.one_of(st.sampled_from(_KEYS), _text), _leaf, max_size=4)
_document = st.dictionaries(
    st.one_of(st.sampled_from(_KEYS), _text),
    st.one_of(_leaf, st.lists(st.one_of(_event, _scalar), max_size=4)),
    max_size=5,
)


@pytest.fixture(scope="module")
def names(kg: object) -> Resolver:
    return Resolver(kg)  # type: ignore[arg-type]


@_settings(250)
@given(document=_document)
def test_every_scenario_key_reads_or_fails_on_one_line(
    document: dict[object, object], names: Resolver, tmp_path: Path
) -> None:
    from obligraph.analysis import scenario

    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    try:
        loaded = scenario.load(path, names)
    except ObligraphError as err:
        assert "\n" not in str(err), str(err)
        return
    assert loaded.events and all(dates.EARLIEST <= e.on <= dates.LATEST for e in loaded.events if e.on)
