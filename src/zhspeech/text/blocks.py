"""Lines → blocks: markdown markers stripped, numbered headings classified (一、 （一） 1.), page breaks rejoined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Chinese digits (〇, ○ and 零 occur in years written digit by digit; 兩 is the traditional 两).
CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

CN_NUMERAL = "一二三四五六七八九十"


def cn_to_int(numeral: str) -> int | None:
    """Value of a Chinese numeral up to 99 (一 → 1, 十三 → 13, 二十一 → 21); None if not one."""
    if not numeral or any(c not in CN_DIGITS and c != "十" for c in numeral):
        return None
    if "十" not in numeral:
        return CN_DIGITS[numeral] if len(numeral) == 1 else None
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


_MD_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")

_BOLD_LEAD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)")

_BOLD = re.compile(r"\*\*|__")

_NUMBERED = (
    (1, re.compile(rf"^(?:第([{CN_NUMERAL}]+)(?:部分|章|节)[、，,：:\s]*|([{CN_NUMERAL}]+)\s*[、，,．.])\s*(.*)$")),
    (2, re.compile(rf"^[（(]([{CN_NUMERAL}]+)[）)]\s*[、，,]?\s*(.*)$")),
    (3, re.compile(r"^(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*(.*)$")),
)

HEADING_MAX = 60

_CLOSERS = "。！？!?；;：:…”’」』）)】》>.~"


@dataclass
class Block:
    text: str  # markup removed
    md_level: int | None = None  # number of '#' in the source
    lead: str | None = None  # bold lead, markup removed
    kind: str = "body"  # title | byline | date | heading | body
    heading_level: int = 0
    number: int | None = None
    label: str = ""
    heading: str = ""
    heading_at: int = 0  # where the heading text starts in ``text`` (after the label and any space)
    repairs: list[tuple[int, str, str]] = field(default_factory=list)  # (offset in block, before, after)


def read_blocks(text: str) -> tuple[list[Block], bool]:
    blocks: list[Block] = []
    markup = False
    for raw in text.split("\n"):
        line = raw.strip().strip("\u3000").strip()
        if not line:
            continue
        block = Block(text=line)
        m = _MD_HEADING.match(line)
        if m:
            markup = True
            block.md_level, line = len(m.group(1)), m.group(2)
        lead = _BOLD_LEAD.match(line)
        if lead:
            markup = True
            block.lead = _BOLD.sub("", lead.group(1)).strip()
        elif "**" in line:
            markup = True
        block.text = _BOLD.sub("", line).strip()
        if block.text:
            blocks.append(block)
    return blocks, markup


def classify_numbered(block: Block) -> None:
    for level, pattern in _NUMBERED:
        m = pattern.match(block.text)
        if not m:
            continue
        groups = [g for g in m.groups() if g is not None]
        label_value, rest = groups[0], groups[-1] if len(groups) > 1 else ""
        number = int(label_value) if label_value.isdigit() else cn_to_int(label_value)
        if number is None or not rest:
            continue
        block.heading_level, block.number = level, number
        block.heading_at = len(block.text) - len(rest)
        block.label = block.text[: block.heading_at].strip()
        body_like = not is_short_line(block)
        # A long numbered block is a paragraph that opens with a numbered lead: its heading is the lead.
        block.heading = re.split(r"(?<=[。！？：:])", rest, maxsplit=1)[0] if body_like else rest
        block.kind = "body" if body_like else "heading"
        return


def is_short_line(block: Block) -> bool:
    return len(block.text) <= HEADING_MAX and not re.search(r"[。！？]", block.text[:-1])


def repair_breaks(blocks: list[Block]) -> list[Block]:
    """Join body blocks cut mid-sentence; headings and front matter are never joined."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "body"
            and block.kind == "body"
            and block.lead is None
            and block.heading_level == 0
            and prev.text[-1] not in _CLOSERS
        ):
            prev.repairs.append((len(prev.text), prev.text[-6:], block.text[:6]))
            prev.text += block.text
            continue
        out.append(block)
    return out
