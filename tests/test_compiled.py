"""Hand-compiled facts (graph/compiled/): each row's page cited, bad rows refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from obligraph.errors import SourceDataError
from obligraph.importers import compiled
from obligraph.importers.rows import read_rows
from tests.conftest import iri

HEADER = (
    "treaty,article,clause_kind,period,alignment,condition,threshold,concerns_article,quote,"
    "source_url,page_kind,confidence,note\n"
)


def _rows(tmp_path: Path, body: str) -> list:
    path = tmp_path / "clauses.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return read_rows(path)


@pytest.mark.parametrize(
    "row,message",
    [
        (
            "UN-IV-9,31(1),denounciation,P1Y,same_day,,,,q,https://x.org,official,high,\n",
            "unknown clause_kind",
        ),
        ("UN-IV-9,31(1),denunciation,P1Y,same_day,,,,q,memory,official,high,\n", "needs the URL"),
        ("UN-IV-9,thirty-one,denunciation,P1Y,same_day,,,,q,https://x.org,official,high,\n", "not a number"),
        (
            "UN-IV-9,31(1),denunciation,P1Y,same_day,,,,q,https://x.org,official,certain,\n",
            "confidence must be",
        ),
        (
            "UN-IV-9,22(8),declaration_threshold,,,,five,22,q,https://x.org,official,high,\n",
            "not a whole number",
        ),
    ],
)
def test_bad_rows_are_refused_by_name(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(SourceDataError, match=message) as caught:
        compiled.build_clauses(_rows(tmp_path, row))
    assert "clauses.csv row 1" in str(caught.value)


def test_rows_of_one_clause_cite_every_page(tmp_path: Path) -> None:
    g = compiled.build_clauses(
        _rows(
            tmp_path,
            "UN-IV-4,,no_denunciation_clause,,,,,,words one,https://a.org/1,official,high,\n"
            "UN-IV-4,,no_denunciation_clause,,,,,,words two,https://b.org/2,secondary,medium,\n",
        )
    )
    node = next(s for s in g.subjects() if str(s).endswith("/clause/UN-IV-4/no-denunciation-clause-none"))
    sources = {str(o) for o in g.objects(node, compiled.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))}
    assert sources == {"https://a.org/1", "https://b.org/2"}
    confidences = {str(o) for o in g.objects(node, compiled.OG.confidence)}
    assert confidences == {"high"}  # one confidence per fact: the best row's


def test_cat_article_22_needs_five_declarations(kg) -> None:
    # CAT Art. 22(8): "The provisions of this article shall come into force when five States Parties
    # to this Convention have made declarations under paragraph 1 of this article" (graph/compiled/un).
    rows = kg.query(
        "SELECT ?c ?n ?a WHERE { ?c og:clauseKind og:DeclarationThreshold ; og:clauseOf ?t ; "
        "og:threshold ?n ; og:concernsArticle ?a }",
        {"t": compiled_iri("treaty", "UN-IV-9")},
    )
    assert {(r["a"], r["n"]) for r in rows} == {
        (iri("article", "UN-IV-9/21"), 5),
        (iri("article", "UN-IV-9/22"), 5),
    }


def test_iccpr_has_the_human_rights_committees_words(kg) -> None:
    # General Comment 26 para. 1 (UN Geneva's copy): "The International Covenant on Civil and
    # Political Rights does not contain any provision regarding its termination".
    rows = kg.query(
        "SELECT ?c ?text WHERE { ?c og:clauseKind og:NoDenunciationClause ; og:clauseOf ?t ; og:ruleText ?text }",
        {"t": compiled_iri("treaty", "UN-IV-4")},
    )
    assert any("does not contain any provision regarding its termination" in str(r["text"]) for r in rows)


def compiled_iri(kind: str, key: str) -> object:
    from obligraph.store import IRI

    return IRI(iri(kind, key))
