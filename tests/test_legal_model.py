"""The legal model (issue 14): each answer's legal status, withdrawals the law does not allow,
what survives a withdrawal, temporal limits on new jurisdiction, and events that cannot happen.
Each expected value cites the treaty text or page it comes from."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from obligraph.analysis.events import Event
from obligraph.analysis.impact import assess, withdraw
from obligraph.analysis.status import state_status
from obligraph.cli import app
from obligraph.errors import BadParameterError, NotApplicableError
from tests.conftest import iri

D = dt.date
RUS, VEN, FRA, HUN = (iri("state", c) for c in ("RUS", "VEN", "FRA", "HUN"))
ICCPR, CAT, ECPT, ROME = (iri("treaty", c) for c in ("UN-IV-4", "UN-IV-9", "ETS-126", "UN-XVIII-10"))


@pytest.fixture(scope="module")
def iccpr(kg):
    return withdraw(kg, VEN, ICCPR, D(2027, 2, 1))


def test_leaving_the_iccpr_is_not_permitted(iccpr) -> None:
    # The ICCPR has no withdrawal clause; VCLT Art. 56(1): such a treaty "is not subject to
    # denunciation or withdrawal unless" the parties intended it or its nature implies it.
    status = iccpr.legal_status
    assert status.status == "not-permitted" and iccpr.effective is None
    words = " ".join(c.words for c in status.citations)
    assert "is not subject to denunciation or withdrawal unless" in words  # VCLT Art. 56(1)
    # HRC General Comment 26 para. 1 (UN Geneva's copy)
    assert "does not contain any provision regarding its termination" in words
    # UNTC IV-4 end-note 8: the Secretary-General on the DPRK's notice of 1997
    assert "would not appear possible unless all States Parties to the Covenant agree" in words
    assert any(c.article == "VCLT Art. 56(1)" for c in status.citations)


def test_a_withdrawal_that_cannot_happen_takes_nothing_away(iccpr) -> None:
    assert iccpr.bodies_losing_access == () and iccpr.obligations_ceasing == ()
    assert "HRCttee" in {b.body.id for b in iccpr.bodies_retaining_access}
    remaining = {o.obligation.id: o.remaining_bases for o in iccpr.obligations_remaining}
    assert "ICCPR Art. 7" in remaining["prohibit-torture"]  # the Covenant still binds


def test_undated_notice_is_date_unknown(kg) -> None:
    # No stored page gives the date Russia's ECPT notification reached the Secretary General.
    result = withdraw(kg, RUS, ECPT, today=D(2025, 12, 1), as_of=D(2025, 12, 1))
    assert result.legal_status.status == "date-unknown"
    assert "no source gives the date the notification reached the depositary" in result.legal_status.reason


@pytest.mark.parametrize("as_of,status", [(D(2026, 1, 1), "pending"), (D(2026, 11, 1), "effective")])
def test_pending_then_effective(kg, as_of: dt.date, status: str) -> None:
    # ECPT Art. 22: notified 2025-10-03 -> effect on 2026-11-01 (12 months, first day of the month after).
    result = withdraw(kg, RUS, ECPT, D(2025, 10, 3), as_of=as_of)
    assert result.effective == D(2026, 11, 1)
    assert result.legal_status.status == status and result.legal_status.as_of == as_of


def test_hungarys_recorded_withdrawal_has_taken_effect(kg) -> None:
    # Rome Statute Art. 127(1): Hungary's withdrawal took effect on 2026-06-02 (ICC Assembly of
    # States Parties; graph/generated/coe/withdrawals.ttl).
    result = withdraw(kg, HUN, ROME, as_of=D(2026, 12, 6))
    assert result.notified_from == "graph" and result.effective == D(2026, 6, 2)
    assert result.legal_status.status == "effective"
    text = (
        CliRunner()
        .invoke(app, ["impact", "HUN", "--withdraw", "UN-XVIII-10", "--as-of", "2026-12-06"])
        .output
    )
    assert "Hungary (HUN) withdrew from" in text and "If Hungary" not in text


def test_what_survives_a_withdrawal_is_shown_per_body(kg) -> None:
    # CAT Art. 31(2): a denunciation does not release the state "in regard to any act or omission
    # which occurs prior to the date at which the denunciation becomes effective, nor shall
    # denunciation prejudice in any way the continued consideration of any matter which is already
    # under consideration by the Committee". Notified 2025-01-15 -> effect 2026-01-15 (Art. 31(1)).
    cat = {b.body.id: b for b in withdraw(kg, RUS, CAT, D(2025, 1, 15)).bodies_losing_access}["CAT"]
    assert cat.survives == (
        "acts before 2026-01-15 (CAT Art. 31(2))",
        "matters already under consideration on 2026-01-15 (CAT Art. 31(2))",
    )


def test_a_withdrawn_declaration_keeps_communications_already_transmitted(kg) -> None:
    # CAT Art. 22(8): a withdrawal "shall not prejudice the consideration of any matter which is the
    # subject of a communication already transmitted under this article".
    result = assess(kg, Event("undeclare", RUS, iri("article", "UN-IV-9/22"), D(2026, 3, 1)))
    cat = {b.body.id: b for b in result.bodies_losing_access}["CAT"]
    assert cat.survives == ("matters already under consideration on 2026-03-01 (CAT Art. 22(8))",)


def test_a_new_party_gives_jurisdiction_only_for_later_events(kg) -> None:
    # CED Art. 39(2): in force for a later party on the thirtieth day after its deposit; Art. 35(2):
    # its obligations towards the Committee relate only to disappearances that commenced after that.
    result = assess(kg, Event("ratify", iri("state", "USA"), iri("treaty", "UN-IV-16"), D(2026, 1, 1)))
    assert result.effective == D(2026, 1, 31)
    ced = {b.body.id: b for b in result.bodies_gaining_access}["CED"]
    assert ced.limitation is not None and ced.limitation.startswith("only for events after 2026-01-31")


@pytest.mark.parametrize(
    "event,message",
    [
        # UNTC IV-9: France ratified on 18 Feb 1986; the Convention entered into force on 26 June 1987.
        (
            Event("ratify", FRA, CAT, D(2020, 1, 1)),
            "already party to the CAT (in force for it since 1987-06-26)",
        ),
        # UNTC IV-9-b header: "New York, 18 December 2002".
        (Event("ratify", RUS, iri("treaty", "UN-IV-9-b"), D(1950, 1, 1)), "adopted on 2002-12-18"),
        (Event("withdraw", FRA, CAT, D(1980, 1, 1)), "deposited its consent to the CAT on 1986-02-18"),
        (
            Event("withdraw", iri("state", "CHN"), iri("treaty", "UN-IV-9-b"), D(2026, 1, 1)),
            "never been bound",
        ),
        # UNTC IV-9: no declaration of China under Art. 22 on the page
        (
            Event("undeclare", iri("state", "CHN"), iri("article", "UN-IV-9/22"), D(2026, 3, 1)),
            "no declaration",
        ),
        # the USSR's 1991 declarations under Arts. 21 and 22, continued by Russia (UNTC IV-9)
        (Event("declare", RUS, iri("article", "UN-IV-9/22"), D(2026, 3, 1)), "already has a declaration"),
        (
            Event("expel", iri("state", "USA"), iri("org", "CoE"), D(2026, 3, 1)),
            "not a member of the Council of Europe",
        ),
    ],
)
def test_events_that_cannot_happen_are_refused(kg, event: Event, message: str) -> None:
    with pytest.raises(NotApplicableError, match=message.replace("(", r"\(").replace(")", r"\)")):
        assess(kg, event)


def test_scenario_files_refuse_what_the_cli_refuses(resolver, tmp_path) -> None:
    from obligraph.analysis import scenario

    path = tmp_path / "s.yaml"
    path.write_text("name: t\nstate: FRA\nevents:\n  - ratify: CAT\n    on: 2020-01-01\n")
    with pytest.raises(NotApplicableError, match="already party to the CAT"):
        scenario.evaluate(resolver.kg, scenario.load(path, resolver))
    path.write_text("name: t\nstate: RUS\nevents:\n  - ratify: OPCAT\n    on: 1800-01-01\n")
    with pytest.raises(BadParameterError, match="outside the supported range"):
        scenario.load(path, resolver)
    runner = CliRunner()
    done = runner.invoke(app, ["scenario", str(path)])
    assert done.exit_code == 2 and "outside the supported range" in done.output
    done = runner.invoke(app, ["impact", "RUS", "--ratify", "OPCAT", "--on", "1800-01-01"])
    assert done.exit_code == 2 and "outside the supported range" in done.output


def test_status_shows_an_attempted_withdrawal(kg) -> None:
    # UNTC IV-4 end-note 8: the DPRK's notice received on 25 August 1997 took no effect.
    status = state_status(kg, iri("state", "PRK"), D(2020, 1, 1))
    assert "UN-IV-4" in {t.treaty.id for t in status.treaties_in_force}
    attempt = next(a for a in status.attempted_withdrawals if a.treaty.id == "UN-IV-4")
    assert attempt.notified == D(1997, 8, 25) and "would not appear possible" in (attempt.position or "")


def test_legal_status_in_json_and_words() -> None:
    runner = CliRunner()
    out = runner.invoke(
        app, ["impact", "VEN", "--withdraw", "ICCPR", "--notified", "2027-02-01", "--json"]
    ).output
    data = json.loads(out)
    assert data["legal_status"]["status"] == "not-permitted"
    assert set(data["legal_status"]) == {"status", "as_of", "reason", "citations"}
    text = runner.invoke(app, ["impact", "VEN", "--withdraw", "ICCPR", "--notified", "2027-02-01"]).output
    assert "cannot withdraw from" in text and "Status:    not permitted" in text
    pending = runner.invoke(
        app, ["impact", "RUS", "--withdraw", "ECPT", "--notified", "2025-10-03", "--as-of", "2026-01-01"]
    ).output
    assert "Status:    pending on 2026-01-01: would take effect on 2026-11-01" in pending


def test_every_treaty_says_whether_it_can_be_left(kg) -> None:
    # Issue 14: whether a treaty has a withdrawal or denunciation clause is data, cited. An
    # amending protocol (og:amendsTreaty) becomes part of the treaty it amends and is left with it.
    rows = kg.query(
        """SELECT ?t WHERE { ?t a ?c . ?c rdfs:subClassOf* og:Treaty .
             FILTER NOT EXISTS { ?x og:clauseOf ?t ; og:clauseKind ?k .
                                 FILTER(?k IN (og:DenunciationClause, og:NoDenunciationClause)) }
             FILTER NOT EXISTS { ?t og:amendsTreaty ?amended } } ORDER BY ?t"""
    )
    assert [r["t"] for r in rows] == []
    cited = kg.query(
        """SELECT ?x WHERE { ?x og:clauseKind ?k . FILTER(?k IN (og:DenunciationClause, og:NoDenunciationClause))
             FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?page } }"""
    )
    assert cited == []


# "the African Charter nor the Protocol contain a provision on denunciation" (ilg2.org, 4 March
# 2016, on Rwanda's withdrawal of its Art. 34(6) declaration): VCLT Art. 56(1) decides.
ILG2 = "http://ilg2.org/2016/03/04/a-zero-sum-game-rwanda-withdraws-and-benin-allows-individual-access-to-the-african-court-on-human-and-peoples-rights/"


@pytest.mark.parametrize(("state", "treaty"), [("KEN", "AU-ACHPR"), ("TZA", "AU-ACHPR-COURT")])
def test_the_african_charter_and_its_court_protocol_cannot_be_left(kg, state: str, treaty: str) -> None:
    result = withdraw(kg, iri("state", state), iri("treaty", treaty), D(2026, 1, 1))
    assert result.legal_status.status == "not-permitted"
    assert result.effective is None and result.bodies_losing_access == ()
    cited = {c.article: c.sources for c in result.legal_status.citations}
    assert "VCLT Art. 56(1)" in cited
    assert any(ILG2 in sources for sources in cited.values())


def test_a_treaty_without_clause_data_is_date_unknown() -> None:
    # the rule for a treaty whose clause data the graph lacks: a graph without the African
    # Charter's clause answers "date-unknown", saying the graph holds no clause
    from obligraph.store import load

    bare = load()
    bare.store.update(
        """PREFIX og: <https://w3id.org/obligraph/ontology#>
           DELETE WHERE { ?x og:clauseOf <https://w3id.org/obligraph/id/treaty/AU-ACHPR> ;
                             og:clauseKind og:NoDenunciationClause ; ?p ?o }"""
    )
    result = withdraw(bare, iri("state", "KEN"), iri("treaty", "AU-ACHPR"), D(2026, 1, 1))
    assert result.legal_status.status == "date-unknown"
    assert "holds no clause" in result.legal_status.reason
