"""One segmentation for a set of texts: terms any of them adds are joined in all of them."""

from __future__ import annotations

import pandas as pd
import pytest

import zhspeech
from zhspeech.errors import TableError
from zhspeech.tokens.shared import added_terms, merge_terms, shared_terms, shared_tokens


def _table(words: list[str], sentence: list[int] | None = None) -> pd.DataFrame:
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w)
    return pd.DataFrame(
        {
            "token": pd.Categorical(words),
            "norm": pd.Categorical(words),
            "pos": pd.Categorical(["n"] * len(words)),
            "sentence": sentence or [1] * len(words),
            "start": starts,
            "end": [s + len(w) for s, w in zip(starts, words)],
            "is_stop": [w == "的" for w in words],
            "is_punct": [w == "，" for w in words],
            "is_word": [w != "，" for w in words],
        }
    )


def test_runs_that_spell_a_term_are_joined_longest_first():
    table = _table(["加强", "地方", "政府", "债务", "管理", "，", "地方", "政府"])
    merged = merge_terms(table, {"地方政府": "n", "地方政府债务": "n", "债务管理": "n"})
    assert merged["token"].astype(str).tolist() == ["加强", "地方政府债务", "管理", "，", "地方政府"]
    assert merged.attrs["merged"] == 2
    row = merged.iloc[1]
    assert (row["start"], row["end"], bool(row["is_word"]), bool(row["is_stop"])) == (2, 8, True, False)


def test_runs_never_cross_a_sentence_or_a_gap():
    table = _table(["地方", "政府"], sentence=[1, 2])
    assert merge_terms(table, ["地方政府"])["token"].astype(str).tolist() == ["地方", "政府"]
    gap = _table(["地方", "政府"]).assign(start=[0, 3], end=[2, 5])  # a space between them in the text
    assert merge_terms(gap, ["地方政府"]).attrs["merged"] == 0


def test_no_terms_leave_the_table_as_it_is_and_bad_tables_fail():
    table = _table(["地方", "政府"])
    assert merge_terms(table, []).equals(table)
    with pytest.raises(TableError):
        merge_terms(pd.DataFrame({"token": ["a"]}), ["ab"])


def test_two_speeches_count_a_term_the_same_way():
    # 口袋公园 is quoted (a marked term) in the first text only; unquoted in the second, jieba splits it
    a = zhspeech.parse("数字合作\n\n我们要建设“口袋公园”。口袋公园方便群众。")
    b = zhspeech.parse("数字发展\n\n口袋公园越来越多，建好口袋公园是共同任务。")
    assert "口袋公园" in added_terms(a) and "口袋公园" in shared_terms([a, b])
    tokens_a, tokens_b = shared_tokens([a, b])
    for speech, tokens in ((a, tokens_a), (b, tokens_b)):
        words = tokens["token"].astype(str).tolist()
        assert words.count("口袋公园") == speech.text.count("口袋公园")
        for row in tokens.itertuples():  # offsets still index the text
            assert speech.text[row.start : row.end] == row.token
