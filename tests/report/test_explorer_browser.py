"""The term explorer (notebook 07) in headless Chromium: chosen through the page's own controls, with nothing
fetched from the network.

The notebook is executed with papermill and rendered by the report's exporter (``build_report`` with
``notebooks=[07]``), on the kit's speech and on a traditional-character speech without sections. The page is opened
from ``file:``; any request that is not ``file:``, ``data:`` or ``blob:`` is aborted and fails the test. A bar of
the top-terms chart is clicked and a term typed into the search box; each time the KWIC view must show exactly that
term's lines and the dispersion view its positions (checked against ``zhspeech.kwic``), with no console error. The
time from the page's load until the explorer is drawn is printed (and must stay under a second); screenshots go to
the test's temporary folder, and the one of the kit's speech to ``docs/explorer.png`` for the README.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from _browser import CHROMIUM, require_browser
from _report_fixture import TRADITIONAL_SPEECH

import zhspeech
from zhspeech import config
from zhspeech.explore.data import explorer_data
from zhspeech.report.build import build_report

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
NOTEBOOK = config.NOTEBOOKS_DIR / "07_explore.ipynb"
README_SHOT = config.PROJ_ROOT / "docs" / "explorer.png"
LINES = 40  # the notebook's LINES parameter
MAX_PAGE_BYTES = 5_000_000

_STATE = """() => ({
    term: document.querySelector('.zhs-controls input[type=search]').value,
    nodes: Array.from(document.querySelectorAll('.zhs-view g[class*="kwic_node"] text')).map(t => t.textContent),
    lefts: Array.from(document.querySelectorAll('.zhs-view g[class*="kwic_left"] text'))
        .map(t => [t.getBoundingClientRect().top, t.textContent]),
    ticks: Array.from(document.querySelectorAll('.zhs-view g[class*=" dispersion_"] path'))
        .map(p => p.getAttribute('aria-label')),
})"""


def _report(tmp_path_factory, speech_path: Path):
    out = tmp_path_factory.mktemp("explorer") / "out"
    build_report(speech_path, out, notebooks=[NOTEBOOK], jobs=1)
    return out / "07_explore.html", zhspeech.load(speech_path)


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True, timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def kit_page(tmp_path_factory, browser):
    return _report(tmp_path_factory, config.SPEECH_PATH)


@pytest.fixture(scope="module")
def traditional_page(tmp_path_factory, browser):
    path = tmp_path_factory.mktemp("traditional") / "traditional_speech.txt"
    path.write_text(TRADITIONAL_SPEECH, encoding="utf-8")
    return _report(tmp_path_factory, path)


class _Session:
    """One page opened offline: what it logged, what it tried to fetch, and how long the explorer took."""

    def __init__(self, browser, page_path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 1000})
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(page_path.as_uri(), wait_until="load", timeout=60_000)
        self.page.wait_for_selector(".zhs-explorer[data-ready]", timeout=30_000)
        ready, loaded = self.page.evaluate(
            "[Number(document.querySelector('.zhs-explorer').dataset.ready),"
            " performance.getEntriesByType('navigation')[0].loadEventEnd]"
        )
        self.ready_ms, self.loaded_ms, self.after_load_ms = ready, loaded, max(0.0, ready - loaded)

    def _route(self, route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def state(self) -> dict:
        self.page.wait_for_timeout(250)  # one animation frame is enough; leave a margin on a busy machine
        return self.page.evaluate(_STATE)


def _check_shows(state: dict, speech, term: str) -> None:
    """The KWIC view shows ``term``'s lines and the dispersion view every one of its positions."""
    expected = zhspeech.kwic(speech, term, match="token")
    assert len(expected) > 0, term
    assert state["term"] == term
    assert len(state["nodes"]) == min(len(expected), LINES), (term, len(state["nodes"]))
    assert set(state["nodes"]) <= set(expected["node"]), (term, set(state["nodes"]))
    starts = {int(re.search(r"start: (\d+)", label)[1]) for label in state["ticks"]}
    assert starts == set(expected["start"].astype(int)), term


def _explore(browser, page_path: Path, speech, shot: Path) -> _Session:
    """Open the page, click a bar of the top-terms chart, type another term; check both; keep a screenshot."""
    session = _Session(browser, page_path)
    page = session.page
    data = explorer_data(speech, top=25, lines=LINES, collocates=10, width=20, window=5)
    first = session.state()
    _check_shows(first, speech, first["term"])
    top = data.terms[data.terms["top_rank"] > 0].sort_values("top_rank")["term"].tolist()
    clicked = next(t for t in top if t != first["term"])
    page.locator(f'.zhs-view g[class*="top_terms"] path[aria-label*="term: {clicked};"]').click()
    _check_shows(session.state(), speech, clicked)
    typed = next(t for t in data.terms.sort_values("count", ascending=False)["term"] if t not in (clicked,))
    page.locator(".zhs-controls input[type=search]").fill(typed)
    state = session.state()
    _check_shows(state, speech, typed)
    page.locator(".zhs-controls input[value=left]").check()
    lefts = [text for _, text in sorted(session.state()["lefts"])]
    assert lefts == sorted(lefts, key=lambda s: s[::-1]), "KWIC lines not ordered by their left context"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.locator(".zhs-explorer").screenshot(path=str(shot))
    return session


def _check_page_file(page_path: Path) -> None:
    html = page_path.read_text(encoding="utf-8")
    assert not re.search(r'<script[^>]+src="?https?://', html)
    assert not re.search(r'<link[^>]+href="?https?://', html)


def test_explorer_on_the_kits_speech(kit_page, browser, tmp_path):
    page_path, speech = kit_page
    _check_page_file(page_path)
    size = page_path.stat().st_size
    print(f"\n07_explore.html: {size / 1e6:.2f} MB")
    assert size < MAX_PAGE_BYTES
    session = _explore(browser, page_path, speech, tmp_path / "explorer.png")
    try:
        print(
            f"explorer drawn {session.ready_ms:.0f} ms after navigation start (load event ended at "
            f"{session.loaded_ms:.0f} ms): usable {session.after_load_ms:.0f} ms after load"
        )
        assert not session.errors, session.errors[:3]
        assert not session.blocked, session.blocked[:3]
        assert session.after_load_ms < 1000
        README_SHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(tmp_path / "explorer.png", README_SHOT)
        assert (tmp_path / "explorer.png").stat().st_size > 20_000
    finally:
        session.page.close()


def test_explorer_on_a_traditional_speech(traditional_page, browser, tmp_path):
    page_path, speech = traditional_page
    _check_page_file(page_path)
    session = _explore(browser, page_path, speech, tmp_path / "explorer_traditional.png")
    try:
        print(
            f"\ntraditional: drawn {session.ready_ms:.0f} ms after navigation start (load ended at "
            f"{session.loaded_ms:.0f} ms): usable {session.after_load_ms:.0f} ms after load"
        )
        assert not session.errors, session.errors[:3]
        assert not session.blocked, session.blocked[:3]
        assert session.after_load_ms < 1000
        assert re.search("[發數網]", session.page.inner_text(".zhs-explorer"))  # the terms as written
    finally:
        session.page.close()
