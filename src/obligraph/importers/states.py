"""States and their UN and EU memberships.

- Every UN member (``country-converter``: UN admission year), the two UN observer states and the
  non-member states that take part in UN treaties (Cook Islands, Niue), with ISO 3166-1 codes
  and names from ``pycountry``;
- historical states from ISO 3166-3 (USSR, Czechoslovakia, Yugoslavia, GDR, Serbia and
  Montenegro) under their four-letter codes;
- UN membership at year precision (``xsd:gYear``: the source gives no day, none is invented);
- EU membership with accession and exit dates from ``eums``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, TIME, XSD

from obligraph.errors import SourceDataError
from obligraph.importers import curation, emit
from obligraph.rdf_terms import OG, ORG, entity, organisation, state
from obligraph.vocab import SKOSXL_NS

GENERATOR = "obligraph import states"
PYCOUNTRY = URIRef("https://pypi.org/project/pycountry/26.2.16/")
COUNTRY_CONVERTER = URIRef("https://pypi.org/project/country-converter/1.3.2/")
SKOSXL = Namespace(SKOSXL_NS)
EUMS = URIRef("https://github.com/jfjelstul/eums/tree/20fd6ffff5886b9aa11c5f76cb383ec29b7725bb")


def _read_json(path: Path, key: str) -> list[dict[str, str]]:
    if not path.is_file():
        raise SourceDataError(f"{path}: source file not found")
    data: list[dict[str, str]] = json.loads(path.read_text("utf-8"))[key]
    return data


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise SourceDataError(f"{path}: source file not found")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def build(source_dir: Path, extra_names: dict[str, str]) -> Graph:
    """``extra_names``: ISO alpha-3 -> another name a source uses (e.g. the CoE file's)."""
    iso = {e["alpha_3"]: e for e in _read_json(source_dir / "pycountry-iso3166" / "iso3166-1.json", "3166-1")}
    withdrawn = {
        e["alpha_4"]: e for e in _read_json(source_dir / "pycountry-iso3166" / "iso3166-3.json", "3166-3")
    }
    coco = _read_tsv(source_dir / "country-converter" / "country_data.tsv")
    un_year = {r["ISO3"]: r["UNmember"] for r in coco if r["UNmember"]}
    coco_names = {r["ISO3"]: {r["name_short"], r["name_official"]} for r in coco}
    coco_rows = {r["ISO3"]: r for r in coco}

    g = emit.new_graph()
    for src, label in (
        (PYCOUNTRY, "pycountry 26.2.16: ISO 3166-1 and 3166-3 (Debian iso-codes)"),
        (COUNTRY_CONVERTER, "country-converter 1.3.2: name patterns, UN admission year"),
        (EUMS, "EU Member States database (eums), J. Fjelstul, 2021"),
    ):
        g.add((src, RDF.type, OG.DataSet))
        g.add((src, RDFS.label, Literal(label)))

    beyond = curation.states_beyond_un_membership()  # graph/curation/: with the reason for each
    for code in sorted(set(un_year) | set(beyond)):
        entry = iso.get(code)
        if entry is None:
            raise SourceDataError(f"iso3166-1.json: no entry for {code}")
        node = state(code)
        g.add((node, RDF.type, OG.State))
        for prop in (SKOS.prefLabel, RDFS.label):
            g.add((node, prop, Literal(entry["name"], lang="en")))
        g.add((node, OG.isoAlpha3, Literal(code)))
        g.add((node, OG.isoAlpha2, Literal(entry["alpha_2"])))
        g.add((node, OG.isoNumeric, Literal(entry["numeric"])))
        alts = {entry.get("official_name"), entry.get("common_name"), extra_names.get(code)} | coco_names.get(
            code, set()
        )
        alts.add(_head(entry["name"]))
        for alt in sorted(a for a in alts if a and a != entry["name"]):
            g.add((node, SKOS.altLabel, Literal(alt, lang="en")))
        g.add((node, PROV.wasDerivedFrom, PYCOUNTRY))
        _short_name(g, node, code, *short_name(entry, coco_rows.get(code)))
        _name_pattern(g, node, coco_rows.get(code))
        if code in beyond:
            g.add(
                (
                    node,
                    OG.note,
                    Literal("Not a UN member; a UN observer state or a state taking part in UN treaties."),
                )
            )

    for code in curation.historical_states():
        entry = withdrawn.get(code)
        if entry is None:
            raise SourceDataError(f"iso3166-3.json: no entry for {code}")
        node = state(code)
        g.add((node, RDF.type, OG.HistoricalState))
        g.add((node, RDF.type, OG.State))
        for prop in (SKOS.prefLabel, RDFS.label):
            g.add((node, prop, Literal(entry["name"], lang="en")))
        g.add((node, OG.isoAlpha3, Literal(entry["alpha_3"])))
        g.add((node, OG.isoAlpha4, Literal(code)))
        g.add((node, PROV.wasDerivedFrom, PYCOUNTRY))
        if _head(entry["name"]) != entry["name"]:
            g.add((node, SKOS.altLabel, Literal(_head(entry["name"]), lang="en")))
        _short_name(g, node, code, _head(entry["name"]), PYCOUNTRY)
        _name_pattern(g, node, coco_rows.get(entry["alpha_3"]))
        g.add(
            (
                node,
                OG.note,
                Literal(
                    f"ISO 3166-3 code withdrawn {entry['withdrawal_date']} (the code's withdrawal, not the state's dissolution date)."
                ),
            )
        )

    _un_memberships(g, un_year)
    _eu_memberships(g, source_dir / "eums" / "member_states_raw.csv")
    return g


def _head(name: str) -> str:
    """The name before the comma of an inverted name: ``Korea, Republic of`` -> ``Korea``,
    ``Congo, The Democratic Republic of the`` -> ``Congo``. Two states with the same head (the
    two Koreas, the two Congos) make that head an ambiguous name, as it is in writing."""
    return name.split(",", 1)[0].strip()


def short_name(entry: dict[str, str], coco: dict[str, str] | None) -> tuple[str, URIRef]:
    """The name researchers write for a state, and the data set it comes from: pycountry's common
    name (Bolivia, South Korea); the ISO name without its parenthesis (Holy See); then
    country-converter's short name where it is shorter and neither inverted nor abbreviated (Russia,
    DR Congo, not St. Lucia); then the head of the inverted ISO name (Micronesia, Congo)."""
    name = entry["name"]
    if entry.get("common_name"):
        return entry["common_name"], PYCOUNTRY
    if "(" in name and "," not in name:
        return name.split("(", 1)[0].strip(), PYCOUNTRY
    other = coco["name_short"] if coco else ""
    if other and len(other) < len(name) and not any(c in other for c in ",(."):
        return other, COUNTRY_CONVERTER
    return _head(name), PYCOUNTRY


def _short_name(g: Graph, node: URIRef, code: str, name: str, source: URIRef) -> None:
    label = entity("name", "state", code)
    g.add((node, SKOSXL.altLabel, label))
    g.add((label, RDF.type, OG.ShortName))
    g.add((label, SKOSXL.literalForm, Literal(name, lang="en")))
    g.add((label, PROV.wasDerivedFrom, source))


def _name_pattern(g: Graph, node: URIRef, coco: dict[str, str] | None) -> None:
    """country-converter's pattern of the names a state is known by (UK, Ivory Coast, Holy See)."""
    if coco and coco.get("regex"):
        g.add((node, OG.namePattern, Literal(coco["regex"])))
        g.add((node, PROV.wasDerivedFrom, COUNTRY_CONVERTER))


def _un_memberships(g: Graph, un_year: dict[str, str]) -> None:
    un = organisation("UN")
    for code, year in sorted(un_year.items()):
        node = entity("membership", code, "UN", year)
        g.add((node, RDF.type, OG.Membership))
        g.add((node, ORG.member, state(code)))
        g.add((node, ORG.organization, un))
        g.add((node, OG.membershipStatus, OG.StatusMember))
        interval = URIRef(f"{node}/interval")
        start = URIRef(f"{node}/start")
        g.add((interval, RDF.type, TIME.Interval))
        g.add((start, RDF.type, TIME.Instant))
        g.add((start, TIME.inXSDgYear, Literal(year, datatype=XSD.gYear)))
        g.add((interval, TIME.hasBeginning, start))
        g.add((node, ORG.memberDuring, interval))
        g.add((node, PROV.wasDerivedFrom, COUNTRY_CONVERTER))
        g.add((node, OG.confidence, Literal("medium")))
        g.add(
            (
                node,
                OG.note,
                Literal("UN admission year only (country-converter column UNmember); no day is given."),
            )
        )


def _eu_memberships(g: Graph, path: Path) -> None:
    if not path.is_file():
        raise SourceDataError(f"{path}: source file not found")
    eu = organisation("EU")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=1):
        code = row["iso_alpha_3_code"]
        start = row["accession_date"]
        end = row["exit_date"] if row["exit_date"] not in ("", "NA") else None
        node = entity("membership", code, "EU", start)
        g.add((node, RDF.type, OG.Membership))
        g.add((node, ORG.member, state(code)))
        g.add((node, ORG.organization, eu))
        g.add((node, OG.membershipStatus, OG.StatusMember))
        emit.interval(g, node, start, end, prop=ORG.memberDuring)
        g.add((node, PROV.wasDerivedFrom, EUMS))
        g.add((node, OG.sourceRow, Literal(f"member_states_raw.csv row {number}")))
        g.add((node, OG.confidence, Literal("high")))
        if row["accession_year"] == "1952":
            g.add(
                (
                    node,
                    OG.note,
                    Literal("Founders are dated 1952-07-23, the ECSC treaty's entry into force (eums)."),
                )
            )


def run(source_dir: Path, out_dir: Path, extra_names: dict[str, str]) -> list[Path]:
    graph = build(source_dir, extra_names)
    path = out_dir / "states.ttl"
    emit.write_turtle(
        graph,
        path,
        GENERATOR,
        [
            "pycountry-iso3166/iso3166-1.json",
            "pycountry-iso3166/iso3166-3.json",
            "country-converter/country_data.tsv",
            "eums/member_states_raw.csv",
        ],
        extra_prefixes=("skosxl",),
    )
    return [path]
