"""The notebook runs the report tests share, each made once per test session and cached in this module.

- ``traditional_report``: ``zhspeech report`` on a small made-up speech in traditional characters, plain text,
  without section headings — the kind of file a user brings, unlike the kit's own speech.
- ``markup_report``: ``zhspeech report`` on an excerpt of a real simplified-character report (the 2017 government
  work report in data/raw/corpus) into which HTML has been pasted — a title with ``<img onerror=…>``, a ``<script>``,
  ``<br>``, ``&nbsp;``, an ``<svg onload=…>`` heading — run with ``MPLBACKEND=Agg`` in the environment, as on a
  server or in CI.
- ``first_speech_notebooks``: every notebook executed with papermill — the speech notebooks on the kit's own speech,
  the compare and corpus notebooks on their defaults (the shipped corpus) — without the HTML (what
  tests/report/test_notebooks.py checks).

Pytest would run a session fixture imported into two modules once per module, so the runs are cached here.
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from zhspeech import cli, config
from zhspeech.errors import NotebookFailed
from zhspeech.report._kernels import execute_notebook
from zhspeech.report.build import notebook_kind

#: A made-up speech: traditional characters, a title, a byline, a date line, no headings, no markup.
TRADITIONAL_SPEECH = """攜手構建開放包容的數字未來
林文清 亞太數字合作協會會長
2023年9月12日

各位來賓，女士們、先生們，朋友們：大家好！很高興在美麗的檳城與各位相聚，共同探討數字時代的合作與發展。

當前，新一輪科技革命和產業變革深入發展，數字技術日新月異，深刻改變著人們的生產生活方式。互聯網讓世界變成了「地球村」，\
也帶來了數字鴻溝、網絡安全、數據治理等新的挑戰。沒有哪一個國家能夠獨自應對這些挑戰。

去年，我們發佈了《數字合作白皮書》，提出了「開放、包容、安全、共贏」的合作理念。今年以來，已有三十多個國家和地區的機構加入\
合作網絡，共同推動數字基礎設施互聯互通。

我們主張，第一，堅持開放合作，反對以鄰為壑；第二，堅持包容發展，縮小數字鴻溝；第三，堅持安全可信，共同維護網絡空間的和平與穩定。

正如一位學者所說：「技術本身沒有國界，但技術的應用必須以人為本。」我們要讓數字技術更好地造福各國人民，特別是發展中國家和中小企業。

數字經濟是未來經濟增長的重要引擎。我們要加強數字基礎設施建設，促進數據安全有序流動，推動數字貿易和電子商務健康發展。\
我們要加強人才培養，提升全民數字素養。

網絡安全是數字合作的基礎。我們要加強網絡安全領域的對話與交流，共同打擊網絡犯罪和網絡恐怖主義，保護關鍵信息基礎設施，\
維護網絡空間的和平與穩定。

人工智能正在成為新的發展動力。我們要堅持以人為本、智能向善，推動建立人工智能治理框架，讓人工智能更好地服務人類。

女士們、先生們！數字未來屬於每一個人。讓我們攜手努力，共同構建開放包容、安全可信的數字未來，為各國人民創造更加美好的生活！

謝謝大家！
"""
TITLE = "攜手構建開放包容的數字未來"
YEAR_IN_DATE_LINE = 2023


@dataclass(frozen=True)
class ReportRun:
    speech: Path
    out: Path
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def index(self) -> Path:
        return self.out / "index.html"


_RUNS: dict[str, ReportRun] = {}


def figure_snapshot() -> dict[str, int]:
    """Names and modification times of the committed figures, to check that a test run leaves them alone."""
    folder = config.PROJ_ROOT / "figures"
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*")} if folder.is_dir() else {}


def _report(tmp_path_factory, name: str, text: str, env: dict[str, str] | None = None) -> ReportRun:
    """Run ``zhspeech report`` once on ``text`` written to ``name`` (with ``env`` added to the environment)."""
    root = tmp_path_factory.mktemp("report")
    speech = root / name
    speech.write_text(text, encoding="utf-8")
    out, stdout, stderr = root / "out", io.StringIO(), io.StringIO()
    started = time.perf_counter()
    saved = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = cli.main(["report", str(speech), "--out", str(out)])
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return ReportRun(speech, out, code, stdout.getvalue(), stderr.getvalue(), time.perf_counter() - started)


def traditional_report(tmp_path_factory) -> ReportRun:
    """Run ``zhspeech report`` on the traditional-character speech once; later calls return the same run."""
    if "traditional" not in _RUNS:
        _RUNS["traditional"] = _report(tmp_path_factory, "traditional_speech.txt", TRADITIONAL_SPEECH)
    return _RUNS["traditional"]


#: JavaScript the pasted HTML would run: it leaves a global, a changed document title and a dialog behind.
PAYLOAD_JS = "window.zhspeechXss=1"
SCRIPT_JS = "window.zhspeechXss=1;document.title='XSS';alert(1)"
#: Pieces of HTML pasted into the speech, each of which must show as text in every page.
MARKUP = {
    "title": f'<img src=x onerror="{PAYLOAD_JS}">',
    "script": f"<script>{SCRIPT_JS}</script>",
    "entities": "<br>&nbsp;&amp;",
    "document": f'《<img src=x onerror="{PAYLOAD_JS}">数字合作白皮书》',
    "quotation": f'“<b onmouseover="{PAYLOAD_JS}">扎实推进</b>”',
    "heading": f'<svg onload="{PAYLOAD_JS}">',
}
MARKUP_SOURCE = config.RAW_DIR / "corpus" / "gov_work_reports" / "2017政府工作报告_李克强.txt"


def _paragraphs(lines: list[str], start: int, n: int) -> list[str]:
    return [line for line in lines[start:] if line.strip()][:n]


def markup_text() -> str:
    """An excerpt of the 2017 government work report (title, date line, byline, salutation, four paragraphs of
    section 一, the heading of section 二 and two of its paragraphs) with the ``MARKUP`` pasted in."""
    lines = MARKUP_SOURCE.read_text(encoding="utf-8").splitlines()
    head = [line for line in lines[:9] if line.strip()]  # title, date line, byline, salutation
    one = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    two = next(i for i, line in enumerate(lines) if line.startswith("二、"))
    body_one, body_two = _paragraphs(lines, one + 1, 4), _paragraphs(lines, two + 1, 2)
    parts = [
        head[0] + MARKUP["title"],
        *head[1:],
        lines[one],
        body_one[0] + MARKUP["script"],
        body_one[1] + MARKUP["entities"],
        f"我们发布了{MARKUP['document']}，提出{MARKUP['quotation']}的要求。",
        *body_one[2:],
        lines[two] + MARKUP["heading"],
        *body_two,
    ]
    return "\n\n".join(parts) + "\n"


def markup_report(tmp_path_factory) -> ReportRun:
    """Run ``zhspeech report`` once on ``markup_text()``, with ``MPLBACKEND=Agg`` set in the environment."""
    if "markup" not in _RUNS:
        _RUNS["markup"] = _report(tmp_path_factory, "speech_with_markup.txt", markup_text(), {"MPLBACKEND": "Agg"})
    return _RUNS["markup"]


@dataclass
class Executed:
    nb: nbformat.NotebookNode | None
    failure: NotebookFailed | None
    kernel_log: str


_EXECUTED: dict[str, Executed] = {}


def first_speech_notebooks(tmp_path_factory) -> dict[str, Executed]:
    """Every notebook run once on the kit's own speech (``YEAR = config.SPEECH_YEAR``), with OUTPUT_DIR and
    ZHSPEECH_FIGURES in a temporary folder; failures are recorded, not raised, so each test reports its own."""
    if not _EXECUTED:
        root = tmp_path_factory.mktemp("notebooks")
        figures = root / "figures"
        figures.mkdir()
        speech = {"SPEECH_PATH": str(config.SPEECH_PATH), "YEAR": config.SPEECH_YEAR}
        env = {"ZHSPEECH_FIGURES": str(figures), "PYTHONHASHSEED": "0"}
        for notebook in sorted(p for p in config.NOTEBOOKS_DIR.glob("*.ipynb") if not p.name.startswith(".")):
            log = root / f"{notebook.stem}.kernel.log"
            # the speech notebooks on the kit's speech; the compare and corpus notebooks on their defaults
            parameters = {**(speech if notebook_kind(notebook) == "speech" else {}), "OUTPUT_DIR": str(figures)}
            try:
                nb = execute_notebook(notebook, root / notebook.name, parameters, env=env, kernel_log=log)
                failure = None
            except NotebookFailed as exc:  # keep what ran, so the other checks still see its outputs
                nb = nbformat.read(exc.executed, as_version=4) if exc.executed.exists() else None
                failure = exc
            _EXECUTED[notebook.stem] = Executed(nb, failure, log.read_text(errors="replace") if log.exists() else "")
    return _EXECUTED
