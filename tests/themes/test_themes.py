"""Themes: the codebook, the audited coding, section × theme shares, NMF topics, the co-occurrence network, the CLI."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import zhspeech
from zhspeech import config
from zhspeech.cli import main
from zhspeech.errors import CodebookError
from zhspeech.themes._content import GENERIC_TERMS
from zhspeech.themes.codebook import HIT_COLUMNS, UncodedWarning

CYBER = config.SPEECH_CODEBOOK  # the first speech's codebook: its tests below are about that speech's frame
CORPUS = sorted((config.RAW_DIR / "corpus" / "gov_work_reports").glob("*.txt"))
SAMPLE = Path(__file__).parent / "data" / "precision_sample.csv"

SMALL = """# 测试讲话

## 一、第一部分

网络安全很重要。人们有安全感。共享发展成果。成果属于人民。

## 二、第二部分

第二段讲AI和5G。发展中国家需要数据安全。
"""

SMALL_CODEBOOK = """
themes:
  - name: 安全
    gloss: security
    terms: [数据安全]
    regex: ['安全(?!感)']
  - name: 发展
    terms: [发展中国家, 发展]
    all:
      - [共享, 成果]
  - name: 技术
    terms: [数据]
    regex: ['(?<![A-Za-z0-9])(?:AI|5G)(?![A-Za-z0-9])']
"""


@pytest.fixture(scope="module")
def small():
    return zhspeech.parse(SMALL)


@pytest.fixture()
def small_codebook(tmp_path):
    path = tmp_path / "small.yml"
    path.write_text(SMALL_CODEBOOK, encoding="utf-8")
    return zhspeech.load_codebook(path)


@pytest.fixture(scope="module")
def hits(speech):
    return zhspeech.theme_hits(speech, CYBER)


@pytest.fixture(scope="module")
def graph(tokens):
    return zhspeech.cooccurrence_network(tokens)


# ------------------------------------------------------------------ codebook


def test_default_codebook_is_the_policy_agendas_one():
    book = zhspeech.load_codebook()
    assert book.path == config.THEMES_PATH == config.CODEBOOKS_DIR / "policy_agendas.yml"
    assert zhspeech.load_codebook("policy_agendas") == book
    glosses = {t.gloss.split(",")[0].split(" and ")[0] for t in book.themes}
    cap = {"macroeconomy", "health", "agriculture", "labour", "education", "environment", "energy", "transportation"}
    assert cap | {"law", "social welfare", "housing", "defence", "foreign trade", "culture"} <= glosses
    assert all(t.gloss and "CAP" in t.note for t in book.themes)
    kinds = {k for t in book.themes for k in ("terms", "all", "regex") if getattr(t, k)}
    assert kinds >= {"terms", "regex"}


def test_codebooks_by_name_and_unknown_names():
    assert zhspeech.themes.codebook.shipped_codebooks() == ["policy_agendas", "cyberspace"]
    assert zhspeech.load_codebook("cyberspace").path == config.CODEBOOKS_DIR / "cyberspace.yml"
    with pytest.raises(CodebookError, match="unknown codebook 'agendas': shipped codebooks are policy_agendas, cyber"):
        zhspeech.load_codebook("agendas")
    with pytest.raises(CodebookError, match="no such codebook file"):
        zhspeech.load_codebook("mine.yml")  # a suffix: a file, never a shipped name


def test_uncoded_is_a_reserved_theme_name(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("themes:\n  - name: uncoded\n    terms: [发展]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="'uncoded' is reserved"):
        zhspeech.load_codebook(path)


def test_cyberspace_codebook_has_the_three_initiatives_and_the_genre_themes():
    book = zhspeech.load_codebook(CYBER)
    assert list(book.names[:3]) == ["发展", "安全", "文明"]
    assert {"治理", "合作与平台", "技术与数字经济", "文化与交流"} <= set(book.names)
    assert all(t.gloss for t in book.themes)
    kinds = {k for t in book.themes for k in ("terms", "all", "regex") if getattr(t, k)}
    assert kinds == {"terms", "all", "regex"}  # the shipped file shows every rule kind
    assert list(book.to_frame()["theme"]) == list(book.names)


@pytest.mark.parametrize(
    "text, entry, message",
    [
        ("themes:\n  - name: 发展\n    terms: [发展, 普惠\n", "line", "YAML syntax error"),
        ("themes:\n  - gloss: x\n    terms: [发展]\n", "theme #1", "missing 'name'"),
        ("themes:\n  - name: 发展\n    any: [发展]\n", "'发展'", "unknown rule kind 'any'"),
        ("themes:\n  - name: 发展\n    terms: []\n", "'发展'", "non-empty list"),
        ("themes:\n  - name: 发展\n    terms: [发展, '']\n", "'发展'", "empty or non-text term"),
        ("themes:\n  - name: 安全\n    regex: ['安全(']\n", "'安全'", "bad regular expression"),
        ("themes:\n  - name: 安全\n    regex: ['安?']\n", "'安全'", "matches the empty string"),
        ("themes:\n  - name: 发展\n    all: [[共享]]\n", "'发展'", "two or more distinct terms"),
        ("themes:\n  - name: 发展\n    gloss: development\n", "'发展'", "no rules"),
        ("themes:\n  - name: 发展\n    terms: [a]\n  - name: 发展\n    terms: [b]\n", "theme #2", "duplicate"),
        ("themes: []\n", "themes", "at least one theme"),
        ("- just a list\n", "themes", "top-level 'themes:'"),
    ],
)
def test_codebook_errors_name_the_file_and_the_entry(tmp_path, text, entry, message):
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        zhspeech.load_codebook(path)
    msg = str(info.value)
    assert "\n" not in msg
    assert str(path) in msg and entry in msg and message in msg


def test_missing_codebook_file(tmp_path):
    with pytest.raises(CodebookError, match="no such codebook file"):
        zhspeech.load_codebook(tmp_path / "nope.yml")


# ------------------------------------------------------------------ coding


def test_small_text_coding_is_exact(small, small_codebook):
    got = zhspeech.theme_hits(small, small_codebook)
    assert list(got.columns) == HIT_COLUMNS
    coded = {(r.sentence, r.theme): (r.rule, r.matched) for r in got.itertuples()}
    counts = {(r.sentence, r.theme): r.matches for r in got.itertuples()}
    # sentences in text order: 1 title 测试讲话, 2 heading 一、第一部分, 3–6 body, 7 heading 二、第二部分, 8–9 body
    assert coded == {
        (3, "安全"): ("regex:安全(?!感)", "安全"),  # 安全感 in sentence 4 is not coded
        (5, "发展"): ("terms; all:共享+成果", "共享、发展、成果"),
        (9, "发展"): ("terms", "发展中国家"),  # longest term wins
        (9, "安全"): ("terms; regex:安全(?!感)", "数据安全"),  # 安全 inside 数据安全: not repeated
        (8, "技术"): ("regex:(?<![A-Za-z0-9])(?:AI|5G)(?![A-Za-z0-9])", "AI、5G"),
        (9, "技术"): ("terms", "数据"),
    }
    assert (6, "发展") not in coded  # 成果 alone does not complete the all-of group
    assert counts[(9, "安全")] == 2 and counts[(5, "发展")] == 3 and counts[(8, "技术")] == 2
    assert set(got["part"]) == {"body"}
    first = got.set_index(["sentence", "theme"]).loc[(9, "安全")]
    assert small.text[first["start"] : first["end"]] == "数据安全"


def test_traditional_text_is_coded_with_a_simplified_codebook(small_codebook):
    traditional = zhspeech.parse("# 測試\n\n我們要共享發展成果。網路數據安全很重要。\n")
    got = zhspeech.theme_hits(traditional, small_codebook)
    coded = {(r.sentence, r.theme): r.matched for r in got.itertuples()}
    assert coded == {(2, "发展"): "共享、發展、成果", (3, "安全"): "數據安全", (3, "技术"): "數據"}  # 1: the title
    assert all(traditional.text[r.start : r.end] == r.matched.split("、")[0] for r in got.itertuples())


def test_audit_rows_point_at_the_evidence(speech, hits):
    assert list(hits.columns) == HIT_COLUMNS
    assert not hits.duplicated(["sentence", "theme"]).any()
    sentences = speech.sentences.set_index("sentence")
    for row in hits.itertuples():
        assert speech.text[row.start : row.end] == row.matched.split("、")[0]
        assert row.text == sentences.at[row.sentence, "text"]
        assert (row.paragraph, row.section) == tuple(sentences.loc[row.sentence, ["paragraph", "section"]])
        assert all(m in row.text for m in row.matched.split("、"))
        assert row.matches >= len(row.matched.split("、"))


def test_each_initiative_lead_is_coded_with_its_theme(speech, hits):
    leads = {"倡导发展优先": "发展", "倡导安危与共": "安全", "倡导文明互鉴": "文明"}
    for phrase, theme in leads.items():
        sentence = speech.sentences.loc[speech.sentences["text"].str.startswith(phrase), "sentence"]
        assert len(sentence) == 1, phrase
        assert ((hits["sentence"] == sentence.iloc[0]) & (hits["theme"] == theme)).any(), phrase


def test_token_matching_is_a_subset_of_substring_matching(speech, hits):
    by_token = zhspeech.theme_hits(speech, CYBER, match="token")
    pairs = set(zip(hits["sentence"], hits["theme"]))
    assert set(zip(by_token["sentence"], by_token["theme"])) <= pairs
    starts, ends = set(speech.tokens["start"]), set(speech.tokens["end"])
    assert all(s in starts and e in ends for s, e in zip(by_token["start"], by_token["end"]))


def test_bad_options_name_the_allowed_values(small):
    with pytest.raises(ValueError, match="match='word'.*'substring', 'token'"):
        zhspeech.theme_hits(small, match="word")
    with pytest.raises(ValueError, match="by='point'.*'section', 'paragraph'"):
        zhspeech.textstat_themes(small, by="point")


def test_title_and_headings_are_coded_and_parts_restrict(speech, hits):
    parts = speech.sentences.set_index("sentence")["part"]
    assert (hits["part"].to_numpy() == parts.loc[hits["sentence"]].to_numpy()).all()
    headings = hits[hits["part"] == "heading"]
    assert len(headings) > 0 and (headings["paragraph"] == 0).all()
    # section 1's heading names the three qualities 普惠繁荣、和平安全、平等包容: it is coded like any sentence
    first = headings[headings["section"] == 1].set_index("theme")["matched"].to_dict()
    assert {"发展", "安全", "文明"} <= set(first) and "和平" in first["安全"]
    assert set(hits.loc[hits["part"] == "title", "sentence"]) == {1}
    body = zhspeech.theme_hits(speech, CYBER, parts=("body",))
    pd.testing.assert_frame_equal(body, hits[hits["part"] == "body"].reset_index(drop=True))
    assert zhspeech.theme_hits(speech, CYBER, parts="heading").equals(headings.reset_index(drop=True))
    with pytest.raises(ValueError, match="parts='bdy' is not one of 'title', 'heading', 'body', 'back'"):
        zhspeech.theme_hits(speech, parts="bdy")
    with pytest.raises(ValueError, match="parts='bdy'"):
        zhspeech.textstat_themes(speech, parts=["bdy"])


@pytest.mark.filterwarnings("ignore::zhspeech.themes.codebook.UncodedWarning")  # five of nine sentences: a toy codebook
def test_shares_count_the_parts_chosen(small, small_codebook):
    long = zhspeech.textstat_themes(small, small_codebook, form="long")
    # section 0: the title; section 1: its heading and four body sentences; section 2: heading and two sentences
    assert long.groupby("section")["sentences"].first().to_dict() == {0: 1, 1: 5, 2: 3}
    body = zhspeech.textstat_themes(small, small_codebook, form="long", parts="body")
    assert body.groupby("section")["sentences"].first().to_dict() == {1: 4, 2: 2}
    assert body.set_index(["section", "theme"]).loc[(1, "安全"), "share"] == pytest.approx(1 / 4)
    assert long.set_index(["section", "theme"]).loc[(1, "安全"), "share"] == pytest.approx(1 / 5)
    by_paragraph = zhspeech.textstat_themes(small, small_codebook, by="paragraph", form="long")
    assert sorted(set(by_paragraph["paragraph"])) == [1, 2]  # title and heading lines are in no paragraph


# ------------------------------------------------------------------ scores


def test_section_shares_recompute_from_counts(speech, hits):
    long = zhspeech.textstat_themes(speech, CYBER, by="section", form="long", hits=hits)
    wide = zhspeech.textstat_themes(speech, CYBER, by="section", hits=hits)
    names = list(zhspeech.load_codebook(CYBER).names)
    assert list(wide.columns) == [*names, "uncoded"]
    coded = hits.groupby("section")["sentence"].nunique()
    for section, rows in long.groupby("section"):
        uncoded = rows["sentences"].iloc[0] - coded.get(section, 0)
        assert (rows["uncoded"] == uncoded).all()
        assert wide.at[section, "uncoded"] == pytest.approx(uncoded / rows["sentences"].iloc[0])
    assert list(wide.index) == sorted(speech.sentences["section"].unique()) == [0, 1, 2, 3]
    assert np.allclose(long["share"], long["hits"] / long["sentences"])
    per_section = speech.sentences.groupby("section").size()
    assert (long.groupby("section")["sentences"].first() == per_section).all()
    counted = hits.groupby(["section", "theme"]).size()
    for row in long.itertuples():
        assert row.hits == counted.get((row.section, row.theme), 0)
        assert wide.at[row.section, row.theme] == pytest.approx(row.share)


def test_paragraph_scores_cover_every_paragraph(speech, hits):
    wide = zhspeech.textstat_themes(speech, CYBER, by="paragraph", hits=hits)
    assert list(wide.index) == list(speech.paragraphs["paragraph"])
    assert ((wide >= 0) & (wide <= 1)).all().all()
    assert zhspeech.textstat_themes(speech, CYBER, by="paragraph").equals(wide)


# ------------------------------------------------------------------ topics


def test_topics_are_deterministic_and_consistent(speech):
    first = zhspeech.textmodel_topics(speech)
    again = zhspeech.textmodel_topics(speech)
    pd.testing.assert_frame_equal(first.topics, again.topics)
    pd.testing.assert_frame_equal(first.document_topics, again.document_topics)
    sel = first.selection
    assert list(sel["k"]) == list(range(2, 9))
    assert sel.loc[sel["chosen"], "k"].item() == first.n_topics == sel.loc[sel["coherence"].idxmax(), "k"]
    assert len(first.topics) == first.n_topics and list(first.topics["topic"]) == list(range(1, first.n_topics + 1))
    assert first.topics["share"].is_monotonic_decreasing and first.topics["share"].sum() == pytest.approx(1)
    assert all(label == "·".join(terms[:3]) for label, terms in zip(first.topics["label"], first.topics["terms"]))
    assert list(first.document_topics.index) == list(speech.paragraphs["paragraph"])
    assert np.allclose(first.document_topics.sum(axis=1), 1)
    assert all(len(e) == 2 and set(e) <= set(speech.sentences["text"]) for e in first.topics["examples"])


def test_topics_with_fixed_k_and_sentences(speech):
    fixed = zhspeech.textmodel_topics(speech, n_topics=3, unit="sentence")
    assert fixed.n_topics == 3 and len(fixed.selection) == 1
    assert fixed.document_topics.shape == (len(speech.sentences), 3)
    with pytest.raises(ValueError, match="unit='section'"):
        zhspeech.textmodel_topics(speech, unit="section")


# ------------------------------------------------------------------ network


def test_network_weights_recompute_from_sentences(tokens, graph):
    content = zhspeech.themes.content_tokens(tokens)
    sets = content.groupby(content["token"].astype(str), observed=True)["sentence"].agg(set)
    assert graph.number_of_edges() > 0
    for a, b, data in graph.edges(data=True):
        n12 = len(sets[a] & sets[b])
        assert data["n12"] == n12 >= 2
        assert data["weight"] == pytest.approx(n12 / len(sets[a] | sets[b]), abs=1e-6)
        assert data["weight"] >= 0.25
    for term, data in graph.nodes(data=True):
        assert data["sentences"] == len(sets[term]) >= 3
        assert data["count"] == int((content["token"].astype(str) == term).sum())


def test_network_and_communities_are_deterministic(tokens, graph):
    again = zhspeech.cooccurrence_network(tokens)
    assert nx.utils.graphs_equal(graph, again)
    table = zhspeech.network_communities(graph)
    assert table.equals(zhspeech.network_communities(again))
    assert table["size"].sum() == graph.number_of_nodes()
    assert list(table["community"]) == list(range(1, len(table) + 1))
    assert table["size"].is_monotonic_decreasing
    members = [t for terms in table["terms"] for t in terms]
    assert sorted(members) == sorted(graph.nodes)


def test_logdice_network(tokens):
    g = zhspeech.cooccurrence_network(tokens, measure="logdice", threshold=12)
    assert g.number_of_edges() > 0
    assert all(12 <= w <= 14 for _, _, w in g.edges(data="weight"))
    with pytest.raises(ValueError, match="measure='pmi'"):
        zhspeech.cooccurrence_network(tokens, measure="pmi")


def test_graphml_round_trip(graph, tmp_path):
    path = tmp_path / "network.graphml"
    nx.write_graphml(graph, path)
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(graph.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
    for term, data in graph.nodes(data=True):
        assert back.nodes[term] == data
    for a, b, data in graph.edges(data=True):
        assert back.edges[a, b] == data


# ------------------------------------------------------------------ CLI


def test_cli_json(capsys, speech):
    assert main(["themes", str(config.SPEECH_PATH), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"themes", "sections", "topics", "communities"} <= set(out)
    assert out["themes"] == list(zhspeech.load_codebook().names)
    assert [s["number"] for s in out["sections"]] == [0, 1, 2, 3]
    assert sum(s["sentences"] for s in out["sections"]) == len(speech.sentences) == out["sentences"]
    assert out["uncoded"] == sum(s["hits"]["uncoded"] for s in out["sections"])
    for section in out["sections"]:
        assert set(section["scores"]) == set(out["themes"]) == set(section["hits"]) - {"uncoded"}
        for theme, share in section["scores"].items():
            assert share == round(section["hits"][theme] / section["sentences"], 4)
    assert all(set(t) >= {"id", "terms", "examples"} and t["terms"] for t in out["topics"])
    assert all(len(t["examples"]) == 2 and set(t["examples"]) <= set(speech.sentences["text"]) for t in out["topics"])
    assert len(out["topics"]) == out["n_topics"]
    assert all(isinstance(c, list) and all(isinstance(t, str) for t in c) for c in out["communities"])


def test_cli_text_and_custom_codebook(capsys, tmp_path):
    book = tmp_path / "mine.yml"
    book.write_text(SMALL_CODEBOOK, encoding="utf-8")
    assert main(["themes", str(config.SPEECH_PATH), "--codebook", str(book), "--topics", "3"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^section\s+sentences\s+安全\s+发展\s+技术\s+uncoded$", out, re.M)
    assert re.search(r"^uncoded: \d+ of \d+ sentences \(\d+%\) match no theme$", out, re.M)
    assert "Topics (NMF over paragraphs, k = 3," in out and "Communities" in out


def test_cli_short_speech_reports_themes_without_topics(capsys, tmp_path):
    path = tmp_path / "short.md"
    path.write_text("# 讲话\n\n我们要推动数字经济发展，加强网络安全合作。\n", encoding="utf-8")
    assert main(["themes", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["topics"] == [] and out["n_topics"] == 0 and "topics need more than" in out["topic_error"]
    # two sentences: the title 讲话 (uncoded) and the body sentence: 数字经济 and 网络 are science and technology
    section = out["sections"][0]
    assert section["hits"]["科学技术"] == 1 and section["sentences"] == 2 == out["sentences"]
    assert section["hits"]["uncoded"] == 1 == out["uncoded"] and out["warnings"] == []


def test_cli_bad_codebook_is_one_line_exit_2(capsys, tmp_path):
    book = tmp_path / "broken.yml"
    book.write_text("themes:\n  - name: 安全\n    regex: ['(']\n", encoding="utf-8")
    assert main(["themes", str(config.SPEECH_PATH), "--codebook", str(book), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert str(book) in lines[0] and "'安全'" in lines[0]


def test_cli_chooses_a_codebook_by_name_and_warns_when_it_does_not_fit(capsys):
    report = str(CORPUS[0])  # 1954: a work report, which the cyberspace codebook was not written for
    assert main(["themes", report, "--codebook", "cyberspace", "--topics", "2"]) == 0
    out = capsys.readouterr().out
    assert "codebook: " + str(config.CODEBOOKS_DIR / "cyberspace.yml") in out
    assert re.search(r"^warning: \d+ of \d+ sentences \(\d+%\) match no theme of the 'cyberspace' codebook", out, re.M)
    assert main(["themes", report, "--codebook", "nope"]) == 2
    assert "shipped codebooks are policy_agendas, cyberspace" in capsys.readouterr().err


# ------------------------------------------------------------------ the general codebook on other texts


@pytest.mark.parametrize(
    "sentence, codebook, coded, not_coded",
    [
        ("我们要坚持发展。", None, "宏观经济与发展", None),  # bare 发展: economic and social development
        ("加强同发展中国家的团结合作。", None, "国际事务", "宏观经济与发展"),
        ("坚持和发展中国特色社会主义。", None, "党的领导与指导思想", None),
        ("坚持和完善中国特色社会主义制度。", CYBER, None, "中国方案"),  # 中国特色 is no contribution to the world
        ("大力推进生态文明建设。", None, "环境", "文化"),
        ("大力推进生态文明建设。", CYBER, None, "文明"),
        ("营商环境持续改善。", None, "商贸金融", "环境"),
        ("城镇居民基本医疗保险覆盖全体居民。", None, "卫生健康", "商贸金融"),
        ("预算收支数字将相应变化。", None, "宏观经济与发展", "科学技术"),  # 数字: the figures, not the digital
    ],
)
def test_rules_of_the_codebooks_on_sentences_of_other_texts(sentence, codebook, coded, not_coded):
    themes = set(zhspeech.theme_hits(zhspeech.parse(sentence), codebook)["theme"])
    assert coded is None or coded in themes
    assert not_coded is None or not_coded not in themes


def test_uncoded_share_warns_when_the_codebook_does_not_fit():
    report = zhspeech.load(CORPUS[0])
    with pytest.warns(UncodedWarning, match=r"match no theme of the 'cyberspace' codebook: it does not fit"):
        wide = zhspeech.textstat_themes(report, CYBER)
    assert (wide["uncoded"] > 0.5).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error", UncodedWarning)
        zhspeech.textstat_themes(report)  # the general codebook fits a work report


@pytest.mark.corpus
def test_general_codebook_leaves_well_under_half_of_every_work_report_uncoded():
    """Measured when the codebook was written: mean 12 %, max 21 % (1985) over the 49 reports, 1954–2017."""
    assert len(CORPUS) == 49
    shares = {}
    for path in CORPUS:
        report = zhspeech.load(path)
        long = zhspeech.textstat_themes(report, form="long").drop_duplicates("section")
        shares[path.name[:4]] = long["uncoded"].sum() / long["sentences"].sum()
    assert max(shares.values()) < 0.3, shares
    assert np.mean(list(shares.values())) < 0.2


@pytest.mark.corpus
def test_hand_checked_precision_of_the_general_codebook():
    """60 (sentence, theme) pairs drawn at random (seed 7) from the reports, ten per decade bucket, each judged by
    reading the sentence: is the theme what it speaks of? ``correct`` is that judgement; ``note`` says why not.

    Recomputed here: every pair judged correct must still be coded (a rule change that loses one fails the test),
    and the precision over the pairs still coded must stay at least 0.8 (0.83 on the 60 as drawn; three of the
    ten wrong pairs — 数字, 健康有益, 医疗保险 — led to rule fixes and are no longer coded)."""
    sample = pd.read_csv(SAMPLE)
    assert len(sample) == 60 and set(sample["correct"]) == {"yes", "no"}
    assert sample["note"].notna().eq(sample["correct"] == "no").all()
    still = []
    for file, rows in sample.groupby("file"):
        hits = zhspeech.theme_hits(zhspeech.load(CORPUS[0].parent / file))
        pairs = set(zip(hits["text"], hits["theme"]))
        still += [(r.correct, (r.text, r.theme) in pairs) for r in rows.itertuples()]
    assert all(kept for correct, kept in still if correct == "yes")
    kept = [correct for correct, ok in still if ok]
    assert (sample["correct"] == "yes").mean() == pytest.approx(50 / 60)
    assert kept.count("yes") / len(kept) >= 0.8


# ------------------------------------------------------------------ topics on a long report


def test_topics_of_a_long_report_are_many_nameable_and_have_examples():
    report = zhspeech.load(CORPUS[-1])  # 2017: 101 paragraphs
    model = zhspeech.textmodel_topics(report)
    assert list(model.selection["k"]) == list(range(5, 11)) and model.n_topics >= 5
    sentences = set(report.sentences["text"])
    for row in model.topics.itertuples():
        assert not set(row.terms) & GENERIC_TERMS
        assert len(row.examples) == 2 and set(row.examples) <= sentences
        assert any(term in example for example in row.examples for term in row.terms[:5])
    terms = {t for row in model.topics.itertuples() for t in row.terms[:5]}
    assert {"农业", "就业"} <= terms  # the farm and the jobs topics of the report (read from its topic table)


def test_topics_and_networks_count_the_simplified_form_of_a_traditional_text():
    speech = zhspeech.parse("我們推動經濟發展。經濟發展需要改革。我们推动经济发展。")
    content = zhspeech.themes.content_tokens(speech.tokens)
    assert set(content["token"].astype(str)) <= set(speech.tokens["norm"].astype(str))
    assert "发展" in set(content["token"].astype(str)) and "發展" not in set(content["token"].astype(str))
