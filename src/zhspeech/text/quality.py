"""Source-quality findings: doubled characters, unbalanced quotes, numbering that skips or restarts, heading levels."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from .._checks import HAN, HAN_CLASS
from ._dictionary import Dictionary
from ._dictionary import load as load_dictionary
from .blocks import CN_NUMERAL
from .model import Finding, Heading

#: Characters whose doubling is a common reduplication: with the bigram test, the rule used when jieba (and so the
#: tokenizer's dictionary) is not installed.
_DOUBLE_OK = set(
    "人常天年处时往渐纷种个刚仅默久深稍明谢多步层事家户生滚蒸欣熠勃井兢源息孜历津赫堂轰烈亭冉巍浩荡切实扎踏稳"
    "一代世大小好快慢高长轻静紧牢平安统通样声句字点滴星条片遥哈呵嘻啦悄匆频屡偏刻日月夜岁"
    "累洋整寥区芸泱皑莘谆循孜彬翩姗蓬碌熙攘袅栩炯隐依恋苦"
    "謝個處時漸紛種剛僅歲層戶滾歷轟蕩實紮穩長輕靜緊樣聲條點遙區"
)

# 浙江省省长, 商务部部长, 中共中央委员会委员: an administrative unit followed by its office
_UNIT_THEN_OFFICE = re.compile(r"([省市县区州部局会院厅处镇乡村縣區會廳處鎮鄉])\1[长委政级属長級屬]")

#: jieba's tags of function words (conjunctions, prepositions, particles, adverbs): doubled they are typos (和和,
#: 的的, 都都); one beside a word with the same character is grammar (目的的, 脚踏实地地, 和和平共处).
_FUNCTION_TAGS = frozenset("c p u uj ul uv ud uz ug d".split())
#: The copula and auxiliaries, tagged as verbs by jieba but, like function words, never reduplicated (是是, 要要).
_FUNCTION_CHARS = frozenset("是有要会能")
#: Han characters read on either side of a doubled pair.
_WINDOW = 6
#: "Elsewhere in the text" means within this many characters either side of the pair: the whole of a long report,
#: and in a file holding many texts their neighbours only, so a check costs the same wherever it is made and
#: parsing stays linear in the length of the file.
_NEAR = 100_000


def _count_near(text: str, sub: str, pos: int) -> int:
    """Occurrences of ``sub`` in the text around ``pos`` (see ``_NEAR``)."""
    return text.count(sub, max(0, pos - _NEAR), pos + _NEAR)


def doubled_characters(text: str, paragraphs: list[tuple[int, int]]) -> list[Finding]:
    """Doubled Han characters that the text reads better without.

    Reduplications (场场爆满, 等等, 方方面面) and word boundaries (生物|物种, 具体|体现) are not reported; the
    tokenizer's dictionary decides (:func:`_reads_better_without`). In ``国际社会化化解分歧`` the extra 化 is
    reported. Without jieba installed, a pair is reported when a bigram around it occurs nowhere else in the text.
    """
    findings: list[Finding] = []
    starts = [a for a, _ in paragraphs]
    for m in re.finditer(f"([{HAN_CLASS}])\\1", text):
        ch, pos = m.group(1), m.start()
        k = bisect.bisect_right(starts, pos) - 1
        if k < 0 or pos + 2 > paragraphs[k][1] or ch in CN_NUMERAL or _UNIT_THEN_OFFICE.match(text, pos):
            continue  # outside body paragraphs, a number (一一, 二〇〇〇) or an office (浙江省省长)
        before, after = text[max(0, pos - 2) : pos], text[pos + 2 : pos + 4]
        if (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1]):
            continue  # AABB reduplication (方方面面, 家家户户)
        words = load_dictionary()  # loaded at the first candidate, once per process
        if words is not None:
            typo = _reads_better_without(words, text, pos, paragraphs[k])
        else:
            typo = ch not in _DOUBLE_OK and _unexplained_by_bigrams(text, pos)
        if typo:
            context = text[max(0, pos - 4) : pos + 6]
            findings.append(
                Finding("doubled_character", pos, context, f"doubled character {ch}{ch} in “{context}” may be a typo")
            )
    return findings


def _unexplained_by_bigrams(text: str, pos: int) -> bool:
    """A bigram around the pair occurs nowhere else (具体体现: 具体 and 体现 recur; 社会化化解: 会化 does not)."""
    left, right = text[pos - 1 : pos + 1] if pos else "", text[pos + 1 : pos + 3]
    return not all(len(bigram) == 2 and _count_near(text, bigram, pos) > 1 for bigram in (left, right))


def _is_function(words: Dictionary, char: str) -> bool:
    return words.tag(char) in _FUNCTION_TAGS or char in _FUNCTION_CHARS


def _reads_better_without(words: Dictionary, text: str, pos: int, bounds: tuple[int, int]) -> bool:
    """Whether the pair at ``pos`` reads better as one character, on jieba's reading (max-probability route over its
    dictionary and the project lexicon) of the Han run around it (``_WINDOW`` characters either side at most):

    - one word holds both characters (等等, 场场, 钉钉子, 加工工业): not a typo;
    - a word of two or more characters on each side (生物|物种, 石化|化工): a word boundary, unless the text
      without the extra character forms a longer word (:func:`_merges_without`: 国际|社会化|化解 → 国际社会|化解);
    - two one-character words: a typo for a function word or pronoun (和和, 的的, 是是, 我我), else a
      reduplication (年年, 市市);
    - one character beside a word (进一步|步, 目的|的): a typo unless it is a function word (目的的, 和和平共处)
      or belongs with its other neighbour (:func:`_belongs_elsewhere`).
    """
    lo, hi = bounds
    a, b = pos, pos + 2
    while a > max(lo, pos - _WINDOW) and HAN.match(text[a - 1]):
        a -= 1
    while b < min(hi, pos + 2 + _WINDOW) and HAN.match(text[b]):
        b += 1
    window, i = text[a:b], pos - a
    seg = words.segment(window)
    ends = list(accumulate(map(len, seg)))
    k = bisect.bisect_left(ends, i + 1)  # the word holding the first character
    if ends[k] > i + 1:
        return False  # one word holds both characters
    left, right = seg[k], seg[k + 1]
    if len(left) > 1 and len(right) > 1:
        return _merges_without(words, text, pos, window, i, seg, k)
    if len(left) == 1 and len(right) == 1:
        return _is_function(words, text[pos]) or words.tag(text[pos]) == "r"
    if _is_function(words, text[pos]):
        return False
    return not _belongs_elsewhere(words, text, pos, bounds, seg, k)


def _merges_without(words: Dictionary, text: str, pos: int, window: str, i: int, seg: list[str], k: int) -> bool:
    """Without the character at ``i`` the window reads in fewer words, one word of the pair stays whole and the
    other's remainder joins a longer word (国际|社会化|化解 → 国际社会|化解), and the word that had taken the extra
    character occurs nowhere else in the text (社会化 once; 人民 in 有|人民|民主专政 → 有人|民主专政 everywhere)."""
    left, right = seg[k], seg[k + 1]
    without = words.segment(window[:i] + window[i + 1 :])
    if len(without) >= len(seg):
        return False
    ends = list(accumulate(map(len, without)))
    j = bisect.bisect_left(ends, i + 1)  # the word holding the remaining character
    if without[j] == right and ends[j] - len(right) == i and j > 0:
        absorbed, changed = without[j - 1], left
    elif without[j] == left and ends[j] == i + 1 and j + 1 < len(without):
        absorbed, changed = without[j + 1], right
    else:
        return False
    return len(absorbed) > len(changed) and _count_near(text, changed, pos) == 1


def _belongs_elsewhere(words: Dictionary, text: str, pos: int, bounds: tuple[int, int], seg: list[str], k: int) -> bool:
    """The one-character word of the pair belongs with its other neighbour: a number (2006年|年均), a single
    character it may form an unknown word with (车站|站|线), or a neighbour it follows or precedes elsewhere in the
    text as well (居住国|国籍, with 居住国 used five times)."""
    char = text[pos]
    if len(seg[k]) == 1:  # the first character stands alone: its other neighbour is on the left
        neighbour, adjacent = (seg[k - 1] if k > 0 else None), (text[pos - 1] if pos > bounds[0] else "")
        joined = f"{neighbour}{char}"
    else:
        neighbour = seg[k + 2] if k + 2 < len(seg) else None
        adjacent = text[pos + 2] if pos + 2 < bounds[1] else ""
        joined = f"{char}{neighbour}"
    if neighbour is None:
        return adjacent.isnumeric()
    if len(neighbour) == 1 and not _is_function(words, neighbour):
        return True
    return _count_near(text, joined, pos) > 1


def unbalanced_quotes(text: str, base: int) -> list[Finding]:
    findings = []
    for open_, close in (("“", "”"), ("《", "》"), ("（", "）"), ("「", "」")):
        a, b = text.count(open_), text.count(close)
        if a != b:
            findings.append(
                Finding(
                    "unbalanced_quotes", base, text[:12], f"paragraph at offset {base} has {a} {open_} but {b} {close}"
                )
            )
    return findings


def numbering_findings(headings: list[Heading], parents: list[tuple[int, ...]]) -> list[Finding]:
    """Numbers that skip or go back within their own list: sections across the text, subsections within their
    section, items within their subsection (or section). ``parents[i]`` names the unit ``headings[i]`` is numbered
    in, so numbering that restarts under each new parent is expected. An item list that starts again at 1 within
    the same parent is a new list, not a finding; unnumbered headings (label "") are never findings."""
    findings, prev = [], {}
    for h, parent in zip(headings, parents):
        key = (h.level, parent)
        expected = prev.get(key, 0) + 1
        prev[key] = h.number if h.number is not None else expected
        if h.number is None or not h.label or h.number == expected or (h.level == 3 and h.number == 1):
            continue
        what = "restarts" if h.number < expected else "skips"
        kind = {1: "section", 2: "subsection", 3: "item"}[h.level]
        findings.append(
            Finding(
                "numbering",
                h.start,
                h.label,
                f"{kind} numbering {what}: {h.label} where number {expected} was expected",
            )
        )
    return findings


def heading_level_findings(sections: list[Heading]) -> list[Finding]:
    levels = [h.markdown_level for h in sections if h.markdown_level is not None]
    if len(set(levels)) <= 1:
        return []
    common = max(set(levels), key=levels.count)
    return [
        Finding(
            "heading_levels",
            h.start,
            h.label,
            f"section {h.label} is a level-{h.markdown_level} markdown heading while most sections are level {common}",
        )
        for h in sections
        if h.markdown_level not in (None, common)
    ]
