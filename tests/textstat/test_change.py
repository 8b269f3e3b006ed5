"""Change over time: trajectories, first and last appearances, new and dropped terms, on a toy corpus counted by
hand (three periods, the first with two documents)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from zhspeech import OptionError
from zhspeech.corpus.dtm import DocumentTermMatrix
from zhspeech.textstat.change import (
    formula_shaped,
    textstat_first_last,
    textstat_new_terms,
    textstat_trajectories,
)


def toy() -> DocumentTermMatrix:
    """2001 (two documents), 2002, 2003; 的 is a stopword."""
    documents = pd.DataFrame({"year": [2001, 2001, 2002, 2003], "title": ["一", "二", "三", "四"]})
    rows = [
        {"甲": 3, "乙": 5, "丙": 1, "辛": 1, "的": 6},
        {"甲": 1, "丁": 4, "的": 2},
        {"甲": 2, "戊": 3, "丙": 4, "乙": 2, "的": 5},
        {"甲": 1, "戊": 5, "己": 3, "乙": 3, "庚": 2, "辛": 2, "的": 4},
    ]
    return DocumentTermMatrix.from_counts(rows, documents, stopwords={"的"})


def test_trajectories_by_period_with_zeros():
    table = textstat_trajectories(toy(), ["丙", "甲", "无此词"])
    assert table.columns.tolist() == ["term", "year", "count", "words", "per_10k", "docs", "n_docs"]
    assert table["term"].tolist() == ["丙"] * 3 + ["甲"] * 3 + ["无此词"] * 3  # in the order given
    bing = table[table["term"] == "丙"]
    assert bing["year"].tolist() == [2001, 2002, 2003]
    assert bing["count"].tolist() == [1, 4, 0] and bing["docs"].tolist() == [1, 1, 0]
    assert bing["words"].tolist() == [16 + 7, 16, 20] and bing["n_docs"].tolist() == [2, 1, 1]
    jia = table[table["term"] == "甲"]
    assert jia["count"].tolist() == [4, 2, 1] and jia["docs"].tolist() == [2, 1, 1]  # documents, not periods
    np.testing.assert_allclose(table["per_10k"], table["count"] / table["words"] * 1e4)
    assert (table.loc[table["term"] == "无此词", "count"] == 0).all()
    assert table.attrs["missing"] == ["无此词"] and table.attrs["by"] == "year"


def test_trajectories_look_up_a_traditional_form_simplified():
    documents = pd.DataFrame({"year": [1990, 1991]})
    dtm = DocumentTermMatrix.from_counts([{"发展": 2, "改革": 1}, {"发展": 5}], documents)
    table = textstat_trajectories(dtm, "發展")
    assert table["term"].tolist() == ["发展", "发展"] and table["count"].tolist() == [2, 5]
    with pytest.raises(OptionError, match="terms"):
        textstat_trajectories(dtm, [])


def test_first_and_last_appearance():
    table = textstat_first_last(toy(), min_count=3)
    assert table.columns.tolist() == ["term", "first", "last", "n_periods", "periods", "count", "docs"]
    assert table["term"].tolist() == ["乙", "甲", "丙", "丁", "辛", "戊", "己"]  # by first period, then count
    by_term = table.set_index("term")
    assert by_term.loc["甲"].tolist() == [2001, 2003, 3, 3, 7, 4]
    assert by_term.loc["辛"].tolist() == [2001, 2003, 2, 3, 3, 2]  # absent in 2002
    assert by_term.loc["丁"].tolist() == [2001, 2001, 1, 1, 4, 1]
    assert "庚" not in by_term.index and "的" not in by_term.index  # count 2 < 3; a stopword
    assert "的" in set(textstat_first_last(toy(), drop_stopwords=False)["term"])
    chosen = textstat_first_last(toy(), terms=["庚", "丙"])  # named terms, whatever their count
    assert chosen["term"].tolist() == ["丙", "庚"] and chosen["first"].tolist() == [2001, 2003]


def test_numbered_formulas_across_periods():
    documents = pd.DataFrame({"year": [2014, 2015, 2016]})
    rows = [
        {"八项规定": 2, "三个方面": 3, "一心一意": 1, "三十五个": 2},
        {"一带一路": 4, "四个全面": 1, "八项规定": 1, "二十三日": 1},
        {"一带一路": 6, "五位一体": 1, "四大": 2, "发展": 9},
    ]
    dtm = DocumentTermMatrix.from_counts(rows, documents)
    table = textstat_first_last(dtm, formulas=True, min_count=1)
    assert table["term"].tolist() == ["八项规定", "一带一路", "四个全面", "五位一体"]
    assert table.set_index("term").loc["八项规定", ["first", "last", "n_periods"]].tolist() == [2014, 2015, 2]


@pytest.mark.parametrize(
    "term, shaped",
    [
        ("一带一路", True),  # paired shape
        ("三去一降一补", True),
        ("四个全面", True),  # the project lexicon lists it
        ("三大攻坚战", True),  # strong shape, a head of its own
        ("五位一体", True),
        ("一国两制", True),  # jieba's dictionary: a fixed expression
        ("三个方面", False),  # a general head: a count
        ("两项工作", False),
        ("五个重点", False),  # cut short
        ("一心一意", False),  # an idiom
        ("三十五个", False),  # a number
        ("一百五十六项", False),
        ("一个中心", False),  # one of something (not listed)
        ("四大", False),  # no head
        ("发展", False),
    ],
)
def test_formula_shape_of_a_term(term, shaped):
    assert formula_shaped(term) is shaped


def test_new_and_dropped_terms_per_period():
    table = textstat_new_terms(toy(), min_count=3)
    assert table.columns.tolist() == ["term", "year", "status", "count", "count_previous", "previous", "per_10k"]
    assert 2001 not in set(table["year"])  # nothing earlier to compare with
    rows = {(r.year, r.status, r.term): (r.count, r.count_previous, r.previous) for r in table.itertuples()}
    # 2002: 戊 is new (3, never before); 丙 (4) was in 2001 once, so it is not; 丁 (4 in 2001) is gone.
    # 2003: 己 is new; 庚 (2) is below min_count; 丙 (4 in 2002) is gone; 戊 stays.
    assert rows == {
        (2002, "new", "戊"): (3, 0, 2001),
        (2002, "dropped", "丁"): (0, 4, 2001),
        (2003, "new", "己"): (3, 0, 2002),
        (2003, "dropped", "丙"): (0, 4, 2002),
    }
    new = table[table["status"] == "new"].set_index("term")
    assert new.loc["戊", "per_10k"] == pytest.approx(3 / 16 * 1e4)
    dropped = table[table["status"] == "dropped"].set_index("term")
    assert dropped.loc["丁", "per_10k"] == pytest.approx(4 / 23 * 1e4)  # of the period it was used in
    lower = textstat_new_terms(toy(), min_count=2)
    # 庚 (2) now counts; 辛 (2 in 2003) was used in 2001, so it is never new again
    assert set(lower.loc[(lower["year"] == 2003) & (lower["status"] == "new"), "term"]) == {"己", "庚"}


def test_grouping_by_another_column_and_bad_options():
    dtm = toy()
    table = textstat_new_terms(dtm, by="title", min_count=1, drop_stopwords=False)
    # periods follow the sorted titles: 一, 三, 二, 四 (one document each)
    assert table["title"].unique().tolist() == ["三", "二", "四"]
    assert dict(zip(table["title"], table["previous"])) == {"三": "一", "二": "三", "四": "二"}
    with pytest.raises(OptionError, match="min_count"):
        textstat_new_terms(dtm, min_count=0)
    with pytest.raises(OptionError, match="formulas"):
        textstat_first_last(dtm, formulas="yes")
