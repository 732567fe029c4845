"""Import UN Treaty Collection status pages (raw HTML captured 2026-02-03).

Parses the participants table (``tblgrid``) with lxml: signature, consent date and kind, the
brackets UNTC puts around denounced entries, and end-note numbers. Each participant name is
resolved to a state with the name patterns of ``country-converter``. The entry into force for
each state is computed from the treaty's own clause (read from the loaded graph), never typed in.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from obligraph import dates
from obligraph.errors import SourceDataError
from obligraph.importers import emit
from obligraph.store import IRI, KnowledgeGraph
from obligraph.vocab import OG, entity, state, treaty

GENERATOR = "obligraph import untc"

# Page file stem -> (UNTC MTDSG number, obligraph treaty id).
INSTRUMENTS: dict[str, tuple[str, str]] = {
    "cat": ("IV-9", "UN-IV-9"),
    "cat_op": ("IV-9-b", "UN-IV-9-b"),
    "iccpr": ("IV-4", "UN-IV-4"),
    "iccpr_op1": ("IV-5", "UN-IV-5"),
}

CONSENT_KINDS = {
    "": OG.Ratification,
    "a": OG.AccessionToTreaty,
    "d": OG.Succession,
    "A": OG.Acceptance,
    "AA": OG.Approval,
    "c": OG.FormalConfirmation,
}

_DATE = re.compile(r"(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})\s*(AA|A|a|d|c)?")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1
    )
}


def page_url(mtdsg: str) -> URIRef:
    chapter = mtdsg.split("-")[0]
    number = {"IV": "4"}.get(chapter, chapter)
    return URIRef(
        f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={mtdsg}"
        f"&chapter={number}&clang=_en"
    )


@dataclass(frozen=True)
class Participant:
    name: str
    footnotes: tuple[str, ...]
    signature: dt.date | None
    consent: dt.date | None
    consent_code: str
    bracketed: bool
    row: int


def _cell_date(text: str) -> tuple[dt.date | None, str]:
    match = _DATE.search(text.replace("\xa0", " "))
    if not match:
        return None, ""
    day, month, year, code = match.groups()
    return dt.date(int(year), _MONTHS[month], int(day)), code or ""


def parse_participants(path: Path) -> list[Participant]:
    """Rows of the participants table of one UNTC status page."""
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except OSError as exc:
        raise SourceDataError(f"{path}: cannot read ({exc})") from None
    doc = lxml_html.fromstring(raw)
    tables = doc.xpath("//table[contains(@id, 'tblgrid')]")
    if not tables:
        raise SourceDataError(f"{path}: no participants table (id *tblgrid) found")
    out: list[Participant] = []
    for index, tr in enumerate(tables[0].xpath("./tr | ./tbody/tr")):
        cells = tr.xpath("./td")
        if len(cells) < 3 or "thead" in (tr.get("class") or ""):
            continue
        name_cell = cells[0]
        notes = tuple(n.strip() for n in name_cell.xpath(".//sup//text()") if n.strip())
        name = " ".join(t.strip() for t in name_cell.xpath("./text() | ./a/text()") if t.strip()).strip()
        sig_text = cells[1].text_content()
        consent_text = cells[2].text_content()
        signature, _ = _cell_date(sig_text)
        consent, code = _cell_date(consent_text)
        out.append(
            Participant(name, notes, signature, consent, code, "[" in sig_text or "[" in consent_text, index)
        )
    return out


class NameResolver:
    """UNTC participant names to ISO alpha-3 codes, by country-converter's regexes."""

    def __init__(self, tsv: Path) -> None:
        if not tsv.is_file():
            raise SourceDataError(f"{tsv}: source file not found")
        with tsv.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        self.patterns = [(re.compile(r["regex"], re.IGNORECASE), r["ISO3"]) for r in rows if r["regex"]]

    def resolve(self, name: str) -> str | None:
        hits = {iso3 for pattern, iso3 in self.patterns if pattern.search(name)}
        return hits.pop() if len(hits) == 1 else None


@dataclass(frozen=True)
class EntryRule:
    general: dt.date | None
    period: dates.Period | None
    alignment: str | None
    clause: str | None


def entry_rule(kg: KnowledgeGraph, code: str) -> EntryRule:
    """The treaty's general entry into force and its entry-into-force-for-a-state clause."""
    rows = kg.query(
        """SELECT ?t ?general ?clause ?n ?unit ?align WHERE {
             OPTIONAL { ?t eli:first_date_entry_in_force ?general }
             OPTIONAL { ?clause og:clauseOf ?t ; og:clauseKind og:EntryIntoForceForState .
                        OPTIONAL { ?clause og:period [ time:numericDuration ?n ; time:unitType ?unit ] }
                        OPTIONAL { ?clause og:alignment ?align } }
           } ORDER BY ?clause""",
        {"t": IRI(str(treaty(code)))},
    )
    if not rows:
        return EntryRule(None, None, None, None)
    row = rows[0]
    period = None
    if row["n"] is not None and row["unit"] is not None:
        period = dates.Period(int(str(row["n"])), dates.UNIT_NAMES[str(row["unit"])])
    general = row["general"] if isinstance(row["general"], dt.date) else None
    return EntryRule(general, period, _opt_str(row["align"]), _opt_str(row["clause"]))


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def build_instrument(
    stem: str, participants: list[Participant], resolver: NameResolver, known: set[str], rule: EntryRule
) -> tuple[Graph, list[str]]:
    mtdsg, code = INSTRUMENTS[stem]
    url = page_url(mtdsg)
    g = emit.new_graph()
    g.add((url, RDF.type, OG.Source))
    skipped: list[str] = []
    for p in participants:
        iso3 = resolver.resolve(p.name)
        if iso3 is None or iso3 not in known:
            skipped.append(p.name)
            continue
        where = f"UNTC {mtdsg} participants table, row '{p.name}' (page captured 2026-02-03)"
        base = entity("action", iso3, code, "1")
        if p.signature:
            sig = URIRef(f"{base}/signature")
            _action(g, sig, iso3, code, OG.Signature, url, where)
            g.add((sig, OG.depositDate, Literal(p.signature.isoformat(), datatype=XSD.date)))
        if not p.consent:
            continue
        consent = URIRef(f"{base}/consent")
        _action(g, consent, iso3, code, CONSENT_KINDS[p.consent_code], url, where)
        g.add((consent, OG.depositDate, Literal(p.consent.isoformat(), datatype=XSD.date)))
        part = entity("participation", iso3, code, "1")
        g.add((part, RDF.type, OG.Participation))
        g.add((part, OG.party, state(iso3)))
        g.add((part, OG.treaty, treaty(code)))
        g.add((part, PROV.wasDerivedFrom, url))
        g.add((part, OG.sourceRow, Literal(where)))
        g.add((part, OG.confidence, Literal("high")))
        g.add((part, OG.establishedByAction, consent))
        if p.footnotes:
            g.add((part, OG.note, Literal(f"UNTC end-notes {', '.join(p.footnotes)} apply to this row")))
        start = _entry_into_force(p.consent, rule)
        if start is None:
            g.add(
                (
                    part,
                    OG.note,
                    Literal(
                        "the graph has no sourced entry-into-force-for-a-state clause for this treaty; "
                        f"instrument deposited {p.consent.isoformat()}"
                    ),
                )
            )
            continue
        g.add((consent, OG.effectiveDate, Literal(start.isoformat(), datatype=XSD.date)))
        if rule.clause:
            g.add((part, OG.computedBy, URIRef(rule.clause)))
        if p.bracketed:
            # The state later denounced: the end date is in an end-note the issue on full
            # UNTC import will read. Until then the participation is left without a start so
            # that it is never reported as in force.
            g.add((part, OG.note, Literal("bracketed on UNTC: denounced or withdrawn; see end-notes")))
            continue
        emit.interval(g, part, start.isoformat(), None)
    return g, skipped


def _entry_into_force(deposit: dt.date, rule: EntryRule) -> dt.date | None:
    if rule.period is None and rule.alignment is None:
        return None
    computed = dates.apply_clause(deposit, rule.period, rule.alignment)
    if rule.general and computed < rule.general:
        return rule.general
    return computed


def _action(g: Graph, node: URIRef, iso3: str, code: str, kind: URIRef, url: URIRef, where: str) -> None:
    g.add((node, RDF.type, OG.TreatyAction))
    g.add((node, OG.actor, state(iso3)))
    g.add((node, OG.treaty, treaty(code)))
    g.add((node, OG.actionKind, kind))
    g.add((node, PROV.wasDerivedFrom, url))
    g.add((node, OG.sourceRow, Literal(where)))
    g.add((node, OG.confidence, Literal("high")))


def run(source_dir: Path, out_dir: Path, kg: KnowledgeGraph) -> tuple[list[Path], dict[str, list[str]]]:
    """Import every instrument in INSTRUMENTS for the states the graph knows."""
    html_dir = source_dir / "untc-hr-mgaldino" / "html"
    resolver = NameResolver(source_dir / "country-converter" / "country_data.tsv")
    known = {str(r["code"]) for r in kg.query("SELECT ?code WHERE { ?s a og:State ; og:isoAlpha3 ?code }")}
    built: list[tuple[str, str, Graph]] = []
    skipped: dict[str, list[str]] = {}
    for stem, (mtdsg, code) in INSTRUMENTS.items():
        participants = parse_participants(html_dir / f"{stem}.html.gz")
        graph, skipped[code] = build_instrument(stem, participants, resolver, known, entry_rule(kg, code))
        built.append((stem, mtdsg, graph))
    # Write only once every page has parsed, so a bad page leaves the committed files untouched.
    written: list[Path] = []
    for stem, mtdsg, graph in built:
        path = out_dir / "untc" / f"{mtdsg}.ttl"
        inputs = [f"untc-hr-mgaldino/html/{stem}.html.gz", "country-converter/country_data.tsv"]
        emit.write_turtle(graph, path, GENERATOR, inputs)
        written.append(path)
    return written, skipped
