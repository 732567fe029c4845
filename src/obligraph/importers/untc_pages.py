"""Parse one UN Treaty Collection status page (raw HTML) into plain records.

Pure parsing with lxml: the page header (title, entry into force, counts), the participants
table, the end-notes, and the declarations and reservations. No RDF here; see ``untc.py``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from obligraph.errors import SourceDataError

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1
    )
}
_LONG_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_CELL_DATE = re.compile(r"(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})\s*(AA|A|a|d|c)?")
LONG_DATE = re.compile(rf"(\d{{1,2}})\s+({_LONG_MONTHS})\s+(\d{{4}})")


def long_date(text: str) -> dt.date:
    """``26 August 1998`` -> date."""
    match = LONG_DATE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a date: {text!r}")
    day, month, year = match.groups()
    return dt.date(int(year), _MONTHS[month[:3]], int(day))


@dataclass(frozen=True)
class Header:
    title: str
    entry_into_force: dt.date | None
    entry_into_force_article: str | None
    signatories: int | None
    parties: int | None
    entry_into_force_text: str = ""  # the whole "Entry into force" cell, as printed
    entry_into_force_notes: tuple[str, ...] = ()  # end-notes attached to it
    concluded: dt.date | None = None  # the place and date under the title ("New York, 18 December 2002")


@dataclass(frozen=True)
class Participant:
    name: str
    footnotes: tuple[str, ...]
    signature: dt.date | None
    consent: dt.date | None
    consent_code: str
    bracketed: bool
    row: int


@dataclass(frozen=True)
class DeclarationText:
    """One dated paragraph group of a participant's declarations (date None = upon consent)."""

    participant: str
    date: dt.date | None
    text: str
    table: str  # "under-article" or "declarations-and-reservations"
    lines: tuple[str, ...] = ()  # the paragraphs of this piece, in page order
    notes: tuple[str, ...] = ()  # end-notes attached to the participant's name in this table
    date_mark: str = ""  # the date as printed above the piece ("20 August 1991*"); "" if none
    entry: int = 0  # the participant's row in its table (1-based), for provenance


@dataclass(frozen=True)
class TableHeading:
    """The heading printed above a table of declarations under particular articles."""

    text: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    path: Path
    header: Header
    participants: tuple[Participant, ...]
    notes: dict[str, str]
    declarations: tuple[DeclarationText, ...]
    under_article_heading: TableHeading | None = None


MAX_PAGE = 64 * 1024 * 1024  # bytes of HTML a page may unpack to (the largest is about 4 MB)


def _read(path: Path) -> bytes:
    """The page's HTML, unpacked from gzip for ``.gz``; one-line errors for a file that cannot be
    read, a damaged or truncated gzip, or one that unpacks to more than :data:`MAX_PAGE`."""
    try:
        if path.suffix != ".gz":
            return path.read_bytes()
        with gzip.open(path, "rb") as handle:
            raw = handle.read(MAX_PAGE + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise SourceDataError(
            f"{path}: damaged or truncated gzip file ({exc or type(exc).__name__})"
        ) from None
    except OSError as exc:
        raise SourceDataError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > MAX_PAGE:
        raise SourceDataError(f"{path}: unpacks to more than {MAX_PAGE} bytes; not a UNTC status page")
    return raw


def load_page(path: Path) -> Page:
    raw = _read(path)
    try:
        doc = lxml_html.fromstring(raw)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise SourceDataError(f"{path}: not an HTML page ({exc})") from None
    grid = doc.xpath("//table[contains(@id, 'tblgrid')]")
    if not grid:
        raise SourceDataError(f"{path}: no participants table (id *tblgrid) found")
    return Page(
        path=path,
        header=_header(doc, path),
        participants=tuple(_participants(grid[0])),
        notes=_notes(doc),
        declarations=tuple(_declarations(doc)),
        under_article_heading=_under_article_heading(doc),
    )


def _text(node: object) -> str:
    content = node.text_content() if hasattr(node, "text_content") else str(node)
    return re.sub(r"\s+", " ", content.replace("\xa0", " ")).strip()


def _header(doc: lxml_html.HtmlElement, path: Path) -> Header:
    body = doc.xpath("//body")
    text = _text(body[0]) if body else ""
    chapter = re.search(
        rf"CHAPTER IV HUMAN RIGHTS \d+\.\s?[a-z]?\s+(.*?)\s+(?:New York|Geneva),\s*({LONG_DATE.pattern})?",
        text,
    )
    if not chapter:
        raise SourceDataError(f"{path}: treaty title not found in the page header")
    eif = re.search(
        rf"Entry into force\s*:\s*({LONG_DATE.pattern})(?:, in accordance with (article [\w()]+))?", text
    )
    counts = re.search(r"Signatories\s*:\s*(\d+)\s*[.,]\s*Parties\s*:\s*(\d+)", text)
    cell = doc.xpath("//div[contains(@id, 'rptEIF') and contains(@id, 'tcText')]")
    return Header(
        title=chapter.group(1).strip(),
        entry_into_force=long_date(eif.group(1)) if eif else None,
        entry_into_force_article=eif.group(5) if eif else None,
        signatories=int(counts.group(1)) if counts else None,
        parties=int(counts.group(2)) if counts else None,
        entry_into_force_text=_without_notes(cell[0]) if cell else "",
        entry_into_force_notes=_note_numbers(cell[0]) if cell else (),
        concluded=long_date(chapter.group(2)) if chapter.group(2) else None,
    )


def _note_numbers(node: lxml_html.HtmlElement) -> tuple[str, ...]:
    """The end-note numbers printed as superscripts in a node."""
    return tuple(n.strip() for n in node.xpath(".//sup//text() | .//SUP//text()") if n.strip().isdigit())


def _spaced_text(node: lxml_html.HtmlElement) -> str:
    """A node's text with a space where a line or paragraph breaks (text_content joins them)."""
    copy = lxml_html.fromstring(lxml_html.tostring(node))
    for br in copy.xpath(".//br | .//BR | .//p | .//P"):
        br.tail = " " + (br.tail or "")
        if br.tag.lower() == "p":
            br.text = " " + (br.text or "")
    return _text(copy)


def _without_notes(node: lxml_html.HtmlElement) -> str:
    """A node's text without its end-note superscripts."""
    copy = lxml_html.fromstring(lxml_html.tostring(node))
    for sup in copy.xpath(".//sup | .//SUP"):
        sup.drop_tree()
    for br in copy.xpath(".//br | .//BR"):
        br.tail = " " + (br.tail or "")
    return _text(copy)


def _under_article_heading(doc: lxml_html.HtmlElement) -> TableHeading | None:
    heading = doc.xpath("//div[contains(@id, 'divParentDecArt')]")
    if not heading:
        return None
    return TableHeading(_without_notes(heading[0]), _note_numbers(heading[0]))


def _cell_date(text: str) -> tuple[dt.date | None, str]:
    match = _CELL_DATE.search(text.replace("\xa0", " "))
    if not match:
        return None, ""
    day, month, year, code = match.groups()
    return dt.date(int(year), _MONTHS[month], int(day)), code or ""


def _participants(table: lxml_html.HtmlElement) -> list[Participant]:
    out = []
    for index, tr in enumerate(table.xpath("./tr | ./tbody/tr")):
        cells = tr.xpath("./td")
        if len(cells) < 3 or "thead" in (tr.get("class") or ""):
            continue
        name_cell = cells[0]
        notes = tuple(n.strip() for n in name_cell.xpath(".//sup//text()") if n.strip().isdigit())
        name = " ".join(t.strip() for t in name_cell.xpath("./text() | ./a/text()") if t.strip())
        sig_text, consent_text = cells[1].text_content(), cells[2].text_content()
        signature, _ = _cell_date(sig_text)
        consent, code = _cell_date(consent_text)
        bracketed = "[" in sig_text or "[" in consent_text
        out.append(Participant(name.strip(), notes, signature, consent, code, bracketed, index))
    return out


def _notes(doc: lxml_html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for div in doc.xpath("//table[contains(@id, 'dgNotesAll')]//div[contains(@class, 'divNotesAll')]"):
        anchor = div.xpath("./a[@name]")
        if not anchor:
            continue
        number = anchor[0].get("name")
        text = _spaced_text(div)
        out[number] = text[len(number) :].strip() if text.startswith(number) else text
    return out


def _declarations(doc: lxml_html.HtmlElement) -> list[DeclarationText]:
    out: list[DeclarationText] = []
    for table_id, kind in (
        ("dgDecUnderArticle", "under-article"),
        ("dgDec", "declarations-and-reservations"),
    ):
        tables = doc.xpath(
            f"//table[substring(@id, string-length(@id) - {len(table_id) - 1}) = '{table_id}']"
        )
        for table in tables:
            entry = 0
            for tr in table.xpath("./tr"):
                who = tr.xpath(".//div[contains(@id, 'divParticipant')]")
                body = tr.xpath(".//div[contains(@id, 'divText')]")
                if not who or not body:
                    continue
                entry += 1
                out.extend(_split_by_date(_text(who[0]), _note_numbers(who[0]), body[0], kind, entry))
    return out


_DATE_MARK = "\x00DATE:"


def _lines(body: lxml_html.HtmlElement) -> list[str]:
    """The paragraphs of a participant's text, in page order; a right-aligned date (the date a
    piece was made) becomes a line of its own starting with ``_DATE_MARK``."""
    raw = lxml_html.tostring(body, encoding="unicode")
    raw = re.sub(r"(?is)<p class=.?invisible.?>.*?</p>", "", raw)
    raw = re.sub(r"(?is)<p align=.?right.?>(.*?)</p>", lambda m: f"\n{_DATE_MARK}{m.group(1)}\n", raw)
    raw = re.sub(r"(?i)<br\s*/?>|</?p\b[^>]*>|</?div\b[^>]*>", "\n", raw)
    raw = html.unescape(re.sub(r"<[^>]+>", "", raw))
    return [line for line in (re.sub(r"\s+", " ", piece).strip() for piece in raw.split("\n")) if line]


def _split_by_date(
    participant: str, notes: tuple[str, ...], body: lxml_html.HtmlElement, kind: str, entry: int
) -> list[DeclarationText]:
    """A participant's text is a run of paragraphs, some preceded by a right-aligned date: cut the
    text at each date, so that each piece carries the date it was made (None: upon consent)."""
    pieces: list[DeclarationText] = []
    mark, date, lines = "", None, []  # type: ignore[var-annotated]

    def close() -> None:
        if lines or mark:
            text = " ".join(lines)
            pieces.append(DeclarationText(participant, date, text, kind, tuple(lines), notes, mark, entry))

    for line in _lines(body):
        if line.startswith(_DATE_MARK):
            close()
            mark = line.removeprefix(_DATE_MARK).strip()
            found = LONG_DATE.match(mark)
            date = long_date(found.group(0)) if found else None
            lines = []
        else:
            lines.append(line)
    close()
    if not pieces:  # a participant with only end-notes (its declaration is told there)
        pieces.append(DeclarationText(participant, None, "", kind, (), notes, "", entry))
    return pieces
