"""The front matter of the 49 government work reports (1954–2017) shipped in data/raw/corpus: every file parses,
its year is the year in its file name and comes from its date line, its byline names the speaker in its file name,
and no front-matter line ends up in a body paragraph.

The expectations are read independently of the parser from the files' first lines (hand-checked: every file opens
with its title, one date line beginning —— or －－, a byline with the speaker's office and name, and — except in
1964 (an abstract) and 2017 (where 各位代表， opens the first paragraph) — a salutation line 各位代表：/！).
"""

from __future__ import annotations

import re
from functools import cache

import pytest

import zhspeech
from zhspeech import config

CORPUS = config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports"
FILES = sorted(CORPUS.glob("*.txt"))
NAME = re.compile(r"^(?P<year>\d{4})政府工作报告_(?P<speaker>[^_.]+)(?:_摘要)?\.txt$")
#: The 1991 file holds the report on the 1991 plan, delivered by 邹家华 (its byline, line 4, reads
#: 国务委员兼国家计划委员会主任邹家华); its file name names the premier of the year.
BYLINE_IN_TEXT = {"1991政府工作报告_李鹏.txt": "邹家华"}


@cache
def _speech(name: str) -> zhspeech.Speech:
    return zhspeech.load(CORPUS / name)


def _head(name: str, n: int = 8) -> list[str]:
    """The first ``n`` non-empty lines of the raw file, stripped."""
    lines = [line.strip() for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[:n]


def _date_line(name: str) -> str | None:
    return next((line for line in _head(name) if re.match(r"^[—－]{2}", line)), None)


def _salutation_line(name: str) -> str | None:
    """The salutation line before the body (in 1955 after a table of contents of 14 lines)."""
    return next((line for line in _head(name, 25) if re.fullmatch(r"[各名]位代表[：:！!]", line)), None)


def test_the_corpus_is_all_there():
    assert len(FILES) == 49 and all(NAME.match(p.name) for p in FILES)
    assert sum(_date_line(p.name) is not None for p in FILES) == 49
    assert sum(_salutation_line(p.name) is not None for p in FILES) == 47


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_year_date_line_and_byline(name):
    speech = _speech(name)
    expected = NAME.match(name)
    year = int(expected["year"])
    assert len(speech.paragraphs) > 10
    assert speech.year == year
    date_line = _date_line(name)
    if date_line is not None:
        assert speech.year_source == "date line"
        assert speech.date_text == date_line and speech.date.startswith(f"{year}-")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", speech.date)
    speaker = BYLINE_IN_TEXT.get(name, expected["speaker"])
    if any(speaker in line for line in _head(name)[1:5]):  # the text has a byline
        assert speech.byline.author == speaker
        assert re.search(r"总理$|兼", speech.byline.role)  # 国务院总理, 总理, 代总理; 副总理兼财政部长 …


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_no_front_matter_line_in_a_body_paragraph(name):
    speech = _speech(name)
    paragraphs = speech.paragraphs
    lines = speech.front_matter
    assert lines and lines[0].kind == "title"
    for line in lines:
        assert speech.text[line.start : line.end] == line.text
        if line.kind in ("date", "byline", "chrome"):
            assert not paragraphs["text"].str.contains(line.text, regex=False).any(), (line.kind, line.text)
        elif line.kind in ("title", "subtitle"):  # the body may name the report (提出关于…的报告，请予审议)
            assert not paragraphs["text"].str.startswith(line.text).any(), (line.kind, line.text)
    leading_end = max(line.end for line in lines if line.kind not in ("toc", "other", "chrome"))
    assert paragraphs["start"].min() > leading_end  # the body starts after the front matter
    salutation = _salutation_line(name)
    first = paragraphs.sort_values("start")["text"].iloc[0]
    if salutation is not None:
        assert speech.salutation == salutation[:-1]
        assert [line.text for line in lines if line.kind == "salutation"] == [salutation]
        assert not first.startswith(salutation[:4])
    elif name.startswith("2017"):  # 各位代表，现在，我代表国务院…: recorded, and left in its sentence
        assert speech.salutation == "各位代表" and first.startswith("各位代表，现在，我代表国务院")
    else:
        assert speech.salutation is None
