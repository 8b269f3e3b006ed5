"""Numbered formulas (提法): 四项基本原则, 五点主张, 三个倡导, 两个确立, 五位一体, 一国两制, 两步走 …"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .._checks import require_columns
from ._common import HAN, SpanIndex, check_speech, cn_number, frame_table, quote_spans

_NUM = "[一二两兩三四五六七八九十]"
_MEASURE = re.compile(rf"(?P<num>{_NUM}{{1,2}})(?:(?P<whole>位一[体體])|(?P<mw>方面|[大项項点點条條个個种種字步]))")
_PAIRED = re.compile(rf"(?P<num>{_NUM})(?P<pair>[{HAN}](?:{_NUM}[{HAN}]){{1,3}})")
_HAN = re.compile(f"[{HAN}]")
_DIGITS = frozenset("一二两兩三四五六七八九十")
_NUMERAL_CHARS = frozenset("〇○零一二两兩三四五六七八九十百千万萬亿億几幾")
_STRONG_MW = frozenset("大项項点點条條")
_MAX_NUMBER = 10  # a larger number (十九个建设项目, 四十项成果) names a formula only when quoted or listed
_MAX_HEAD = 8  # characters of a head extended over following tokens
#: A numeral after one of these is part of a larger number, an ordinal, a fraction or an estimate.
_BEFORE_COUNT = _NUMERAL_CHARS | frozenset("第多余餘近约約逾数數每之.．０１２３４５６７８９0123456789")
#: Words before a numeral that point back at a list or count it (这三项工作, 以下的两个方面): no evidence of a name.
_POINTER = re.compile(r"(?:这|這|那|以下|下列|上述|如下|以上|前|后|後|其中|头|頭)的?$")
#: A list right before a numeral: 发展、安全、文明 (三个维度), 京汉和粤汉 (两大干线); its items are counted.
_LIST_BEFORE = re.compile(rf"(?:[{HAN}]{{1,10}}、)*[{HAN}]{{1,10}}(?P<last>、|以及|和|与|與|及)[{HAN}]{{1,10}}$")
#: Counts of things (三十个大电站, 120个项目): a sentence with two or more of them besides a mention is counting.
_QUANTITY = re.compile(r"(?:[0-9０-９]+|[一二两兩三四五六七八九十百千万萬]+)(?:多|余|餘)?[个個座所家艘架处處]")
_CLOCK_BEFORE = ("上午", "下午", "晚上", "凌晨", "中午", "早上", "傍晚")
_CONGRESS_BEFORE = ("党的", "黨的", "中共")
#: Characters that cannot open a head (三大以上, 两项之中, 八大以来, 三个都, 两项的).
_HEAD_FIRST_STOP = frozenset(
    "以来來上下后後前内內外里裏期之其的地得了着過过是在和与與及或等也都就才又而个個次年月日号號时時分秒钟鐘半多余几幾左右"
)
#: Characters of a paired shape that are measure or time words (一天一天, 一步一步, 一年一度): repetitions, not names.
_PAIR_STOP = frozenset("个個天年月日次步点點些把样樣条條项項件回遍层層批片块塊种種的是了")
#: Tags of tokens that continue a noun phrase, and of heads that end one as a predicate (两个维护, 四个坚持).
_NOMINAL = frozenset("n nz nt ns nr nrt nrfg ng vn an j l i eng".split())
_PREDICATE = frozenset("v vd vi a ad d".split())
#: Dictionary tags of words that may be a formula (not numbers, time words, idioms, places: 一部分, 一心一意, 五大洲).
_NAME_TAGS = frozenset("n nz nt l j vn v an a b".split())
_QUOTE_LIST = re.compile(r"[、，,；;]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Heads that name a number of things of a general kind (三个方面, 两项工作, 六个工业部): counts, not formulas. A head
#: ending in one of these words, or in a character naming an office, a place or people, is general.
_GENERIC_HEADS = _words(
    "方面 国家 地区 部分 阶段 层面 维度 领域 环节 问题 月份 小时 年代 世纪 百分点 城市 "
    "省份 单位 企业 项目 成员 人员 方向 角度 步骤 时期 季度 案例 批次 工作 事情 办法 方法 "
    "措施 举措 途径 条件 因素 原因 内容 部门 方式 形式 类型 层次 作用 意义 特点 结果 时间 "
    "文件 会议 意见 建议 东西 情况 地方 例子 资金 线路 港口 电站 建设 建設 國家 地區 階段 層面 領域 "
    "環節 問題 單位 項目 辦法 舉措 途徑 條件 內容 部門 類型 層次 意義 特點 結果 時間 會議 "
    "意見 建議 情況 資金 綫路"
)
_GENERIC_ENDINGS = tuple("部局委厅廳署办辦省市县縣区區乡鄉镇鎮村人家")
#: Attributive words: a head ending in one is not yet a whole term (四项基本 → 四项基本原则, 十大重点 → …节能工程).
_ATTRIBUTIVE = _words("重点 基本 主要 重大 重要 关键 核心 根本 总体 新 重點 關鍵 總體")
#: Domain words, usually the first noun of a compound (六条政治标准, 十方面民生实事, 六大林业生态工程): a head
#: ending in one that the text never uses alone is not yet whole either.
_DOMAIN = _words(
    "政治 经济 民生 社会 社会主义 文化 生态 科技 国防 能源 环保 节能 外交 军事 民族 宗教 "
    "历史 民政 林业 农业 工业 水利 交通 铁路 公路 教育 卫生 金融 财政 税收 安全 年度 "
    "经济建设 經濟 社會 社會主義 生態 國防 環保 節能 軍事 歷史 農業 工業 水利 交通 鐵路 "
    "教育 衛生 金融 財政 稅收 經濟建設"
)
#: Kind nouns: the last word of many formulas (方针, 标准, 基地). A head that the text never uses alone runs on over
#: one of these (六条政治 → 六条政治标准; but 三大倡议 does not run on over 落地).
_KINDS = _words(
    "原则 主张 倡议 倡导 方针 政策 路线 道路 标准 规定 要求 纪律 制度 体系 机制 战略 布局 "
    "目标 任务 工程 基地 行业 产业 板块 主题 课题 支柱 改造 革命 运动 实事 差别 障碍 集团 "
    "共识 理念 作风 意识 方略 方案 计划 规划 纲要 协议 公报 宣言 声明 战役 攻坚战 指标 "
    "成就 变化 原則 主張 倡議 方針 路綫 標準 規定 紀律 體系 機制 戰略 佈局 目標 任務 產業 "
    "板塊 主題 課題 運動 實事 差別 障礙 集團 共識 作風 意識 計劃 規劃 綱要 協議 聲明 戰役 "
    "指標 變化"
)

COLUMNS = ["formula", "text", "number", "measure", "count", "quoted", "first_sentence", "start", "end", "evidence"]
MENTION_COLUMNS = ["formula", "text", "mention", "quoted", "sentence", "start", "end"]


@dataclass(frozen=True)
class _Shape:
    """A numbered term found at a token start: its text and how it is built."""

    text: str
    number: int
    measure: str  # 项, 个 …; "位" for N位一体; "" for paired shapes (一带一路, 三严三实)
    kind: str  # "strong" (大, 项, 点, 条, N位一体), "weak" (个, 种, 方面, 字, 步) or "paired"
    head: str = ""  # the characters after the measure word ("" for paired shapes and N位一体)
    head_tag: str = ""  # tag of the head's last token
    head_word: str = ""  # the head's last token (its part after the measure word if the formula is one token)


class _Tokens:
    """The speech's tokens as lists, with lookups by offset."""

    def __init__(self, speech) -> None:
        check_speech(speech)
        tokens = getattr(speech, "tokens", None)
        require_columns(tokens, ["token", "pos", "sentence", "start", "end"], "speech.tokens (formulas read tokens)")
        t = tokens.sort_values("start", kind="stable")
        self.text: str = speech.text
        self.words: list[str] = t["token"].astype(str).tolist()
        self.starts: list[int] = t["start"].astype(int).tolist()
        self.ends: list[int] = t["end"].astype(int).tolist()
        self.tags: list[str] = t["pos"].astype(str).tolist()
        self.sents: list[int] = t["sentence"].astype(int).tolist()
        sentences = speech.sentences
        self.sentence_spans = dict(zip(sentences["sentence"].tolist(), zip(sentences["start"], sentences["end"])))
        self.in_quotes = SpanIndex(quote_spans(self.text))
        self.first = {a: i for i, a in enumerate(self.starts)}
        self.last = {b: i for i, b in enumerate(self.ends)}

    def __len__(self) -> int:
        return len(self.words)

    def at(self, offset: int) -> int:
        """Index of the token holding ``offset``; -1 if none."""
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.ends[i] else -1

    def joined(self, i: int) -> bool:
        """Whether token ``i`` follows token ``i - 1`` directly, in the same sentence."""
        return 0 < i < len(self.words) and self.starts[i] == self.ends[i - 1] and self.sents[i] == self.sents[i - 1]

    def aligned(self, a: int, b: int) -> bool:
        """Whether ``[a, b)`` starts and ends on token boundaries, within one sentence."""
        i, j = self.first.get(a), self.last.get(b)
        return i is not None and j is not None and self.sents[i] == self.sents[j]


class _Knowledge:
    """What the tokenizer's dictionary says of a word: jieba's dictionary, the project lexicon and the speech's own
    lexicon (not the terms a text adds for itself, which may be counts: 两个年度计划)."""

    def __init__(self, speech) -> None:
        from ..tokens import get_tokenizer  # imported here: jieba is loaded only when formulas are asked for

        self._tok = get_tokenizer(getattr(speech, "lexicon", None))

    def known(self, word: str) -> bool:
        return self._tok.known(word)

    def listed(self, word: str) -> bool:
        """Whether a lexicon (the project's or the speech's) lists ``word``."""
        return word in self._tok.lexicon

    def tag(self, word: str) -> str:
        return self._tok.tag(word)


def _free_test(tv: _Tokens) -> Callable[[str], bool]:
    """``free(term)``: whether the text uses ``term`` at least once as a whole, not followed by a noun."""
    cache: dict[str, bool] = {}

    def free(term: str) -> bool:
        if term not in cache:
            cache[term] = any(
                (k := tv.first.get(b)) is None
                or not tv.joined(k)
                or not (tv.tags[k] in _NOMINAL or tv.words[k] in _KINDS)
                for a, b in _aligned_occurrences(tv, term)
            )
        return cache[term]

    return free


def _aligned_occurrences(tv: _Tokens, term: str) -> list[tuple[int, int]]:
    """Spans of ``term`` in the text that start and end on token boundaries."""
    out, text, pos = [], tv.text, tv.text.find(term)
    while pos >= 0:
        if tv.aligned(pos, pos + len(term)):
            out.append((pos, pos + len(term)))
        pos = text.find(term, pos + 1)
    return out


def _attributive(word: str, tag: str) -> bool:
    """A word that modifies the noun after it (基本, 重点, 历史性): a head ending in it is cut short."""
    return word in _ATTRIBUTIVE or word.endswith(("性", "型")) or tag in ("a", "b", "an")


def _step(tv: _Tokens, k: int, term: str, last: str, tag: str, know: _Knowledge, free) -> int | None:
    """The token the head of ``term`` (ending in the word ``last``) runs on to from token ``k``, or None."""
    word, next_tag = tv.words[k], tv.tags[k]
    if len(word) == 1 and know.known(term + word):  # 两条腿走 + 路
        return k
    if _attributive(last, tag) or (last in _DOMAIN and not free(term)):
        if next_tag in _NOMINAL or word in _KINDS:
            return k
        if next_tag in ("v", "vn") and tv.joined(k + 1) and tv.tags[k + 1] in _NOMINAL:  # 十大重点 节能 工程
            return k + 1
        return None
    if free(term):
        return None
    return k if word in _KINDS or (next_tag in _NOMINAL and len(_aligned_occurrences(tv, term)) > 1) else None


def _extend(tv: _Tokens, j: int, a: int, h: int, know: _Knowledge, free: Callable[[str], bool]) -> int:
    """The last token of the term that starts at ``a`` with its head starting at ``h`` in token ``j``.

    The head runs on over the following words while it is not yet whole: while it ends in an attributive word
    (四项基本 → 四项基本原则, 三大历史性 → 三大历史性任务, 十大重点 → 十大重点节能工程), or in a domain word the text
    never uses alone (六大林业 → 六大林业生态工程, 十项经济 → 十项经济建设方针), or while the text never uses it
    alone and a kind noun follows (六条政治 → 六条政治标准; 三大倡议 does not run on over 落地) or, for a term used
    more than once, any noun (八项原则 + 建议, twice). A word of the dictionary is whole (四项基本原则, 两步走)."""
    while True:
        term, last = tv.text[a : tv.ends[j]], tv.text[max(h, tv.starts[j]) : tv.ends[j]]
        k = j + 1
        if know.known(term) or not tv.joined(k):
            return j
        nxt = _step(tv, k, term, last, tv.tags[j], know, free)
        if nxt is None or tv.ends[nxt] - h > _MAX_HEAD:
            return j
        j = nxt


def _measure_shape(tv: _Tokens, i: int, m: re.Match, know: _Knowledge, free) -> _Shape | None:
    """``N`` + measure word + head (四项基本原则, 三大攻坚战), or N位一体; None where it reads as a count."""
    text, a = tv.text, tv.starts[i]
    number, before = cn_number(m["num"]), text[max(0, a - 2) : a]
    if number is None:
        return None
    if m["whole"]:
        j = tv.last.get(m.end())
        return _Shape(m.group(), number, "位", "strong") if j is not None and tv.sents[j] == tv.sents[i] else None
    mw, h = m["mw"], m.end()
    first = text[h : h + 1]
    if not _HAN.match(first) or first in _NUMERAL_CHARS or first in _HEAD_FIRST_STOP:
        return None
    if mw in "点點" and (first in "钟鐘半" or before in _CLOCK_BEFORE):
        return None
    if mw == "大" and (len(m["num"]) == 2 or before in _CONGRESS_BEFORE):  # 党的八大, 十九大: party congresses
        return None
    j = tv.at(h)
    if j < 0 or tv.sents[j] != tv.sents[i]:
        return None
    j = _extend(tv, j, a, h, know, free)
    kind = "strong" if mw in _STRONG_MW else "weak"
    last = text[max(h, tv.starts[j]) : tv.ends[j]]
    return _Shape(text[a : tv.ends[j]], number, mw, kind, text[h : tv.ends[j]], tv.tags[j], last)


def _paired_shape(tv: _Tokens, i: int, m: re.Match) -> _Shape | None:
    """``一X一Y`` / ``三X三Y`` (一带一路, 三严三实, 三去一降一补) ending on a token boundary; None otherwise."""
    a, pair = tv.starts[i], m["pair"]
    for size in range(len(pair), 2, -2):  # the longest run that ends where a token ends
        if any(c in _NUMERAL_CHARS or c in _PAIR_STOP for c in pair[0:size:2]):
            continue
        j = tv.last.get(a + 1 + size)
        if j is not None and tv.sents[j] == tv.sents[i]:
            return _Shape(tv.text[a : a + 1 + size], cn_number(m["num"]) or 0, "", "paired")
    return None


def _inner_shape(tv: _Tokens, i: int, know: _Knowledge) -> _Shape | None:
    """A dictionary word with a formula at its end (和平共处五项原则): the whole word is the formula."""
    word = tv.words[i]
    if not know.known(word):
        return None
    for p in range(1, len(word) - 2):
        if word[p] not in _DIGITS or word[p - 1] in _NUMERAL_CHARS:
            continue
        m = _MEASURE.match(word, p)
        if m and not m["whole"] and m.end() < len(word) and (number := cn_number(m["num"])):
            kind = "strong" if m["mw"] in _STRONG_MW else "weak"
            return _Shape(word, number, m["mw"], kind, word[m.end() :], tv.tags[i], word[m.end() :])
        m = _PAIRED.match(word, p)
        if m and m.end() == len(word):
            return _Shape(word, cn_number(m["num"]) or 0, "", "paired")
    return None


def _listed_shape(word: str) -> _Shape | None:
    """A lexicon word with a formula shape, taken whole (两个一百年); not a party congress (二十大)."""
    m = _MEASURE.match(word)
    if m and not (m["mw"] == "大" and len(m["num"]) == 2):
        return _Shape(word, cn_number(m["num"]) or 0, m["mw"] or "位", "strong", word[m.end() :])
    m = _PAIRED.match(word)
    return _Shape(word, cn_number(m["num"]) or 0, "", "paired") if m else None


def _shape_at(tv: _Tokens, i: int, know: _Knowledge, free) -> _Shape | None:
    """The numbered term that starts with token ``i`` (or that token ``i`` ends with), if any."""
    word, a = tv.words[i], tv.starts[i]
    if know.listed(word) and (shape := _listed_shape(word)):
        return shape
    if word[0] not in _DIGITS:
        return _inner_shape(tv, i, know) if len(word) >= 4 and any(c in _DIGITS for c in word[1:]) else None
    if a and tv.text[a - 1] in _BEFORE_COUNT:
        return None
    m = _MEASURE.match(tv.text, a, a + 5)
    shape = _measure_shape(tv, i, m, know, free) if m else None
    if shape is None and (p := _PAIRED.match(tv.text, a, a + 8)):
        shape = _paired_shape(tv, i, p)
    return shape


def _number(phrase: str) -> int:
    """The number a formula-shaped phrase opens with; 0 if it has no formula shape."""
    m = _MEASURE.match(phrase) or _PAIRED.match(phrase)
    return (cn_number(m["num"]) or 0) if m else 0


def _quoted_terms(text: str) -> tuple[set[str], set[str]]:
    """Quoted phrases, with the items of quoted lists whose items all count two or more (“两个确保、三条保障线”); and
    the items of the other quoted lists of formula shapes (“一个国家、两种制度”, “三项政策、一项改革”: one formula
    in two parts, neither part a formula of its own)."""
    quoted: set[str] = set()
    parts: set[str] = set()
    for span in quote_spans(text):
        content = span.content(text)
        quoted.add(content)
        items = _QUOTE_LIST.split(content)
        if len(items) > 1 and any(_number(item) for item in items):
            (quoted if all(_number(item) >= 2 for item in items) else parts).update(items)
    return quoted, parts - quoted


def _named(tv: _Tokens, a: int, b: int, number: int) -> bool:
    """Whether the mention ``[a, b)`` names rather than counts: not after a pointer (这三项, 以下的两个), not in a
    sentence that counts things (其中有十大钢铁基地，……，三十个大电站和五个重点港口) and not the count of the list
    right before it (发展、安全、文明三个维度; 京汉和粤汉两大干线)."""
    text = tv.text
    if _POINTER.search(text, max(0, a - 3), a):
        return False
    start, end = tv.sentence_spans.get(tv.sents[tv.first[a]], (a, b))
    counts = [m for m in _QUANTITY.finditer(text, start, end) if not tv.in_quotes.holds(m.start())]
    if sum(1 for m in counts if m.end() <= a or m.start() >= b) >= 2:
        return False
    if text[a - 1 : a] in ("的", "之"):  # 农业、手工业和资本主义工商业的三大改造: the list is not the count
        return True
    lst = _LIST_BEFORE.search(text, max(0, a - 60), a)
    return not (lst and lst.group().count("、") + (lst["last"] != "、") + 1 == number)


def _whole_head(shape: _Shape) -> bool:
    """A head that names a kind of its own: not general (方面, 工作, 工业部), not cut short (基本, 政治), a noun or a
    predicate (两个维护)."""
    head, last = shape.head, shape.head_word
    if head.endswith(_GENERIC_ENDINGS) or any(head.endswith(g) for g in _GENERIC_HEADS):
        return False
    return not (_attributive(last, shape.head_tag) or last in _DOMAIN) and shape.head_tag in _NOMINAL | _PREDICATE


def _continued(tv: _Tokens, spans: list[tuple[int, int]]) -> bool:
    """Whether every mention runs on into a one-character noun (两条腿走 + 路): the term is cut short."""
    return all(
        (k := tv.first.get(b)) is not None and tv.joined(k) and len(tv.words[k]) == 1 and tv.tags[k] in ("n", "ng", "k")
        for _, b in spans
    )


def _evidence(shape: _Shape, tv: _Tokens, know: _Knowledge, quotes: tuple[set[str], set[str]]) -> str:
    """Why a numbered term is a formula ("quoted", "lexicon", "dictionary", "shape", "repeated"), or ""."""
    t, (quoted, parts) = shape.text, quotes
    if t in quoted:
        return "quoted"
    if know.listed(t):
        return "lexicon"
    spans = _aligned_occurrences(tv, t)
    if t in parts or _continued(tv, spans) or (shape.kind != "paired" and shape.number < 2):
        return ""  # 两种制度 of “一个国家、两种制度”; 一个国家, 一种形式: one of something
    if know.known(t):
        return "dictionary" if know.tag(t) in _NAME_TAGS else ""
    if shape.number > _MAX_NUMBER or (shape.kind != "paired" and (len(shape.head) < 2 or not _whole_head(shape))):
        return ""
    named = [a for a, b in spans if _named(tv, a, b, shape.number)]
    if shape.kind == "strong" and (shape.head_tag in _NOMINAL or shape.head_word in _KINDS) and named:
        return "shape"
    return "repeated" if len(named) >= 2 else ""


def _accepted(tv: _Tokens, know: _Knowledge) -> dict[str, tuple[_Shape, str]]:
    """Every formula of the text → its shape and evidence."""
    free, quotes = _free_test(tv), _quoted_terms(tv.text)
    shapes: dict[str, _Shape] = {}
    for i in range(len(tv)):
        shape = _shape_at(tv, i, know, free)
        if shape is not None:
            shapes.setdefault(shape.text, shape)
    out = {}
    for t, shape in shapes.items():
        evidence = _evidence(shape, tv, know, quotes)
        if evidence:
            out[t] = (shape, evidence)
    return out


def _mention_spans(tv: _Tokens, terms: list[str]) -> list[tuple[int, int, str]]:
    """Token-aligned spans of ``terms``, longest first where two overlap, in text order."""
    taken: list[tuple[int, int, str]] = []
    for t in sorted(terms, key=len, reverse=True):
        for a, b in _aligned_occurrences(tv, t):
            if not any(a < y and x < b for x, y, _ in taken):
                taken.append((a, b, t))
    return sorted(taken)


def _mentions(speech) -> tuple[pd.DataFrame, dict[str, tuple[_Shape, str]]]:
    tv = _Tokens(speech)
    accepted = _accepted(tv, _Knowledge(speech))
    if not accepted:
        return frame_table([], MENTION_COLUMNS), accepted
    quotes = {(s.start, s.end) for s in quote_spans(tv.text)}
    rows = [
        dict(text=t, quoted=(a, b) in quotes, sentence=tv.sents[tv.first[a]], start=a, end=b)
        for a, b, t in _mention_spans(tv, list(accepted))
    ]
    df = frame_table(rows, ["text", "quoted", "sentence", "start", "end"])
    order = {p: i for i, p in enumerate(dict.fromkeys(df["text"]), start=1)}
    df.insert(0, "formula", df["text"].map(order))
    df.insert(2, "mention", df.groupby("formula").cumcount() + 1)
    return df.reset_index(drop=True), accepted


def formula_mentions(speech) -> pd.DataFrame:
    """Every mention of every formula: formula id, text, mention number, quoted, sentence, start, end."""
    return _mentions(speech)[0]


def formulas(speech, *, mentions: bool = False) -> pd.DataFrame:
    """Numbered formulas (四项基本原则, 五点主张, 三个倡导, 一国两制, 两步走 …) with their count and first mention.

    One row per formula in order of first mention: ``formula`` (id), ``text``, ``number`` (its value, 4 for
    四项原则; the first number of a paired shape), ``measure`` (项; "位" for N位一体; "" for 一带一路-like shapes),
    ``count``, ``quoted`` (quoted at least once), ``first_sentence``, ``start``/``end`` of the first mention and
    ``evidence`` (why it is a formula, see below). With ``mentions=True``, one row per mention instead.

    A formula is read on the speech's tokens: it starts and ends where tokens do, so it is never cut from a longer
    word (长三角一体化, 百分之十点二) and never part of a number (二十一世纪, 两千三百, 一九五三). Its shapes: a numeral
    with a measure word and a head (四项基本原则: 大, 项, 点, 条 are *strong*, 个, 种, 方面, 字, 步 *weak*), N位一体,
    and paired shapes 一X一Y, 三X三Y (一带一路, 三严三实, 三去一降一补); a dictionary word that ends in one
    (和平共处五项原则) is a formula as a whole, and so is a lexicon word (两个一百年). The head runs to the end of the
    term, over the following words while it is not yet whole: while it ends in an attributive word (四项基本 →
    四项基本原则, 十大重点 → 十大重点节能工程, 三大历史性 → 三大历史性任务), or in a domain word the text never uses
    alone (六大林业 → 六大林业生态工程, 十方面民生 → 十方面民生实事); and, for a term the text never uses alone,
    over a kind noun (六条政治 → 六条政治标准; but 三大倡议 does not run on over 落地) or, when it is used more than
    once, over any noun. A dictionary word is whole (四项基本原则, 两步走).

    A formula is a fixed name built on a number, told apart from a count (三个维度, 两项工作, 30个国家) by
    ``evidence``: ``quoted`` (the exact phrase stands in quotation marks somewhere in the text, alone or as an
    item of a quoted list of formulas that all count two or more), ``lexicon`` (the project lexicon or the speech's
    lists it: 四个全面, 五位一体), ``dictionary`` (the tokenizer's dictionary knows it as a noun or a fixed
    expression: 两步走, 一国两制, 两条道路; not idioms such as 一心一意), ``shape`` (a strong shape from 二 to 十
    whose head is a noun: 八项规定, 三大攻坚战) or ``repeated`` (any other shape from 二 to 十 used at least twice:
    五个统筹, 三河三湖). Without quotes or lexicon, the number is 二 or more (一个国家, 一个民族 are never formulas),
    and a part of a quoted formula in two parts is none (两种制度 of “一个国家、两种制度”). Without dictionary either,
    the head has two characters or more, is not a general word (方面, 工作, 措施, 建设, 工业部 …) nor cut short
    (基本, 重点, 政治), and only mentions that name count: not after 这/以下/上述 … (这三项工作), not in a sentence
    that counts things (其中有十大钢铁基地，……，三十个大电站和五个重点港口) and not a count of the list before it
    (发展、安全、文明三个维度; 京汉和粤汉两大干线). Clock times (三点钟), party congresses (党的八大, 十九大) and
    numbers after 第/约/多 or inside larger numbers are never formulas.
    """
    long, accepted = _mentions(speech)
    if mentions:
        return long
    if long.empty:
        return frame_table([], COLUMNS)
    g = long.groupby("formula", sort=True)
    first = g.head(1).set_index("formula")
    texts = first["text"].tolist()
    out = pd.DataFrame(
        {
            "formula": first.index,
            "text": texts,
            "number": [accepted[t][0].number for t in texts],
            "measure": [accepted[t][0].measure for t in texts],
            "count": g.size().to_numpy(),
            "quoted": g["quoted"].any().to_numpy(),
            "first_sentence": first["sentence"].to_numpy(),
            "start": first["start"].to_numpy(),
            "end": first["end"].to_numpy(),
            "evidence": [accepted[t][1] for t in texts],
        }
    )
    return out.reset_index(drop=True)
