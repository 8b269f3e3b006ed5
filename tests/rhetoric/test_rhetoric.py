"""Rhetoric: formulas, enumerations, parallels, quotations, documents, timeline, entities — exact on our speech,
and on small texts of other styles (第一、第二 paragraphs, 首先…其次, traditional characters, relative dates)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import zhspeech
from zhspeech import cli, config
from zhspeech.rhetoric import documents, entities, enumerations, formulas, parallels, quotations, timeline
from zhspeech.rhetoric._parallels import frame_text

OTHER = """## 在合作论坛上的讲话

王五 某省省长

各位来宾：

近年来，我们坚持“两个确立”，做到“两个维护”，统筹推进五位一体总体布局，协调推进四个全面战略布局，四个全面是总纲。我们落实中央八项规定精神，推动三大倡议落地。来自30个国家、6大洲的代表出席会议。我们从经济、社会、文化三个方面推进合作。一个国家的发展离不开世界。

第一，坚持开放合作。开放带来进步。

第二，坚持创新驱动。创新是第一动力。

第三，坚持绿色发展。首先，要转变观念；其次，要完善制度；最后，要严格执法。

2019年3月5日，李强总理在会见外宾时表示，“中方愿与各方一道努力，共同发展。”他强调，“要坚持多边主义，反对单边主义。”报告指出：“经济运行总体平稳，稳中有进。”

今年5月，论坛在西安举办，5月20日，双方签署协议。去年发布了《合作倡议》，明年将举办第二届论坛。

倡导开放合作，构建更加繁荣的世界。倡导共同安全，构建更加和平的世界。我们要以开放促改革，以开放促发展，以开放促创新。反对保护主义，反对单边主义。
"""

TRADITIONAL = """## 凝聚共識 開拓創新

某某 秘書長

習近平主席指出：「我們要深化交流、務實合作，共同推動構建網絡空間命運共同體。」大會發佈了《攜手構建網絡空間命運共同體行動倡議》，提出「四項原則」。

主要任務有：一是加強合作；二是促進發展；三是維護安全。

今年4月16日，論壇在西安舉辦。2023年11月8日，峰會開幕。
"""


REPORT = """## 政府工作报告

李某 国务院总理

过去一年，我们优化经济结构，稳就业、稳企业、稳预期，保持经济运行在合理区间。我们要坚持以人民为中心，坚持新发展理念，坚持深化改革开放，坚持系统观念。党的二十大以来，我们深刻领悟“两个确立”的决定性意义，十九大报告提出打好三大攻坚战。
"""


@pytest.fixture(scope="module")
def other() -> zhspeech.Speech:
    return zhspeech.parse(OTHER)


@pytest.fixture(scope="module")
def traditional(tmp_path_factory) -> zhspeech.Speech:
    # the tokenizer knows 习近平, not 習近平: a user lexicon tags the traditional form as a person
    lexicon = tmp_path_factory.mktemp("lexicon") / "names.txt"
    lexicon.write_text("習近平 nr\n", encoding="utf-8")
    return zhspeech.parse(TRADITIONAL, lexicon=lexicon)


def _spans_hold(speech, df: pd.DataFrame, column: str = "text") -> None:
    """Every row's offsets slice exactly its text, inside the sentence it names."""
    sentences = speech.sentences.set_index("sentence")
    for row in df.itertuples():
        assert speech.text[row.start : row.end] == getattr(row, column)
        sentence = sentences.loc[row.sentence]
        assert sentence.start <= row.start and row.end <= sentence.end


# ---------------------------------------------------------------- formulas


def test_formulas_of_our_speech(speech):
    f = formulas(speech)
    texts = f["text"].tolist()
    for name in ("四项原则", "五点主张", "三个倡导"):
        assert name in texts
    row = f.set_index("text").loc["三个倡导"]
    assert row["count"] == speech.text.count("三个倡导") == 2 and row["quoted"] and row["number"] == 3
    assert f.set_index("text").loc["四项原则", "measure"] == "项"
    # counts, not formulas: 发展、安全、文明三个维度; 6大洲, 30个国家; 一个安全稳定繁荣的网络空间
    assert not {"三个维度", "一个安全"} & set(texts)
    assert not any(t[0].isdigit() for t in texts)
    mentions = formulas(speech, mentions=True)
    assert mentions.groupby("text").size().to_dict() == f.set_index("text")["count"].to_dict()
    _spans_hold(speech, mentions)
    first = mentions.groupby("text")["sentence"].min()
    assert f.set_index("text")["first_sentence"].to_dict() == first.to_dict()


def test_formulas_tell_counts_from_formulas(other):
    f = formulas(other).set_index("text")
    assert {"两个确立", "两个维护", "五位一体", "四个全面", "八项规定", "三大倡议"} <= set(f.index)
    assert f.loc["四个全面", "count"] == 2 and not f.loc["四个全面", "quoted"]  # unquoted, used twice
    assert f.loc["两个确立", "quoted"] and f.loc["五位一体", "measure"] == "位"
    assert not {"三个方面", "一个国家", "30个国家", "6大洲", "第一动力"} & set(f.index)


def test_formulas_are_not_party_congresses():
    texts = formulas(zhspeech.parse(REPORT))["text"].tolist()
    assert texts == ["两个确立", "三大攻坚战"]  # unquoted: the whole term, up to its last token (攻坚战)


def test_formulas_of_traditional_text(traditional):
    assert formulas(traditional)["text"].tolist() == ["四項原則"]


# ---------------------------------------------------------------- enumerations


def test_enumeration_of_our_speech(speech):
    e = enumerations(speech)
    assert len(e) == 1
    row = e.iloc[0]
    assert row["style"] == "一是" and row["n_items"] == 6 and len(row["items"]) == 6
    assert row["sentence"] == row["last_sentence"]  # one sentence
    assert row["items"][0].startswith("在增进理念共识上") and row["items"][-1].startswith("在对话合作上")
    assert all(item.startswith("在") for item in row["items"])
    items = enumerations(speech, items=True)
    assert items["item"].tolist() == [1, 2, 3, 4, 5, 6]
    assert items["marker"].tolist() == ["一是", "二是", "三是", "四是", "五是", "六是"]
    _spans_hold(speech, items)


def test_enumerations_of_other_styles(other, traditional):
    e = enumerations(other).set_index("style")
    assert e.loc["第一", "items"] == [
        "坚持开放合作。开放带来进步",
        "坚持创新驱动。创新是第一动力",
        "坚持绿色发展。首先，要转变观念；其次，要完善制度；最后，要严格执法",
    ]
    assert e.loc["首先", "items"] == ["要转变观念", "要完善制度", "要严格执法"]
    assert e.loc["第一", "last_sentence"] > e.loc["第一", "sentence"]
    t = enumerations(traditional)
    assert t["items"].tolist() == [["加強合作", "促進發展", "維護安全"]]


# ---------------------------------------------------------------- parallels


def test_parallels_of_our_speech(speech):
    p = parallels(speech)
    leads = p[p["frame"] == "倡导X，构建更加Y的网络空间"]
    assert len(leads) == 1
    row = leads.iloc[0]
    assert row["fillers"] == [("发展优先", "普惠繁荣"), ("安危与共", "和平安全"), ("文明互鉴", "平等包容")]
    lead_sentences = speech.sentences.set_index("start").loc[[pt.start for pt in speech.points[:3]], "sentence"]
    assert row["sentences"] == lead_sentences.tolist() and row["scope"] == "sentence"
    by_frame = p.set_index("frame")["fillers"]
    assert by_frame["以文X"] == ["载道", "传声", "化人"]
    assert by_frame["共同X网络空间Y"] == [("维护", "和平发展"), ("参与", "治理"), ("开创全球", "美好未来")]


def test_parallel_members_rebuild_from_frame_and_fillers(speech, other):
    for s in (speech, other):
        members = parallels(s, members=True)
        assert len(members)
        _spans_hold(s, members)
        for row in members.itertuples():
            fillers = iter([row.fillers] if isinstance(row.fillers, str) else row.fillers)
            rebuilt = "".join(ch if ch not in "XYZWVU" else next(fillers) for ch in row.frame)
            assert rebuilt == row.text


def test_parallels_of_other_text(other):
    p = parallels(other).set_index("frame")
    assert p.loc["倡导X，构建更加Y的世界", "fillers"] == [("开放合作", "繁荣"), ("共同安全", "和平")]
    assert p.loc["以开放促X", "fillers"] == ["改革", "发展", "创新"]
    assert not any(f.startswith("反对") for f in p.index)  # two clauses are repetition, not a 排比
    assert set(parallels(other, scope="clause")["scope"]) == {"clause"}
    with pytest.raises(ValueError, match="scope=.paragraph. is not one of"):
        parallels(other, scope="paragraph")


def test_clause_frames_widen_and_anaphora():
    p = parallels(zhspeech.parse(REPORT)).set_index("frame")
    assert p.loc["稳X", "fillers"] == ["就业", "企业", "预期"]  # 稳就业、稳企业 alone would give 稳X业
    assert p.loc["坚持X", "fillers"] == ["以人民为中心", "新发展理念", "深化改革开放", "系统观念"]


def test_frame_text_names_slots():
    assert frame_text(("倡导", None, "，构建更加", None, "的网络空间")) == "倡导X，构建更加Y的网络空间"


# ---------------------------------------------------------------- quotations


def test_quotations_of_our_speech(speech):
    q = quotations(speech)
    _spans_hold(speech, q)
    said = q[q["kind"] == "speech"]
    assert said["speaker"].tolist() == ["习近平"] * 3
    assert said["speaker_title"].tolist() == ["主席"] * 3
    assert said["verb"].tolist() == ["指出", "强调", "强调"]
    assert said.iloc[0]["text"].startswith("我们要深化交流") and said.iloc[2]["text"].startswith(
        "要更好推动中华文化走出去"
    )
    terms = set(q.loc[q["kind"] == "term", "text"])
    assert {"数字鸿沟", "战场", "四项原则", "五点主张", "三个倡导", "一带一路"} <= terms
    assert q.loc[q["kind"] == "term", "speaker"].isna().all()


def test_quotations_carry_speaker_and_tell_other_subjects(other, traditional):
    said = quotations(other).query("kind == 'speech'")
    assert said["speaker"].tolist()[:2] == ["李强", "李强"]  # 他强调 carries the subject over
    assert said["verb"].tolist() == ["表示", "强调", "指出"]
    assert said["speaker_kind"].tolist() == ["person", "person", "document"]
    assert said["speaker"].iloc[2] == "报告" and pd.isna(said["speaker_title"].iloc[2])  # 报告指出: a document speaks
    t = quotations(traditional)
    assert t["kind"].tolist() == ["speech", "term"]
    assert t.iloc[0]["verb"] == "指出" and t.iloc[0]["speaker"] == "習近平" and t.iloc[0]["speaker_title"] == "主席"


def test_quotations_attributed_after_the_quote():
    s = zhspeech.parse(
        "标题\n\n张三 部长\n\n“合作是唯一正确的选择。”王毅外长说。“开放带来进步。”他强调。提出“三个倡导”。"
    )
    q = quotations(s)
    assert q[["speaker", "speaker_title", "verb", "kind"]].values.tolist()[:2] == [
        ["王毅", "外长", "说", "speech"],
        ["王毅", "外长", "强调", "speech"],
    ]
    assert q["kind"].tolist()[2] == "term" and q["text"].tolist()[2] == "三个倡导"  # a verb with a name


# ---------------------------------------------------------------- documents


SIX_DOCUMENTS = [
    "携手构建网络空间命运共同体",
    "携手构建网络空间命运共同体行动倡议",
    "全球数字契约",
    "世界互联网大会爱（AI）公益行动计划（2023—2025年）",
    "科技之魅",
    "世界互联网大会跨境电商实践案例集（2024年）",
]


def test_documents_of_our_speech(speech):
    d = documents(speech)
    assert d["title"].tolist() == SIX_DOCUMENTS
    assert d["count"].tolist() == [speech.text.count(f"《{t}》") for t in SIX_DOCUMENTS]
    _spans_hold(speech, documents(speech, mentions=True), column="title")


def test_documents_of_traditional_text(traditional):
    assert documents(traditional)["title"].tolist() == ["攜手構建網絡空間命運共同體行動倡議"]


# ---------------------------------------------------------------- timeline


def test_timeline_of_our_speech(speech):
    t = timeline(speech, year=2024)
    _spans_hold(speech, t, column="expression")
    assert t["date"].tolist() == sorted(t["date"].tolist())
    assert t["date"].tolist() == [
        "2014",
        "2015-12-16",
        "2019",
        "2020",
        "2021",
        "2022-07-12",
        "2023",
        "2023-06",
        "2023-11-08",
        "2023-11-08",
        "2024-02",
        "2024-04-16",
    ]
    rel = t[t["kind"] == "relative"]
    assert rel["expression"].tolist() == ["今年2月", "今年4月16日"] and not rel["inferred"].any()
    assert not t["expression"].str.contains("第十年|2025|届").any()  # ordinals and years inside 《…》 titles


def test_timeline_year_comes_from_the_speech_never_from_the_years_it_mentions(speech):
    # the kit's speech has no date line: its file name (…_2024.md) gives the year, and the rows resting on it say so
    assert (speech.year, speech.year_source) == (2024, "file name")
    t = timeline(speech)
    assert (t.attrs["document_year"], t.attrs["document_year_source"]) == (2024, "file name")
    assert t.loc[t["kind"] == "relative", "date"].tolist() == ["2024-02", "2024-04-16"]
    assert t.loc[t["kind"] == "relative", "inferred"].all()
    assert not t.loc[t["kind"] != "relative", "inferred"].any() and not t["unresolved"].any()
    later = timeline(speech, year=2025)
    assert later.loc[later["kind"] == "relative", "date"].tolist() == ["2025-02", "2025-04-16"]
    assert later.attrs["document_year_source"] == "argument" and not later["inferred"].any()
    # the same text with no file name and no date line: the year is unknown, though the text writes out 2024年
    bare = timeline(zhspeech.parse(config.SPEECH_PATH.read_text(encoding="utf-8")))
    assert bare.attrs["document_year"] is None and bare.attrs["document_year_source"] is None
    rel = bare[bare["kind"] == "relative"]
    assert rel["expression"].tolist() == ["今年2月", "今年4月16日"]
    assert rel["unresolved"].all() and rel["year"].isna().all() and rel["date"].isna().all()
    assert bare["unresolved"].tolist() == [False] * (len(bare) - 2) + [True, True]  # unresolved rows come last
    assert bare.attrs["unresolved"] == 2 and "pass year=" in bare.attrs["note"]
    assert timeline(speech).attrs["note"] is None


def test_timeline_relative_dates_given_and_unknown(other):
    given = timeline(other, year=2024).set_index("expression")
    assert given.loc["今年5月", "date"] == "2024-05" and given.loc["去年", "date"] == "2023"
    assert given.loc["明年", "date"] == "2025" and given.loc["5月20日", "date"] == "2024-05-20"
    assert not given["inferred"].any() and not given["unresolved"].any()
    assert timeline(zhspeech.parse(OTHER, year=2024)).equals(timeline(other, year=2024))  # parse(year=) is the same
    unknown = timeline(other).set_index("expression")  # the text writes out 2019年3月5日: not the document's year
    assert unknown.loc["2019年3月5日", "date"] == "2019-03-05" and not unknown.loc["2019年3月5日", "unresolved"]
    for expr in ("今年5月", "5月20日", "去年", "明年"):  # 5月20日 follows 今年5月 in its paragraph
        assert unknown.loc[expr, "date"] is None and unknown.loc[expr, "unresolved"], expr
    for bad in (1700, 3000, "2024", True):
        with pytest.raises(ValueError, match="year must be"):
            timeline(other, year=bad)
        with pytest.raises(ValueError, match="year must be"):
            zhspeech.parse(OTHER, year=bad)


def test_timeline_of_traditional_text(traditional):
    t = timeline(traditional)
    assert t["date"].tolist() == ["2023-11-08", None] and t["unresolved"].tolist() == [False, True]
    t = timeline(traditional, year=2023)
    assert t["date"].tolist() == ["2023-04-16", "2023-11-08"] and t["inferred"].tolist() == [False, False]


def test_timeline_chart_lists_unresolved_dates_beside_the_axis(speech):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bare = timeline(zhspeech.parse(config.SPEECH_PATH.read_text(encoding="utf-8")))
    ax = zhspeech.textplot_timeline(bare)
    markers = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(markers) == len(bare) - 2  # 今年2月 and 今年4月16日 are placed at no year
    note = ax.texts[-1].get_text()
    assert "document year is unknown" in note and "今年2月, 今年4月16日" in note
    assert all(2014 <= m.get_xdata()[0] < 2024 for m in markers)  # nothing guessed into 2024
    plt.close(ax.figure)
    ax = zhspeech.textplot_timeline(timeline(speech))  # the year from the file name: placed, hollow markers
    hollow = [m for m in ax.get_lines() if m.get_marker() == "o" and m.get_markerfacecolor() == "white"]
    assert len(hollow) == 2 and not any("unknown" in t.get_text() for t in ax.texts)
    plt.close(ax.figure)


def test_date_expressions():
    from zhspeech.rhetoric.dates import find_dates

    text = (
        "二〇一五年十二月十六日开幕；规划期为2023—2025年，行动为2021年至2022年。围绕5G、IPv6，2000多年来，"
        "第十年，21世纪，如今年轻人，此后年均增长，2035年远景目标，2023年上半年，去年11月。"
    )
    found = [(text[d.start : d.end], d.kind, d.year, d.month, d.day, d.end_year) for d in find_dates(text)]
    assert found == [
        ("二〇一五年十二月十六日", "full", 2015, 12, 16, None),
        ("2023—2025年", "range", 2023, None, None, 2025),
        ("2021年至2022年", "range", 2021, None, None, 2022),
        ("2035年", "year", 2035, None, None, None),
        ("2023年上半年", "year", 2023, None, None, None),
        ("去年11月", "relative", None, 11, None, None),
    ]


# ---------------------------------------------------------------- entities


def test_entities_of_our_speech(speech):
    e = entities(speech).set_index("text")
    organizations = {"世界互联网大会", "联合国", "世界贸易组织", "二十国集团", "亚太经合组织", "金砖国家", "上合组织"}
    assert organizations <= set(e.index[e["kind"] == "organization"])
    assert e.loc["习近平", "kind"] == "person" and e.loc["习近平", "count"] == speech.text.count("习近平")
    assert {"西班牙", "西安", "乌镇"} <= set(e.index[e["kind"] == "place"])
    assert not {"文明", "智慧", "嘉宾", "大洲"} & set(e.index)  # common words jieba's dictionary tags as names
    long = entities(speech, mentions=True)
    _spans_hold(speech, long)
    assert long.groupby("text").size().to_dict() == e["count"].to_dict()


# ---------------------------------------------------------------- command line


def test_cli_rhetoric_json(capsys):
    assert cli.main(["rhetoric", str(config.SPEECH_PATH), "--json", "--year", "2024"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"formulas", "enumerations", "parallels", "quotations", "documents", "timeline", "entities"}
    assert out["year"] == 2024 and out["year_source"] == "argument" and out["timeline_note"] is None
    assert {"四项原则", "五点主张", "三个倡导"} <= {f["text"] for f in out["formulas"]}
    assert all(set(f) >= {"text", "count", "first_sentence"} for f in out["formulas"])
    assert [len(e["items"]) for e in out["enumerations"]] == [6]
    leads = [p for p in out["parallels"] if p["frame"] == "倡导X，构建更加Y的网络空间"][0]
    assert leads["fillers"] == ["发展优先…普惠繁荣", "安危与共…和平安全", "文明互鉴…平等包容"]
    said = [(q["speaker"], q["verb"]) for q in out["quotations"] if q["kind"] == "speech"]
    assert said == [("习近平", "指出"), ("习近平", "强调"), ("习近平", "强调")]
    assert {q["kind"] for q in out["quotations"]} == {"speech", "term"}
    assert [d["title"] for d in out["documents"]] == SIX_DOCUMENTS
    last = out["timeline"][-1]
    assert (last["date"], last["inferred"], last["unresolved"]) == ("2024-04-16", False, False)
    assert all(set(e) >= {"text", "kind", "count"} for e in out["entities"])


def test_cli_rhetoric_text_and_year(capsys, tmp_path):
    path = tmp_path / "other.md"
    path.write_text(OTHER, encoding="utf-8")
    assert cli.main(["rhetoric", str(path)]) == 0
    text = capsys.readouterr().out
    for heading in ("Formulas", "Enumerations", "Parallels", "Quotations", "Documents", "Timeline", "Entities"):
        assert f"\n{heading} (" in text
    assert "(document year unknown)" in text and "inferred" not in text
    assert text.count("unresolved  ") == 4 and "note: 4 date(s)" in text  # 今年5月, 5月20日, 去年, 明年
    assert cli.main(["rhetoric", str(path), "--json", "--year", "2030"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["year"], out["year_source"]) == (2030, "argument")
    assert {t["date"] for t in out["timeline"] if t["kind"] == "relative"} == {"2030-05", "2029", "2031"}
    named = tmp_path / "2019年合作论坛讲话.md"  # a year in the file name dates the speech
    named.write_text(OTHER, encoding="utf-8")
    assert cli.main(["rhetoric", str(named)]) == 0
    text = capsys.readouterr().out
    assert "(document year 2019, from the file name)" in text
    assert "2019-05*" in text and "resolved against the year in the file name, 2019" in text


@pytest.mark.parametrize("year", ["abc", "1066", "30000", "20.5"])
def test_cli_rhetoric_bad_year(capsys, year):
    assert cli.main(["rhetoric", str(config.SPEECH_PATH), "--year", year]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --year") and err.count("\n") == 1


def test_cli_rhetoric_missing_file(capsys, tmp_path):
    assert cli.main(["rhetoric", str(tmp_path / "nope.md")]) == 2
    assert capsys.readouterr().err.startswith("error:")
