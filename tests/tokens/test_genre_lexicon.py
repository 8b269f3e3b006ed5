"""The genre lexicon: the phrase finder, its held-out measure on the reports 2008–2017 (with the bare tokenizer and
through the pipeline users get, whose multiword step learns terms from the text itself), the multiword step's rules,
years in Chinese numerals, and the canonical formulas of the period."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import zhspeech
from zhspeech import config
from zhspeech.tokens import lexicon as lx
from zhspeech.tokens import phrases
from zhspeech.tokens._fastcut import get_tokenizer

DATA = Path(__file__).parent / "data"
#: The phrase list learned from the reports up to 2007 only (rebuilt by test_held_out_list_is_reproducible).
HELD_OUT_LEXICON = DATA / "genre_terms_upto2007.txt"
GOLD = DATA / "gold_terms_2008_2017.txt"


def _gold() -> list[str]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _kept_whole(tok, texts: dict[str, str], terms: list[str]) -> dict[str, bool]:
    """Per term: whether at least half of its occurrences in ``texts`` come out as one token."""
    return _whole_in([w for text in texts.values() for w in tok.cut(text)], texts, terms)


def _whole_in(tokens: list[str], texts: dict[str, str], terms: list[str]) -> dict[str, bool]:
    counts = pd.Series(tokens, dtype=object).value_counts()
    occurrences = {t: sum(text.count(t) for text in texts.values()) for t in terms}
    return {t: occurrences[t] > 0 and 2 * int(counts.get(t, 0)) >= occurrences[t] for t in terms}


def _kept_whole_by_pipeline(lexicon, texts: dict[str, str], terms: list[str]) -> dict[str, bool]:
    """As :func:`_kept_whole`, each text tokenized as users get it: ``zhspeech.tokenize`` with all three layers
    (the multiword step learns the text's own recurring terms; nothing comes from the gold list)."""
    tokens = [w for text in texts.values() for w in zhspeech.tokenize(text, lexicon=lexicon)["norm"].astype(str)]
    return _whole_in(tokens, texts, terms)


# ------------------------------------------------------------------------------------------ association measure


def test_g2_against_a_hand_computed_table():
    # 2×2 table: together 10, first alone 10, second alone 20, neither 960 (n = 1000 adjacent positions);
    # expected counts 0.6, 19.4, 29.4, 950.6 (row total × column total / n), worked out by hand.
    observed, expected = [10, 10, 20, 960], [0.6, 19.4, 29.4, 950.6]
    by_hand = 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected))
    assert phrases.g2([10], [20], [30], 1000)[0] == pytest.approx(by_hand)
    assert phrases.g2([0], [20], [30], 1000)[0] < phrases.g2([10], [20], [30], 1000)[0]


def test_phrase_needs_several_documents_and_a_content_head():
    recurring = "发展海洋牧场，建设海洋牧场。"  # 海洋牧场: twice in each of three reports -> 6 times, 3 reports
    one_report = "推广深海网箱，深海网箱养殖，深海网箱技术，深海网箱产品，深海网箱装备，深海网箱企业。"
    texts = {"a.txt": recurring + one_report, "b.txt": recurring + "渔民增收。", "c.txt": recurring + "加强管理。"}
    table = phrases.phrase_table(texts)
    assert list(table.columns) == ["phrase", "parts", "n12", "n1", "n2", "docs", "dice", "g2", "round", "tag"]
    row = table.set_index("phrase").loc["海洋牧场"]
    assert (row["parts"], row["n12"], row["n1"], row["n2"], row["docs"]) == ("海洋 牧场", 6, 6, 6, 3)
    assert "深海网箱" not in set(table["phrase"])  # 6 times, but in one report only
    assert "加强管理" not in set(table["phrase"])  # a verb opens it (and 加强 is a counted policy word)


def test_phrases_of_a_corpus_without_any():
    table = phrases.phrase_table({"a.txt": "今天天气很好。"})
    assert table.empty and "g2" in table.columns


# ------------------------------------------------------------------------------------------------- held out


@pytest.fixture(scope="module")
def held_out():
    """Kept-whole flags of the gold terms in the reports 2008–2017: jieba + project lexicon, then + the phrases
    learned up to 2007 (the held-out list), then + the shipped genre lexicon (learned from all reports)."""
    texts = phrases.read_corpus(since=2008)
    assert len(texts) == 10
    project = set(zhspeech.load_lexicon()["word"])
    gold = [t for t in _gold() if t not in project]  # hand-curated entries are whole by construction: not measured
    base = get_tokenizer()
    learned = get_tokenizer(HELD_OUT_LEXICON)
    shipped = get_tokenizer(genre=True)
    return gold, {
        name: _kept_whole(tok, texts, gold) for name, tok in [("base", base), ("held", learned), ("all", shipped)]
    }


def test_gold_list_is_large_enough_and_occurs(held_out):
    gold, _ = held_out
    assert len(_gold()) >= 60 and len(gold) >= 40
    texts = phrases.read_corpus(since=2008)
    for term in _gold():  # each occurs in at least two of the ten reports (how the list was made)
        assert sum(term in text for text in texts.values()) >= 2, term


def test_phrases_learned_up_to_2007_keep_more_terms_of_2008_2017_whole(held_out):
    gold, whole = held_out
    base, held, full = (sum(whole[k].values()) for k in ("base", "held", "all"))
    print(
        f"\ngenre terms 2008–2017 kept whole ({len(gold)} terms): project lexicon {base}, "
        f"+ learned ≤2007 {held}, + shipped (all reports) {full}"
    )
    assert held > base
    assert full >= held
    assert all(whole["held"][t] for t in gold if whole["base"][t])  # the learned list breaks no term


@pytest.fixture(scope="module")
def held_out_pipeline(held_out):
    """Kept-whole flags through the pipeline (``zhspeech.tokenize``): project lexicon, then + the list learned
    up to 2007; the bare-tokenizer flags of ``held_out`` beside them."""
    gold, bare = held_out
    texts = phrases.read_corpus(since=2008)
    whole = {
        "base": _kept_whole_by_pipeline(None, texts, gold),
        "held": _kept_whole_by_pipeline(HELD_OUT_LEXICON, texts, gold),
    }
    return gold, bare, whole


@pytest.mark.corpus
def test_pipeline_keeps_more_held_out_terms_whole(held_out_pipeline):
    gold, bare, whole = held_out_pipeline
    n_bare, n_base, n_held = sum(bare["held"].values()), sum(whole["base"].values()), sum(whole["held"].values())
    print(
        f"\ngenre terms 2008–2017 kept whole ({len(gold)} terms): bare tokenizer + learned ≤2007 {n_bare}; "
        f"pipeline (multiword step on) {n_base}, + learned ≤2007 {n_held} ({n_held / len(gold):.0%})"
    )
    assert n_held > n_bare and n_held >= n_base
    assert n_held >= 0.35 * len(gold)  # measured 21 of 52 (40 %) when the multiword chains were introduced
    assert all(whole["held"][t] for t in gold if bare["held"][t])  # the multiword step breaks no term


@pytest.mark.corpus
@pytest.mark.xfail(
    strict=True,
    reason="target not reached (21 of 52 through the pipeline): about half of the terms first appear after 2007 and "
    "many occur once per report; slogans led by a verb, verb heads and phrases with 的 are never joined",
)
def test_held_out_target_ninety_percent(held_out_pipeline):
    gold, _, whole = held_out_pipeline
    assert sum(whole["held"].values()) >= 0.9 * len(gold)


@pytest.mark.slow
def test_held_out_list_is_reproducible():
    table = phrases.phrase_table(phrases.read_corpus(until=2007))
    assert list(table["phrase"]) == [e.word for e in lx.read_lexicon(HELD_OUT_LEXICON)]


# ------------------------------------------------------------------------------ the multiword step (layer 3)


def _multiword(text: str) -> pd.DataFrame:
    terms = zhspeech.text_terms(text)
    return terms[terms["source"] == "multiword"].set_index("term")


def test_multiword_chains_against_hand_counts():
    # vocabulary 0 海洋, 1 牧场, 2 装备, 3 。; text 海洋牧场装备。海洋牧场装备。海洋牧场
    vocab, tags = ["海洋", "牧场", "装备", "。"], ["n", "n", "n", "x"]
    words = lx.chain_words(vocab, tags, np.zeros(4, dtype=bool), set(), frozenset())
    codes = np.array([0, 1, 2, 3, 0, 1, 2, 3, 0, 1], dtype=np.int32)
    touch = np.ones(len(codes), dtype=bool)
    chains = lx.multiword_chains(codes, touch, words, lx.MultiwordRule())
    # longest first; 牧场装备 is always preceded by 海洋 (a fragment), kept because 海洋牧场装备 is a term
    assert [(p, n) for p, n in zip(chains["parts"], chains["n12"])] == [((0, 1, 2), 2), ((0, 1), 3), ((1, 2), 2)]
    assert chains["starts"].map(list).tolist() == [[0, 4], [0, 4, 8], [1, 5]]
    assert chains["share"].tolist() == [1.0, 1.0, 1.0]  # e.g. 海洋牧场|装备: 2 of the 2 uses of 装备
    short = lx.multiword_chains(codes, touch, words, lx.MultiwordRule(max_chain_chars=5))
    assert short["parts"].tolist() == [(0, 1)]  # 海洋牧场装备 too long: 牧场装备 is left a fragment
    touch[5] = False  # the second 牧场装备 crosses a sentence boundary: 海洋牧场装备 is a unit once only
    assert (0, 1, 2) not in set(lx.multiword_chains(codes, touch, words, lx.MultiwordRule())["parts"])


def test_a_chain_seen_twice_is_one_token():
    text = "深化集体林权制度改革。推进集体林权制度改革，完善制度。"
    assert _multiword(text).loc["集体林权制度改革", "count"] == 2
    assert (zhspeech.tokenize(text)["token"] == "集体林权制度改革").sum() == 2


def test_a_pair_seen_twice_only_when_one_word_is_never_apart():
    assert "小微企业" in _multiword("支持小微企业。小微企业融资难。扶持企业发展。").index
    assert "创新型国家" not in _multiword("建设创新型国家。建设创新型国家。培育创新型企业。国家富强。").index


def test_two_verbs_used_together_form_one_compound():
    assert _multiword("抓好节能减排。节能减排成效明显。推进节能减排。").loc["节能减排", "count"] == 3


def test_fragments_and_predicates_are_not_terms():
    # 城市棚户区 is always followed by the verb 改造: a piece of a longer unit the rules cannot join
    assert _multiword("推进城市棚户区改造。加快城市棚户区改造。完成城市棚户区改造。").empty
    # 科学总结 is followed by the aspect particle 了: a predicate
    assert _multiword("大会科学总结了经验。大会科学总结了教训。大会科学总结了做法。").empty


# --------------------------------------------------------------------------------------------- shipped file


def test_shipped_genre_lexicon_header_and_sidecar():
    text = config.GENRE_LEXICON_PATH.read_text(encoding="utf-8")
    assert "python -m zhspeech.tokens.phrases" in text.splitlines()[2]
    entries = lx.read_lexicon(config.GENRE_LEXICON_PATH)
    sidecar = pd.read_csv(config.GENRE_LEXICON_PATH.with_suffix(".tsv"), sep="\t")
    assert [e.word for e in entries] == list(sidecar["phrase"])
    assert (sidecar["docs"] >= phrases.PhraseRule().min_docs).all()
    assert (sidecar["n12"] >= phrases.PhraseRule().min_count).all()
    assert {"保障性安居工程", "社会保障体系", "产业结构调整", "亚洲金融危机"} <= set(sidecar["phrase"])


def test_genre_lexicon_is_opt_in_and_every_entry_whole():
    assert config.GENRE_LEXICON_PATH not in lx.lexicon_paths()
    assert lx.lexicon_paths(genre=True)[:2] == (config.LEXICON_PATH, config.GENRE_LEXICON_PATH)
    tok = get_tokenizer(genre=True)
    assert [e.word for e in lx.read_lexicon(config.GENRE_LEXICON_PATH) if tok.cut(e.word) != [e.word]] == []


def test_first_speech_terms_stay_whole_with_the_genre_lexicon():
    from tests.tokens.test_tokenize import SPEECH_TERMS

    text = config.SPEECH_PATH.read_text(encoding="utf-8")
    plain, genre = zhspeech.tokenize(text), zhspeech.tokenize(text, lexicon=config.GENRE_LEXICON_PATH)
    for term in SPEECH_TERMS:
        assert (plain["token"] == term).sum() <= (genre["token"] == term).sum(), term


# ------------------------------------------------------------------------------------ formulas of the period

PERIOD_FORMULAS = [
    "新时代中国特色社会主义思想",
    "社会主要矛盾",
    "供给侧结构性改革",
    "伟大斗争",
    "伟大工程",
    "五位一体",
    "四个全面",
    "两个一百年",
    "碳达峰",
    "碳中和",
    "共同富裕",
    "共同富裕示范区",
    "长三角一体化",
    "京津冀协同发展",
    "大众创业万众创新",
]


def test_formulas_of_the_period_come_out_whole():
    sentence = (
        "坚持新时代中国特色社会主义思想，把握社会主要矛盾，深化供给侧结构性改革，进行伟大斗争，建设伟大工程，"
        "统筹推进五位一体，协调推进四个全面，实现两个一百年，做好碳达峰碳中和，扎实推动共同富裕，"
        "支持浙江建设共同富裕示范区，推进长三角一体化和京津冀协同发展，推动大众创业万众创新。"
    )
    words = get_tokenizer().cut(sentence)
    assert [t for t in PERIOD_FORMULAS if t not in words] == []


# -------------------------------------------------------------------------------------------------------- years


@pytest.mark.parametrize(
    "text, year",
    [
        ("到二〇三五年基本实现", "二〇三五年"),
        ("一九五三年起", "一九五三年"),
        ("一九八○年国民经济", "一九八○年"),
        ("二〇二〇年全面建成", "二〇二〇年"),
    ],
)
def test_year_in_chinese_numerals_is_one_number_token(text, year):
    table = zhspeech.tokenize(text)
    row = table[table["token"] == year]
    assert len(row) == 1
    assert not row["is_word"].iloc[0]  # a number, as the digits of 2035年 are
    assert text[row["start"].iloc[0] : row["end"].iloc[0]] == year


def test_year_rule_leaves_other_numbers_alone():
    tok = get_tokenizer()
    assert tok.cut("到2035年") == ["到", "2035", "年"]
    assert "二〇〇〇年" not in tok.cut("十二〇〇〇年")  # inside a longer number: not a year
    assert "三四五六年" not in tok.cut("三四五六年")  # a year starts with 一 or 二
    table = zhspeech.tokenize("到2035年基本实现")
    assert not table.loc[table["token"] == "2035", "is_word"].iloc[0]
