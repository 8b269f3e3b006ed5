"""Reports on texts other than the kit's own speech say nothing that belongs to that speech.

The strings of the first speech are collected from what the notebooks say on it — their Markdown cells and the
Markdown their cells print (computed readings and the hand-written interpretations) — keeping the Chinese terms and
the larger numbers that occur in its text. A report on another text (the traditional-character speech and the
simplified excerpt of a 2017 government work report, both built once per session by ``_report_fixture``) may show
such a string only where that text has it too. Two kinds of strings are exempt, and only these: the names of the
codebook's themes (the codebook codes every speech) and the few markers the notebooks' own prose uses to explain a
method (``METHOD_WORDS``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from _report_fixture import first_speech_notebooks, markup_report, traditional_report

import zhspeech
from zhspeech import config
from zhspeech.report.build import notebook_paths
from zhspeech.text.script import to_simplified

pytestmark = pytest.mark.slow

#: Chinese the notebooks' prose uses to explain a method — the relative dates the timeline resolves (今年, 去年) and
#: the markers an enumeration is found by (一是…二是…, 第一…第二…, 首先…其次…) — not claims about a speech.
METHOD_WORDS = {"今年", "去年", "明年", "一是", "二是", "第一", "第二", "首先", "其次"}
INTERPRETED = "An interpretation of the speech the kit was first built for"
NOT_INTERPRETED = "No hand-written interpretation"
HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
#: Numbers of three digits or more (1995, 2,032, 240.5), not percentages: counts, lengths and years of a reading.
NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d{3,})(?:\.\d+)?(?![\d,%])")


def _markdown_outputs(nb: nbformat.NotebookNode) -> list[str]:
    return [
        o["data"]["text/markdown"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]


def _markdown_cells(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def _visible(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _chinese(texts: list[str]) -> set[str]:
    """Every run of Han characters, and every word of two characters or more the segmenter finds in it."""
    import jieba

    found: set[str] = set()
    for text in texts:
        for run in HAN_RUN.findall(text):
            found.add(run)
            found.update(w for w in jieba.lcut(run) if len(w) >= 2)
    return found


def _numbers(texts: list[str]) -> set[str]:
    return {m.group(0) for text in texts for m in NUMBER.finditer(text)}


def _has_number(text: str, number: str) -> bool:
    forms = {number, number.replace(",", "")}
    return any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d])", text) for f in forms)


def leaks(
    first: dict, other_reading: str, other_text: str, themes: list[str], tables: str = ""
) -> dict[str, list[str]]:
    """The first speech's strings found in ``other_reading`` (what a report on another text says) that the other
    text lacks; each with a stretch of the reading around it. ``first`` holds the first speech's ``text``, its
    ``static`` Markdown (the notebooks' cells) and its ``outputs`` (the Markdown its cells printed). A number may
    also come from the other report's ``tables`` (computed from the other text: a count, a resolved year)."""
    for theme in sorted(themes, key=len, reverse=True):  # theme names are the codebook's, shown for any speech
        other_reading = re.sub(rf"(?<![\u3400-\u9fff]){re.escape(theme)}(?![\u3400-\u9fff])", " ", other_reading)
    terms = {t for t in _chinese(first["static"] + first["outputs"]) if t in first["text"]} - METHOD_WORDS
    numbers = _numbers(first["outputs"]) - _numbers(first["static"])
    found = {t for t in terms if t in other_reading and t not in other_text}
    found |= {n for n in numbers if _has_number(other_reading, n) and not _has_number(other_text + tables, n)}
    return {
        s: [other_reading[max(0, i - 40) : i + 40] for i in [other_reading.find(s.replace(",", ""))]] for s in found
    }


@pytest.fixture(scope="module")
def first(tmp_path_factory) -> dict:
    runs = first_speech_notebooks(tmp_path_factory)
    assert all(r.nb is not None and r.failure is None for r in runs.values()), {
        k: str(r.failure) for k, r in runs.items()
    }
    speech = {k: r for k, r in runs.items() if k in {p.stem for p in notebook_paths()}}  # 05, 06 read other texts
    return {
        "text": config.SPEECH_PATH.read_text(encoding="utf-8"),
        "static": [s for r in speech.values() for s in _markdown_cells(r.nb)],
        "outputs": [s for r in speech.values() for s in _markdown_outputs(r.nb)],
    }


@pytest.fixture(scope="module")
def themes() -> list[str]:
    return list(zhspeech.load_codebook().names)


def _reading_of(out: Path) -> str:
    """All that a report says in words: the notebooks' Markdown, the Markdown they printed, the index page."""
    texts = []
    for executed in sorted(out.glob("*.ipynb")):
        nb = nbformat.read(executed, as_version=4)
        texts += _markdown_cells(nb) + _markdown_outputs(nb)
    texts.append(_visible((out / "index.html").read_text(encoding="utf-8")))
    return "\n".join(texts)


def _tables_of(out: Path) -> str:
    """What a report's cells printed other than Markdown: tables, values, streams — computed from its text."""
    texts = []
    for executed in sorted(out.glob("*.ipynb")):
        for cell in nbformat.read(executed, as_version=4).cells:
            for o in cell.get("outputs", []):
                data = o.get("data", {})
                texts += [o.get("text", ""), data.get("text/plain", ""), _visible(data.get("text/html", ""))]
    return "\n".join(texts)


def test_the_first_speech_gets_its_interpretations_and_readings(first):
    interpretations = [o for o in first["outputs"] if INTERPRETED in o]
    assert len(interpretations) == 3, "01, 02 and 03 each show their hand-written interpretation"
    assert not [o for o in first["outputs"] if NOT_INTERPRETED in o]
    assert len(_chinese(first["outputs"])) > 200 and len(_numbers(first["outputs"])) > 20  # the check has teeth


def test_the_check_finds_a_planted_sentence_about_the_first_speech(first, themes):
    planted = "The title concept 网络空间命运共同体 occurs 24 times in 2,026 words; 发展 (44) leads."
    found = leaks(first, planted, "某市政府工作报告：发展经济。", themes)
    assert {"网络空间命运共同体", "2,026"} <= set(found) and "发展" not in found  # 发展 is in the other text


@pytest.mark.parametrize("report", [traditional_report, markup_report], ids=["traditional", "simplified_markup"])
def test_a_report_on_another_text_says_nothing_of_the_first_speech(report, first, themes, tmp_path_factory):
    run = report(tmp_path_factory)
    assert run.code == 0, run.stderr
    reading = _reading_of(run.out)
    assert INTERPRETED not in reading
    assert reading.count(NOT_INTERPRETED) == 3
    other_text = zhspeech.load(run.speech).text
    # the readings name a traditional text's words in the simplified form its statistics count
    other_text += "\n" + to_simplified(other_text)
    found = leaks(first, reading, other_text, themes, _tables_of(run.out))
    assert not found, found
