"""Vendor the explorer page's JavaScript, CSS and map data from npm, at the versions pinned in
web/package-lock.json, and write the manifest the tests check.

    python scripts/vendor_web.py          # needs node and npm, and the npm registry
    python scripts/vendor_web.py --check  # only compare the committed files with the manifest

It copies web/package.json and web/package-lock.json into a temporary folder, runs
``npm ci --ignore-scripts`` there (nothing the packages would run at install time is run), and
copies the files of :data:`FILES` unchanged into src/obligraph/serve/static/vendor/ (served by
``obligraph serve``, shipped in the wheel) and tests/vendor/ (axe-core, for the browser tests
only), with each package's licence file. Each folder gets a ``MANIFEST.json``: for every file,
the npm package and version it came from, its SHA-256 and the package's licence. The page and
the tests never reach the network: CI needs neither npm nor the registry, only these files.

To upgrade a package: change its version in web/package.json, run ``npm install
--package-lock-only --ignore-scripts`` in web/, then this script, then the browser tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
STATIC = ROOT / "src" / "obligraph" / "serve" / "static" / "vendor"
TESTS = ROOT / "tests" / "vendor"

# (package, file in the package, folder, name to write); a package's licence file is copied
# beside its files as NAME.LICENSE (listed in the manifest like any other file).
FILES: tuple[tuple[str, str, Path, str], ...] = (
    ("@zazuko/yasgui", "build/yasgui.min.js", STATIC, "yasgui.min.js"),
    ("@zazuko/yasgui", "build/yasgui.min.css", STATIC, "yasgui.min.css"),
    ("d3-array", "dist/d3-array.min.js", STATIC, "d3-array.min.js"),
    ("d3-array", "LICENSE", STATIC, "d3-array.LICENSE"),
    ("d3-geo", "dist/d3-geo.min.js", STATIC, "d3-geo.min.js"),
    ("d3-geo", "LICENSE", STATIC, "d3-geo.LICENSE"),
    ("topojson-client", "dist/topojson-client.min.js", STATIC, "topojson-client.min.js"),
    ("topojson-client", "LICENSE", STATIC, "topojson-client.LICENSE"),
    ("world-atlas", "countries-50m.json", STATIC, "countries-50m.json"),
    ("world-atlas", "LICENSE", STATIC, "world-atlas.LICENSE"),
    ("axe-core", "axe.min.js", TESTS, "axe.min.js"),
    ("axe-core", "LICENSE", TESTS, "axe-core.LICENSE"),
)
NOTES = {
    "@zazuko/yasgui": "the package ships no licence file; its package.json says MIT. The bundle "
    "holds YASQE, YASR and their dependencies (CodeMirror, DOMPurify, ...).",
    "world-atlas": "Natural Earth 1:50m Admin 0 country boundaries (public domain), version 4.1.0, "
    "as TopoJSON; features carry ISO 3166-1 numeric ids.",
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest_path(folder: Path) -> Path:
    return folder / "MANIFEST.json"


def read_manifest(folder: Path) -> list[dict[str, str]]:
    entries: list[dict[str, str]] = json.loads(manifest_path(folder).read_text("utf-8"))["files"]
    return entries


def check() -> list[str]:
    """What differs between the committed files and their manifests (empty: all match)."""
    problems = []
    for folder in (STATIC, TESTS):
        listed = read_manifest(folder)
        names = {e["file"] for e in listed}
        for entry in listed:
            path = folder / entry["file"]
            if not path.is_file():
                problems.append(f"{path}: missing")
            elif sha256(path) != entry["sha256"]:
                problems.append(f"{path}: SHA-256 differs from the manifest")
        for path in folder.iterdir():
            if path.name != "MANIFEST.json" and path.name not in names:
                problems.append(f"{path}: not in the manifest")
    return problems


def vendor() -> None:
    if shutil.which("npm") is None:
        sys.exit("npm is needed to vendor the web assets (apt-get install npm)")
    with tempfile.TemporaryDirectory(prefix="obligraph-web-") as tmp:
        work = Path(tmp)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(WEB / name, work / name)
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=work,
            check=True,
        )
        modules = work / "node_modules"
        entries: dict[Path, list[dict[str, str]]] = {STATIC: [], TESTS: []}
        for folder in entries:
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
        for package, inner, folder, name in FILES:
            meta = json.loads((modules / package / "package.json").read_text("utf-8"))
            target = folder / name
            shutil.copyfile(modules / package / inner, target)
            entry = {
                "file": name,
                "package": f"{package}@{meta['version']}",
                "path": inner,
                "sha256": sha256(target),
                "licence": str(meta.get("license", "unknown")),
            }
            if package in NOTES:
                entry["note"] = NOTES[package]
            entries[folder].append(entry)
        for folder, listed in entries.items():
            text = json.dumps({"source": "web/package-lock.json", "files": listed}, indent=2) + "\n"
            manifest_path(folder).write_text(text, encoding="utf-8")
            for entry in listed:
                print(
                    f"{folder.relative_to(ROOT)}/{entry['file']}  {entry['package']}  {entry['sha256'][:12]}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only compare the files with the manifests")
    args = parser.parse_args()
    if not args.check:
        vendor()
    problems = check()
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
