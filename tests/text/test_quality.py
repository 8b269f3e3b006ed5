"""Doubled-character warnings: judged with the tokenizer's dictionary (jieba's dict.txt and the project lexicon, read
without importing jieba), so reduplications and word boundaries are not reported and real typos are."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys

import pytest

import zhspeech
from zhspeech import config
from zhspeech.text import _dictionary, quality
from zhspeech.text.quality import doubled_characters

CORPUS = config.PROJ_ROOT / "data" / "raw" / "corpus" / "gov_work_reports"

pytestmark = pytest.mark.skipif(_dictionary.jieba_dictionary_path() is None, reason="needs jieba's dictionary")


def _pairs(text: str) -> list[str]:
    """The doubled pairs reported in ``text`` read as one paragraph."""
    return [text[f.offset : f.offset + 2] for f in doubled_characters(text, [(0, len(text))])]


# --------------------------------------------------------------------------------- short sentences, by hand


@pytest.mark.parametrize(
    "sentence",
    [
        # false alarms of the bigram rule on the government work reports: word boundaries and dictionary words
        "剧院演出场场爆满。",  # 场场 (every show) is a word
        "保护生物物种多样性。",  # 生物|物种
        "发展石化化工产业。",  # 石化|化工
        "发扬钉钉子精神。",  # 钉钉子 (hammering in nails) is a word
        "维护归侨侨眷合法权益。",  # 归侨|侨眷
        "畅通检举举报渠道。",  # 检举|举报
        "这是理念的具体体现。",  # 具体|体现
        "符合我国国情。",  # 我国|国情
        "切实保障农民工工资按时足额支付。",  # 农民工|工资
        "降低农业税税率。",  # 农业税|税率
        "去年年底。",
        # reduplications
        "孩子们玩娃娃。",
        "钢铁、煤炭等等行业。",
        "我们常常讨论。",
        "涉及方方面面。",
        "收入年年增长。",
        "基本做到市市有博物馆。",  # 市|市: a noun doubled, "every city"
        "一座座新城拔地而起。",
        "谢谢大家。",
        # a function word beside a word that ends or starts with it
        "以增强人民体质为目的的体育运动。",
        "平等互利和和平共处。",
        "实事求是是我们党的思想路线。",
        # a single character that belongs with its other neighbour: a number, or an unknown word (站线)
        "从2003年到2006年年均超收。",
        "延长车站站线。",
        # the cheap filters: numbers and offices
        "二〇〇〇年。",
        "浙江省省长。",
    ],
)
def test_reduplications_and_word_boundaries_are_not_typos(sentence):
    assert _pairs(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("推动国际社会化化解分歧。", "化化"),  # without one 化 the lexicon term 国际社会 forms; 社会化 occurs once
        ("是没有理由不给他以生活的机会和和效力的机会的。", "和和"),  # a function word doubled
        ("我们的的工作很重要。", "的的"),
        ("我们完成了了任务。", "了了"),  # 了了 is in jieba's dictionary, but not on its route here
        ("这是是我们的责任。", "是是"),
        ("要进一步步推动改革。", "步步"),  # 进一步|步|推动: the lone 步 belongs nowhere
        ("加快发发展。", "发发"),
        ("进入新新时代。", "新新"),
        ("坚持以人民为中心心的发展思想。", "心心"),
    ],
)
def test_real_typos_are_reported(sentence, pair):
    findings = doubled_characters(sentence, [(0, len(sentence))])
    assert len(findings) == 1
    (f,) = findings
    pos = sentence.index(pair)
    context = sentence[max(0, pos - 4) : pos + 6]
    assert (f.kind, f.offset, f.text) == ("doubled_character", pos, context)
    assert f.message == f"doubled character {pair} in “{context}” may be a typo"


def test_pairs_outside_the_paragraphs_are_not_read():
    text = "推动国际社会化化解分歧。"
    assert doubled_characters(text, [(0, 5)]) == []  # the pair runs past the paragraph's end
    assert doubled_characters(text, []) == []


# -------------------------------------------------------------------------------------- the real texts


#: Every doubled-character warning on the 49 reports, each read in context by hand:
#: - 1978 和和 — a real typo: the sentence quotes Mao's 论十大关系, "是没有理由不给他以生活的机会和效力的机会的".
REAL_TYPOS = {("1978政府工作报告_华国锋.txt", "和和", "活的机会和和效力的机")}
#: - 2007 超超 — a false alarm: 超超临界 (ultra-supercritical) is a technical term that neither jieba's dictionary
#:   nor the project lexicon holds, so the lone 超 before 超临界 reads exactly like a typo (进入新新时代).
KNOWN_FALSE_ALARMS = {("2007政府工作报告_温家宝.txt", "超超", "电机组、超超临界火电")}


def test_the_government_work_reports_warn_only_about_the_hand_checked_pairs():
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) == 49
    found = set()
    for path in files:
        speech = zhspeech.load(path)
        for f in speech.findings:
            if f.kind == "doubled_character":
                pair = speech.text[f.offset : f.offset + 2]
                found.add((path.name, pair, f.text))
    assert found == REAL_TYPOS | KNOWN_FALSE_ALARMS


def test_the_first_speech_keeps_its_one_typo(speech):
    doubled = [f for f in speech.findings if f.kind == "doubled_character"]
    pos = speech.text.index("国际社会化化解分歧") + 4
    assert [(f.offset, f.text) for f in doubled] == [(pos, "国际社会化化解分歧、")]
    assert sum("doubled character" in w for w in speech.warnings) == 1


@pytest.mark.parametrize("name", ["provincial_report.txt", "traditional_no_headings.txt"])
def test_the_test_texts_have_no_doubled_character_warning(name):
    speech = zhspeech.load(config.PROJ_ROOT / "tests" / "texts" / name)
    assert [f for f in speech.findings if f.kind == "doubled_character"] == []


# ------------------------------------------------------------------------------------------ the dictionary


def test_the_dictionary_segments_as_jieba_does():
    from zhspeech.tokens.pipeline import get_tokenizer

    jt = get_tokenizer().jieba  # jieba with the project lexicon, as the tokenizer builds it
    words = _dictionary.load()
    assert words is not None and words.total == jt.total
    assert all(jt.FREQ.get(w) == f for w, f in words.added.items())
    text = (CORPUS / "2015政府工作报告_李克强.txt").read_text(encoding="utf-8")
    runs = re.findall(r"[\u4e00-\u9fd5]+", text)[:1500]  # jieba's Han range
    assert [words.segment(r) for r in runs] == [jt.lcut(r, HMM=False) for r in runs]


@pytest.mark.parametrize("broken", [b"not marshal data", marshal.dumps(("an", "old", "layout"))])
def test_the_parsed_dictionary_is_cached_and_a_broken_cache_is_rebuilt(broken):
    first = _dictionary.load()
    stored = list(config.CACHE_DIR.glob("jieba-dict-*.marshal"))
    assert len(stored) == 1
    stored[0].write_bytes(broken)
    _dictionary.load.cache_clear()
    try:
        again = _dictionary.load()
        assert again is not first and again.total == first.total
        assert again.segment("推动国际社会化解分歧") == ["推动", "国际社会", "化解", "分歧"]
        assert stored[0].read_bytes() != broken  # written again
    finally:
        _dictionary.load.cache_clear()


def test_the_dictionary_is_loaded_only_when_a_pair_needs_it(monkeypatch):
    calls = []
    monkeypatch.setattr(quality, "load_dictionary", lambda: calls.append(1) or _dictionary.load())
    text = "没有重叠的字。涉及方方面面。一一对应。"
    doubled_characters(text, [(0, len(text))])  # no pair but an AABB reduplication and a number
    doubled_characters("推动国际社会化化解分歧。", [(0, 5)])  # a pair outside the paragraph
    assert calls == []
    doubled_characters("推动国际社会化化解分歧。", [(0, 12)])
    assert calls == [1]


def test_without_jieba_the_bigram_rule_still_finds_the_typo(monkeypatch, speech):
    monkeypatch.setattr(_dictionary, "jieba_dictionary_path", lambda: None)
    _dictionary.load.cache_clear()
    try:
        assert _dictionary.load() is None
        text = speech.text
        spans = list(zip(speech.paragraphs["start"], speech.paragraphs["end"]))
        found = [text[f.offset : f.offset + 2] for f in doubled_characters(text, spans)]
        assert found == ["化化"]
        assert _pairs("我们常常讨论。我们常常讨论。") == []  # 常 is in the list of common reduplications
    finally:
        _dictionary.load.cache_clear()


def test_the_fallback_runs_when_the_dictionary_is_missing(monkeypatch):
    monkeypatch.setattr(quality, "load_dictionary", lambda: None)
    # the bigram rule: 生物 and 物种 occur once each, so 生物物种 is reported (the dictionary knows better)
    assert _pairs("保护生物物种多样性。") == ["物物"]


def test_outline_judges_doubled_characters_without_importing_jieba(tmp_path):
    path = tmp_path / "speech.md"
    path.write_text("# 标题\n\n推动国际社会化化解分歧，发扬钉钉子精神，剧院演出场场爆满。\n", encoding="utf-8")
    probe = (
        "import sys, io, contextlib; from zhspeech.cli import main; "
        "buf = io.StringIO(); c = contextlib.redirect_stdout(buf); c.__enter__(); "
        f"rc = main(['outline', {str(path)!r}]); c.__exit__(None, None, None); "
        "out = buf.getvalue(); "
        "print(rc, 'jieba' in sys.modules, '化化' in out, '钉钉' in out or '场场' in out)"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "0 False True False"
