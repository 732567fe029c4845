"""The notebook session of the README runs as written (doctest), and the notebook API keeps the
old entry points and says clearly what it was asked when it cannot answer."""

from __future__ import annotations

import datetime as dt
import doctest
import re
from pathlib import Path

import pytest

import obligraph
from obligraph.errors import BadParameterError, UnknownTermError

README = Path(__file__).resolve().parents[1] / "README.md"


def _session() -> str:
    text = README.read_text("utf-8")
    section = text.split("## In a notebook", 1)[1]
    match = re.search(r"```pycon\n(.*?)```", section, re.DOTALL)
    assert match, "the README's notebook section has no pycon block"
    return match.group(1)


def test_the_readme_session_runs() -> None:
    pytest.importorskip("pandas")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(_session(), {}, "README notebook session", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 5


def test_the_old_entry_points_still_work() -> None:
    kg = obligraph.load()
    r = obligraph.Resolver(kg)
    result = obligraph.withdraw(kg, r.state("Russia").iri, r.treaty("ECPT").iri, dt.date(2025, 10, 3))
    assert result.effective == dt.date(2026, 11, 1)  # ECPT Art. 22 (graph/generated/coe/clauses.ttl)
    assert isinstance(result, obligraph.Impact)


def test_one_event_with_its_own_date() -> None:
    with pytest.raises(BadParameterError, match="exactly one event"):
        obligraph.impact("Russia", withdraw="ECPT", ratify="OPCAT")
    with pytest.raises(BadParameterError, match="ratify= needs on="):
        obligraph.impact("Russia", ratify="OPCAT")
    with pytest.raises(BadParameterError, match="withdraw= takes notified=, not on="):
        obligraph.impact("Russia", withdraw="ECPT", on="2025-10-03")
    with pytest.raises(UnknownTermError, match="unknown state 'Rusia'"):
        obligraph.status("Rusia")


def test_dates_as_text_or_dates() -> None:
    a = obligraph.status("Russia", on="2021-06-01")
    b = obligraph.status("Russia", on=dt.date(2021, 6, 1))
    assert a == b
    assert a.to_dict()["on"] == "2021-06-01"
