"""Lighthouse scores of the main pages: performance, accessibility, best practices and SEO.

Starts gunicorn with the production settings (DEBUG off, whitenoise, hashed static files) on
127.0.0.1 (a port in 8400-8449) against DATABASE_URL (default: a fresh SQLite file with the
demo content), runs the pinned Lighthouse of bench/lighthouse/ (``make lighthouse`` installs it
from the npm registry with ``npm ci``) in Debian's Chromium (CHROME_PATH) on each page, prints
one row per page and exits non-zero when a score is below 100.

Search and kit pages are ``noindex`` on purpose (a search result or a kit is not a page to
index), so their SEO score leaves out Lighthouse's "is-crawlable" audit, as the table says.

    make lighthouse
    .venv/bin/python bench/lighthouse.py --preset desktop
    .venv/bin/python bench/lighthouse.py --database-url postgres://postgres@127.0.0.1:5432/x
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import http_load

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": ("/", False),
    "skill": ("/skills/track-one-diplomacy/", False),
    "search": ("/search/?q=diplomacy", True),
    "A-Z": ("/skills/", False),
    "category": ("/categories/diplomacy/", False),
    "job title": ("/job-titles/diplomat/", False),
    "kit": ("/kit/?skills=track-one-diplomacy,negotiation&role=Diplomat", True),
}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update"
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: a fresh SQLite file with the demo")
    parser.add_argument(
        "--preset", choices=["mobile", "desktop"], default="mobile", help="Lighthouse's form factor"
    )
    parser.add_argument("--page", action="append", choices=PAGES, help="default: every page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--page-cache", type=int, default=0, help="CACHE_SECONDS for the server")
    return parser.parse_args()


def lighthouse(url, preset, noindex, report):
    """The four category scores (0-100) of one page."""
    command = [
        shutil.which("node") or "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    if noindex:
        command.append("--skip-audits=is-crawlable")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH") or shutil.which("chromium")}
    # Lighthouse now and then fails to record a trace on a busy machine (NO_NAVSTART): retry.
    for attempt in range(3):
        run = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if run.returncode == 0:
            break
        if attempt == 2:
            sys.exit(f"Lighthouse failed on {url}:\n{run.stderr.decode()[-2000:]}")
    result = json.loads(Path(report).read_text())
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = [
        audit["id"]
        for audit in result["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    ]
    return scores, failing


def main():
    args = parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `make lighthouse` (npm ci in bench/lighthouse).")
    if not (os.environ.get("CHROME_PATH") or shutil.which("chromium")):
        sys.exit("No Chromium: install Debian's chromium or set CHROME_PATH.")
    pages = args.page or list(PAGES)
    below = []
    with (
        http_load.benchmark_server(
            args, "config.settings", "bench-lighthouse-", range(8400, 8450), "/healthz"
        ) as (_env, port),
        tempfile.TemporaryDirectory() as reports,
    ):
        print(f"Lighthouse ({args.preset}) on gunicorn 127.0.0.1:{port}, DEBUG off")
        print(f"{'page':<10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  not passed")
        for name in pages:
            path, noindex = PAGES[name]
            report = Path(reports) / "report.json"
            scores, failing = lighthouse(
                f"http://127.0.0.1:{port}{path}", args.preset, noindex, report
            )
            note = ", ".join(failing) or "-"
            if noindex:
                note += "  (noindex: is-crawlable skipped)"
            print(f"{name:<10} " + " ".join(f"{scores[c]:>5}" for c in CATEGORIES) + f"  {note}")
            if min(scores.values()) < 100:
                below.append(name)
    if below:
        sys.exit(f"Below 100 on: {', '.join(below)}")


if __name__ == "__main__":
    main()
