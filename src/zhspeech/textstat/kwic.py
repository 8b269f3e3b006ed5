"""Keyword in context: every occurrence of a string in the text, with the characters around it and the unit it is in."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive
from ._tokens import _check_term, _search_term, _search_text, _term_spans, _text_and_tokens

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech

KWIC_COLUMNS = [
    "left",
    "node",
    "right",
    "part",
    "sentence",
    "paragraph",
    "section",
    "start",
    "end",
    "whole_tokens",
]


def kwic(
    data: pd.DataFrame | Speech,
    term: str,
    *,
    width: int = 20,
    sort: Literal["position", "left", "right"] = "position",
    match: Literal["substring", "token"] = "substring",
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` in the text, with ``width`` characters either side.

    ``match="substring"`` (default) is a character search over the whole text (``speech.text``), as concordancers
    do for Chinese: it finds the term wherever it is written — in the title, a heading, the front matter, the body
    or back matter, inside a longer token (数字 in 数字经济) and across token boundaries. Occurrences do not
    overlap (the count equals ``speech.text.count(term)``). ``match="token"`` keeps only occurrences that are a token
    or a run of whole tokens within one sentence.

    Columns: ``left``, ``node``, ``right``; the unit the occurrence starts in: ``part`` (``"title"``,
    ``"subtitle"``, ``"heading"``, ``"body"``, ``"back"``, or the kind of front-matter line, such as ``"byline"``
    or ``"date"``; ``"other"`` for text in none of these), ``sentence``, ``paragraph`` and ``section`` (0 outside a
    sentence, paragraph or section; title and heading rows have paragraph 0); ``start``, ``end`` (offsets of the
    node in the text); ``whole_tokens`` (the node starts and ends on token boundaries of one sentence, so
    ``~whole_tokens`` shows 数字 inside 数字经济).

    The context runs across sentence boundaries but stops at the edges of the unit: the paragraph for body and
    back-matter sentences, the line for a title or heading row or a front-matter line. For a bare token table the
    text is rebuilt from the tokens (whitespace and line breaks shown as spaces) and the units come from its
    ``sentence``, ``paragraph``, ``section`` and ``part`` columns. ``sort="left"`` orders by the left context read
    backwards from the node (the nearest character first), ``"right"`` by the right context; ties keep text order.
    In a traditional text (``speech.tokens.attrs["script"]``) the term may be written in either script: the search
    runs over the simplified form, the contexts and the node show the text as written.
    """
    check_positive("width", width)
    check_choice("sort", sort, ("position", "left", "right"))
    check_choice("match", match, ("substring", "token"))
    term = _check_term(term)
    text, tokens = _text_and_tokens(data)
    search = _search_text(text, tokens)  # a traditional text is searched in its simplified form (same offsets)
    if match == "token":
        spans = _term_spans(search, tokens, term)
    else:
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(_search_term(term, tokens)), search)]
        spans = np.array(found, dtype=np.int64).reshape(-1, 2)
    units = _units(data, tokens)
    rows = [_row(text, units, data, int(s), int(e), width) for s, e in spans]
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS[:-1])
    table["whole_tokens"] = _whole_tokens(spans, tokens)
    table = table.astype({c: "int64" for c in ("sentence", "paragraph", "section", "start", "end")})
    if sort != "position" and len(table):
        key = table["left"].str[::-1] if sort == "left" else table["right"]
        table = table.assign(_key=key).sort_values("_key", kind="mergesort").drop(columns="_key")
    return table[KWIC_COLUMNS].reset_index(drop=True)


class _Units:
    """The sentence rows of the text (spans, ids, parts) and the spans of their paragraphs, ready for lookups."""

    def __init__(self, sentences: pd.DataFrame) -> None:
        sentences = sentences.sort_values("start", kind="mergesort")
        self.start = sentences["start"].to_numpy(dtype=np.int64)
        self.end = sentences["end"].to_numpy(dtype=np.int64)
        self.ids = sentences[["sentence", "paragraph", "section"]].to_numpy(dtype=np.int64)
        parts = sentences["part"] if "part" in sentences.columns else pd.Series("body", index=sentences.index)
        self.part = parts.astype(str).tolist()
        spans = sentences[sentences["paragraph"] > 0].groupby("paragraph").agg(lo=("start", "min"), hi=("end", "max"))
        self.paragraph = {int(p): (int(r.lo), int(r.hi)) for p, r in zip(spans.index, spans.itertuples())}

    def at(self, offset: int) -> int:
        """Index of the unit before or at ``offset`` (−1 when none)."""
        return int(np.searchsorted(self.start, offset, side="right")) - 1


def _units(data: pd.DataFrame | Speech, tokens: pd.DataFrame) -> _Units:
    """Units of a Speech (its sentence table) or of a bare token table (its tokens grouped by sentence)."""
    if not isinstance(data, pd.DataFrame):
        return _Units(data.sentences)
    by = tokens.groupby("sentence", observed=True, sort=False)
    columns = {"start": ("start", "min"), "end": ("end", "max"), "paragraph": ("paragraph", "first")}
    columns["section"] = ("section", "first")
    if "part" in tokens.columns:
        columns["part"] = ("part", "first")
    return _Units(by.agg(**columns).reset_index())


def _row(text: str, units: _Units, data: pd.DataFrame | Speech, s: int, e: int, width: int) -> tuple:
    """left, node, right, part, sentence, paragraph, section, start, end of the occurrence at ``s:e``."""
    i = units.at(s)
    if i >= 0 and s < units.end[i]:  # in a sentence row: its part and ids
        sentence, paragraph, section = (int(x) for x in units.ids[i])
        part = units.part[i]
        lo, hi = units.paragraph.get(paragraph, (int(units.start[i]), int(units.end[i])))
        if part == "title" and _outside(data, s)[0] == "subtitle":
            part = "subtitle"
    else:  # front matter, a heading line outside the sentence table, or text of no unit
        sentence, paragraph, section = 0, 0, int(units.ids[i][2]) if i >= 0 else 0
        part, (lo, hi) = _outside(data, s)
        if (lo, hi) == (-1, -1):  # the line
            lo, hi = text.rfind("\n", 0, s) + 1, text.find("\n", s)
            hi = len(text) if hi < 0 else hi
    lo, hi = max(lo, s - width), min(hi, e + width)
    left, right = text[lo:s] if lo < s else "", text[e:hi] if hi > e else ""
    node = text[s:e]
    return left.replace("\n", " "), node, right.replace("\n", " "), part, sentence, paragraph, section, s, e


def _outside(data: pd.DataFrame | Speech, offset: int) -> tuple[str, tuple[int, int]]:
    """The front-matter line, back matter or heading holding ``offset``: (part, its span); ("other", (−1, −1))."""
    if isinstance(data, pd.DataFrame):
        return "other", (-1, -1)
    for line in getattr(data, "front_matter", None) or ():
        if line.start <= offset < line.end:
            return line.kind, (line.start, line.end)
    headings = [*data.sections, *data.subsections, *(getattr(data, "items", None) or ())]
    for heading in headings:
        if heading.start <= offset < heading.end:
            return "heading", (heading.start, heading.end)
    for back in getattr(data, "back_matter", None) or ():
        if back.start <= offset < back.end:
            return "back", (-1, -1)
    return "other", (-1, -1)


def _whole_tokens(spans: np.ndarray, tokens: pd.DataFrame) -> np.ndarray:
    """Per span: it starts on a token's start and ends on a token's end, both tokens in one sentence."""
    if not len(spans) or tokens.empty:
        return np.zeros(len(spans), dtype=bool)
    starts = tokens["start"].to_numpy(dtype=np.int64)
    ends = tokens["end"].to_numpy(dtype=np.int64)
    sentence = tokens["sentence"].to_numpy(dtype=np.int64)
    first = np.clip(np.searchsorted(starts, spans[:, 0]), 0, len(starts) - 1)
    last = np.clip(np.searchsorted(ends, spans[:, 1]), 0, len(ends) - 1)
    return (starts[first] == spans[:, 0]) & (ends[last] == spans[:, 1]) & (sentence[first] == sentence[last])
