"""The consequence engine on real historical cases; each expected outcome cites its source."""

import datetime as dt

import pytest

from obligraph.analysis import engine
from obligraph.analysis.events import Event
from obligraph.analysis.impact import assess, withdraw
from obligraph.store import IRI
from tests.conftest import iri

D = dt.date


def _losing(result) -> dict[str, object]:
    return {b.body.id: b for b in result.bodies_losing_access}


def test_russia_expelled_from_the_coe(kg) -> None:
    # CM/Res(2022)2: membership ceased 16 March 2022. CM/Res(2022)3: Russia ceases to be an ECHR
    # party on 16 September 2022 (ECHR Art. 58(3)); the CPT President's statement: Russia remains
    # an ECPT party (open to non-members).
    run = engine.run(kg, [Event("expel", iri("state", "RUS"), iri("org", "CoE"), D(2022, 3, 16))])
    result = assess(kg, run.events[0][1])
    ends = {e.subject.rsplit("/id/", 1)[1]: e.on for e in run.effects}
    assert ends["participation/RUS/ETS-005/1"] == D(2022, 9, 16)
    losing = _losing(result)
    assert losing["ECtHR"].from_ == D(2022, 9, 16)
    assert losing["ECtHR"].limitation == "for acts after 2022-09-16"  # ECHR Art. 58(2)
    assert "CPT" not in losing
    assert "visits" in {b.body.id: b.powers for b in result.bodies_retaining_access}["CPT"]
    # the cascade: expulsion -> membership ends -> ECHR participation ends, in time order
    texts = [s.text for s in result.cascade]
    assert texts[0].startswith("Russia is expelled from the Council of Europe")
    assert run.cascade.has_edge(
        iri("membership", "RUS/CoE/2022-02-25"), iri("participation", "RUS/ETS-005/1")
    )


def test_turkey_leaves_the_istanbul_convention(kg) -> None:
    # Turkey's notice of 22 Mar 2021 (other_withdrawals.csv, recalled); effect 1 July 2021 (Official
    # Gazette, Hurriyet Daily News) under Art. 80: first day of the month after three months.
    result = withdraw(kg, iri("state", "TUR"), iri("treaty", "CETS-210"), D(2021, 3, 22))
    assert result.effective == D(2021, 7, 1)
    assert _losing(result)["GREVIO"].from_ == D(2021, 7, 1)


def test_greece_leaves_the_coe_in_1969(kg) -> None:
    # 70.coe.int: Greece withdrew from the CoE on 12 Dec 1969 and denounced the ECHR the same day;
    # the ECHR denunciation took effect in 1970 (Art. 58(1): six months' notice).
    run = engine.run(
        kg,
        [
            Event("leave", iri("state", "GRC"), iri("org", "CoE"), D(1969, 12, 12)),
            Event("withdraw", iri("state", "GRC"), iri("treaty", "ETS-005"), D(1969, 12, 12)),
        ],
    )
    ends = {e.subject.rsplit("/id/", 1)[1]: e.on for e in run.effects}
    assert ends["participation/GRC/ETS-005/1953"].year == 1970
    # Statute Art. 7: a notice in the last three months of a year takes effect at the end of the next
    assert ends["membership/GRC/CoE/1949-08-09"] == D(1970, 12, 31)


@pytest.mark.parametrize(
    "state,notified,effective",
    [
        ("BDI", D(2016, 10, 27), D(2017, 10, 27)),  # Reuters (notice); ICC / CICC factsheet (effect)
        ("PHL", D(2018, 3, 17), D(2019, 3, 17)),  # ICC statement of 20 Mar 2018; effect per Art. 127(1)
    ],
)
def test_leaving_the_rome_statute(kg, state: str, notified: dt.date, effective: dt.date) -> None:
    result = withdraw(kg, iri("state", state), iri("treaty", "UN-XVIII-10"), notified)
    assert result.effective == effective
    icc = _losing(result)["ICC"]
    assert icc.limitation == f"for acts after {effective}"  # Art. 127(2): earlier obligations stay


def test_venezuela_leaves_the_achr(kg) -> None:
    # Inter-American Court ("ABC" 2020): notified 10 Sep 2012, effective 10 Sep 2013 (Art. 78(1)).
    result = withdraw(kg, iri("state", "VEN"), iri("treaty", "OAS-B-32"), D(2012, 9, 10))
    assert result.effective == D(2013, 9, 10)
    assert "IACHR" in _losing(result)


def test_jamaica_leaves_op1(kg) -> None:
    # UNTC IV-5 end-note 3: notice 23 Oct 1997; OP1 Art. 12(1): three months -> 23 Jan 1998.
    result = withdraw(kg, iri("state", "JAM"), iri("treaty", "UN-IV-5"), D(1997, 10, 23))
    assert result.effective == D(1998, 1, 23)
    assert _losing(result)["HRCttee"].powers == ("individual-complaints",)
    assert "state-reporting" in {b.body.id: b.powers for b in result.bodies_retaining_access}["HRCttee"]


def test_hypothetical_russia_ratifies_opcat(kg) -> None:
    # OPCAT Art. 28(2): in force on the 30th day after deposit; Art. 11(a): the SPT visits.
    run = engine.run(kg, [Event("ratify", iri("state", "RUS"), iri("treaty", "UN-IV-9-b"), D(2026, 1, 15))])
    result = assess(kg, run.events[0][1])
    assert result.effective == D(2026, 2, 14)
    gaining = {b.body.id: b for b in result.bodies_gaining_access}
    assert "visits" in gaining["SPT"].powers


def test_seed_question_gap_and_summary(kg) -> None:
    # Issue 4: "after 2026-11-01 no international body may visit places of detention in Russia".
    result = withdraw(kg, iri("state", "RUS"), iri("treaty", "ETS-126"), D(2025, 10, 3))
    assert any(
        g.startswith("after 2026-11-01 no international body may visit places of detention")
        for g in result.gaps
    )
    assert "2026-11-01" in result.summary and "CPT" in result.summary
    assert result.cascade and result.cascade[-1].date == D(2026, 11, 1)


def test_base_graph_is_never_changed(kg) -> None:
    before = len(kg)
    engine.run(kg, [Event("expel", iri("state", "FRA"), iri("org", "CoE"), D(2030, 1, 1))])
    assert len(kg) == before


def test_rules_name_their_article() -> None:
    for rule in engine.load_rules():
        assert rule.title and rule.article, rule.path


def test_a_rule_runs_only_for_the_subjects_its_trigger_names(kg, tmp_path, monkeypatch) -> None:
    # membership-condition waits for an end of a membership (org:member), not of a participation:
    # a withdrawal from the ECPT ends a participation, and the rule's query is not run
    rules = {r.name: r for r in engine.load_rules()}
    assert rules["membership-condition"].trigger_subject == "http://www.w3.org/ns/org#member"
    asked: list[str] = []
    ran = engine.OverlayGraph.raw_query

    def spy(self, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.extend(name for name, rule in rules.items() if rule.text == text)
        return ran(self, text, *args, **kwargs)

    monkeypatch.setattr(engine.OverlayGraph, "raw_query", spy)
    engine.run(kg, [Event("withdraw", iri("state", "RUS"), iri("treaty", "ETS-126"), D(2025, 10, 3))])
    assert "denunciation-effect" in asked and "membership-condition" not in asked
    asked.clear()
    engine.run(kg, [Event("expel", iri("state", "RUS"), iri("org", "CoE"), D(2022, 3, 16))])
    assert "membership-condition" in asked
    bad = tmp_path / "bad.rq"
    bad.write_text(
        "# rule: bad\n# title: t\n# trigger: og:endsOn\n# trigger-subject: og:a og:b\nCONSTRUCT {} WHERE {}\n"
    )
    with pytest.raises(engine.BadParameterError, match="one predicate"):
        engine.load_rules(tmp_path)


def test_scenario_file_before_and_after(kg, resolver, tmp_path) -> None:
    from obligraph.analysis import scenario

    path = tmp_path / "s.yaml"
    path.write_text(
        "name: t\nstate: RUS\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n"
        "  - ratify: OPCAT\n    on: 2026-01-15\n"
    )
    result = scenario.evaluate(kg, scenario.load(path, resolver))
    changes = {(c.what, c.item.split(":")[0], c.change) for c in result.changes}
    assert ("treaty", "ECPT (ETS-126)", "removed") in changes and (
        "treaty",
        "OPCAT (UN-IV-9-b)",
        "added",
    ) in changes
    assert result.on == D(2026, 11, 1)


@pytest.mark.parametrize(
    "text,message",
    [
        ("events: []\n", "non-empty 'events'"),
        ("state: RUS\nevents:\n  - withdraw: ECPT\n", "needs 'notified: YYYY-MM-DD'"),
        (
            "state: RUS\nevents:\n  - withdraw: ECPT\n    ratify: OPCAT\n    notified: 2025-10-03\n",
            "exactly one of",
        ),
        ("state: Rusia\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n", "unknown state 'Rusia'"),
        ("events: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_scenario_files(resolver, tmp_path, text: str, message: str) -> None:
    from obligraph.analysis import scenario
    from obligraph.errors import ObligraphError

    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ObligraphError, match=message):
        scenario.load(path, resolver)


def test_matrix_row_for_russia_and_the_ecpt(kg) -> None:
    from obligraph.analysis import matrix

    rows = {(r.state, r.treaty): r for r in matrix.build(kg, D(2026, 2, 3))}
    ecpt = rows[("RUS", "ETS-126")]
    assert ecpt.bodies == ("CPT",) and "CPT:visits" in ecpt.powers
    assert set(ecpt.obligations_ceasing) == {"cooperate-with-cpt", "permit-cpt-visits"}
    # the prohibition of torture has other bases (ICCPR Art. 7, custom): never in a matrix row
    assert all("prohibit-torture" not in r.obligations_ceasing for r in rows.values())


def test_cli_matrix_and_scenario(tmp_path) -> None:
    from typer.testing import CliRunner

    from obligraph.cli import app

    runner = CliRunner()
    out = tmp_path / "m.csv"
    result = runner.invoke(app, ["matrix", "--on", "2026-02-03", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines()[0] == "state,treaty,bodies,powers,obligations_ceasing"
    result = runner.invoke(app, ["impact", "RUS", "--expel-from", "CoE"])
    assert result.exit_code == 2 and "--expel-from needs --on DATE" in result.output
    result = runner.invoke(app, ["impact", "RUS", "--withdraw", "ECPT", "--ratify", "OPCAT"])
    assert result.exit_code == 2 and "exactly one of" in result.output


def test_scenario_lives_in_an_overlay_that_is_dropped(kg) -> None:
    # The scenario's triples go to a scratch named graph of the base store; the default graph is
    # untouched while the run is alive, and the scratch graph goes when the run is dropped.
    default_before = len(list(kg.store.quads_for_pattern(None, None, None, engine.ox.DefaultGraph())))
    run = engine.run(kg, [Event("withdraw", iri("state", "RUS"), iri("treaty", "ETS-126"), D(2025, 10, 3))])
    assert type(run.kg).__name__ == "OverlayGraph"
    default_during = len(list(kg.store.quads_for_pattern(None, None, None, engine.ox.DefaultGraph())))
    assert default_during == default_before
    assert len(list(kg.store.named_graphs())) == 1
    # the base graph alone does not see the scenario's end of Russia's ECPT participation
    ended = "SELECT ?on WHERE { ?p og:endsOn ?on }"
    assert kg.query(ended, {"p": IRI(iri("participation", "RUS/ETS-126/1"))}) == []
    assert run.kg.query(ended, {"p": IRI(iri("participation", "RUS/ETS-126/1"))})
    del run
    import gc

    gc.collect()
    assert list(kg.store.named_graphs()) == []


def test_an_earlier_hypothetical_end_replaces_a_recorded_one(kg) -> None:
    # Hungary's Rome Statute withdrawal takes effect 2026-06-02 (ICC Assembly of States Parties
    # statement, cited in graph/generated/coe/withdrawals.ttl). A hypothetical notice on
    # 2024-05-01 takes effect one year later, 2025-05-01 (Rome Statute Art. 127(1)), so the
    # recorded end has to be replaced: the engine works on a copy, never on the base.
    from obligraph.analysis import facts

    hun, rome = iri("state", "HUN"), iri("treaty", "UN-XVIII-10")
    run = engine.run(kg, [Event("withdraw", hun, rome, D(2024, 5, 1))])
    assert {e.on for e in run.effects} == {D(2025, 5, 1)}
    assert type(run.kg).__name__ == "KnowledgeGraph"

    def ends(graph):
        return {p.until for p in facts.participations(graph, hun) if p.treaty == rome}

    assert ends(kg) == {D(2026, 6, 2)}  # the record
    assert ends(run.kg) == {D(2025, 5, 1)}  # the scenario replaces it
    assert list(kg.store.named_graphs()) == []


def test_clause_condition_the_engine_does_not_evaluate_is_a_warning(kg) -> None:
    # CRC-OP-AC Art. 11(1) (Austrian RIS translation): denunciation takes effect one year after
    # receipt, but not while the state is engaged in armed conflict. The date is the earliest one.
    result = withdraw(kg, iri("state", "DEU"), iri("treaty", "UN-IV-11-b"), D(2026, 1, 10))
    assert result.effective == D(2027, 1, 10)
    assert result.effective_rule is not None and "armed conflict" in (result.effective_rule.condition or "")
    assert any(w.startswith("2027-01-10 is the earliest date") for w in result.warnings)


def test_withdrawing_an_opt_in_declaration_ends_the_power(kg) -> None:
    # UNTC IV-9 (captured 2026-02-03): the USSR's declarations under CAT Arts. 21 and 22 of
    # 1 October 1991, continued by Russia. CAT Art. 22(1): by such a declaration a state accepts
    # the Committee's competence to consider individual communications. Withdrawing it (Art.
    # 22(8)) ends that power; the inquiry (Art. 20) and inter-state (Art. 21) powers stay.
    rus, art22 = iri("state", "RUS"), iri("article", "UN-IV-9/22")
    run = engine.run(kg, [Event("undeclare", rus, art22, D(2026, 3, 1))])
    result = assess(kg, run.events[0][1])
    assert {b.body.id: b.powers for b in result.bodies_losing_access} == {"CAT": ("individual-complaints",)}
    kept = {b.body.id: b.powers for b in result.bodies_retaining_access}
    assert {"inquiry", "inter-state-complaints"} <= set(kept["CAT"])
    # the base graph still has the declaration in effect
    from obligraph.analysis import facts

    assert any(r.kind == "individual-complaints" for r in facts.powers_over(kg, rus, D(2026, 3, 2)))


def test_a_new_opt_in_declaration_gives_the_power(kg) -> None:
    # China is a CAT party (UNTC IV-9) with no declaration under Art. 22 on the page.
    chn, art22 = iri("state", "CHN"), iri("article", "UN-IV-9/22")
    run = engine.run(kg, [Event("declare", chn, art22, D(2026, 3, 1))])
    result = assess(kg, run.events[0][1])
    assert {b.body.id: b.powers for b in result.bodies_gaining_access} == {"CAT": ("individual-complaints",)}


def test_withdrawing_an_opt_out_gives_the_power_back(kg) -> None:
    # UNTC IV-9: the United Arab Emirates declared on accession (19 July 2012) under Art. 28 that
    # it does not recognise the Committee's Art. 20 inquiry competence. Withdrawing it (Art.
    # 28(2)) gives the Committee the inquiry power.
    are, art28 = iri("state", "ARE"), iri("article", "UN-IV-9/28")
    run = engine.run(kg, [Event("undeclare", are, art28, D(2026, 3, 1))])
    result = assess(kg, run.events[0][1])
    assert {b.body.id: b.powers for b in result.bodies_gaining_access} == {"CAT": ("inquiry",)}


def test_declaration_commands_and_scenario(tmp_path, resolver) -> None:
    import json

    from typer.testing import CliRunner

    from obligraph.analysis import scenario
    from obligraph.cli import app

    runner = CliRunner()
    done = runner.invoke(
        app, ["impact", "RUS", "--withdraw-declaration", "CAT 22", "--on", "2026-03-01", "--json"]
    )
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["action"] == "withdrawal of a declaration"
    assert [b["id"] for b in data["bodies_losing_access"]] == ["CAT"]
    bad = runner.invoke(app, ["impact", "CHN", "--declare", "CAT 28", "--on", "2026-03-01"])
    assert bad.exit_code == 2 and "grants no power that needs a declaration" in bad.output
    unknown = runner.invoke(app, ["impact", "CHN", "--declare", "CAT 99", "--on", "2026-03-01"])
    assert unknown.exit_code == 2 and "unknown article 'CAT 99'" in unknown.output
    path = tmp_path / "s.yaml"
    path.write_text("name: t\nstate: RUS\nevents:\n  - withdraw-declaration: CAT 22\n    on: 2026-03-01\n")
    result = scenario.evaluate(resolver.kg, scenario.load(path, resolver))
    assert [(c.what, c.change) for c in result.changes] == [("power", "removed")]
    assert "individual-complaints" in result.changes[0].item


def test_a_lone_withdrawal_in_a_scenario_is_the_impact_answer(kg, resolver, tmp_path) -> None:
    # Issue 12, one road: a scenario file with one withdrawal and `impact --withdraw` give the same
    # answer (ECPT Art. 22: notified 2025-10-03 -> 2026-11-01).
    import json

    from typer.testing import CliRunner

    from obligraph import render
    from obligraph.analysis import scenario
    from obligraph.cli import app

    path = tmp_path / "one.yaml"
    path.write_text("name: one\nstate: RUS\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n")
    result = scenario.evaluate(kg, scenario.load(path, resolver))
    direct = withdraw(kg, iri("state", "RUS"), iri("treaty", "ETS-126"), D(2025, 10, 3))
    assert [render.impact_json(i) for i in result.impacts] == [render.impact_json(direct)]
    assert direct.effective == D(2026, 11, 1)
    runner = CliRunner()
    from_file = json.loads(runner.invoke(app, ["scenario", str(path), "--json"]).output)
    from_impact = json.loads(
        runner.invoke(
            app, ["impact", "RUS", "--withdraw", "ECPT", "--notified", "2025-10-03", "--json"]
        ).output
    )
    assert from_file["impacts"] == [from_impact]


def test_an_undated_withdrawal_runs_the_engine_undated(kg) -> None:
    # No stored page gives the date Russia's ECPT notification reached the Secretary General: the
    # engine runs with the event undated, applies no rule that needs the date, and says so.
    event = Event("withdraw", iri("state", "RUS"), iri("treaty", "ETS-126"), None)
    run = engine.run(kg, [event])
    assert run.undated == (event,) and run.effects == ()
    result = assess(kg, event, today=D(2025, 12, 1))
    assert result.effective is None and result.notified_from == "unknown"
    assert {b.body.id: b.from_ for b in result.bodies_losing_access} == {"CPT": None}


@pytest.mark.parametrize("state", ["RUS", "JAM", "VEN", "GBR", "TUR", "BDI"])
def test_powers_after_ends_read_from_the_base_graph_match_the_scenario_view(kg, state: str) -> None:
    # the powers kept after an event that only ends participations or memberships are read from
    # the base graph, less the rows through what ended: the same rows as the scenario's view
    from obligraph.analysis import consequences, facts

    who = iri("state", state)
    on = D(2025, 10, 3)
    events = [
        Event("withdraw", who, p.treaty, on) for p in facts.participations(kg, who) if facts.in_force(p, on)
    ]
    events += [
        Event("expel", who, iri("org", "CoE"), D(2022, 3, 16)),
        Event("leave", who, iri("org", "UN"), on),
    ]
    compared = 0
    for event in events:
        run = engine.run(kg, [event])
        mine = [e for e in run.effects if e.who == who]
        if not mine:
            continue
        for day in sorted({e.on for e in mine}):  # each effect's day, as the gaps read them
            shortcut = consequences._Reads().after(kg, run, who, day)
            assert shortcut == facts.powers_over(run.kg, who, day), (event, day)
        compared += 1
    assert compared >= 3, compared
