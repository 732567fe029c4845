"""Reservations, interpretative declarations and other declarations on UNTC pages, as facts.

Two places, two rules:

- the table of declarations and reservations: each participant's text, cut at the dates printed
  above its parts and at its headings ("Reservations:", "Interpretative declaration:"), is one
  fact per part: who, which treaty, its kind (from the heading's words; "unlabelled" where the
  page gives none), the articles the text names, the date (printed, or the act the heading or
  the page's rule names: "made upon signature", otherwise ratification, accession or
  succession), and the text;
- the end-notes: each withdrawal ("On 4 August 1998, the Government of Bahrain withdrew the
  following reservation to article 20 made upon accession: ...") is a fact of its own: the
  reservation as withdrawn, with the date, whether partial, the articles named and the note's
  words. UNTC takes a withdrawn reservation off the table and tells it in a note, so the two
  places do not repeat each other.

Long texts are cut (the page is cited for the rest).
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from obligraph.importers import untc_endnotes
from obligraph.importers.untc_competence import articles_named
from obligraph.importers.untc_declaration_facts import CAPTURED
from obligraph.importers.untc_declarations import Reader
from obligraph.importers.untc_names import clean_name
from obligraph.importers.untc_pages import DeclarationText
from obligraph.rdf_terms import OG, article, entity

TEXT_LIMIT = 2000
_HEADING = re.compile(
    r"^[\W\d]*(?:[A-Z]\)\s*)?(?:the\s+)?(?:(?P<words>(?:interpretative\s+)?(?:reservations?|declarations?|understandings?)"
    r"(?:\s+(?:and|&)\s+(?:interpretative\s+)?(?:reservations?|declarations?|understandings?))?)\b[^.]{0,90}"
    r"|(?:made\s+|confirmed\s+)?upon\s+(?:signature|ratification|accession|succession)\b[^.]{0,60})$",
    re.IGNORECASE,
)
# "article 103 of the Charter", "article 89 of the Political Constitution": not the treaty's own
_OTHER_INSTRUMENT = re.compile(
    r"\b(?i:articles?)\s+\d+[\w\s(),]{0,30}?\s+of\s+(?:the\s+|its\s+|our\s+)?(?:[A-Z][\w-]*\s+){0,3}"
    r"(?:Charter|Constitution|Basic Law|Code|Act|Law|Vienna Convention|Decree|Ordinance)\b"
)


def own_articles(text: str) -> tuple[str, ...]:
    """The articles of the treaty itself a text names (not those of a charter, constitution or
    law it cites)."""
    return articles_named(_OTHER_INSTRUMENT.sub(" ", text))


KINDS = (
    ("interpretative", OG.InterpretativeDeclaration),
    ("understanding", OG.Understanding),
    ("reservation", OG.ReservationProper),
    ("declaration", OG.GeneralDeclaration),
)


def kind_of(words: str) -> URIRef:
    """The kind the page's own words give (the first that appears), or unlabelled."""
    lowered = words.lower()
    found = [(lowered.find(w), kind) for w, kind in KINDS if w in lowered]
    return URIRef(min(found)[1]) if found else OG.UnlabelledStatement


def sections(lines: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """The parts of a participant's text under each heading line: (heading, lines)."""
    out: list[tuple[str, list[str]]] = []
    for line in lines:
        if _HEADING.match(line) and len(line) < 140:
            out.append((line, []))
        elif out:
            out[-1][1].append(line)
        else:
            out.append(("", [line]))
    return [(h, body) for h, body in out if body]


def read(g: Graph, reader: Reader) -> int:
    """Write the page's reservations; return how many."""
    count = 0
    for piece in reader.page.declarations:
        if piece.table != "declarations-and-reservations" or not piece.lines:
            continue
        resolved = reader.party(piece.participant)
        if resolved is None:
            continue
        for index, (heading, body) in enumerate(sections(piece.lines)):
            count += _from_table(g, reader, piece, resolved, index, heading, body)
    cited = reader.citations()
    for number, note in sorted(reader.page.notes.items()):
        for index, w in enumerate(untc_endnotes.withdrawals(note)):
            who = reader.party(w.government) if w.government else None
            keys = [who[1]] if who else sorted(cited.get(number, set()))
            for key in keys:
                count += _withdrawn(g, reader, key, number, index, w)
    return count


def _from_table(
    g: Graph,
    reader: Reader,
    piece: DeclarationText,
    resolved: tuple[URIRef, str],
    index: int,
    heading: str,
    body: list[str],
) -> int:
    party, key = resolved
    upon = re.search(r"upon\s+(signature|ratification|accession|succession)", heading, re.IGNORECASE)
    made = piece.date or reader.acts_of(key).upon(upon.group(1).lower() if upon else "")[0]
    node = entity(
        "reservation",
        key,
        reader.code,
        f"row{piece.entry}",
        piece.date.isoformat() if piece.date else "undated",
        f"part{index + 1}",
    )
    text = " ".join(body)
    where = (
        f"UNTC {reader.code.removeprefix('UN-')}, declarations and reservations, row "
        f"'{clean_name(piece.participant)}'"
        + (f", part dated {piece.date_mark}" if piece.date_mark else "")
        + (f", under '{heading}'" if heading else "")
        + f" ({CAPTURED})"
    )
    _common(g, node, party, reader, kind_of(heading), own_articles(text), text, where)
    if made:
        g.add((node, OG.madeOn, Literal(made.isoformat(), datatype=XSD.date)))
    if piece.notes:
        g.add((node, OG.note, Literal(f"UNTC end-notes {', '.join(piece.notes)} apply to this row")))
    return 1


def _withdrawn(
    g: Graph, reader: Reader, key: str, number: str, index: int, w: untc_endnotes.Withdrawal
) -> int:
    maker = reader.party(w.made_by) if w.made_by else None
    made, _ = reader.acts_of(maker[1] if maker else key).upon(w.made_upon)
    node = entity(
        "reservation", key, reader.code, f"note{number}", f"withdrawal{index + 1}", w.date.isoformat()
    )
    where = f"UNTC {reader.code.removeprefix('UN-')} end-note {number} ({CAPTURED})"
    _common(g, node, reader.party_of_key(key), reader, kind_of(w.what), w.articles, w.words, where)
    g.add((node, OG.withdrawalDate, Literal(w.date.isoformat(), datatype=XSD.date)))
    g.add((node, OG.partialWithdrawal, Literal(w.partial)))
    if made:
        g.add((node, OG.madeOn, Literal(made.isoformat(), datatype=XSD.date)))
    g.add(
        (
            node,
            OG.note,
            Literal(
                f"read from end-note {number}: withdrawn on {w.date}" + (" (in part)" if w.partial else "")
            ),
        )
    )
    return 1


def _common(
    g: Graph,
    node: URIRef,
    party: URIRef,
    reader: Reader,
    kind: URIRef,
    articles: tuple[str, ...],
    text: str,
    where: str,
) -> None:
    g.add((node, RDF.type, OG.Reservation))
    g.add((node, OG.actor, party))
    g.add((node, OG.treaty, URIRef(f"https://w3id.org/obligraph/id/treaty/{reader.code}")))
    g.add((node, OG.reservationKind, kind))
    g.add(
        (node, OG.statementText, Literal(text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT] + " [...]"))
    )
    g.add((node, PROV.wasDerivedFrom, reader.url))
    g.add((node, OG.confidence, Literal("high")))
    g.add((node, OG.sourceRow, Literal(where)))
    if articles:
        g.add((node, OG.articlesNamed, Literal(", ".join(articles))))
    for number in articles:
        g.add((node, OG.namesArticle, article(reader.code, number)))
