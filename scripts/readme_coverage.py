"""Rewrite the coverage table of README.md from `obligraph coverage --format markdown`.

The table sits between the lines `<!-- coverage:start -->` and `<!-- coverage:end -->`; a test
(tests/test_coverage.py) fails while it differs from what the command prints.

Run after `obligraph build`:  python scripts/readme_coverage.py   (or `make readme-coverage`)
"""

from __future__ import annotations

import sys
from pathlib import Path

from obligraph import render
from obligraph.analysis.coverage import coverage
from obligraph.store import load

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"


def rewrite(text: str, table: str) -> str:
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{table}{END}{after}"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = rewrite(text, render.coverage_markdown(coverage(load())))
    if new != text:
        README.write_text(new, encoding="utf-8")
        print(f"rewrote the coverage table in {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
