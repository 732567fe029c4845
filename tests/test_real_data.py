"""The imported record for every state, checked against values the sources state."""

import csv
import datetime as dt

import pytest

from obligraph import queries
from obligraph.analysis.status import state_status
from obligraph.importers import untc, untc_names, untc_pages
from tests.conftest import iri

ON = "2026-02-03"  # the day the UNTC pages were captured


def _count(kg, resolver, name: str, treaty: str) -> int:
    q = queries.get(name)
    return len(queries.run(kg, q, q.bind({"treaty": treaty, "on": ON}, resolver)))


@pytest.mark.parametrize("treaty,parties", [("CAT", 175), ("OPCAT", 96), ("ICCPR", 175)])
def test_party_counts_as_untc_counts_them(kg, resolver, treaty: str, parties: int) -> None:
    # Issue 3 and the UNTC page headers captured 2026-02-03: "Parties : 175" (IV-9), 96 (IV-9-b), 175 (IV-4).
    assert _count(kg, resolver, "treaty-participants", treaty) == parties


def test_in_force_counts_differ_by_pending_instruments(kg, resolver) -> None:
    # UNTC IV-4: Oman deposited on 10 Nov 2025; ICCPR Art. 49(2): in force three months later,
    # 10 Feb 2026. So on 3 Feb 2026 UNTC lists 175 parties but the Covenant binds 174.
    assert _count(kg, resolver, "treaty-parties", "ICCPR") == 174
    omn = state_status(kg, iri("state", "OMN"), dt.date(2026, 2, 10))
    assert "UN-IV-4" in {t.treaty.id for t in omn.treaties_in_force}


def test_every_page_count_matches_its_header(kg, resolver, sources_dir) -> None:
    """For all 18 instruments, the parties we hold equal the 'Parties' count the page states."""
    for stem, mtdsg in untc.instruments().items():
        page = untc_pages.load_page(sources_dir / "untc-hr-mgaldino" / "html" / f"{stem}.html.gz")
        q = queries.get("treaty-participants")
        rows = queries.run(
            kg,
            q,
            {
                "treaty": q.bind({"treaty": f"UN-{mtdsg}", "on": ON}, resolver)["treaty"],
                "on": dt.date(2026, 2, 3),
            },
        )
        assert len(rows) == page.header.parties, stem


def test_russia_cat_and_never_opcat(kg) -> None:
    # UNTC IV-9: Russian Federation, ratification 3 Mar 1987; IV-9-b: not a participant.
    s = state_status(kg, iri("state", "RUS"), dt.date(2026, 2, 3))
    treaties = {t.treaty.id: t.since for t in s.treaties_in_force}
    assert treaties["UN-IV-9"] == dt.date(1987, 6, 26)  # general entry into force, Art. 27(1)
    assert "UN-IV-9-b" not in treaties
    assert "SPT" not in {b.body.id for b in s.bodies}


def test_germany_under_spt(kg) -> None:
    # UNTC IV-9-b lists Germany as a party; OPCAT Art. 11(a): the SPT visits places of detention.
    s = state_status(kg, iri("state", "DEU"), dt.date(2024, 1, 1))
    assert "visits" in {b.body.id: set(b.powers) for b in s.bodies}["SPT"]


def test_gdr_record_from_end_note(kg) -> None:
    # UNTC IV-9 end-note 3: "The German Democratic Republic had signed and ratified the Convention
    # on 7 April 1986 and 9 September 1987, respectively".
    rows = kg.query(
        "SELECT ?actor ?t ?kind ?date WHERE { ?a og:actor ?actor ; og:treaty ?t ; og:actionKind ?kind ; og:depositDate ?date } ORDER BY ?date",
        {"actor": queries.IRI(iri("state", "DDDE")), "t": queries.IRI(iri("treaty", "UN-IV-9"))},
    )
    assert [(r["kind"].rsplit("#", 1)[-1], r["date"]) for r in rows] == [
        ("Signature", dt.date(1986, 4, 7)),
        ("Ratification", dt.date(1987, 9, 9)),
    ]


def test_trinidad_and_tobago_op1_periods(kg) -> None:
    # UNTC IV-5 end-note 1: acceded 14 Nov 1980; denounced 26 May 1998 with effect from 26 Aug 1998;
    # re-acceded 26 Aug 1998; denounced again 27 Mar 2000 with effect from 27 Jun 2000.
    rows = kg.query(
        """SELECT ?party ?t ?dep ?notified ?effective WHERE {
             ?p og:party ?party ; og:treaty ?t ; og:establishedByAction ?a . ?a og:depositDate ?dep .
             OPTIONAL { ?d og:actor ?party ; og:treaty ?t ; og:actionKind og:DenunciationNotification ;
                           og:depositDate ?notified ; og:effectiveDate ?effective .
                        FILTER(?notified >= ?dep) }
           } ORDER BY ?dep ?notified""",
        {"party": queries.IRI(iri("state", "TTO")), "t": queries.IRI(iri("treaty", "UN-IV-5"))},
    )
    firsts = {}
    for r in rows:
        firsts.setdefault(r["dep"], (r["notified"], r["effective"]))
    assert firsts == {
        dt.date(1980, 11, 14): (dt.date(1998, 5, 26), dt.date(1998, 8, 26)),
        dt.date(1998, 8, 26): (dt.date(2000, 3, 27), dt.date(2000, 6, 27)),
    }


def test_every_participant_resolves(sources_dir) -> None:
    resolver = untc_names.NameResolver(sources_dir / "country-converter" / "country_data.tsv")
    names = {
        p.name
        for stem in untc.instruments()
        for p in untc_pages.load_page(
            sources_dir / "untc-hr-mgaldino" / "html" / f"{stem}.html.gz"
        ).participants
    }
    assert {n for n in names if untc_names.party_iri(n, resolver) is None} == set()


def test_upstream_csv_agrees_except_known_errors(kg, sources_dir) -> None:
    """un_hr_ratifications.csv (the upstream parse) against our import. Known upstream errors
    (SOURCE.md): it ignores brackets (denounced entries) and maps 'A' (acceptance) to accession."""
    path = sources_dir / "untc-hr-mgaldino" / "un_hr_ratifications.csv"
    upstream = {
        (r["treaty_id"], r["country_name"]): r["action_date"]
        for r in csv.DictReader(path.open())
        if r["action_date"]
    }
    ours: dict[tuple[str, str], str] = {}
    bracketed: set[tuple[str, str]] = set()
    for stem in untc.instruments():
        page = untc_pages.load_page(sources_dir / "untc-hr-mgaldino" / "html" / f"{stem}.html.gz")
        for p in page.participants:
            if p.consent:
                ours[(stem, p.name)] = p.consent.isoformat()
            if p.bracketed:
                bracketed.add((stem, p.name))
    differences = {k for k in set(upstream) | set(ours) if upstream.get(k) != ours.get(k)} - bracketed
    assert differences == set()


def test_un_membership_has_year_precision(kg) -> None:
    # country-converter: UN admission year only; the day is not invented.
    rows = kg.query(
        "SELECT ?state ?y WHERE { ?m org:member ?state ; org:organization <https://w3id.org/obligraph/id/org/UN> ; org:memberDuring ?i . ?i time:hasBeginning ?b . ?b time:inXSDgYear ?y }",
        {"state": queries.IRI(iri("state", "CHE"))},
    )
    assert [str(r["y"]) for r in rows] == ["2002"]


def test_uk_left_the_eu(kg) -> None:
    # eums: United Kingdom accession 1973-01-01, exit 2020-01-31.
    before = state_status(kg, iri("state", "GBR"), dt.date(2020, 1, 30))
    after = state_status(kg, iri("state", "GBR"), dt.date(2020, 2, 1))
    assert "EU" in {m.organisation.id for m in before.memberships}
    assert "EU" not in {m.organisation.id for m in after.memberships}


def test_jamaica_op1_denunciation_ends_individual_complaints(kg) -> None:
    # UNTC IV-5 end-note 3: Jamaica notified its denunciation on 23 Oct 1997; OP1 Art. 12(1): effect
    # three months after receipt, 23 Jan 1998 (curated clause file; Hansard, 24 June 1998).
    def powers(on: dt.date) -> set[str]:
        return {b.body.id: set(b.powers) for b in state_status(kg, iri("state", "JAM"), on).bodies}.get(
            "HRCttee", set()
        )

    assert "individual-complaints" in powers(dt.date(1997, 6, 1))
    assert "individual-complaints" not in powers(dt.date(1998, 6, 1))
    assert "state-reporting" in powers(dt.date(1998, 6, 1))  # still an ICCPR party


def test_germany_op1_entry_into_force(kg) -> None:
    # German Federal Law Gazette notice (zivilpakt.de): deposited 25 Aug 1993, in force for Germany
    # on 25 Nov 1993 under Art. 9(2).
    since = {
        t.treaty.id: t.since
        for t in state_status(kg, iri("state", "DEU"), dt.date(2000, 1, 1)).treaties_in_force
    }
    assert since["UN-IV-5"] == dt.date(1993, 11, 25)
