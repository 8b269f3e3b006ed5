"""Token table: columns and dtypes, offsets, sentences and parts, terms kept whole, tags against jieba.posseg,
parallel runs."""

from __future__ import annotations

import dataclasses
import random
import sys

import jieba
import numpy as np
import pandas as pd
import pytest

import zhspeech
from zhspeech import config
from zhspeech.tokens import _segment
from zhspeech.tokens import pipeline as ztokens

#: Terms of the speech that plain jieba splits and the lexicon (or the text's own marks) must keep whole.
SPEECH_TERMS = [
    "网络空间命运共同体",
    "世界互联网大会",
    "数字鸿沟",
    "网络主权",
    "四项原则",
    "五点主张",
    "三个倡导",
    "全球文明倡议",
    "一带一路",
    "数字丝绸之路",
    "共商共建共享",
    "二十国集团",
    "亚太经合组织",
    "金砖国家",
    "上合组织",
    "乌镇峰会",
    "全球数字契约",
    "数字经济",
    "人类命运共同体",
    "联合国技术特使办公室",
]


@pytest.fixture(scope="module")
def body(speech) -> str:
    """The speech's sentences, title and headings included, joined by newlines (what the token table covers)."""
    return "\n".join(speech.sentences["text"])


def test_columns_and_dtypes(tokens):
    assert list(tokens.columns) == [
        "token",
        "norm",
        "pos",
        "sentence",
        "paragraph",
        "section",
        "part",
        "start",
        "end",
        "is_stop",
        "is_punct",
        "is_word",
    ]
    for col in ("token", "norm", "pos", "part"):
        assert isinstance(tokens[col].dtype, pd.CategoricalDtype), col
    for col in ("sentence", "paragraph", "section"):
        assert tokens[col].dtype.itemsize <= 2, col
    assert tokens["start"].dtype == np.int32 and tokens["end"].dtype == np.int32
    for col in ("is_stop", "is_punct", "is_word"):
        assert tokens[col].dtype == bool


def test_offsets_index_the_text(speech, tokens):
    text = speech.text
    assert all(text[a:b] == t for t, a, b in zip(tokens["token"].astype(str), tokens["start"], tokens["end"]))
    assert tokens["start"].is_monotonic_increasing
    assert (tokens["start"].to_numpy()[1:] >= tokens["end"].to_numpy()[:-1]).all()


def test_every_body_character_is_covered_once(speech, tokens):
    """Tokens tile each sentence exactly, leaving out only whitespace."""
    covered = sum(len(t) for t in tokens["token"].astype(str))
    non_space = sum(len("".join(t.split())) for t in speech.sentences["text"])
    assert covered == non_space
    assert not tokens["token"].astype(str).str.isspace().any()


def test_tokens_stay_inside_their_sentence(speech, tokens):
    sents = speech.sentences.set_index("sentence")
    lo = sents.loc[tokens["sentence"], "start"].to_numpy()
    hi = sents.loc[tokens["sentence"], "end"].to_numpy()
    assert ((tokens["start"].to_numpy() >= lo) & (tokens["end"].to_numpy() <= hi)).all()
    pairs = tokens[["sentence", "paragraph", "section"]].drop_duplicates()
    merged = pairs.merge(sents.reset_index()[["sentence", "paragraph", "section"]], on="sentence", suffixes=("", "_s"))
    assert (merged["paragraph"] == merged["paragraph_s"]).all() and (merged["section"] == merged["section_s"]).all()
    assert set(tokens["section"]) == {0, 1, 2, 3}


def test_title_and_headings_are_tokenized_with_their_part(speech, tokens):
    sentences = speech.sentences.set_index("sentence")
    assert (tokens["part"].astype(str).to_numpy() == sentences.loc[tokens["sentence"], "part"].to_numpy()).all()
    assert list(tokens["part"].cat.categories) == ["title", "heading", "body"]  # reading order, parts present
    # the title line of the file, as written (markdown marker and spaces aside), is the title's tokens
    lines = config.SPEECH_PATH.read_text(encoding="utf-8").splitlines()
    title_line = next(line for line in lines if line.strip()).lstrip("# ")
    title = tokens[tokens["part"] == "title"]
    assert "".join(title["token"].astype(str)) == title_line.replace(" ", "")
    assert (title["paragraph"] == 0).all() and (title["sentence"] == 1).all()
    for heading in speech.sections:  # each heading line, label included, is tokenized in its own section
        rows = tokens[(tokens["start"] >= heading.start) & (tokens["end"] <= heading.end)]
        assert "".join(rows["token"].astype(str)) == (heading.label + heading.heading).replace(" ", "")
        assert set(rows["part"]) == {"heading"} and set(rows["section"]) == {heading.number}
        assert set(rows["paragraph"]) == {0}
    assert int((tokens["part"] == "body").sum()) > 0 and set(tokens["part"]) == {"title", "heading", "body"}


def test_sentence_table_without_parts_is_all_body(speech, tokens):
    """A sentence table built by hand (no ``part`` column) is read as body; the cache keeps the two apart."""
    bare = dataclasses.replace(speech, sentences=speech.sentences.drop(columns="part"))
    table = ztokens.speech_tokens(bare)
    assert set(table["part"]) == {"body"}
    pd.testing.assert_frame_equal(table.drop(columns="part"), tokens.drop(columns="part"))
    assert set(ztokens.speech_tokens(speech)["part"]) == {"title", "heading", "body"}  # not the cached bare table


def test_plain_jieba_splits_the_terms_we_keep(body):
    # jieba's global tokenizer holds its dictionary alone (zhspeech never adds to it)
    assert "网络空间命运共同体" not in jieba.lcut(body)
    assert jieba.lcut("网络空间命运共同体") == ["网络空间", "命运", "共同体"]
    for term in ["四项原则", "五点主张", "三个倡导", "网络主权", "世界互联网大会", "数字鸿沟"]:
        assert len(jieba.lcut(term)) > 1, term


@pytest.mark.parametrize("term", SPEECH_TERMS)
def test_speech_terms_are_single_tokens(tokens, body, term):
    """Every occurrence in the body is one token (none is split, none is swallowed by a longer token)."""
    n_tokens = int((tokens["token"] == term).sum())
    assert n_tokens >= 1
    assert n_tokens == body.count(term) - sum(body.count(longer) for longer in _known_longer(term, tokens))


def _known_longer(term: str, tokens: pd.DataFrame) -> list[str]:
    """Tokens of the table that contain ``term`` (title tokens such as 《携手构建网络空间命运共同体》 would)."""
    return [t for t in tokens["token"].cat.categories if term in t and t != term]


def test_no_token_swallows_the_central_concept(tokens):
    assert _known_longer("网络空间命运共同体", tokens) == []
    assert _known_longer("世界互联网大会", tokens) == []


def test_word_flags(tokens):
    tok = tokens["token"].astype(str)
    punct = tokens.loc[tokens["is_punct"], "token"].astype(str)
    assert set(punct) >= {"，", "。", "“", "”", "、", "《", "》"}
    assert not punct.str.contains(r"[\w]").any()
    assert not tokens.loc[tokens["is_word"], "is_punct"].any()
    numbers = tokens[tok.str.fullmatch(r"\d+")]
    assert len(numbers) > 10 and not numbers["is_word"].any()
    assert not tokens.loc[~tokens["is_word"], "is_stop"].any()
    assert tokens.loc[tok == "的", "is_stop"].all()
    for policy in ["坚持", "加强", "推动", "促进", "深化", "积极", "构建", "发展", "合作"]:
        rows = tokens[tok == policy]
        assert len(rows) > 0 and rows["is_word"].all() and not rows["is_stop"].any(), policy


def test_lexicon_tags(tokens):
    pos = dict(zip(tokens["token"].astype(str), tokens["pos"].astype(str)))
    assert pos["网络空间命运共同体"] == "nz"
    assert pos["世界互联网大会"] == "nt"
    assert pos["二十国集团"] == "nt"
    assert pos["乌镇"] == "ns"
    assert pos["，"] == "x"
    assert pos["2023"] == "m"
    assert pos["IPv6"] == "eng"


def test_fast_cut_equals_jieba_cut_with_the_same_dictionary(speech):
    tok = ztokens.get_tokenizer()
    for sentence in speech.sentences["text"]:
        assert tok.cut(sentence) == [w for w in tok.jieba.lcut(sentence) if not w.isspace()]
    mixed = "5G、IPv6和云计算 在2023年11月8日 \u3000达到 99.5% 的AI-Ready水平。"
    assert tok.cut(mixed) == [w for w in tok.jieba.lcut(mixed) if not w.isspace()]
    # scrambled text walks the odd corners of the route (prefix-only characters, long unknown stretches)
    chars = sorted(set(speech.text) - {" ", "\n"})
    rng = random.Random(3)
    for _ in range(40):
        s = "".join(rng.choice(chars) for _ in range(200))
        assert tok.cut(s) == [w for w in tok.jieba.lcut(s) if not w.isspace()], s


def test_pos_agrees_with_posseg_on_the_speech(speech, tokens):
    table = ztokens.compare_posseg(speech)
    assert len(table) == len(tokens)
    rate = table["agree"].mean()
    assert rate >= 0.99, table.loc[~table["agree"]].to_string()
    # where posseg cut the same span, it almost always gives the same tag
    same_span = table[table["posseg"].notna()]
    assert (same_span["agree"]).mean() >= 0.995


def _held(table: pd.DataFrame) -> int:
    """Bytes the table holds: its column buffers, and each distinct categories index once (``token`` and ``norm`` of
    a simplified text share one; ``memory_usage(deep=True)`` would count it twice)."""
    categories = {}
    for column in table.columns:
        if isinstance(table[column].dtype, pd.CategoricalDtype):
            cats = table[column].cat.categories
            categories[id(cats)] = cats.memory_usage(deep=True) - cats.memory_usage(deep=False)
    return int(table.memory_usage(deep=False).sum()) + sum(categories.values())


def test_memory_no_larger_than_a_list_of_strings(speech, tokens):
    strings = [speech.text[a:b] for a, b in zip(tokens["start"].tolist(), tokens["end"].tolist())]
    as_list = sys.getsizeof(strings) + sum(sys.getsizeof(s) for s in strings)
    assert tokens["token"].cat.categories is tokens["norm"].cat.categories  # one vocabulary for both columns
    assert _held(tokens) <= as_list


def test_parallel_gives_the_same_table(speech, tokens, monkeypatch):
    monkeypatch.setattr(_segment, "PARALLEL_MIN_CHARS", 0)
    two = ztokens.speech_tokens(speech, n_jobs=2)
    pd.testing.assert_frame_equal(two, tokens)


def test_deterministic(speech, tokens):
    pd.testing.assert_frame_equal(ztokens.speech_tokens(speech), tokens)


def test_private_tokenizer_leaves_jieba_alone(tokens):
    assert jieba.lcut("网络空间命运共同体") == ["网络空间", "命运", "共同体"]
    assert not jieba.dt.FREQ.get("网络空间命运共同体")
    assert ztokens.get_tokenizer() is ztokens.get_tokenizer()
    assert ztokens.get_tokenizer().jieba is not jieba.dt


def test_tokenize_raw_text():
    text = "当前，我们坚持“三个倡导”。\n\n  推动构建网络空间命运共同体！共商共建共享\n"
    table = zhspeech.tokenize(text)
    tok = table["token"].astype(str).tolist()
    assert "网络空间命运共同体" in tok and "三个倡导" in tok and "共商共建共享" in tok
    assert all(text[a:b] == t for t, a, b in zip(tok, table["start"], table["end"]))
    assert tok[:8] == ["当前", "，", "我们", "坚持", "“", "三个倡导", "”", "。"]
    assert table["paragraph"].tolist() == [1] * 8 + [2] * 5
    assert table["sentence"].tolist() == [1] * 8 + [2] * 4 + [3]
    assert set(table["section"]) == {0}
    assert set(table["part"]) == {"body"} and list(table["part"].cat.categories) == ["body"]


def test_simple_sentences_split():
    s = ztokens.simple_sentences("甲说：“好！”乙来了。\n丙\n\n丁？戊")
    assert s["end"].sub(s["start"]).tolist() == [7, 4, 1, 2, 1]
    assert s["paragraph"].tolist() == [1, 1, 2, 3, 3]


def test_tokenize_empty_and_bad_input():
    empty = zhspeech.tokenize("  \n")
    assert empty.empty and list(empty.columns)[:3] == ["token", "norm", "pos"]
    with pytest.raises(ValueError, match="n_jobs"):
        zhspeech.tokenize("你好", n_jobs=0)
    with pytest.raises(TypeError):
        zhspeech.tokenize(b"bytes")  # type: ignore[arg-type]


def test_terms_off_gives_plain_lexicon_segmentation(speech):
    plain = ztokens.speech_tokens(speech, terms=False)
    tok = plain["token"].astype(str)
    assert "联合国技术特使办公室" not in set(tok)  # a name the text marks, not a lexicon entry
    assert "网络空间命运共同体" in set(tok)


def test_pos_tag_table_is_cached_in_the_kits_cache_folder(speech):
    _ = speech.tokens
    assert list(config.CACHE_DIR.glob("jieba-tags-*.marshal")), "jieba's tag table belongs in config.CACHE_DIR"
