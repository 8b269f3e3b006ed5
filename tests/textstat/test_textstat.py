"""Vocabulary statistics, each checked against an independent computation.

Small hand-built token tables give exact expectations (Gries' DP textbook example, hand-counted windows, MTLD by
hand); scipy's G-test checks every G²; the real speech checks that the tables add up.
"""

from __future__ import annotations

import math
import unicodedata

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

import zhspeech
from zhspeech import SpeechError
from zhspeech.textstat import (
    bh_adjust,
    g2_statistic,
    kwic,
    textstat_collocations,
    textstat_diversity,
    textstat_frequency,
    textstat_keyness,
    textstat_keyness_sections,
    textstat_ngrams,
    textstat_pos,
    textstat_sentence_lengths,
)
from zhspeech.textstat.measures import _p_values
from zhspeech.textstat.reference import Reference, load_reference

STOP = {"的", "和", "s"}


def make_tokens(paragraphs: list[list[str]], sections: list[int] | None = None) -> pd.DataFrame:
    """A token table from paragraphs of sentences, each sentence a space-separated string of tokens.

    Tokens sit back to back inside a paragraph; paragraphs are separated by one character (a line break).
    Punctuation and digits are not words; tags are 'x' for punctuation, 'm' for numbers, 'n' otherwise.
    """
    rows, position, sentence = [], 0, 0
    for number, paragraph in enumerate(paragraphs, 1):
        for text in paragraph:
            sentence += 1
            for token in text.split():
                punct = all(unicodedata.category(c)[0] in "PS" for c in token)
                digit = token.isdigit()
                rows.append(
                    dict(
                        token=token,
                        pos="x" if punct else "m" if digit else "n",
                        sentence=sentence,
                        paragraph=number,
                        section=sections[number - 1] if sections else 1,
                        start=position,
                        end=position + len(token),
                        is_stop=token in STOP,
                        is_punct=punct,
                        is_word=not punct and not digit,
                    )
                )
                position += len(token)
        position += 1
    table = pd.DataFrame(rows)
    return table.astype({"token": "category", "pos": "category"})


def bh(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p by the textbook loop (step-up, monotone, capped at 1)."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adjusted = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        adjusted[i] = running
    return np.array(adjusted)


# ------------------------------------------------------------------------------------------- frequency


def gries_example() -> pd.DataFrame:
    """Gries (2008): five parts of 9, 10, 10, 10, 11 words; 'a' occurs 1, 2, 3, 4, 5 times; DP(a) = 0.18."""
    sizes, hits = [9, 10, 10, 10, 11], [1, 2, 3, 4, 5]
    parts = [" ".join(["a"] * k + [f"w{i}"] * (n - k)) for i, (n, k) in enumerate(zip(sizes, hits))]
    return make_tokens([[p] for p in parts])


def test_dp_matches_gries_2008_example():
    freq = textstat_frequency(gries_example()).set_index("term")
    assert freq.loc["a", "count"] == 15
    assert freq.loc["a", "paragraphs"] == 5
    assert freq.loc["a", "dp"] == pytest.approx(0.18)
    assert freq.loc["a", "dp_norm"] == pytest.approx(0.18 / (1 - 9 / 50))  # Lijffijt & Gries (2012)
    # a filler word confined to one part of 10 words: DP = 1 − 10/50
    assert freq.loc["w1", "dp"] == pytest.approx(1 - 10 / 50)


def test_dp_against_direct_formula():
    tokens = make_tokens([["a b c a", "d e ， a"], ["b b c"], ["e f 。 g a"]])
    freq = textstat_frequency(tokens).set_index("term")
    words = tokens[tokens["is_word"]]
    sizes = words.groupby("paragraph").size() / len(words)
    for term, row in freq.iterrows():
        mine = words[words["token"] == term].groupby("paragraph").size() / row["count"]
        dp = 0.5 * sum(abs(mine.get(p, 0.0) - s) for p, s in sizes.items())
        assert row["dp"] == pytest.approx(dp), term
        assert row["paragraphs"] == len(mine)


def test_frequency_counts_words_only_and_sorts_deterministically():
    tokens = make_tokens([["b a ， 2024 a 。"], ["c b 、 a"]])
    freq = textstat_frequency(tokens)
    assert freq["term"].tolist() == ["a", "b", "c"]  # ties (none here) would fall back to the term
    assert freq.attrs["tokens"] == 6
    assert set(freq["term"]).isdisjoint({"，", "。", "、", "2024"})
    assert np.allclose(freq["per_10k"], freq["count"] / 6 * 1e4)
    tie = textstat_frequency(make_tokens([["z y x"]]))
    assert tie["term"].tolist() == ["x", "y", "z"]
    assert textstat_frequency(tokens, min_count=2)["term"].tolist() == ["a", "b"]


def test_frequency_by_section_and_stopwords():
    tokens = make_tokens([["的 a b"], ["a 的 的"], ["c"]], sections=[1, 1, 2])
    table = textstat_frequency(tokens, by="section")
    one = table[table["section"] == 1].set_index("term")
    assert one.loc["的", "count"] == 3 and one.loc["的", "tokens"] == 6
    assert one.loc["a", "per_10k"] == pytest.approx(2 / 6 * 1e4)
    assert table[table["section"] == 2]["term"].tolist() == ["c"]
    dropped = textstat_frequency(tokens, drop_stopwords=True)
    assert "的" not in set(dropped["term"])
    assert dropped.set_index("term").loc["a", "per_10k"] == pytest.approx(2 / 7 * 1e4)  # base keeps all words


def test_pos_profile_adds_up():
    tokens = make_tokens([["a b ， c"], ["a 7"]])
    table = textstat_pos(tokens)
    assert table["count"].sum() == 4 and table.loc[0, "pos"] == "n"
    assert table["share"].sum() == pytest.approx(1.0)


def test_options_are_validated():
    tokens = make_tokens([["a b"]])
    with pytest.raises(ValueError, match="by="):
        textstat_frequency(tokens, by="paragraphs")
    with pytest.raises(ValueError, match="min_count"):
        textstat_frequency(tokens, min_count=0)
    with pytest.raises(ValueError, match="'g2', 'log_ratio'"):
        textstat_keyness(tokens, Reference.from_counts({"a": 1}, name="r"), measure="chi2")
    with pytest.raises(SpeechError, match="is_word"):
        textstat_frequency(tokens.drop(columns="is_word"))


# ---------------------------------------------------------------------------------------------- n-grams


def test_ngrams_never_cross_sentences_or_punctuation():
    tokens = make_tokens([["a b 、 c d", "e a b"], ["d e a b"]])
    grams = textstat_ngrams(tokens, n=2, min_count=1).set_index("ngram")
    assert grams.loc["a b", "count"] == 3 and grams.loc["a b", "sentences"] == 3
    assert "b c" not in grams.index  # 、 in between
    assert "d e" in grams.index and grams.loc["d e", "count"] == 1  # 'c d' ends sentence 1, 'e a b' is sentence 2
    assert "b e" not in grams.index and "b d" not in grams.index  # sentence and paragraph breaks
    three = textstat_ngrams(tokens, n=3, min_count=2)
    assert three["ngram"].tolist() == ["e a b"] and three["text"].tolist() == ["eab"]
    assert np.allclose(three["per_10k"], three["count"] / 11 * 1e4)


def test_ngrams_drop_stopword_edges():
    tokens = make_tokens([["的 a b 的", "的 a b 的"]])
    grams = textstat_ngrams(tokens, n=(2, 3), min_count=2, drop_stopwords=True)
    assert grams["ngram"].tolist() == ["a b"]


# ---------------------------------------------------------------------------------------------- keyness


def test_keyness_g2_p_fdr_and_log_ratio_against_independent_computation():
    tokens = make_tokens([["a a a a b b c d e", "a c c f f f g"]])
    ref = Reference.from_counts({"a": 100, "b": 0, "c": 5000, "d": 40, "e": 3, "z": 94857}, name="toy")
    table = textstat_keyness(tokens, ref, direction="all", min_count=1)
    assert ref.total == 100_000
    assert set(table["corpus_size"]) == {16} and set(table["ref_size"]) == {100_000}
    for row in table.itertuples():
        observed = np.array([[row.count, row.corpus_size - row.count], [row.ref_count, row.ref_size - row.ref_count]])
        g2, p, _, _ = sps.chi2_contingency(observed, correction=False, lambda_="log-likelihood")
        assert row.g2 == pytest.approx(g2, rel=1e-9), row.term
        assert row.p == pytest.approx(p, rel=1e-9)
        a = row.count if row.count else 0.5
        b = row.ref_count if row.ref_count else 0.5
        assert row.log_ratio == pytest.approx(math.log2((a / row.corpus_size) / (b / row.ref_size)))
    assert np.allclose(table["p_fdr"], bh(table["p"].to_numpy()))
    assert table["g2"].is_monotonic_decreasing
    b = table.set_index("term").loc["b"]
    assert b["ref_count"] == 0 and b["log_ratio"] == pytest.approx(math.log2((2 / 16) / (0.5 / 100_000)))


@pytest.mark.parametrize(
    "p",
    [
        [0.01, 0.04, 0.03, 0.2, 0.04, 0.9, 1e-12, 0.5],  # ties and a tiny p
        [0.3],
        [1.0, 1.0],
        [0.049, 0.051, 0.0],
        np.random.default_rng(7).uniform(size=200).tolist(),
        np.random.default_rng(8).uniform(size=60).round(2).tolist(),  # many ties
    ],
)
def test_bh_adjust_matches_scipy_and_the_textbook_loop(p):
    p = np.array(p)
    adjusted = bh_adjust(p)
    assert np.allclose(adjusted, sps.false_discovery_control(p, method="bh"), rtol=1e-12, atol=0)
    assert np.allclose(adjusted, bh(p), rtol=1e-12, atol=0)
    assert ((adjusted >= p) & (adjusted <= 1)).all()


def test_p_values_are_the_chi2_one_df_survival_function():
    g2 = np.array([0.0, 0.5, 3.841458820694124, 10.0, 80.0, 517.0])
    p, p_fdr = _p_values(g2)
    assert np.allclose(p, sps.chi2.sf(g2, 1), rtol=1e-12, atol=0)
    assert p[2] == pytest.approx(0.05)
    assert np.allclose(p_fdr, sps.false_discovery_control(p, method="bh"))
    assert _p_values(np.array([]))[1].size == 0


def test_keyness_can_drop_stopwords_from_the_over_used_side_only():
    tokens = make_tokens([["的 的 的 的 的 a a a b 和", "的 的 a c c 和"]])  # 的, 和 are stopwords here
    ref = Reference.from_counts({"的": 10, "和": 90000, "a": 10, "c": 9890}, name="toy")
    both = textstat_keyness(tokens, ref, direction="all", min_count=1)
    over, under = set(both.loc[both["log_ratio"] > 0, "term"]), set(both.loc[both["log_ratio"] < 0, "term"])
    assert "的" in over and "和" in under
    kept = textstat_keyness(tokens, ref, direction="all", min_count=1, drop_stopwords="over")
    assert set(kept["term"]) == (over - {"的"}) | under  # the under-used stopword stays
    gone = textstat_keyness(tokens, ref, direction="all", min_count=1, drop_stopwords=True)
    assert set(gone["term"]) == (over | under) - {"的", "和"}
    assert np.allclose(kept.set_index("term")["p_fdr"], both.set_index("term").loc[kept["term"], "p_fdr"])
    with pytest.raises(ValueError, match="drop_stopwords"):
        textstat_keyness(tokens, ref, drop_stopwords="under")


def test_keyness_directions_and_fdr_family():
    tokens = make_tokens([["a a a a b b c d e", "a c c f f f g"]])
    ref = Reference.from_counts({"a": 100, "c": 30000, "z": 69900}, name="toy")
    both = textstat_keyness(tokens, ref, direction="all", min_count=1)
    over = textstat_keyness(tokens, ref, min_count=1)
    under = textstat_keyness(tokens, ref, direction="under", min_count=1)
    assert set(over["term"]) | set(under["term"]) == set(both["term"])
    assert (over["log_ratio"] > 0).all() and (under["log_ratio"] < 0).all()
    assert under["term"].tolist() == ["c"]  # 3/16 ≈ 0.19 of the speech against 0.30 of the reference
    merged = over.merge(both, on="term", suffixes=("", "_all"))
    assert np.allclose(merged["p_fdr"], merged["p_fdr_all"])  # same family whatever rows are shown
    by_ratio = textstat_keyness(tokens, ref, measure="log_ratio", min_count=1)
    assert by_ratio["log_ratio"].is_monotonic_decreasing


def test_g2_statistic_matches_scipy_on_a_grid():
    rng = np.random.default_rng(7)
    a, b = rng.integers(0, 50, 40), rng.integers(0, 5000, 40)
    c1, c2 = a + rng.integers(1, 500, 40), b + rng.integers(1, 10**6, 40)
    ours = g2_statistic(a, b, c1, c2)
    for i in range(40):
        table = np.array([[a[i], c1[i] - a[i]], [b[i], c2[i] - b[i]]])
        if table.sum(axis=0).min() == 0:
            continue
        expected = sps.chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert ours[i] == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_keyness_sections_compare_with_the_rest():
    tokens = make_tokens([["a a b c"], ["b b c d"], ["a d d e"]], sections=[1, 2, 3])
    table = textstat_keyness_sections(tokens, direction="all", min_count=1)
    totals = tokens[tokens["is_word"]]["token"].astype(str).value_counts()
    assert (table["count"] + table["ref_count"] == table["term"].map(totals)).all()
    assert (table["corpus_size"] + table["ref_size"] == 12).all()
    first = table[(table["section"] == 1) & (table["term"] == "a")].iloc[0]
    expected = sps.chi2_contingency([[2, 2], [1, 7]], correction=False, lambda_="log-likelihood")[0]
    assert first["g2"] == pytest.approx(expected)
    assert textstat_keyness_sections(make_tokens([["a b"]])).empty  # one section: nothing to compare


# ------------------------------------------------------------------------------------------- reference


def test_jieba_reference_is_the_dictionary_file():
    from importlib import resources

    lines = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8").splitlines()
    first = lines[1000].split()
    ref = load_reference()
    assert ref.total == sum(int(line.split()[1]) for line in lines)
    assert ref.count(first[0]) >= int(first[1])
    assert ref.count("不在词典里的词语组合") == 0
    assert "jieba" in ref.source and f"{ref.total:,}" in ref.source


def test_reference_file_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "counts.txt"
    path.write_text("网络 12 n\n# comment\n空间 x\n", encoding="utf-8")
    with pytest.raises(SpeechError, match=r"counts.txt, line 3"):
        load_reference(path)
    path.write_text("网络 12 n\n空间 8\n网络 1\n", encoding="utf-8")
    ref = load_reference(path)
    assert ref.total == 21 and ref.count("网络") == 13
    with pytest.raises(SpeechError, match="neither"):
        load_reference(tmp_path / "missing.txt")


# ------------------------------------------------------------------------------------------ collocations


def test_collocations_by_hand():
    # sentence 1: x a n b y c        sentence 2: a n ， b a     sentence 3: c c c
    tokens = make_tokens([["x a n b y c", "a n ， b a"], ["c c c"]])
    table = textstat_collocations(tokens, "n", window=2, min_count=1).set_index("collocate")
    # windows (words only, same sentence, node excluded): s1 positions x a | b y ; s2 a | b a (， skipped)
    assert table.attrs["node_count"] == 2 and table.attrs["N"] == 13 and table.attrs["n1"] == 7
    assert table.loc["a", ["n12", "n2", "left", "right"]].tolist() == [3, 3, 2, 1]
    assert table.loc["b", "n12"] == 2 and "c" not in table.index  # c is 3 words right of n: outside ±2
    for _term, row in table.iterrows():
        n12, n1, n2, n = row["n12"], row["n1"], row["n2"], row["N"]
        assert row["mi"] == pytest.approx(math.log2(n12 * n / (n1 * n2)))
        assert row["logdice"] == pytest.approx(14 + math.log2(2 * n12 / (n1 + n2)))
        assert row["t"] == pytest.approx((n12 - n1 * n2 / n) / math.sqrt(n12))
        cells = [[n12, n1 - n12], [n2 - n12, n - n1 - n2 + n12]]
        expected = sps.chi2_contingency(cells, correction=False, lambda_="log-likelihood")[0]
        assert row["g2"] == pytest.approx(expected)


def test_collocation_windows_overlap_once_and_stop_at_sentences():
    tokens = make_tokens([["n a n b", "c d"]])
    table = textstat_collocations(tokens, "n", window=3, min_count=1).set_index("collocate")
    assert table.attrs["n1"] == 2  # a is in both windows but one position; c d are another sentence
    assert table.loc["a", "n12"] == 1 and set(table.index) == {"a", "b"}


def test_collocations_multi_token_node_and_missing_node():
    tokens = make_tokens([["推动 数字 鸿沟 弥合", "数字 经济 发展"]])
    table = textstat_collocations(tokens, "数字鸿沟", window=1, min_count=1)
    assert table.attrs["node_count"] == 1 and set(table["collocate"]) == {"推动", "弥合"}
    empty = textstat_collocations(tokens, "不存在", min_count=1)
    assert empty.empty and empty.attrs["node_count"] == 0 and empty.attrs["n1"] == 0
    with pytest.raises(ValueError, match="window"):
        textstat_collocations(tokens, "数字", window=0)


def test_collocations_substring_node_takes_every_word_containing_it():
    tokens = make_tokens([["推动 数字经济 发展", "缩小 数字 鸿沟"], ["数字化 转型 发展"]])
    whole = textstat_collocations(tokens, "数字", window=1, min_count=1)
    assert whole.attrs["node_forms"] == {"数字": 1} and set(whole["collocate"]) == {"缩小", "鸿沟"}
    parts = textstat_collocations(tokens, "数字", window=1, min_count=1, substring=True).set_index("collocate")
    assert parts.attrs["node_forms"] == {"数字": 1, "数字化": 1, "数字经济": 1}
    # ±1: 推动 _ 发展 | 缩小 _ 鸿沟 | _ 转型 (the second 发展 is two words away)
    assert parts.attrs["n1"] == 5 and parts.loc["发展", ["n12", "n2", "left", "right"]].tolist() == [1, 2, 0, 1]
    assert parts["g2"].is_monotonic_decreasing  # sorted by G² by default


# ------------------------------------------------------------------------------------------------- KWIC


def test_kwic_contexts_sorting_and_token_boundaries():
    tokens = make_tokens([["推动 数字 经济 。", "缩小 数字 鸿沟 。"], ["弥合 数字 鸿沟"], ["数字经济 发展"]])
    hits = kwic(tokens, "数字鸿沟", width=3)
    assert hits[["left", "node", "right"]].values.tolist() == [["。缩小", "数字鸿沟", "。"], ["弥合", "数字鸿沟", ""]]
    assert hits["sentence"].tolist() == [2, 3] and hits["paragraph"].tolist() == [1, 2]
    assert hits["start"].tolist() == [9, 17]
    assert (hits["end"] - hits["start"] == 4).all()
    tokens_only = kwic(tokens, "数字")
    assert len(tokens_only) == 3  # not inside the token 数字经济
    assert len(kwic(tokens, "数字", substring=True)) == 4
    assert kwic(tokens, "字鸿").empty and len(kwic(tokens, "字鸿", substring=True)) == 2
    right = kwic(tokens, "数字", sort="right")["right"].tolist()
    assert right == sorted(right)
    left = kwic(tokens, "数字", sort="left")["left"].tolist()
    assert [s[::-1] for s in left] == sorted(s[::-1] for s in left)
    with pytest.raises(ValueError, match="'position', 'left', 'right'"):
        kwic(tokens, "数字", sort="middle")


# --------------------------------------------------------------------------------------------- diversity


def test_ttr_mattr_mtld_by_hand():
    table = textstat_diversity(make_tokens([["a b a c"]]), window=3)
    assert table.loc[0, "ttr"] == pytest.approx(3 / 4)
    assert table.loc[0, "mattr"] == pytest.approx((2 / 3 + 3 / 3) / 2)  # windows aba, bac
    # MTLD: forward a b a | x y z x → one factor (TTR 2/3 ≤ 0.72) + partial (1 − 3/4)/(1 − 0.72)
    #       backward x z y x b a b → running TTRs 1 1 1 .75 .8 .83 .714: one factor, nothing left
    table = textstat_diversity(make_tokens([["a b a x y z x"]]), window=3)
    forward = 7 / (1 + (1 - 3 / 4) / (1 - 0.72))
    assert table.loc[0, "mtld"] == pytest.approx((forward + 7 / 1) / 2)
    # a b a b a b c d: forward factors end at 'aba' and 'bab', 'cd' leaves TTR 1 → 8/2; backward 'dcbaba' is one
    # factor and 'ba' leaves TTR 1 → 8/1
    table = textstat_diversity(make_tokens([["a b a b a b c d"]]), window=10)
    assert table.loc[0, "mtld"] == pytest.approx((8 / 2 + 8 / 1) / 2)
    assert math.isnan(table.loc[0, "mattr"])  # fewer words than the window


def test_diversity_by_section():
    table = textstat_diversity(make_tokens([["a b a"], ["c c"]], sections=[1, 2]), window=2, by="section")
    assert table["section"].tolist() == [1, 2]
    assert table["ttr"].tolist() == pytest.approx([2 / 3, 1 / 2])


def test_sentence_length_from_tokens():
    table = textstat_sentence_lengths(make_tokens([["数字 经济 。", "AI 2024 年 。"]]))
    assert table["tokens"].tolist() == [2, 2]
    assert table["chars"].tolist() == [5, 8]
    assert table["han"].tolist() == [4, 1]


# --------------------------------------------------------------------------------------- the real speech


def test_speech_frequency_adds_up(tokens):
    freq = textstat_frequency(tokens)
    words = int(tokens["is_word"].sum())
    assert freq.attrs["tokens"] == words == freq["count"].sum()
    assert np.allclose(freq["per_10k"], freq["count"] / words * 1e4)
    assert freq["dp"].between(0, 1).all() and freq["paragraphs"].between(1, 20).all()
    punct = set(tokens.loc[tokens["is_punct"].astype(bool), "token"].astype(str))
    assert punct and punct.isdisjoint(set(freq["term"]))


def test_speech_keyness_recomputes(tokens):
    table = textstat_keyness(tokens)
    assert len(table) > 20 and table.attrs["ref_size"] == load_reference().total
    for row in table.head(10).itertuples():
        cells = [[row.count, row.corpus_size - row.count], [row.ref_count, row.ref_size - row.ref_count]]
        assert row.g2 == pytest.approx(
            sps.chi2_contingency(cells, correction=False, lambda_="log-likelihood")[0], rel=1e-9
        )
    assert set(table.head(10)["term"]) & {"互联网", "网络空间", "网络空间命运共同体", "数字", "全球"}


def test_speech_sections_keyness_and_collocations(speech, tokens):
    sections = textstat_keyness_sections(speech, direction="all", min_count=2)
    assert set(sections["section"]) >= {1, 2, 3}
    assert (sections[sections["section"] == 1]["heading"].str.startswith("回答时代课题")).all()
    assert (sections["corpus_size"] + sections["ref_size"] == int(tokens["is_word"].sum())).all()
    node = "网络空间命运共同体"
    colloc = textstat_collocations(tokens, node, window=5)
    assert 0 < colloc.attrs["node_count"] <= speech.text.count(node)
    assert "构建" in set(colloc["collocate"])
    assert (colloc["n12"] <= colloc["n2"]).all() and (colloc["n12"] <= colloc["n1"]).all()


def test_speech_kwic_sentence_length_and_diversity(speech, tokens):
    hits = kwic(speech, "数字鸿沟")
    assert len(hits) == speech.text.count("数字鸿沟")
    assert all(speech.text[s:e] == "数字鸿沟" for s, e in zip(hits["start"], hits["end"]))
    lengths = textstat_sentence_lengths(speech)
    assert len(lengths) == len(speech.sentences)
    assert lengths["tokens"].sum() == int(tokens.loc[tokens["sentence"] >= 1, "is_word"].sum())
    diversity = textstat_diversity(tokens)
    assert 0 < diversity.loc[0, "ttr"] < diversity.loc[0, "mattr"] < 1
    assert diversity.loc[0, "mtld"] > 10


def test_public_names_resolve():
    for name in ("textstat_frequency", "textstat_keyness", "kwic", "Reference", "load_reference", "textstat_pos"):
        assert callable(getattr(zhspeech, name))
