"""report.readings: readings computed from tables, escaped for Markdown; the first speech's interpretations only for it.

Expected sentences were worked out by hand from the small tables built here (or, for the real speech, checked
against its text with ``str.count``), not copied from a run.
"""

from __future__ import annotations

import html
import re
import shutil
from types import SimpleNamespace

import networkx as nx
import pandas as pd
import pytest
from nbconvert.filters.markdown import markdown2html

import zhspeech
from zhspeech import config
from zhspeech.report import describe_speech, describe_year, readings
from zhspeech.report.first_speech import INTERPRETATIONS

#: Text a speech copied from a web page may carry; none of it may become markup in a reading.
HOSTILE = [
    '<img src=x onerror="alert(1)">',
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "a<br>b&nbsp;c &amp; d",
    "**粗体** _斜体_ [链接](javascript:alert(1)) `代码` $x$ <!-- 注释 -->",
    "# 标题\n1. 列表\n- 项目 | 表格 |",
]
TAG = re.compile(r"<(?!/?(p|ul|li|em|strong|code)>)[a-zA-Z!/]")


def _rendered(markdown: str) -> str:
    """The HTML nbconvert makes of a Markdown output (the same filter the report pages use)."""
    return markdown2html(str(markdown))


def _visible(markdown: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", _rendered(markdown)))


def _no_markup(markdown: str) -> None:
    rendered = _rendered(markdown)
    assert not TAG.search(rendered), rendered
    assert "onerror" not in re.sub(r"&[a-z]+;|&#\d+;", "", " ".join(re.findall(r"<[^>]+>", rendered)))


# ---------------------------------------------------------------- escaping


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_itself_and_never_as_markup(text):
    escaped = readings.escape_markdown(text)
    _no_markup(escaped)
    assert _visible(escaped).strip() == " ".join(text.split())


def test_a_reading_is_markdown_for_jupyter_and_a_string_elsewhere():
    reading = readings.Reading("**3** terms")
    assert reading._repr_markdown_() == "**3** terms" and reading == "**3** terms" and isinstance(reading, str)


# ---------------------------------------------------------------- the first speech and the others


def test_the_first_speech_is_recognized_by_its_digest_only(speech, tmp_path):
    assert readings.is_first_speech(speech)
    copy = tmp_path / config.SPEECH_PATH.name
    shutil.copyfile(config.SPEECH_PATH, copy)
    assert readings.is_first_speech(zhspeech.load(copy))  # the same bytes under another path
    copy.write_bytes(copy.read_bytes() + b"\n")
    assert not readings.is_first_speech(zhspeech.load(copy))  # one byte more: another text
    assert not readings.is_first_speech(zhspeech.parse(config.SPEECH_PATH.read_text(encoding="utf-8")))


@pytest.mark.parametrize("notebook", sorted(INTERPRETATIONS))
def test_interpretations_show_for_the_first_speech_only(notebook, speech, small_speech):
    assert readings.interpretation(speech, notebook) == INTERPRETATIONS[notebook]
    other = readings.interpretation(small_speech, notebook)
    assert other.startswith("*No hand-written interpretation")
    assert not re.search(r"[\u4e00-\u9fff]", other)  # nothing of the first speech's text


def test_an_unknown_notebook_is_an_option_error(speech):
    with pytest.raises(zhspeech.OptionError, match="notebook='05_nothing' is not one of"):
        readings.interpretation(speech, "05_nothing")


def test_interpretations_quote_the_speech_as_written():
    """Every Chinese string of the hand-written interpretations is in the speech (or names a codebook theme)."""
    text = config.SPEECH_PATH.read_text(encoding="utf-8")
    themes = set(zhspeech.load_codebook(config.SPEECH_CODEBOOK).names)  # the codebook its report codes it with
    for notebook, interpretation in INTERPRETATIONS.items():
        code = "".join(re.findall(r"`[^`]*`", interpretation))  # a call shown in backticks is no quotation
        quoted = {run for run in re.findall(r"[\u4e00-\u9fff]{2,}", interpretation) if run not in code}
        missing = {q for q in quoted if q not in text and q not in themes}
        assert quoted and not missing, (notebook, missing)


def test_the_counts_the_interpretations_state_hold_for_the_text(speech):
    """Each count written into the hand-written interpretations, checked against the text or its tables."""
    text = config.SPEECH_PATH.read_text(encoding="utf-8")
    assert text.count("网络空间命运共同体") == 24 and text.count("构建网络空间命运共同体") == 22
    assert text.count("网络空间命运共同体迈向新阶段") == 6
    assert text.count("习近平") == text.count("习近平主席") and text.count("迈向") == text.count("迈向新阶段")
    assert len(speech.sections) == 3 and len(speech.points) == 13
    assert [p.section for p in speech.points].count(2) == 5 and [p.section for p in speech.points].count(1) == 3
    assert len(speech.repairs) == 4
    assert len(zhspeech.documents(speech)) == 6
    direct = zhspeech.quotations(speech).query("kind == 'speech'")
    assert len(direct) == 3 and set(direct["speaker"]) == {"习近平"}
    assert text.count("三个倡导") == 2 and len(zhspeech.enumerations(speech)) == 1


# ---------------------------------------------------------------- the speech in a paragraph, the year


def test_summary_is_describe_speech_escaped(small_speech):
    assert _visible(readings.summary(small_speech)).strip() == describe_speech(small_speech)


def test_describe_speech_gives_the_iso_date():
    dated = zhspeech.parse("標題\n2021年3月5日\n\n今年我們做了很多工作。明年繼續努力。")
    assert dated.date == "2021-03-05" and "(2021-03-05)" in describe_speech(dated)


def test_the_year_is_shown_with_its_source():
    text = "標題\n2021年3月5日\n\n今年我們做了很多工作。明年繼續努力。"
    assert describe_year(zhspeech.parse(text, year=1999)) == "1999 (given)"
    assert describe_year(zhspeech.parse(text)) == "2021 (from the date line)"
    undated = zhspeech.parse("標題\n\n今年我們做了很多工作。明年繼續努力。")
    assert describe_year(undated) == "not known — relative dates (今年, 去年) left unresolved"


# ---------------------------------------------------------------- computed readings


def test_structure_reading_follows_the_tables(small_speech):
    reading = readings.structure(small_speech)
    chars = small_speech.paragraphs.groupby("section")["chars"].sum()  # computed here, not by textstat_outline
    assert (
        f"2 numbered sections; the longest is section 1 (过去一年的工作) with {chars[1]} of the {chars.sum()}"
        in reading
    )
    assert "2 of the 3 paragraphs and 1 of the 1 point" in reading
    assert "no page-break repair, and no source-quality finding" in reading


def test_structure_reading_of_a_text_without_sections():
    speech = zhspeech.parse("標題\n\n第一段。\n\n第二段，很長。")
    assert "The text numbers no sections: one body of 2 paragraphs." in readings.structure(speech)


def _freq() -> pd.DataFrame:
    freq = pd.DataFrame(
        {
            "term": ["发展", "合作", "<b>x</b>", "平台"],
            "count": [10, 6, 3, 2],
            "per_10k": [1000.0, 600.0, 300.0, 200.0],
            "paragraphs": [5, 4, 1, 1],
            "dp": [0.1, 0.3, 0.9, 0.5],
        }
    )
    freq.attrs["tokens"] = 100
    return freq


def test_frequency_reading_names_the_top_terms_and_their_spread():
    reading = readings.frequency(_freq())
    assert "100 words; the most frequent terms: 发展 (10), 合作 (6), &lt;b&gt;x&lt;/b&gt; (3) and 平台 (2)." in reading
    assert "发展 is spread most evenly (DP 0.10, in 5 paragraphs)" in reading
    assert "&lt;b&gt;x&lt;/b&gt; is the most concentrated (DP 0.90, in 1 paragraph)" in reading
    del (freq := _freq()).attrs["tokens"]
    assert readings.frequency(freq).startswith("- 100 words")  # the base recomputed from per_10k


def test_key_terms_prefer_over_used_terms_then_frequent_ones():
    keyness = pd.DataFrame({"term": ["网络", "是", "平台"], "log_ratio": [3.0, -1.0, 2.0]})
    assert readings.key_terms(keyness, _freq()) == ["网络", "平台", "发展"]
    assert readings.key_terms(keyness.iloc[0:0], _freq(), n=2) == ["发展", "合作"]


def test_common_stem_is_the_term_inside_the_most_others():
    freq = pd.DataFrame(
        {"term": ["数字", "数字经济", "数字鸿沟", "经济", "经济社会", "全球数字契约"], "count": [1, 5, 4, 6, 2, 1]}
    )
    assert readings.common_stem(freq) == "数字"  # inside three terms; 经济 inside two
    assert readings.common_stem(pd.DataFrame({"term": ["发展", "合作"], "count": [3, 2]})) == "发展"
    assert readings.common_stem(pd.DataFrame({"term": [], "count": []})) is None


def test_keyness_reading_counts_significant_terms_and_expected_counts():
    table = pd.DataFrame(
        {
            "term": ["网络空间", "构建", "是"],
            "count": [27, 31, 11],
            "ref_count": [0, 550, 796991],
            "corpus_size": [2000] * 3,
            "ref_size": [60_000_000] * 3,
            "p_fdr": [1e-9, 1e-6, 0.001],
            "log_ratio": [18.0, 10.0, -1.3],
        }
    )
    reading = readings.keyness(table, table.iloc[[2]])
    assert "3 terms tested, 3 significant at p_fdr < 0.05." in reading
    assert "Most over-used by G²: 网络空间 and 构建; 1 of them has no entry in the reference" in reading
    assert "Significantly under-used: 是 (11 where 27 expected)." in reading  # 796991 / 6e7 × 2000 = 26.6


def test_collocation_and_word_form_readings():
    table = pd.DataFrame(
        {"collocate": ["构建", "迈向"], "n12": [22, 6], "left": [22, 0], "right": [0, 6], "g2": [67.5, 27.7]}
    )
    table.attrs["node_count"] = 24
    reading = readings.collocations(table, "网络空间命运共同体")
    assert reading.startswith("网络空间命运共同体 occurs 24 times")
    assert "构建 (22; 22 left, 0 right) and 迈向 (6; 0 left, 6 right)" in reading
    table.attrs["node_forms"] = {"数字经济": 10, "数字": 5, "数字鸿沟": 4}
    reading = readings.word_forms(table, "数字")
    assert "3 words contain 数字, 19 occurrences in all; 数字 on its own 5 times" in reading
    assert "数字经济 (10) and 数字鸿沟 (4)" in reading


def test_theme_reading_ranks_themes_and_names_each_sections_leader():
    long = pd.DataFrame(
        {
            "section": [0, 0, 1, 1],
            "theme": ["发展", "安全", "发展", "安全"],
            "sentences": [4, 4, 10, 10],
            "hits": [1, 0, 2, 6],
        }
    )
    reading = readings.themes(long)
    assert "Most frequent over the whole speech: 安全 (6 of 14 sentences) and 发展 (3 of 14 sentences)." in reading
    assert "the opening: 发展 (25%); section 1: 安全 (60%)" in reading
    assert "uncoded" not in reading.lower() and "No theme codes" not in reading  # a table without the column


def test_theme_reading_says_how_much_no_theme_codes():
    long = pd.DataFrame(
        {
            "section": [0, 0, 1, 1],
            "theme": ["发展", "安全", "发展", "安全"],
            "sentences": [4, 4, 10, 10],
            "hits": [1, 0, 2, 1],
            "uncoded": [3, 3, 8, 8],
        }
    )
    reading = readings.themes(long)
    assert "No theme codes 11 of the 14 sentences (79%): more than half — the codebook does not fit" in reading
    fits = readings.themes(long.assign(uncoded=[1, 1, 2, 2]))
    assert "No theme codes 3 of the 14 sentences (21%)." in fits and "does not fit" not in fits
    none = readings.themes(long.assign(hits=0, uncoded=[4, 4, 10, 10]))
    assert "No theme codes 14 of the 14 sentences (100%)" in none and "No theme of the codebook is coded" in none


def test_the_first_speech_is_coded_with_its_own_codebook(speech):
    assert readings.codebook_for(speech) == "cyberspace" == config.SPEECH_CODEBOOK
    assert readings.codebook_for(speech, "mine.yml") == "mine.yml"  # a codebook asked for wins
    assert readings.codebook_for(zhspeech.parse(speech.text)) is None  # the same words, not the file: the default


def test_network_reading_names_size_communities_and_links():
    graph = nx.Graph()
    graph.add_edge("主席", "习近平", weight=1.0, n12=7)
    graph.add_edge("构建", "理念", weight=0.5, n12=11)
    communities = pd.DataFrame({"label": ["主席、习近平", "构建、理念"], "size": [2, 2]})
    reading = readings.network(graph, communities)
    assert "4 terms, 2 links, 2 communities" in reading
    assert "主席–习近平 (1, 7 sentences) and 构建–理念 (0.50, 11 sentences)" in reading


def test_topics_reading_says_whether_the_chosen_k_stands_out():
    table = pd.DataFrame({"topic": [1, 2], "label": ["数字经济·发展", "平台·会员"], "share": [0.6, 0.4]})
    flat = pd.DataFrame({"k": [2, 3, 4], "coherence": [0.218, 0.191, 0.226], "chosen": [False, False, True]})
    reading = readings.topics(SimpleNamespace(selection=flat, topics=table))
    assert reading.startswith("k = 4, coherence 0.226; the next best is k = 2 (0.218): no k is clearly best")
    assert "Topics — 1 数字经济·发展 (60%); 2 平台·会员 (40%)." in reading
    clear = flat.assign(coherence=[0.30, 0.10, 0.05], chosen=[True, False, False])
    assert "k = 2, coherence 0.300; the next best is k = 3 (0.100): the chosen k stands out" in readings.topics(
        SimpleNamespace(selection=clear, topics=table)
    )


def test_rhetoric_readings_count_what_the_tables_hold():
    formulas = pd.DataFrame({"text": ["四项原则", "三个倡导"], "count": [1, 2], "first_sentence": [6, 9]})
    assert readings.formulas(formulas) == "2 numbered formulas: 三个倡导 (2) and 四项原则 (1)."
    items = pd.DataFrame({"enumeration": [1, 1, 1], "style": ["一是"] * 3, "item": [1, 2, 3], "sentence": [30] * 3})
    assert readings.enumerations(items) == "1 enumeration: 3 items (一是…) in sentence 30."
    documents = pd.DataFrame({"title": ["全球数字契约", "<i>x</i>"], "count": [1, 2]})
    assert readings.documents(documents) == "2 documents cited: 《全球数字契约》 and 《&lt;i&gt;x&lt;/i&gt;》 (2×)."
    entities = pd.DataFrame(
        {"text": ["世界互联网大会", "习近平", "乌镇"], "kind": ["organization", "person", "place"], "count": [21, 7, 1]}
    )
    reading = readings.entities(entities)
    assert reading.startswith("3 names (1 organization, 1 person and 1 place); the most frequent: 世界互联网大会 (21)")
    assert "1 are named once" in reading


def test_timeline_reading_says_what_the_relative_dates_resolve_against():
    dates = pd.DataFrame({"date": ["2014", "2023-11-08", "2023", None], "kind": ["year", "full", "year", "relative"]})
    dates.attrs.update(document_year=None, document_year_source=None)
    reading = readings.timeline(dates)
    assert "4 date expressions, from 2014 to 2023." in reading and "2023 (2 mentions)" in reading
    assert "1 expression left unresolved" in reading
    dates.attrs.update(document_year=2024, document_year_source="file name")
    assert "Relative dates resolve against 2024 (from the file name)." in readings.timeline(dates)


def test_quotation_reading_separates_speakers_and_terms():
    quotes = pd.DataFrame(
        {
            "kind": ["speech", "speech", "term", "term", "term"],
            "text": ["要深化交流", "以文载道", "三个倡导", "三个倡导", "脱钩断链"],
            "speaker": ["习近平", "习近平", None, None, None],
            "verb": ["指出", "强调", None, None, None],
        }
    )
    reading = readings.quotations(quotes)
    assert "2 passages of direct speech: 习近平 2 times (强调, 指出)." in reading
    assert "3 quoted terms (2 different), the commonest: 三个倡导 (2) and 脱钩断链 (1)." in reading


def _hostile_tables(text: str) -> list:
    """Every reading, fed tables whose text cells all hold ``text``."""
    freq = pd.DataFrame(
        {"term": [text, "x"], "count": [3, 1], "per_10k": [3.0, 1.0], "paragraphs": [1, 1], "dp": [0.1, 0.2]}
    )
    keyness = pd.DataFrame(
        {
            "term": [text],
            "count": [3],
            "ref_count": [0],
            "corpus_size": [10],
            "ref_size": [100],
            "p_fdr": [0.01],
            "log_ratio": [1.0],
        }
    )
    pos = pd.DataFrame({"pos": ["nz"], "name": [text], "count": [3], "share": [1.0]})
    sections = keyness.assign(section=1, heading=text)
    colloc = pd.DataFrame({"collocate": [text], "n12": [2], "left": [1], "right": [1], "g2": [3.0]})
    colloc.attrs.update(node_count=3, node_forms={text: 3})
    long = pd.DataFrame({"section": [1], "theme": [text], "sentences": [2], "hits": [1]})
    graph = nx.Graph()
    graph.add_edge(text, "y", weight=1.0, n12=2)
    communities = pd.DataFrame({"label": [text], "size": [2]})
    table = pd.DataFrame({"text": [text], "title": [text], "count": [2], "first_sentence": [1], "kind": ["place"]})
    enumerations = pd.DataFrame({"enumeration": [1], "style": [text], "item": [1], "sentence": [1]})
    parallels = pd.DataFrame({"scope": ["sentence"], "frame": [text], "n": [2], "fillers": [[(text, text)]]})
    quotes = pd.DataFrame(
        {"kind": ["speech", "term"], "text": [text, text], "speaker": [text, None], "verb": [text, None]}
    )
    dates = pd.DataFrame({"date": [None], "kind": ["relative"]})
    dates.attrs.update(document_year=text, document_year_source=text)
    selection = pd.DataFrame({"k": [2], "coherence": [0.1], "chosen": [True]})
    topics = pd.DataFrame({"topic": [1], "label": [text], "share": [1.0]})
    return [
        readings.frequency(freq),
        readings.pos_profile(pos),
        readings.keyness(keyness, keyness.assign(log_ratio=-1.0)),
        readings.section_keyness(sections),
        readings.collocations(colloc, text),
        readings.word_forms(colloc, text),
        readings.themes(long),
        readings.token_matching(pd.Series({text: 1}), pd.DataFrame({"theme": [text]})),
        readings.network(graph, communities),
        readings.topics(SimpleNamespace(selection=selection, topics=topics)),
        readings.formulas(table),
        readings.enumerations(enumerations),
        readings.parallels(parallels),
        readings.quotations(quotes),
        readings.documents(table),
        readings.timeline(dates),
        readings.entities(table),
    ]


@pytest.mark.parametrize("text", HOSTILE[:4])
def test_no_reading_lets_the_speechs_text_become_markup(text):
    for reading in _hostile_tables(text):
        _no_markup(reading)
        assert " ".join(text.split())[:12] in _visible(reading), reading


def test_structure_and_summary_escape_titles_and_headings():
    text = "標題<img src=x onerror=alert(1)>\n\n一、第一部分<script>alert(1)</script>\n\n內容。\n\n二、第二\n\n內容。"
    speech = zhspeech.parse(text)
    for reading in (readings.summary(speech), readings.structure(speech)):
        _no_markup(reading)
    assert "<img src=x onerror=alert(1)>" in _visible(readings.summary(speech))
    assert "第一部分<script>" in _visible(readings.structure(speech))


def test_empty_tables_give_a_sentence_not_an_error():
    empty = pd.DataFrame(columns=["term", "count", "text", "title", "kind", "enumeration", "scope", "section"])
    assert readings.formulas(empty).startswith("No numbered formula")
    assert readings.enumerations(empty).startswith("No enumeration")
    assert readings.parallels(empty).startswith("No parallel frame")
    assert readings.documents(empty).startswith("No title")
    assert readings.entities(empty).startswith("No person")
    assert readings.network(nx.Graph(), empty).startswith("0 terms")
