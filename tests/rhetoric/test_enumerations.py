"""Enumerations in all their common forms: 第一…第二, 第一是, 第一个阶段…第二个阶段, 首先…其次…最后 (and 再來, 最後),
——-item lists, 1. 2. and （1）（2） lists inside paragraphs, runs of clauses opening with one word (明确…，明确…,
明确…) with their frame. Each form on a small text written for it (expectations checked by hand), and the
enumerations of a hand-checked sample of the corpus.

The corpus sample (tests/rhetoric/data/enumerations_sample.tsv) holds 76 enumerations of the 49 government work
reports (1954–2017), files sorted by name: every 9th of all 388 enumerations, and every 5th (from the 3rd) of the
195 in the new styles (——, 第一个, 1., 同词), without repeats. Each was read in its context and judged ``real``
(1) when its items are the items the text enumerates with those markers (or that parallel run of clauses), 0
otherwise; all 76 were real. The test checks that the finder still gives them (at least 90 %) and that the sample's
precision, over those still given, is at least 0.95.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _rhetoric_corpus import corpus_rhetoric

import zhspeech
from zhspeech import config
from zhspeech.rhetoric import enumerations
from zhspeech.rhetoric._enumerations import COLUMNS, ITEM_COLUMNS

SAMPLE = config.PROJ_ROOT / "tests" / "rhetoric" / "data" / "enumerations_sample.tsv"


def _items(text: str) -> list[tuple[str, str, str]]:
    """(style, marker, text) of every item of ``text``."""
    e = enumerations(zhspeech.parse(text), items=True)
    return list(zip(e["style"], e["marker"], e["text"]))


# ---------------------------------------------------------------- ordinals


def test_first_second_and_first_is():
    assert _items("第一，坚持开放合作。第二，坚持创新驱动。") == [
        ("第一", "第一", "坚持开放合作"),
        ("第一", "第二", "坚持创新驱动"),
    ]
    assert _items("我们的任务有两项：第一是加强监管；第二是完善制度。") == [
        ("第一", "第一是", "加强监管"),
        ("第一", "第二是", "完善制度"),
    ]


def test_first_stage_second_stage():
    text = (
        "第一个阶段，从二〇二〇年到二〇三五年，基本实现现代化；第二个阶段，从二〇三五年到本世纪中叶，建成现代化强国。"
    )
    assert _items(text) == [
        ("第一个", "第一个阶段", "从二〇二〇年到二〇三五年，基本实现现代化"),
        ("第一个", "第二个阶段", "从二〇三五年到本世纪中叶，建成现代化强国"),
    ]
    steps = _items("第一步，解决温饱问题；第二步，达到小康水平；第三步，基本实现现代化。")
    assert [m for _, m, _ in steps] == ["第一步", "第二步", "第三步"]


def test_ordinals_that_count_different_things_are_no_enumeration():
    assert _items("第一步，解决温饱问题；第二个阶段，达到小康水平。") == []
    assert _items("第一、第二产业增长较快，第三产业比重上升。") == []  # markers with no item between them


# ---------------------------------------------------------------- 首先…最后


def test_first_then_finally():
    text = "首先，要转变观念；其次，要完善制度；再次，要加强监督；最后，要严格执法。"
    assert _items(text) == [
        ("首先", "首先", "要转变观念"),
        ("首先", "其次", "要完善制度"),
        ("首先", "再次", "要加强监督"),
        ("首先", "最后", "要严格执法"),
    ]


def test_first_then_finally_in_traditional_text():
    assert _items("首先，要加強合作；再來，要促進發展；最後，要維護安全。") == [
        ("首先", "首先", "要加強合作"),
        ("首先", "再來", "要促進發展"),
        ("首先", "最後", "要維護安全"),
    ]


# ---------------------------------------------------------------- ——-items


def test_dash_paragraphs():
    text = (
        "过去一年，主要成绩是：\n\n——经济运行稳中向好。国内生产总值增长5%。\n\n——就业增长超出预期。城镇新增就业1200万人。"
        "\n\n——改革开放深入推进。\n\n各位代表！"
    )
    e = enumerations(zhspeech.parse(text))
    assert e["style"].tolist() == ["——"]
    assert e.iloc[0]["items"] == [
        "经济运行稳中向好。国内生产总值增长5%",
        "就业增长超出预期。城镇新增就业1200万人",
        "改革开放深入推进",
    ]
    assert e.iloc[0]["last_sentence"] > e.iloc[0]["sentence"]


def test_dash_clauses_but_not_dashes_in_a_sentence():
    assert _items("今年的重点是：——加强监管；——推进改革；——完善制度。") == [
        ("——", "——", "加强监管"),
        ("——", "——", "推进改革"),
        ("——", "——", "完善制度"),
    ]
    assert _items("这就是我们的道路——中国特色社会主义道路——我们要坚持走下去。") == []


# ---------------------------------------------------------------- 1. 2. and （1）（2）


def test_numbered_lists_inside_paragraphs():
    assert _items("主要措施如下：1.加强监管；2.完善制度；3.严格执法。") == [
        ("1.", "1.", "加强监管"),
        ("1.", "2.", "完善制度"),
        ("1.", "3.", "严格执法"),
    ]
    assert _items("主要措施包括：（1）加强监管；（2）完善制度。") == [
        ("（1）", "（1）", "加强监管"),
        ("（1）", "（2）", "完善制度"),
    ]
    assert _items("投资增长1.5个百分点，2.3万亿元资金到位。") == []  # decimals


def test_labels_of_numbered_headings_are_structure():
    # 1.着力扩大有效需求。 and 2、着力建设现代化产业体系。 open third-level headings (speech.items), not list items
    speech = zhspeech.load(config.PROJ_ROOT / "tests" / "texts" / "provincial_report.txt")
    assert [h.label for h in speech.items] == ["1.", "2、"]
    assert "1." not in set(enumerations(speech)["style"])


# ---------------------------------------------------------------- runs of clauses opening with one word


def test_clauses_opening_with_one_word():
    # 明确责任 is one token: the clause opens with 明确 all the same
    e = enumerations(zhspeech.parse("明确目标任务，明确责任分工，明确时间节点，确保工作落实。"))
    assert e[["style", "frame"]].values.tolist() == [["同词", "明确X"]]
    assert e.iloc[0]["items"] == ["目标任务", "责任分工", "时间节点"]
    text = "我们要坚持以人民为中心，坚持新发展理念，坚持深化改革开放，坚持系统观念。"
    items = enumerations(zhspeech.parse(text), items=True)
    assert items["marker"].tolist() == ["坚持"] * 4
    assert items["text"].tolist() == ["以人民为中心", "新发展理念", "深化改革开放", "系统观念"]


def test_the_shared_opening_and_the_last_filler():
    # the frame takes every word the clauses share (坚定不移 + 地); the last filler stops where the phrase goes on
    e = enumerations(zhspeech.parse("坚定不移地走和平发展道路，坚定不移地奉行开放战略，坚定不移地维护世界和平。"))
    assert e.iloc[0]["frame"] == "坚定不移地X"
    e = enumerations(zhspeech.parse("培养有理想、有道德、有文化、有纪律的社会主义新人。"))
    assert e.iloc[0]["items"] == ["理想", "道德", "文化", "纪律"]


def test_no_run_of_pronouns_pairs_or_shared_characters():
    assert _items("我们加强监管，我们完善制度，我们严格执法。") == []  # a pronoun
    assert _items("加强监管，加强执法，完善制度。") == []  # two clauses only
    assert _items("发展经济，发挥优势，发扬传统。") == []  # 发 is inside the words 发展, 发挥, 发扬


# ---------------------------------------------------------------- the table


def test_table_columns_and_spans():
    speech = zhspeech.parse("首先，要转变观念；其次，要完善制度。明确目标，明确责任，明确时限。")
    e = enumerations(speech)
    assert e.columns.tolist() == COLUMNS and COLUMNS[:9] == [
        "enumeration",
        "style",
        "n_items",
        "items",
        "sentence",
        "last_sentence",
        "paragraph",
        "start",
        "end",
    ]
    assert e["style"].tolist() == ["首先", "同词"] and e["frame"].tolist() == [None, "明确X"]
    items = enumerations(speech, items=True)
    assert items.columns.tolist() == ITEM_COLUMNS
    for row in items.itertuples():
        assert speech.text[row.start : row.end] == row.text


# ---------------------------------------------------------------- the corpus sample


def _corpus_enumerations(name: str) -> frozenset[tuple[str, str]]:
    return corpus_rhetoric(name)[1]


@pytest.mark.corpus
def test_enumerations_of_the_annotated_corpus_sample():
    sample = pd.read_csv(SAMPLE, sep="\t", dtype={"real": int}, keep_default_na=False)
    assert len(sample) >= 40 and sample["file"].str[:3].nunique() >= 5
    found = [(row.style, row.first_item) in _corpus_enumerations(row.file) for row in sample.itertuples()]
    given = sample[found]
    print(f"enumerations: {len(given)} of {len(sample)} sampled still found; precision {given['real'].mean():.3f}")
    assert given["real"].sum() >= 0.9 * sample["real"].sum()
    assert given["real"].mean() >= 0.95
