"""The structure model of a Chinese official text: front matter, headings at every level, points, paragraphs,
sentences, back matter.

``parse_structure`` turns normalized text into a ``Speech``; ``zhspeech.load`` describes the model it reads. The
blocks (non-empty lines) are read in this order: numbering labels (``blocks.classify_numbered``), front matter
(``frontmatter.read_front_matter``), a table of contents (``blocks.mark_toc``), back matter (appendices,
glossaries: ``blocks.mark_back_matter``), unnumbered heading lines (``blocks.mark_unnumbered_headings``),
page breaks, the levels as the text nests them (``blocks.resolve_levels``) and points in plain text
(``blocks.mark_plain_leads``). The assembly then ends the last subsection of a section where the text turns back
to the section (``_close_units``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .blocks import (
    Block,
    classify_numbered,
    mark_back_matter,
    mark_plain_leads,
    mark_toc,
    mark_unnumbered_headings,
    read_blocks,
    repair_breaks,
    resolve_levels,
)
from .frontmatter import read_front_matter
from .model import BackMatter, Finding, FrontMatterLine, Heading, Point, Repair, Speech
from .quality import doubled_characters, heading_level_findings, numbering_findings, unbalanced_quotes
from .sentences import han_count, split_sentences


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


_IDS = ["section", "subsection", "item", "point"]

_PARAGRAPH_COLUMNS = ["paragraph", "part", *_IDS, "start", "end", "text", "chars", "han", "sentences"]

_SENTENCE_COLUMNS = ["sentence", "part", "paragraph", *_IDS, "start", "end", "text", "chars", "han"]


@dataclass
class _Assembly:
    """The speech as it is put together block by block: the clean text, its units, and where the reading is."""

    out: _Builder = field(default_factory=_Builder)
    sections: list[Heading] = field(default_factory=list)
    subsections: list[Heading] = field(default_factory=list)
    items: list[Heading] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    heading_parents: list[tuple[int, ...]] = field(default_factory=list)  # the unit each heading is numbered in
    points: list[Point] = field(default_factory=list)
    front: list[FrontMatterLine] = field(default_factory=list)
    back: list[BackMatter] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    paragraphs: list[dict] = field(default_factory=list)
    sentences: list[dict] = field(default_factory=list)
    section: int = 0
    subsection: int = 0
    item: int = 0
    point: int = 0
    open_units: dict[int, tuple[Block, int]] = field(default_factory=dict)  # level → (heading block, paragraphs)

    def ids(self) -> dict[str, int]:
        return {"section": self.section, "subsection": self.subsection, "item": self.item, "point": self.point}

    def add_sentence(self, part: str, paragraph: int, start: int, text: str) -> dict:
        """Append one row to the sentence table (ids from where the reading is) and return it."""
        row = {
            "sentence": len(self.sentences) + 1,
            "part": part,
            "paragraph": paragraph,
            **self.ids(),
            "start": start,
            "end": start + len(text),
            "text": text,
            "chars": len(text),
            "han": han_count(text),
        }
        self.sentences.append(row)
        return row


def _add_heading(asm: _Assembly, block: Block, start: int) -> None:
    end = start + block.heading_at + len(block.heading)
    h = Heading(block.number, block.label, block.heading, block.heading_level, start, end, block.md_level)
    if block.heading_level == 1:
        asm.section, asm.subsection, asm.item, asm.point = block.number or asm.section + 1, 0, 0, 0
        asm.sections.append(h)
        asm.heading_parents.append(())
        asm.open_units = {}
    elif block.heading_level == 2:
        asm.subsection, asm.item, asm.point = len(asm.subsections) + 1, 0, 0
        asm.subsections.append(h)
        asm.heading_parents.append((len(asm.sections),))
        asm.open_units = {2: (block, 0)}
    else:
        asm.item, asm.point = len(asm.items) + 1, 0
        asm.items.append(h)
        asm.heading_parents.append((len(asm.sections), asm.subsection))
        asm.open_units[3] = (block, 0)
    asm.headings.append(h)
    if block.kind == "heading":  # a heading line is a sentence of its own; a run-in lead stays in its paragraph
        asm.add_sentence("heading", 0, start, block.text[: block.heading_at + len(block.heading)])


# A paragraph that turns from the last subsection (or item) back to its section: an address to the audience, a
# look back over the period (过去一年…, 五年来…, 回顾…, 总之…), the achievements or problems as a whole.
_CLOSING = re.compile(
    r"^(?:各位代表|各位委员|代表们|同志们)[！!：:，,]"
    r"|^(?:过去(?:的)?[一二两三四五六七八九十几]+年|[一二两三四五六七八九十几]+年(?:来|以来)|这[一二两三四五六七八九十几]+年"
    r"|回顾|总之|总的(?:来)?[看说]|综上|总结)"
    r"|^[^，,。；]{0,8}(?:成就|成绩|清醒地)"
)


def _close_units(asm: _Assembly, block: Block) -> None:
    """End the last subsection (or item) of a unit at a paragraph that belongs to the unit around it.

    The last subsection of a section owns the paragraphs after its heading until one that turns back to the
    section (``_CLOSING``: 各位代表！…, 过去一年…, 五年来…, 一年来的成就…); that paragraph and the rest of the
    section are the section's (subsection 0). When a section's subsections are all run-in leads of consecutive
    paragraphs (a list), the last one owns only its own paragraph. Items end the same way within their parent.
    A subsection with a later sibling, and the first paragraph after a heading line, are never cut off.
    """
    for level in (3, 2):
        unit = asm.open_units.get(level)
        if unit is None or (level == 2 and 3 in asm.open_units):
            continue
        head, paragraphs = unit
        if head.last and paragraphs and (head.alone or _CLOSING.match(block.text)):
            del asm.open_units[level]
            asm.point = 0
            if level == 3:
                asm.item = 0
            else:
                asm.subsection, asm.item = 0, 0


def _add_back(asm: _Assembly, block: Block, start: int) -> None:
    """A paragraph of the back matter: outside the sections (section 0), part "back"."""
    if block.back or not asm.back:
        asm.back.append(BackMatter(block.back or "appendix", block.text, start, start + len(block.text)))
    asm.back[-1] = BackMatter(asm.back[-1].kind, asm.back[-1].heading, asm.back[-1].start, start + len(block.text))
    asm.section = asm.subsection = asm.item = asm.point = 0
    asm.open_units = {}
    _add_paragraph(asm, block, start, "back")


def _add_paragraph(asm: _Assembly, block: Block, start: int, part: str = "body") -> None:
    """A body (or back-matter) paragraph: its point (bold lead), repairs, quote balance and sentences."""
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
    asm.findings += unbalanced_quotes(block.text, start)
    spans = split_sentences(block.text)
    han = sum(asm.add_sentence(part, paragraph, start + s, block.text[s:e])["han"] for s, e in spans)
    asm.open_units = {lv: (head, n + 1) for lv, (head, n) in asm.open_units.items()}
    asm.paragraphs.append(
        {
            "paragraph": paragraph,
            "part": part,
            **asm.ids(),
            "start": start,
            "end": start + len(block.text),
            "text": block.text,
            "chars": len(block.text),
            "han": han,
            "sentences": len(spans),
        }
    )


def _read_blocks(text: str) -> tuple[list[Block], bool, object]:
    """Blocks of the text with their kinds and heading levels set: front matter, table of contents, headings as
    the text numbers them, body, back matter; page breaks repaired."""
    blocks, markup = read_blocks(text)
    for block in blocks:
        classify_numbered(block)
    front, n_front = read_front_matter(blocks)
    n_body = mark_toc(blocks, n_front)
    mark_back_matter(blocks, n_body)
    mark_unnumbered_headings([b for b in blocks[n_body:] if b.kind in ("body", "heading", "salutation")])
    blocks = blocks[:n_body] + repair_breaks(blocks[n_body:])
    body = [b for b in blocks[n_body:] if b.kind in ("body", "heading")]
    resolve_levels(body)
    mark_plain_leads(body)
    return blocks, markup, front


def parse_structure(text: str) -> Speech:
    """Parse normalized text (see ``text.read.normalize``) into a ``Speech``, read as ``load`` describes."""
    blocks, markup, front = _read_blocks(text)
    asm = _Assembly()
    for block in blocks:
        start = asm.out.add(block.text)
        if block.kind not in ("body", "heading", "back"):
            asm.front.append(FrontMatterLine(block.kind, block.text, start, start + len(block.text)))
        if block.kind in ("title", "subtitle"):
            asm.add_sentence("title", 0, start, block.text)
        if block.kind == "back":
            _add_back(asm, block, start)
            continue
        if block.heading_level:
            _add_heading(asm, block, start)
        elif block.kind == "body":
            _close_units(asm, block)
        if block.kind == "body":
            _add_paragraph(asm, block, start)
    full_text = "".join(asm.out.parts)
    findings = (
        asm.findings + heading_level_findings(asm.sections) + numbering_findings(asm.headings, asm.heading_parents)
    )
    findings += doubled_characters(full_text, [(p["start"], p["end"]) for p in asm.paragraphs])
    findings.sort(key=lambda f: f.offset)
    return Speech(
        text=full_text,
        title=front.title,
        byline=front.byline,
        date=front.date,
        date_text=front.date_text,
        subtitle=front.subtitle,
        salutation=front.salutation,
        front_matter=asm.front,
        year=front.year,
        year_source="date line" if front.year is not None else None,
        sections=asm.sections,
        subsections=asm.subsections,
        items=asm.items,
        back_matter=asm.back,
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
        if col not in ("text", "part"):
            frame[col] = frame[col].astype("int64")
    return frame
