"""The regional systems and the ICC answer like the UN treaties do. Expected values come from the
pages the research passes read (graph/compiled/*/treaty-actions.csv and memberships.csv name each
one); each test cites its page."""

from __future__ import annotations

import datetime as dt

from obligraph.analysis import engine, facts
from obligraph.analysis.events import Event
from obligraph.analysis.impact import withdraw
from obligraph.analysis.status import state_status
from obligraph.queries import run_named
from obligraph.resolve import Resolver
from obligraph.store import IRI, KnowledgeGraph
from tests.conftest import iri

D = dt.date


def _bodies(kg: KnowledgeGraph, state: str, on: dt.date) -> dict[str, tuple[str, ...]]:
    return {b.body.id: b.powers for b in state_status(kg, iri("state", state), on).bodies}


def _one(kg: KnowledgeGraph, text: str, **bindings: str) -> list[dict[str, object]]:
    return kg.query(text, {k: IRI(v) for k, v in bindings.items()})


def test_ukraine_ratified_the_rome_statute_in_2024(kg: KnowledgeGraph) -> None:
    # Coalition for the ICC: "On 25 October 2024, Ukraine deposited the instrument of ratification
    # of the ICC Statute with the United Nations" and "became the 125th ICC State Party on 1 January
    # 2025". A ratification, not an accession: Ukraine signed on 20 January 2000 (UNTC XVIII-10).
    rows = _one(
        kg,
        "SELECT ?a ?kind ?deposit WHERE { ?a og:actor ?s ; og:treaty ?t ; og:actionKind ?kind ; og:depositDate ?deposit }",
        s=iri("state", "UKR"),
        t=iri("treaty", "UN-XVIII-10"),
    )
    acts = {str(r["kind"]).rsplit("#", 1)[1]: r["deposit"] for r in rows}
    assert acts == {"Signature": D(2000, 1, 20), "Ratification": D(2024, 10, 25)}
    ukraine = [
        p for p in facts.participations(kg, iri("state", "UKR")) if p.treaty == iri("treaty", "UN-XVIII-10")
    ]
    assert [(p.since, p.until) for p in ukraine] == [(D(2025, 1, 1), None)]


def test_rome_statute_parties_on_a_date(kg: KnowledgeGraph, resolver: Resolver) -> None:
    # Ukraine became the 125th State Party on 1 January 2025 (Coalition for the ICC), so there
    # were 124 on 1 June 2024 (Armenia's accession in force since 1 February 2024 counted). On
    # 1 June 2025: 125, Hungary still among them (its withdrawal takes effect 2 June 2026, ICC/ASP).
    rome = IRI(resolver.treaty("Rome Statute").iri)

    def parties(on: dt.date) -> set[str]:
        return {
            str(r["state"]).rsplit("/", 1)[1] for r in run_named(kg, "treaty-parties", treaty=rome, on=on)
        }

    assert len(parties(D(2024, 6, 1))) == 124
    assert "UKR" not in parties(D(2024, 6, 1)) and "ARM" in parties(D(2024, 6, 1))
    assert len(parties(D(2025, 6, 1))) == 125 and "HUN" in parties(D(2025, 6, 1))
    assert "HUN" not in parties(D(2026, 6, 2))
    # Malaysia withdrew its accession (4 March 2019) on 29 April 2019, before the Statute could
    # enter into force for it (businessobserver.pk, The Star): never a party.
    assert not any("MYS" in parties(day) for day in (D(2019, 6, 1), D(2020, 1, 1)))


def test_one_participation_per_state_where_two_sources_meet(kg: KnowledgeGraph) -> None:
    # Burundi: the curated CoE record has its withdrawal (notified 2016-10-27, effective
    # 2017-10-27); the UNTC scrape its deposit of 2004-09-21, from which Art. 126(2) gives
    # 2004-12-01 (the ABA data set's 2004-11-30 is kept as a competing claim, not used).
    rows = _one(
        kg,
        "SELECT ?p WHERE { ?p og:party ?s ; og:treaty ?t }",
        s=iri("state", "BDI"),
        t=iri("treaty", "UN-XVIII-10"),
    )
    assert len(rows) == 1
    burundi = [
        p for p in facts.participations(kg, iri("state", "BDI")) if p.treaty == iri("treaty", "UN-XVIII-10")
    ]
    assert [(p.since, p.until) for p in burundi] == [(D(2004, 12, 1), D(2017, 10, 27))]
    claims = _one(
        kg,
        "SELECT ?v ?accepted WHERE { ?c og:claimAbout ?p ; og:claimedProperty og:entryIntoForceDate ; "
        "og:claimedValue ?v ; og:accepted ?accepted }",
        p=str(rows[0]["p"]),
    )
    assert {(str(r["v"]), r["accepted"]) for r in claims} >= {("2004-12-01", True), ("2004-11-30", False)}


def test_venezuela_leaving_the_achr_keeps_the_commission(kg: KnowledgeGraph) -> None:
    # Inter-American Court "ABC" 2020 and OAS E-338/13: notice received 10 Sep 2012, effect
    # 10 Sep 2013 (ACHR Art. 78(1)); Art. 78(2): not released for earlier violations. The Court's
    # jurisdiction rested on Venezuela's Art. 62 acceptance of 24 June 1981 (IACHR Annual Report 2003,
    # Annex 2). IACHR press release of 10 Sep 2013: "As a Member State of the OAS, Venezuela will
    # continue to be subject to the jurisdiction of the Inter-American Commission".
    result = withdraw(kg, iri("state", "VEN"), iri("treaty", "OAS-B-32"), D(2012, 9, 10))
    assert result.effective == D(2013, 9, 10)
    losing = {b.body.id: b for b in result.bodies_losing_access}
    assert "binding-judgments" in losing["IACtHR"].powers
    assert losing["IACtHR"].limitation == "for acts after 2013-09-10"
    kept = {b.body.id: b for b in result.bodies_retaining_access}
    assert {"country-monitoring", "individual-complaints"} <= set(kept["IACHR"].powers)
    assert kept["IACHR"].basis == ("OAS-A-41 Art. 106",)
    # and so it reads on dates: the Court before, only the Commission after
    assert "IACtHR" in _bodies(kg, "VEN", D(2013, 9, 9))
    after = _bodies(kg, "VEN", D(2014, 1, 1))
    assert "IACtHR" not in after and "individual-complaints" in after["IACHR"]


def test_venezuela_left_the_oas_in_2019(kg: KnowledgeGraph) -> None:
    # EFE and the OAS's tweet: the note reached the Secretary General on 28 April 2017; Bolivia's
    # delegate (El Tiempo) and the Venezuelan government: the withdrawal was final on 27 April 2019.
    # After it the Commission's Charter-based competence ends too.
    status = state_status(kg, iri("state", "VEN"), D(2020, 1, 1))
    assert not any(m.organisation.id == "OAS" for m in status.memberships)
    assert "IACHR" not in _bodies(kg, "VEN", D(2020, 1, 1))
    assert "IACHR" in _bodies(kg, "VEN", D(2019, 4, 26))


def test_a_state_under_the_commission_that_never_accepted_the_court(kg: KnowledgeGraph) -> None:
    # The Bahamas: an OAS member since its deposit of 3 March 1982 (OAS DIL A-41 table), not a
    # party to the ACHR (IACHR Caribbean page: "For the Member States that have not yet done so
    # (Antigua and Barbuda, the Bahamas, ...) one can allege violations of rights contained in the
    # American Declaration").
    bodies = _bodies(kg, "BHS", D(2024, 6, 1))
    assert "individual-complaints" in bodies["IACHR"] and "IACtHR" not in bodies
    # The United States signed the ACHR on 1 June 1977 (President Carter's message to the Senate)
    # and never ratified it: a signature, no participation.
    usa = iri("state", "USA")
    assert not [p for p in facts.participations(kg, usa) if p.treaty == iri("treaty", "OAS-B-32")]
    rows = _one(
        kg,
        "SELECT ?d WHERE { ?a og:actor ?s ; og:treaty ?t ; og:actionKind og:Signature ; og:depositDate ?d }",
        s=usa,
        t=iri("treaty", "OAS-B-32"),
    )
    assert [r["d"] for r in rows] == [D(1977, 6, 1)]


def test_tanzanias_african_court_declaration(kg: KnowledgeGraph) -> None:
    # African Court, "Déclarations" page: Tanzania deposited its Art. 34(6) declaration on 29 March
    # 2010; The East African: the withdrawal received by the AU Commission on 21 November 2019 "came
    # into effect on November 21" 2020. Tanzania is a party to the Protocol (deposit 10 Feb 2006).
    assert "individual-complaints" in _bodies(kg, "TZA", D(2020, 6, 1))["AfCHPR"]
    assert "individual-complaints" not in _bodies(kg, "TZA", D(2021, 1, 1))["AfCHPR"]
    assert "binding-judgments" in _bodies(kg, "TZA", D(2021, 1, 1))["AfCHPR"]


def test_ghana_is_a_party_to_the_court_protocol_from_its_deposit(kg: KnowledgeGraph) -> None:
    # No official page with Ghana's deposit was found (no AU status list in the stored corpora).
    # ghanapoliticsonline.com, a statement citing the AU's status list (secondary; confidence low, a litigant's statement): "Ghana
    # ratified the protocol in the Parliament of Ghana after Cabinet approval on the 25th /08/2004
    # and deposited same on the 16th /08/2005". Art. 34(4): in force for a later ratifier on its
    # deposit. With the participation, Ghana's 34(6) declaration of 10 March 2011 (African Court,
    # "Déclarations" page, official) now opens the Court to individuals.
    ghana = [
        p
        for p in facts.participations(kg, iri("state", "GHA"))
        if p.treaty == iri("treaty", "AU-ACHPR-COURT")
    ]
    assert [(p.since, p.until) for p in ghana] == [(D(2005, 8, 16), None)]
    assert "individual-complaints" in _bodies(kg, "GHA", D(2024, 6, 1))["AfCHPR"]
    assert "AfCHPR" not in _bodies(kg, "GHA", D(2005, 8, 15))


def test_comoros_deposit_keeps_the_commissions_date_over_a_later_claim(kg: KnowledgeGraph) -> None:
    # African Commission press release of 23 January 2004 (official): "On 26th December 2003,
    # Comoros Islands deposited their instrument of ratification", the 15th, so the Protocol came
    # into force on 25 January 2004. GNA (2019) quotes the Court's President: "The Comoros ratified
    # the Protocol on December 23, 2013"; kept as a competing claim, not accepted.
    rows = _one(
        kg,
        "SELECT ?v ?accepted WHERE { ?a og:actor ?s ; og:treaty ?t ; og:actionKind og:Ratification . "
        "?c og:claimAbout ?a ; og:claimedProperty og:depositDate ; og:claimedValue ?v ; og:accepted ?accepted }",
        s=iri("state", "COM"),
        t=iri("treaty", "AU-ACHPR-COURT"),
    )
    assert {(str(r["v"]), r["accepted"]) for r in rows} == {("2003-12-26", True), ("2013-12-23", False)}
    comoros = [
        p
        for p in facts.participations(kg, iri("state", "COM"))
        if p.treaty == iri("treaty", "AU-ACHPR-COURT")
    ]
    assert [p.since for p in comoros] == [D(2004, 1, 25)]


def test_a_34_6_withdrawal_takes_a_years_notice(kg: KnowledgeGraph) -> None:
    # Ingabire Victoire Umuhoza v. Rwanda (ruling of 3 June 2016, as the FDU-Inkingi statement
    # quotes it): the withdrawal of an Art. 34(6) declaration "est soumise à la notification d'une
    # durée de 12 mois pour devenir effective". Tanzania's notice of 21 Nov 2019 therefore ends its
    # declaration on 21 Nov 2020, the date The East African reports.
    run = engine.run(
        kg,
        [Event("undeclare", iri("state", "TZA"), iri("article", "AU-ACHPR-COURT/34-6"), D(2019, 11, 21))],
    )
    assert {e.on for e in run.effects} == {D(2020, 11, 21)}


def test_tunisias_withdrawal_date_is_computed_and_says_so(kg: KnowledgeGraph) -> None:
    # Tunisia notified the withdrawal of its 34(6) declaration on 7 March 2025 (African Court
    # Coalition); no page gives the day it took effect ("March 2026", EJIL:Talk! mirror). One year
    # after the notice: 7 March 2026, a claim computed by the Ingabire clause, beside the page's month.
    rows = _one(
        kg,
        "SELECT ?v ?conf ?clause WHERE { ?a og:actor ?s ; og:actionKind og:DeclarationWithdrawal . "
        "?c og:claimAbout ?a ; og:claimedProperty og:effectiveDate ; og:claimedValue ?v . "
        "OPTIONAL { ?c og:confidence ?conf } OPTIONAL { ?c og:computedBy ?clause } }",
        s=iri("state", "TUN"),
    )
    values = {(str(r["v"]), r["conf"], r["clause"] is not None) for r in rows}
    assert values == {("2026-03-07", None, True), ("2026-03", "medium", False)}
    tunisia = _one(
        kg, "SELECT ?to WHERE { ?d og:declarant ?s ; og:withdrawalDate ?to }", s=iri("state", "TUN")
    )
    assert [r["to"] for r in tunisia] == [D(2026, 3, 7)]


def test_the_au_replaced_the_oau(kg: KnowledgeGraph) -> None:
    # worldpopulationreview.com: Algeria joined 25 May 1963; the AU was launched at the Durban
    # Summit on 9 July 2002 and "The 53 African states who composed the OAU are now members of the
    # new inter-governmental organization, the AU" (hrcr.org).
    before = state_status(kg, iri("state", "DZA"), D(1990, 1, 1)).memberships
    after = state_status(kg, iri("state", "DZA"), D(2024, 6, 1)).memberships
    assert ("OAU", D(1963, 5, 25)) in {(m.organisation.id, m.since) for m in before}
    assert ("AU", D(2002, 7, 9)) in {(m.organisation.id, m.since) for m in after}
    # Morocco's accession to the Constitutive Act was deposited on 31 January 2017 (amo.au.int);
    # the readmission decision of the day before starts nothing.
    morocco = state_status(kg, iri("state", "MAR"), D(2018, 1, 1)).memberships
    assert ("AU", D(2017, 1, 31)) in {(m.organisation.id, m.since) for m in morocco}


def test_a_signature_later_than_the_ratification_is_only_a_claim(kg: KnowledgeGraph) -> None:
    # manytreaties gives Angola's African Charter signature as 2012-01-27 and its ratification as
    # 1990-03-02 (flagged SUSPECT by the research pass): kept as a claim, not as the signature's date.
    rows = _one(
        kg,
        "SELECT ?d ?v WHERE { ?a og:actor ?s ; og:treaty ?t ; og:actionKind og:Signature . "
        "OPTIONAL { ?a og:depositDate ?d } ?c og:claimAbout ?a ; og:claimedValue ?v }",
        s=iri("state", "AGO"),
        t=iri("treaty", "AU-ACHPR"),
    )
    assert [(r["d"], str(r["v"])) for r in rows] == [(None, "2012-01-27")]


def test_every_treaty_organisation_and_body_is_in_one_system(kg: KnowledgeGraph) -> None:
    rows = kg.query(
        """SELECT ?x (COUNT(DISTINCT ?s) AS ?n) WHERE {
             { ?x a og:Treaty } UNION { ?x a og:Protocol } UNION { ?x a og:InternationalOrganisation }
             UNION { ?x og:establishedBy ?e }
             OPTIONAL { ?x og:inSystem ?s } } GROUP BY ?x ORDER BY ?x"""
    )
    assert [str(r["x"]) for r in rows if r["n"] != 1] == []


def test_sweden_joined_the_anti_trafficking_convention_in_2010(kg: KnowledgeGraph) -> None:
    # GRETA's country page on coe.int (coe.int/web/anti-human-trafficking/sweden1), "Signature and
    # ratification": "Signed: 16 May 2005", "Ratified: 31 May 2010", "Entry into force: 1 September 2010".
    rows = _one(
        kg,
        "SELECT ?kind ?deposit WHERE { ?a og:actor ?s ; og:treaty ?t ; og:actionKind ?kind ; og:depositDate ?deposit }",
        s=iri("state", "SWE"),
        t=iri("treaty", "CETS-197"),
    )
    acts = {str(r["kind"]).rsplit("#", 1)[1]: r["deposit"] for r in rows}
    assert acts == {"Signature": D(2005, 5, 16), "Ratification": D(2010, 5, 31)}
    sweden = [
        p for p in facts.participations(kg, iri("state", "SWE")) if p.treaty == iri("treaty", "CETS-197")
    ]
    assert [(p.since, p.until) for p in sweden] == [(D(2010, 9, 1), None)]
