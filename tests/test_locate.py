"""Subjects are located at the file and line that state them."""

from __future__ import annotations

from obligraph import paths
from obligraph.reasoning.locate import find_written, index_files, subject_lines

TEXT = """@prefix og: <https://w3id.org/obligraph/ontology#> .
@prefix body: <https://w3id.org/obligraph/id/body/> .

# a comment that mentions body:Fake a og:Thing .
body:CPT a og:TreatyBody ;
    og:note "a note with . and # inside ;" ;
    og:other body:NotASubject .

<https://example.org/full> a og:State .
body:Two a og:Court ; og:note \"\"\"one line\"\"\" .
"""


def test_subject_lines_reads_prefixed_and_full_iris() -> None:
    found = subject_lines(TEXT)
    assert found == {
        "https://w3id.org/obligraph/id/body/CPT": 5,
        "https://example.org/full": 9,
        "https://w3id.org/obligraph/id/body/Two": 10,
    }


def test_find_written_is_the_fallback() -> None:
    assert find_written(TEXT, "https://example.org/full") == 9
    assert find_written(TEXT, "https://example.org/absent") is None


def test_real_files_are_indexed_at_the_statement() -> None:
    path = paths.data_root() / "graph" / "coe-bodies.ttl"
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = next(n for n, line in enumerate(lines, start=1) if line.startswith("body:CPT a "))
    located = index_files([path]).locate("https://w3id.org/obligraph/id/body/CPT")
    assert [(loc.file, loc.line) for loc in located] == [(str(path), expected)]
