"""Screenshots of the explorer for the README: `obligraph serve` on a free loopback port, driven
by Playwright in Debian's headless Chromium (no browser download). Usage:

    python scripts/explorer_screenshots.py docs/img

Each picture is one question a researcher asks, opened from its shareable URL.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from obligraph.store import local_servers

# picture: (shareable URL, height of the window in pixels)
SHOTS = {
    "explorer-seed.png": ("/?state=RUS&event=withdraw&target=ETS-126&notified=2025-10-03", 1400),
    "explorer-map.png": ("/?view=map&of=Rome%20Statute&on=2025-01-01", 1350),
    "explorer-status.png": ("/?view=status&state=FRA&on=2024-01-01", 1100),
    "explorer-sparql.png": ("/?view=sparql&query=procedure-acceptances&article=CAT%2022&on=2026-02-03", 1300),
}


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=2).read()
            return
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit("obligraph serve did not start")
            time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    port = local_servers.free_port()
    url = f"http://127.0.0.1:{port}"
    command = [str(Path(sys.executable).parent / "obligraph"), "serve", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(url, process)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium, args=["--headless", "--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-US")
            for name, (path, height) in SHOTS.items():
                page.set_viewport_size({"width": 1280, "height": height})
                page.goto(url + path)
                page.wait_for_selector("body[data-ready=yes]", timeout=90_000)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(args.folder / name), full_page=False)
                print(f"wrote {args.folder / name}")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=15)


if __name__ == "__main__":
    main()
