"""Sections as the text numbers them, on the 49 government work reports (1954–2017) shipped in data/raw/corpus.

The sample's counts were read off the files by hand: every line of the raw file that opens with a numbering label
(一、 （一） 1. （１） 第一、) or stands short and unpunctuated on its own was listed with its line number and read
in context (which list it continues, whether it is a heading line or the lead of a paragraph, whether the body
repeats it). They are not the parser's output copied back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import zhspeech
from zhspeech import config

CORPUS = config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports"
FILES = sorted(CORPUS.glob("*.txt"))

# year → (section headings' labels, subsections per section, items (third level))
SAMPLE = {
    # 目录 then 13 heading lines (raw lines 10–36), repeated in the body: sections 一–四, （一）–（九） in 三; five
    # lists 一、… nested in the subsections (4 + 4 in （一）, 5 in （三）, 3 in （五）, 5 in （八）) are items
    1955: (["一、", "二、", "三、", "四、"], [0, 0, 9, 0], 21),
    # no 一、: （一）–（五） are the sections; 第一、…第五、 heading lines in （三）; （１）–（１０） under 第五、
    1958: (["（一）", "（二）", "（三）", "（四）", "（五）"], [0, 0, 5, 0, 0], 10),
    # the numerals 一 二 三 四 stand alone on their lines (raw lines 14, 30, 62, 78)
    1960: (["一", "二", "三", "四"], [0, 0, 0, 0], 0),
    # six unnumbered heading lines (raw lines 18, 68, 92, 168, 204, 238); 第一，…。 lines end with 。 (body)
    1978: (["", "", "", "", "", ""], [0, 0, 0, 0, 0, 0], 0),
    # （一）（二）（三） are the top level; 一、…十、 open paragraphs inside （二）
    1981: (["（一）", "（二）", "（三）"], [0, 10, 0], 0),
    # 关于国内建设 / 关于外交工作 come before any number: 一、–五、 lines under the first,
    # 一、–三、 paragraph leads under the second
    1984: (["", ""], [5, 3], 0),
    # （一）–（三） in 二 and in 三; 一、–五、 nested in 二（三）, 一、–六、 in 三 after its （三）;
    # 第一、… in 四 open long paragraphs (body)
    1986: (["一、", "二、", "三、", "四、"], [0, 3, 3, 0], 11),
    # 第一，进一步稳定和加强农业 … 第八， (raw lines 56–130): heading lines without punctuation in 二
    1998: (["一、", "二、", "三、"], [0, 8, 0], 0),
    # （一）–（九） heading lines in 一, （一）–（八） in 二
    2003: (["一、", "二、"], [9, 8], 0),
    # （一）–（六） paragraph leads in 一, （一）–（八） heading lines in 二, （一）–（四） in 三
    2006: (["一、", "二、", "三、"], [6, 8, 4], 0),
    # （一）–（九） paragraph leads in 三
    2017: (["一、", "二、", "三、"], [0, 0, 9], 0),
}

UNNUMBERED = {
    1978: [
        "三年来的斗争和新时期的总任务",
        "把揭批“四人帮”的斗争进行到底",
        "加快社会主义经济建设",
        "繁荣社会主义科学教育文化事业",
        "加强政权建设，加强各族人民的大团结",
        "国际形势和我国对外政策",
    ],
    1984: ["关于国内建设", "关于外交工作"],
}


def _load(year: int) -> zhspeech.Speech:
    return zhspeech.load(next(CORPUS.glob(f"{year}*.txt")))


def _per_section(s) -> list[int]:
    ends = [h.start for h in s.sections[1:]] + [len(s.text)]
    return [sum(h.start <= x.start < end for x in s.subsections) for h, end in zip(s.sections, ends)]


def test_the_corpus_is_there():
    assert len(FILES) == 49


@pytest.mark.parametrize("year", sorted(SAMPLE))
def test_sections_as_the_text_numbers_them(year):
    labels, subsections, items = SAMPLE[year]
    s = _load(year)
    assert [h.label for h in s.sections] == labels
    assert _per_section(s) == subsections
    assert len(s.items) == items
    if year in UNNUMBERED:
        assert [h.heading for h in s.sections] == UNNUMBERED[year]
    assert not [f.message for f in s.findings if f.kind == "numbering"]


def test_the_1955_table_of_contents_is_front_matter():
    s = _load(1955)
    toc = [line for line in s.front_matter if line.kind == "toc"]
    assert [line.text for line in toc[:2]] == ["目录", "一、国家在过渡时期的总任务"]
    assert len(toc) == 14 and toc[-1].text == "四、为完成和超额完成第一个五年计划而奋斗"
    assert s.sections[0].start > toc[-1].end
    in_toc = (s.sentences["start"] >= toc[0].start) & (s.sentences["start"] < toc[-1].end)
    assert not in_toc.any()  # the contents are no sentences; the body's heading lines are (19 of them)
    assert (s.sentences["part"] == "heading").sum() == 4 + 9 + 6


@pytest.mark.parametrize("path", FILES, ids=[p.name[:4] for p in FILES])
def test_every_report_parses_with_exact_offsets_and_sections_only_from_the_body(path: Path):
    s = zhspeech.load(path)
    assert len(s.paragraphs) > 0 and set(s.sentences["part"]) <= {"title", "heading", "body", "back"}
    for frame in (s.paragraphs, s.sentences):
        for row in frame.itertuples():
            assert s.text[row.start : row.end] == row.text
    toc = [(line.start, line.end) for line in s.front_matter if line.kind == "toc"]
    back = s.back_matter[0].start if s.back_matter else len(s.text)
    for h in [*s.sections, *s.subsections, *s.items]:
        assert not any(a <= h.start < b for a, b in toc), h
        assert h.start < back, h
        assert s.text[h.start : h.end].startswith(h.label)
    heads = s.sentences[s.sentences["part"] == "heading"]
    assert heads["paragraph"].eq(0).all() and s.paragraphs["paragraph"].is_monotonic_increasing
