"""Import UN Treaty Collection status pages (raw HTML captured 2026-02-03) as facts.

For each instrument: the treaty (title and general entry into force, from the page header),
every participant (signature, consent with its kind, entry into force for the state computed
from the treaty's own clause), denunciations and re-accessions read from the end-notes,
predecessor states' acts (GDR, Czechoslovakia, Yugoslavia), and declarations that switch a
committee's power on (opt-in articles) or off (opt-out). Every fact cites the page and the row
or end-note it came from.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from obligraph import dates
from obligraph.errors import SourceDataError
from obligraph.importers import emit
from obligraph.importers.untc_pages import LONG_DATE, Page, Participant, load_page, long_date
from obligraph.store import IRI, KnowledgeGraph, Row
from obligraph.vocab import ELI, OG, article, entity, organisation, state, treaty

GENERATOR = "obligraph import untc"
CAPTURED = "page captured 2026-02-03"

# Page file stem -> UNTC MTDSG number (chapter IV). The obligraph id is "UN-" + the number.
INSTRUMENTS: dict[str, str] = {
    "cerd": "IV-2",
    "icescr": "IV-3",
    "icescr_op": "IV-3-a",
    "iccpr": "IV-4",
    "iccpr_op1": "IV-5",
    "cedaw": "IV-8",
    "cedaw_op": "IV-8-b",
    "cat": "IV-9",
    "cat_op": "IV-9-b",
    "crc": "IV-11",
    "crc_op_ac": "IV-11-b",
    "crc_op_sc": "IV-11-c",
    "crc_op_ic": "IV-11-d",
    "iccpr_op2": "IV-12",
    "cmw": "IV-13",
    "crpd": "IV-15",
    "crpd_op": "IV-15-a",
    "ced": "IV-16",
}

CONSENT_KINDS = {
    "": OG.Ratification,
    "a": OG.AccessionToTreaty,
    "d": OG.Succession,
    "A": OG.Acceptance,
    "AA": OG.Approval,
    "c": OG.FormalConfirmation,
}

# Predecessor states named in end-notes, by their ISO 3166-3 code.
PREDECESSORS = {
    "The German Democratic Republic": "DDDE",
    "Czechoslovakia": "CSHH",
    "The former Yugoslavia": "YUCS",
}
_PREDECESSOR_NOTE = re.compile(
    r"^(?P<who>The German Democratic Republic|Czechoslovakia|The former Yugoslavia) (?:had )?"
    r"(?P<what>signed and ratified|acceded to|signed)\b.*?"
    rf"on (?P<d1>{LONG_DATE.pattern})(?: and (?P<d2>{LONG_DATE.pattern}))?"
)
_DENOUNCE = re.compile(
    rf"^On (?P<n>{LONG_DATE.pattern}),? the Government of (?P<who>[A-Z][\w ]+?) (?:notified|informed) "
    r"the Secretary-General (?:of its denunciation|of its decision to denounce|that it had decided to denounce)"
)
_EFFECT = re.compile(rf"with effect from (?P<e>{LONG_DATE.pattern})")
_REACCEDE = re.compile(
    rf"^(?:On (?P<d>{LONG_DATE.pattern})|On that same date),? the Government of [\w ]+? re-acceded"
)
_INITIAL = re.compile(rf"had initially acceded to the [\w ]+? on (?P<d>{LONG_DATE.pattern})")
# End-notes go on to quote other states' objections, which retell the same events: read only
# the account before them.
_OBJECTIONS = re.compile(
    r"(?:Subsequently, )?[Tt]he Secretary-General received (?:the following )?communications"
)


def page_url(mtdsg: str) -> URIRef:
    return URIRef(
        f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={mtdsg}&chapter=4&clang=_en"
    )


def clean_name(name: str) -> str:
    """``Russian Federation 18`` (a participant with an end-note number) -> ``Russian Federation``."""
    return re.sub(r"[\s\d,]+$", "", name).strip()


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


def party_iri(name: str, resolver: NameResolver) -> tuple[URIRef, str] | None:
    """The IRI and key of a participant: a state, or the European Union (an organisation)."""
    if name == "European Union":
        return organisation("EU"), "EU"
    code = resolver.resolve(name)
    return (state(code), code) if code else None


@dataclass(frozen=True)
class Rule:
    """Entry into force for a state, and denunciation, as the graph's clauses give them."""

    general: dt.date | None
    entry_period: dates.Period | None
    entry_alignment: str | None
    entry_clause: str | None
    denunciation_period: dates.Period | None
    denunciation_alignment: str | None
    denunciation_clause: str | None
    opt_in_articles: tuple[str, ...]
    opt_out: tuple[tuple[str, str], ...]  # (excluded article number, article of the opt-out clause)

    def entry_into_force(self, deposit: dt.date) -> dt.date | None:
        if self.entry_period is None and self.entry_alignment is None:
            return None
        computed = dates.apply_clause(deposit, self.entry_period, self.entry_alignment)
        return max(computed, self.general) if self.general else computed

    def denunciation_effect(self, notified: dt.date) -> dt.date | None:
        if self.denunciation_period is None:
            return None
        return dates.apply_clause(notified, self.denunciation_period, self.denunciation_alignment)


_RULE_QUERY = """
SELECT ?t ?kind ?clause ?n ?unit ?align ?number ?excluded WHERE {
  ?clause og:clauseOf ?t ; og:clauseKind ?kind .
  OPTIONAL { ?clause og:period ?p . ?p time:numericDuration ?n ; time:unitType ?unit . }
  OPTIONAL { ?clause og:alignment ?align }
  OPTIONAL { ?clause og:inArticle ?a . ?a og:articleNumber ?number }
  OPTIONAL { ?clause og:excludesArticle ?x . ?x og:articleNumber ?excluded }
} ORDER BY ?clause
"""


def load_rule(kg: KnowledgeGraph, code: str, general: dt.date | None) -> Rule:
    rows = kg.query(_RULE_QUERY, {"t": IRI(str(treaty(code)))})
    entry = next((r for r in rows if str(r["kind"]).endswith("#EntryIntoForceForState")), None)
    denunciation = next((r for r in rows if str(r["kind"]).endswith("#DenunciationClause")), None)

    def period(row: Row | None) -> dates.Period | None:
        if row is None or row["n"] is None or row["unit"] is None:
            return None
        return dates.Period(int(str(row["n"])), dates.UNIT_NAMES[str(row["unit"])])

    def opt(row: Row | None, key: str) -> str | None:
        return None if row is None or row[key] is None else str(row[key])

    opt_in = tuple(
        _leading_number(str(r["number"]))
        for r in rows
        if str(r["kind"]).endswith("#OptInDeclaration") and r["number"]
    )
    opt_out = tuple(
        (str(r["excluded"]), _leading_number(str(r["number"])))
        for r in rows
        if str(r["kind"]).endswith("#OptOutDeclaration") and r["excluded"] and r["number"]
    )
    return Rule(
        general=general,
        entry_period=period(entry),
        entry_alignment=opt(entry, "align"),
        entry_clause=opt(entry, "clause"),
        denunciation_period=period(denunciation),
        denunciation_alignment=opt(denunciation, "align"),
        denunciation_clause=opt(denunciation, "clause"),
        opt_in_articles=tuple(sorted(set(opt_in))),
        opt_out=tuple(sorted(set(opt_out))),
    )


def _leading_number(text: str) -> str:
    match = re.match(r"\d+", text)
    return match.group(0) if match else text


@dataclass
class _Period:
    consent: dt.date
    consent_code: str
    consent_note: str | None
    notified: dt.date | None = None
    stated_effect: dt.date | None = None


def _periods(p: Participant, notes: dict[str, str], name: str) -> list[_Period]:
    """Consent and denunciation periods of one participant, from its row and its end-notes."""
    consents: set[tuple[dt.date, str, str | None]] = set()
    denunciations: set[tuple[dt.date, dt.date | None]] = set()
    for number in p.footnotes:
        account = _OBJECTIONS.split(notes.get(number, ""), maxsplit=1)[0]
        last_notice: dt.date | None = None
        for sentence in re.split(r"(?<=\.)\s+", account):
            denounced = _DENOUNCE.match(sentence)
            if denounced and clean_name(denounced.group("who")) == name:
                stated = _EFFECT.search(sentence)
                last_notice = long_date(denounced.group("n"))
                denunciations.add((last_notice, long_date(stated.group("e")) if stated else None))
            reacceded = _REACCEDE.match(sentence)
            if reacceded:
                when = long_date(reacceded.group("d")) if reacceded.group("d") else last_notice
                if when:
                    consents.add((when, "a", number))
            for initial in _INITIAL.finditer(sentence):
                consents.add((long_date(initial.group("d")), "a", number))
    if p.consent and all(c[0] != p.consent for c in consents):
        consents.add((p.consent, p.consent_code, None))
    periods = [_Period(c, code, note) for c, code, note in sorted(consents, key=lambda c: c[0])]
    for notified, effect in sorted(denunciations):
        # A denunciation ends the last period that began before its notification (a re-accession
        # deposited the same day, as Guyana's on 5 January 1999, starts the next period).
        open_periods = [q for q in periods if q.consent < notified and q.notified is None] or [
            q for q in periods if q.consent == notified and q.notified is None
        ]
        if open_periods:
            open_periods[-1].notified, open_periods[-1].stated_effect = notified, effect
    return periods


def build_instrument(
    stem: str, page: Page, resolver: NameResolver, kg: KnowledgeGraph
) -> tuple[Graph, list[str]]:
    mtdsg = INSTRUMENTS[stem]
    code = f"UN-{mtdsg}"
    url = page_url(mtdsg)
    g = emit.new_graph()
    g.add((url, RDF.type, OG.Source))
    g.add(
        (url, RDFS.label, Literal(f"UN Treaty Collection, status of treaties, chapter {mtdsg} ({CAPTURED})"))
    )
    t = treaty(code)
    g.add((t, DCTERMS.title, Literal(page.header.title, lang="en")))
    g.add((t, RDFS.seeAlso, url))
    if page.header.entry_into_force:
        g.add(
            (
                t,
                ELI.first_date_entry_in_force,
                Literal(page.header.entry_into_force.isoformat(), datatype=XSD.date),
            )
        )
        g.add((t, PROV.wasDerivedFrom, url))
    rule = load_rule(kg, code, page.header.entry_into_force)
    unresolved: list[str] = []
    for p in page.participants:
        resolved = party_iri(p.name, resolver)
        if resolved is None:
            unresolved.append(p.name)
            continue
        party, key = resolved
        where = f"UNTC {mtdsg} participants table, row '{p.name}' ({CAPTURED})"
        if p.signature:
            sig = entity("action", key, code, "signature")
            _action(g, sig, party, code, OG.Signature, url, where)
            g.add((sig, OG.depositDate, Literal(p.signature.isoformat(), datatype=XSD.date)))
        for n, period in enumerate(_periods(p, page.notes, p.name), start=1):
            _participation(g, n, period, p, party, key, code, url, where, rule)
    _predecessors(g, page, code, url)
    _declarations(g, page, code, url, resolver, rule)
    return g, unresolved


def _participation(
    g: Graph,
    n: int,
    period: _Period,
    p: Participant,
    party: URIRef,
    key: str,
    code: str,
    url: URIRef,
    where: str,
    rule: Rule,
) -> None:
    base = entity("action", key, code, str(n))
    consent = URIRef(f"{base}/consent")
    source_where = where + (f"; end-note {period.consent_note}" if period.consent_note else "")
    _action(
        g, consent, party, code, CONSENT_KINDS.get(period.consent_code, OG.Ratification), url, source_where
    )
    g.add((consent, OG.depositDate, Literal(period.consent.isoformat(), datatype=XSD.date)))
    part = entity("participation", key, code, str(n))
    g.add((part, RDF.type, OG.Participation))
    g.add((part, OG.party, party))
    g.add((part, OG.treaty, treaty(code)))
    g.add((part, PROV.wasDerivedFrom, url))
    g.add((part, OG.sourceRow, Literal(source_where)))
    g.add((part, OG.confidence, Literal("high")))
    g.add((part, OG.establishedByAction, consent))
    if p.footnotes:
        g.add((part, OG.note, Literal(f"UNTC end-notes {', '.join(p.footnotes)} apply to this row")))
    start = rule.entry_into_force(period.consent)
    if start is None:
        g.add(
            (
                part,
                OG.note,
                Literal(
                    "the graph has no sourced entry-into-force-for-a-state clause for this treaty; "
                    f"instrument deposited {period.consent.isoformat()}"
                ),
            )
        )
    else:
        g.add((consent, OG.effectiveDate, Literal(start.isoformat(), datatype=XSD.date)))
        if rule.entry_clause:
            g.add((part, OG.computedBy, URIRef(rule.entry_clause)))
    end = None
    if period.notified:
        den = URIRef(f"{base}/denunciation")
        _action(g, den, party, code, OG.DenunciationNotification, url, where + "; end-notes")
        g.add((den, OG.depositDate, Literal(period.notified.isoformat(), datatype=XSD.date)))
        computed = rule.denunciation_effect(period.notified)
        end = period.stated_effect or computed
        if end:
            g.add((den, OG.effectiveDate, Literal(end.isoformat(), datatype=XSD.date)))
            g.add((part, OG.endedByAction, den))
        if period.stated_effect:
            emit.claim(
                g,
                den,
                OG.denunciationEffectiveDate,
                period.stated_effect.isoformat(),
                str(url),
                confidence="high",
                accepted=True,
                row=where + "; end-note",
            )
        if computed and rule.denunciation_clause:
            _computed_claim(
                g,
                den,
                OG.denunciationEffectiveDate,
                computed,
                rule.denunciation_clause,
                accepted=period.stated_effect is None,
            )
    elif p.bracketed:
        g.add(
            (
                part,
                OG.note,
                Literal("bracketed on UNTC (denounced or withdrawn) but no end-note date was read"),
            )
        )
        return
    if start is not None or end is not None:
        emit.interval(g, part, start.isoformat() if start else None, end.isoformat() if end else None)


def _computed_claim(
    g: Graph, about: URIRef, prop: URIRef, value: dt.date, clause: str, accepted: bool
) -> None:
    node = entity("claim", "computed", *str(about).split("/id/", 1)[1].split("/"), prop.split("#")[-1])
    g.add((node, RDF.type, OG.Claim))
    g.add((node, OG.claimAbout, about))
    g.add((node, OG.claimedProperty, prop))
    g.add((node, OG.claimedValue, Literal(value.isoformat(), datatype=XSD.date)))
    g.add((node, OG.computedBy, URIRef(clause)))
    g.add((node, PROV.wasDerivedFrom, URIRef(clause)))
    g.add((node, OG.accepted, Literal(accepted)))
    g.add((node, OG.note, Literal("computed from the treaty's clause")))


def _predecessors(g: Graph, page: Page, code: str, url: URIRef) -> None:
    for number, text in sorted(page.notes.items()):
        m = _PREDECESSOR_NOTE.match(text)
        if not m:
            continue
        key = PREDECESSORS[m.group("who")]
        who = state(key)
        first = long_date(m.group("d1"))
        second = long_date(m.group("d2")) if m.group("d2") else None
        where = f"UNTC {page_url_label(code)} end-note {number} ({CAPTURED})"
        if m.group("what") in ("signed and ratified", "signed"):
            sig = entity("action", key, code, "signature")
            _action(g, sig, who, code, OG.Signature, url, where)
            g.add((sig, OG.depositDate, Literal(first.isoformat(), datatype=XSD.date)))
        consent_date = (
            second
            if m.group("what") == "signed and ratified"
            else (first if m.group("what") == "acceded to" else None)
        )
        if consent_date:
            kind = OG.Ratification if m.group("what") == "signed and ratified" else OG.AccessionToTreaty
            act = entity("action", key, code, "1", "consent")
            _action(g, act, who, code, kind, url, where)
            g.add((act, OG.depositDate, Literal(consent_date.isoformat(), datatype=XSD.date)))
            g.add((act, OG.note, Literal("Act of a predecessor state, recorded in an end-note.")))


def page_url_label(code: str) -> str:
    return code.removeprefix("UN-")


_RECOGNISE = re.compile(r"recogni[sz]e", re.IGNORECASE)
_NOT_RECOGNISE = re.compile(r"(?:not|no longer) recogni[sz]e|does not accept", re.IGNORECASE)


def _declarations(g: Graph, page: Page, code: str, url: URIRef, resolver: NameResolver, rule: Rule) -> None:
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


def _action(g: Graph, node: URIRef, party: URIRef, code: str, kind: URIRef, url: URIRef, where: str) -> None:
    g.add((node, RDF.type, OG.TreatyAction))
    g.add((node, OG.actor, party))
    g.add((node, OG.treaty, treaty(code)))
    g.add((node, OG.actionKind, kind))
    g.add((node, PROV.wasDerivedFrom, url))
    g.add((node, OG.sourceRow, Literal(where)))
    g.add((node, OG.confidence, Literal("high")))


def run(
    source_dir: Path,
    out_dir: Path,
    kg: KnowledgeGraph,
    progress: Callable[[str], None] | None = None,
    pages: list[Path] | None = None,
) -> tuple[list[Path], dict[str, list[str]]]:
    """Import the given pages (default: every instrument); write only once every page has parsed."""
    html_dir = source_dir / "untc-hr-mgaldino" / "html"
    resolver = NameResolver(source_dir / "country-converter" / "country_data.tsv")
    chosen = pages or [html_dir / f"{stem}.html.gz" for stem in INSTRUMENTS]
    built: list[tuple[str, Graph, Path]] = []
    unresolved: dict[str, list[str]] = {}
    for path in chosen:
        stem = path.name.split(".")[0]
        if stem not in INSTRUMENTS:
            known = ", ".join(sorted(INSTRUMENTS))
            raise SourceDataError(f"{path}: not a known UNTC page (file names: {known})")
        page = load_page(path)
        graph, unresolved[f"UN-{INSTRUMENTS[stem]}"] = build_instrument(stem, page, resolver, kg)
        built.append((stem, graph, path))
        if progress is not None:
            progress(stem)
    written: list[Path] = []
    for stem, graph, path in built:
        target = out_dir / "untc" / f"{INSTRUMENTS[stem]}.ttl"
        emit.write_turtle(
            graph,
            target,
            GENERATOR,
            [f"untc-hr-mgaldino/html/{path.name}", "country-converter/country_data.tsv"],
        )
        written.append(target)
    return written, unresolved
