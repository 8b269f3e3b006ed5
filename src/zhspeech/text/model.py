"""The data model of one speech: the ``Speech`` and the units it is made of (headings, points, repairs, findings)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Byline:
    author: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Heading:
    """A section or subsection heading."""

    number: int | None  # 1 for 一、 or （一）; None if unnumbered
    label: str  # the numeral as written: "一", "（一）", "1."
    heading: str  # the heading text without its label
    level: int  # 1 = section, 2 = subsection, 3 = third level (1. / 1、)
    start: int  # span of label and heading in Speech.text (for a numbered lead paragraph, up to the lead's end)
    end: int
    markdown_level: int | None = None  # number of '#' in the source, if any


@dataclass(frozen=True)
class Point:
    """A bold lead sentence opening a paragraph (``**…。**``), kept with its body."""

    point: int
    section: int
    paragraph: int
    lead: str
    start: int  # span of the lead in Speech.text
    end: int


@dataclass(frozen=True)
class Repair:
    kind: str  # "page_break"
    offset: int  # position in Speech.text where the two blocks were joined
    text: str  # the characters on either side of the join, e.g. "中|国方案" shown as "中国"
    before: str = ""  # last characters of the first block
    after: str = ""  # first characters of the second block


@dataclass(frozen=True)
class Finding:
    """A source-quality observation: something a careful reader should check in the source."""

    kind: str  # "heading_levels", "page_break", "doubled_character", "unbalanced_quotes", "numbering"
    offset: int
    text: str
    message: str


@dataclass
class Speech:
    """One speech: its normalized text, front matter, sections, points, paragraphs, sentences and tokens.

    Offsets: every unit (section heading, point lead, paragraph, sentence, token) carries ``start``/``end`` character
    offsets into ``Speech.text``, the normalized text (NFC, LF line ends, markdown markers removed, page breaks
    repaired), so ``speech.text[start:end]`` is the unit's text.

    Ids: ``section`` is the section number (1, 2, …; 0 for text before the first heading or when the text has no
    sections); ``subsection`` and ``point`` count from 1 across the whole speech (0 = none); ``paragraph`` and
    ``sentence`` count body paragraphs and sentences from 1.
    """

    text: str
    title: str | None
    byline: Byline
    date: str | None
    sections: list[Heading]
    subsections: list[Heading]
    points: list[Point]
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    repairs: list[Repair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    path: Path | None = None
    encoding: str | None = None
    has_markup: bool = False
    lexicon: Sequence[Path] | Path | None = None

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """One row per token (columns in ``zhspeech.tokenize``); computed on first use, then cached."""
        # imported here: the model stays free of the tokenizer (and jieba) until tokens are asked for
        from ..tokens.pipeline import speech_tokens

        return speech_tokens(self)

    def section_heading(self, number: int) -> str:
        for h in self.sections:
            if h.number == number:
                return h.heading
        return "" if number == 0 else str(number)

    def __repr__(self) -> str:
        return (
            f"Speech(title={self.title!r}, sections={len(self.sections)}, points={len(self.points)}, "
            f"paragraphs={len(self.paragraphs)}, sentences={len(self.sentences)})"
        )
