""".docx, .html and .pdf speeches: their text comes out whole and parses as the same speech as plain text does; a
damaged, encrypted or empty file is one clear error. Fixtures are built here: Word files with python-docx, web pages
as strings, PDFs with matplotlib's PDF backend and a Chinese font."""

from __future__ import annotations

import html
import re

import pytest

import zhspeech
from zhspeech import config
from zhspeech.errors import SpeechContentError, SpeechDecodeError, SpeechError, SpeechFileError
from zhspeech.text import formats
from zhspeech.text.formats import _Line, drop_furniture, format_of, reflow

docx = pytest.importorskip("docx")

# ----------------------------------------------------------------------------------------------------- .docx


def _docx_from_markdown(markdown: str, path) -> None:
    """A Word file with the speech's lines: ``#`` lines in heading styles, ``**lead**`` as bold runs."""
    document = docx.Document()
    for line in (x.strip() for x in markdown.splitlines()):
        if not line:
            continue
        if m := re.match(r"^(#+)\s*(.*)$", line):
            document.add_heading(m.group(2), level=min(len(m.group(1)), 3))
            continue
        paragraph = document.add_paragraph()
        if m := re.match(r"^\*\*(.+?)\*\*(.*)$", line):
            paragraph.add_run(m.group(1)).bold = True
            line = m.group(2)
        paragraph.add_run(line.replace("**", ""))
    document.save(path)


def test_a_word_file_parses_as_the_same_speech_as_its_markdown(tmp_path):
    md = zhspeech.load(config.SPEECH_PATH)
    path = tmp_path / "speech.docx"
    _docx_from_markdown(config.SPEECH_PATH.read_text(encoding="utf-8"), path)
    word = zhspeech.load(path)
    assert word.encoding == "docx" and word.has_markup
    assert word.text == md.text
    assert [(h.label, h.heading, h.level) for h in word.sections + word.subsections] == [
        (h.label, h.heading, h.level) for h in md.sections + md.subsections
    ]
    assert [p.lead for p in word.points] == [p.lead for p in md.points] and len(md.points) > 0
    assert (word.title, word.byline.author) == (md.title, md.byline.author)


def test_word_tables_are_read_in_document_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("一、主要指标")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([("指标", "目标", "完成"), ("经济增长", "百分之五", "百分之五点二")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    frame = document.add_table(rows=1, cols=1)  # a one-cell table framing text: its paragraphs are lines
    frame.cell(0, 0).text = "框内第一段。"
    frame.cell(0, 0).add_paragraph("框内第二段。")
    merged = document.add_table(rows=1, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "合并单元格"
    document.add_paragraph("表后的段落。")
    path = tmp_path / "tables.docx"
    document.save(path)
    lines = formats.docx_text(path.read_bytes(), source="tables.docx").splitlines()
    assert lines == [
        "一、主要指标",
        "指标\t目标\t完成",
        "经济增长\t百分之五\t百分之五点二",
        "框内第一段。",
        "框内第二段。",
        "合并单元格",
        "表后的段落。",
    ]


def test_only_a_bold_sentence_that_opens_a_paragraph_is_a_lead(tmp_path):
    document = docx.Document()
    p = document.add_paragraph()
    p.add_run("全段加粗的一句话。").bold = True  # nothing follows: not a lead
    p = document.add_paragraph()
    p.add_run("加粗但未完").bold = True  # no sentence end: not a lead
    p.add_run("的句子。")
    p = document.add_paragraph()
    p.add_run("坚持稳中求进。").bold = True
    p.add_run("这是正文。")
    path = tmp_path / "bold.docx"
    document.save(path)
    lines = formats.docx_text(path.read_bytes(), source="x").splitlines()
    assert lines == ["全段加粗的一句话。", "加粗但未完的句子。", "**坚持稳中求进。**这是正文。"]


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"plain bytes, not a Word file at all"])
def test_a_damaged_word_file_is_one_clear_error(tmp_path, data):
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(SpeechDecodeError, match=r"broken\.docx is not a readable \.docx file") as err:
        zhspeech.load(path)
    assert "\n" not in str(err.value)


# ------------------------------------------------------------------------------------------------------ .html

PARAGRAPHS = [
    "——2024年3月5日在第十四届全国人民代表大会第二次会议上",
    "国务院总理　李强",
    "各位代表：",
    "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。",
    "一、2023年工作回顾",
    "过去一年是全面贯彻党的二十大精神的开局之年。我们坚持稳中求进工作总基调，经济回升向好，高质量发展扎实推进。",
    "二、2024年政府工作任务",
    "今年发展主要预期目标是：国内生产总值增长百分之五左右，城镇新增就业一千二百万人以上。",
    "各位代表！让我们紧密团结在以习近平同志为核心的党中央周围，为全面建设社会主义现代化国家而团结奋斗！",
]
CHROME = ["首页", "新闻", "政策", "相关稿件", "版权所有", "京ICP备", "关于本网", "搜索"]


def _gov_page(title: str, paragraphs: list[str], charset: str = "utf-8") -> str:
    """A page laid out like a government portal's article: navigation, breadcrumbs, the article, related links
    and a footer."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    nav = "".join(f'<li><a href="/{i}/">{t}</a></li>' for i, t in enumerate(["首页", "新闻", "政策", "互动", "服务"]))
    related = "".join(f'<li><a href="/r{i}.htm">关于{t}的通知</a></li>' for i, t in enumerate(["稳就业", "促消费"]))
    return (
        f'<html><head><meta charset="{charset}"><title>{title}_中国政府网</title></head><body>'
        f'<div class="header"><ul class="nav">{nav}</ul><input value="搜索"></div>'
        f'<div class="crumbs"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a></div>'
        f'<div class="article"><h1>{title}</h1><div class="info">2024-03-12 来源：新华社</div>'
        f'<div class="content">{body}</div></div>'
        f'<div class="related"><h3>相关稿件</h3><ul>{related}</ul></div>'
        '<div class="footer"><a href="/about">关于本网</a> | <a href="/sm">网站声明</a>'
        "<p>版权所有：中国政府网</p><p>京ICP备05070218号</p></div></body></html>"
    )


def test_a_government_web_page_gives_the_article_and_no_page_chrome(tmp_path):
    path = tmp_path / "report.html"
    path.write_text(_gov_page("政府工作报告", PARAGRAPHS), encoding="utf-8")
    speech = zhspeech.load(path)
    assert speech.encoding == "html"
    assert speech.title == "政府工作报告" and speech.byline.author == "李强" and speech.date == "2024-03-05"
    assert [h.heading for h in speech.sections] == ["2023年工作回顾", "2024年政府工作任务"]
    assert len(speech.paragraphs) == 4  # the opening, one paragraph per section, the closing
    assert not [w for w in CHROME if w in speech.text]


def test_a_page_in_a_legacy_encoding_is_decoded(tmp_path):
    path = tmp_path / "report.htm"
    path.write_bytes(_gov_page("政府工作报告", PARAGRAPHS, charset="gb2312").encode("gb18030"))
    assert "高质量发展扎实推进" in zhspeech.load(path).text
    assert "高质量发展扎实推进" in zhspeech.load(path, encoding="gb18030").text
    with pytest.raises(SpeechDecodeError, match="cannot be decoded as utf-8"):
        zhspeech.load(path, encoding="utf-8")


def test_a_page_without_main_text_is_a_content_error(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text('<html><body><ul><li><a href="/">首页</a></li><li><a href="/n">新闻</a></li></ul></body></html>')
    with pytest.raises(SpeechContentError, match="no main text found") as err:
        zhspeech.load(path)
    assert "\n" not in str(err.value)


# ------------------------------------------------------------------------------------------------------- .pdf

WIDTH = 24  # characters of a full line; the fixtures use full-width characters only, so lines end together


def _visual_lines(paragraphs: list[str], centred: int) -> list[tuple[str, str]]:
    """(placement, text) for each visual line: the first ``centred`` paragraphs centred, the others wrapped at
    ``WIDTH`` characters with the first line indented by two."""
    out = [("centre", p) for p in paragraphs[:centred]]
    for p in paragraphs[centred:]:
        first, rest = p[: WIDTH - 2], p[WIDTH - 2 :]
        out.append(("indent", first))
        out.extend(("left", rest[i : i + WIDTH]) for i in range(0, len(rest), WIDTH))
    return out


def _pdf(path, pages: list[list[tuple[str, str]]], *, header: str | None = None) -> None:
    """A PDF with these lines on A4 pages, a running header and a page number at the foot of each page."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    font = zhspeech.cjk_font()
    size, em = 12, 12 / 72 / 8.27  # an em as a fraction of the page's width
    with plt.rc_context({"font.family": font.family, "pdf.fonttype": 3}), PdfPages(path) as pdf:
        for n, lines in enumerate(pages, start=1):
            fig = plt.figure(figsize=(8.27, 11.69))
            if header:
                fig.text(0.5, 0.95, header, ha="center", fontsize=9)
            for k, (place, text) in enumerate(lines):
                y = 0.9 - k * 0.025
                x = {"centre": 0.5, "indent": 0.15 + 2 * em, "left": 0.15}[place]
                fig.text(x, y, text, fontsize=size, ha="center" if place == "centre" else "left")
            fig.text(0.5, 0.05, f"— {n} —", ha="center", fontsize=9)
            pdf.savefig(fig)
            plt.close(fig)


REPORT = [
    "关于推进城乡建设工作的报告",
    "建设局局长　王明",
    "一、过去一年的工作",
    "过去一年，我们坚持稳中求进工作总基调，城乡面貌持续改善，新建改建道路和桥梁一大批，群众出行更加便利。",
    "我们扎实推进老旧小区改造，完成改造任务，惠及居民，同时加快补齐公共服务短板，新建学校医院和养老机构多所。",
    "二、今年的主要任务",
    "今年要突出抓好城市更新，推动基础设施提质增效，让人民群众生活得更方便更舒心更美好。",
]


def test_a_two_page_pdf_is_rejoined_and_the_sentence_across_the_break_repaired(tmp_path):
    lines = _visual_lines(REPORT, centred=2)
    cut = 8  # page one ends inside the second body paragraph, mid-sentence
    assert lines[cut - 1][1][-1] not in "。！？" and lines[cut][0] == "left"
    path = tmp_path / "report.pdf"
    _pdf(path, [lines[:cut], lines[cut:]], header="城乡建设简报")
    speech = zhspeech.load(path)
    assert speech.encoding == "pdf"
    assert speech.title == REPORT[0] and speech.byline.author == "王明"
    assert [h.heading for h in speech.sections] == ["过去一年的工作", "今年的主要任务"]
    assert speech.paragraphs["text"].tolist() == [REPORT[3], REPORT[4], REPORT[6]]
    assert [(r.before, r.after) for r in speech.repairs] == [(lines[cut - 1][1][-6:], lines[cut][1][:6])]
    assert "城乡建设简报" not in speech.text and not re.search(r"—\s*\d\s*—", speech.text)


def test_an_encrypted_pdf_asks_for_an_unencrypted_copy(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    _pdf(plain, [_visual_lines(REPORT[:4], centred=2)])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt("secret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as f:
        writer.write(f)
    with pytest.raises(SpeechFileError, match="locked.pdf is an encrypted PDF"):
        zhspeech.load(locked)


def test_a_damaged_or_textless_pdf_is_one_clear_error(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF garbage")
    with pytest.raises(SpeechDecodeError, match=r"broken\.pdf is not a readable PDF") as err:
        zhspeech.load(broken)
    assert "\n" not in str(err.value)
    scan = tmp_path / "scan.pdf"
    _pdf(scan, [[]])  # only the page number: no text once it is dropped
    with pytest.raises(SpeechContentError, match="no text layer"):
        zhspeech.load(scan)


def _line(text: str, indent: int = 0, gap: int = 0) -> _Line:
    return _Line(text, indent, indent + len(text), gap)


def test_running_headers_and_page_numbers_are_dropped_by_a_general_rule():
    body = ["我们坚持稳中求进。", "经济运行总体平稳。", "改革开放不断深化。", "民生保障有力有效。"]
    pages = [
        [_line(f"某某市人民政府公报 第{n}期"), _line(body[n - 1]), _line(body[n]), _line(f"- {n} -")]
        for n in range(1, 4)
    ]
    kept = drop_furniture(pages)
    assert [[x.text for x in p] for p in kept] == [body[n - 1 : n + 1] for n in range(1, 4)]
    single = drop_furniture([[_line("标题"), _line("正文。"), _line("第1页 共1页")]])
    assert [x.text for x in single[0]] == ["标题", "正文。"]  # one page: its number goes, no header to tell
    numbered = drop_furniture([[_line("2017"), _line("正文。"), _line("12")], [_line("正文二。"), _line("结尾。")]])
    assert [x.text for x in numbered[0]] == ["2017", "正文。"]  # a bare number at a page's edge, but not a year


def test_lines_are_joined_when_full_and_broken_at_indents_short_lines_and_gaps():
    full = "一" * 20
    page = [
        _line(full[:18], indent=2),  # indented first line
        _line(full),
        _line("短行结束。"),  # short: the paragraph ends here
        _line(full),  # not indented but after a short line: a new paragraph
        _line("接续。"),
        _line(full[:18], indent=2),
        _line("extraction"),
        _line("word", gap=2),  # set off by space: a new paragraph
    ]
    assert reflow([page]) == [
        "\n".join([full[:18] + full + "短行结束。", full + "接续。", full[:18] + "extraction", "word"])
    ]
    latin = [_line("a" * 19 + "b"), _line("cd")]
    assert reflow([latin]) == ["a" * 19 + "b cd"]  # a space between two Latin words


def test_format_by_suffix_and_the_text_stage_stays_free_of_jieba():
    assert [format_of(n) for n in ("a.DOCX", "b.htm", "c.html", "d.pdf", "e.txt", "f.md", "g")] == [
        "docx",
        "html",
        "html",
        "pdf",
        None,
        None,
        None,
    ]
    from test_layout import import_graph

    assert import_graph()["zhspeech.text.formats"] <= {"zhspeech.errors"}  # nothing of the tokenizer
    source = (config.PACKAGE_DIR / "text" / "formats.py").read_text(encoding="utf-8")
    assert "jieba" not in source


def test_every_reader_error_is_a_speech_error():
    for kind in ("docx", "html", "pdf"):
        with pytest.raises(SpeechError):
            formats.extract(kind, b"\x00\x01 nothing readable", source=f"x.{kind}")
