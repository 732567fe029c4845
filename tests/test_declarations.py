"""Declarations under opt-in and opt-out articles, and reservations, as the graph holds them,
checked against the UNTC pages captured 2026-02-03: the named cases, and independent counts
read from the raw pages by a reader of their own (not the importer's)."""

import datetime as dt
import gzip
import re

import pytest
from lxml import html

from obligraph import queries
from obligraph.analysis.status import state_status
from obligraph.importers import untc
from obligraph.importers.treaty_rules import load_procedures, load_rule
from obligraph.importers.untc_competence import articles_named, classify_piece
from obligraph.importers.untc_pages import load_page
from obligraph.store import IRI
from tests.conftest import iri

D = dt.date
CAPTURED = "2026-02-03"


def _declarations(kg, state: str, treaty: str) -> list[dict]:
    return kg.query(
        """SELECT ?d ?cls ?made ?from ?until ?withdrawn ?later ?carried ?accepts ?excludes WHERE {
             ?d og:declarant ?state ; og:classification ?cls ; og:declarationDate ?made ; og:underArticle ?a .
             ?a eli:is_part_of ?treaty .
             OPTIONAL { ?d og:effectiveFrom ?from } OPTIONAL { ?d og:effectiveUntil ?until }
             OPTIONAL { ?d og:withdrawalDate ?withdrawn } OPTIONAL { ?d og:laterPartDate ?later }
             OPTIONAL { ?d og:carriedFrom ?carried } OPTIONAL { ?d og:accepts ?accepts }
             OPTIONAL { ?d og:excludes ?excludes }
           } ORDER BY ?made ?d""",
        {"state": IRI(iri("state", state)), "treaty": IRI(iri("treaty", treaty))},
    )


def _accepting(kg, resolver, article: str, on: str) -> set[str]:
    q = queries.get("procedure-acceptances")
    rows = queries.run(kg, q, q.bind({"article": article, "on": on}, resolver))
    return {str(r["state"]).rsplit("/", 1)[-1] for r in rows}


def test_france_cat_21_and_22_from_23_june_1988(kg, resolver) -> None:
    # UNTC IV-9, declarations under articles 21 and 22, France: "23 June 1988 ... recognizes the
    # competence ... communications to the effect that a State Party claims ..." and "... from or
    # on behalf of individuals". The text names no article ("[. . .]").
    rows = [r for r in _declarations(kg, "FRA", "UN-IV-9") if r["accepts"]]
    assert {(str(r["accepts"]).rsplit("/", 1)[-1], r["made"]) for r in rows} == {
        ("21", D(1988, 6, 23)),
        ("22", D(1988, 6, 23)),
    }
    powers = {b.body.id: set(b.powers) for b in state_status(kg, iri("state", "FRA"), D(2026, 2, 3)).bodies}
    assert {"individual-complaints", "inter-state-complaints"} <= powers["CAT"]
    assert "FRA" in _accepting(kg, resolver, "CAT 22", CAPTURED)


def test_zimbabwe_iccpr_41_dated_in_its_text(kg) -> None:
    # UNTC IV-4, Zimbabwe: "20 August 1991* ... recognizes with effect from today's date ... (*The
    # text between brackets was received at the Secretariat on 27 January 1993.)"; accession
    # 13 May 1991 is not the declaration's date.
    rows = [r for r in _declarations(kg, "ZWE", "UN-IV-4") if r["accepts"]]
    assert [(r["made"], r["later"]) for r in rows] == [(D(1991, 8, 20), D(1993, 1, 27))]


def test_turkey_cmw_future_intent_is_no_acceptance(kg, resolver) -> None:
    # UNTC IV-13, Türkiye: "Turkey will recognize the competence of the Committee ... at a later time."
    rows = _declarations(kg, "TUR", "UN-IV-13")
    assert {str(r["cls"]).rsplit("#", 1)[-1] for r in rows} == {"FutureIntent"}
    assert all(r["accepts"] is None for r in rows)
    assert "TUR" not in _accepting(kg, resolver, "UN-IV-13 76", CAPTURED)


def test_switzerland_iccpr_41_time_limited_renewals(kg, resolver) -> None:
    # UNTC IV-4, Switzerland: 18 June 1992 "for a period of five years"; 25 April 1997 "for a
    # further period of five years, as from 18 September 1997"; 11 May 2010 "for a further period
    # of five years, beginning on 16 April 2010"; 27 March 2017 "for a period of five years from
    # the present notification"; 24 January 2022 "replaces the one transmitted ... on 27 March 2017".
    rows = {r["made"]: r for r in _declarations(kg, "CHE", "UN-IV-4") if r["accepts"]}
    assert rows[D(1997, 4, 25)]["from"] == D(1997, 9, 18) and rows[D(1997, 4, 25)]["until"] == D(2002, 9, 18)
    assert rows[D(2010, 5, 11)]["from"] == D(2010, 4, 16) and rows[D(2010, 5, 11)]["until"] == D(2015, 4, 16)
    assert rows[D(2017, 3, 27)]["until"] == D(2022, 1, 24)  # replaced
    assert rows[D(2022, 1, 24)]["until"] == D(2027, 1, 24)
    # in force in 1995 and on the capture date; not in 2005 (no declaration covers 2002-2010)
    assert "CHE" in _accepting(kg, resolver, "ICCPR 41", "1995-01-01")
    assert "CHE" not in _accepting(kg, resolver, "ICCPR 41", "2005-01-01")
    assert "CHE" in _accepting(kg, resolver, "ICCPR 41", CAPTURED)


def test_germany_and_spain_earlier_declarations_expired(kg, resolver) -> None:
    # UNTC IV-4 end-note 47 (Germany): "Previous declarations, received 22 April 1976, ... expired on
    # 28 March 1981, ..."; end-note 48 (Spain): "... received on 25 January 1985 and 21 December 1988,
    # and expired on 25 January 1988 and 21 December 1993, respectively."
    spain = {(r["made"], r["until"]) for r in _declarations(kg, "ESP", "UN-IV-4") if r["accepts"]}
    assert {
        (D(1985, 1, 25), D(1988, 1, 25)),
        (D(1988, 12, 21), D(1993, 12, 21)),
        (D(1998, 3, 11), None),
    } == spain
    assert "ESP" not in _accepting(kg, resolver, "ICCPR 41", "1995-01-01")
    germany = {(r["made"], r["until"]) for r in _declarations(kg, "DEU", "UN-IV-4") if r["accepts"]}
    assert (D(1991, 5, 10), D(1996, 5, 10)) in germany
    assert "DEU" not in _accepting(
        kg, resolver, "ICCPR 41", "1996-06-01"
    )  # between 10 May 1996 and 22 Jan 1997


def test_czechoslovakia_carried_to_its_successors(kg) -> None:
    # UNTC IV-4 end-note 7: "on 12 March 1991, the Government of Czechoslovakia had declared ...
    # recognizes the competence of the Human Rights Committee ..."; the rows of the Czech Republic
    # and Slovakia in the table under article 41 cite that note.
    for successor in ("CZE", "SVK"):
        rows = [r for r in _declarations(kg, successor, "UN-IV-4") if r["accepts"]]
        assert [(r["made"], str(r["carried"]).rsplit("/", 1)[-1]) for r in rows] == [(D(1991, 3, 12), "CSHH")]
    # UNTC IV-9 end-note 7: Slovakia and the Czech Republic withdrew "the reservation with respect to
    # article 20 made by Czechoslovakia upon signature" on 17 March 1995 and 3 September 1996.
    excluded = {
        s: [(r["withdrawn"]) for r in _declarations(kg, s, "UN-IV-9") if r["excludes"]]
        for s in ("CZE", "SVK")
    }
    assert excluded == {"CZE": [D(1996, 9, 3)], "SVK": [D(1995, 3, 17)]}


def test_ussr_and_ukraine_from_end_note_18(kg) -> None:
    # UNTC IV-9 end-note 18: the USSR's reservation on article 20 "made upon signature" (10 Dec
    # 1985, participants table) withdrawn 1 October 1991; Ukraine's on 12 September 2003, when it
    # "fully recognizes" the competence under articles 21 and 22.
    rus = [(r["made"], r["withdrawn"]) for r in _declarations(kg, "RUS", "UN-IV-9") if r["excludes"]]
    assert rus == [(D(1985, 12, 10), D(1991, 10, 1))]
    ukr = {
        str(r["accepts"]).rsplit("/", 1)[-1]: r["made"]
        for r in _declarations(kg, "UKR", "UN-IV-9")
        if r["accepts"]
    }
    assert ukr == {"21": D(2003, 9, 12), "22": D(2003, 9, 12)}


def test_procedures_in_force_only_past_their_threshold(kg, resolver) -> None:
    # UNTC IV-9 end-note 1: arts. 21 and 22 in force with the Convention, 26 June 1987 ("more than
    # five States having, prior to that date, declared"); CAT Art. 22(8): five declarations.
    assert _accepting(kg, resolver, "CAT 22", "1987-06-25") == set()
    assert len(_accepting(kg, resolver, "CAT 22", "1987-06-26")) >= 5
    # UNTC IV-4 header: "28 March 1979 for the provisions of article 41"
    assert _accepting(kg, resolver, "ICCPR 41", "1979-03-27") == set()
    assert _accepting(kg, resolver, "ICCPR 41", "1979-03-28")
    # CMW Art. 77(8): ten declarations; the IV-13 page gives no date of entry into force (it lists
    # five acceptances), so no state is under the individual procedure
    assert _accepting(kg, resolver, "UN-IV-13 77", CAPTURED) == set()
    mexico = {b.body.id: set(b.powers) for b in state_status(kg, iri("state", "MEX"), D(2026, 2, 3)).bodies}
    assert "individual-complaints" not in mexico.get("CMW", set())


def test_reservations_query(kg, resolver) -> None:
    # UNTC IV-9 end-note 16: "On 4 August 1998, the Government Bahrain withdrew the following
    # reservation to article 20 made upon accession"; the table keeps its reservation on art. 30.
    q = queries.get("reservations")
    rows = queries.run(kg, q, q.bind({"state": "BHR", "treaty": "CAT"}, resolver))
    got = {(r["kind"], str(r["articles"]), r["withdrawn"]) for r in rows}
    assert got == {("reservation", "20", D(1998, 8, 4)), ("reservation", "30", None)}
    status = state_status(kg, iri("state", "BHR"), D(2026, 2, 3))
    assert [(r.treaty.id, r.articles) for r in status.reservations if r.treaty.id == "UN-IV-9"] == [
        ("UN-IV-9", "30")
    ]


# --------------------------------------------------------------------------------------------
# Independent checks: a reader of the raw pages of its own
# --------------------------------------------------------------------------------------------


def _table_rows(sources_dir, stem: str) -> tuple[str, list[str]]:
    """The heading and the participant names of the page's table of declarations under
    particular articles, read with lxml alone."""
    raw = gzip.decompress((sources_dir / "untc-hr-mgaldino" / "html" / f"{stem}.html.gz").read_bytes())
    doc = html.fromstring(raw)
    heading = " ".join(doc.xpath("//div[contains(@id, 'divParentDecArt')]")[0].text_content().split())
    table = doc.xpath("//table[contains(@id, 'dgDecUnderArticle')]")[0]
    names = [
        re.sub(r"[\s\d,]+$", "", d.text_content().strip())
        for d in table.xpath(".//div[contains(@id, 'divParticipant')]")
    ]
    return heading, names


def _participants(sources_dir, stem: str) -> set[str]:
    raw = gzip.decompress((sources_dir / "untc-hr-mgaldino" / "html" / f"{stem}.html.gz").read_bytes())
    grid = html.fromstring(raw).xpath("//table[contains(@id, 'tblgrid')]")[0]
    return {
        re.sub(r"[\s\d,]+$", "", " ".join(td.xpath("./text() | ./a/text()")).strip())
        for td in grid.xpath(".//tr/td[1]")
    }


@pytest.mark.parametrize("stem,article", [("cerd", "UN-IV-2 14"), ("iccpr", "ICCPR 41")])
def test_own_table_rows_equal_states_accepting(kg, resolver, sources_dir, stem: str, article: str) -> None:
    """An article with its own table: as many states accept it on the capture date as the table has rows."""
    heading, names = _table_rows(sources_dir, stem)
    assert f"article {article.split()[-1]}" in heading  # the table is the article's own
    assert len(_accepting(kg, resolver, article, CAPTURED)) == len(names)


@pytest.mark.parametrize(
    "stem,articles",
    [
        ("cat", ("CAT 21", "CAT 22")),
        ("ced", ("UN-IV-16 31", "UN-IV-16 32")),
        ("icescr_op", ("UN-IV-3-a 10", "UN-IV-3-a 11")),
    ],
)
def test_shared_table_rows_equal_states_accepting_any(kg, resolver, sources_dir, stem: str, articles) -> None:
    """A table shared by two articles: its rows of current participants equal the states accepting
    either article (the former Yugoslavia's row, a state no longer a participant, is not counted)."""
    _, names = _table_rows(sources_dir, stem)
    current = [n for n in names if n in _participants(sources_dir, stem)]
    accepting = set().union(*(_accepting(kg, resolver, a, CAPTURED) for a in articles))
    assert len(accepting) == len(current)


SPEAKS = re.compile(
    r"recogni[sz]\w*[^.;]{0,200}competence[^.;]{0,30}Committee|Committee'?s competence"
    r"|competence of the [^.;]{0,120}Committee[^.;]{0,200}recogni",
    re.IGNORECASE,
)


def test_every_text_on_recognising_competence_is_classified(kg, sources_dir) -> None:
    """Every statement on every page whose treaty has an optional procedure that speaks of
    recognising a committee's competence is classified accepts, future intent or excludes, with
    its articles; the two left over are named and why."""
    left: list[tuple[str, str]] = []
    seen = 0
    for stem, mtdsg in untc.instruments().items():
        code = f"UN-{mtdsg}"
        procedures = load_procedures(kg, load_rule(kg, code, None), code)
        if not procedures.any:
            continue
        page = load_page(sources_dir / "untc-hr-mgaldino" / "html" / f"{stem}.html.gz")
        table = articles_named(page.under_article_heading.text) if page.under_article_heading else ()
        for piece in page.declarations:
            found = classify_piece(piece.lines, procedures, table if piece.table == "under-article" else ())
            for f in found:
                if not SPEAKS.search(f.statement.text):
                    continue
                seen += 1
                if f.stance == "unrelated" or not f.articles:
                    left.append((stem, piece.participant))
    assert seen > 300
    # IV-9, Mexico: "recognizes as duly binding the competence of the Committee against Torture,
    # established by article 17": a general statement; its next paragraph accepts art. 22.
    # IV-16, Oman: "does not recognize the competence of the Committee ... provided in article 33":
    # the CED's inquiry (art. 33) needs no declaration, so this is a reservation, not an opt-out.
    assert sorted(left) == [("cat", "Mexico"), ("ced", "Oman")]
