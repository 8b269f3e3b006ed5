"""Numbered formulas (提法): 四项原则, 五点主张, 三个倡导, 两个确立, 五位一体, 三大倡议, 一带一路, 三严三实 …"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from ._common import HAN, SentenceIndex, cn_number, frame_table, quote_spans

_NUM = "[一二两兩三四五六七八九十]"
_STRONG_MW = "大项点条項條"
_WEAK_MW = ("个", "個", "种", "種", "方面")
_MEASURE = re.compile(
    rf"(?P<num>{_NUM}{{1,2}})(?:(?P<mw>[{_STRONG_MW}]|[个個种種]|方面)(?P<head>[{HAN}]{{2}})|(?P<ytwo>位一体|位一體))"
)
_PAIRED = re.compile(rf"(?P<num>{_NUM})(?P<a>[{HAN}]){_NUM}(?P<b>[{HAN}])(?:{_NUM}[{HAN}])?")
_WHOLE = re.compile(rf"^(?:{_NUM}{{1,2}}(?:[{_STRONG_MW}个個种種]|方面|位)[{HAN}]{{1,6}}|(?:{_NUM}[{HAN}]){{2,4}})$")
_BEFORE_COUNT = set("第多余几幾近约約逾数數每这這那哪前后後一二两兩三四五六七八九十百千万萬")
_HEAD_STOP = set("的地得了着过是在和与及或等也都就才又而个個次年月日号號时時分秒钟鐘半多余几左右")
_HEAD_FIRST_STOP = set("以来來上中下后後前内內外里裏期之其")
_LIST_BEFORE = re.compile(rf"[{HAN}]+(?:、[{HAN}]+)+$")
_CLOCK_BEFORE = ("上午", "下午", "晚上", "凌晨", "中午", "早上", "傍晚")

COLUMNS = ["formula", "text", "number", "measure", "count", "quoted", "first_sentence", "start", "end"]
MENTION_COLUMNS = ["formula", "text", "mention", "quoted", "sentence", "start", "end"]


def _candidate(text: str, m: re.Match) -> tuple[str, str, str] | None:
    """(formula text, measure word, strength) for a regex hit, or None if it reads as a count."""
    before = text[max(0, m.start() - 2) : m.start()]
    if (
        before[-1:] in _BEFORE_COUNT
        or (before[-1:].isdigit())
        or text[m.end() : m.end() + 1] in ("多", "余", "來", "来")
    ):
        return None
    num = m.group("num")
    if m.re is _PAIRED:
        return m.group(), "", "weak"
    if m.group("ytwo"):
        return num + m.group("ytwo"), "位", "strong"
    mw, head = m.group("mw"), m.group("head")
    if any(c in _HEAD_STOP for c in head) or head[0] in _HEAD_FIRST_STOP:
        return None
    if mw == "大" and (len(num) == 2 or before == "党的"):  # 党的二十大, 十九大以来: a party congress
        return None
    if mw in _WEAK_MW or num in ("一",):
        return num + mw + head, mw, "weak"
    if mw in "点點" and (head.startswith(("钟", "鐘", "半")) or before in _CLOCK_BEFORE):
        return None
    return num + mw + head, mw, "strong"


def _counts_list(text: str, start: int, number: int) -> bool:
    """Whether a 、-list of exactly ``number`` items ends right before ``start`` (发展、安全、文明三个维度)."""
    lst = _LIST_BEFORE.search(text, max(0, start - 40), start)
    return bool(lst) and lst.group().count("、") + 1 == number


def _quoted_formulas(text: str) -> dict[str, str]:
    """Quoted phrases shaped like formulas → their measure word ("" for paired shapes)."""
    out: dict[str, str] = {}
    for span in quote_spans(text):
        phrase = span.content(text)
        if _WHOLE.match(phrase):
            out[phrase] = _mw(phrase)
    return out


def _accepted(text: str, index: SentenceIndex) -> dict[str, str]:
    """Every formula of the text → its measure word."""
    quoted = _quoted_formulas(text)
    weak: dict[str, list[int]] = defaultdict(list)
    accepted = dict(quoted)
    for _, start, _end, sent in index.spans():
        for pattern in (_MEASURE, _PAIRED):
            for m in pattern.finditer(sent):
                found = _candidate(sent, m)
                if not found or found[0] in accepted:
                    continue
                phrase, mw, strength = found
                if strength == "strong":
                    accepted[phrase] = mw
                elif not _counts_list(sent, m.start(), cn_number(m.group("num")) or 0):
                    weak[phrase].append(start + m.start())
    accepted.update({p: _mw(p) for p, hits in weak.items() if len(hits) >= 2 and p not in accepted})
    return accepted


def _mw(phrase: str) -> str:
    """The measure word of a formula ("" for paired shapes such as 一带一路)."""
    m = _MEASURE.match(phrase)
    return (m.group("mw") or "位") if m else ""


def formula_mentions(speech) -> pd.DataFrame:
    """Every mention of every formula: formula id, text, mention number, quoted, sentence, start, end."""
    index = SentenceIndex(speech)
    text = speech.text
    accepted = _accepted(text, index)
    if not accepted:
        return frame_table([], MENTION_COLUMNS)
    alternation = re.compile("|".join(re.escape(p) for p in sorted(accepted, key=len, reverse=True)))
    quotes = {(s.start, s.end) for s in quote_spans(text)}
    rows: list[dict] = []
    for sid, start, _, sent in index.spans():
        for m in alternation.finditer(sent):
            a, b = start + m.start(), start + m.end()
            rows.append(dict(text=m.group(), quoted=(a, b) in quotes, sentence=sid, start=a, end=b))
    df = frame_table(rows, ["text", "quoted", "sentence", "start", "end"])
    order = {p: i for i, p in enumerate(dict.fromkeys(df["text"]), start=1)}
    df.insert(0, "formula", df["text"].map(order))
    df.insert(2, "mention", df.groupby("formula").cumcount() + 1)
    return df.reset_index(drop=True)


def formulas(speech, *, mentions: bool = False) -> pd.DataFrame:
    """Numbered formulas (四项原则, 五点主张, 三个倡导 …) with their count and first mention.

    One row per formula in order of first mention: ``formula`` (id), ``text``, ``number`` (its value, 4 for
    四项原则; the first number of a paired shape), ``measure`` (项; "" for 一带一路-like shapes), ``count``,
    ``quoted`` (quoted at least once), ``first_sentence``, ``start``/``end`` of the first mention.
    With ``mentions=True``, one row per mention instead (see ``formula_mentions``).

    A formula is a fixed name built on a number, so it is told apart from a count (三个维度, 6大洲, 30个国家) by how
    the text treats it:

    * **quoted** — the exact phrase stands in quotation marks somewhere in the text (“四项原则”, “一个中国”): a
      formula, whatever its shape;
    * **strong shapes** — a Chinese numeral from 二 up with 大, 项, 点 or 条 and a two-character head (三大倡议,
      八项规定, 五点主张), or ``N位一体``: formulas even unquoted, except clock times (三点钟, 下午三点) and party
      congresses (党的八大, 十九大, 二十大以来: 大 after 党的 or a two-character numeral);
    * **weak shapes** — ``N个X``, ``N种X``, ``N方面X`` (四个全面 but also 三个维度, 两个国家) and the paired shape
      ``一X一Y`` / ``三X三Y`` (一带一路, 三严三实 but also 一心一意, 三心二意): formulas only when quoted somewhere
      or used at least twice; and never a list's count (发展、安全、文明三个维度 counts the items before it).

    Numbers written in Arabic digits (6大洲, 30个国家), numbers after 第 (ordinals) or with 多/余/几/近/约
    (estimates) are counts, never formulas. An unquoted formula is read as the number, its measure word and two
    characters, which may not be a function word (三大以上, 两项之中).
    """
    long = formula_mentions(speech)
    if mentions:
        return long
    if long.empty:
        return frame_table([], COLUMNS)
    g = long.groupby("formula", sort=True)
    first = g.head(1).set_index("formula")
    out = pd.DataFrame(
        {
            "formula": first.index,
            "text": first["text"].to_numpy(),
            "number": [cn_number(re.match(_NUM + "{1,2}", t).group()) for t in first["text"]],
            "measure": [_mw(t) for t in first["text"]],
            "count": g.size().to_numpy(),
            "quoted": g["quoted"].any().to_numpy(),
            "first_sentence": first["sentence"].to_numpy(),
            "start": first["start"].to_numpy(),
            "end": first["end"].to_numpy(),
        }
    )
    return out.reset_index(drop=True)
