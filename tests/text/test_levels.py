"""Every level of structure: title and headings as text, items, closing paragraphs, contents, back matter,
unnumbered headings and points in plain text. The texts are small and written for each rule; every expectation
is read off the text by hand."""

from __future__ import annotations

import zhspeech
from zhspeech import config
from zhspeech.text.outline import outline_dict, outline_text, textstat_outline

TEXTS = config.PROJ_ROOT / "tests" / "texts"


def _exact(s) -> None:
    """Every unit's offsets point at its text."""
    for frame in (s.paragraphs, s.sentences):
        for row in frame.itertuples():
            assert s.text[row.start : row.end] == row.text
    for h in [*s.sections, *s.subsections, *s.items]:
        assert s.text[h.start : h.end].startswith(h.label) and s.text[h.start : h.end].endswith(h.heading)
    for line in s.front_matter:
        assert s.text[line.start : line.end] == line.text
    for part in s.back_matter:
        assert s.text[part.start : part.end].startswith(part.heading)
    assert s.sentences["sentence"].tolist() == list(range(1, len(s.sentences) + 1))
    assert s.sentences["start"].is_monotonic_increasing


def _numbering(s) -> list[str]:
    return [f.message for f in s.findings if f.kind == "numbering"]


THREE_LEVELS = "\n\n".join(
    [
        "关于今年的工作",
        "一、总体要求",
        "今年工作很重要。",
        "（一）稳定增长",
        "要稳定增长。",
        "1.扩大内需",
        "扩大内需是关键。",
        "2.稳定外需",
        "稳定外需也要紧。",
        "（二）深化改革",
        "1.国企改革",
        "国企改革要深化。",
        "二、保障措施",
        "1、加强领导",
        "领导要加强。",
    ]
)


def test_third_level_headings_are_items_in_tables_outline_and_sentences():
    s = zhspeech.parse(THREE_LEVELS)
    _exact(s)
    assert [h.label for h in s.sections] == ["一、", "二、"]
    assert [h.label for h in s.subsections] == ["（一）", "（二）"]
    assert [(h.label, h.heading, h.level) for h in s.items] == [
        ("1.", "扩大内需", 3),
        ("2.", "稳定外需", 3),
        ("1.", "国企改革", 3),
        ("1、", "加强领导", 3),
    ]
    body = s.paragraphs.set_index("text")
    assert body.loc["稳定外需也要紧。", ["section", "subsection", "item"]].tolist() == [1, 1, 2]
    assert body.loc["国企改革要深化。", ["section", "subsection", "item"]].tolist() == [1, 2, 3]
    assert body.loc["领导要加强。", ["section", "subsection", "item"]].tolist() == [2, 0, 4]
    heads = s.sentences[s.sentences["part"] == "heading"]
    assert heads["text"].tolist() == [
        "一、总体要求",
        "（一）稳定增长",
        "1.扩大内需",
        "2.稳定外需",
        "（二）深化改革",
        "1.国企改革",
        "二、保障措施",
        "1、加强领导",
    ]
    assert heads["item"].tolist() == [0, 0, 1, 2, 0, 3, 0, 4] and set(heads["paragraph"]) == {0}
    assert _numbering(s) == []  # items restart under each subsection and section
    d = outline_dict(s)
    assert [t["heading"] for t in d["sections"][0]["subsections"][0]["items"]] == ["扩大内需", "稳定外需"]
    assert [t["heading"] for t in d["sections"][1]["items"]] == ["加强领导"]
    assert d["counts"]["items"] == 4 and d["counts"]["headings"] == 8
    assert "\n│  │  ├─ 1.扩大内需\n│  │  └─ 2.稳定外需\n│  └─ （二）深化改革\n│     └─ 1.国企改革\n" in outline_text(s)
    assert textstat_outline(s)[["subsections", "items"]].values.tolist() == [[2, 3], [0, 1]]


def test_item_numbering_that_skips_is_still_found():
    s = zhspeech.parse("一、甲\n\n（一）乙\n\n1.子一\n\n正文。\n\n3.子三\n\n正文。")
    assert _numbering(s) == ["item numbering skips: 3. where number 2 was expected"]
    # without a （一） level in between, 1. is the text's second level: subsections
    s = zhspeech.parse("一、甲\n\n1.子一\n\n正文。\n\n2.子二\n\n正文。")
    assert [h.level for h in s.subsections] == [2, 2] and s.items == []


def test_title_subtitle_and_headings_are_rows_of_their_own():
    s = zhspeech.parse(
        "\n\n".join(
            [
                "团结奋斗",
                "为实现目标而努力",
                "——2024年3月5日在大会上",
                "一、回顾",
                "过去一年很好。",
                "二、任务",
                "要做好工作。",
            ]
        )
    )
    _exact(s)
    rows = s.sentences[["part", "paragraph", "section", "text"]].values.tolist()
    assert rows[:2] == [["title", 0, 0, "团结奋斗"], ["title", 0, 0, "为实现目标而努力"]]
    assert rows[2:] == [
        ["heading", 0, 1, "一、回顾"],
        ["body", 1, 1, "过去一年很好。"],
        ["heading", 0, 2, "二、任务"],
        ["body", 2, 2, "要做好工作。"],
    ]
    assert s.paragraphs["paragraph"].tolist() == [1, 2] and set(s.paragraphs["part"]) == {"body"}


def test_run_in_lead_stays_in_its_paragraph():
    s = zhspeech.parse("一、回顾\n\n（一）稳定经济增长。全年增长5%，好于预期。\n\n（二）深化改革。改革取得进展。")
    _exact(s)
    assert [h.heading for h in s.subsections] == ["稳定经济增长。", "深化改革。"]
    assert s.sentences["part"].tolist() == ["heading", "body", "body", "body", "body"]
    assert s.sentences["text"].tolist()[1] == "（一）稳定经济增长。"  # the lead is body text, not a row twice


# ------------------------------------------------------------------------------- closing paragraphs


REVIEW = "\n\n".join(
    [
        "一、过去一年工作回顾",
        "过去一年，经济运行总体平稳。",
        "（一）稳定经济增长。全年国内生产总值增长5%。",
        "财政收入稳步增长。",
        "（二）深化改革开放。重点领域改革取得进展。",
        "对外贸易稳中有进。",
        "一年来的成就来之不易，是全国人民共同奋斗的结果。",
        "我们也清醒地看到，发展中还有不少困难。",
        "二、今年工作任务",
        "（一）扩大内需。要扩大消费。",
        "（二）稳定就业。要稳定就业。",
        "（三）保障民生。要保障民生。",
        "以上各项工作都要抓好落实。",
    ]
)


def test_closing_paragraphs_after_the_last_run_in_subsection_belong_to_the_section():
    s = zhspeech.parse(REVIEW)
    _exact(s)
    sub = dict(zip(s.paragraphs["text"], s.paragraphs["subsection"]))
    assert sub["财政收入稳步增长。"] == 1  # a run-in subsection owns what follows it until the next one
    assert sub["对外贸易稳中有进。"] == 2  # … and so does the last, until a paragraph turns back to the section
    assert sub["一年来的成就来之不易，是全国人民共同奋斗的结果。"] == 0
    assert sub["我们也清醒地看到，发展中还有不少困难。"] == 0
    # in section 二 the subsections are run-in leads of consecutive paragraphs: a list, each owns its paragraph
    assert sub["（三）保障民生。要保障民生。"] == 5
    assert sub["以上各项工作都要抓好落实。"] == 0
    sec = dict(zip(s.paragraphs["text"], s.paragraphs["section"]))
    assert sec["以上各项工作都要抓好落实。"] == 2


def test_an_address_to_the_audience_closes_the_last_subsection_and_a_heading_line_keeps_its_first_paragraph():
    text = "\n\n".join(
        [
            "一、任务",
            "（一）加强国防",
            "过去一年，国防建设取得新成效。",
            "要加强国防。",
            "各位代表！",
            "我们要团结奋斗。",
        ]
    )
    s = zhspeech.parse(text)
    sub = dict(zip(s.paragraphs["text"], s.paragraphs["subsection"]))
    assert sub["过去一年，国防建设取得新成效。"] == 1  # the first paragraph under a heading line is always its own
    assert sub["要加强国防。"] == 1
    assert sub["各位代表！"] == 0 and sub["我们要团结奋斗。"] == 0


def test_a_list_nested_inside_a_subsection_is_items_not_new_sections():
    text = "\n\n".join(
        [
            "一、总任务",
            "正文。",
            "二、若干问题",
            "（一）关于建设问题",
            "其所以可能，有以下几个原因：",
            "一、我国人民已经推翻了帝国主义的统治，提供了一个重要积累来源。这是第一。",
            "二、我国人民推翻了封建主义，农民不再交纳地租。这是第二。",
            "所有这些都证明：我国并不是没有建设资金。",
            "（二）关于生产问题",
            "正文。",
            "三、为完成计划而奋斗",
            "正文。",
        ]
    )
    s = zhspeech.parse(text)
    _exact(s)
    assert [h.number for h in s.sections] == [1, 2, 3]
    assert [h.number for h in s.items] == [1, 2] and {h.level for h in s.items} == {3}
    assert _numbering(s) == []
    row = s.paragraphs.set_index("text").loc["所有这些都证明：我国并不是没有建设资金。"]
    assert (row["subsection"], row["item"]) == (1, 0)  # after a list of consecutive run-in items: the subsection's


def test_a_numbered_list_in_the_opening_does_not_outrank_the_sections():
    text = "\n\n".join(
        [
            "报告",
            "1.今年经济增长百分之五，好于预期。就业稳定。",
            "2.物价总体平稳，居民收入增长。社会大局稳定。",
            "一、回顾",
            "正文。",
            "二、任务",
            "正文。",
        ]
    )
    s = zhspeech.parse(text)
    assert [h.label for h in s.sections] == ["一、", "二、"]
    assert [(h.label, h.level) for h in s.subsections] == [("1.", 2), ("2.", 2)]  # the opening's list, section 0
    assert set(s.paragraphs["section"].iloc[:2]) == {0}


def test_sections_numbered_in_brackets_are_sections():
    s = zhspeech.parse("报告\n\n（一）过去的工作\n\n正文。\n\n（二）今后的任务\n\n正文。")
    assert [(h.label, h.level) for h in s.sections] == [("（一）", 1), ("（二）", 1)] and s.subsections == []


def test_ordinal_heading_lines_are_a_level_but_ordinal_sentences_are_body():
    text = "\n\n".join(
        [
            "一、建议",
            "正文。",
            "第一，稳定农业",
            "农业要稳定。",
            "第二，改革国企",
            "国企要改革。",
            "第三，要加强领导。还要有措施。",
        ]
    )
    s = zhspeech.parse(text)
    assert [(h.label, h.heading) for h in s.subsections] == [("第一，", "稳定农业"), ("第二，", "改革国企")]


# ------------------------------------------------------------------------------- contents and back matter


TOC = "\n\n".join(
    [
        "关于第一个五年计划的报告",
        "目录",
        "一、总任务",
        "二、计划概要",
        "（一）工业问题",
        "三、为完成计划而奋斗",
        "各位代表：",
        "我现在作说明。",
        "一、总任务",
        "总任务是工业化。",
        "二、计划概要",
        "计划概要如下。",
        "（一）工业问题",
        "工业要发展。",
        "三、为完成计划而奋斗",
        "我们要奋斗。",
    ]
)


def test_table_of_contents_is_front_matter_never_sections():
    s = zhspeech.parse(TOC)
    _exact(s)
    toc = [line.text for line in s.front_matter if line.kind == "toc"]
    assert toc == ["目录", "一、总任务", "二、计划概要", "（一）工业问题", "三、为完成计划而奋斗"]
    assert [h.heading for h in s.sections] == ["总任务", "计划概要", "为完成计划而奋斗"]
    toc_end = max(line.end for line in s.front_matter if line.kind == "toc")
    assert all(h.start > toc_end for h in [*s.sections, *s.subsections])
    assert _numbering(s) == []
    assert not s.sentences["text"].isin(["目录"]).any()


def test_a_contents_line_without_repeated_entries_is_left_alone():
    s = zhspeech.parse("标题\n\n目录\n\n一、甲\n\n正文。\n\n二、乙\n\n正文。")
    assert [h.heading for h in s.sections] == ["甲", "乙"]
    assert not any(line.kind == "toc" for line in s.front_matter)


BACK = "\n\n".join(
    [
        "政府工作报告",
        "一、回顾",
        "经济增长，“放管服”改革深入推进。",
        "二、任务",
        "要坚持稳中求进",
        "附件：名词解释",
        "一、放管服：简政放权、放管结合、优化服务的简称。",
        "二、双创：大众创业、万众创新的简称。",
        "三、六稳：稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期。",
    ]
)


def test_appendix_and_glossary_are_back_matter_outside_the_sections():
    s = zhspeech.parse(BACK)
    _exact(s)
    assert [h.heading for h in s.sections] == ["回顾", "任务"]  # the glossary's own 一、二、三 are no sections
    assert [(b.kind, b.heading) for b in s.back_matter] == [("appendix", "附件：名词解释")]
    back = s.paragraphs[s.paragraphs["part"] == "back"]
    assert len(back) == 4 and set(back["section"]) == {0} and set(back["subsection"]) == {0}
    assert back["text"].iloc[0] == "附件：名词解释"
    assert s.back_matter[0].end == back["end"].iloc[-1]
    assert set(s.sentences.loc[s.sentences["paragraph"].isin(back["paragraph"]), "part"]) == {"back"}
    # the body's last paragraph has no closing punctuation, but it is not joined to the appendix
    assert "要坚持稳中求进" in s.paragraphs["text"].tolist() and s.repairs == []
    assert _numbering(s) == []
    d = outline_dict(s)
    assert d["counts"]["sections"] == 2 and d["counts"]["back_matter"] == 1
    assert d["back_matter"][0]["paragraphs"] == 4
    assert d["counts"]["paragraphs"] == 2 == d["preamble"]["paragraphs"] + sum(x["paragraphs"] for x in d["sections"])
    assert "(back matter, appendix) 附件：名词解释" in outline_text(s)


def test_a_glossary_line_alone_opens_a_glossary():
    s = zhspeech.parse(
        "\n\n".join(["报告", "一、任务", "正文。", "名词解释", "1.放管服：简政放权的简称。", "附录二 统计表", "表格。"])
    )
    assert [(b.kind, b.heading) for b in s.back_matter] == [("glossary", "名词解释"), ("appendix", "附录二 统计表")]
    assert s.items == [] and len(s.sections) == 1


# ------------------------------------------------------------------------------- unnumbered headings

UNNUMBERED = "\n\n".join(
    [
        "政府工作报告",
        "各位代表：",
        "现在，我代表国务院，向大会报告政府工作。",
        "2024年工作回顾",
        "过去一年，我们顶住压力，经济回升向好。",
        "就业物价总体稳定。",
        "2025年经济社会发展总体要求和政策取向",
        "今年是“十四五”规划收官之年。",
        "2025年政府工作任务",
        "今年要抓好以下重点工作。",
        "各位代表！让我们团结奋斗！",
    ]
)


def test_unnumbered_heading_lines_are_sections_when_the_text_numbers_none():
    s = zhspeech.parse(UNNUMBERED)
    _exact(s)
    assert [(h.label, h.number, h.heading) for h in s.sections] == [
        ("", 1, "2024年工作回顾"),
        ("", 2, "2025年经济社会发展总体要求和政策取向"),
        ("", 3, "2025年政府工作任务"),
    ]
    assert s.sentences[s.sentences["part"] == "heading"]["text"].tolist() == [h.heading for h in s.sections]
    assert s.paragraphs.set_index("text").loc["就业物价总体稳定。", "section"] == 1
    assert s.repairs == []  # a heading line without punctuation is not a page break
    assert _numbering(s) == []


def test_an_unnumbered_heading_right_after_the_front_matter_counts():
    text = "\n\n".join(
        ["政府工作报告", "2024年工作回顾", "过去一年，经济回升向好。", "2025年政府工作任务", "今年要抓好重点工作。"]
    )
    s = zhspeech.parse(text)
    assert [h.heading for h in s.sections] == ["2024年工作回顾", "2025年政府工作任务"] and s.repairs == []


def test_numbered_headings_nest_under_unnumbered_ones_that_come_first():
    text = "\n\n".join(
        [
            "报告",
            "我代表国务院作报告。",
            "关于国内建设",
            "国内建设取得成就。",
            "一、改革城市经济体制",
            "正文。",
            "二、改革流通体制",
            "正文。",
            "关于外交工作",
            "一年来外交活跃。",
            "一、维护世界和平是我国对外政策的主要目标，我们要坚持不懈。正文。",
            "二、我们坚持和平共处五项原则。正文。",
        ]
    )
    s = zhspeech.parse(text)
    assert [h.heading for h in s.sections] == ["关于国内建设", "关于外交工作"]
    assert [h.label for h in s.subsections] == ["一、", "二、", "一、", "二、"]
    assert _numbering(s) == []


def test_one_short_line_or_lines_after_numbered_headings_are_not_sections():
    one = zhspeech.parse("报告\n\n开头一段。\n\n经济回升向好\n\n过去一年，经济回升向好。")
    assert one.sections == []
    after = zhspeech.parse("一、回顾\n\n正文。\n\n经济回升向好\n\n正文很长很长。\n\n改革深入推进\n\n正文也很长。")
    assert [h.label for h in after.sections] == ["一、"]


def test_a_text_without_headings_still_has_none():
    s = zhspeech.load(TEXTS / "traditional_no_headings.txt")
    assert s.sections == [] and s.subsections == [] and s.items == [] and s.back_matter == []
    assert set(s.sentences["part"]) == {"title", "body"}


# ------------------------------------------------------------------------------- points in plain text

LEADS = "\n\n".join(
    [
        "一、任务",
        "今年要做好以下工作。",
        "实施更加积极的就业政策。中央财政安排就业专项资金，新增城镇就业一千多万人，城镇登记失业率保持在较低水平。",
        "加快完善社会保障体系，提高保障水平。普遍建立养老保险省级统筹制度，出台农民工参加养老保险的办法，"
        "新型农村社会养老保险试点覆盖全国百分之十的县。",
        "进一步促进教育公平。大幅度增加全国教育支出，免除农村学生学杂费，资助困难学生，农村学生普遍受益。",
        "2023年11月8日，大会在乌镇开幕。来自世界各国的代表出席了会议，围绕网络空间的发展与治理发言讨论。",
        "二、措施",
        "加强领导。要切实加强组织领导，层层落实责任制度，把各项任务分解到部门、落实到人。",
        "强化督查。要加强督促检查，及时发现和解决问题，确保各项任务落到实处、见到实效。",
    ]
)


def test_points_in_plain_text_are_runs_of_paragraphs_opening_with_a_lead():
    s = zhspeech.parse(LEADS)
    _exact(s)
    assert [(p.section, p.lead) for p in s.points] == [
        (1, "实施更加积极的就业政策。"),
        (1, "加快完善社会保障体系，提高保障水平。"),
        (1, "进一步促进教育公平。"),
    ]  # 2023年11月8日，… opens with a circumstance; a run of two (section 二) is not enough
    for p in s.points:
        assert s.text[p.start : p.end] == p.lead
        assert s.paragraphs.set_index("paragraph").loc[p.paragraph, "point"] == p.point


def test_bold_leads_when_there_are_any_are_the_only_points():
    text = "\n\n".join(
        [
            "一、任务",
            "**加强领导。**要加强领导，落实责任。",
            "实施就业政策。中央财政安排资金。",
            "促进教育公平。增加教育支出。",
            "完善社保体系。提高保障水平。",
        ]
    )
    s = zhspeech.parse(text)
    assert [p.lead for p in s.points] == ["加强领导。"]
