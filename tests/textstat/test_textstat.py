"""Vocabulary statistics, each checked against an independent computation.

Small hand-built token tables give exact expectations (Gries' DP textbook example, hand-counted windows, MTLD by
hand); scipy's G-test checks every G²; the real speech checks that the tables add up.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

import zhspeech
from zhspeech import OptionError, SpeechError, config
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


def make_tokens(
    paragraphs: list[list[str]], sections: list[int] | None = None, parts: list[str] | None = None
) -> pd.DataFrame:
    """A token table from paragraphs of sentences, each sentence a space-separated string of tokens.

    Tokens sit back to back inside a paragraph; paragraphs are separated by one character (a line break).
    Punctuation and digits are not words; tags are 'x' for punctuation, 'm' for numbers, 'n' otherwise.
    With ``parts`` (one per paragraph) the table has a ``part`` column; a "title" or "heading" block is in no
    paragraph (paragraph 0), as in ``speech.sentences``, and the other blocks are numbered 1, 2, …
    """
    rows, position, sentence, counter = [], 0, 0, 0
    for index, paragraph in enumerate(paragraphs):
        part = parts[index] if parts else "body"
        counter += part not in ("title", "heading")
        number = counter if part not in ("title", "heading") else 0
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
                        section=sections[index] if sections else 1,
                        part=part,
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
    table = table.astype({"token": "category", "pos": "category", "part": "category"})
    return table if parts else table.drop(columns="part")


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


# ------------------------------------------------------------------------------------------------- parts


def parted() -> pd.DataFrame:
    """Title "a b", heading "a c", a body paragraph "a d e ， a", a back-matter paragraph "a f"."""
    blocks = [["a b"], ["a c"], ["a d e ， a"], ["a f"]]
    return make_tokens(blocks, sections=[0, 1, 1, 0], parts=["title", "heading", "body", "back"])


def test_statistics_count_title_headings_and_body_unless_told():
    tokens = parted()
    counts = textstat_frequency(tokens).set_index("term")["count"].to_dict()
    assert counts == {"a": 4, "b": 1, "c": 1, "d": 1, "e": 1}  # back matter left out
    assert textstat_frequency(tokens).attrs["tokens"] == 8
    everything = textstat_frequency(tokens, parts=("title", "heading", "body", "back"))
    assert everything.attrs["tokens"] == 10 and everything.set_index("term").loc["a", "count"] == 5
    body = textstat_frequency(tokens, parts=("body",))
    assert body.attrs["tokens"] == 4 and body.attrs["parts"] == ("body",)
    assert body.set_index("term")["count"].to_dict() == {"a": 2, "d": 1, "e": 1}
    assert textstat_frequency(tokens, parts="back")["term"].tolist() == ["a", "f"]  # one name is enough
    assert textstat_pos(tokens, parts="body")["count"].sum() == 4
    assert textstat_diversity(tokens, window=2).loc[0, "tokens"] == 8
    assert textstat_diversity(tokens, window=2, parts=("body",)).loc[0, "types"] == 3
    grams = textstat_ngrams(tokens, n=2, min_count=1)
    assert set(grams["ngram"]) == {"a b", "a c", "a d", "d e"} and grams.attrs["tokens"] == 8


def test_parts_are_validated_with_the_allowed_names():
    tokens = parted()
    message = "parts='bdy' is not one of 'title', 'heading', 'body', 'back'"
    for call in (textstat_frequency, textstat_ngrams, textstat_pos, textstat_diversity, textstat_keyness_sections):
        with pytest.raises(OptionError, match=re.escape(message)):
            call(tokens, parts=("body", "bdy"))
    with pytest.raises(OptionError, match="one or more of 'title'"):
        textstat_frequency(tokens, parts=())
    with pytest.raises(OptionError, match="one or more of 'title'"):
        textstat_frequency(tokens, parts=3)
    with pytest.raises(OptionError, match="parts="):
        textstat_collocations(tokens, "a", parts="front")
    with pytest.raises(OptionError, match="parts="):
        textstat_keyness(tokens, Reference.from_counts({"a": 1}, name="r"), parts="all")


def test_a_table_without_parts_is_all_body():
    tokens = make_tokens([["a b a"]])
    assert "part" not in tokens.columns
    pd.testing.assert_frame_equal(textstat_frequency(tokens, parts=("body",)), textstat_frequency(tokens))
    empty = textstat_frequency(tokens, parts=("title", "heading"))
    assert empty.empty and empty.attrs["tokens"] == 0


def test_dp_gives_each_title_and_heading_line_a_part_of_its_own():
    # title "a b" (2 words), heading "c" (1), paragraph 1 "a c c c" (4), paragraph 2 "d d" (2): 9 words, 4 parts
    tokens = make_tokens([["a b"], ["c"], ["a c c c"], ["d d"]], parts=["title", "heading", "body", "body"])
    freq = textstat_frequency(tokens)
    assert freq.attrs["paragraphs"] == 4 and freq.attrs["tokens"] == 9
    a = freq.set_index("term").loc["a"]
    # s = 2/9, 1/9, 4/9, 2/9; v(a) = 1/2, 0, 1/2, 0: DP = ½(5/18 + 2/18 + 1/18 + 4/18) = 1/3
    # (title and heading pooled into one part would give ½(3/18 + 1/18 + 4/18) = 2/9)
    assert a["count"] == 2 and a["paragraphs"] == 2 and a["dp"] == pytest.approx(1 / 3)
    assert a["dp_norm"] == pytest.approx((1 / 3) / (1 - 1 / 9))
    two = make_tokens([["a b"], ["c"], ["a c c c"], ["d d"]], parts=["title", "title", "body", "body"])
    assert textstat_frequency(two).attrs["paragraphs"] == 4  # two title lines: two parts, though both paragraph 0


def test_keyness_and_collocations_count_the_parts_chosen():
    tokens = parted()
    ref = Reference.from_counts({"a": 10, "z": 990}, name="toy")
    table = textstat_keyness(tokens, ref, direction="all", min_count=1).set_index("term")
    assert table.loc["a", "count"] == 4 and (table["corpus_size"] == 8).all()
    assert table.attrs["parts"] == ("title", "heading", "body")
    body = textstat_keyness(tokens, ref, direction="all", min_count=1, parts=["body"]).set_index("term")
    assert body.loc["a", "count"] == 2 and (body["corpus_size"] == 4).all()
    colloc = textstat_collocations(tokens, "a", window=1, min_count=1).set_index("collocate")
    # nodes: title, heading, and the body's two (the one in back matter is not counted)
    assert colloc.attrs["node_count"] == 4 and colloc.attrs["N"] == 8
    # windows skip punctuation, so e (before ， a) is next to the body's second a; f follows only the back's a
    assert set(colloc.index) == {"b", "c", "d", "e"}
    only_body = textstat_collocations(tokens, "a", window=1, min_count=1, parts=("body",))
    assert only_body.attrs["node_count"] == 2 and set(only_body["collocate"]) == {"d", "e"}
    sections = textstat_keyness_sections(tokens, direction="all", min_count=1)
    assert (sections["corpus_size"] + sections["ref_size"] == 8).all()  # title in section 0, heading in 1


def test_body_parts_reproduce_a_body_only_token_table(speech, tokens):
    """``parts=("body",)`` counts exactly what a token table of the body sentences alone counts."""
    body = speech.sentences[speech.sentences["part"] == "body"].drop(columns="part").reset_index(drop=True)
    body_tokens = dataclasses.replace(speech, sentences=body).tokens
    assert set(body_tokens["part"]) == {"body"}
    pd.testing.assert_frame_equal(textstat_frequency(speech, parts=("body",)), textstat_frequency(body_tokens))
    ref = load_reference()
    pd.testing.assert_frame_equal(
        textstat_keyness(speech, ref, parts=("body",)).drop(columns="p_fdr"),
        textstat_keyness(body_tokens, ref).drop(columns="p_fdr"),
    )
    node = "网络空间命运共同体"
    mine, theirs = (textstat_collocations(t, node, parts="body") for t in (tokens, body_tokens))
    pd.testing.assert_frame_equal(mine, theirs)
    assert (
        mine.attrs["node_count"]
        == speech.sentences.loc[speech.sentences["part"] == "body", "text"].str.count(node).sum()
    )


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
    parts = textstat_collocations(tokens, "数字", window=1, min_count=1, substring=True, negative=True)
    parts = parts.set_index("collocate")
    assert parts.attrs["node_forms"] == {"数字": 1, "数字化": 1, "数字经济": 1}
    # ±1: 推动 _ 发展 | 缩小 _ 鸿沟 | _ 转型 (the second 发展 is two words away)
    assert parts.attrs["n1"] == 5 and parts.loc["发展", ["n12", "n2", "left", "right"]].tolist() == [1, 2, 0, 1]
    assert parts["g2"].is_monotonic_decreasing  # sorted by G² by default
    # 发展: n12 = 1 < expected 5·2/9 (N = 9 words): negative, so left out by default
    assert parts.loc["发展", "expected"] == pytest.approx(10 / 9) and parts.loc["发展", "negative"]
    default = textstat_collocations(tokens, "数字", window=1, min_count=1, substring=True)
    assert "发展" not in set(default["collocate"]) and not default["negative"].any()
    assert set(default["collocate"]) == set(parts.index[~parts["negative"]])


def test_collocations_negative_rows_marked_by_hand():
    # the node n has a on both sides once and a on the left once more, b on the right once; a occurs 4 times, b 6
    tokens = make_tokens([["a n a", "a n b", "b c d e f", "b g h i j k", "a b", "b b"]])
    table = textstat_collocations(tokens, "n", window=1, min_count=1, negative=True).set_index("collocate")
    # N = 21 words, n1 = 4 window positions: a 3 (expected 4·4/21 = 0.76: positive), b 1 (4·6/21 = 1.14: negative)
    assert table.attrs["N"] == 21 and table.attrs["n1"] == 4
    assert table.loc["a", "n12"] == 3 and not table.loc["a", "negative"]
    assert table.loc["b", "n12"] == 1 and table.loc["b", "negative"] and table.loc["b", "mi"] < 0
    assert table.loc["b", "expected"] == pytest.approx(4 * 6 / 21) and table.loc["b", "t"] < 0
    assert list(textstat_collocations(tokens, "n", window=1, min_count=1)["collocate"]) == ["a"]


def test_collocations_substring_node_never_crosses_a_token_boundary():
    # 发展 occurs in the characters of 开发|展现 (across a boundary): that is not a word containing it
    tokens = make_tokens([["开发 展现 活力", "推动 发展 经济", "高质量发展 之 路"]])
    table = textstat_collocations(tokens, "发展", window=1, min_count=1, substring=True, negative=True)
    assert table.attrs["node_forms"] == {"发展": 1, "高质量发展": 1} and table.attrs["node_count"] == 2
    assert set(table["collocate"]) == {"推动", "经济", "之"}  # never 开发, 展现 or 活力
    for form in table.attrs["node_forms"]:
        assert "发展" in form


# ------------------------------------------------------------------------------------------------- KWIC


def test_kwic_contexts_sorting_and_token_boundaries():
    tokens = make_tokens([["推动 数字 经济 。", "缩小 数字 鸿沟 。"], ["弥合 数字 鸿沟"], ["数字经济 发展"]])
    hits = kwic(tokens, "数字鸿沟", width=3)
    assert hits[["left", "node", "right"]].values.tolist() == [["。缩小", "数字鸿沟", "。"], ["弥合", "数字鸿沟", ""]]
    assert hits["sentence"].tolist() == [2, 3] and hits["paragraph"].tolist() == [1, 2]
    assert hits["start"].tolist() == [9, 17] and hits["part"].tolist() == ["body", "body"]
    assert (hits["end"] - hits["start"] == 4).all() and hits["whole_tokens"].all()
    every = kwic(tokens, "数字")  # a character search: inside the token 数字经济 too
    assert len(every) == 4 and every["whole_tokens"].tolist() == [True, True, True, False]
    assert every.loc[3, ["node", "right", "sentence"]].tolist() == ["数字", "经济发展", 4]
    assert len(kwic(tokens, "数字", match="token")) == 3  # whole tokens only
    across = kwic(tokens, "字鸿")  # across a token boundary
    assert len(across) == 2 and not across["whole_tokens"].any() and kwic(tokens, "字鸿", match="token").empty
    right = kwic(tokens, "数字", sort="right")["right"].tolist()
    assert right == sorted(right)
    left = kwic(tokens, "数字", sort="left")["left"].tolist()
    assert [s[::-1] for s in left] == sorted(s[::-1] for s in left)
    with pytest.raises(ValueError, match="'position', 'left', 'right'"):
        kwic(tokens, "数字", sort="middle")
    with pytest.raises(OptionError, match="match='tokens' is not one of 'substring', 'token'"):
        kwic(tokens, "数字", match="tokens")
    with pytest.raises(OptionError, match="non-empty"):
        kwic(tokens, "  ")


def test_kwic_of_a_token_table_reads_its_parts():
    tokens = make_tokens([["数字 中国"], ["一、 数字 经济"], ["发展 数字经济 。"]], parts=["title", "heading", "body"])
    hits = kwic(tokens, "数字", width=4)
    assert hits["part"].tolist() == ["title", "heading", "body"]
    assert hits["paragraph"].tolist() == [0, 0, 1] and hits["sentence"].tolist() == [1, 2, 3]
    assert hits[["left", "right"]].values.tolist() == [["", "中国"], ["一、", "经济"], ["发展", "经济。"]]


def markdown_free(path) -> str:
    """The file's text with markdown markers removed: heading hashes at line starts and emphasis asterisks."""
    text = path.read_text(encoding="utf-8")
    return re.sub(r"[*_]{2}|^#+\s*", "", text, flags=re.M)


def test_kwic_finds_every_occurrence_in_the_first_speech(speech):
    term = "网络空间命运共同体"
    expected = markdown_free(config.SPEECH_PATH).count(term)
    hits = kwic(speech, term)
    assert len(hits) == expected == speech.text.count(term)
    assert all(speech.text[s:e] == term for s, e in zip(hits["start"], hits["end"]))
    # in the title (the first line of the file), in two headings, the rest in the body
    sentences = speech.sentences.set_index("sentence")
    assert hits["part"].value_counts().to_dict() == {"body": expected - 3, "heading": 2, "title": 1}
    title = hits[hits["part"] == "title"].iloc[0]
    assert title["sentence"] == 1 and title["paragraph"] == 0 and "凝聚共识" in title["left"]
    for row in hits.itertuples():
        unit = sentences.loc[row.sentence]
        assert unit["part"] == row.part and unit["start"] <= row.start < unit["end"]
        assert (unit["paragraph"], unit["section"]) == (row.paragraph, row.section)
    headings = hits[hits["part"] == "heading"]
    assert headings["section"].tolist() == [2, 3] and (headings["paragraph"] == 0).all()
    assert len(kwic(speech, term, match="token")) == expected  # the concept is always one token


def test_kwic_inside_longer_tokens_and_in_front_matter(speech, tokens):
    hits = kwic(speech, "数字")
    assert len(hits) == speech.text.count("数字") > 20
    inside = hits[~hits["whole_tokens"]]
    assert len(inside) > 10 and hits["whole_tokens"].sum() == len(kwic(speech, "数字", match="token"))
    starts, ends = tokens["start"].to_numpy(), tokens["end"].to_numpy()
    for row in inside.itertuples():  # each lies inside a longer token, such as 数字经济
        i = np.searchsorted(starts, row.start, side="right") - 1
        assert starts[i] <= row.start and row.end <= ends[i] and len(str(tokens["token"].iloc[i])) > 2
    assert "数字经济" in set(inside["node"] + inside["right"].str[:2])
    byline = kwic(speech, "秘书长")  # the byline is front matter: no sentence, no token
    assert byline[["part", "sentence", "paragraph", "section"]].values.tolist() == [["byline", 0, 0, 0]]
    assert not byline["whole_tokens"].any() and byline.loc[0, "left"].endswith("世界互联网大会")


def test_kwic_without_title_and_heading_rows_still_names_the_part(speech):
    """A sentence table of body rows only (as built by hand): the title and headings are found in the Speech."""
    body = speech.sentences[speech.sentences["part"] == "body"].drop(columns="part")
    bare = dataclasses.replace(speech, sentences=body.reset_index(drop=True))
    hits = kwic(bare, "网络空间命运共同体")
    assert hits["part"].value_counts().to_dict() == {"body": len(hits) - 3, "heading": 2, "title": 1}
    assert (hits.loc[hits["part"] != "body", "sentence"] == 0).all()


def test_kwic_names_subtitle_and_front_matter_lines():
    text = "# 携手构建网络空间命运共同体\n\n## 共创数字时代美好未来\n\n张三\n\n（2024年11月20日）\n\n各位嘉宾：\n\n"
    text += "一、共同推动发展\n\n我们要推动网络空间发展，共创2024年新局面。\n"
    speech = zhspeech.parse(text)
    assert [line.kind for line in speech.front_matter] == ["title", "subtitle", "byline", "date", "salutation"]
    hits = kwic(speech, "共")
    by_part = dict(zip(hits["part"], hits["sentence"]))
    assert hits["part"].tolist() == ["title", "subtitle", "heading", "body"]  # 共同体, 共创, 共同, 共创
    assert by_part == {"title": 1, "subtitle": 2, "heading": 3, "body": 4}
    dated = kwic(speech, "2024年", width=3)
    assert dated["part"].tolist() == ["date", "body"] and dated["sentence"].tolist() == [0, 4]
    assert dated.loc[0, ["left", "right"]].tolist() == ["（", "11月"]  # context ends with the line
    assert kwic(speech, "嘉宾")["part"].tolist() == ["salutation"]
    assert kwic(speech, "网络空间发展", match="token")["part"].tolist() == ["body"]


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


def test_sentence_lengths_by_part(speech, tokens):
    body = textstat_sentence_lengths(speech, parts=("body",))
    assert len(body) == int((speech.sentences["part"] == "body").sum()) and set(body["part"]) == {"body"}
    from_tokens = textstat_sentence_lengths(tokens, parts=("title", "heading"))
    assert (
        from_tokens["sentence"].tolist()
        == speech.sentences.loc[speech.sentences["paragraph"] == 0, "sentence"].tolist()
    )
    assert from_tokens.loc[0, ["part", "han"]].tolist() == ["title", len(speech.title.replace(" ", ""))]
    summary = zhspeech.textstat_length_summary(speech).set_index(["unit", "measure"])
    assert summary.loc[("sentence", "chars"), "count"] == int((speech.sentences["part"] == "body").sum())
    every = zhspeech.textstat_length_summary(speech, parts=("title", "heading", "body"))
    assert every.set_index(["unit", "measure"]).loc[("sentence", "chars"), "count"] == len(speech.sentences)
    assert summary.loc[("paragraph", "chars"), "total"] == speech.paragraphs["chars"].sum()
    only_title = zhspeech.textstat_length_summary(speech, parts="title").set_index(["unit", "measure"])
    assert only_title.loc[("paragraph", "han"), "count"] == 0  # the title is no paragraph
    assert only_title.loc[("sentence", "chars"), "total"] == len(speech.title)


# --------------------------------------------------------------------------------------- the real speech


def test_speech_frequency_adds_up(speech, tokens):
    freq = textstat_frequency(tokens)
    words = int(tokens["is_word"].sum())
    assert freq.attrs["tokens"] == words == freq["count"].sum()
    assert np.allclose(freq["per_10k"], freq["count"] / words * 1e4)
    # DP parts: the 20 body paragraphs, and the title and the three section headings one part each
    lines = int((speech.sentences["paragraph"] == 0).sum())
    assert lines == 1 + len(speech.sections) == 4 and len(speech.paragraphs) == 20
    assert freq.attrs["paragraphs"] == 20 + lines
    assert freq["dp"].between(0, 1).all() and freq["paragraphs"].between(1, 24).all()
    concept = freq.set_index("term").loc["网络空间命运共同体"]
    assert concept["count"] == speech.text.count("网络空间命运共同体")  # title and headings count
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
    assert colloc.attrs["node_count"] == speech.text.count(node)  # title and headings included, always one token
    assert "构建" in set(colloc["collocate"])
    assert (colloc["n12"] <= colloc["n2"]).all() and (colloc["n12"] <= colloc["n1"]).all()


def test_speech_kwic_sentence_length_and_diversity(speech, tokens):
    hits = kwic(speech, "数字鸿沟")
    assert len(hits) == speech.text.count("数字鸿沟")
    assert all(speech.text[s:e] == "数字鸿沟" for s, e in zip(hits["start"], hits["end"]))
    assert set(textstat_sentence_lengths(speech)["part"]) == {"body"}  # lengths describe the prose by default
    lengths = textstat_sentence_lengths(speech, parts=("title", "heading", "body"))
    assert len(lengths) == len(speech.sentences)  # title, headings and body
    assert lengths["tokens"].sum() == int(tokens["is_word"].sum())
    assert lengths["part"].tolist() == speech.sentences["part"].tolist()
    diversity = textstat_diversity(tokens)
    assert 0 < diversity.loc[0, "ttr"] < diversity.loc[0, "mattr"] < 1
    assert diversity.loc[0, "mtld"] > 10


def test_public_names_resolve():
    for name in ("textstat_frequency", "textstat_keyness", "kwic", "Reference", "load_reference", "textstat_pos"):
        assert callable(getattr(zhspeech, name))
