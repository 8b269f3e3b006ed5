"""Source-quality findings: doubled characters, unbalanced quotes, numbering that skips or restarts, heading levels."""

from __future__ import annotations

import bisect
import re

from .._checks import HAN_CLASS
from .blocks import CN_NUMERAL
from .model import Finding, Heading

_DOUBLE_OK = set(
    "人常天年处时往渐纷种个刚仅默久深稍明谢多步层事家户生滚蒸欣熠勃井兢源息孜历津赫堂轰烈亭冉巍浩荡切实扎踏稳"
    "一代世大小好快慢高长轻静紧牢平安统通样声句字点滴星条片遥哈呵嘻啦悄匆频屡偏刻日月夜岁"
    "累洋整寥区芸泱皑莘谆循孜彬翩姗蓬碌熙攘袅栩炯隐依恋苦"
    "謝個處時漸紛種剛僅歲層戶滾歷轟蕩實紮穩長輕靜緊樣聲條點遙區"
)

# 浙江省省长, 商务部部长, 中共中央委员会委员: an administrative unit followed by its office
_UNIT_THEN_OFFICE = re.compile(r"([省市县区州部局会院厅处镇乡村縣區會廳處鎮鄉])\1[长委政级属長級屬]")


def doubled_characters(text: str, paragraphs: list[tuple[int, int]]) -> list[Finding]:
    """Doubled Han characters that no reduplication or word boundary explains.

    ``具体体现`` is 具体 + 体现: both bigrams around the doubled 体 occur elsewhere in the text, so it is not
    reported. In ``国际社会化化解分歧`` the bigram 会化 occurs nowhere else, so the extra 化 is reported.
    """
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    starts = [a for a, _ in paragraphs]
    for m in re.finditer(f"([{HAN_CLASS}])\\1", text):
        ch, pos = m.group(1), m.start()
        k = bisect.bisect_right(starts, pos) - 1
        if k < 0 or pos + 2 > paragraphs[k][1] or ch in _DOUBLE_OK or ch in CN_NUMERAL:
            continue  # outside body paragraphs, or a common reduplication
        if _UNIT_THEN_OFFICE.match(text, pos):
            continue
        before, after = text[max(0, pos - 2) : pos], text[pos + 2 : pos + 4]
        if (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1]):
            continue  # AABB reduplication (方方面面, 家家户户)
        left, right = text[pos - 1 : pos + 1] if pos else "", text[pos + 1 : pos + 3]
        for bigram in (left, right):
            if bigram not in seen:
                seen[bigram] = text.count(bigram) if len(bigram) == 2 else 0
        if seen[left] > 1 and seen[right] > 1:
            continue
        context = text[max(0, pos - 4) : pos + 6]
        findings.append(
            Finding("doubled_character", pos, context, f"doubled character {ch}{ch} in “{context}” may be a typo")
        )
    return findings


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


def numbering_findings(headings: list[Heading], sections_of: list[int]) -> list[Finding]:
    findings, prev = [], {}
    for h, section in zip(headings, sections_of):
        key = (h.level, section if h.level > 1 else 0)
        expected = prev.get(key, 0) + 1
        if h.number is not None and h.number != expected:
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
        prev[key] = h.number or expected
        if h.level == 1:
            prev = {k: v for k, v in prev.items() if k[0] == 1}
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
