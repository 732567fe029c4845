"""Attempted withdrawals recorded in UNTC end-notes: a notification of withdrawal from a treaty
that has no withdrawal provision, and the depositary's view of it (UNTC IV-4, end-note 8: the
Democratic People's Republic of Korea, 1997). Each becomes a treaty action that took no effect,
with the depositary's words; the participation goes on."""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from obligraph.importers.untc_names import NameResolver, party_iri
from obligraph.importers.untc_pages import LONG_DATE, Page, long_date
from obligraph.rdf_terms import OG, entity, treaty

CAPTURED = "page captured 2026-02-03"
_RECEIVED = re.compile(
    rf"On (?P<received>{LONG_DATE.pattern}), the Secretary-General received from the Government of "
    rf"(?:the )?(?P<who>[A-Z][^,]+?) a notification of withdrawal from the (?P<what>\w+)"
    rf"(?:, dated (?P<dated>{LONG_DATE.pattern}))?"
)
_NO_PROVISION = re.compile(r"does not contain a (?:withdrawal|denunciation) provision", re.IGNORECASE)
_POSITION = re.compile(
    r"(?:the Secretary-General is of the opinion that|in the view of the Secretary-General,)[^.]+\."
)


def read(g: Graph, page: Page, code: str, url: URIRef, resolver: NameResolver) -> None:
    for number, text in sorted(page.notes.items()):
        m = _RECEIVED.search(text)
        if not m or not _NO_PROVISION.search(text):
            continue
        resolved = party_iri(m.group("who"), resolver)
        if resolved is None:
            continue
        party, key = resolved
        node = entity("action", key, code, "attempted-withdrawal", long_date(m.group("received")).isoformat())
        g.add((node, RDF.type, OG.TreatyAction))
        g.add((node, OG.actor, party))
        g.add((node, OG.treaty, treaty(code)))
        g.add((node, OG.actionKind, OG.DenunciationNotification))
        g.add((node, OG.depositDate, Literal(long_date(m.group("received")).isoformat(), datatype=XSD.date)))
        g.add((node, OG.tookEffect, Literal(False)))
        g.add((node, PROV.wasDerivedFrom, url))
        g.add((node, OG.confidence, Literal("high")))
        g.add(
            (node, OG.sourceRow, Literal(f"UNTC {code.removeprefix('UN-')} end-note {number} ({CAPTURED})"))
        )
        position = _POSITION.search(text)
        if position:
            g.add((node, OG.depositaryPosition, Literal(position.group(0).strip())))
        g.add((node, OG.note, Literal(text[:1000])))
