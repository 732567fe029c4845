"""Rows of a hand-compiled CSV, each knowing where it came from (file and row number)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from obligraph.errors import SourceDataError
from obligraph.importers import emit

CONFIDENCE_RANK = {"high": 3, "medium": 2, "low": 1}


@dataclass(frozen=True)
class Row:
    file: str
    number: int  # 1-based data row number (the header is row 0)
    data: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.file} row {self.number}"

    def __getitem__(self, key: str) -> str:
        return (self.data.get(key) or "").strip()


def read_rows(path: Path) -> list[Row]:
    if not path.is_file():
        raise SourceDataError(f"{path}: source file not found")
    with path.open(newline="", encoding="utf-8") as handle:
        return [Row(path.name, i, r) for i, r in enumerate(csv.DictReader(handle), start=1)]


def verified_sources(row: Row, field: str) -> list[str]:
    """Verified URLs for one field of a curated row (its ``verified`` column), to cite beside the row's."""
    return emit.verified_urls(row["verified"]).get(field, [])
