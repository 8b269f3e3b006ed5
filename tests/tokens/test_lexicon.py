"""Lexicon files, user lexicons, the terms a text marks, multiword terms and stopwords."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

import zhspeech
from zhspeech import config
from zhspeech.errors import LexiconError, SpeechError
from zhspeech.tokens import lexicon as lx
from zhspeech.tokens import pipeline as ztokens
from zhspeech.tokens.stopwords import keep_words, stopwords

#: A made-up speech on another subject (fisheries), with terms the project lexicon was not written for.
MADE_UP = """## 携手建设蓝色粮仓 共护海洋家园

### 一、坚持“三个统筹”，筑牢海洋粮食安全根基

当前，全球粮食安全面临新的挑战。我们提出“蓝色粮仓”理念，坚持“三个统筹”，落实五项行动，从生产、加工、贸易三个维度推进工作。\
北太平洋渔业委员会和东亚渔业论坛在这两个方面发挥了重要作用，行业组织也积极参与。

《蓝色伙伴关系倡议》发布以来，各方积极响应。我们要推进“蓝色粮仓”建设，发展海洋牧场，推动海洋牧场装备升级，让海洋牧场惠及沿海渔民。

### 二、深化务实合作，共享海洋发展成果

我们愿同各方一道，加强深海网箱技术交流，提升深海网箱养殖水平，推广深海网箱，支持北太平洋渔业委员会开展工作。\
在这两个方面，东亚渔业论坛将继续发挥作用，践行“让人民吃得好的愿景”，反对“构建人类命运共同体”之外的零和思路。
"""


@pytest.fixture(scope="module")
def made_up():
    speech = zhspeech.parse(MADE_UP)
    return speech, zhspeech.text_terms(speech)


def _write(tmp_path: Path, text: str, name: str = "user.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# ------------------------------------------------------------------------------------------------ lexicon files


def test_project_lexicon_loads():
    table = zhspeech.load_lexicon()
    assert list(table.columns) == ["word", "freq", "tag", "file", "line"]
    assert len(table) > 300
    assert table["word"].is_unique
    assert set(table["tag"].dropna()) <= lx.POS_TAGS
    assert (table["file"] == str(config.LEXICON_PATH)).all()
    for word in ["网络空间命运共同体", "世界互联网大会", "数字鸿沟", "网络主权", "四项原则", "二十国集团"]:
        assert word in set(table["word"])


def test_every_project_entry_comes_out_whole():
    tok = ztokens.get_tokenizer()
    broken = [w for w in zhspeech.load_lexicon()["word"] if tok.cut(w) != [w]]
    assert broken == []


def test_project_lexicon_has_no_slogans_around_concepts():
    words = set(zhspeech.load_lexicon()["word"])
    assert not {"构建人类命运共同体", "共建一带一路", "携手构建网络空间命运共同体"} & words


@pytest.mark.parametrize(
    "line, message",
    [
        ("网络主权 100 nz extra", "4 fields"),
        ("网络主权 0 nz", "at least 1"),
        ("网络主权 12abc", "expected `word"),
        ("网络主权 nz 100", "expected `word"),
        ("网络主权 NZ", "unknown POS tag 'NZ'"),
        ("网络主权 zz", "unknown POS tag 'zz'"),
        ("《网络主权》 nz", "can never be one token"),
        ("网络·主权", "can never be one token"),
    ],
)
def test_bad_line_names_file_and_line(tmp_path, line, message):
    path = _write(tmp_path, f"# my terms\n\n数字鸿沟 n\n{line}\n")
    with pytest.raises(LexiconError, match=message) as err:
        lx.read_lexicon(path)
    assert f"{path}, line 4" in str(err.value)
    assert isinstance(err.value, SpeechError)


def test_lexicon_not_utf8_or_missing(tmp_path):
    path = _write(tmp_path, "数字鸿沟 n\n网络主权 n\n", encoding="gb18030")
    with pytest.raises(LexiconError, match=r"line 1: lexicon files must be UTF-8"):
        lx.read_lexicon(path)
    with pytest.raises(LexiconError, match="cannot read lexicon"):
        zhspeech.tokenize("你好", lexicon=tmp_path / "missing.txt")


def test_comments_bom_and_optional_fields(tmp_path):
    path = _write(tmp_path, "\ufeff# 注释\n\n蓝色粮仓\n深海网箱 n\n海洋牧场 5000\n渔业碳汇 3000 nz  \n")
    entries = lx.read_lexicon(path)
    assert [(e.word, e.freq, e.tag, e.line) for e in entries] == [
        ("蓝色粮仓", None, None, 3),
        ("深海网箱", None, "n", 4),
        ("海洋牧场", 5000, None, 5),
        ("渔业碳汇", 3000, "nz", 6),
    ]


def test_user_lexicon_extends_the_tokenizer(tmp_path):
    text = "发展渔业碳汇，建设海洋牧场。"
    before = zhspeech.tokenize(text, terms=False)["token"].astype(str).tolist()
    assert "渔业碳汇" not in before
    path = _write(tmp_path, "渔业碳汇 nz\n")
    after = zhspeech.tokenize(text, lexicon=path, terms=False)
    pos = dict(zip(after["token"].astype(str), after["pos"].astype(str)))
    assert pos["渔业碳汇"] == "nz"
    speech = zhspeech.parse("## 题目\n\n" + text, lexicon=[path])
    assert "渔业碳汇" in set(speech.tokens["token"].astype(str))
    assert ztokens.get_tokenizer(path) is not ztokens.get_tokenizer()
    assert ztokens.get_tokenizer([path]) is ztokens.get_tokenizer(path)


def test_changed_lexicon_file_is_reloaded(tmp_path):
    path = _write(tmp_path, "渔业碳汇 nz\n")
    first = ztokens.get_tokenizer(path)
    path.write_text("渔业碳汇 nz\n海水淡化 nz\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    second = ztokens.get_tokenizer(path)
    assert second is not first and second.cut("海水淡化") == ["海水淡化"]


def test_bad_user_lexicon_through_load(tmp_path):
    path = _write(tmp_path, "渔业碳汇 nz\n海水 淡化 nz x\n")
    speech = zhspeech.load(config.SPEECH_PATH, lexicon=path)
    with pytest.raises(LexiconError, match=rf"{path.name}, line 2"):
        _ = speech.tokens


# ------------------------------------------------------------------------------------- terms the text marks


def test_made_up_speech_marked_terms(made_up):
    speech, terms = made_up
    added = terms[terms["added"]].set_index("term")
    assert added.loc["蓝色粮仓", "source"] == "quoted"
    # its tokens, the title's included: the text writes it three times (title, sentences 1 and 3)
    assert added.loc["蓝色粮仓", "count"] == MADE_UP.count("蓝色粮仓") == 3
    assert added.loc["三个统筹", "source"] == "quoted"
    assert added.loc["蓝色伙伴关系倡议", "source"] == "title"
    assert added.loc["五项行动", "source"] == "formula"
    assert added.loc["北太平洋渔业委员会", "source"] == "organization"
    assert added.loc["北太平洋渔业委员会", "tag"] == "nt"
    assert added.loc["东亚渔业论坛", "count"] == 2
    tokens = speech.tokens["token"].astype(str)
    body = "\n".join(speech.sentences["text"])
    for term in ["蓝色粮仓", "三个统筹", "蓝色伙伴关系倡议", "五项行动", "北太平洋渔业委员会", "东亚渔业论坛"]:
        assert (tokens == term).sum() == body.count(term) == added.loc[term, "count"] > 0, term


def test_made_up_speech_rejections(made_up):
    speech, terms = made_up
    found = terms.set_index("term")
    # a slogan around a lexicon concept is reported, not added: the concept stays countable
    assert not found.loc["构建人类命运共同体", "added"]
    assert "人类命运共同体" in found.loc["构建人类命运共同体", "note"]
    assert "人类命运共同体" in set(speech.tokens["token"].astype(str))
    # a quoted phrase, a generic count and a kind of organization are not terms
    assert "让人民吃得好的愿景" not in found.index
    assert "三个维度" not in found.index and "两个方面" not in found.index
    assert "行业组织" not in found.index


def test_made_up_speech_multiword_terms(made_up):
    speech, terms = made_up
    multi = terms[terms["source"] == "multiword"].set_index("term")
    assert set(multi.index) == {"海洋牧场", "深海网箱"}
    assert multi.loc["深海网箱", "count"] == 3
    assert "n12=3" in multi.loc["深海网箱", "note"]
    tokens = speech.tokens["token"].astype(str)
    assert (tokens == "深海网箱").sum() == 3 and (tokens == "网箱").sum() == 0


def test_multiword_never_absorbs_policy_words(speech):
    terms = zhspeech.text_terms(speech)
    keep = keep_words()
    for term in terms.loc[terms["source"] == "multiword", "term"]:
        assert not any(term.startswith(k) or term.endswith(k) for k in keep if len(k) > 1), term


def test_multiword_pairs_against_hand_counts():
    # vocabulary 0 海洋, 1 牧场, 2 建设 (not a candidate); codes in text order: 海洋牧场建设 海洋牧场建设 海洋牧场 海洋
    codes = np.array([0, 1, 2, 0, 1, 2, 0, 1, 0], dtype=np.int32)
    joined = np.ones(len(codes), dtype=bool)
    ok = np.array([True, True, False])
    pairs = lx.multiword_pairs(codes, joined, ok, ok, np.array([2, 2, 2]), lx.MultiwordRule())
    assert pairs[["a", "b", "n12", "n1", "n2"]].values.tolist() == [[0, 1, 3, 4, 3]]
    assert pairs["dice"].iloc[0] == pytest.approx(2 * 3 / (4 + 3))
    joined[3] = False  # the second pair crosses a sentence boundary: n12 = 2 < min_count
    assert lx.multiword_pairs(codes, joined, ok, ok, np.array([2, 2, 2]), lx.MultiwordRule()).empty
    long = lx.multiword_pairs(codes, np.ones(len(codes), bool), ok, ok, np.array([5, 4, 2]), lx.MultiwordRule())
    assert long.empty  # 5 + 4 characters > max_chars
    few = lx.multiword_pairs(
        np.array([0, 1, 0, 1], dtype=np.int32), np.ones(4, bool), ok, ok, np.array([2, 2, 2]), lx.MultiwordRule()
    )
    assert few.empty  # n12 = 2 < min_count


def test_speech_terms_table(speech):
    terms = zhspeech.text_terms(speech)
    assert list(terms.columns) == ["term", "source", "count", "added", "tag", "note"]
    assert set(terms["source"]) <= set(lx._SOURCES)
    found = terms.set_index("term")
    assert found.loc["数字鸿沟", "note"] == "already a word"
    assert found.loc["联合国技术特使办公室", "added"]
    assert not found.loc["携手构建网络空间命运共同体", "added"]
    assert zhspeech.text_terms(speech.text)["term"].tolist()[:5] == terms["term"].tolist()[:5]


# --------------------------------------------------------------------------------------------------- stopwords


def test_stopwords_lists():
    stop = stopwords()
    import stopwordsiso

    iso = stopwordsiso.stopwords("zh")
    assert {"的", "了", "和", "进行", "一是", "当前"} <= stop
    for word in ["坚持", "加强", "推动", "促进", "深化", "积极", "构建", "发展", "合作", "逐步", "遵循", "共"]:
        assert word not in stop, word
    assert {"逐步", "遵循", "共"} <= iso  # the keep-list really removes words the maintained list has
    assert stopwords(keep=False) >= {"逐步", "遵循"}
    assert stopwords(genre=False, keep=False) == frozenset(iso)
