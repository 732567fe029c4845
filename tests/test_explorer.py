"""The explorer page of `obligraph serve`, driven in a real headless Chromium (Debian's
`chromium`, through Playwright; no browser is downloaded) with every host name unresolvable:
the page must work with no network. Each test also fails on any console error or failed
request, and the views pass axe-core (vendored in tests/vendor/) with no serious or critical
violation.

Expected values come from the sources the README cites: ECPT Art. 22 (denunciation effective on
the first day of the month after twelve months from receipt: notified 2025-10-03, effective
2026-11-01), the Coalition for the ICC (Ukraine the 125th State Party on 1 January 2025; it had
signed on 20 January 2000, UNTC status table), the UNTC CAT page (70 states accept Art. 22 on
2026-02-03, France by its declaration of 23 June 1988).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import need_program
from tests.serving import Served, serve

pytestmark = pytest.mark.chromium

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # no name resolves: a request to any other host fails, and the test with it
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
SEED = "/?state=RUS&event=withdraw&target=ETS-126&notified=2025-10-03"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("explorer"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module (starting one per test would cost seconds each)."""
    chromium = need_program("chromium", "chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must have Playwright (the test extra installs it)")
        pytest.skip("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        yield launched
        launched.close()


class Page:
    """A page of the explorer with what its console said."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.problems: list[str] = []
        self.expected: list[str] = []  # console lines a test expects (a 400 for a bad name)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", self._failed)

    def _console(self, message: Any) -> None:
        if message.type == "error" and not any(e in message.text for e in self.expected):
            self.problems.append(f"console: {message.text}")

    def _failed(self, request: Any) -> None:
        if request.failure != "net::ERR_ABORTED":  # a frame still loading when the test ends
            self.problems.append(f"request failed: {request.url} {request.failure}")

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-ready=yes]", timeout=60_000)
        return self.page

    def axe(self, context: str = "main") -> list[str]:
        """The serious and critical violations axe-core finds in ``context``."""
        # evaluated through the DevTools protocol: the page's Content-Security-Policy, which
        # allows only this server's own script files, stays on
        source = AXE.read_text(encoding="utf-8")
        for frame in self.page.frames:  # the diagram's frame is checked too
            frame.evaluate(source)
        result = self.page.evaluate(
            "async (context) => await axe.run(context, {resultTypes: ['violations']})", context
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]


@pytest.fixture
def explorer(browser: Any, served: Served) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-US", accept_downloads=True
    )
    page = Page(context.new_page(), served.url)
    page.page.set_default_timeout(60_000)
    yield page
    context.close()
    assert page.problems == [], page.problems


def _until(check: Any, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def _seed_answer_on_screen(page: Any) -> None:
    page.wait_for_selector("#answer-summary")
    summary = page.inner_text("#answer-summary")
    assert "Russia notifies its withdrawal from the ECPT on 2025-10-03" in summary
    assert page.inner_text("#answer-effective") == "2026-11-01"
    losing = page.locator("table:has(caption:text-matches('^Bodies losing powers'))")
    assert "European Committee for the Prevention of Torture (CPT)" in losing.inner_text()
    assert "visits" in losing.inner_text()


def test_the_seed_question_from_the_form(explorer: Page) -> None:
    page = explorer.open("/")
    page.fill("#ask-state", "Russia")
    page.select_option("#ask-event", "withdraw")
    page.fill("#ask-target", "ECPT")
    page.fill("#ask-date", "2025-10-03")
    page.click("button:has-text('Show what follows')")
    _seed_answer_on_screen(page)
    # the legal status as of today: pending before the effective date, effective from it
    expected = "effective" if dt.date.today() >= dt.date(2026, 11, 1) else "pending"
    assert page.inner_text("#answer-status .status") == expected
    assert "under ECPT Art. 22" in page.inner_text("#answer-status")
    # the address now holds the question, in the documented scheme
    assert page.url.endswith("/?state=Russia&event=withdraw&target=ECPT&notified=2025-10-03")
    # the interactive diagram drew its nodes; the timeline is a picture
    frame = page.frame_locator(".diagram iframe")
    frame.locator("body[data-rendered-nodes]").wait_for()
    assert int(frame.locator("body").get_attribute("data-rendered-nodes") or 0) > 5
    assert frame.locator("body").get_attribute("data-js-error") is None
    page.locator(".timeline img").wait_for()
    _until(lambda: page.evaluate("document.querySelector('.timeline img').naturalWidth") > 500)
    # a source is a link to the page it came from
    assert page.locator("#ask-answer a.source[href^='https://likumi.lv/']").count() > 0
    assert explorer.axe() == []


def test_the_seed_question_from_a_shared_url(explorer: Page) -> None:
    page = explorer.open(SEED + "&as-of=2026-06-01")
    _seed_answer_on_screen(page)
    assert page.input_value("#ask-state") == "RUS" and page.input_value("#ask-date") == "2025-10-03"
    assert page.inner_text("#answer-status .status") == "pending"  # on 2026-06-01 it is still to come
    assert page.get_attribute("#answer-link", "href") == SEED + "&as-of=2026-06-01"


def test_unknown_names_and_impossible_events_are_readable_messages(explorer: Page) -> None:
    explorer.expected.append("the server responded with a status of 400 (Bad Request)")
    page = explorer.open("/?state=Narnia&event=withdraw&target=ECPT&notified=2025-10-03")
    page.wait_for_selector("#ask-message.error")
    assert "unknown state 'Narnia'" in page.inner_text("#ask-message")
    assert page.inner_text("#ask-answer") == ""
    # France has been party to the CAT since 1987 (UNTC IV-9): it cannot ratify it again
    page.fill("#ask-state", "France")
    page.select_option("#ask-event", "ratify")
    page.fill("#ask-target", "CAT")
    page.fill("#ask-date", "2020-01-01")
    page.click("button:has-text('Show what follows')")
    page.locator("#ask-message", has_text="already party").wait_for()
    # a name that fits two states names both
    page.fill("#ask-state", "Congo")
    page.select_option("#ask-event", "withdraw")
    page.fill("#ask-target", "ICCPR")
    page.click("button:has-text('Show what follows')")
    page.locator("#ask-message", has_text="ambiguous").wait_for()
    assert "COD" in page.inner_text("#ask-message") and "COG" in page.inner_text("#ask-message")
    # an address naming no known event says so, and answers nothing
    page = explorer.open("/?state=RUS&event=explode&target=CoE&on=2022-03-16")
    page.wait_for_selector("#ask-message.error")
    assert "Unknown event 'explode'" in page.inner_text("#ask-message")
    assert page.inner_text("#ask-answer") == ""


def test_an_address_may_name_the_event_by_its_command_line_option(explorer: Page) -> None:
    # Russia expelled from the Council of Europe on 16 March 2022 (CM/Res(2022)2); the ECHR
    # ceased to bind it six months later, on 16 September 2022 (CM/Res(2022)3, ECHR Art. 58(3))
    page = explorer.open("/?state=RUS&event=expel-from&target=CoE&on=2022-03-16")
    page.wait_for_selector("#answer-summary")
    assert page.input_value("#ask-event") == "expel"
    assert "Russia is expelled from the Council of Europe on 2022-03-16" in page.inner_text("#answer-summary")
    losing = page.locator("table:has(caption:text-matches('^Bodies losing powers'))").inner_text()
    court = next(line for line in losing.splitlines() if line.startswith("European Court of Human Rights"))
    assert "2022-09-16" in court


def test_a_named_query_from_the_editor_and_its_csv(explorer: Page) -> None:
    page = explorer.open("/?view=sparql")
    page.select_option("#editor-query", "procedure-acceptances")
    page.fill("#param-article", "CAT 22")
    page.fill("#param-on", "2026-02-03")
    page.click("button:has-text('Run in the editor')")
    page.wait_for_selector("#view-sparql[data-rows]")
    assert "og:accepts <https://w3id.org/obligraph/id/article/UN-IV-9/22>" in page.evaluate(
        "document.querySelector('.CodeMirror').CodeMirror.getValue()"
    )
    assert re.search(r"\b\d+ results?\b", page.inner_text("#yasgui"))
    with page.expect_download() as download:
        page.click("#editor-csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert list(rows[0]) == ["state", "declaration", "made", "effectiveFrom", "source", "sourceRow"]
    states = {r["state"].rsplit("/", 1)[-1] for r in rows}
    assert len(states) == 70
    france = [r for r in rows if r["state"].endswith("/FRA")]
    assert france and france[0]["made"] == "1988-06-23"
    assert explorer.axe() == []


def test_the_parties_to_a_treaty_as_a_sortable_table_and_csv(explorer: Page) -> None:
    # Ukraine became the 125th State Party to the Rome Statute on 1 January 2025 (Coalition for
    # the ICC); Afghanistan's accession took effect on 1 May 2003 (UNTC XVIII-10)
    page = explorer.open("/?view=parties&list=treaty-parties&of=Rome%20Statute&on=2025-01-01")
    page.wait_for_selector("#parties-title")
    assert page.inner_text("#parties-title").endswith(": Rome Statute, 2025-01-01")
    table = page.locator("#parties-answer table").first
    assert table.locator("tbody tr").count() == 125
    assert "Afghanistan (AFG)" in table.locator("tbody tr").first.inner_text()
    # a click on a column's header sorts by it, and says so to assistive technology
    since = table.locator("thead th", has_text="since")
    since.locator("button").click()
    since.locator("button").click()
    assert since.get_attribute("aria-sort") == "descending"
    assert table.locator("tbody tr").first.inner_text().split("\t")[1] == "2025-01-01"
    with page.expect_download() as download:
        page.click("#parties-answer a.button")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert len(rows) == 125 and list(rows[0]) == ["state", "since", "participation"]
    assert explorer.axe() == []


def test_the_map_on_two_dates(explorer: Page, served: Served) -> None:
    page = explorer.open("/?view=map&of=Rome%20Statute&on=2024-06-01")
    ukraine = page.locator("#map-svg path[data-state=UKR]")
    ukraine.wait_for()
    assert ukraine.get_attribute("data-standing") == "signatory"
    before = ukraine.get_attribute("fill")
    page.fill("#map-on", "2025-01-01")
    page.click("button:has-text('Draw')")
    page.wait_for_selector("#map-svg path[data-state=UKR][data-standing=party]")
    assert ukraine.get_attribute("fill") != before
    assert page.locator("#map-legend li[data-standing=party]").inner_text().endswith(": 125")
    # France stayed a party (since 2002-07-01): the same colour as Ukraine now
    assert page.get_attribute("#map-svg path[data-state=FRA]", "fill") == ukraine.get_attribute("fill")
    assert explorer.axe() == []
    # a click on Ukraine opens its status on that date
    ukraine.click(position={"x": 5, "y": 5}, force=True)
    page.wait_for_selector("#status-title")
    assert page.inner_text("#status-title") == "Ukraine (UKR) on 2025-01-01"
    treaties = page.locator("table:has(caption:text-matches('^Treaties in force'))").inner_text()
    assert "Rome Statute (UN-XVIII-10)" in treaties and "2025-01-01" in treaties
    assert explorer.axe() == []
    # the map's JSON is the documented one, the same as the Python API gives
    body = urllib.request.urlopen(served.url + "/standing?treaty=ICC&on=2025-01-01", timeout=60).read()
    assert next(s for s in json.loads(body)["states"] if s["id"] == "UKR")["standing"] == "party"


def test_keyboard_alone_reaches_an_answer(explorer: Page) -> None:
    page = explorer.open("/")
    page.focus("#tab-ask")
    page.keyboard.press("ArrowRight")  # the tabs move with the arrow keys
    assert page.evaluate("document.activeElement.id") == "tab-status"
    assert page.is_visible("#view-status") and not page.is_visible("#view-ask")
    page.keyboard.press("Tab")  # into the panel, then its first field
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "status-state"
    page.keyboard.type("Russia")
    page.keyboard.press("Tab")
    page.keyboard.type("06012021")  # an en-US date field takes month, day and year in order
    page.keyboard.press("Enter")
    page.wait_for_selector("#status-title")
    assert page.inner_text("#status-title") == "Russia (RUS) on 2021-06-01"
    assert explorer.axe() == []


@pytest.fixture(scope="module")
def impatient(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A server whose timeout no answer can meet: every analysis ends in its 503."""
    yield from serve(tmp_path_factory.mktemp("impatient"), "--timeout", "0.000001")


def test_a_server_error_is_a_readable_message(browser: Any, impatient: Served) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = Page(context.new_page(), impatient.url)
    page.expected.append("the server responded with a status of 503 (Service Unavailable)")
    try:
        page.page.goto(impatient.url + SEED)
        page.page.wait_for_selector("#boot-message.error", timeout=60_000)
        text = page.page.inner_text("#boot-message")
        assert "The server could not answer" in text and "timeout of 1e-06 s" in text, text
        assert page.page.inner_text("#ask-answer") == ""
        assert page.problems == [], page.problems
    finally:
        context.close()
