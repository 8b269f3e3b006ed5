"""Two editions side by side: section alignment, the sentence-level diff and its HTML table.

A hand-made pair of short texts fixes every event exactly (a sentence added, one removed, one word changed, a
section inserted that renumbers the sections after it); the real reports check that the tables add up and that a
text printed twice reads as two identical editions.
"""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

import zhspeech
from zhspeech import OptionError, TableError, config
from zhspeech.textstat.editions import (
    ALIGNMENT_COLUMNS,
    DIFF_COLUMNS,
    edition_diff_html,
    textstat_edition_diff,
    textstat_section_alignment,
)

CORPUS = config.RAW_DIR / "corpus" / "gov_work_reports"

EDITION_A = """测试报告

各位代表：

一、工作回顾

过去一年，经济运行稳中有进。全年粮食产量达到六亿吨。城镇新增就业一千万人。

二、今年任务

今年要坚持稳中求进。要深化改革开放。要加强生态环境保护。

三、政府建设

各级政府要依法行政。政府工作人员要廉洁奉公。
"""

# B: a sentence added and a word changed in 一; a section inserted as 二 (今年任务 and 政府建设 move to 三 and 四);
# a sentence removed from 今年任务
EDITION_B = """测试报告

各位代表：

一、工作回顾

过去一年，经济运行稳中有进。全年粮食产量超过六亿吨。城镇新增就业一千万人。居民收入稳步增长。

二、总体部署

今年发展的主要预期目标是增长六左右。

三、今年任务

今年要坚持稳中求进。要深化改革开放。

四、政府建设

各级政府要依法行政。政府工作人员要廉洁奉公。
"""


@pytest.fixture(scope="module")
def editions() -> tuple[zhspeech.Speech, zhspeech.Speech]:
    return zhspeech.parse(EDITION_A), zhspeech.parse(EDITION_B)


class _TagBalance(HTMLParser):
    """Open elements left at the end of a document, and every tag seen (to check the HTML is well formed)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()


def _balanced(page: str) -> set[str]:
    parser = _TagBalance()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser.tags


def test_sections_align_by_heading_when_a_section_is_inserted(editions):
    table = textstat_section_alignment(*editions)
    assert list(table.columns) == ALIGNMENT_COLUMNS
    rows = [
        (None if pd.isna(a) else int(a), None if pd.isna(b) else int(b), ha, hb, how)
        for a, b, ha, hb, _, how in table.itertuples(index=False)
    ]
    assert rows == [
        (0, 0, "", "", "number"),
        (1, 1, "工作回顾", "工作回顾", "number+heading"),
        (None, 2, "", "总体部署", "added"),
        (2, 3, "今年任务", "今年任务", "heading"),
        (3, 4, "政府建设", "政府建设", "heading"),
    ]
    assert table["similarity"].tolist()[1:] == [1.0, pytest.approx(math.nan, nan_ok=True), 1.0, 1.0]
    assert math.isnan(table["similarity"].iloc[0])
    assert table.attrs["whole_text"] is False


def test_each_event_of_the_hand_made_pair(editions):
    diff = textstat_edition_diff(*editions)
    assert list(diff.columns) == DIFF_COLUMNS
    events = [
        (
            None if pd.isna(r.section_a) else int(r.section_a),
            None if pd.isna(r.section_b) else int(r.section_b),
            r.op,
            None if pd.isna(r.text_a) else r.text_a,
            None if pd.isna(r.text_b) else r.text_b,
            r.removed_words,
            r.added_words,
        )
        for r in diff.itertuples()
    ]
    assert events == [
        (1, 1, "changed", "全年粮食产量达到六亿吨。", "全年粮食产量超过六亿吨。", ["达到"], ["超过"]),
        (1, 1, "added", None, "居民收入稳步增长。", [], ["居民收入", "稳步增长"]),
        (None, 2, "added", None, "二、总体部署", [], ["总体", "部署"]),
        (None, 2, "added", None, "今年发展的主要预期目标是增长六左右。", [], diff.loc[3, "added_words"]),
        (2, 3, "removed", "要加强生态环境保护。", None, diff.loc[4, "removed_words"], []),
    ]
    # the words of a whole added or removed sentence are its tokens without punctuation
    assert "".join(diff.loc[3, "added_words"]) == "今年发展的主要预期目标是增长六左右"
    assert "".join(diff.loc[4, "removed_words"]) == "要加强生态环境保护"
    # ids point into each speech's sentence table
    a, b = editions
    texts_a = a.sentences.set_index("sentence")["text"]
    texts_b = b.sentences.set_index("sentence")["text"]
    for row in diff.itertuples():
        assert pd.isna(row.sentence_a) or texts_a[row.sentence_a] == row.text_a
        assert pd.isna(row.sentence_b) or texts_b[row.sentence_b] == row.text_b
    changed = diff.iloc[0]
    assert changed["ratio"] == pytest.approx(10 / 12)  # 10 of 12 characters kept on either side
    assert [changed["text_a"][s:e] for s, e in changed["removed_spans"]] == ["达到"]
    assert [changed["text_b"][s:e] for s, e in changed["added_spans"]] == ["超过"]
    assert diff["ratio"].iloc[1:].isna().all()


def test_counts_and_unchanged_share(editions):
    diff = textstat_edition_diff(*editions)
    attrs = diff.attrs
    # A: 3 headings + 8 body sentences; B: 4 headings + 9 body sentences (titles are not compared)
    assert (attrs["sentences_a"], attrs["sentences_b"]) == (11, 13)
    assert {op: attrs[op] for op in ("equal", "changed", "added", "removed")} == {
        "equal": 9,
        "changed": 1,
        "added": 3,
        "removed": 1,
    }
    assert attrs["equal"] + attrs["changed"] + attrs["removed"] == attrs["sentences_a"]
    assert attrs["equal"] + attrs["changed"] + attrs["added"] == attrs["sentences_b"]
    assert attrs["unchanged_share"] == pytest.approx(2 * 9 / 24)
    # equal rows on request: the renumbered headings (二、今年任务 → 三、今年任务) are no change
    full = textstat_edition_diff(*editions, equal=True)
    assert (full["op"] == "equal").sum() == 9
    renumbered = full[(full["op"] == "equal") & (full["text_a"] != full["text_b"])]
    assert renumbered[["text_a", "text_b"]].values.tolist() == [
        ["二、今年任务", "三、今年任务"],
        ["三、政府建设", "四、政府建设"],
    ]
    assert full[full["op"] != "equal"].reset_index(drop=True).equals(diff)


def test_identical_texts_have_no_events():
    a, b = zhspeech.parse(EDITION_A), zhspeech.parse(EDITION_A)
    diff = textstat_edition_diff(a, b)
    assert diff.empty and list(diff.columns) == DIFF_COLUMNS
    assert diff.attrs["unchanged_share"] == 1.0
    assert diff.attrs["equal"] == diff.attrs["sentences_a"] == 11
    alignment = textstat_section_alignment(a, b)
    assert alignment["how"].tolist() == ["number"] + ["number+heading"] * 3
    page = edition_diff_html(diff)
    assert "No differences" in page and "100.0% unchanged" in page
    _balanced(page)


def test_a_replaced_block_pairs_the_most_similar_sentences():
    a = zhspeech.parse("一、任务\n\n我们要全面深化经济体制改革。今天的天气非常晴朗。\n")
    b = zhspeech.parse("一、任务\n\n明年将举办一次大型国际体育赛事。我们要继续全面深化经济体制改革。\n")
    diff = textstat_edition_diff(a, b)
    assert diff["op"].tolist() == ["added", "changed", "removed"]  # B's order; the removed one after its pair
    assert diff.loc[1, ["text_a", "text_b"]].tolist() == [
        "我们要全面深化经济体制改革。",
        "我们要继续全面深化经济体制改革。",
    ]
    assert diff.loc[1, "added_words"] == ["继续"] and diff.loc[1, "removed_words"] == []
    # a stricter threshold turns the pair into a removal and an addition
    strict = textstat_edition_diff(a, b, min_ratio=0.95)
    assert sorted(strict["op"]) == ["added", "added", "removed", "removed"]


def test_texts_without_sections_are_one_unit():
    a = zhspeech.parse("今年经济平稳运行。就业形势总体稳定。物价保持基本稳定。")
    b = zhspeech.parse("今年经济平稳运行。物价保持基本稳定。对外贸易较快增长。")
    alignment = textstat_section_alignment(a, b)
    assert len(alignment) == 1 and alignment.attrs["whole_text"] is True
    diff = textstat_edition_diff(a, b)
    rows = [[None if pd.isna(v) else v for v in row] for row in diff[["op", "text_a", "text_b"]].values.tolist()]
    assert rows == [
        ["removed", "就业形势总体稳定。", None],
        ["added", None, "对外贸易较快增长。"],
    ]
    assert (diff["section_a"].dropna() == 0).all() and diff.attrs["whole_text"] is True


def test_html_escapes_text_and_marks_the_changed_words():
    a = zhspeech.parse("一、安全\n\n网页中不得出现<script>alert(1)</script>标签。研究与开发R&D投入增长。\n")
    b = zhspeech.parse("一、安全\n\n网页中不得出现<script>alert(2)</script>标签。研究与开发R&D经费投入增长。\n")
    diff = textstat_edition_diff(a, b)
    page = edition_diff_html(diff, a_label="<旧版>", b_label="新版 & 定稿")
    assert "<script" not in page and "&lt;script&gt;alert(" in page
    assert "R&amp;D" in page and "R&D" not in page
    assert "&lt;旧版&gt;" in page and "新版 &amp; 定稿" in page
    assert re.search(r"R&amp;D<ins [^>]*>经费</ins>投入", page)
    assert re.search(r"alert\(<del [^>]*>1</del>\)", page)
    tags = _balanced(page)
    assert tags <= {"table", "caption", "thead", "tbody", "tr", "th", "td", "span", "del", "ins"}
    assert not re.search(r"https?:|src=|<style|<link|<script|@import|url\(", page)
    assert page == edition_diff_html(diff.copy(), a_label="<旧版>", b_label="新版 & 定稿")  # deterministic


def test_html_groups_by_section_and_limits_rows(editions):
    diff = textstat_edition_diff(*editions)
    page = edition_diff_html(diff)
    groups = re.findall(r'<th colspan="4"[^>]*>([^<]*)</th>', page)
    assert groups == ["§1 工作回顾", "§2 总体部署 (only in B)", "§2 今年任务 → §3 今年任务"]
    assert "1 changed, 3 added, 1 removed sentences; 75.0% unchanged" in page
    short = edition_diff_html(diff, max_rows=2)
    assert short.count("<tr><td") == 3 and "3 more rows not shown" in short
    _balanced(short)


def test_bad_arguments():
    a = zhspeech.parse(EDITION_A)
    with pytest.raises(OptionError, match="Speech"):
        textstat_edition_diff(a, EDITION_A)
    with pytest.raises(OptionError, match="min_ratio"):
        textstat_edition_diff(a, a, min_ratio=0)
    with pytest.raises(OptionError, match="min_similarity"):
        textstat_section_alignment(a, a, min_similarity=1.5)
    with pytest.raises(OptionError, match="parts"):
        textstat_edition_diff(a, a, parts="preface")
    with pytest.raises(OptionError, match="max_rows"):
        edition_diff_html(textstat_edition_diff(a, a), max_rows=0)
    with pytest.raises(TableError, match="text_a"):
        edition_diff_html(pd.DataFrame({"op": ["added"]}))


# ------------------------------------------------------------------------------------------ the shipped corpus


@pytest.fixture(scope="module")
def reports_2016_2017():
    return (
        zhspeech.load(CORPUS / "2016政府工作报告_李克强.txt"),
        zhspeech.load(CORPUS / "2017政府工作报告_李克强.txt"),
    )


@pytest.mark.corpus
def test_two_consecutive_reports(reports_2016_2017):
    a, b = reports_2016_2017
    alignment = textstat_section_alignment(a, b)
    # 一 工作回顾 and 三 重点工作 agree by heading; 二 ("十三五" targets / 2017 overall plan) pairs by number
    assert alignment["how"].tolist() == ["number", "number+heading", "number", "number+heading"]
    assert alignment["heading_b"].tolist()[1:] == ["2016年工作回顾", "2017年工作总体部署", "2017年重点工作任务"]
    diff = textstat_edition_diff(a, b)
    attrs = diff.attrs
    counts = {op: attrs[op] for op in ("equal", "changed", "added", "removed")}
    assert attrs["equal"] + attrs["changed"] + attrs["removed"] == attrs["sentences_a"]
    assert attrs["equal"] + attrs["changed"] + attrs["added"] == attrs["sentences_b"]
    # a yearly report is rewritten: few sentences unchanged, a hundred or so reworded, most replaced
    # (measured: equal 12, changed 106, added 440, removed 487)
    assert 0.005 < attrs["unchanged_share"] < 0.1, counts
    assert 50 <= attrs["changed"] <= 200 and attrs["added"] > 300 and attrs["removed"] > 300, counts
    changed = diff[diff["op"] == "changed"]
    assert (changed["ratio"] >= 0.5).all() and (changed["ratio"] < 1).all()
    for row in changed.itertuples():
        for text, spans in ((row.text_a, row.removed_spans), (row.text_b, row.added_spans)):
            assert all(0 <= s < e <= len(text) for s, e in spans)
        assert row.removed_spans or row.added_spans
        for word in row.removed_words:
            assert word in row.text_a
        for word in row.added_words:
            assert word in row.text_b
    _balanced(edition_diff_html(diff, a_label="2016", b_label="2017"))


@pytest.mark.corpus
def test_a_report_printed_twice_reads_as_two_identical_editions():
    # the 1991 file holds the planning report twice: its two halves are two editions of one text
    raw = (CORPUS / "1991政府工作报告_李鹏.txt").read_text(encoding="utf-8")
    opening = "关于１９９０年国民经济和社会发展计划执行情况"
    cut = raw.rfind("\n", 0, raw.index(opening, raw.index(opening) + 1))
    a, b = zhspeech.parse(raw[:cut]), zhspeech.parse(raw[cut:])
    alignment = textstat_section_alignment(a, b)
    assert alignment["how"].tolist() == ["number"] + ["number+heading"] * 3
    diff = textstat_edition_diff(a, b)
    assert diff.empty and diff.attrs["unchanged_share"] == 1.0 and diff.attrs["equal"] > 250
