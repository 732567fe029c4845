"""Parse one UN Treaty Collection status page (raw HTML) into plain records.

Pure parsing with lxml: the page header (title, entry into force, counts), the participants
table, the end-notes, and the declarations and reservations. No RDF here; see ``untc.py``.
"""

from __future__ import annotations

import datetime as dt
import gzip
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


@dataclass(frozen=True)
class Page:
    path: Path
    header: Header
    participants: tuple[Participant, ...]
    notes: dict[str, str]
    declarations: tuple[DeclarationText, ...]


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
    return Header(
        title=chapter.group(1).strip(),
        entry_into_force=long_date(eif.group(1)) if eif else None,
        entry_into_force_article=eif.group(5) if eif else None,
        signatories=int(counts.group(1)) if counts else None,
        parties=int(counts.group(2)) if counts else None,
        concluded=long_date(chapter.group(2)) if chapter.group(2) else None,
    )


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
        text = _text(div)
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
            for tr in table.xpath("./tr"):
                who = tr.xpath(".//div[contains(@id, 'divParticipant')]")
                body = tr.xpath(".//div[contains(@id, 'divText')]")
                if not who or not body:
                    continue
                out.extend(_split_by_date(_text(who[0]), body[0], kind))
    return out


def _split_by_date(participant: str, body: lxml_html.HtmlElement, kind: str) -> list[DeclarationText]:
    """A participant's text is a run of paragraphs, some preceded by a right-aligned date: cut the
    text at each date, so that each piece carries the date it was made (None: upon consent)."""
    marks: list[dt.date] = []
    for node in body.iter("p"):
        if node.get("align") == "right":
            try:
                marks.append(long_date(_text(node)))
            except ValueError:
                continue
    flat = _text(body).removeprefix(participant).strip()
    return [DeclarationText(participant, d, t, kind) for d, t in _cut(flat, marks) if t]


def _cut(flat: str, dates: list[dt.date]) -> list[tuple[dt.date | None, str]]:
    pieces: list[tuple[dt.date | None, str]] = []
    rest = flat
    current: dt.date | None = None
    for d in dates:
        marker = f"{d.day} {d.strftime('%B')} {d.year}"
        index = rest.find(marker)
        if index < 0:
            continue
        pieces.append((current, rest[:index].strip()))
        rest = rest[index + len(marker) :]
        current = d
    pieces.append((current, rest.strip()))
    return pieces
