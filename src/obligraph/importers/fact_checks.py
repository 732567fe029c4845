"""Fact checks of curated values against stored public pages (``graph/fact-checks/*.csv``).

A fact check names one value of the curated data (treaty, state, field, the value checked) and
what a page says about it:

- ``confirmed``: the page states the same value. The value's claim cites the page (and quotes
  it), and its confidence rises: to ``high`` for an official page (Council of Europe, a
  government, parliament or gazette, a UN document), to ``medium`` for any other page.
- ``contradicted``: the page states another value. That value becomes a competing claim beside
  the curated one, citing the page, so ``obligraph sources --conflicts`` shows both.
- ``not_found``: no stored page stated it. Recorded so the next pass does not repeat the search;
  it changes nothing.

The files are compiled by hand (by people or research helpers reading pages with the search
tool), never generated, and every row names its page and quotes it.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from obligraph import paths
from obligraph.errors import SourceDataError
from obligraph.importers import emit

# What a page said about a value: the columns both kinds of check share.
SAID = ("checked_value", "verdict", "page_value", "source_url", "page_kind", "quote", "note")
COLUMNS = ("treaty", "iso3", "field", *SAID)
VERDICTS = ("confirmed", "contradicted", "not_found")
PAGE_KINDS = ("official", "secondary", "")
RANK = {"low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True)
class PageSaid:
    """One page read about one value: the verdict, the page's value and words."""

    checked_value: str
    verdict: str
    page_value: str
    source_url: str
    page_kind: str
    quote: str
    note: str
    where: str  # file and row, for provenance

    @property
    def confidence(self) -> str:
        """The confidence a value has once this page states it."""
        return "high" if self.page_kind == "official" else "medium"

    def describe(self) -> str:
        said = f'"{self.quote}"' if self.quote else "(no quote)"
        return f"Fact check ({self.where}): {self.source_url} says {said}. {self.note}".strip()


@dataclass(frozen=True)
class FactCheck(PageSaid):
    treaty: str = ""
    iso3: str = ""
    field: str = ""


class FactChecks:
    """All checks, looked up by the value they checked."""

    def __init__(self, checks: list[FactCheck]) -> None:
        self.checks = checks
        self._by_value: dict[tuple[str, str, str, str], list[FactCheck]] = defaultdict(list)
        for check in checks:
            self._by_value[(check.treaty, check.iso3, check.field, check.checked_value)].append(check)

    def of(self, treaty: str, iso3: str, field: str, value: str) -> list[FactCheck]:
        return list(self._by_value.get((treaty, iso3, field, value), []))

    def confirming(self, treaty: str, iso3: str, field: str, value: str) -> list[FactCheck]:
        return [c for c in self.of(treaty, iso3, field, value) if c.verdict == "confirmed"]

    def contradicting(self, treaty: str, iso3: str, field: str, value: str) -> list[FactCheck]:
        return [c for c in self.of(treaty, iso3, field, value) if c.verdict == "contradicted"]


def raised(curated: str, confirming: Sequence[FactCheck | ClauseCheck]) -> str:
    """The curated confidence, raised by any page that confirms the value."""
    return max([curated, *(c.confidence for c in confirming)], key=lambda level: RANK.get(level, 0))


def default_dir() -> Path:
    return paths.data_root() / "graph" / "fact-checks"


def _files(folder: Path, columns: tuple[str, ...]) -> list[tuple[Path, list[dict[str, str]]]]:
    """The check files of one kind (date checks or clause checks), told apart by their header;
    a file with neither header is an error naming it."""
    out = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            header = tuple(reader.fieldnames or ())
            if header not in (COLUMNS, CLAUSE_COLUMNS):
                raise SourceDataError(
                    f"{path}: the header must be {','.join(COLUMNS)} (dates) or {','.join(CLAUSE_COLUMNS)} (clauses)"
                )
            if header == columns:
                out.append((path, list(reader)))
    return out


def load(directory: Path | None = None) -> FactChecks:
    """Read every date check in the fact-check folder; a malformed row names its file and row."""
    checks: list[FactCheck] = []
    for path, rows in _files(directory or default_dir(), COLUMNS):
        for number, row in enumerate(rows, start=2):
            checks.append(_check(path, number, row))
    return FactChecks(checks)


# --------------------------------------------------------------------------------------------
# Clause checks: the rule a curated clause row gives (period and alignment), read on a page
# --------------------------------------------------------------------------------------------

CLAUSE_COLUMNS = ("treaty", "article", "clause_kind", *SAID)


@dataclass(frozen=True)
class ClauseCheck(PageSaid):
    """A curated clause (treaty, article, kind as ``treaty_clauses.csv`` names them) and what a
    page says: ``checked_value`` and ``page_value`` are ``PERIOD ALIGNMENT`` (``P12M
    first_day_of_following_month``), or the alignment or ``-`` alone where the clause has none."""

    treaty: str = ""
    article: str = ""
    clause_kind: str = ""


def load_clauses(directory: Path | None = None) -> dict[tuple[str, str, str], list[ClauseCheck]]:
    """Clause checks by (treaty, article, clause kind); a malformed row names its file and row."""
    out: dict[tuple[str, str, str], list[ClauseCheck]] = defaultdict(list)
    for path, rows in _files(directory or default_dir(), CLAUSE_COLUMNS):
        for line, row in enumerate(rows, start=2):
            check = ClauseCheck(
                **{k: (row.get(k) or "").strip() for k in CLAUSE_COLUMNS}, where=f"{path.name} line {line}"
            )
            if check.verdict not in VERDICTS or check.page_kind not in PAGE_KINDS:
                raise SourceDataError(f"{path}:{line}: verdict or page_kind is not one of the allowed values")
            if check.verdict != "not_found" and not check.source_url.startswith(("http://", "https://")):
                raise SourceDataError(
                    f"{path}:{line}: a {check.verdict} check must name the page (source_url)"
                )
            out[(check.treaty, check.article, check.clause_kind)].append(check)
    return out


def clause_value(period: str, alignment: str) -> str:
    """The form a clause check compares: ``P12M first_day_of_following_month``."""
    return " ".join(part for part in (period, alignment) if part) or "-"


def _check(path: Path, line: int, row: dict[str, str]) -> FactCheck:
    where = f"{path.name} line {line}"
    check = FactCheck(**{k: (row.get(k) or "").strip() for k in COLUMNS}, where=where)
    if check.verdict not in VERDICTS:
        raise SourceDataError(f"{path}:{line}: verdict {check.verdict!r} is not one of {', '.join(VERDICTS)}")
    if check.page_kind not in PAGE_KINDS:
        raise SourceDataError(f"{path}:{line}: page_kind {check.page_kind!r} is not official or secondary")
    for name in ("checked_value", "page_value"):
        value = getattr(check, name)
        try:
            ok = not value or emit.date_literal(value) is not None
        except ValueError:
            ok = False
        if not ok:
            raise SourceDataError(
                f"{path}:{line}: {name} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
            )
    if check.verdict != "not_found" and not check.source_url.startswith(("http://", "https://")):
        raise SourceDataError(f"{path}:{line}: a {check.verdict} check must name the page (source_url)")
    if check.verdict == "contradicted" and not check.page_value:
        raise SourceDataError(f"{path}:{line}: a contradicted check must give the page's value")
    return check
