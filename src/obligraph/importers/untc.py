"""Import UN Treaty Collection status pages (raw HTML captured 2026-02-03) as facts.

For each instrument: the treaty (title and general entry into force, from the page header),
every participant (signature, consent with its kind, entry into force for the state computed
from the treaty's own clause), denunciations and re-accessions read from the end-notes,
predecessor states' acts (GDR, Czechoslovakia, Yugoslavia), and declarations that switch a
committee's power on (opt-in articles) or off (opt-out). Every fact cites the page and the row
or end-note it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from obligraph.errors import SourceDataError
from obligraph.importers import curation, emit, untc_attempts, untc_declarations
from obligraph.importers.treaty_rules import Rule, load_rule
from obligraph.importers.untc_names import NameResolver, clean_name, party_iri
from obligraph.importers.untc_pages import LONG_DATE, Page, Participant, load_page, long_date
from obligraph.rdf_terms import ELI, OG, entity, state, treaty
from obligraph.store import KnowledgeGraph

GENERATOR = "obligraph import untc"
CAPTURED = "page captured 2026-02-03"


def instruments() -> dict[str, str]:
    """Page file stem -> UNTC MTDSG number (graph/curation/source-identifiers.csv, ``untc-page``)."""
    return {stem: code.removeprefix("UN-") for stem, code in curation.identifiers("untc-page").items()}


CONSENT_KINDS = {
    "": OG.Ratification,
    "a": OG.AccessionToTreaty,
    "d": OG.Succession,
    "A": OG.Acceptance,
    "AA": OG.Approval,
    "c": OG.FormalConfirmation,
}


def _predecessor_note() -> re.Pattern[str]:
    """End-notes on a predecessor state's acts; the names come from the curation table."""
    who = "|".join(re.escape(name) for name in curation.identifiers("untc-predecessor"))
    return re.compile(
        rf"^(?P<who>{who}) (?:had )?"
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
    mtdsg = instruments()[stem]
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
    if page.header.concluded:  # the place and date under the title: the day the text was adopted
        g.add((t, ELI.date_document, Literal(page.header.concluded.isoformat(), datatype=XSD.date)))
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
    untc_declarations.read(g, page, code, url, resolver, rule)
    untc_attempts.read(g, page, code, url, resolver)
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
    pattern, codes = _predecessor_note(), curation.identifiers("untc-predecessor")
    for number, text in sorted(page.notes.items()):
        m = pattern.match(text)
        if not m:
            continue
        key = codes[m.group("who")]
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
    allow_shrink: bool = False,
) -> tuple[list[Path], dict[str, list[str]]]:
    """Import the given pages (default: every instrument); write only once every page has parsed.
    A page whose participants table is empty is refused unless ``allow_shrink``."""
    html_dir = source_dir / "untc-hr-mgaldino" / "html"
    resolver = NameResolver(source_dir / "country-converter" / "country_data.tsv")
    known = instruments()
    chosen = pages or [html_dir / f"{stem}.html.gz" for stem in known]
    built: list[tuple[str, Graph, Path]] = []
    unresolved: dict[str, list[str]] = {}
    for path in chosen:
        stem = path.name.split(".")[0]
        if stem not in known:
            raise SourceDataError(f"{path}: not a known UNTC page (file names: {', '.join(sorted(known))})")
        page = load_page(path)
        if not page.participants and not allow_shrink:
            raise SourceDataError(
                f"{path}: the participants table is empty; nothing was written. If the page really "
                "lists no participant, run again with --allow-shrink"
            )
        graph, unresolved[f"UN-{known[stem]}"] = build_instrument(stem, page, resolver, kg)
        built.append((stem, graph, path))
        if progress is not None:
            progress(stem)
    written: list[Path] = []
    for stem, graph, path in built:
        target = out_dir / "untc" / f"{known[stem]}.ttl"
        emit.write_turtle(
            graph,
            target,
            GENERATOR,
            [f"untc-hr-mgaldino/html/{path.name}", "country-converter/country_data.tsv"],
        )
        written.append(target)
    return written, unresolved
