"""Traditional text: detected, segmented and counted in its simplified form, shown as written."""

from __future__ import annotations

import opencc
import pytest

import zhspeech
from zhspeech import config
from zhspeech.text import script as _script
from zhspeech.textstat import kwic, script_notice, textstat_collocations, textstat_frequency, textstat_keyness
from zhspeech.tokens import load_lexicon, stopwords, text_terms, tokenize

CORPUS = sorted((config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports").glob("*.txt"))
TRADITIONAL = config.PROJ_ROOT / "tests" / "texts" / "traditional_no_headings.txt"
REPORT_2017 = config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports" / "2017政府工作报告_李克强.txt"


@pytest.fixture(scope="module")
def traditional() -> zhspeech.Speech:
    return zhspeech.load(TRADITIONAL)


@pytest.fixture(scope="module")
def report_pair(tmp_path_factory) -> tuple[zhspeech.Speech, zhspeech.Speech]:
    """The 2017 report as published (simplified) and converted to traditional characters with OpenCC s2t."""
    path = tmp_path_factory.mktemp("traditional") / "2017政府工作報告_李克強.txt"
    path.write_text(opencc.OpenCC("s2t").convert(REPORT_2017.read_text(encoding="utf-8")), encoding="utf-8")
    return zhspeech.load(REPORT_2017), zhspeech.load(path)


def test_script_of_every_corpus_report_and_their_traditional_forms():
    assert len(CORPUS) >= 45
    s2t = opencc.OpenCC("s2t")
    for path in CORPUS:
        text = path.read_text(encoding="utf-8")
        assert _script.script_of(text) == "simplified", path.name
        changed = sum(a != b for a, b in zip(text, _script.to_simplified(text)))  # a variant or two (拚 → 拼)
        assert changed <= 5, path.name
    for path in CORPUS[::12]:
        assert _script.script_of(s2t.convert(path.read_text(encoding="utf-8"))) == "traditional", path.name
    assert _script.script_of(TRADITIONAL.read_text(encoding="utf-8")) == "traditional"
    assert _script.script_of("") == "simplified" and _script.script_of("abc 123") == "simplified"


def test_to_simplified_keeps_the_length_where_a_phrase_would_change_it(monkeypatch):
    class Phrases:  # a converter whose phrase table maps two characters to one (OpenCC's are 1:1 today)
        def convert(self, text: str) -> str:
            return text.replace("甲乙", "丙").replace("發", "发")

    monkeypatch.setattr(_script, "_t2s", lambda: Phrases())
    text = "甲乙發\n發展"
    out = _script.to_simplified(text)
    assert out == "甲乙发\n发展" and len(out) == len(text)  # the first line character by character, the second whole


def test_traditional_tokens_keep_the_text_as_written(traditional):
    tokens = traditional.tokens
    assert tokens.attrs["script"] == "traditional"
    words, norms = tokens["token"].astype(str).tolist(), tokens["norm"].astype(str).tolist()
    for word, norm, start, end in zip(words, norms, tokens["start"], tokens["end"]):
        assert traditional.text[start:end] == word and len(norm) == len(word)
        assert norm == opencc.OpenCC("t2s").convert(word)
    assert words != norms  # the text is written differently from its simplified form
    stop = stopwords()
    expected = [w and n in stop for n, w in zip(norms, tokens["is_word"])]
    assert tokens["is_stop"].tolist() == expected  # stopwords are judged on the simplified form
    assert "我們" in words and tokens.loc[tokens["token"] == "我們", "is_stop"].all()


def test_traditional_words_come_out_whole():
    # hand-checked: before, 兩岸關係 was cut 兩岸關/係 and 你們 你/們 (the dictionary is simplified)
    tokens = tokenize("推動兩岸關係和平發展，你們說對不對？我們會讓大家來看。")
    words = tokens["token"].astype(str).tolist()
    assert {"兩岸關係", "你們", "我們", "推動"} <= set(words)
    norm = dict(zip(words, tokens["norm"].astype(str)))
    assert norm["兩岸關係"] == "两岸关系" and norm["你們"] == "你们"
    stop = dict(zip(words, tokens["is_stop"]))
    assert stop["你們"] and stop["我們"] and stop["會"] and stop["讓"] and not stop["兩岸關係"]


def test_simplified_text_norm_is_the_token(tokens):
    assert tokens.attrs["script"] == "simplified"
    assert tokens["norm"].astype(str).tolist() == tokens["token"].astype(str).tolist()
    assert script_notice(tokens).startswith("Written in simplified characters")


def test_converted_report_is_counted_like_the_published_one(report_pair):
    simplified, traditional = report_pair
    a, b = simplified.tokens, traditional.tokens
    assert b.attrs["script"] == "traditional" and script_notice(b).startswith("Written in traditional characters")
    assert b["norm"].astype(str).tolist() == a["token"].astype(str).tolist()  # the same segmentation
    assert (b["token"].astype(str) != b["norm"].astype(str)).mean() > 0.3
    ka, kb = textstat_keyness(a, min_count=2), textstat_keyness(b, min_count=2)
    assert kb[["term", "count", "ref_count"]].equals(ka[["term", "count", "ref_count"]])
    # OpenCC's s2t wrote 髮展 (hair) in a few places: counted with 發展, the most frequent form listed first
    assert kb.loc[kb["term"] == "发展", "written"].iloc[0].split("、")[0] == "發展"


def _key_figures(speech: zhspeech.Speech, min_count: int) -> tuple[list[str], list[str]]:
    """Stopwords among the top 50 key terms, and terms of the top 100 without a reference count that are neither in
    the lexicons nor marked by the text."""
    key = textstat_keyness(speech, min_count=min_count, drop_stopwords="over")
    stop = stopwords()
    stops = [t for t in key.head(50)["term"] if _script.to_simplified(t) in stop]
    known = set(load_lexicon()["word"]) | set(text_terms(speech)["term"])
    top = key.head(100)
    unknown = [t for t in top.loc[top["ref_count"] == 0, "term"] if t not in known]
    return stops, unknown


@pytest.mark.parametrize("which", ["short", "report"])
def test_keyness_of_a_traditional_text_against_the_simplified_reference(which, traditional, report_pair):
    # before: the 2017 report in traditional characters had 85 of its top 100 rows without a reference count
    # (發展, 經濟 …) and 爲, 對, 我們 among its top 50 key terms
    speech, min_count = (traditional, 1) if which == "short" else (report_pair[1], 3)
    stops, unknown = _key_figures(speech, min_count)
    assert stops == []
    assert len(unknown) <= 10


def test_statistics_count_both_scripts_as_one_term():
    tokens = tokenize("發展是硬道理。我們要發展。我们要发展。")
    freq = textstat_frequency(tokens).set_index("term")
    assert freq.loc["发展", "count"] == 3 and freq.loc["发展", "written"] == "發展、发展"  # most frequent form first
    assert freq.loc["我们", "count"] == 2 and "我們" not in freq.index


def test_search_a_traditional_text_in_either_script(traditional):
    written = kwic(traditional, "發展")
    assert len(written) == traditional.text.count("發展") > 0
    assert kwic(traditional, "发展").equals(written) and set(written["node"]) == {"發展"}
    a = textstat_collocations(traditional, "數位", min_count=1, negative=True)
    b = textstat_collocations(traditional, "数位", min_count=1, negative=True)
    assert a.equals(b) and a.attrs["node_forms"] == {"数位": 3}
