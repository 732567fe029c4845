"""Import the hand-curated Council of Europe record (``shared/data/coe-curated``).

Writes ``graph/generated/coe/``: states, CoE memberships with their events, participation in
CoE treaties with treaty actions, treaty clauses, and denunciation steps. Every value keeps the
row's source URLs and confidence; rows that disagree become competing claims, one accepted by a
documented rule, none dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, TIME, XSD

from obligraph.errors import SourceDataError
from obligraph.importers import emit, fact_checks
from obligraph.importers.fact_checks import FactChecks
from obligraph.importers.untc import Rule, load_rule
from obligraph.store import IRI, KnowledgeGraph
from obligraph.vocab import OG, ORG, article, article_key, entity, organisation, state, treaty

GENERATOR = "obligraph import coe"
PYCOUNTRY_SOURCE = URIRef("https://pypi.org/project/pycountry/26.2.16/")

# Treaties whose rows this importer turns into facts. Clause ids of the curated file map to the
# identifiers obligraph uses (UNTC numbers for UN treaties).
TREATY_IDS: dict[str, str] = {
    "ETS-001": "ETS-001",
    "ETS-005": "ETS-005",
    "ETS-126": "ETS-126",
    "ETS-151": "ETS-151",
    "UN-CAT": "UN-IV-9",
    "UN-OPCAT": "UN-IV-9-b",
    "UN-ICCPR": "UN-IV-4",
    "UN-ICCPR-OP1": "UN-IV-5",
    "CETS-210": "CETS-210",
    "ROME-STATUTE": "UN-XVIII-10",
    "ACHR": "OAS-B-32",
}
# Instruments of other_withdrawals.csv outside the CoE series, by the start of their name.
OTHER_INSTRUMENTS = {
    "Rome Statute of the International Criminal Court": "UN-XVIII-10",
    "American Convention on Human Rights": "OAS-B-32",
}
PARTICIPATION_TREATIES = ("ETS-005", "ETS-126", "CETS-210")

CONFIDENCE_RANK = {"high": 3, "medium": 2, "low": 1}
PRECISION_RANK = {XSD.date: 3, XSD.gYearMonth: 2, XSD.gYear: 1}

CLAUSE_KINDS = {
    "entry_into_force_general": OG.EntryIntoForceGeneral,
    "entry_into_force_for_state": OG.EntryIntoForceForState,
    "denunciation": OG.DenunciationClause,
    "membership_condition": OG.MembershipCondition,
    "open_to_non_members": OG.OpenToNonMembers,
    "optional_competence_declaration": OG.OptInDeclaration,
    "opt_out_declaration": OG.OptOutDeclaration,
}
ALIGNMENTS = {
    "same_day": OG.SameDay,
    "first_day_of_following_month": OG.FirstDayOfFollowingMonth,
    "30th_day_after": OG.ThirtiethDayAfter,
    "first_day_of_month_after_60th_day": OG.FirstDayOfMonthAfter60thDay,
    "end_of_financial_year_if_notified_in_months_1_to_9_else_end_of_next_financial_year": (
        OG.EndOfFinancialYear
    ),
    "date_fixed_by_committee_of_ministers": OG.DateFixedByDecision,
    "on_deposit_of_accession_instrument": OG.OnDeposit,
    "same_day_or_later_date_specified": OG.SameDayOrLaterSpecified,
    "on_receipt_of_declaration": OG.OnReceipt,
    "on_receipt_of_notification": OG.OnReceipt,
}
UNITS = {"D": TIME.unitDay, "M": TIME.unitMonth, "Y": TIME.unitYear}
# Clause texts that say the state stays answerable for earlier acts. Read from the curated
# paraphrase, which quotes the article; the engine then treats them as "for acts after DATE".
PRIOR_ACTS = re.compile(
    r"earlier acts|acts done before|before the denunciation|release for earlier|"
    r"violations committed before|obligations \(including financial\) arising"
)

COE = organisation("CoE")


@dataclass(frozen=True)
class Row:
    file: str
    number: int  # 1-based data row number (the header is row 0)
    data: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.file} row {self.number}"

    def __getitem__(self, key: str) -> str:
        return (self.data.get(key) or "").strip()


def read_rows(path: Path) -> list[Row]:
    if not path.is_file():
        raise SourceDataError(f"{path}: source file not found")
    with path.open(newline="", encoding="utf-8") as handle:
        return [Row(path.name, i, r) for i, r in enumerate(csv.DictReader(handle), start=1)]


def _rank(row: Row, date_field: str) -> tuple[int, int, int, str]:
    literal = emit.date_literal(row[date_field])
    precision = PRECISION_RANK.get(literal.datatype or XSD.string, 0) if literal is not None else 0
    return (
        precision,
        CONFIDENCE_RANK.get(row["confidence"], 0),
        1 if row["verified"] else 0,
        row[date_field],
    )


def _row_sources(row: Row, field: str) -> list[str]:
    """Verified URLs for one field of a row (the verification pass), to cite beside the row's."""
    return emit.verified_urls(row["verified"]).get(field, [])


# --------------------------------------------------------------------------------------------
# States
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Memberships
# --------------------------------------------------------------------------------------------


def build_memberships(rows: list[Row]) -> Graph:
    """One og:Membership per status interval; events start and end them.

    Acceptance rule for competing 'joined' rows (conflict=1): the most precise date, then the
    highest confidence, then a verified row, then the later date (membership cannot begin before
    the instrument that creates it is in force). The others stay as claims with accepted=false.
    """
    g = emit.new_graph()
    by_state: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_state[row["iso3"]].append(row)
    for iso3, state_rows in sorted(by_state.items()):
        events = _membership_events(g, iso3, state_rows)
        _membership_intervals(g, iso3, events)
    return g


@dataclass(frozen=True)
class _Event:
    kind: str
    date: str
    node: URIRef


def _membership_events(g: Graph, iso3: str, rows: list[Row]) -> list[_Event]:
    kinds = {
        "joined": OG.Accession,
        "rejoined": OG.Readmission,
        "withdrew": OG.WithdrawalFromOrganisation,
        "suspended": OG.Suspension,
        "expelled": OG.Expulsion,
    }
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row["event"] not in kinds:
            raise SourceDataError(f"{row.where}: unknown membership event {row['event']!r}")
        grouped[row["event"]].append(row)
    events: list[_Event] = []
    for kind, kind_rows in grouped.items():
        # Rows of one kind are alternatives only when flagged as conflicting; a second
        # withdrawal or accession without the flag is a separate event.
        conflicting = [r for r in kind_rows if r["conflict"] == "1"]
        separate = [r for r in kind_rows if r["conflict"] != "1"]
        groups = [[r] for r in separate] + ([conflicting] if conflicting else [])
        for group in groups:
            best = max(group, key=lambda r: _rank(r, "date"))
            if emit.parse_date(best["date"]) is None:
                continue  # only partial dates: kept as claims below, no interval
            node = entity("event", iso3, "CoE", kind, best["date"][:4])
            g.add((node, RDF.type, OG.MembershipEvent))
            g.add((node, OG.eventKind, kinds[kind]))
            g.add((node, OG.eventOf, state(iso3)))
            g.add((node, ORG.originalOrganization, COE))
            g.add((node, OG.eventDate, Literal(best["date"], datatype=XSD.date)))
            g.add((node, OG.confidence, Literal(best["confidence"])))
            emit.add_sources(g, node, best["source_url"], _row_sources(best, "date"))
            if best["note"]:
                g.add((node, OG.note, Literal(best["note"])))
            for row in group:
                emit.claim(
                    g,
                    node,
                    OG.eventDate,
                    row["date"],
                    row["source_url"],
                    confidence=row["confidence"],
                    note=row["note"],
                    accepted=row is best,
                    row=row.where,
                    extra_sources=_row_sources(row, "date"),
                )
            events.append(_Event(kind, best["date"], node))
    return sorted(events, key=lambda e: e.date)


def _membership_intervals(g: Graph, iso3: str, events: list[_Event]) -> None:
    """Walk the events in date order, opening and closing status intervals."""
    current: tuple[URIRef, str, str, _Event] | None = None  # (status, start, key, event)

    def close(end: str, event: _Event) -> None:
        nonlocal current
        if current is None:
            return
        status, start, _, starter = current
        node = entity("membership", iso3, "CoE", start)
        g.add((node, RDF.type, OG.Membership))
        g.add((node, ORG.member, state(iso3)))
        g.add((node, ORG.organization, COE))
        g.add((node, OG.membershipStatus, status))
        emit.interval(g, node, start, end or None, prop=ORG.memberDuring)
        g.add((starter.node, OG.startsMembership, node))
        if end:
            g.add((event.node, OG.endsMembership, node))
        for p, o in g.predicate_objects(starter.node):
            if p == PROV.wasDerivedFrom:
                g.add((node, p, o))
        current = None

    for index, event in enumerate(events):
        if event.kind in ("joined", "rejoined"):
            current = (OG.StatusMember, event.date, "", event)
        elif event.kind == "suspended":
            close(event.date, event)
            current = (OG.StatusSuspended, event.date, "", event)
        elif event.kind == "withdrew":
            later = [e for e in events[index + 1 :] if e.kind == "expelled"]
            if later:
                # A withdrawal notice overtaken by an expulsion never took effect.
                g.add((event.node, OG.tookEffect, Literal(False)))
                continue
            close(event.date, event)
        elif event.kind == "expelled":
            close(event.date, event)
    if current is not None:
        close("", current[3])


# --------------------------------------------------------------------------------------------
# Treaty participation
# --------------------------------------------------------------------------------------------

PARTICIPATION_FIELDS = {
    "signature_date": OG.signatureDate,
    "ratification_date": OG.ratificationDateAsReported,
    "entry_into_force_date": OG.entryIntoForceDate,
    "denunciation_notified_date": OG.denunciationNotifiedDate,
    "denunciation_effective_date": OG.denunciationEffectiveDate,
}


def build_participation(rows: list[Row], withdrawals: list[Row], checks: FactChecks | None = None) -> Graph:
    """Participation in the CoE treaties; ``checks`` (graph/fact-checks/) cite the pages that
    confirm a value (raising its confidence) or state another one (a competing claim)."""
    checks = checks or FactChecks([])
    g = emit.new_graph()
    steps = _withdrawal_steps(withdrawals)
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row["treaty"] in PARTICIPATION_TREATIES:
            groups[(row["treaty"], row["iso3"])].append(row)
    for (code, iso3), group in sorted(groups.items()):
        conflicting = [r for r in group if r["conflict"] == "1"]
        periods = [[r] for r in group if r["conflict"] != "1"] + ([conflicting] if conflicting else [])
        for period in periods:
            primary = max(period, key=_primary_rank)
            _participation(
                g, code, iso3, primary, period, steps.get((code, iso3), []), len(periods) > 1, checks
            )
    return g


def _primary_rank(row: Row) -> tuple[int, int, int]:
    filled = sum(1 for f in PARTICIPATION_FIELDS if emit.parse_date(row[f]))
    return (
        0 if row["note"].startswith("[page value]") else 1,
        filled,
        CONFIDENCE_RANK.get(row["confidence"], 0),
    )


@dataclass(frozen=True)
class _Checked:
    """One field of a curated row with the fact checks of its value folded in."""

    confidence: str
    sources: list[str]  # verified URLs: the curated pass's and the fact checks'
    notes: list[str]


def _checked(checks: FactChecks, code: str, iso3: str, row: Row, field: str) -> _Checked:
    confirming = checks.confirming(code, iso3, field, row[field]) if row[field] else []
    return _Checked(
        fact_checks.raised(row["confidence"], confirming),
        _row_sources(row, field) + [c.source_url for c in confirming],
        [c.describe() for c in confirming],
    )


def _participation(
    g: Graph,
    code: str,
    iso3: str,
    primary: Row,
    period: list[Row],
    steps: list[Row],
    several: bool,
    checks: FactChecks,
) -> None:
    key = (primary["entry_into_force_date"] or primary["ratification_date"])[:4] if several else "1"
    node = entity("participation", iso3, code, key)
    entry = _checked(checks, code, iso3, primary, "entry_into_force_date")
    g.add((node, RDF.type, OG.Participation))
    g.add((node, OG.party, state(iso3)))
    g.add((node, OG.treaty, treaty(code)))
    g.add((node, OG.confidence, Literal(entry.confidence)))
    g.add((node, OG.sourceRow, Literal(primary.where)))
    if primary["note"]:
        g.add((node, OG.note, Literal(primary["note"])))
    emit.add_sources(g, node, primary["source_url"], entry.sources)
    for row in period:
        for field, prop in PARTICIPATION_FIELDS.items():
            if not row[field]:
                continue
            checked = _checked(checks, code, iso3, row, field)
            emit.claim(
                g,
                node,
                prop,
                row[field],
                row["source_url"],
                confidence=checked.confidence,
                note="\n".join([row["note"], *checked.notes]).strip(),
                accepted=row is primary,
                row=row.where,
                extra_sources=checked.sources,
            )
            recorded = {r[field] for r in period}
            for check in checks.contradicting(code, iso3, field, row[field]):
                if check.page_value in recorded:
                    continue  # the curated data already holds the page's value as a claim
                emit.claim(
                    g,
                    node,
                    prop,
                    check.page_value,
                    check.source_url,
                    confidence=check.confidence,
                    note=f"{check.describe()} (It disagrees with the curated value {row[field]}.)",
                    accepted=False,
                    row=check.where,
                )
    start = primary["entry_into_force_date"] if emit.parse_date(primary["entry_into_force_date"]) else None
    end_date = primary["denunciation_effective_date"]
    ceased = [s for s in steps if s["event"] == "ceased_party"]
    if start and ceased and not end_date:
        end_date = ceased[0]["date"]
    emit.interval(g, node, start, end_date if emit.parse_date(end_date) else None)

    base = entity("action", iso3, code, key)
    if emit.parse_date(primary["signature_date"]):
        sig = URIRef(f"{base}/signature")
        _action(
            g, sig, iso3, code, OG.Signature, primary, _checked(checks, code, iso3, primary, "signature_date")
        )
        g.add((sig, OG.depositDate, Literal(primary["signature_date"], datatype=XSD.date)))
    if emit.parse_date(primary["ratification_date"]):
        rat = URIRef(f"{base}/ratification")
        # A successor state bound by its predecessor's ratification (the row's note says so:
        # Czech Republic, Slovakia, Montenegro) consents by succession.
        by_succession = "succession" in primary["note"].lower()
        _action(
            g,
            rat,
            iso3,
            code,
            OG.Succession if by_succession else OG.Ratification,
            primary,
            _checked(checks, code, iso3, primary, "ratification_date"),
        )
        if by_succession:
            g.add(
                (
                    rat,
                    OG.note,
                    Literal("Bound by succession; the deposit date is the predecessor's ratification."),
                )
            )
        g.add((rat, OG.depositDate, Literal(primary["ratification_date"], datatype=XSD.date)))
        if start:
            g.add((rat, OG.effectiveDate, Literal(start, datatype=XSD.date)))
        g.add((node, OG.establishedByAction, rat))
    notice = _checked(checks, code, iso3, primary, "denunciation_notified_date")
    _denunciation(g, node, base, iso3, code, primary, steps if start else [], notice)


def _action(
    g: Graph, node: URIRef, iso3: str, code: str, kind: URIRef, row: Row, checked: _Checked | None = None
) -> None:
    g.add((node, RDF.type, OG.TreatyAction))
    g.add((node, OG.actor, state(iso3)))
    g.add((node, OG.treaty, treaty(code)))
    g.add((node, OG.actionKind, kind))
    g.add((node, OG.confidence, Literal(checked.confidence if checked else row["confidence"])))
    g.add((node, OG.sourceRow, Literal(row.where)))
    emit.add_sources(g, node, row["source_url"], checked.sources if checked else ())


def _denunciation(
    g: Graph,
    participation: URIRef,
    base: str,
    iso3: str,
    code: str,
    primary: Row,
    steps: list[Row],
    checked: _Checked | None = None,
) -> None:
    notified = primary["denunciation_notified_date"]
    effective = primary["denunciation_effective_date"]
    ceased = [s for s in steps if s["event"] == "ceased_party"]
    if ceased:
        node = URIRef(f"{base}/cessation")
        _action(g, node, iso3, code, OG.CessationByMembershipCondition, ceased[0])
        g.add((node, OG.effectiveDate, Literal(ceased[0]["date"], datatype=XSD.date)))
        g.add((node, OG.note, Literal(ceased[0]["note"])))
        g.add((participation, OG.endedByAction, node))
        if notified:
            intent = URIRef(f"{base}/denunciation")
            _action(g, intent, iso3, code, OG.DenunciationNotification, primary, checked)
            g.add((intent, OG.depositDate, Literal(notified, datatype=XSD.date)))
            g.add((intent, OG.tookEffect, Literal(False)))
            for step in steps:
                if step["event"] == "notification":
                    emit.add_sources(g, intent, step["source_url"])
                    g.add((intent, OG.note, Literal(step["note"])))
        return
    if not (notified or effective or steps):
        return
    node = URIRef(f"{base}/denunciation")
    _action(g, node, iso3, code, OG.DenunciationNotification, primary, checked)
    if emit.parse_date(notified):
        g.add((node, OG.depositDate, Literal(notified, datatype=XSD.date)))
    if emit.parse_date(effective):
        g.add((node, OG.effectiveDate, Literal(effective, datatype=XSD.date)))
        g.add((participation, OG.endedByAction, node))
    domestic = sorted(
        (s for s in steps if s["event"] == "domestic_decision" and emit.parse_date(s["date"])),
        key=lambda s: s["date"],
    )
    for number, step in enumerate(domestic, start=1):
        # Each domestic step is its own node, so that sources disagreeing on one step's date
        # (and not the different dates of different steps) show as a conflict.
        value = step["date"]
        step_node = URIRef(f"{node}/step/{number}")
        g.add((step_node, RDF.type, OG.DomesticStep))
        g.add((step_node, OG.stepOf, node))
        g.add((step_node, OG.domesticDecisionDate, Literal(value, datatype=XSD.date)))
        g.add((step_node, OG.confidence, Literal(step["confidence"])))
        g.add((step_node, OG.note, Literal(step["note"])))
        emit.add_sources(g, step_node, step["source_url"])
        g.add((node, OG.domesticDecisionDate, Literal(value, datatype=XSD.date)))
        emit.add_sources(g, node, step["source_url"])
        emit.claim(
            g,
            step_node,
            OG.domesticDecisionDate,
            value,
            step["source_url"],
            confidence=step["confidence"],
            note=step["note"],
            accepted=True,
            row=step.where,
        )
    for step in steps:
        value = step["date"]
        if step["event"] == "domestic_decision":
            continue
        elif step["event"] in ("notification", "effective") and not value:
            prop = "depositDate" if step["event"] == "notification" else "effectiveDate"
            g.add((node, OG.dateUnknown, Literal(prop)))
            g.add((node, OG.note, Literal(f"{prop} unknown: {step['note']}")))
        elif step["event"] in ("notification", "effective"):
            prop_iri = OG.depositDate if step["event"] == "notification" else OG.effectiveDate
            emit.claim(
                g,
                node,
                prop_iri,
                value,
                step["source_url"],
                confidence=step["confidence"],
                note=step["note"],
                row=step.where,
            )


def _withdrawal_steps(rows: list[Row]) -> dict[tuple[str, str], list[Row]]:
    out: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        match = re.search(r"\((?:[^)]*, )?(C?ETS) (\d+)\)", row["instrument"])
        if match:
            code = f"{match.group(1)}-{int(match.group(2)):03d}"
        else:
            code = next(
                (c for name, c in OTHER_INSTRUMENTS.items() if row["instrument"].startswith(name)), ""
            )
        if code:
            out[(code, row["iso3"])].append(row)
    return out


def build_withdrawal_records(withdrawals: list[Row]) -> Graph:
    """Withdrawals from treaties whose full party list is not in the curated data (Rome Statute,
    ACHR): the state's participation with an unknown start, and its withdrawal steps."""
    g = emit.new_graph()
    for (code, iso3), steps in sorted(_withdrawal_steps(withdrawals).items()):
        if code not in OTHER_INSTRUMENTS.values():
            continue
        node = entity("participation", iso3, code, "1")
        g.add((node, RDF.type, OG.Participation))
        g.add((node, OG.party, state(iso3)))
        g.add((node, OG.treaty, treaty(code)))
        g.add(
            (
                node,
                OG.note,
                Literal("Party before its withdrawal; the date it became bound is not in the curated data."),
            )
        )
        g.add((node, OG.dateUnknown, Literal("entryIntoForceDate")))
        for step in steps:
            emit.add_sources(g, node, step["source_url"])
        action = entity("action", iso3, code, "1", "denunciation")
        _action(g, action, iso3, code, OG.DenunciationNotification, steps[0])
        _competing_dates(g, action, steps, "notification", OG.depositDate)
        best_effect = _competing_dates(g, action, steps, "effective", OG.effectiveDate)
        if best_effect is not None:
            g.add((node, OG.endedByAction, action))
            emit.interval(g, node, None, best_effect["date"])
        for step in steps:
            if step["event"] == "revoked":
                g.add((action, OG.tookEffect, Literal(False)))
                g.add(
                    (action, OG.note, Literal(f"Withdrawal notice revoked on {step['date']}: {step['note']}"))
                )
            elif step["event"] in ("domestic_decision", "announcement") and emit.parse_date(step["date"]):
                g.add((action, OG.domesticDecisionDate, Literal(step["date"], datatype=XSD.date)))
            if step["note"]:
                g.add((action, OG.note, Literal(f"{step['event']} {step['date']}: {step['note']}")))
    return g


def _competing_dates(g: Graph, action: URIRef, steps: list[Row], event: str, prop: URIRef) -> Row | None:
    """Record every row's date for ``event`` as a claim; accept and assert the best-ranked one
    (highest confidence, then a row not flagged as conflicting)."""
    rows = [s for s in steps if s["event"] == event and emit.parse_date(s["date"])]
    best = max(
        rows, key=lambda s: (CONFIDENCE_RANK.get(s["confidence"], 0), s["conflict"] != "1"), default=None
    )
    for row in rows:
        emit.claim(
            g,
            action,
            prop,
            row["date"],
            row["source_url"],
            confidence=row["confidence"],
            note=row["note"],
            accepted=row is best,
            row=row.where,
        )
    if best is not None:
        g.add((action, prop, Literal(best["date"], datatype=XSD.date)))
    return best


def computed_entry_claims(participation: Graph, kg: KnowledgeGraph) -> None:
    """Add, beside each stated entry-into-force date, the date the treaty's clause gives.

    The computed value is a claim derived from the clause (PROV-O), never merged into the stated
    one: where the two differ, `obligraph sources --conflicts` shows it.
    """
    rules: dict[str, Rule] = {}
    for part in sorted(
        {s for s in participation.subjects(RDF.type, OG.Participation) if isinstance(s, URIRef)}
    ):
        code = str(participation.value(part, OG.treaty)).rsplit("/", 1)[-1]
        deposit = _accepted(participation, part, OG.ratificationDateAsReported)
        if deposit is None:
            continue
        if code not in rules:
            general = kg.query(
                "SELECT ?t ?d WHERE { ?t eli:first_date_entry_in_force ?d }", {"t": IRI(str(treaty(code)))}
            )
            first = general[0]["d"] if general else None
            rules[code] = load_rule(kg, code, first if isinstance(first, dt.date) else None)
        rule = rules[code]
        computed = rule.entry_into_force(deposit)
        if computed is None or rule.entry_clause is None:
            continue
        node = entity("claim", "computed", *str(part).split("/id/", 1)[1].split("/"), "entryIntoForceDate")
        participation.add((node, RDF.type, OG.Claim))
        participation.add((node, OG.claimAbout, part))
        participation.add((node, OG.claimedProperty, OG.entryIntoForceDate))
        participation.add((node, OG.claimedValue, Literal(computed.isoformat(), datatype=XSD.date)))
        clause = URIRef(rule.entry_clause)
        participation.add((node, OG.computedBy, clause))
        participation.add((node, PROV.wasDerivedFrom, clause))
        participation.add((node, OG.accepted, Literal(False)))
        participation.add(
            (node, OG.note, Literal(f"computed from the deposit {deposit} by the treaty's clause"))
        )


def _accepted(g: Graph, about: URIRef, prop: URIRef) -> dt.date | None:
    for claim_node in g.subjects(OG.claimAbout, about):
        if g.value(claim_node, OG.claimedProperty) == prop and g.value(claim_node, OG.accepted) == Literal(
            True
        ):
            value = str(g.value(claim_node, OG.claimedValue))
            parsed = emit.parse_date(value)
            if parsed:
                return parsed
    return None


# --------------------------------------------------------------------------------------------
# Clauses
# --------------------------------------------------------------------------------------------


def build_clauses(rows: list[Row]) -> Graph:
    g = emit.new_graph()
    for row in rows:
        code = TREATY_IDS.get(row["treaty"])
        if code is None:
            continue
        number_match = re.match(r"^\d+(\(\d+\))?(-\(\d+\))?", row["article"])
        kind = CLAUSE_KINDS.get(row["clause_kind"])
        if kind is None:
            raise SourceDataError(f"{row.where}: unknown clause kind {row['clause_kind']!r}")
        if row["clause_kind"] == "denunciation" and not row["period"] and not number_match:
            kind = OG.NoDenunciationClause
        key = article_key(number_match.group(0)) if number_match else "none"
        node = entity("clause", code, f"{row['clause_kind'].replace('_', '-')}-{key}")
        g.add((node, RDF.type, OG.Clause))
        g.add((node, OG.clauseKind, kind))
        g.add((node, OG.clauseOf, treaty(code)))
        g.add((node, OG.ruleText, Literal(row["rule_text_paraphrased"])))
        g.add((node, OG.confidence, Literal(row["confidence"])))
        g.add((node, OG.sourceRow, Literal(row.where)))
        if row["note"]:
            g.add((node, OG.note, Literal(row["note"])))
        emit.add_sources(g, node, row["source_url"])
        if number_match:
            art = article(code, number_match.group(0))
            g.add((art, RDF.type, OG.Article))
            g.add((art, OG.articleNumber, Literal(number_match.group(0))))
            g.add((art, ELI_IS_PART_OF, treaty(code)))
            g.add((node, OG.inArticle, art))
            emit.add_sources(g, art, row["source_url"])
        label_article = row["article"] if row["article"] != "(none)" else "no article"
        g.add(
            (
                node,
                RDFS.label,
                Literal(f"{code} {label_article}: {row['clause_kind'].replace('_', ' ')}", lang="en"),
            )
        )
        if row["period"]:
            _period(g, node, row["period"])
        if row["alignment"]:
            alignment = ALIGNMENTS.get(row["alignment"])
            if alignment is None:
                g.add((node, OG.note, Literal(f"alignment not modelled: {row['alignment']}")))
            else:
                g.add((node, OG.alignment, alignment))
        if kind in (OG.DenunciationClause, OG.MembershipCondition) and PRIOR_ACTS.search(
            row["rule_text_paraphrased"]
        ):
            g.add((node, OG.coversPriorActs, Literal(True)))
        if kind == OG.MembershipCondition and code == "ETS-005" and row["period"]:
            g.add((node, OG.conditionOrganisation, COE))
    return g


ELI_IS_PART_OF = URIRef("http://data.europa.eu/eli/ontology#is_part_of")


def _period(g: Graph, clause: URIRef, period: str) -> None:
    match = re.fullmatch(r"P(\d+)([DMY])", period)
    if not match:
        raise SourceDataError(f"clause {clause}: unsupported period {period!r}")
    node = URIRef(f"{clause}/period")
    g.add((node, RDF.type, TIME.Duration))
    g.add((node, TIME.numericDuration, Literal(match.group(1), datatype=XSD.decimal)))
    g.add((node, TIME.unitType, UNITS[match.group(2)]))
    g.add((clause, OG.period, node))


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def run(source_dir: Path, out_dir: Path, kg: KnowledgeGraph | None = None) -> list[Path]:
    """Import everything; return the files written. With ``kg`` (ontology and treaties loaded),
    each stated entry into force gets a computed companion claim from the treaty's clause."""
    coe_dir = source_dir / "coe-curated"
    membership = read_rows(coe_dir / "coe_membership.csv")
    participation = read_rows(coe_dir / "coe_treaty_participation.csv")
    withdrawals = read_rows(coe_dir / "other_withdrawals.csv")
    clauses = read_rows(coe_dir / "treaty_clauses.csv")
    participation_graph = build_participation(participation, withdrawals, fact_checks.load())
    if kg is not None:
        computed_entry_claims(participation_graph, kg)
    outputs: list[tuple[str, Graph, Iterable[str]]] = [
        ("memberships.ttl", build_memberships(membership), ["coe-curated/coe_membership.csv"]),
        (
            "participation.ttl",
            participation_graph,
            [
                "coe-curated/coe_treaty_participation.csv",
                "coe-curated/other_withdrawals.csv",
                "graph/fact-checks/*.csv",
            ],
        ),
        ("withdrawals.ttl", build_withdrawal_records(withdrawals), ["coe-curated/other_withdrawals.csv"]),
        ("clauses.ttl", build_clauses(clauses), ["coe-curated/treaty_clauses.csv"]),
    ]
    written = []
    for name, graph, inputs in outputs:
        path = out_dir / "coe" / name
        emit.write_turtle(graph, path, GENERATOR, inputs)
        written.append(path)
    return written


def state_names(source_dir: Path) -> dict[str, str]:
    """The names the curated file uses for states (an extra alt label for each)."""
    return {r["iso3"]: r["state"] for r in read_rows(source_dir / "coe-curated" / "coe_membership.csv")}
