"""The structure model: exact on our speech and its re-encoded/plain variants, sensible on other texts."""

from __future__ import annotations

import re

import pytest

import zhspeech
from zhspeech import config
from zhspeech.text.blocks import cn_to_int
from zhspeech.text.sentences import han_count, split_sentences

RAW = config.SPEECH_PATH.read_text(encoding="utf-8")
TEXTS = config.PROJ_ROOT / "tests" / "texts"
HEADINGS = ("回答时代课题", "打造一流国际组织", "奋力展现新作为")


def _variants(tmp_path):
    plain = re.sub(r"^#+\s*", "", RAW, flags=re.M).replace("**", "")
    out = {
        "utf-8 markdown": (RAW.encode("utf-8"), True),
        "gb18030": (RAW.encode("gb18030"), True),
        "utf-16": (RAW.encode("utf-16"), True),
        "bom + crlf": (b"\xef\xbb\xbf" + RAW.replace("\n", "\r\n").encode("utf-8"), True),
        "plain text": (plain.encode("utf-8"), False),
        "plain gb18030 crlf": (plain.replace("\n", "\r\n").encode("gb18030"), False),
    }
    paths = {}
    for name, (data, markup) in out.items():
        path = tmp_path / (name.replace(" ", "_").replace("+", "") + ".txt")
        path.write_bytes(data)
        paths[name] = (path, markup)
    return paths


def test_our_speech_counts_hold_in_every_form(tmp_path, speech):
    for name, (path, markup) in _variants(tmp_path).items():
        s = zhspeech.load(path)
        assert s.title == "凝聚共识 开拓创新 推动构建网络空间命运共同体迈向新阶段", name
        assert (s.byline.author, s.byline.role) == ("任贤良", "世界互联网大会秘书长"), name
        assert [h.number for h in s.sections] == [1, 2, 3], name
        assert [h.heading[: len(k)] for h, k in zip(s.sections, HEADINGS)] == list(HEADINGS), name
        assert len(s.paragraphs) == 20, name
        assert len(s.repairs) == 4, name
        # bold leads in markdown; in plain text the same 13 leads are found as runs of paragraphs opening with a lead
        assert [(p.lead, p.start, p.section) for p in s.points] == [
            (p.lead, p.start, p.section) for p in speech.points
        ], name
        assert s.has_markup == markup, name
        assert s.text == speech.text, name  # markup and encoding do not move a single offset
        assert s.sentences["text"].tolist() == speech.sentences["text"].tolist(), name


def test_points_are_the_bold_leads_kept_with_their_body(speech):
    assert len(speech.points) == 13
    assert [sum(p.section == n for p in speech.points) for n in (1, 2, 3)] == [3, 5, 5]
    assert speech.points[0].lead == "倡导发展优先，构建更加普惠繁荣的网络空间。"
    for p in speech.points:
        para = speech.paragraphs.set_index("paragraph").loc[p.paragraph]
        assert speech.text[p.start : p.end] == p.lead
        assert para["start"] == p.start and len(para["text"]) > len(p.lead)  # lead opens a paragraph with a body
        assert para["point"] == p.point


def test_every_unit_offset_points_at_its_text(speech):
    for frame in (speech.paragraphs, speech.sentences):
        for row in frame.itertuples():
            assert speech.text[row.start : row.end] == row.text
    for h in speech.sections:
        assert speech.text[h.start : h.end] == h.label + h.heading
    assert speech.paragraphs["chars"].tolist() == speech.paragraphs["text"].str.len().tolist()
    body = speech.sentences[speech.sentences["part"] == "body"]
    assert speech.paragraphs["han"].sum() == body["han"].sum() == han_count("".join(speech.paragraphs["text"]))


def test_title_and_headings_are_sentences_in_text_order(speech):
    s = speech.sentences
    assert s["sentence"].tolist() == list(range(1, len(s) + 1))
    assert s["start"].is_monotonic_increasing
    assert s["part"].value_counts().to_dict() == {"title": 1, "heading": 3, "body": len(s) - 4}
    title = s.iloc[0]
    assert (title["part"], title["paragraph"], title["section"]) == ("title", 0, 0)
    assert title["text"] == speech.title
    heads = s[s["part"] == "heading"]
    assert heads["text"].tolist() == [h.label + h.heading for h in speech.sections]
    assert heads["section"].tolist() == [1, 2, 3] and set(heads["paragraph"]) == {0}
    # the body is what it was: 72 sentences (the raw file has 72 。！？, none inside a quotation that goes on;
    # its lines without one are the title, byline, headings and the four page breaks)
    assert len(s[s["part"] == "body"]) == speech.paragraphs["sentences"].sum() == 72
    assert set(speech.paragraphs["part"]) == {"body"}


def test_sentences_partition_each_paragraph(speech):
    assert not (speech.sentences["paragraph"] == 0).any() or set(
        speech.sentences.loc[speech.sentences["paragraph"] == 0, "part"]
    ) <= {"title", "heading"}
    for para in speech.paragraphs.itertuples():
        sents = speech.sentences[speech.sentences["paragraph"] == para.paragraph]
        assert len(sents) == para.sentences
        assert "".join(sents["text"]) == para.text.replace(" ", "")
        assert sents["start"].iloc[0] == para.start and sents["end"].iloc[-1] == para.end


def test_page_break_repairs_are_reported_with_offsets(speech):
    joins = [(r.before[-1] + r.after[0], r.offset) for r in speech.repairs]
    assert [j for j, _ in joins] == ["中国", "际组", "时代", "合组"]
    for r in speech.repairs:
        assert r.kind == "page_break"
        assert speech.text[r.offset - len(r.before) : r.offset + len(r.after)] == r.before + r.after
    assert "中国方案" in speech.paragraphs.loc[2, "text"]


def test_source_quality_findings(speech):
    kinds = {f.kind for f in speech.findings}
    assert {"heading_levels", "page_break", "doubled_character"} <= kinds
    doubled = [f for f in speech.findings if f.kind == "doubled_character"]
    assert len(doubled) == 1 and "社会化化解" in doubled[0].text
    assert speech.text[doubled[0].offset : doubled[0].offset + 2] == "化化"
    levels = [f for f in speech.findings if f.kind == "heading_levels"]
    assert len(levels) == 1 and levels[0].text == "二、"
    assert not any(f.kind == "unbalanced_quotes" for f in speech.findings)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("他说：“我们要合作。共同发展。”然后呢。", ["他说：“我们要合作。共同发展。”", "然后呢。"]),
        ("强调：“要合作。”世界已进入数字时代。", ["强调：“要合作。”", "世界已进入数字时代。"]),
        ("真的吗？！是的……好。", ["真的吗？！", "是的……", "好。"]),
        ("（注：见上。）下一句。", ["（注：见上。）", "下一句。"]),
        ("未闭合的“引号。继续。", ["未闭合的“引号。", "继续。"]),
        ("「科技應該服務於人。」我們要堅持", ["「科技應該服務於人。」", "我們要堅持"]),
        ("决不让网络成为“战场”。因此，要", ["决不让网络成为“战场”。", "因此，要"]),
    ],
)
def test_sentence_splitting(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("一", 1),
        ("十", 10),
        ("十三", 13),
        ("二十", 20),
        ("二十一", 21),
        ("两", 2),
        ("百", None),
        ("一二", None),
        ("", None),
    ],
)
def test_chinese_numerals(numeral, value):
    assert cn_to_int(numeral) == value


def test_other_numbering_styles_byline_role_first_and_date_line():
    s = zhspeech.load(TEXTS / "provincial_report.txt")
    assert s.title == "政府工作报告"
    assert (s.byline.author, s.byline.role) == ("刘捷", "浙江省省长")
    assert s.date_text == "（2024年1月23日在浙江省第十四届人民代表大会第二次会议上）"
    assert (s.date, s.year, s.year_source) == ("2024-01-23", 2024, "date line")
    assert [h.number for h in s.sections] == [1, 3]
    assert [(h.label, h.number) for h in s.subsections] == [("（一）", 1), ("（二）", 2), ("（一）", 1)]
    assert any("skips" in w and "三、" in w for w in s.warnings)
    assert not any("（一）" in w for w in s.warnings)  # subsections restart in each section
    assert len(s.repairs) == 1 and s.repairs[0].before.endswith("行动，")
    # the salutation is front matter, not the first paragraph
    assert s.salutation == "各位代表" and [line.kind for line in s.front_matter][-1] == "salutation"
    assert s.paragraphs.set_index("paragraph").loc[1, "text"].startswith("现在，我代表省人民政府")
    assert not any(f.kind == "doubled_character" for f in s.findings)  # 浙江省省长 is not a typo


def test_traditional_text_without_headings():
    s = zhspeech.load(TEXTS / "traditional_no_headings.txt")
    assert s.title == "攜手共建數字未來"
    assert (s.byline.author, s.byline.role) == ("陳志明", "數位發展部部長")
    assert s.sections == [] and s.points == []
    assert set(s.paragraphs["section"]) == {0}
    assert "正如大家所說：「科技應該服務於人。」" in s.sentences["text"].tolist()
    assert s.warnings == []


def test_no_title_no_byline_single_paragraph():
    s = zhspeech.parse("我们要坚持开放合作，推动构建网络空间命运共同体。")
    assert s.title is None and s.byline.author is None
    assert len(s.paragraphs) == 1 and len(s.sentences) == 1


def test_headings_are_never_joined_and_skipped_numbering_is_a_warning():
    s = zhspeech.parse("一、第一部分\n\n正文没有结束\n\n三、第三部分\n\n正文。\n\n二、又回来\n\n结束。")
    assert [h.number for h in s.sections] == [1, 3, 2]
    assert len(s.paragraphs) == 3 and s.repairs == []
    assert any("skips" in w for w in s.warnings) and any("restarts" in w for w in s.warnings)


def test_unbalanced_quotes_are_found():
    s = zhspeech.parse("他说：“我们要合作。\n\n这是《报告》。")
    assert [f.kind for f in s.findings] == ["unbalanced_quotes"]


def test_role_name_without_space_and_markdown_title():
    s = zhspeech.parse("# 在数字经济论坛上的讲话\n\n国家数据局局长刘烈宏\n\n2024年5月24日\n\n各位嘉宾：\n\n大家好。")
    assert s.title == "在数字经济论坛上的讲话"
    assert (s.byline.author, s.byline.role) == ("刘烈宏", "国家数据局局长")
    assert (s.date_text, s.date, s.year) == ("2024年5月24日", "2024-05-24", 2024)
    assert s.salutation == "各位嘉宾" and s.paragraphs["text"].tolist() == ["大家好。"]


def test_numbered_lead_heading_offsets_skip_the_space_after_the_label():
    s = zhspeech.parse("标题\n\n（一） 经济运行持续向好。全省生产总值增长6%。\n\n（二）创新能力增强")
    lead, short = s.sections  # （一） is the text's top level: its sections
    assert (lead.label, lead.heading) == ("（一）", "经济运行持续向好。")
    assert s.text[lead.start : lead.end] == "（一） 经济运行持续向好。"
    assert s.text[short.start : short.end] == "（二）创新能力增强"
