"""When an optional procedure came into force, as a UNTC page says it.

Some opt-in procedures operate only once enough states have declared (the threshold is clause
data, ``og:DeclarationThreshold``). The page gives the date the procedure came into force in one
of three places, each read by one rule:

- the header: "28 March 1979 for the provisions of article 41 (Human Rights Committee)";
- an end-note on the header's entry into force: "Including the provisions of articles 21 and 22
  concerning the competence of the Committee ...": in force with the treaty;
- an end-note on the heading of the table of declarations: "The first ten declarations ... took
  effect on 3 December 1982, ... according to article 14".

Only articles whose power needs an opt-in are recorded, and nothing is guessed: an article whose
date no page gives gets no record, so an opt-in power under a threshold clause is then never
counted as in force.
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from obligraph.importers.untc_competence import Procedures, articles_named
from obligraph.importers.untc_pages import LONG_DATE, Page, long_date
from obligraph.rdf_terms import OG, article, entity

CAPTURED = "page captured 2026-02-03"
_FOR_PROVISIONS = re.compile(rf"({LONG_DATE.pattern}) for the provisions of (articles? [^;(.]+)")
_INCLUDING = re.compile(r"^Including the provisions of (articles? [\w\s,]+?) concerning the competence")
_TOOK_EFFECT = re.compile(rf"took effect on ({LONG_DATE.pattern})")


def dates_in_force(page: Page) -> list[tuple[str, dt.date, str, str]]:
    """(article number, date, where on the page, the page's words) for each rule that fits."""
    out: list[tuple[str, dt.date, str, str]] = []
    header = page.header
    for match in _FOR_PROVISIONS.finditer(header.entry_into_force_text):
        for number in articles_named(match.group(5)):
            out.append((number, long_date(match.group(1)), "header 'Entry into force'", match.group(0)))
    for note in header.entry_into_force_notes:
        including = _INCLUDING.match(page.notes.get(note, ""))
        if including and header.entry_into_force:
            for number in articles_named(including.group(1)):
                words = f"{header.entry_into_force_text} [end-note {note}:] {page.notes[note]}"
                out.append(
                    (number, header.entry_into_force, f"header 'Entry into force' and end-note {note}", words)
                )
    heading = page.under_article_heading
    for note in heading.notes if heading else ():
        text = page.notes.get(note, "")
        took = _TOOK_EFFECT.search(text)
        if took:
            for number in articles_named(text) or articles_named(heading.text if heading else ""):
                out.append(
                    (number, long_date(took.group(1)), f"end-note {note} to the table of declarations", text)
                )
    return out


def read(g: Graph, page: Page, code: str, url: URIRef, procedures: Procedures) -> None:
    for number, date, where, words in dates_in_force(page):
        if number not in procedures.opt_in:
            continue
        node = entity("procedure", code, number)
        g.add((node, RDF.type, OG.ProcedureEntryIntoForce))
        g.add((node, OG.procedureArticle, article(code, number)))
        g.add((node, OG.inForceFrom, Literal(date.isoformat(), datatype=XSD.date)))
        g.add((node, PROV.wasDerivedFrom, url))
        g.add((node, OG.confidence, Literal("high")))
        g.add((node, OG.sourceRow, Literal(f"UNTC {code.removeprefix('UN-')}, {where} ({CAPTURED})")))
        g.add((node, OG.note, Literal(f"The page's words: '{words[:800]}'")))
