"""The explorer's vendored files are the npm packages' own, at the versions web/package.json
pins: each file's SHA-256 is the one its manifest records (scripts/vendor_web.py wrote both from
`npm ci`), no file is unlisted, and the page refers to nothing outside the package."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "src" / "obligraph" / "serve" / "static"


def _vendor_script():  # scripts/ is no package: load the maintainer script by its path
    spec = importlib.util.spec_from_file_location("vendor_web", ROOT / "scripts" / "vendor_web.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_vendored_files_match_their_manifests() -> None:
    vendor = _vendor_script()
    assert vendor.check() == []
    pinned = json.loads((ROOT / "web" / "package.json").read_text("utf-8"))
    versions = {**pinned["dependencies"], **pinned["devDependencies"]}
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text("utf-8"))["packages"]
    for folder in (vendor.STATIC, vendor.TESTS):
        for entry in vendor.read_manifest(folder):
            package, version = entry["package"].rsplit("@", 1)
            assert versions[package] == version, entry  # exact pins, no ranges
            assert lock[f"node_modules/{package}"]["version"] == version
            assert entry["licence"] in ("MIT", "ISC", "MPL-2.0"), entry
    listed = {e["file"] for e in vendor.read_manifest(vendor.STATIC)}
    assert {
        "yasgui.min.js",
        "d3-geo.min.js",
        "d3-array.min.js",
        "topojson-client.min.js",
        "countries-50m.json",
    } <= listed


def test_the_page_loads_nothing_from_elsewhere() -> None:
    page = (STATIC / "index.html").read_text("utf-8")
    loaded = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', page)
    assert loaded and all(u.startswith(("/static/", "data:")) for u in loaded), loaded
    for script in (STATIC / "js").glob("*.js"):
        text = script.read_text("utf-8")
        # no fetch, import or resource of another origin; no HTML built from strings
        assert not re.search(r"""(fetch|import)\s*\(?\s*["'`]https?:""", text), script.name
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", text), (
            script.name
        )
    for name in re.findall(r'src="/static/([^"]+)"', page):
        assert (STATIC / name).is_file(), name
