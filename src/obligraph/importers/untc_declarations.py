"""Declarations on UNTC pages that switch a committee's power on (opt-in articles) or off
(opt-outs), dated as the page says."""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from obligraph.importers.treaty_rules import Rule
from obligraph.importers.untc_names import NameResolver, clean_name, party_iri
from obligraph.importers.untc_pages import Page
from obligraph.rdf_terms import OG, article, entity

CAPTURED = "page captured 2026-02-03"


_RECOGNISE = re.compile(r"recogni[sz]e", re.IGNORECASE)
_NOT_RECOGNISE = re.compile(r"(?:not|no longer) recogni[sz]e|does not accept", re.IGNORECASE)


def read(g: Graph, page: Page, code: str, url: URIRef, resolver: NameResolver, rule: Rule) -> None:
    # UNTC: "Unless otherwise indicated, the declarations were made upon ratification, accession
    # or succession"; a participant that has only signed made them upon signature.
    consent_dates = {p.name: p.consent or p.signature for p in page.participants}
    for d in page.declarations:
        name = clean_name(d.participant)
        resolved = party_iri(name, resolver)
        if resolved is None or not ("article" in d.text.lower() or d.table == "under-article"):
            continue
        party, key = resolved
        mentioned = set(re.findall(r"\barticles?\s+(\d+)", d.text, flags=re.IGNORECASE))
        if (
            d.table == "under-article"
            and len(rule.opt_in_articles) == 1
            and "communications" in d.text.lower()
        ):
            # the table holds declarations under the instrument's one opt-in article (CERD Art. 14),
            # whose texts often name no article
            mentioned.add(rule.opt_in_articles[0])
        mentioned |= set(re.findall(r"\barticles\s+\d+\s+and\s+(\d+)", d.text, flags=re.IGNORECASE))
        when = d.date or consent_dates.get(d.participant) or consent_dates.get(name)
        for number in rule.opt_in_articles:
            if number in mentioned and _RECOGNISE.search(d.text) and not _NOT_RECOGNISE.search(d.text):
                _declaration(g, key, party, code, number, "accepts", when, d.date is None, url, d.text)
        for excluded, clause_article in rule.opt_out:
            if excluded in mentioned and _NOT_RECOGNISE.search(d.text):
                _declaration(
                    g,
                    key,
                    party,
                    code,
                    excluded,
                    "excludes",
                    when,
                    d.date is None,
                    url,
                    d.text,
                    under=clause_article,
                )


def _declaration(
    g: Graph,
    key: str,
    party: URIRef,
    code: str,
    number: str,
    how: str,
    when: dt.date | None,
    upon_consent: bool,
    url: URIRef,
    text: str,
    under: str | None = None,
) -> None:
    # a state may renew a declaration (Switzerland under ICCPR Art. 41): one node per date
    node = entity("declaration", key, code, f"{how}-art{number}" + (f"-{when.isoformat()}" if when else ""))
    g.add((node, RDF.type, OG.Declaration))
    g.add((node, OG.declarant, party))
    g.add((node, OG.underArticle, article(code, under or number)))
    g.add((node, OG.accepts if how == "accepts" else OG.excludes, article(code, number)))
    g.add((node, PROV.wasDerivedFrom, url))
    g.add((node, OG.confidence, Literal("high")))
    g.add((node, OG.sourceRow, Literal(f"UNTC {code.removeprefix('UN-')} declarations ({CAPTURED})")))
    g.add((node, OG.note, Literal(text[:500])))
    if when:
        g.add((node, OG.declarationDate, Literal(when.isoformat(), datatype=XSD.date)))
        if upon_consent:
            g.add(
                (
                    node,
                    OG.note,
                    Literal(
                        "Undated on UNTC: 'Unless otherwise indicated, the declarations were made upon ratification, "
                        "accession or succession'; dated with the deposit of the instrument."
                    ),
                )
            )
    else:
        g.add((node, OG.dateUnknown, Literal("declarationDate")))
