"""The structure model of a Chinese official text: front matter, numbered headings, points, paragraphs, sentences.

``parse_structure`` turns normalized text into a ``Speech``; ``zhspeech.load`` describes the model it reads.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import pandas as pd

from .._checks import HAN_CLASS, NON_HAN
from .model import Byline, Finding, Heading, Point, Repair, Speech

# ---------------------------------------------------------------- numerals and patterns

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
_HEADING_MAX = 60
_CLOSERS = "。！？!?；;：:…”’」』）)】》>.~"
_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’"}

_ROLE_WORDS = (
    r"(?:总书记|书记|主席|副主席|总理|副总理|委员长|部长|副部长|省长|副省长|市长|副市长|县长|区长|州长|秘书长|"
    r"主任|副主任|院长|校长|会长|理事长|局长|署长|司长|厅长|大使|发言人|总裁|董事长|总经理|首席执行官|特使|"
    r"秘書長|書記|總理|部長|省長|市長|縣長|院長|會長|局長|主任|董事長|總經理|發言人)"
)
_ROLE = re.compile(_ROLE_WORDS + "$")
_ROLE_THEN_NAME = re.compile(rf"^(.{{2,}}?{_ROLE_WORDS})([{HAN_CLASS}·]{{2,4}})$")
_NAME = re.compile(f"^[{HAN_CLASS}·]{{2,5}}$")
_DATE_LINE = re.compile(
    r"^[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年[^。！？]{0,20}[）)]?$"
    r"|^[—－-]{1,2}.*$|^[（(].{2,40}[）)]$|.*在.{1,40}上的(?:讲话|致辞|发言|报告|演讲|講話|致辭|發言|演講)[）)]?$"
)

_DOUBLE_OK = set(
    "人常天年处时往渐纷种个刚仅默久深稍明谢多步层事家户生滚蒸欣熠勃井兢源息孜历津赫堂轰烈亭冉巍浩荡切实扎踏稳"
    "一代世大小好快慢高长轻静紧牢平安统通样声句字点滴星条片遥哈呵嘻啦悄匆频屡偏刻日月夜岁"
    "累洋整寥区芸泱皑莘谆循孜彬翩姗蓬碌熙攘袅栩炯隐依恋苦"
    "謝個處時漸紛種剛僅歲層戶滾歷轟蕩實紮穩長輕靜緊樣聲條點遙區"
)
# 浙江省省长, 商务部部长, 中共中央委员会委员: an administrative unit followed by its office
_UNIT_THEN_OFFICE = re.compile(r"([省市县区州部局会院厅处镇乡村縣區會廳處鎮鄉])\1[长委政级属長級屬]")


# ---------------------------------------------------------------- blocks


@dataclass
class _Block:
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


def _read_blocks(text: str) -> tuple[list[_Block], bool]:
    blocks: list[_Block] = []
    markup = False
    for raw in text.split("\n"):
        line = raw.strip().strip("\u3000").strip()
        if not line:
            continue
        block = _Block(text=line)
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


def _classify_numbered(block: _Block) -> None:
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
        body_like = not _is_short_line(block)
        # A long numbered block is a paragraph that opens with a numbered lead: its heading is the lead.
        block.heading = re.split(r"(?<=[。！？：:])", rest, maxsplit=1)[0] if body_like else rest
        block.kind = "body" if body_like else "heading"
        return


def _is_short_line(block: _Block) -> bool:
    return len(block.text) <= _HEADING_MAX and not re.search(r"[。！？]", block.text[:-1])


def _split_byline(text: str) -> Byline | None:
    parts = text.replace("\u3000", " ").split()
    if len(parts) == 2:
        a, b = parts
        if _ROLE.search(a) and _NAME.match(b):
            return Byline(author=b, role=a)
        if _ROLE.search(b) and _NAME.match(a):
            return Byline(author=a, role=b)
    if len(parts) == 1:
        m = _ROLE_THEN_NAME.match(text)
        if m:
            return Byline(author=m.group(2), role=m.group(1))
    return None


def _front_matter(blocks: list[_Block]) -> tuple[str | None, Byline, str | None, int]:
    """Title, byline and date/occasion from the leading blocks; returns how many blocks they use."""
    title, byline, dates = None, Byline(), []
    i = 0
    first = blocks[0] if len(blocks) > 1 else None
    if (
        first
        and first.heading_level == 0
        and (first.md_level or (_is_short_line(first) and first.text[-1] not in "。！？!?；;：:，,"))
    ):
        title, i = blocks[0].text, 1
        blocks[0].kind = "title"
    while i < len(blocks) and i < 5 and blocks[i].heading_level == 0 and _is_short_line(blocks[i]):
        block = blocks[i]
        found = _split_byline(block.text) if byline.author is None else None
        if found:
            byline, block.kind = found, "byline"
        elif _DATE_LINE.match(block.text):
            dates.append(block.text)
            block.kind = "date"
        else:
            break
        i += 1
    return title, byline, " ".join(dates) or None, i


def _repair_breaks(blocks: list[_Block]) -> list[_Block]:
    """Join body blocks cut mid-sentence; headings and front matter are never joined."""
    out: list[_Block] = []
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


# ---------------------------------------------------------------- sentences


_SENTENCE_END = re.compile(r"(?:[。！？!?]|……)[。！？!?…]*[”’」』）)】》\"']*")
_OPEN_QUOTE = re.compile("[" + "".join(_QUOTES) + "]")


def _quotations(text: str) -> list[tuple[int, int]]:
    """Spans (open, close) of first-level quotations that close within the text."""
    spans: list[tuple[int, int]] = []
    for m in _OPEN_QUOTE.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        close = text.find(_QUOTES[m.group()], m.end())
        if close >= 0:
            spans.append((m.start(), close))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in a paragraph: split after 。！？ and ……, keeping closing quotes and brackets with their
    sentence; a terminator inside a quotation that goes on after it does not split the sentence."""
    quotes = _quotations(text)
    spans: list[tuple[int, int]] = []
    start, q = 0, 0
    for m in _SENTENCE_END.finditer(text):
        while q < len(quotes) and quotes[q][1] < m.start():
            q += 1
        if q < len(quotes) and quotes[q][0] < m.start() and m.end() <= quotes[q][1]:
            continue  # inside a quotation that goes on
        spans.append((start, m.end()))
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    tail = text[start:].rstrip()
    if tail:
        spans.append((start, start + len(tail)))
    return spans


def han_count(text: str) -> int:
    """Number of Han characters (CJK unified ideographs and extensions)."""
    return len(text) - sum(len(x) for x in NON_HAN.findall(text))


# ---------------------------------------------------------------- source-quality findings


def _doubled_characters(text: str, paragraphs: list[tuple[int, int]]) -> list[Finding]:
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


def _unbalanced(text: str, base: int) -> list[Finding]:
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


def _numbering(headings: list[Heading], sections_of: list[int]) -> list[Finding]:
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


def _heading_levels(sections: list[Heading]) -> list[Finding]:
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


# ---------------------------------------------------------------- assembly


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, text: str) -> int:
        if self.parts:
            self.parts.append("\n\n")
            self.pos += 2
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start


_PARAGRAPH_COLUMNS = [
    "paragraph",
    "section",
    "subsection",
    "point",
    "start",
    "end",
    "text",
    "chars",
    "han",
    "sentences",
]
_SENTENCE_COLUMNS = ["sentence", "paragraph", "section", "subsection", "point", "start", "end", "text", "chars", "han"]


@dataclass
class _Assembly:
    """The speech as it is put together block by block: the clean text, its units, and where the reading is."""

    out: _Builder = field(default_factory=_Builder)
    sections: list[Heading] = field(default_factory=list)
    subsections: list[Heading] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    heading_sections: list[int] = field(default_factory=list)  # the section each heading belongs to
    points: list[Point] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    paragraphs: list[dict] = field(default_factory=list)
    sentences: list[dict] = field(default_factory=list)
    section: int = 0
    subsection: int = 0
    point: int = 0


def _add_heading(asm: _Assembly, block: _Block, start: int) -> None:
    end = start + block.heading_at + len(block.heading)
    h = Heading(block.number, block.label, block.heading, block.heading_level, start, end, block.md_level)
    if block.heading_level == 1:
        asm.section, asm.subsection, asm.point = block.number or asm.section + 1, 0, 0
        asm.sections.append(h)
    elif block.heading_level == 2:
        asm.subsection, asm.point = len(asm.subsections) + 1, 0
        asm.subsections.append(h)
    asm.headings.append(h)
    asm.heading_sections.append(asm.section)


def _add_paragraph(asm: _Assembly, block: _Block, start: int) -> None:
    """A body paragraph: its point (bold lead), repairs, quote balance and sentences."""
    paragraph = len(asm.paragraphs) + 1
    if block.lead:
        asm.point = len(asm.points) + 1
        asm.points.append(Point(asm.point, asm.section, paragraph, block.lead, start, start + len(block.lead)))
    for offset, before, after in block.repairs:
        asm.repairs.append(Repair("page_break", start + offset, before + after, before, after))
        asm.findings.append(
            Finding(
                "page_break",
                start + offset,
                before + after,
                f"block cut mid-sentence rejoined at offset {start + offset}: “{before}|{after}”",
            )
        )
    asm.findings += _unbalanced(block.text, start)
    ids = {"paragraph": paragraph, "section": asm.section, "subsection": asm.subsection, "point": asm.point}
    spans = split_sentences(block.text)
    han = 0
    for s, e in spans:
        piece = block.text[s:e]
        asm.sentences.append(
            {
                "sentence": len(asm.sentences) + 1,
                **ids,
                "start": start + s,
                "end": start + e,
                "text": piece,
                "chars": len(piece),
                "han": han_count(piece),
            }
        )
        han += asm.sentences[-1]["han"]
    asm.paragraphs.append(
        {
            **ids,
            "start": start,
            "end": start + len(block.text),
            "text": block.text,
            "chars": len(block.text),
            "han": han,
            "sentences": len(spans),
        }
    )


def parse_structure(text: str) -> Speech:
    """Parse normalized text (see ``text.read.normalize``) into a ``Speech``, read as ``load`` describes."""
    blocks, markup = _read_blocks(text)
    for block in blocks:
        _classify_numbered(block)
    title, byline, date, n_front = _front_matter(blocks)
    blocks = blocks[:n_front] + _repair_breaks(blocks[n_front:])
    asm = _Assembly()
    for block in blocks:
        start = asm.out.add(block.text)
        if block.heading_level:
            _add_heading(asm, block, start)
        if block.kind == "body":
            _add_paragraph(asm, block, start)
    full_text = "".join(asm.out.parts)
    findings = asm.findings + _heading_levels(asm.sections) + _numbering(asm.headings, asm.heading_sections)
    findings += _doubled_characters(full_text, [(p["start"], p["end"]) for p in asm.paragraphs])
    findings.sort(key=lambda f: f.offset)
    return Speech(
        text=full_text,
        title=title,
        byline=byline,
        date=date,
        sections=asm.sections,
        subsections=asm.subsections,
        points=asm.points,
        paragraphs=_frame(asm.paragraphs, _PARAGRAPH_COLUMNS),
        sentences=_frame(asm.sentences, _SENTENCE_COLUMNS),
        repairs=asm.repairs,
        findings=findings,
        warnings=[f.message for f in findings if f.kind != "page_break"],
        has_markup=markup,
    )


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=columns)
    for col in columns:
        if col != "text":
            frame[col] = frame[col].astype("int64")
    return frame
