"""The web view as a person uses it: `kroniek serve` in a subprocess, driven in headless Chromium.

Screenshots of each step go to test-artifacts/serve/ (git-ignored), to look at after a run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kroniek.store import Store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "articles"
SEED_ARTICLE = REPO.parent / "shared" / "samples" / "000_94b4341cbd3b6ace.txt"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SHOTS = REPO / "test-artifacts" / "serve"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium; .ci/run installs it)"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    kroniek = [sys.executable, "-m", "kroniek"]
    # KRONIEK_TEST_STORE: a store built beforehand from the same articles, to test the view alone.
    db = Path(os.environ.get("KRONIEK_TEST_STORE") or tmp_path_factory.mktemp("browser") / "k.duckdb")
    if not db.exists():
        inputs = [str(EXAMPLES)] + ([str(SEED_ARTICLE)] if SEED_ARTICLE.exists() else [])
        done = subprocess.run([*kroniek, "ingest", *inputs, "--db", str(db)], cwd=REPO, timeout=120,
                              capture_output=True, text=True)  # fmt: skip
        with Store(db, read_only=True) as store:
            if store.counts()["events"] == 0:
                pytest.fail(f"ingesting the sample articles stored no events:\n{done.stdout}\n{done.stderr}")
    port = _free_port()
    proc = subprocess.Popen([*kroniek, "serve", "--db", str(db), "--port", str(port)], cwd=REPO, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "api", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("kroniek serve did not start: " + (proc.stderr.read().decode() if proc.stderr else ""))
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def page(server):
    playwright = pytest.importorskip("playwright.sync_api")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1300, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.errors = errors
        yield pg
        browser.close()


def test_search_filter_and_open_an_event_in_its_article(server, page):
    page.goto(server)
    page.wait_for_selector("#events-list li.event")
    assert page.inner_text("h1") == "Timeline of the whole store"
    assert page.locator("svg.timeline rect.bar").count() > 0
    page.screenshot(path=str(SHOTS / "1-timeline-whole-store.png"))

    # Search an actor by a spelling other than the canonical one.
    page.fill("#actor", "Lukashenko" if SEED_ARTICLE.exists() else "oproerpolitie")
    page.wait_for_selector("#suggest li[data-id]")
    page.screenshot(path=str(SHOTS / "2-actor-suggestions.png"))
    suggestion = page.locator("#suggest li[data-id]").first
    name = suggestion.locator("strong").inner_text()
    suggestion.click()
    page.wait_for_function("location.hash.includes('actor=')")
    # The page re-renders after the hash changes: wait for the actor's own heading, not the old list.
    page.wait_for_function("n => document.querySelector('h1').textContent.includes(n)", arg=name)
    page.wait_for_selector("#events-list li.event")
    assert name in page.inner_text("h1")
    page.screenshot(path=str(SHOTS / "3-actor-timeline.png"), full_page=True)

    # Filter by type: every listed event has that type.
    kind = page.locator("#events-list li.event .badge").first.inner_text()
    page.select_option("#type", kind)
    page.wait_for_function(f"location.hash.includes('type={kind}')")
    page.wait_for_function(
        "(k => { const b = [...document.querySelectorAll('#events-list li.event .badge')];"
        " return b.length > 0 && b.every(x => x.textContent === k); })('" + kind + "')"
    )
    badges = page.locator("#events-list li.event .badge").all_inner_texts()
    assert badges and set(badges) == {kind}
    page.screenshot(path=str(SHOTS / "4-filtered-by-type.png"), full_page=True)

    # Open an event: its source sentence is marked in the article, and the event's words inside it.
    first = page.locator("#events-list li.event").first
    sentence = first.locator(".meta").last.inner_text().strip()
    first.locator("a.open-event").click()
    page.wait_for_selector(".sent.focus")
    focused = page.locator(".sent.focus")
    assert " ".join(focused.inner_text().split()) == " ".join(sentence.split())
    assert focused.locator(".seg.current").count() >= 1
    assert page.locator("aside li.selected").count() == 1
    page.screenshot(path=str(SHOTS / "5-event-in-article.png"))
    assert not page.errors


def test_network_and_map_draw(server, page):
    page.goto(server + "#/network")
    page.wait_for_selector("svg.network .node")
    assert page.locator("svg.network line.edge").count() >= 1
    page.screenshot(path=str(SHOTS / "6-network.png"))
    page.goto(server + "#/map")
    page.wait_for_selector("svg.map .place")
    labels = page.locator("svg.map .place text").all_text_contents()
    assert any(label.startswith("Tbilisi") for label in labels)
    page.screenshot(path=str(SHOTS / "7-map.png"))
    assert not page.errors
