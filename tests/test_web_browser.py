"""End to end in a real headless Chromium (Debian's `chromium`, driven by Playwright with
``executable_path``; no browser is downloaded): `khabar serve` on a free local port over the demo
store, then open the home page's thread and a story of it (its summary links to the sentence in its
article), search, open an article (highlights where the stored offsets say), toggle a layer, open
an actor and a dyad page, switch language, and check a hostile article runs no script.

Screenshots go to $KHABAR_SCREENSHOTS (default: a temp dir). Without Chromium or Playwright the
module is skipped, except in CI (CI=true), where it fails."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_web import EVIL_ID, build_store

CHROMIUM = os.environ.get("KHABAR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, seeds):
    """`khabar serve` (a real process) over the demo store; yields its base URL."""
    db = build_store(str(tmp_path_factory.mktemp("webe2e") / "demo.db"), seeds)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/api/articles?limit=1", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"khabar serve did not start: {out[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
        pg.dialogs = []
        pg.errors = []
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.set_default_timeout(15000)
        yield pg
        browser.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    d = Path(os.environ.get("KHABAR_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def _api(base: str, path: str) -> dict:
    return json.loads(urllib.request.urlopen(base + path, timeout=10).read())


def test_browse_the_demo_store(server, page, shots):
    page.goto(server + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    first = page.locator("main section").first
    assert first.get_attribute("id") == "top-thread"
    assert first.locator("h2 a").all_inner_texts() == ["الناتو", "روسيا"]
    assert first.locator("svg circle").count() >= 2
    assert first.locator("ol.thread-stories > li").count() == 5  # the seeds' thread, from the story tables
    page.screenshot(path=str(shots / "home.png"), full_page=True)

    page.click("#open-thread")  # the thread: its stories oldest first
    page.wait_for_url("**/thread/*")
    assert page.locator("ol.thread-stories > li").count() == 5
    page.screenshot(path=str(shots / "thread.png"), full_page=True)
    page.locator("a.story-link", has_text="المباحثات مع روسيا صعبة").click()  # the 2022 story
    page.wait_for_url("**/story/*")
    assert page.locator(".story-thread li.current").count() == 1
    assert page.locator(".story-summary a.cited").count() >= 1 and page.locator(".story-timeline li.entry").count() >= 1
    page.screenshot(path=str(shots / "story.png"), full_page=True)
    cited = page.locator(".story-summary a.cited").first
    words = cited.inner_text().split()[:4]
    cited.click()  # the summary sentence's evidence in its article
    page.wait_for_url("**/article/*#cite")
    mark = page.locator("#atext .cite")
    assert mark.count() >= 1 and mark.first.get_attribute("id") == "cite"
    assert "".join(mark.all_text_contents()).split()[:4] == words
    assert page.evaluate("() => { const r = document.getElementById('cite').getBoundingClientRect();"
                         " return scrollY > 0 && r.bottom > 0 && r.top < innerHeight; }")  # scrolled to it
    page.screenshot(path=str(shots / "cited.png"))
    page.goto(server + "/")

    page.fill("input[name=q]", "الدرع الصاروخي")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator(".results .hit").count() >= 2 and page.locator(".snippet mark").count() >= 2
    page.screenshot(path=str(shots / "search.png"), full_page=True)

    page.locator(".results .hit a.title").first.click()
    page.wait_for_url("**/article/*")
    article_id = page.locator("article").get_attribute("data-id")
    stored = _api(server, f"/api/articles/{article_id}")
    text = stored["article"]["text"]
    assert page.locator("#atext").text_content() == text
    for kind, items in (("m", stored["mentions"]), ("q", stored["quotes"]), ("x", stored["timexes"])):
        assert items
        for i, it in enumerate(items):
            got = page.eval_on_selector_all(
                f'#atext [data-{kind}~="{i}"]', "els => els.map(e => [+e.dataset.s, +e.dataset.e, e.textContent])")
            assert got and got[0][0] == it["start"] and got[-1][1] == it["end"], (kind, i, got, it)
            assert "".join(t for _, _, t in got) == text[it["start"]:it["end"]]
    page.screenshot(path=str(shots / "article.png"), full_page=True)
    per = page.locator("#atext .ent-PER").first
    bg = per.evaluate("e => getComputedStyle(e).backgroundColor")
    page.uncheck("#t-ent")
    assert per.evaluate("e => getComputedStyle(e).backgroundColor") != bg  # the layer toggles off
    page.check("#t-ent")

    page.locator('#atext a[href="/actor/NATO"]').first.click()
    page.wait_for_url("**/actor/NATO")
    assert page.locator("h1.actor-name").inner_text().startswith("الناتو")
    page.screenshot(path=str(shots / "actor.png"), full_page=True)

    page.locator("a.dyad-link", has_text="روسيا").first.click()
    page.wait_for_url("**/dyad?*")
    points = page.locator("svg circle.pt")
    assert points.count() >= 2
    period = points.first.get_attribute("data-period")
    assert page.locator(f"#p-{period} table.events tbody tr").count() >= 1  # the events behind the point
    page.screenshot(path=str(shots / "dyad.png"), full_page=True)

    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("header nav").inner_text().split()[:2] == ["Home", "Search"]
    page.screenshot(path=str(shots / "dyad_en.png"), full_page=True)
    page.goto(server + "/events")  # the cookie keeps English
    assert page.locator("html").get_attribute("lang") == "en" and page.locator("#dl-csv").count() == 1
    page.screenshot(path=str(shots / "events_en.png"), full_page=True)
    page.goto(server + "/?lang=ar")
    assert not page.errors, page.errors


def test_hostile_article_runs_nothing(server, page, shots):
    page.goto(f"{server}/article/{EVIL_ID}")
    page.wait_for_timeout(300)
    assert page.dialogs == [] and not page.errors
    assert page.locator("#atext img, #atext iframe, #atext svg, main script").count() == 0
    assert page.locator("#atext").text_content().startswith('<script>alert("title")</script>')
    page.locator("#atext span.ent").first.hover()
    assert page.dialogs == []
    page.screenshot(path=str(shots / "hostile.png"), full_page=True)


def test_openapi_ui_loads_offline(server, page, shots):
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 8
    page.screenshot(path=str(shots / "docs.png"))
