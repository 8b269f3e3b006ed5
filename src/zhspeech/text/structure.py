"""The structure model of a Chinese official text: front matter, numbered headings, points, paragraphs, sentences.

``parse_structure`` turns normalized text into a ``Speech``; ``zhspeech.load`` describes the model it reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .blocks import Block, classify_numbered, read_blocks, repair_breaks
from .frontmatter import front_matter
from .model import Finding, Heading, Point, Repair, Speech
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


def _add_heading(asm: _Assembly, block: Block, start: int) -> None:
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


def _add_paragraph(asm: _Assembly, block: Block, start: int) -> None:
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
    asm.findings += unbalanced_quotes(block.text, start)
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
    blocks, markup = read_blocks(text)
    for block in blocks:
        classify_numbered(block)
    title, byline, date, n_front = front_matter(blocks)
    blocks = blocks[:n_front] + repair_breaks(blocks[n_front:])
    asm = _Assembly()
    for block in blocks:
        start = asm.out.add(block.text)
        if block.heading_level:
            _add_heading(asm, block, start)
        if block.kind == "body":
            _add_paragraph(asm, block, start)
    full_text = "".join(asm.out.parts)
    findings = (
        asm.findings + heading_level_findings(asm.sections) + numbering_findings(asm.headings, asm.heading_sections)
    )
    findings += doubled_characters(full_text, [(p["start"], p["end"]) for p in asm.paragraphs])
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
