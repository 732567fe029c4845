"""The bad-input corpus (issue 16): every case is a command line that must fail cleanly.

Each case is ``(id, argv, expected)``: the arguments after ``obligraph`` and a piece of the one
error line it must print. ``{F}`` in an argument is the folder where :data:`FILES` are written
at test time (large or binary files are made there, never committed); ``{S}`` is a copy of the
raw source data with one file broken (see ``test_corpus.broken_sources``).

What every case must do is checked in ``test_corpus.py``: exit code 2, exactly one line on
stderr starting ``error:``, nothing on stdout, no traceback, and ``ontology/``, ``graph/`` and
``queries/`` byte-identical (and untouched) afterwards.
"""

from __future__ import annotations

import gzip

SCENARIO_OK = "state: RUS\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n"
_LOL = "lol-lol-lol-lol-lol-lol-lol-lol-lol-lol"


def _billion_laughs() -> bytes:
    lines = [f'a0: &a0 "{_LOL}"']
    for n in range(1, 10):
        refs = ", ".join([f"*a{n - 1}"] * 10)
        lines.append(f"a{n}: &a{n} [{refs}]")
    lines.append("state: RUS\nevents: *a9\n")
    return "\n".join(lines).encode()


def _truncated_gzip() -> bytes:
    page = b"<html><body>" + b"".join(b"<p>%d</p>" % n for n in range(20000)) + b"</body></html>"
    whole = gzip.compress(page)
    return whole[: len(whole) // 2]


# The data-loss case: a 164-byte-class page with the CAT header and an empty table.
EMPTY_TABLE_PAGE = (
    b"<html><body>CHAPTER IV HUMAN RIGHTS 9. Convention against Torture New York, 10 December 1984"
    b'<table id="tblgrid"></table></body></html>'
)

FILES: dict[str, bytes] = {
    # scenario files
    "billion-laughs.yaml": _billion_laughs(),
    "alias.yaml": b"s: &s RUS\nstate: *s\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n",
    "anchor.yaml": b"state: &s RUS\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n",
    "impossible-date.yaml": b"state: RUS\nevents:\n  - withdraw: ECPT\n    notified: 2025-02-30\n",
    "datetime.yaml": b"state: RUS\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03 10:00:00\n",
    "timestamp-tag.yaml": b"state: RUS\nevents:\n  - withdraw: ECPT\n    notified: !!timestamp 2025-10-03T10:00:00\n",
    "far-future.yaml": b"state: RUS\nevents:\n  - withdraw: ECPT\n    notified: 9999-12-31\n",
    "empty-date.yaml": b"state: RUS\nevents:\n  - withdraw: ECPT\n    notified:\n",
    "binary.yaml": b"\x00\x01\x02\xff" * 64,
    "latin1.yaml": "name: Côte d'Ivoire\n".encode("latin-1") + SCENARIO_OK.encode(),
    "empty.yaml": b"",
    "comment-only.yaml": b"# nothing here\n",
    "top-list.yaml": b"- withdraw: ECPT\n",
    "events-not-list.yaml": b"state: RUS\nevents: withdraw ECPT\n",
    "events-empty.yaml": b"state: RUS\nevents: []\n",
    "event-not-mapping.yaml": b"state: RUS\nevents:\n  - withdraw ECPT\n",
    "unknown-top-key.yaml": b"stat: RUS\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n",
    "unknown-event-key.yaml": b"state: RUS\nevents:\n  - withdraw: ECPT\n    notifed: 2025-10-03\n",
    "two-kinds.yaml": b"state: RUS\nevents:\n  - withdraw: ECPT\n    ratify: OPCAT\n    notified: 2025-10-03\n",
    "no-date.yaml": b"state: RUS\nevents:\n  - withdraw: ECPT\n",
    "wrong-date-key.yaml": b"state: RUS\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n    on: 2025-10-03\n",
    "duplicate-key.yaml": b"state: RUS\nevents:\n  - withdraw: ECPT\n    withdraw: CAT\n    notified: 2025-10-03\n",
    "list-value.yaml": b"state: RUS\nevents:\n  - withdraw: [ECPT, CAT]\n    notified: 2025-10-03\n",
    "mapping-state.yaml": b"state: {iso: RUS}\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n",
    "name-list.yaml": b"name: [a, b]\n" + SCENARIO_OK.encode(),
    "unknown-state.yaml": b"state: Narnia\nevents:\n  - withdraw: ECPT\n    notified: 2025-10-03\n",
    "unknown-treaty.yaml": b"state: RUS\nevents:\n  - withdraw: '[/]'\n    notified: 2025-10-03\n",
    "no-state.yaml": b"events:\n  - withdraw: ECPT\n    notified: 2025-10-03\n",
    "too-many-events.yaml": b"state: RUS\nevents:\n"
    + b"  - withdraw: ECPT\n    notified: 2025-10-03\n" * 101,
    "deep.yaml": b"[" * 50000,
    "big.yaml": b"# " + b"x" * (2 * 1024 * 1024) + b"\n",
    "tab-indent.yaml": b"state: RUS\nevents:\n\t- withdraw: ECPT\n",
    "python-tag.yaml": b"state: !!python/object/apply:os.system ['true']\nevents: []\n",
    "unclosed.yaml": b"events: [unclosed\n",
    # query files
    "binary.rq": b"\x00SELECT * WHERE { ?s ?p ?o }",
    "latin1.rq": "# title: caf\xe9\nSELECT * WHERE { ?s ?p ?o }".encode("latin-1"),
    "big.rq": b"# title: big\n" + b"#" * (2 * 1024 * 1024),
    "bad-header.rq": b"# title: t\n# param: x nosuchtype the thing\nSELECT * WHERE { ?s ?p ?o }\n",
    # Turtle for validate
    "binary.ttl": b"\x00\x01\x02\x03",
    # UNTC pages (file names are the page stems the importer knows)
    "empty/cat.html": b"",
    "truncated/cat.html.gz": _truncated_gzip(),
    "notgzip/cat.html.gz": b"this is not gzip",
    "binary/cat.html": b"\x00\x01\x02\x03" * 100,
    "emptytable/cat.html": EMPTY_TABLE_PAGE,
    "nameless/whatever.html": EMPTY_TABLE_PAGE,
    # an output that already exists as a file (csv export needs a folder)
    "a-file.txt": b"x",
}

_SEED = ["impact", "RUS", "--withdraw", "ETS-126", "--notified", "2025-10-03"]
_PNM = ["query", "parties-not-members", "-p", "treaty=ECPT", "-p", "organisation=CoE"]

CASES: list[tuple[str, list[str], str]] = [
    # names, markup and dates on the command line
    ("status-markup-close", ["status", "[/]"], "unknown state '[/]'"),
    ("status-markup-style", ["status", "[bold red]x[/]"], "unknown state '[bold red]x[/]'"),
    ("status-empty-name", ["status", ""], "unknown state ''"),
    ("status-empty-date", ["status", "RUS", "--on", ""], "--on is empty"),
    ("status-impossible-date", ["status", "RUS", "--on", "2025-02-30"], "not a real calendar date"),
    ("status-far-future", ["status", "RUS", "--on", "9999-12-31"], "outside the supported range"),
    ("status-too-early", ["status", "RUS", "--on", "1899-12-31"], "outside the supported range"),
    ("status-short-date", ["status", "RUS", "--on", "2025-1-1"], "form YYYY-MM-DD"),
    ("status-word-date", ["status", "RUS", "--on", "yesterday"], "form YYYY-MM-DD"),
    ("status-bad-endpoint", ["status", "RUS", "--endpoint", "ftp://example.org/sparql"], "http(s) URL"),
    ("status-endpoint-spaces", ["status", "RUS", "--endpoint", "http://a b/sparql"], "spaces"),
    ("status-endpoint-port", ["status", "RUS", "--endpoint", "http://127.0.0.1:99999/q"], "invalid port"),
    ("impact-empty-notified", [*_SEED[:4], "--notified", ""], "--notified is empty"),
    ("impact-far-future", [*_SEED[:4], "--notified", "9999-12-31"], "outside the supported range"),
    ("impact-impossible", [*_SEED[:4], "--notified", "2025-02-30"], "not a real calendar date"),
    ("impact-empty-treaty", ["impact", "RUS", "--withdraw", ""], "unknown treaty ''"),
    ("impact-markup-treaty", ["impact", "RUS", "--withdraw", "[/]"], "unknown treaty '[/]'"),
    ("impact-no-event", ["impact", "RUS"], "give exactly one of"),
    ("impact-two-events", ["impact", "RUS", "--withdraw", "ECPT", "--ratify", "CAT"], "exactly one"),
    ("impact-ratify-no-date", ["impact", "RUS", "--ratify", "OPCAT"], "--ratify needs --on"),
    ("impact-wrong-date-option", ["impact", "RUS", "--withdraw", "ECPT", "--on", "2025-01-01"], "not --on"),
    (
        "impact-unknown-article",
        ["impact", "RUS", "--declare", "CAT 99", "--on", "2026-01-01"],
        "unknown article",
    ),
    (
        "impact-no-article",
        ["impact", "RUS", "--declare", "nonsense", "--on", "2026-01-01"],
        "unknown article",
    ),
    (
        "impact-unknown-org",
        ["impact", "RUS", "--expel-from", "Narnia", "--on", "2022-03-16"],
        "unknown organisation",
    ),
    ("impact-diagram-no-folder", [*_SEED, "--diagram", "/nonexistent/x.svg"], "does not exist"),
    ("impact-diagram-in-graph", [*_SEED, "--diagram", "graph/x.svg"], "obligraph's own graph/"),
    ("impact-diagram-format", [*_SEED, "--diagram", "{F}/x.unknown"], "cannot tell the format"),
    ("scenario-missing", ["scenario", "{F}/missing.yaml"], "cannot read"),
    ("scenario-folder", ["scenario", "{F}"], "a folder"),
    # queries
    ("query-unknown", ["query", "nosuchquery"], "unknown query"),
    ("query-missing-param", _PNM[:4], "needs parameter"),
    ("query-param-form", [*_PNM, "-p", "bogus"], "key=value"),
    ("query-impossible-date", [*_PNM, "-p", "on=2025-02-30"], "not a real calendar date"),
    ("query-unknown-param", [*_PNM, "-p", "on=2023-01-01", "-p", "nosuch=1"], "has no parameter"),
    ("query-format", [*_PNM, "-p", "on=2023-01-01", "--format", "xml"], "--format must be"),
    (
        "query-injection",
        [*_PNM[:2], "-p", "treaty=ECPT> } DROP ALL #", *_PNM[4:], "-p", "on=2023-01-01"],
        "unknown treaty",
    ),
    ("query-binary-file", ["query", "{F}/binary.rq"], "a binary file"),
    ("query-latin1-file", ["query", "{F}/latin1.rq"], "not UTF-8"),
    ("query-big-file", ["query", "{F}/big.rq"], "larger than"),
    ("query-missing-file", ["query", "{F}/missing.rq"], "no such query file"),
    ("query-bad-header", ["query", "{F}/bad-header.rq"], "parameter line"),
    # usage errors are one line too
    ("usage-unknown-command", ["statuss"], "No such command"),
    ("usage-unknown-option", ["status", "RUS", "--bogus"], "No such option"),
    ("usage-missing-argument", ["status"], "Missing argument"),
    ("usage-not-an-int", ["diagram", "RUS", "--depth", "abc"], "--depth"),
    ("usage-out-of-range", ["diagram", "RUS", "--depth", "9"], "--depth"),
    # diagrams, timelines, exports, matrix
    ("diagram-unknown", ["diagram", "Narnia"], "unknown state, treaty, organisation or body"),
    ("diagram-ambiguous", ["diagram", "CAT"], "names more than one thing"),
    ("diagram-binary-to-stdout", ["diagram", "RUS", "--format", "svg"], "give --out"),
    ("diagram-unknown-format", ["diagram", "RUS", "--format", "nope"], "unknown format"),
    ("diagram-into-queries", ["diagram", "RUS", "--out", "queries/x.dot"], "obligraph's own queries/"),
    ("diagram-unknown-kind", ["diagram", "RUS", "--kind", "planet"], "--kind must be"),
    ("timeline-format", ["timeline", "RUS", "--out", "{F}/x.jpg"], ".png or .svg"),
    ("timeline-bad-date", ["timeline", "RUS", "--on", "2025-13-01"], "not a real calendar date"),
    ("export-over-tracked", ["export", "--format", "ttl", "--out", "graph/generated/states.ttl"], "--force"),
    ("export-into-ontology", ["export", "--format", "nt", "--out", "ontology/x.nt"], "--force"),
    ("export-csv-into-graph", ["export", "--format", "csv", "--out", "graph"], "--force"),
    ("export-format", ["export", "--format", "xml", "--out", "{F}/x.xml"], "unknown export format"),
    ("export-csv-over-file", ["export", "--format", "csv", "--out", "{F}/a-file.txt"], "it is a file"),
    (
        "export-unknown-focus",
        ["export", "--format", "ttl", "--out", "{F}/x.ttl", "--focus", "Narnia"],
        "unknown",
    ),
    ("matrix-bad-date", ["matrix", "--on", "2025-02-30"], "not a real calendar date"),
    ("matrix-into-graph", ["matrix", "--on", "2020-01-01", "--out", "graph/m.csv"], "obligraph's own graph/"),
    # validate, reason
    ("validate-binary", ["validate", "{F}/binary.ttl", "--reasoner", "none"], "binary.ttl"),
    ("validate-missing", ["validate", "{F}/missing.ttl", "--reasoner", "none"], "missing.ttl"),
    ("validate-reasoner", ["validate", "--reasoner", "magic"], "--reasoner must be"),
    ("reason-empty-date", ["reason", "--on", ""], "--on is empty"),
    ("reason-engine", ["reason", "--engine", "magic"], "--engine must be"),
    ("reason-state-no-date", ["reason", "--state", "RUS"], "--state needs --on"),
    ("reason-empty-sample", ["reason", "--sample", ","], "--sample needs"),
    # serve and push (nothing listens or binds)
    ("serve-cors", ["serve", "--cors", "not an origin"], "is not an origin"),
    ("serve-port", ["serve", "--port", "99999"], "--port"),
    ("serve-timeout", ["serve", "--timeout", "0"], "--timeout"),
    ("push-not-a-url", ["push", "--endpoint", "localhost:7878/sparql"], "http(s) URL"),
    (
        "push-graph-iri",
        ["push", "--endpoint", "http://127.0.0.1:1/sparql", "--graph", "not an iri"],
        "--graph",
    ),
    # importers
    ("import-untc-empty", ["import", "untc", "{F}/empty/cat.html"], "not an HTML page"),
    ("import-untc-truncated-gzip", ["import", "untc", "{F}/truncated/cat.html.gz"], "truncated gzip"),
    ("import-untc-not-gzip", ["import", "untc", "{F}/notgzip/cat.html.gz"], "gzip"),
    ("import-untc-binary", ["import", "untc", "{F}/binary/cat.html"], "no participants table"),
    ("import-untc-empty-table", ["import", "untc", "{F}/emptytable/cat.html"], "--allow-shrink"),
    ("import-untc-shrunk-table", ["import", "untc", "{F}/shrunk/cat.html"], "would shrink"),
    ("import-untc-unknown-page", ["import", "untc", "{F}/nameless/whatever.html"], "not a known UNTC page"),
    ("import-untc-missing-page", ["import", "untc", "{F}/missing/cat.html"], "cannot read"),
    ("import-states-no-sources", ["import", "states", "--sources", "{F}/nowhere"], "not found"),
    ("import-coe-no-sources", ["import", "coe", "--sources", "{F}/nowhere"], "not found"),
    ("build-broken-page", ["build", "--sources", "{S}"], "truncated gzip"),
]

# Scenario files: `obligraph scenario FILE` with each one.
SCENARIOS: list[tuple[str, str]] = [
    ("billion-laughs.yaml", "anchors and aliases"),
    ("alias.yaml", "anchors and aliases"),
    ("anchor.yaml", "anchors and aliases"),
    ("impossible-date.yaml", "not a real calendar date"),
    ("datetime.yaml", "form YYYY-MM-DD"),
    ("timestamp-tag.yaml", "has a time"),
    ("far-future.yaml", "outside the supported range"),
    ("empty-date.yaml", "notified is empty"),
    ("binary.yaml", "a binary file"),
    ("latin1.yaml", "not UTF-8"),
    ("empty.yaml", "non-empty 'events'"),
    ("comment-only.yaml", "non-empty 'events'"),
    ("top-list.yaml", "non-empty 'events'"),
    ("events-not-list.yaml", "non-empty 'events'"),
    ("events-empty.yaml", "non-empty 'events'"),
    ("event-not-mapping.yaml", "must be a mapping"),
    ("unknown-top-key.yaml", "unknown key 'stat'"),
    ("unknown-event-key.yaml", "unknown key 'notifed' (did you mean 'notified'?)"),
    ("two-kinds.yaml", "exactly one of"),
    ("no-date.yaml", "needs 'notified: YYYY-MM-DD'"),
    ("wrong-date-key.yaml", "takes 'notified', not 'on'"),
    ("duplicate-key.yaml", "given twice"),
    ("list-value.yaml", "'withdraw' must be text, not a list"),
    ("mapping-state.yaml", "'state' must be text, not a mapping"),
    ("name-list.yaml", "'name' must be text"),
    ("unknown-state.yaml", "unknown state 'Narnia'"),
    ("unknown-treaty.yaml", "unknown treaty '[/]'"),
    ("no-state.yaml", "no state"),
    ("too-many-events.yaml", "at most 100"),
    ("deep.yaml", "not valid YAML"),
    ("big.yaml", "larger than"),
    ("tab-indent.yaml", "not valid YAML"),
    ("python-tag.yaml", "not valid YAML"),
    ("unclosed.yaml", "not valid YAML"),
]
