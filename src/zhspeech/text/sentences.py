"""Paragraph → sentences: split after 。！？ and ……, keeping closing quotes with their sentence."""

from __future__ import annotations

import re

from .._checks import NON_HAN

_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’"}

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
