"""Declarations on UNTC pages that switch a committee's power on (opt-in articles) or off
(opt-outs), read from every place the page gives them, each dated as the page says.

Where a declaration appears:

1. the table of declarations under particular articles ("Declarations made under articles 21
   and 22") and the declarations-and-reservations text: each participant's text is cut at the
   dates printed above its parts, and each statement is classified by
   :mod:`obligraph.importers.untc_competence`;
2. the end-notes (:mod:`obligraph.importers.untc_endnotes`): a declaration a note quotes (a
   predecessor's, or one told only there), withdrawals of exclusions, earlier declarations that
   expired, a second deposit of the same text.

Dating rules, in order: a date printed above the text; else the act the page's heading names
("Unless otherwise indicated, the declarations were made upon ratification, accession or
succession"; "Made upon succession"; "made upon signature"): the participant's deposit of that
act. A date in the text itself wins where the text says when it has effect ("as from 18
September 1997", "beginning on 16 April 2010"); a part received later (an asterisk and "the text
between brackets was received ... on ...") keeps both dates. A time-limited declaration ("for a
period of five years") ends when its period does (counted from its effect, never before the
treaty binds the state); one that "replaces" an earlier one ends that one. Every node keeps the
page's own words and the rule that read them in its notes.
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Graph, URIRef

from obligraph import dates
from obligraph.importers import curation, untc_endnotes, untc_scope
from obligraph.importers import untc_declaration_facts as facts
from obligraph.importers.treaty_rules import Rule
from obligraph.importers.untc_competence import Finding, Procedures, Statement, articles_named, classify_piece
from obligraph.importers.untc_declaration_facts import CAPTURED, Acts, Made
from obligraph.importers.untc_names import NameResolver, clean_name, party_iri
from obligraph.importers.untc_pages import LONG_DATE, DeclarationText, Page, long_date
from obligraph.rdf_terms import state

_UPON = re.compile(
    r"\b(?:made|confirmed)\s+upon\s+(signature|ratification|accession|succession)", re.IGNORECASE
)
_LATER_PART = re.compile(
    rf"\*\s*The text between brackets was received [^.]*? on ({LONG_DATE.pattern})", re.IGNORECASE
)
_FROM = re.compile(
    rf"(?:as from|beginning on|with effect from|in effect for \w+ years from)\s+({LONG_DATE.pattern})",
    re.IGNORECASE,
)
_YEARS = re.compile(r"for (?:a (?:further )?period of |an? )?(\w+) years?\b", re.IGNORECASE)
_REPLACES = re.compile(
    rf"replaces the (?:one|declaration) transmitted [^.]*? on ({LONG_DATE.pattern})", re.IGNORECASE
)
_NUMBERS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten".split())}


class Reader:
    """Declarations of one page: collected from the tables and notes, then written as triples."""

    def __init__(
        self, page: Page, code: str, url: URIRef, resolver: NameResolver, rule: Rule, procedures: Procedures
    ) -> None:
        self.page, self.code, self.url, self.resolver = page, code, url, resolver
        self.rule, self.procedures = rule, procedures
        self.made: dict[tuple[str, str, str, dt.date], Made] = {}
        self.acts: dict[str, Acts] = {}
        self.names: dict[str, str] = {}  # participant name -> key
        for p in page.participants:
            resolved = party_iri(p.name, resolver)
            if resolved:
                in_force = rule.entry_into_force(p.consent) if p.consent else None
                self.acts[resolved[1]] = Acts(p.signature, p.consent, p.consent_code, in_force)
                self.names[p.name] = resolved[1]
        heading = page.under_article_heading
        self.table_articles = articles_named(heading.text) if heading else ()
        self.heading_rule = _heading_rule(heading.text if heading else "")
        self.predecessors = curation.identifiers("untc-predecessor")
        self.former = curation.identifiers("untc-former-name")

    # ---- who ------------------------------------------------------------------------------

    def party(self, name: str) -> tuple[URIRef, str] | None:
        name = clean_name(name.strip())
        for table in (self.predecessors, self.former):
            for spelled, key in table.items():
                if (
                    re.sub(r"^the\s+", "", spelled, flags=re.IGNORECASE).casefold()
                    == re.sub(r"^the\s+", "", name, flags=re.IGNORECASE).casefold()
                ):
                    return state(key), key
        return party_iri(name, self.resolver)

    def party_of_key(self, key: str) -> URIRef:
        """The IRI of a participant or predecessor known by its key."""
        for name, known in self.names.items():
            if known == key:
                resolved = party_iri(name, self.resolver)
                if resolved:
                    return resolved[0]
        return state(key)

    def acts_of(self, key: str) -> Acts:
        if key in self.acts:
            return self.acts[key]
        for note in self.page.notes.values():  # a predecessor's acts are told in an end-note
            for quoted in untc_endnotes.quoted_declarations(note):
                found = self.party(quoted.government)
                if found and found[1] == key:
                    signed = LONG_DATE.search(note)
                    return Acts(long_date(signed.group(0)) if signed else None, quoted.date, "", quoted.date)
        return Acts(None, None, "", None)

    # ---- the tables -------------------------------------------------------------------------

    def read_tables(self) -> None:
        for piece in self.page.declarations:
            resolved = self.party(piece.participant)
            if resolved is None:
                continue
            if not piece.lines:
                continue
            table = self.table_articles if piece.table == "under-article" else ()
            findings = classify_piece(piece.lines, self.procedures, table)
            when, dating = self._when(piece, resolved[1])
            if piece.table == "under-article" and all(f.stance == "unrelated" for f in findings):
                findings += self._listed(piece)
            for finding in findings:
                if finding.stance == "unrelated" or when is None:
                    continue
                for number in finding.articles:
                    made = self.add(resolved, number, finding, when, facts.where(self.code, piece), dating)
                    if finding.rule.startswith("listed in the table"):
                        made.confidence = "medium"
                    self._terms(made, finding.statement.text, piece)

    def _listed(self, piece: DeclarationText) -> list[Finding]:
        """A row of the table of declarations recognising the competence under one article, whose
        text only acts under that article's later paragraphs (a designation under CERD Art.
        14(2)): the page lists the state among the declarants, and the heading says so."""
        heading = self.page.under_article_heading
        articles = tuple(a for a in self.table_articles if a in self.procedures.opt_in)
        if (
            heading is None
            or len(articles) != 1
            or not re.search(r"recogni[sz]ing the competence", heading.text)
        ):
            return []
        if articles[0] not in articles_named(piece.text):
            return []
        rule = (
            f"listed in the table headed '{heading.text.split('(Unless')[0].strip()}', and its text acts under "
            f"article {articles[0]}; the text itself does not restate the recognition"
        )
        return [Finding("accepts", articles, rule, "table", Statement(piece.text, ""))]

    def _when(self, piece: DeclarationText, key: str) -> tuple[dt.date | None, str]:
        if piece.date:
            note = f"dated {piece.date_mark} on the page"
            later = _LATER_PART.search(piece.text)
            if later:
                note += f"; '{later.group(0).strip()}'"
            return piece.date, note
        upon = _UPON.search(" ".join(piece.lines[:2]))
        act = upon.group(1).lower() if upon else ""
        date, kind = self.acts_of(key).upon(act)
        said = f"'{upon.group(0)}'" if upon else self.heading_rule
        return date, f"undated on the page ({said}): dated with the {kind} deposited on {date}"

    def _terms(self, made: Made, text: str, piece: DeclarationText) -> None:
        """Dates the text itself gives: a start, a period, a declaration it replaces."""
        later = _LATER_PART.search(piece.text)
        if later:
            made.later_part = long_date(later.group(1))
        scope = untc_scope.events_after(piece.text, made.date, self.acts_of(made.key).in_force)
        if scope and made.stance == "accepts":
            made.covers_after, made.scope_words = scope
        start = _FROM.search(text)
        if start:
            made.effective_from = long_date(start.group(1))
            made.notes.append(f"has effect from {made.effective_from} as its text says: '{start.group(0)}'")
        years = _YEARS.search(text)
        count = _NUMBERS.get(years.group(1).lower()) if years else None
        if years and count:
            begins = (
                max(d for d in (made.starts, self.acts_of(made.key).in_force) if d)
                if not start
                else made.starts
            )
            made.until = dates.add_period(begins, dates.Period(count, "year"))
            made.notes.append(
                f"time-limited: '{years.group(0)}' counted from {begins} (its effect, not before the "
                f"treaty binds the state) ends on {made.until}"
            )
        replaced = _REPLACES.search(text)
        if replaced:
            earlier = long_date(replaced.group(1))
            for other in self.made.values():
                if (other.key, other.number, other.date) == (made.key, made.number, earlier):
                    other.until = made.starts
                    other.notes.append(
                        f"replaced on {made.starts}: '{replaced.group(0)}' (declaration of {made.date})"
                    )

    def add(
        self,
        resolved: tuple[URIRef, str],
        number: str,
        finding: Finding,
        when: dt.date,
        where: str,
        dating: str,
    ) -> Made:
        party, key = resolved
        index = (key, number, finding.stance, when)
        if index in self.made:
            self.made[index].notes.append(f"also in {where}")
            return self.made[index]
        how = {
            "named": "the article it names",
            "procedure": "the procedure it describes",
            "heading": f"the heading above it ('{finding.statement.heading}')",
            "table": "the one article of the table it stands in",
            "row": "the row that cites the end-note (the article of its current declaration)",
        }.get(finding.found_by, "")
        made = Made(key, party, number, finding.stance, when, finding.statement.text, where)
        made.notes += [f"classified '{finding.stance}' ({finding.rule}); article {number} from {how}", dating]
        self.made[index] = made
        return made

    # ---- the end-notes ----------------------------------------------------------------------

    def read_notes(self) -> None:
        cited = self.citations()
        for number, text in sorted(self.page.notes.items(), key=lambda n: int(n[0]) if n[0].isdigit() else 0):
            citing = cited.get(number, set())
            self._quoted(number, text, citing)
            self._withdrawals(number, text, citing)
            self._previous(number, text, citing)

    def citations(self) -> dict[str, set[str]]:
        """End-note number -> the keys of the participants whose rows cite it (any table)."""
        out: dict[str, set[str]] = {}
        for p in self.page.participants:
            for n in p.footnotes:
                if p.name in self.names:
                    out.setdefault(n, set()).add(self.names[p.name])
        for piece in self.page.declarations:
            resolved = self.party(piece.participant)
            for n in piece.notes:
                if resolved:
                    out.setdefault(n, set()).add(resolved[1])
        return out

    def _empty_rows(self) -> dict[str, set[str]]:
        """Participants whose row in the table under articles holds only end-notes: note -> keys."""
        out: dict[str, set[str]] = {}
        for piece in self.page.declarations:
            resolved = self.party(piece.participant)
            if piece.table == "under-article" and not piece.lines and resolved:
                for n in piece.notes:
                    out.setdefault(n, set()).add(resolved[1])
        return out

    def _quoted(self, number: str, text: str, citing: set[str]) -> None:
        empty = self._empty_rows().get(number, set())
        for quoted in untc_endnotes.quoted_declarations(text):
            maker = self.party(quoted.government)
            if maker is None or quoted.date is None:
                continue
            statements = re.split(r"(?<=[.;”\"])\s+(?=[\"“]?[A-Z])", quoted.text)
            findings = classify_piece(tuple(statements), self.procedures)
            where = f"UNTC {self.code.removeprefix('UN-')} end-note {number} ({CAPTURED})"
            dating = f"the end-note dates it {quoted.date}" + (
                f" (made upon {quoted.made_upon})" if quoted.made_upon else ""
            )
            holders = [maker] + [(state(k), k) for k in sorted(empty) if k != maker[1]]
            for finding in findings:
                if finding.stance == "unrelated":
                    continue
                for holder in holders:
                    for article_number in finding.articles:
                        made = self.add(holder, article_number, finding, quoted.date, where, dating)
                        if holder != maker:
                            made.carried_from = maker[0]
                            made.notes.append(
                                f"made by {quoted.government}; the page lists it under its successor's row, "
                                f"which cites end-note {number}"
                            )

    def _withdrawals(self, number: str, text: str, citing: set[str]) -> None:
        for w in untc_endnotes.withdrawals(text):
            who = self.party(w.government) if w.government else None
            keys = {who[1]} if who else citing
            if who and who[1] not in citing and who[1] not in self.predecessors.values():
                continue
            quoted = re.split(r":\s*", w.words, maxsplit=1)
            excluded = {self.procedures.opt_out_clause.get(a, a) for a in w.articles}
            excluded |= {
                a
                for f in classify_piece((quoted[-1],), self.procedures)
                if f.stance == "excludes"
                for a in f.articles
            }
            for key in keys:
                for target in sorted(excluded & set(self.procedures.opt_out)):
                    self._end_exclusion(key, target, w, number)

    def _end_exclusion(self, key: str, target: str, w: untc_endnotes.Withdrawal, number: str) -> None:
        open_ones = [
            m
            for m in self.made.values()
            if (m.key, m.number, m.stance) == (key, target, "excludes")
            and m.date <= w.date
            and m.withdrawn is None
        ]
        if not open_ones:
            maker = self.party(w.made_by) if w.made_by else None
            acts = self.acts_of(maker[1]) if maker else self.acts_of(key)
            made_on, kind = acts.upon(w.made_upon)
            if made_on is None:
                return
            made = self._from_note(
                (state(key), key),
                target,
                ("excludes", "the end-note withdraws a reservation that excluded it", w.words),
                made_on,
                number,
                f"made upon {kind} ({made_on}), as the end-note says ('made upon {w.made_upon}')",
            )
            if maker:
                made.carried_from = maker[0]
            open_ones = [made]
        for made in open_ones:
            made.withdrawn = w.date
            made.notes.append(f"withdrawn on {w.date} (end-note {number}: '{w.words[:300]}')")

    def _from_note(
        self,
        holder: tuple[URIRef, str],
        article_number: str,
        said: tuple[str, str, str],
        date: dt.date,
        note: str,
        dating: str,
        found_by: str = "named",
    ) -> Made:
        """A declaration an end-note alone records: ``said`` is (stance, rule, the note's words)."""
        stance, rule, words = said
        finding = Finding(stance, (article_number,), rule, found_by, Statement(words, ""))
        where = f"UNTC {self.code.removeprefix('UN-')} end-note {note} ({CAPTURED})"
        return self.add(holder, article_number, finding, date, where, dating)

    def _previous(self, number: str, text: str, citing: set[str]) -> None:
        previous = untc_endnotes.previous_declarations(text)
        if not previous:
            return
        for key in sorted(citing):
            current = [m for m in self.made.values() if m.key == key and m.stance == "accepts"]
            for number_ in sorted({m.number for m in current}):
                template = next(m for m in current if m.number == number_)
                for p in previous:
                    made = self._from_note(
                        (template.party, key),
                        number_,
                        ("accepts", "an earlier declaration the end-note lists", p.words),
                        p.received,
                        number,
                        f"received {p.received}, as the end-note says",
                        found_by="row",
                    )
                    made.until = p.expired
                    made.notes.append(f"expired on {p.expired}: '{p.words}'")
        for deposited, sentence in untc_endnotes.deposits(text):
            for m in self.made.values():
                if (
                    m.key in citing
                    and m.stance == "accepts"
                    and m.date != deposited
                    and m.date.year == deposited.year
                ):
                    m.other_dates.append((deposited, f"end-note {number}: {sentence}"))

    # ---- triples ----------------------------------------------------------------------------

    def write(self, g: Graph) -> None:
        for made in sorted(self.made.values(), key=lambda m: (m.key, m.number, m.stance, m.date)):
            facts.write(g, made, self.code, self.url, self.procedures)


def _heading_rule(heading: str) -> str:
    match = re.search(r"\((Unless otherwise indicated[^)]*)\)", heading)
    return (
        f"'{match.group(1)}'" if match else "the page's rule: made upon ratification, accession or succession"
    )


def read(
    g: Graph, page: Page, code: str, url: URIRef, resolver: NameResolver, rule: Rule, procedures: Procedures
) -> Reader:
    reader = Reader(page, code, url, resolver, rule, procedures)
    if procedures.any:
        reader.read_tables()
        reader.read_notes()
        reader.write(g)
    return reader
