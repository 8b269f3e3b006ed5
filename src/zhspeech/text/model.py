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
class FrontMatterLine:
    """A line before the body that is not body text: kept for the record, never a paragraph or a token."""

    kind: str  # "title", "subtitle", "date", "byline", "salutation", "chrome" (web-page lines), "toc", "other"
    text: str  # as written
    start: int  # span in Speech.text
    end: int


@dataclass(frozen=True)
class BackMatter:
    """A part after the report proper: an appendix (附件, 附录) or a glossary (名词解释), outside the sections."""

    kind: str  # "appendix" or "glossary"
    heading: str  # the line that opens it, as written
    start: int  # span in Speech.text, from the opening line to the end of the part
    end: int


@dataclass(frozen=True)
class Heading:
    """A section or subsection heading."""

    number: int | None  # 1 for 一、 or （一）; an unnumbered heading line (label "") gets its order among its peers
    label: str  # the numeral as written: "一", "（一）", "1."
    heading: str  # the heading text without its label
    level: int  # 1 = section, 2 = subsection, 3 = item (third level), as the text nests them
    start: int  # span of label and heading in Speech.text (for a numbered lead paragraph, up to the lead's end)
    end: int
    markdown_level: int | None = None  # number of '#' in the source, if any


@dataclass(frozen=True)
class Point:
    """A lead sentence opening a paragraph, kept with its body: bold (``**…。**``) in markdown, or in plain text one
    of a run of paragraphs that each open with a lead (see ``text.blocks.mark_plain_leads``)."""

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

    Offsets: every unit (heading, point lead, paragraph, sentence, token, front- and back-matter line) carries
    ``start``/``end`` character offsets into ``Speech.text``, the normalized text (NFC, LF line ends, markdown markers
    removed, page breaks repaired), so ``speech.text[start:end]`` is the unit's text.

    Parts: the title and headings are text too. ``sentences`` has one row per sentence of the text in text order,
    with a ``part`` column: ``"title"`` (the title and any subtitle, one row each), ``"heading"`` (each heading line,
    label included, e.g. ``一、`` + heading, one row each), ``"body"`` (sentences of body paragraphs) and ``"back"``
    (sentences of back matter: appendices, glossaries). ``paragraphs`` holds body and back-matter paragraphs only,
    with the same ``part`` column; title and heading rows of ``sentences`` have ``paragraph`` 0. A paragraph that
    opens with a numbered lead (``（一）稳定经济增长。全年…``) stays a body paragraph: its lead is a heading in
    ``subsections`` (or ``sections``/``items``) but not a row of its own. Byline, date line, salutation and table
    of contents are ``front_matter`` lines, outside the sentence table.

    Ids: ``section`` is the section number (1, 2, …; 0 for text before the first heading, for the title, for back
    matter, or when the text has no sections); ``subsection``, ``item`` (third-level heading) and ``point`` count
    from 1 across the whole speech (0 = none); ``paragraph`` counts paragraphs (body and back matter) from 1 and
    ``sentence`` counts the rows of ``sentences`` from 1 in text order (title first). A heading row carries the
    ids of the unit it opens (a section heading: its section, subsection 0; a subsection heading: its section and
    subsection). Levels are read as the text nests them (``（一）`` headings with no ``一、`` above them are
    sections; a ``1.`` list under ``一、`` with no ``（一）`` is subsections; ``items`` are the third level). A
    subsection owns the paragraphs after its heading up to the next heading, except that the paragraphs after the
    last subsection of a section that turn back to the section (各位代表！…, 过去一年…) belong to the section
    (subsection 0); see ``text.structure``. Back matter (``back_matter``: 附件, 附录, 名词解释) is outside the
    sections (section 0, part "back"); a table of contents (目录) is front matter.
    """

    text: str
    title: str | None
    byline: Byline
    date: str | None  # ISO: "YYYY-MM-DD", or "YYYY-MM" / "YYYY" when the date line gives no more; None without one
    sections: list[Heading]
    subsections: list[Heading]
    points: list[Point]
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    date_text: str | None = None  # the date line as written
    subtitle: str | None = None
    salutation: str | None = None  # 各位代表：
    front_matter: list[FrontMatterLine] = field(default_factory=list)
    year: int | None = None  # the document's year (see year_source); None when unknown
    year_source: str | None = None  # "argument", "date line", "file name" or None
    items: list[Heading] = field(default_factory=list)  # third-level headings (1、 / 1. / （1）)
    back_matter: list[BackMatter] = field(default_factory=list)
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
