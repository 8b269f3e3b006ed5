"""One ``zhspeech report`` run per test session, shared by test_report.py and test_browser.py.

The report runs on a small made-up speech in traditional characters, plain text, without section headings — the
kind of file a user brings, unlike the kit's own speech (which tests/test_notebooks.py executes). Pytest would run
a session fixture imported into two modules once per module, so the run is cached here, in this module.
"""

from __future__ import annotations

import contextlib
import io
import time
from dataclasses import dataclass
from pathlib import Path

from zhspeech import cli, config

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


def traditional_report(tmp_path_factory) -> ReportRun:
    """Run ``zhspeech report`` on the traditional-character speech once; later calls return the same run."""
    if "traditional" not in _RUNS:
        root = tmp_path_factory.mktemp("report")
        speech = root / "traditional_speech.txt"
        speech.write_text(TRADITIONAL_SPEECH, encoding="utf-8")
        out, stdout, stderr = root / "out", io.StringIO(), io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = cli.main(["report", str(speech), "--out", str(out)])
        _RUNS["traditional"] = ReportRun(
            speech, out, code, stdout.getvalue(), stderr.getvalue(), time.perf_counter() - started
        )
    return _RUNS["traditional"]
