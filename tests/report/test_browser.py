"""The rendered report in headless Chromium: every image loads, no console errors, Chinese drawn in a CJK font, and
HTML pasted into a speech shows as text and runs nowhere.

Uses Debian's ``chromium`` (``apt-get install chromium fonts-noto-cjk``; ``.ci/run`` installs both) through
playwright; no browser is ever downloaded. The reports are the ones built once per session (``_report_fixture``:
the traditional-character speech, and the excerpt with pasted HTML), served by ``http.server`` on 127.0.0.1; any
request to another host is blocked and fails the test. Screenshots go to ``test-artifacts/``. Without chromium the
test skips, except under CI (``CI=true``) where it fails.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from _browser import CHROMIUM, require_browser
from _report_fixture import MARKUP, TITLE, markup_report, traditional_report

from zhspeech import config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = config.PROJ_ROOT / "test-artifacts"
CJK_FONTS = ("Noto Sans CJK", "Noto Serif CJK", "Source Han", "WenQuanYi", "PingFang", "Microsoft YaHei")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def _serve(folder: Path):
    """``folder`` served over HTTP on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The session's report, served over HTTP on 127.0.0.1 (a free port)."""
    require_browser()
    run = traditional_report(tmp_path_factory)
    assert run.code == 0, run.stderr
    with _serve(run.out) as base:
        yield run, base


@pytest.fixture(scope="module")
def markup_served(tmp_path_factory):
    """The session's report on a speech with HTML pasted into it, served like ``served``."""
    require_browser()
    run = markup_report(tmp_path_factory)
    assert run.code == 0, run.stderr
    with _serve(run.out) as base:
        yield run, base


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True, timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


def _visit(browser, url: str, screenshot: Path, *, full_page: bool = False) -> dict:
    """Open one page; return its console errors, page errors, failed and blocked requests and its images."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found = {"console": [], "pageerror": [], "failed": [], "blocked": []}
    page.on("console", lambda m: found["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found["pageerror"].append(str(e)))
    page.on("requestfailed", lambda r: found["failed"].append(r.url))

    def route(r):
        if urlparse(r.request.url).hostname in {"127.0.0.1", None} or r.request.url.startswith("data:"):
            return r.continue_()
        found["blocked"].append(r.request.url)
        return r.abort()

    page.route("**/*", route)
    try:
        page.goto(url, wait_until="load", timeout=60_000)
        page.wait_for_function("Array.from(document.images).every(i => i.complete)", timeout=30_000)
        found["images"] = page.evaluate(
            "Array.from(document.images).map(i => ({src: i.src.slice(0, 40), width: i.naturalWidth}))"
        )
        found["fonts"] = _platform_fonts(page, "h1")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=full_page)
    finally:
        page.close()
    return found


def _platform_fonts(page, selector: str) -> list[str]:
    """Fonts Chromium actually used to draw the element (DevTools protocol), e.g. ['Noto Sans CJK SC']."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            return []
        cdp.send("CSS.enable")
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return [f["familyName"] for f in fonts]
    finally:
        cdp.detach()


@pytest.fixture(scope="module")
def visits(served, browser) -> dict[str, dict]:
    run, base = served
    pages = ["index.html", *sorted(p.name for p in run.out.glob("*.html") if p.name != "index.html")]
    return {
        name: _visit(
            browser, f"{base}/{name}", ARTIFACTS / f"report-{Path(name).stem}.png", full_page=name == "index.html"
        )
        for name in pages
    }


def test_every_page_opens_without_console_errors(visits):
    assert len(visits) >= 2
    for name, found in visits.items():
        assert not found["console"], (name, found["console"][:3])
        assert not found["pageerror"], (name, found["pageerror"][:3])
        assert not found["failed"], (name, found["failed"][:3])


def test_nothing_is_fetched_from_the_network(visits):
    for name, found in visits.items():
        assert not found["blocked"], (name, found["blocked"][:3])


def test_every_image_loaded(visits):
    images = [(name, img) for name, found in visits.items() for img in found["images"]]
    assert images, "the report shows no image at all"
    broken = [(name, img["src"]) for name, img in images if img["width"] <= 0]
    assert not broken, broken[:5]


def test_chinese_title_drawn_in_a_cjk_font(visits):
    fonts = visits["index.html"]["fonts"]
    assert any(f.startswith(CJK_FONTS) for f in fonts), fonts


def test_screenshots_kept(visits):
    for name in visits:
        shot = ARTIFACTS / f"report-{Path(name).stem}.png"
        assert shot.is_file() and shot.stat().st_size > 10_000, shot


def test_index_shows_the_speech_title(served, browser):
    run, base = served
    page = browser.new_page()
    try:
        page.goto(f"{base}/index.html", wait_until="load")
        assert page.title() == f"{TITLE} — zhspeech report"
        assert page.locator("h1").inner_text() == TITLE
        hrefs = page.eval_on_selector_all("ol.toc a", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            assert page.request.get(f"{base}/{href}").ok, href
    finally:
        page.close()


#: What each page of the report on the speech with pasted HTML must show as text (besides running none of it).
_SHOWN_AS_TEXT = {
    "index.html": [MARKUP["title"]],
    "00_overview.html": [MARKUP["title"], MARKUP["heading"]],
    "01_structure.html": [MARKUP["title"], MARKUP["heading"]],
    "03_themes.html": [MARKUP["document"], MARKUP["quotation"].strip("“”")],
}

_STATE = """() => ({
    xss: window.zhspeechXss === undefined ? null : window.zhspeechXss,
    title: document.title,
    handlers: document.querySelectorAll("[onerror], [onload], [onmouseover]").length,
    scripts: Array.from(document.scripts).filter(s => s.text.includes("zhspeechXss")).length,
    text: document.body.innerText,
})"""


def _state_after_load(browser, url: str) -> tuple[dict, list[str]]:
    """Open ``url`` (other hosts blocked), let its images and handlers settle; the page's state and its dialogs."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/*", lambda r: r.continue_() if urlparse(r.request.url).hostname == "127.0.0.1" else r.abort())
    try:
        page.goto(url, wait_until="load", timeout=60_000)
        page.wait_for_function("Array.from(document.images).every(i => i.complete)", timeout=30_000)
        page.wait_for_timeout(500)  # time for any error or load handler to fire
        return page.evaluate(_STATE), dialogs
    finally:
        page.close()


def test_html_pasted_into_a_speech_never_runs_and_shows_as_text(markup_served, browser):
    run, base = markup_served
    pages = ["index.html", *sorted(p.name for p in run.out.glob("*.html") if p.name != "index.html")]
    assert len(pages) >= 2
    for name in pages:
        state, dialogs = _state_after_load(browser, f"{base}/{name}")
        assert state["xss"] is None and state["title"] != "XSS" and not dialogs, (name, state["title"], dialogs)
        assert state["handlers"] == 0 and state["scripts"] == 0, (name, state["handlers"], state["scripts"])
        for piece in _SHOWN_AS_TEXT.get(name, []):
            assert piece in state["text"], (name, piece)
