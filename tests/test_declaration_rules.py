"""The small rules that read declarations, withdrawals and dates out of UNTC text, each on words
quoted from the pages captured 2026-02-03 (no raw data needed)."""

import datetime as dt

from rdflib import Literal

from obligraph.importers import emit
from obligraph.importers.untc_competence import (
    Procedures,
    Statement,
    articles_named,
    classify,
    classify_piece,
    stance,
)
from obligraph.importers.untc_endnotes import (
    date_list,
    previous_declarations,
    quoted_declarations,
    withdrawals,
)
from obligraph.importers.untc_reservations import kind_of, own_articles
from obligraph.rdf_terms import OG, entity

D = dt.date
# CAT: Arts. 21 (inter-state) and 22 (individuals) need a declaration; Art. 20 (inquiry) can be
# excluded under Art. 28 (the graph's powers and clauses say so; here written out).
CAT = Procedures(
    {"21": "InterStateComplaints", "22": "IndividualComplaints"}, {"20": "InquiryPower"}, {"28": "20"}
)
CMW = Procedures({"76": "InterStateComplaints", "77": "IndividualComplaints"}, {}, {})


def test_articles_named_in_the_ways_the_pages_write_them() -> None:
    assert articles_named("in accordance with articles 21 and 22 of the Convention") == ("21", "22")
    assert articles_named("as provided for in article(s) 20, 21 and 22 of the Convention") == (
        "20",
        "21",
        "22",
    )
    assert articles_named("Pursuant to paragraph 1 of article 14 of the Convention") == ("14",)
    assert articles_named("article 14, paragraphs 2 and 3, of the Convention") == (
        "14",
    )  # 2, 3 are paragraphs
    assert articles_named("as provided for under article XIV of the International Convention") == (
        "14",
    )  # Brazil, CERD
    assert articles_named("for the purposes of article twelve of the Optional Protocol") == (
        "12",
    )  # Portugal, IV-11-d
    assert articles_named("referring to the said articles [21 and 22].") == ("21", "22")  # Uruguay, CAT


def test_stance_of_the_named_examples() -> None:
    # IV-13, Türkiye: "Turkey will recognize the competence of the Committee ... at a later time."
    turkey = "Turkey will recognize the competence of the Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families at a later time."
    assert stance(turkey)[0] == "future-intent"
    finding = classify(Statement(turkey, "E) The declaration regarding Articles 76 and 77:"), CMW)
    assert (finding.stance, finding.articles, finding.found_by) == ("future-intent", ("76", "77"), "heading")
    # IV-9, Fiji: a refusal names articles 20, 21 and 22
    fiji = "The Government of the Republic of Fiji does not recognize the competence of the Committee against Torture as provided for in article(s) 20, 21 and 22 of the Convention"
    assert classify(Statement(fiji, ""), CAT).articles == ("20", "21", "22")
    assert classify(Statement(fiji, ""), CAT).stance == "excludes"
    # IV-4, Switzerland 1992: "shall recognize, for a period of five years" is an acceptance, not intent
    swiss = "Switzerland declares, pursuant to article 41, that it shall recognize, for a period of five years, the competence of the Human Rights Committee"
    assert stance(swiss)[0] == "accepts"


def test_france_names_no_article_the_procedure_says_which() -> None:
    # IV-9, France, 23 June 1988: "[. . .]" where the article number stood
    lines = (
        "The Government of France declares [. . .] that it recognizes the competence of the Committee against Torture to receive and consider communications to the effect that a State Party claims that another State Party is not fulfilling its obligations under the Convention.",
        "The Government of France declares [. . .] that it recognizes the competence of the Committee against Torture to receive and consider communications from or on behalf of individuals subject to its jurisdiction who claim to be victims of a violation by a State Party of the provisions of the Convention.",
    )
    found = classify_piece(lines, CAT, ("21", "22"))
    assert [(f.stance, f.articles, f.found_by) for f in found] == [
        ("accepts", ("21",), "procedure"),
        ("accepts", ("22",), "procedure"),
    ]


def test_reservation_to_article_28_excludes_article_20() -> None:
    # IV-9, Pakistan: "In accordance with Article 28, paragraph 1, ... does not recognize the
    # competence of the Committee provided for in Article 20"
    text = "In accordance with Article 28, paragraph 1, of the Convention, the Government of the Islamic Republic of Pakistan hereby declares that it does not recognize the competence of the Committee provided for in Article 20"
    assert classify(Statement(text, ""), CAT).articles == ("20",)


def test_dates_listed_the_way_end_notes_list_them() -> None:
    assert date_list("8 March, 19 and 20 April 1989") == [D(1989, 3, 8), D(1989, 4, 19), D(1989, 4, 20)]
    assert date_list("1 October 1991, 3 October 2001, and 12 September 2003") == [
        D(1991, 10, 1),
        D(2001, 10, 3),
        D(2003, 9, 12),
    ]


def test_withdrawals_respectively() -> None:
    # IV-9 end-note 18 (sentence as printed)
    note = (
        "Subsequently, on 1 October 1991, 3 October 2001, and 12 September 2003, respectively, the Governments of the "
        "Union of Soviet Socialist Republics, Belarus and Ukraine notified the Secretary-General that it had decided to "
        "withdraw the following reservation with regard to article 20 made upon signature and confirmed upon ratification."
    )
    got = [(w.date, w.government, w.articles, w.made_upon) for w in withdrawals(note)]
    assert got == [
        (D(1991, 10, 1), "Union of Soviet Socialist Republics", ("20",), "signature"),
        (D(2001, 10, 3), "Belarus", ("20",), "signature"),
        (D(2003, 9, 12), "Ukraine", ("20",), "signature"),
    ]
    # IV-9 end-note 19: one government, two dates, two articles in order
    bulgaria = (
        "On 24 June 1992 and 25 June 1999, respectively, the Government of Bulgaria notified the Secretary-General of its "
        "decision to withdraw the reservations to article 30 (1) and 20, made upon signature and confirmed upon ratification."
    )
    assert [(w.date, w.articles) for w in withdrawals(bulgaria)] == [
        (D(1992, 6, 24), ("30",)),
        (D(1999, 6, 25), ("20",)),
    ]
    # a withdrawal of an objection is not a reservation
    assert (
        withdrawals(
            "On 5 May 2000, the Government of X notified the Secretary-General that it withdraws its objection."
        )
        == []
    )


def test_previous_declarations_and_a_predecessors_declaration() -> None:
    # IV-4 end-note 48 (Spain)
    spain = "Previous declarations were received on 25 January 1985 and 21 December 1988, and expired on 25 January 1988 and 21 December 1993, respectively."
    assert [(p.received, p.expired) for p in previous_declarations(spain)] == [
        (D(1985, 1, 25), D(1988, 1, 25)),
        (D(1988, 12, 21), D(1993, 12, 21)),
    ]
    # IV-4 end-note 7 (Czechoslovakia)
    note = (
        "Czechoslovakia had signed and ratified the Convention on 7 October 1968 and 23 December 1975, respectively, with "
        "reservations and declarations. Subsequently, on 12 March 1991, the Government of Czechoslovakia had declared the "
        "following: [The Czech and Slovak Federal Republic] recognizes the competence of the Human Rights Committee established "
        "on the basis of article 28 of the Covenant to receive and consider communications to the effect that a State Party "
        "claims that another State Party is not fulfilling its obligations under the Covenant."
    )
    quoted = quoted_declarations(note)
    assert [(q.date, q.government) for q in quoted] == [(D(1991, 3, 12), "Czechoslovakia")]
    assert quoted[0].text.startswith("[The Czech and Slovak Federal Republic] recognizes")


def test_reservation_kind_and_articles_of_the_treaty_itself() -> None:
    assert (
        kind_of("Reservations made upon signature and confirmed upon ratification:") == OG.ReservationProper
    )
    assert kind_of("Interpretative declaration:") == OG.InterpretativeDeclaration
    assert kind_of("") == OG.UnlabelledStatement
    # IV-4, France: "in accordance with Article 103 of the Charter" is not an article of the Covenant
    assert own_articles(
        "in accordance with Article 103 of the Charter of the United Nations, article 14 of the Covenant"
    ) == ("14",)


def test_a_value_no_page_states_is_low() -> None:
    # the project's rule: a fact is high only where a cited page says it
    g = emit.new_graph()
    fact = entity("action", "TUR", "ETS-005", "1", "signature")
    g.add((fact, OG.confidence, Literal("high")))
    emit.add_sources(g, fact, "memory")
    sourced = entity("action", "FRA", "ETS-005", "1", "signature")
    g.add((sourced, OG.confidence, Literal("high")))
    emit.add_sources(g, sourced, "https://example.org/page")
    assert emit.lower_unsourced(g) == 1
    assert {str(o) for o in g.objects(fact, OG.confidence)} == {"low"}
    assert {str(o) for o in g.objects(sourced, OG.confidence)} == {"high"}
