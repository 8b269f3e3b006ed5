"""Enumerations: 一是…二是…, 第一…第二…, 其一…其二…, 首先…其次…再次…最后…, 一方面…另一方面…."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ._common import SentenceIndex, cn_number, frame_table

_CN = "[一二三四五六七八九十]{1,3}"
_OPEN = r"(?:(?<=^)|(?<=[，。；：！？、,;:!?\s“”「」（）()]))"
# style -> pattern whose group "n" is the ordinal (or a word mapped by _WORDS)
_STYLES: dict[str, re.Pattern] = {
    "一是": re.compile(rf"{_OPEN}(?P<n>{_CN})是"),
    "第一": re.compile(rf"{_OPEN}第(?P<n>{_CN})(?:是|[，、：,:])"),
    "其一": re.compile(rf"{_OPEN}其(?P<n>{_CN})(?:是|[，、：,:])"),
    "首先": re.compile(rf"{_OPEN}(?P<n>首先|其次|再次|然后|最后)[，、：,:]?"),
    "一方面": re.compile(rf"{_OPEN}(?P<n>一方面|另一方面)[，、：,:]?"),
    "（1）": re.compile(rf"{_OPEN}[（(](?P<n>\d{{1,2}})[）)]"),
}
# a character each style's marker contains: sentences without it are not searched
_HINT = {"一是": "是", "第一": "第", "其一": "其", "首先": "", "一方面": "方面", "（1）": ""}
_WORDS = {"首先": 1, "其次": 2, "再次": 3, "一方面": 1, "另一方面": 2}
_NEXT = ("然后", "最后")  # take the next number of an open 首先 run
_SEPARATORS = "，、；：。,;:！？!? \n"

COLUMNS = ["enumeration", "style", "n_items", "items", "sentence", "last_sentence", "paragraph", "start", "end"]
ITEM_COLUMNS = ["enumeration", "style", "item", "marker", "text", "sentence", "start", "end"]


@dataclass
class _Marker:
    style: str
    n: int  # 1, 2, … (最后 gets the next number in its run)
    start: int  # absolute offsets of the marker
    end: int
    row: int  # sentence row in the index
    paragraph: int
    opens_paragraph: bool

    def follows(self, last: _Marker) -> bool:
        """Whether this marker can continue a run ending in ``last``."""
        near = (
            self.paragraph == last.paragraph
            or self.row - last.row <= 1
            or (self.opens_paragraph and last.opens_paragraph and self.paragraph == last.paragraph + 1)
        )
        return near and self.n in (last.n + 1, -1)


def _markers(index: SentenceIndex, para_starts: dict[int, int]) -> list[_Marker]:
    found: list[_Marker] = []
    for row, (_, start, _, sent) in enumerate(index.spans()):
        for style, pattern in _STYLES.items():
            if _HINT[style] not in sent:
                continue
            for m in pattern.finditer(sent):
                word = m.group("n")
                n = -1 if word in _NEXT else _WORDS.get(word) or cn_number(word)
                if n is None:
                    continue
                a, paragraph = start + m.start(), int(index.paragraphs[row])
                found.append(_Marker(style, n, a, start + m.end(), row, paragraph, para_starts.get(paragraph) == a))
    found.sort(key=lambda k: k.start)
    return found


def _runs(markers: list[_Marker]) -> list[list[_Marker]]:
    """Runs of one style numbered 1, 2, 3 … in one paragraph or consecutive sentences (then 然后/最后 take the
    next number; paragraph-opening markers may continue in the next paragraph)."""
    runs: list[list[_Marker]] = []
    open_runs: dict[str, list[_Marker]] = {}
    for k in markers:
        run = open_runs.get(k.style)
        if run and k.follows(run[-1]):
            if k.n == -1:
                k.n = run[-1].n + 1
            run.append(k)
            continue
        if k.n == 1:
            open_runs[k.style] = [k]
            runs.append(open_runs[k.style])
    return [r for r in runs if len(r) >= 2]


def _item_spans(run: list[_Marker], index: SentenceIndex, para_ends: dict[int, int]) -> list[tuple[int, int]]:
    text = index.text
    by_paragraph = all(k.opens_paragraph for k in run)
    spans = []
    for i, k in enumerate(run):
        para_end = para_ends[int(index.paragraphs[k.row])]
        if i + 1 < len(run):
            end = min(run[i + 1].start, para_end)
        else:
            end = para_end if by_paragraph else int(index.ends[k.row])
        a, b = k.end, end
        while a < b and text[a] in _SEPARATORS:
            a += 1
        while b > a and text[b - 1] in _SEPARATORS:
            b -= 1
        spans.append((a, b))
    return spans


def enumeration_items(speech) -> pd.DataFrame:
    """One row per enumerated item: enumeration id, style, item number, marker, text, sentence, start, end."""
    index = SentenceIndex(speech)
    paragraphs = speech.paragraphs
    para_starts = dict(zip(paragraphs["paragraph"].tolist(), paragraphs["start"].tolist()))
    para_ends = dict(zip(paragraphs["paragraph"].tolist(), paragraphs["end"].tolist()))
    rows: list[dict] = []
    for e, run in enumerate(_runs(_markers(index, para_starts)), start=1):
        for i, (k, (a, b)) in enumerate(zip(run, _item_spans(run, index, para_ends)), start=1):
            rows.append(
                dict(
                    enumeration=e,
                    style=k.style,
                    item=i,
                    marker=index.text[k.start : k.end].rstrip("，、：,:"),
                    text=index.text[a:b],
                    sentence=int(index.ids[k.row]),
                    start=a,
                    end=b,
                )
            )
    return frame_table(rows, ITEM_COLUMNS)


def enumerations(speech, *, items: bool = False) -> pd.DataFrame:
    """Enumerations (一是…六是, 第一…第二, 首先…其次…最后 …) and their items.

    One row per enumeration: ``enumeration`` (id), ``style`` (一是, 第一, 其一, 首先, 一方面, （1）), ``n_items``,
    ``items`` (list of the items' text), ``sentence`` and ``last_sentence`` (where it begins and ends),
    ``paragraph``, ``start``/``end`` (from the first item's start to the last item's end).
    With ``items=True``, one row per item instead (``enumeration_items``).

    A marker counts only where a clause begins (start of a sentence, or after punctuation), so 统一是 or 第一次 are not
    markers. An enumeration is a run of markers of one style numbered 1, 2, 3 … without a gap, in consecutive
    sentences; a new 一是/第一 starts a new enumeration. An item runs from the end of its marker to the next marker;
    the last item ends with its sentence — or with its paragraph when every marker opens a paragraph (one item per
    paragraph, as in 第一，… / 第二，… speeches). Items are stripped of the separators around them (，；。).
    """
    long = enumeration_items(speech)
    if items:
        return long
    if long.empty:
        return frame_table([], COLUMNS)
    sentence_paragraph = dict(zip(speech.sentences["sentence"], speech.sentences["paragraph"]))
    g = long.groupby("enumeration", sort=True)
    out = g.agg(
        style=("style", "first"),
        n_items=("item", "size"),
        items=("text", list),
        sentence=("sentence", "first"),
        last_sentence=("sentence", "last"),
        start=("start", "first"),
        end=("end", "last"),
    ).reset_index()
    out["paragraph"] = out["sentence"].map(sentence_paragraph)
    return out[COLUMNS]
