"""Front matter, one form at a time, on small made-up texts: titles (one line or two), subtitles, date lines in every
way they are written, bylines, salutations, web-page chrome, and the document's year. Every expectation is written
by hand from the text of the test."""

from __future__ import annotations

import pytest

import zhspeech
from zhspeech.errors import OptionError
from zhspeech.text import Byline
from zhspeech.text.blocks import classify_numbered, read_blocks
from zhspeech.text.frontmatter import (
    date_of,
    is_chrome,
    read_dateline,
    read_front_matter,
    salutation_line,
    split_byline,
    year_in_name,
)

BODY = "现在，我代表政府向大会报告工作，请予审议。\n\n一、过去一年的工作\n\n过去一年，经济运行稳中向好。"


def _kinds(speech: zhspeech.Speech) -> list[tuple[str, str]]:
    return [(line.kind, line.text) for line in speech.front_matter]


def _no_front_line_in_body(speech: zhspeech.Speech) -> None:
    """No front-matter line is (in) a paragraph or a body sentence, and each one's span holds its text."""
    body = " ".join(speech.paragraphs["text"])
    for line in speech.front_matter:
        assert speech.text[line.start : line.end] == line.text
        if len(line.text) >= 6:  # a short line (报告) may well occur in a sentence
            assert line.text not in body, line
        assert line.text not in speech.paragraphs["text"].tolist(), line


# ---------------------------------------------------------------- title and subtitle


def test_title_subtitle_date_byline_salutation():
    s = zhspeech.parse(
        "2010年政府工作报告\n关于国民经济计划的报告\n——2010年3月5日在第十一届全国人民代表大会第三次会议上\n"
        "国务院总理　温家宝\n各位代表：\n" + BODY
    )
    assert (s.title, s.subtitle) == ("2010年政府工作报告", "关于国民经济计划的报告")
    assert (s.byline.author, s.byline.role) == ("温家宝", "国务院总理")
    assert (s.date, s.year, s.year_source) == ("2010-03-05", 2010, "date line")
    assert s.date_text == "——2010年3月5日在第十一届全国人民代表大会第三次会议上"
    assert s.salutation == "各位代表"
    assert [k for k, _ in _kinds(s)] == ["title", "subtitle", "date", "byline", "salutation"]
    assert s.paragraphs["text"].iloc[0].startswith("现在，我代表政府")
    _no_front_line_in_body(s)


@pytest.mark.parametrize(
    "first, second, title",
    [
        ("关于一九五八年度国民经济计划草案的", "报告", "关于一九五八年度国民经济计划草案的报告"),
        ("关于发展国民经济的第一个五年计划", "执行情况的报告", "关于发展国民经济的第一个五年计划执行情况的报告"),
        ("坚持改革开放和", "推动高质量发展", "坚持改革开放和推动高质量发展"),
    ],
)
def test_a_title_broken_over_two_lines_is_one_title(first, second, title):
    s = zhspeech.parse(f"{first}\n{second}\n一九五八年二月三日\n各位代表：\n{BODY}")
    assert s.title == title and s.subtitle is None
    assert [k for k, _ in _kinds(s)] == ["title", "title", "date", "salutation"]
    _no_front_line_in_body(s)


def test_a_short_line_after_the_title_with_nothing_after_it_is_body_not_a_subtitle():
    s = zhspeech.parse("政府工作报告\n\n过去一年的回顾\n\n我们取得了新的成绩。\n\n今后要继续努力。")
    assert s.title == "政府工作报告" and s.subtitle is None
    assert _kinds(s) == [("title", "政府工作报告")]
    assert s.paragraphs["text"].str.startswith("过去一年的回顾").any()


def test_page_break_repair_never_joins_front_matter_lines():
    # none of these lines ends with punctuation: as body lines they would be rejoined as a page break
    s = zhspeech.parse("推动高质量发展\n为建设美丽家园而奋斗\n李　强\n2024年1月23日\n" + BODY)
    assert (s.title, s.subtitle, s.byline.author, s.date) == (
        "推动高质量发展",
        "为建设美丽家园而奋斗",
        "李强",
        "2024-01-23",
    )
    assert s.repairs == [] and len(s.front_matter) == 4
    _no_front_line_in_body(s)


# ---------------------------------------------------------------- date lines


@pytest.mark.parametrize(
    "line, iso",
    [
        ("——1954年5月23日在中华人民共和国第一届全国人民代表大会第一次会议上", "1954-05-23"),
        ("－－1984年5月15日在第六届全国人民代表大会第二次会议上", "1984-05-15"),
        ("2024年5月24日", "2024-05-24"),
        ("（2024年1月23日在浙江省第十四届人民代表大会第二次会议上）", "2024-01-23"),
        ("——１９５６年６月１５日在第一届全国人民代表大会第三次会议上", "1956-06-15"),
        ("——1 9 9 8 年3 月5 日在第九届全国人民代表大会第一次会议上", "1998-03-05"),
        ("一九五八年二月三日", "1958-02-03"),
        ("二〇二四年一月二十三日", "2024-01-23"),
        ("二〇二四年十二月", "2024-12"),
        ("——1955年7月5日至6日在第一届全国人民代表大会第二次会议上", "1955-07-05"),
        ("——１９６４年１２月２１日和２２日在第三届全国人民代表大会第一次会议上", "1964-12-21"),
        ("——1981年11月30日和12月1日在第五届全国人民代表大会第四次会议上", "1981-11-30"),
        ("——在全国科技大会上的讲话（2024年6月24日）", "2024-06-24"),
        ("2024年3月5日（星期二） 北京", "2024-03-05"),
    ],
)
def test_date_lines(line, iso):
    found = read_dateline(line)
    assert found is not None and found.iso == iso and found.year == int(iso[:4])
    s = zhspeech.parse(f"政府工作报告\n{line}\n各位代表：\n{BODY}")
    assert (s.date, s.date_text, s.year, s.year_source) == (iso, line, int(iso[:4]), "date line")
    _no_front_line_in_body(s)


@pytest.mark.parametrize(
    "line",
    [
        "2024年政府工作报告",
        "2023年6月以来的工作",
        "过去一年的回顾",
        "我们在2024年1月23日召开会议。",
        "第十四届全国人大",
    ],
)
def test_not_date_lines(line):
    assert read_dateline(line) is None


def test_the_range_stays_visible_in_date_text():
    s = zhspeech.parse("政府工作报告\n——1981年11月30日和12月1日在第五届全国人民代表大会第四次会议上\n" + BODY)
    assert s.date == "1981-11-30" and "30日和12月1日" in s.date_text


def test_an_occasion_line_without_a_date():
    s = zhspeech.parse("政府工作报告\n——在全省经济工作会议上的讲话\n王五\n同志们：\n" + BODY)
    assert s.date_text == "——在全省经济工作会议上的讲话"
    assert (s.date, s.year, s.year_source) == (None, None, None)
    assert (s.byline.author, s.byline.role) == ("王五", None)  # a name alone, next to the date line
    assert s.salutation == "同志们"


def test_date_of():
    assert date_of("一九五八年二月三日") == ("1958-02-03", 1958)
    assert date_of("１９５６年６月") == ("1956-06", 1956)
    assert date_of("发布时间：2024-03-12 16:20") == ("2024-03-12", 2024)
    assert date_of("2024年") == ("2024", 2024)
    assert date_of("1700年3月5日") == (None, None) and date_of("没有日期") == (None, None)


# ---------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    "line, author, role",
    [
        ("任贤良 世界互联网大会秘书长", "任贤良", "世界互联网大会秘书长"),
        ("浙江省省长 刘捷", "刘捷", "浙江省省长"),
        ("国务院总理周恩来", "周恩来", "国务院总理"),
        ("总理赵紫阳", "赵紫阳", "总理"),
        ("国务院总理　李　强", "李强", "国务院总理"),
        ("李　强　国务院总理", "李强", "国务院总理"),
        ("国务院总理李　强", "李强", "国务院总理"),
        ("副总理兼财政部长李先念", "李先念", "副总理兼财政部长"),
        ("国务委员兼国家计划委员会主任邹家华", "邹家华", "国务委员兼国家计划委员会主任"),
        ("新疆维吾尔自治区主席　雪克来提·扎克尔", "雪克来提·扎克尔", "新疆维吾尔自治区主席"),
        ("新疆维吾尔自治区主席雪克来提・扎克尔", "雪克来提·扎克尔", "新疆维吾尔自治区主席"),  # ・ → ·
        ("陳志明　數位發展部部長", "陳志明", "數位發展部部長"),
    ],
)
def test_bylines(line, author, role):
    found = split_byline(line)
    assert found is not None and (found.author, found.role) == (author, role)
    s = zhspeech.parse(f"政府工作报告\n{line}\n2024年1月23日\n{BODY}")
    assert (s.byline.author, s.byline.role) == (author, role)
    assert ("byline", line) in _kinds(s)


@pytest.mark.parametrize(
    "line", ["关于设立副主任委员", "凝聚共识 开拓创新", "国务院关于加强管理的通知", "过去一年的回顾"]
)
def test_not_bylines(line):
    assert split_byline(line) is None


@pytest.mark.parametrize(
    "line, author, role, iso",
    [
        ("——2024年1月23日省长 王浩在浙江省第十四届人民代表大会第二次会议上的讲话", "王浩", "省长", "2024-01-23"),
        (
            "（2023年1月12日在湖南省第十四届人民代表大会第一次会议上湖南省省长毛伟明作政府工作报告）",
            "毛伟明",
            "湖南省省长",
            "2023-01-12",
        ),
    ],
)
def test_byline_inside_the_date_line(line, author, role, iso):
    s = zhspeech.parse(f"政府工作报告\n{line}\n各位代表：\n{BODY}")
    assert (s.byline.author, s.byline.role, s.date, s.date_text) == (author, role, iso, line)
    assert [k for k, _ in _kinds(s)] == ["title", "date", "salutation"]
    _no_front_line_in_body(s)


def test_byline_and_date_line_in_either_order():
    a = zhspeech.parse("政府工作报告\n国务院总理　李　强\n2024年3月5日\n" + BODY)
    b = zhspeech.parse("政府工作报告\n2024年3月5日\n国务院总理　李　强\n" + BODY)
    assert (a.byline, a.date) == (b.byline, b.date) == (Byline("李强", "国务院总理"), "2024-03-05")


# ---------------------------------------------------------------- salutations


@pytest.mark.parametrize(
    "line, address",
    [
        ("各位代表：", "各位代表"),
        ("各位代表！", "各位代表"),
        ("各位代表:", "各位代表"),
        ("名位代表：", "名位代表"),  # misspelt in the 1979 report: recognized, kept as written
        ("同志们、朋友们：", "同志们、朋友们"),
        ("各位來賓、女士們、先生們：", "各位來賓、女士們、先生們"),
        ("尊敬的各位嘉宾，女士们、先生们：", "尊敬的各位嘉宾，女士们、先生们"),
    ],
)
def test_salutation_lines(line, address):
    assert salutation_line(line) == address
    s = zhspeech.parse(f"政府工作报告\n2024年3月5日\n{line}\n{BODY}")
    assert s.salutation == address and _kinds(s)[-1] == ("salutation", line)
    _no_front_line_in_body(s)


@pytest.mark.parametrize("line", ["各位代表", "致全国人大代表", "代表们提出了很多好的意见和建议，我们认真研究。"])
def test_not_salutation_lines(line):
    assert salutation_line(line) is None


def test_a_salutation_opening_the_first_paragraph_is_recorded_and_left_in_it():
    s = zhspeech.parse(
        "政府工作报告\n2017年3月5日\n各位代表，现在，我代表国务院，向大会报告政府工作，请予审议。\n结束。"
    )
    assert s.salutation == "各位代表"
    assert "salutation" not in [k for k, _ in _kinds(s)]
    assert s.paragraphs["text"].iloc[0] == "各位代表，现在，我代表国务院，向大会报告政府工作，请予审议。"
    other = zhspeech.parse("政府工作报告\n2017年3月5日\n这些专家，提出了很好的意见。\n结束。")
    assert other.salutation is None  # only a plain address opens a paragraph


def test_a_later_salutation_in_the_body_stays_body():
    s = zhspeech.parse("政府工作报告\n各位代表：\n" + BODY + "\n\n各位代表！\n\n让我们共同努力。")
    assert s.salutation == "各位代表" and s.paragraphs["text"].tolist()[-2:] == ["各位代表！", "让我们共同努力。"]


# ---------------------------------------------------------------- web-page chrome

PAGE = """当前位置：首页 > 要闻 > 正文
政府工作报告
——2024年3月5日在第十四届全国人民代表大会第二次会议上
国务院总理　李　强
来源：新华社　发布时间：2024-03-12 16:20
作者：张三　编辑：李四
【字号 大 中 小】 打印 关闭
各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议
并请全国政协委员提出意见。
一、2023年工作回顾
过去一年是全面贯彻党的二十大精神的开局之年
责任编辑：王五
分享到：
打印本页 关闭窗口
"""


def test_web_page_chrome_at_the_top_and_at_the_end():
    s = zhspeech.parse(PAGE)
    assert (s.title, s.byline.author, s.date, s.salutation) == ("政府工作报告", "李强", "2024-03-05", "各位代表")
    assert s.year == 2024 and s.year_source == "date line"  # not the page's 发布时间
    chrome = [text for kind, text in _kinds(s) if kind == "chrome"]
    assert chrome == [
        "当前位置：首页 > 要闻 > 正文",
        "来源：新华社　发布时间：2024-03-12 16:20",
        "作者：张三　编辑：李四",
        "【字号 大 中 小】 打印 关闭",
        "责任编辑：王五",
        "分享到：",
        "打印本页 关闭窗口",
    ]
    # the body's page break is repaired; its last line (no closing punctuation) is not joined to the chrome
    assert s.paragraphs["text"].tolist() == [
        "现在，我代表国务院，向大会报告政府工作，请予审议并请全国政协委员提出意见。",
        "过去一年是全面贯彻党的二十大精神的开局之年",
    ]
    _no_front_line_in_body(s)


@pytest.mark.parametrize(
    "line, chrome",
    [
        ("来源：人民网", True),
        ("【字号：大 中 小】", True),
        ("2024-01-23 10:30 来源：新华网", True),
        ("发布日期：2024年01月23日", True),
        ("（责任编辑：张三）", True),
        ("首页 | 新闻中心 | 政务公开 | 互动交流", True),
        ("首页 新闻", False),  # too short to be sure it is a navigation bar
        ("时间就是生命，效率就是金钱。", False),
        ("来源于人民，服务于人民", False),
        ("2024-01-23", False),
        ("大力发展新质生产力", False),
    ],
)
def test_chrome_lines(line, chrome):
    assert is_chrome(line) is chrome


# ---------------------------------------------------------------- table of contents and repeats


def test_the_reader_stops_at_a_table_of_contents():
    text = "政府工作报告\n2024年1月23日\n目录\n一、过去五年\n二、今年的任务\n各位代表：\n"
    text += "一、过去五年\n正文。\n二、今年的任务\n正文。"
    blocks, _ = read_blocks(text)
    for block in blocks:
        classify_numbered(block)
    front, n = read_front_matter(blocks)
    assert n == 2 and blocks[n].text == "目录"  # the contents are left to the structure reader
    assert front.salutation == "各位代表" and blocks[5].kind == "salutation"  # the salutation after them is not
    assert [b.kind for b in blocks[2:5]] == ["body", "heading", "heading"]  # untouched here


def test_front_matter_repeated_further_down_never_joins_a_paragraph():
    text = (
        "关于国民经济计划的报告\n——1991年3月26日在第七届全国人民代表大会第四次会议上\n各位代表：\n第一遍。\n"
        "关于国民经济计划的报告\n——1991年3月26日在第七届全国人民代表大会第四次会议上\n各位代表：\n第二遍。"
    )
    s = zhspeech.parse(text)
    assert s.paragraphs["text"].tolist() == ["第一遍。", "第二遍。"]
    assert [k for k, _ in _kinds(s)] == ["title", "date", "salutation", "other", "other", "other"]


# ---------------------------------------------------------------- the document's year


def test_year_argument_date_line_file_name_or_unknown(tmp_path):
    dated = "政府工作报告\n2019年3月5日\n" + BODY
    undated = "政府工作报告\n国务院总理　李　强\n" + BODY
    assert (zhspeech.parse(dated).year, zhspeech.parse(dated).year_source) == (2019, "date line")
    assert (zhspeech.parse(dated, year=2020).year, zhspeech.parse(dated, year=2020).year_source) == (2020, "argument")
    assert zhspeech.parse(dated, year=2020).date == "2019-03-05"  # the argument sets the year, not the date
    assert (zhspeech.parse(undated).year, zhspeech.parse(undated).year_source) == (None, None)
    named = tmp_path / "2018政府工作报告_李克强.txt"
    named.write_text(undated, encoding="utf-8")
    assert (zhspeech.load(named).year, zhspeech.load(named).year_source) == (2018, "file name")
    assert zhspeech.load(named, year=2017).year_source == "argument"
    dated_named = tmp_path / "2018_copy.txt"
    dated_named.write_text(dated, encoding="utf-8")
    assert (zhspeech.load(dated_named).year, zhspeech.load(dated_named).year_source) == (2019, "date line")
    plain = tmp_path / "speech.txt"
    plain.write_text(undated, encoding="utf-8")
    assert (zhspeech.load(plain).year, zhspeech.load(plain).year_source) == (None, None)


def test_the_year_never_comes_from_the_years_the_text_mentions():
    s = zhspeech.parse("政府工作报告\n\n2035年远景目标，2023年经济增长5.2%。今年要继续努力。\n\n结束。")
    assert s.year is None and s.year_source is None


@pytest.mark.parametrize(
    "name, year",
    [
        ("2017政府工作报告_李克强.txt", 2017),
        ("ren_xianliang_cyberspace_community_2024.md", 2024),
        ("report_2023_2024.txt", None),  # two years: which one?
        ("report_v12345.txt", None),
        ("speech.md", None),
        ("1700_notes.txt", None),
    ],
)
def test_year_in_file_name(name, year):
    assert year_in_name(name) == year


@pytest.mark.parametrize("bad", [1700, 3000, "2024", 2024.0, True])
def test_a_bad_year_argument_is_an_option_error(bad, tmp_path):
    with pytest.raises(OptionError, match="year must be a whole number from 1800 to 2200"):
        zhspeech.parse(BODY, year=bad)
    path = tmp_path / "s.txt"
    path.write_text(BODY, encoding="utf-8")
    with pytest.raises(OptionError, match="year must be"):
        zhspeech.load(path, year=bad)


def test_a_long_first_line_is_the_title_when_front_matter_follows():
    title = "政府工作报告<img src=x onerror=alert(1)>" + "很长的标题文字" * 8
    speech = zhspeech.parse(
        f"{title}\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n国务院总理　李克强\n"
        "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n"
    )
    assert speech.title == title and speech.date == "2017-03-05" and speech.byline.author == "李克强"
    assert speech.paragraphs["text"].tolist() == ["现在，我代表国务院，向大会报告政府工作。"]
    # a long first line with no front matter after it stays body text
    body = zhspeech.parse(title + "\n第二段文字，说明情况。\n")
    assert body.title is None and body.paragraphs["text"].str.startswith("政府工作报告").any()
