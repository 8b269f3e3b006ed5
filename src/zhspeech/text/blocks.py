"""Lines → blocks: markdown markers stripped, numbered headings classified (一、 （一） 1.), page breaks rejoined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sentences import split_sentences

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

# Numbering styles, each a pattern for the label and a nominal level (a text's own levels are read by
# ``resolve_levels``): 第一部分, 一、 (or a numeral alone on its line), （一）, 1. / 1、, （1） and 第一，(heading
# lines only). Digits may be full-width (１．); the label must be followed by heading text, except for 第一部分 and
# a lone numeral.
_DIGITS = "0-9０-９"
_NUMBERED = (
    ("part", 1, re.compile(rf"^第([{CN_NUMERAL}]+)(?:部分|章|节|篇)[、，,：:．.\s]*(.*)$")),
    ("cn", 1, re.compile(rf"^([{CN_NUMERAL}]+)(?:\s*[、，,．.]\s*(.+)|\s*)$")),
    ("paren_cn", 2, re.compile(rf"^[（(]([{CN_NUMERAL}]+)[）)]\s*[、，,]?\s*(.*)$")),
    ("arabic", 3, re.compile(rf"^([{_DIGITS}]{{1,2}})\s*(?:、|[.．](?![{_DIGITS}]))\s*(.*)$")),
    ("paren_arabic", 3, re.compile(rf"^[（(]([{_DIGITS}]{{1,2}})[）)]\s*[、，,]?\s*(.*)$")),
    ("ordinal", 3, re.compile(rf"^第([{CN_NUMERAL}]+)\s*[，,、]\s*(.+)$")),
)
_LABEL_ONLY = ("part", "cn")  # styles whose label may stand alone on its line (一 / 第一部分)
# 第一，… opens sentences all the time: it is a heading only as a short line with no punctuation at its end
_LINE_ONLY = ("ordinal",)

HEADING_MAX = 60

_CLOSERS = "。！？!?；;：:…”’」』）)】》>.~"


@dataclass
class Block:
    text: str  # markup removed
    md_level: int | None = None  # number of '#' in the source
    lead: str | None = None  # bold lead, markup removed
    kind: str = "body"  # body | heading | back | toc, or a front-matter kind (title, byline, date, …)
    heading_level: int = 0  # nominal level from the label (1, 2, 3), then the text's own level (resolve_levels)
    number: int | None = None
    label: str = ""
    heading: str = ""
    heading_at: int = 0  # where the heading text starts in ``text`` (after the label and any space)
    style: str = ""  # numbering style: part, cn, paren_cn, arabic, paren_arabic; "unnumbered" for a heading line
    back: str = ""  # "appendix" or "glossary" on the line that opens a part of the back matter
    last: bool = False  # a heading of level 2 or 3 with no later sibling in its parent
    alone: bool = False  # a run-in lead of a run of consecutive run-in leads: it owns only its own paragraph
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
    """Label, number, nominal level and style of a block that opens with a numbering label.

    A short block (see ``is_short_line``) is a heading line (``kind`` "heading"); a longer one is a paragraph that
    opens with a numbered lead (run-in heading), whose heading is the lead up to its first 。！？：.
    """
    for style, level, pattern in _NUMBERED:
        m = pattern.match(block.text)
        if not m:
            continue
        label_value, rest = m.group(1), m.group(2) or ""
        number = int(label_value) if label_value.isdigit() else cn_to_int(label_value)
        if number is None or not (rest or style in _LABEL_ONLY) or (not rest and number == 0):
            continue
        if style in _LINE_ONLY and (not is_short_line(block) or block.text[-1] in _NOT_HEADING_END):
            continue
        block.heading_level, block.number, block.style = level, number, style
        block.heading_at = len(block.text) - len(rest)
        block.label = block.text[: block.heading_at].strip()
        body_like = not is_short_line(block)
        block.heading = re.split(r"(?<=[。！？：:])", rest, maxsplit=1)[0] if body_like else rest
        block.kind = "body" if body_like else "heading"
        return


def is_short_line(block: Block) -> bool:
    return len(block.text) <= HEADING_MAX and not re.search(r"[。！？]", block.text[:-1])


def repair_breaks(blocks: list[Block]) -> list[Block]:
    """Join body blocks cut mid-sentence (back-matter blocks among themselves); headings, front matter, tables of
    contents and the line that opens a part of the back matter are never joined."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == block.kind
            and block.kind in ("body", "back")
            and not block.back
            and not prev.back
            and block.lead is None
            and block.heading_level == 0
            and prev.text[-1] not in _CLOSERS
        ):
            prev.repairs.append((len(prev.text), prev.text[-6:], block.text[:6]))
            prev.text += block.text
            continue
        out.append(block)
    return out


# ------------------------------------------------------------------------------------ contents and back matter

_TOC = re.compile(r"^(?:目\s*[录錄]|目\s*次|contents)\s*[：:]?$", re.IGNORECASE)


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def mark_toc(blocks: list[Block], start: int) -> int:
    """Mark a table of contents at ``blocks[start]`` (目录, then heading lines that the body repeats later) as
    ``kind`` "toc", so that its lines are front matter and never sections; return the index after it.

    An entry is a short line whose text (spaces ignored) occurs again as a later line; the contents end at the
    first line that is not one. A 目录 line that no such entry follows is left alone.
    """
    if start >= len(blocks) or not _TOC.match(blocks[start].text):
        return start
    last = {_plain(b.text): i for i, b in enumerate(blocks)}  # where each line occurs last: one pass, not one a line
    end = start + 1
    while end < len(blocks) and is_short_line(blocks[end]) and last[_plain(blocks[end].text)] > end:
        end += 1
    if end == start + 1:
        return start
    for block in blocks[start:end]:
        block.kind, block.heading_level, block.number = "toc", 0, None
    return end


_BACK_OPENER = re.compile(
    rf"^(?:(?P<appendix>附件|附录|附錄|附表)\s*[{_DIGITS}{CN_NUMERAL}]*(?:[：:\s].*)?"
    r"|(?P<glossary>名词解释|名詞解釋|注释|註釋|名词注释)(?:[：:\s].*)?)$"
)


def back_opener(block: Block) -> str:
    """ "appendix" or "glossary" if ``block`` is a line that opens a part of the back matter (附件：…, 附录二,
    名词解释), else ""."""
    m = _BACK_OPENER.match(block.text) if is_short_line(block) else None
    if not m:
        return ""
    return "appendix" if m.group("appendix") else "glossary"


def mark_back_matter(blocks: list[Block], start: int) -> None:
    """Mark the back matter: from the first line after the body's first paragraph that opens an appendix or a
    glossary (see ``back_opener``) to the end, every block is ``kind`` "back" (never a heading, never a section,
    even with its own 一、…十、 list); each opening line gets ``back`` set. Trailing web-page chrome stays chrome."""
    seen_body = opened = False
    for block in blocks[start:]:
        if block.kind not in ("body", "heading"):
            continue  # front matter, contents, chrome
        kind = back_opener(block) if seen_body else ""
        if kind:
            opened, block.back = True, kind
        if opened:
            block.kind, block.heading_level, block.number = "back", 0, None
        seen_body = seen_body or block.kind == "body"


# ------------------------------------------------------------------------------------------- levels of headings

_UNNUMBERED_MAX = 30
_NOT_HEADING_END = "。！？!?；;：:，,、…—-”’」』）)】》"
_PARAGRAPH_END = "。！？!?；;：:…”’」』）)】》"


def _heading_line_candidate(blocks: list[Block], i: int) -> bool:
    """A line that stands alone between paragraphs like a heading: short, without punctuation that ends or joins
    sentences, first in the body or after a paragraph that ends a sentence, and before a body paragraph with
    sentences of its own. ``blocks`` are the body's blocks (front matter left out)."""
    block = blocks[i]
    if block.kind != "body" or block.heading_level or block.lead is not None or i + 1 >= len(blocks):
        return False
    text, prev, nxt = block.text, blocks[i - 1] if i else None, blocks[i + 1]
    return (
        len(text) <= _UNNUMBERED_MAX
        and text[-1] not in _NOT_HEADING_END
        and not re.search(r"[。！？!?；;：:]", text)
        and (prev is None or (prev.kind in ("body", "salutation") and prev.text[-1] in _PARAGRAPH_END))
        and nxt.kind == "body"
        and not nxt.heading_level
        and re.search(r"[。！？!?]", nxt.text) is not None
    )


def mark_unnumbered_headings(blocks: list[Block]) -> None:
    """Read unnumbered heading lines as sections when no numbered heading comes before them.

    The rule, kept conservative: a candidate is a line of at most 30 characters with no sentence punctuation in it
    or at its end, standing alone between a paragraph that ends a sentence and a body paragraph (see
    ``_heading_line_candidate``); 2024年工作回顾 / 2025年政府工作任务 are such lines. They are sections only if
    there are at least two, and no numbered heading (一、 （一） 1.) comes before the first: then numbered
    headings, if any, nest under them (关于国内建设 … 一、二、三 …). ``blocks`` are the body's blocks.
    """
    found = [i for i in range(len(blocks)) if _heading_line_candidate(blocks, i)]
    first_numbered = next((i for i, b in enumerate(blocks) if b.heading_level), len(blocks))
    if len(found) < 2 or found[0] > first_numbered:
        return
    for k, i in enumerate(found, start=1):  # numbered by their order, as the section ids are
        b = blocks[i]
        b.kind, b.heading_level, b.style, b.number, b.label, b.heading, b.heading_at = (
            "heading",
            1,
            "unnumbered",
            k,
            "",
            b.text,
            0,
        )


def _demote(block: Block) -> None:
    """A numbered block that is not a heading of the text after all: a body paragraph."""
    block.kind, block.heading_level, block.number, block.label, block.heading, block.style = (
        "body",
        0,
        None,
        "",
        "",
        "",
    )


def resolve_levels(blocks: list[Block]) -> None:
    """Set each heading's level as the text numbers it (``heading_level`` 1, 2, 3; deeper ones become body).

    * A numbering style's level is the order in which the styles first appear on heading lines, then (for styles
      only ever seen as paragraph leads) as leads: 一、 then （一） then 1. gives 1, 2, 3; a text whose top heading
      lines are （一） has them as sections (level 1) and the 一、 leads inside them at level 2; a numbered list in
      the opening does not outrank the sections' 一、 lines. Unnumbered heading lines (``mark_unnumbered_headings``)
      come first, at level 1.
    * A heading that continues an open list of its style (the next number) belongs to that list.
    * A list that restarts at 1 while a deeper unit is open (一、 inside （一） after 三、) is a list nested one
      level down, not a new run of sections; a later 四、 continues the outer list again.
    """
    rank: dict[str, int] = {}
    for block in [b for b in blocks if b.kind == "heading"] + [b for b in blocks if b.kind == "body"]:
        if block.heading_level:
            rank.setdefault(block.style, len(rank) + 1)
    stack: list[list] = []  # the open lists, outermost first: [style, level, last number]
    for block in blocks:
        if not block.heading_level:
            continue
        level = _place(block, rank, stack)
        if level > 3:
            _demote(block)
        else:
            block.heading_level = level
    mark_siblings(blocks)


def _place(block: Block, rank: dict[str, int], stack: list[list]) -> int:
    n = block.number
    for k in range(len(stack) - 1, -1, -1):  # the next number of an open list of this style, innermost first
        style, level, last = stack[k]
        if style == block.style and (n is None or n == last + 1):
            del stack[k + 1 :]
            stack[k][2] = last + 1 if n is None else n
            return level
    level = rank[block.style]
    same = [e for e in stack if e[1] == level and e[0] == block.style]
    expected = same[0][2] + 1 if same else 1
    if n == 1 and expected != 1 and stack and stack[-1][1] > level:  # a list nested in a deeper unit
        nested = [e for e in stack if e[0] == block.style and e[1] > level]
        level = nested[-1][1] if nested else stack[-1][1] + 1
    while stack and stack[-1][1] >= level:
        stack.pop()
    stack.append([block.style, level, 1 if n is None else n])
    return level


def _same_list(head: Block, later: Block) -> bool:
    """``later`` (same level) goes on with ``head``'s list; a list that starts again at 1 is a new list."""
    return later.style == head.style and later.number != 1


def mark_siblings(blocks: list[Block]) -> None:
    """Set ``last`` on every level-2/3 heading with no later sibling in its list and parent, and ``alone`` on such
    a last heading when it and all its siblings are run-in leads of consecutive paragraphs (a list whose entries
    each own only their own paragraph)."""
    heads = [i for i, b in enumerate(blocks) if b.heading_level]
    for j, i in enumerate(heads):
        head, level = blocks[i], blocks[i].heading_level
        nxt = next((blocks[k] for k in heads[j + 1 :] if blocks[k].heading_level <= level), None)
        head.last = level > 1 and not (nxt is not None and nxt.heading_level == level and _same_list(head, nxt))
        if not head.last:
            continue
        siblings = [i]
        for k in reversed(heads[:j]):
            if blocks[k].heading_level < level or blocks[siblings[-1]].number == 1:
                break
            if blocks[k].heading_level == level:
                siblings.append(k)
        head.alone = (
            len(siblings) >= 2
            and all(blocks[k].kind == "body" for k in siblings)
            and all(a - b == 1 for a, b in zip(siblings, siblings[1:]))
        )


# --------------------------------------------------------------------------------------- points in plain text

_LEAD_MAX = 30
_CIRCUMSTANCE = re.compile(
    rf"^(?:在|从|对|关于|根据|按照|依照|随着|由于|为了|通过|经过|面对|针对|当|自|截至|到|今年|去年|明年|过去|目前|当前)"
    rf"|[{_DIGITS}〇○零]|(?:年|月|日|来|以来|时|期间|之际|方面|看)$"
)


# a sentence that opens with a connective or points back (但是…, 因此…, 这是…) goes on from what came before
_CONNECTIVE = re.compile(r"^(?:但|因此|因而|所以|然而|而且|并且|同时|此外|另外|可是|不过|于是|其中|总之|这|那|此)")


def plain_lead(block: Block) -> str | None:
    """The paragraph's first sentence if it reads as a lead that states the paragraph's claim: it ends with 。,
    has 4 to 30 characters, at most one comma and no ；：, the paragraph is at least three times as long, it does
    not open with a connective (但是…, 因此…, 这…), and a comma does not follow a circumstance (在…, 根据…,
    2023年11月8日…, 过去一年…) but joins two claims."""
    if block.kind != "body" or block.heading_level or block.lead is not None:
        return None
    spans = split_sentences(block.text)
    if len(spans) < 2:
        return None
    lead = block.text[: spans[0][1]]
    if not lead.endswith("。") or not 4 <= len(lead) <= _LEAD_MAX or len(block.text) < 3 * len(lead):
        return None
    if _CONNECTIVE.match(lead):
        return None
    clauses = re.split(r"[，,]", lead)
    if len(clauses) > 2 or re.search(r"[；;：:]", lead):
        return None
    return lead if len(clauses) == 1 or not _CIRCUMSTANCE.search(clauses[0]) else None


def mark_plain_leads(blocks: list[Block]) -> None:
    """Points in a text without bold leads: set ``lead`` on each paragraph of a run of at least three sibling
    paragraphs (consecutive body paragraphs, no heading between) that each open with a lead (``plain_lead``):
    实施更加积极的就业政策。… / 加快完善社会保障体系。… / 进一步促进教育公平。…. A paragraph alone, or two, are
    not enough to tell a lead from an ordinary short first sentence. Texts with bold leads keep only those."""
    if any(b.lead is not None for b in blocks):
        return
    run: list[tuple[Block, str]] = []
    for block in [*blocks, None]:
        lead = plain_lead(block) if block is not None else None
        if lead is not None:
            run.append((block, lead))
            continue
        if len(run) >= 3:
            for b, text in run:
                b.lead = text
        run = []
