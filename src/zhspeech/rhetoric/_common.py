"""What every rhetoric finder shares: the sentence index, quotation and title spans, numerals, clause splitting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._checks import HAN_CLASS
from ..errors import TableError
from ..text.blocks import CN_DIGITS, cn_to_int

HAN = HAN_CLASS
#: Chinese digits as used in numbered formulas and dates: the structure model's table.
CN_DIGIT = CN_DIGITS
#: Opening quotation marks and their closers: curly double/single, corner brackets (traditional texts), ASCII.
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}
_QUOTE = re.compile(r"“[^“”\n]*”|「[^「」\n]*」|『[^『』\n]*』|‘[^‘’\n]*’|\"[^\"\n]*\"")
_TITLE = re.compile(r"《([^《》\n]+)》")
_CLAUSE_SEP = re.compile(r"[，、；：,;:]")
_TERMINAL = "。！？!?；;…"


def cn_number(numeral: str) -> int | None:
    """Value of a numeral written in Arabic digits or Chinese up to 99 (四 → 4, 十二 → 12, 二十 → 20, 12 → 12)."""
    return int(numeral) if numeral.isdigit() else cn_to_int(numeral)


def check_speech(speech: Any) -> None:
    """A ``Speech`` (or anything with its ``text`` and ``sentences``); a clear TypeError otherwise."""
    if not (hasattr(speech, "text") and isinstance(getattr(speech, "sentences", None), pd.DataFrame)):
        raise TableError(f"expected a Speech (zhspeech.load or zhspeech.parse), got {type(speech).__name__}")


class SentenceIndex:
    """Map character offsets of ``speech.text`` to sentences (0 = outside every sentence); with ``parts``, only the
    sentences of those parts (``("body", "back")``: not the title and headings) where the table has a ``part``."""

    def __init__(self, speech: Any, parts: tuple[str, ...] | None = None) -> None:
        check_speech(speech)
        s = speech.sentences
        if parts is not None and "part" in s.columns:
            s = s[s["part"].astype(str).isin(parts)]
        self.ids = s["sentence"].to_numpy(dtype=np.int64)
        self.starts = s["start"].to_numpy(dtype=np.int64)
        self.ends = s["end"].to_numpy(dtype=np.int64)
        self.paragraphs = s["paragraph"].to_numpy(dtype=np.int64)
        self.texts = s["text"].tolist()
        self.text: str = speech.text

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, offset: int) -> int:
        """Row number of the sentence holding ``offset``; -1 if none."""
        i = int(np.searchsorted(self.starts, offset, side="right")) - 1
        return i if i >= 0 and offset < self.ends[i] else -1

    def sentence(self, offset: int) -> int:
        i = self.row(offset)
        return int(self.ids[i]) if i >= 0 else 0

    def spans(self) -> Iterator[tuple[int, int, int, str]]:
        """(sentence, start, end, text) for every sentence."""
        yield from zip(self.ids.tolist(), self.starts.tolist(), self.ends.tolist(), self.texts)


@dataclass(frozen=True)
class Span:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark)
    mark: str  # the opening mark

    def content(self, text: str) -> str:
        return text[self.start : self.end]


def quote_spans(text: str) -> list[Span]:
    """First-level quotations (“…”, 「…」, 『…』, ‘…’, "…") closing on the same line; nested ones are skipped."""
    spans: list[Span] = []
    last_end = -1
    for m in _QUOTE.finditer(text):
        if m.start() < last_end:
            continue
        spans.append(Span(m.start() + 1, m.end() - 1, m.group()[0]))
        last_end = m.end()
    return spans


def title_spans(text: str) -> list[Span]:
    """Titles in book marks 《…》 (content offsets)."""
    return [Span(m.start(1), m.end(1), "《") for m in _TITLE.finditer(text)]


class SpanIndex:
    """Sorted, non-overlapping spans, asked whether they hold an offset."""

    def __init__(self, spans: list[Span]) -> None:
        self.starts = np.array([s.start for s in spans], dtype=np.int64)
        self.ends = np.array([s.end for s in spans], dtype=np.int64)

    def holds(self, offset: int) -> bool:
        i = int(np.searchsorted(self.starts, offset, side="right")) - 1
        return i >= 0 and offset < self.ends[i]


def clauses(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Clause spans (absolute offsets) split at ，、；： and stripped of terminal punctuation and quote marks."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*_CLAUSE_SEP.finditer(text), None]:
        end = m.start() if m else len(text)
        a, b = pos, end
        while a < b and (text[a] in QUOTE_PAIRS or text[a] in "（(" or text[a].isspace()):
            a += 1
        while b > a and (text[b - 1] in _TERMINAL or text[b - 1] in QUOTE_PAIRS.values() or text[b - 1].isspace()):
            b -= 1
        if b > a:
            out.append((base + a, base + b))
        pos = m.end() if m else len(text)
    return out


def strip_terminal(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so that it holds no trailing terminal punctuation or whitespace."""
    while end > start and (text[end - 1] in _TERMINAL or text[end - 1].isspace()):
        end -= 1
    return start, end


def frame_table(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A DataFrame with ``columns`` in order, also when ``rows`` is empty."""
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- people


def lexicon_tags(speech) -> dict[str, str]:
    """POS tags the project lexicon and the speech's own lexicon (``zhspeech.load(…, lexicon=…)``) give to words."""
    from ..tokens.lexicon import load_lexicon

    table = load_lexicon(getattr(speech, "lexicon", None))
    tagged = table[table["tag"].notna()]
    return dict(zip(tagged["word"].astype(str), tagged["tag"].astype(str)))
