"""Comparing two texts, and groups of a corpus against the rest: every figure checked against a hand computation.

A 2×2 example worked by hand gives G², Log Ratio and %DIFF; the Monroe et al. z-score is recomputed from the row
alone; two parsed texts and their counts as Series give the same table; groups of a small hand-built
document-term matrix equal the pairwise comparison of the group with the rest.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

import zhspeech
from zhspeech import OptionError, TableError, config
from zhspeech.corpus.dtm import DocumentTermMatrix
from zhspeech.textstat.compare import term_counts, textstat_compare, textstat_compare_groups

CORPUS = config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports"


def counts(values: dict[str, int], words: int | None = None) -> pd.Series:
    series = pd.Series(values, dtype=np.int64)
    if words is not None:
        series.attrs["words"] = words
    return series


def row(table: pd.DataFrame, term: str) -> pd.Series:
    found = table[table["term"] == term]
    assert len(found) == 1, f"{term} not in the table once"
    return found.iloc[0]


def monroe_z(y_a: float, y_b: float, n_a: float, n_b: float, a_w: float, a_0: float) -> float:
    """Monroe, Colaresi & Quinn (2008), written out: log-odds difference over its standard deviation."""
    odds_b = (y_b + a_w) / (n_b + a_0 - y_b - a_w)
    odds_a = (y_a + a_w) / (n_a + a_0 - y_a - a_w)
    return (math.log(odds_b) - math.log(odds_a)) / math.sqrt(1 / (y_a + a_w) + 1 / (y_b + a_w))


# --------------------------------------------------------------------------------------------- by hand


def test_a_two_by_two_table_worked_by_hand():
    # A: 10 of 100 words; B: 30 of 200 words. Rates 0.10 and 0.15.
    a, b = counts({"x": 10, "y": 90}), counts({"x": 30, "y": 170})
    table = textstat_compare(a, b, min_count=1, drop_stopwords=False)
    x = row(table, "x")
    assert (x["count_a"], x["count_b"], x["words_a"], x["words_b"]) == (10, 30, 100, 200)
    assert x["per_10k_a"] == pytest.approx(1000.0) and x["per_10k_b"] == pytest.approx(1500.0)
    # G² = 2 Σ O ln(O/E) with E = 40·100/300, 260·100/300, 40·200/300, 260·200/300
    by_hand = 2 * (
        10 * math.log(10 / (40 / 3)) + 90 * math.log(90 / (260 / 3)) + 30 * math.log(30 / (80 / 3))
    ) + 2 * 170 * math.log(170 / (520 / 3))
    assert by_hand == pytest.approx(1.5044505, abs=1e-6)
    assert x["g2"] == pytest.approx(by_hand)  # positive: x leans B
    assert x["p"] == pytest.approx(sps.chi2.sf(by_hand, 1))
    assert x["log_ratio"] == pytest.approx(math.log2(1.5))
    assert x["pct_diff"] == pytest.approx(50.0)  # (15 − 10) / 10 × 100
    assert x["lean"] == "b" and x["docs_a"] == 1 and x["docs_b"] == 1
    # The default prior is the two sides pooled: α_w = 10 + 30, α_0 = 100 + 200.
    assert x["prior"] == pytest.approx(40.0) and table.attrs["prior_total"] == pytest.approx(300.0)
    delta = math.log(70 / 430) - math.log(50 / 350)
    assert x["log_odds_z"] == pytest.approx(delta / math.sqrt(1 / 50 + 1 / 70))
    assert x["log_odds_z"] == pytest.approx(0.7054296, abs=1e-6)
    y = row(table, "y")  # 90/100 against 170/200: leans A, every sign negative
    assert y["lean"] == "a" and y["g2"] < 0 and y["log_ratio"] < 0 and y["log_odds_z"] < 0
    assert y["pct_diff"] == pytest.approx((8500 - 9000) / 9000 * 100)


def test_zero_counts_follow_hardie_and_gabrielatos_marchi():
    a, b = counts({"x": 0, "y": 100}), counts({"x": 4, "y": 96})
    x = row(textstat_compare(a, b, min_count=1, drop_stopwords=False), "x")
    assert x["count_a"] == 0 and x["docs_a"] == 0 and x["docs_b"] == 1
    assert x["log_ratio"] == pytest.approx(math.log2((4 / 100) / (0.5 / 100)))  # the zero counted as 0.5
    assert x["pct_diff"] == pytest.approx(400.0 / 1e-18 * 100)  # per_10k_b 400 over 1e-18: huge, finite
    assert np.isfinite(x["pct_diff"]) and np.isfinite(x["log_odds_z"]) and x["log_odds_z"] > 0


def test_monroe_z_recomputes_from_the_row_with_either_prior():
    a = counts({"改革": 30, "发展": 50, "开放": 2, "创新": 0, "稳定": 18}, words=400)
    b = counts({"改革": 12, "发展": 60, "开放": 9, "创新": 7, "稳定": 12}, words=300)
    background = counts({"改革": 500, "发展": 900, "开放": 120, "稳定": 80, "其他": 8400})  # no 创新
    for prior, alpha_0 in ((None, None), (background, None), (background, 50.0)):
        table = textstat_compare(a, b, min_count=1, drop_stopwords=False, prior=prior, alpha_0=alpha_0)
        a_0 = table.attrs["prior_total"]
        assert a_0 == (700.0 if alpha_0 is None else alpha_0)
        for _, r in table.iterrows():
            expected = monroe_z(r["count_a"], r["count_b"], r["words_a"], r["words_b"], r["prior"], a_0)
            assert r["log_odds_z"] == pytest.approx(expected, rel=1e-12)
            if prior is None:
                assert r["prior"] == pytest.approx(r["count_a"] + r["count_b"])
            else:  # α_0 × background share; a term the background lacks counts 0.5 there
                share = background.get(r["term"], 0.5) / background.sum()
                assert r["prior"] == pytest.approx(a_0 * share)
    assert textstat_compare(a, b, min_count=1, drop_stopwords=False, prior=background).attrs["prior"] == "given"


def test_swapping_the_sides_flips_every_signed_measure():
    a = counts({"改革": 30, "发展": 50, "开放": 2, "创新": 0, "稳定": 18}, words=400)
    b = counts({"改革": 12, "发展": 60, "开放": 9, "创新": 7, "稳定": 12}, words=300)
    ab = textstat_compare(a, b, min_count=1, drop_stopwords=False).set_index("term").sort_index()
    ba = textstat_compare(b, a, min_count=1, drop_stopwords=False).set_index("term").sort_index()
    for column in ("g2", "log_ratio", "log_odds_z"):
        np.testing.assert_allclose(ab[column], -ba[column], rtol=1e-12)
    np.testing.assert_allclose(ab["p_fdr"], ba["p_fdr"])
    assert (ab["lean"].map({"a": "b", "b": "a"}) == ba["lean"]).all()
    assert ab.loc["创新", "lean"] == "b" and ab.loc["改革", "lean"] == "a"


def test_benjamini_hochberg_covers_every_tested_term_before_rows_are_dropped():
    a = counts({"的": 300, "改革": 30, "发展": 50, "开放": 2, "创新": 1, "稳定": 18, "了": 40}, words=1000)
    b = counts({"的": 200, "改革": 12, "发展": 60, "开放": 9, "创新": 7, "稳定": 12, "了": 90}, words=900)
    a.attrs["stop"] = b.attrs["stop"] = {"的", "了"}
    full = textstat_compare(a, b, min_count=3, drop_stopwords=False)
    assert set(full["term"]) == {"的", "改革", "发展", "开放", "创新", "稳定", "了"}  # 开放 2+9, 创新 1+7
    np.testing.assert_allclose(
        full.set_index("term")["p_fdr"], sps.false_discovery_control(full.set_index("term")["p"], method="bh")
    )
    kept = textstat_compare(a, b, min_count=3, drop_stopwords=True)
    assert not set(kept["term"]) & {"的", "了"}
    merged = kept.merge(full, on="term", suffixes=("", "_full"))
    np.testing.assert_allclose(merged["p_fdr"], merged["p_fdr_full"])  # adjusted over all seven terms
    strict = textstat_compare(a, b, min_count=3, drop_stopwords=False, p_max=0.01)
    assert len(strict) and (strict["p_fdr"] <= 0.01).all()
    assert set(strict["term"]) == set(full.loc[full["p_fdr"] <= 0.01, "term"])


def test_min_count_sort_and_ties():
    a = counts({"甲": 1, "乙": 1, "丙": 3, "丁": 40}, words=100)
    b = counts({"甲": 1, "乙": 1, "丙": 0, "丁": 40}, words=100)
    table = textstat_compare(a, b, min_count=2, drop_stopwords=False)
    assert set(table["term"]) == {"甲", "乙", "丙", "丁"}  # count_a + count_b ≥ 2
    assert textstat_compare(a, b, min_count=3, drop_stopwords=False)["term"].tolist()[0] == "丙"
    assert table["term"].tolist()[1:] == ["丁", "乙", "甲"]  # equal z = 0: by term
    key = table["log_odds_z"].abs().to_numpy()
    assert (np.diff(key) <= 1e-12).all()
    by_g2 = textstat_compare(a, b, min_count=2, drop_stopwords=False, sort="g2")
    assert (np.diff(by_g2["g2"].abs().to_numpy()) <= 1e-12).all()
    by_p = textstat_compare(a, b, min_count=2, drop_stopwords=False, sort="p_fdr")
    assert (np.diff(by_p["p_fdr"].to_numpy()) >= 0).all()


def test_bad_options_and_inputs_are_named():
    a, b = counts({"x": 3}), counts({"x": 4})
    with pytest.raises(OptionError, match="sort"):
        textstat_compare(a, b, sort="chi2")
    with pytest.raises(OptionError, match="min_count"):
        textstat_compare(a, b, min_count=0)
    with pytest.raises(OptionError, match="p_max"):
        textstat_compare(a, b, p_max=1.5)
    with pytest.raises(OptionError, match="alpha_0"):
        textstat_compare(a, b, alpha_0=-1)
    with pytest.raises(OptionError, match="prior"):
        textstat_compare(a, b, prior={"x": 3})
    with pytest.raises(TableError, match="whole numbers"):
        textstat_compare(counts({"x": -1}), b)
    with pytest.raises(TableError, match="Speech"):
        textstat_compare("一段文字", b)
    with pytest.raises(OptionError, match="words"):
        textstat_compare(counts({"x": 5}, words=2), b)


# ------------------------------------------------------------------------------------------ speeches


TEXT_A = "# 二〇一六年报告\n\n各位代表：\n\n我们坚持改革开放，推动经济发展。改革是动力，发展是目的。加强环境保护。\n"
TEXT_B = "# 二〇一七年报告\n\n各位代表：\n\n我们深化改革，推动创新发展。创新是第一动力，创新引领发展。我们推进改革。\n"


def test_a_speech_pair_and_its_counts_give_the_same_table():
    a, b = zhspeech.parse(TEXT_A), zhspeech.parse(TEXT_B)
    from_speeches = textstat_compare(a, b, min_count=1)
    series = []
    for speech in (a, b):  # counted here by hand: norm of the word tokens of title, headings and body
        tokens = speech.tokens
        words = tokens[tokens["is_word"] & tokens["part"].isin(["title", "heading", "body"])]
        s = words["norm"].astype(str).value_counts()
        s.attrs["words"] = len(words)
        series.append(s)
    from_series = textstat_compare(*series, min_count=1)
    pd.testing.assert_frame_equal(from_speeches, from_series)
    assert len(from_speeches) > 3 and not from_speeches["term"].isin(zhspeech.stopwords()).any()
    assert row(from_speeches, "创新")["lean"] == "b" and row(from_speeches, "创新")["count_a"] == 0
    assert from_speeches.attrs["words_a"] == series[0].attrs["words"]
    mine = term_counts(a)
    assert mine.attrs["words"] == len(a.tokens[a.tokens["is_word"]]) and mine.attrs["title"] == "二〇一六年报告"
    pd.testing.assert_series_equal(mine.sort_index(), series[0].sort_index(), check_names=False, check_index_type=False)


def test_a_traditional_text_counts_its_simplified_form():
    simple = zhspeech.parse("各位代表：\n\n我们推动经济发展，促进经济发展。\n")
    traditional = zhspeech.parse("各位代表：\n\n我們推動經濟發展，促進經濟發展，經濟發展。\n")
    table = textstat_compare(simple, traditional, min_count=1)
    assert "written" in table.columns
    assert row(table, "发展")["count_b"] == 3 and row(table, "发展")["written"] == "發展"


def test_documents_of_a_matrix_side_are_counted_as_documents():
    docs = pd.DataFrame({"year": [2001, 2001, 2002]})
    dtm = DocumentTermMatrix.from_counts([{"甲": 2, "乙": 1}, {"甲": 1}, {"甲": 1, "丙": 5}], docs)
    table = textstat_compare(dtm.subset([0, 1]), dtm.subset([2]), min_count=1, drop_stopwords=False)
    jia = row(table, "甲")
    assert (jia["count_a"], jia["docs_a"], jia["words_a"], jia["docs_b"]) == (3, 2, 4, 1)
    assert table.attrs["a"]["n_docs"] == 2 and table.attrs["b"]["n_docs"] == 1


# ------------------------------------------------------------------------------------- groups vs the rest


def small_dtm() -> DocumentTermMatrix:
    documents = pd.DataFrame({"year": [2001, 2001, 2002, 2003], "author": ["甲", "甲", "乙", "丙"]})
    rows = [
        {"改革": 5, "开放": 3, "的": 20, "计划": 4},
        {"改革": 2, "计划": 6, "的": 15},
        {"改革": 9, "创新": 6, "的": 18, "开放": 1},
        {"创新": 8, "改革": 4, "的": 22, "绿色": 5},
    ]
    return DocumentTermMatrix.from_counts(rows, documents, stopwords={"的"})


def test_each_group_against_the_rest_equals_the_pairwise_comparison():
    dtm = small_dtm()
    table = textstat_compare_groups(dtm, "year", min_count=1, direction="all", drop_stopwords=False)
    assert table["group"].unique().tolist() == [2001, 2002, 2003]
    g2001 = table[table["group"] == 2001].set_index("term")
    assert g2001.loc["改革", "count"] == 7 and g2001.loc["改革", "count_rest"] == 13
    assert g2001.loc["改革", "docs"] == 2 and g2001.loc["改革", "docs_rest"] == 2  # documents, not groups
    assert g2001.loc["计划", "docs_rest"] == 0 and g2001.loc["计划", "lean"] == "group"
    assert g2001.loc["改革", "words"] == 55 and g2001.loc["改革", "words_rest"] == 73
    assert (g2001["n_docs"] == 2).all() and (g2001["n_docs_rest"] == 2).all()
    group = pd.Series(np.asarray(dtm.subset([0, 1]).matrix.sum(axis=0)).ravel(), index=dtm.terms)
    rest = pd.Series(np.asarray(dtm.subset([2, 3]).matrix.sum(axis=0)).ravel(), index=dtm.terms)
    pair = textstat_compare(rest, group, min_count=1, drop_stopwords=False).set_index("term")
    for mine, theirs in (("count", "count_b"), ("count_rest", "count_a"), ("per_10k", "per_10k_b")):
        np.testing.assert_allclose(g2001[mine], pair.loc[g2001.index, theirs])
    for column in ("g2", "p", "p_fdr", "log_ratio", "pct_diff", "prior", "log_odds_z"):
        np.testing.assert_allclose(g2001[column], pair.loc[g2001.index, column], rtol=1e-12)
    assert table.attrs["prior_total"] == 128


def test_groups_filter_by_direction_target_and_stopwords():
    dtm = small_dtm()
    over = textstat_compare_groups(dtm, "author", min_count=1)
    assert (over["lean"] == "group").all() and "的" not in set(over["term"])
    under = textstat_compare_groups(dtm, "author", min_count=1, direction="under")
    assert (under["lean"] == "rest").all()
    one = textstat_compare_groups(dtm, "author", target="丙", min_count=1)
    assert set(one["group"]) == {"丙"} and {"绿色", "创新"} <= set(one["term"])
    assert one["term"].tolist()[0] == "绿色"  # only 丙 uses it: the largest z
    with pytest.raises(OptionError, match="target"):
        textstat_compare_groups(dtm, "author", target="丁")
    with pytest.raises(OptionError, match="group"):
        textstat_compare_groups(dtm.subset([0, 1]), "year")


# --------------------------------------------------------------------------------------------- corpus


@pytest.mark.corpus
def test_2016_and_2017_reports():
    a = zhspeech.load(next(CORPUS.glob("2016政府工作报告_*.txt")))
    b = zhspeech.load(next(CORPUS.glob("2017政府工作报告_*.txt")))
    table = textstat_compare(a, b, min_count=2)
    # In the texts: 市场化法治化债转股, 三去一降一补 and 五险一金 occur only in 2017; 五年 and 时期 only in 2016.
    for term in ("市场化法治化债转股", "三去一降一补", "五险一金"):
        r = row(table, term)
        assert r["count_a"] == 0 and r["count_b"] >= 2 and r["lean"] == "b" and r["log_odds_z"] > 0
    for term in ("五年", "时期"):
        r = row(table, term)
        assert r["count_b"] == 0 and r["lean"] == "a" and r["log_odds_z"] < 0
    stop = zhspeech.stopwords()
    assert not table["term"].isin(stop).any()
    every = textstat_compare(a, b, min_count=2, drop_stopwords=False)
    assert every["term"].isin(stop).any()  # stopwords were tested, then dropped
    shared_a = zhspeech.shared_tokens([a, b])[0]  # both counted in one segmentation
    words = shared_a[shared_a["is_word"] & shared_a["part"].isin(["title", "heading", "body"])]
    assert table.attrs["words_a"] == len(words)  # stopwords count in the word count
    alone = textstat_compare(a, b, min_count=2, shared=False)
    assert alone.attrs["words_a"] == int(
        (a.tokens["is_word"] & a.tokens["part"].isin(["title", "heading", "body"])).sum()
    )
    assert table.attrs["merged"][0] > 0 and alone.attrs["words_a"] != table.attrs["words_a"]  # runs were joined
    assert table.attrs["a"]["year"] == 2016 and table.attrs["b"]["year"] == 2017
    for _, r in table.head(30).iterrows():
        z = monroe_z(r["count_a"], r["count_b"], r["words_a"], r["words_b"], r["prior"], table.attrs["prior_total"])
        assert r["log_odds_z"] == pytest.approx(z)
