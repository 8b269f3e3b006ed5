"""Enumerations: 一是…二是…, 第一…第二…, 第一个阶段…第二个阶段…, 首先…其次…最后…, 一方面…另一方面…, ——-item
lists, 1. 2. and （1）（2） lists, and runs of clauses that open with the same word (明确…，明确…，明确…)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pandas as pd

from ._common import HAN, QUOTE_PAIRS, SentenceIndex, clauses, cn_number, frame_table

_CN = "[一二三四五六七八九十]{1,3}"
_OPEN = r"(?:(?<=^)|(?<=[，。；：！？、,;:!?\s“”「」（）()]))"
_DASH_OPEN = r"(?:(?<=^)|(?<=[。；：！？;:!?\s]))"  # a dash after a comma is a dash in a sentence, not an item mark
#: What 第N个… counts in 第一个阶段…第二个阶段 / 第一步…第二步: every marker of one enumeration counts the same.
_ORDINAL_HEADS = "阶段|階段|步骤|步驟|步|层次|層次|层面|層面|方面|部分|类|類|种|種|条|條|项|項|点|點"
# style -> pattern whose group "n" is the ordinal (or a word mapped by _WORDS)
_STYLES: dict[str, re.Pattern] = {
    "一是": re.compile(rf"{_OPEN}(?P<n>{_CN})是"),
    "第一": re.compile(rf"{_OPEN}第(?P<n>{_CN})(?:是|[，、：,:])"),
    "第一个": re.compile(rf"{_OPEN}第(?P<n>{_CN})(?:个|個)?(?P<head>{_ORDINAL_HEADS})"),
    "其一": re.compile(rf"{_OPEN}其(?P<n>{_CN})(?:是|[，、：,:])"),
    "首先": re.compile(rf"{_OPEN}(?P<n>首先|其次|再次|然后|然後|再来|再來|最后|最後)[，、：,:]?"),
    "一方面": re.compile(rf"{_OPEN}(?P<n>一方面|另一方面)[，、：,:]?"),
    "（1）": re.compile(rf"{_OPEN}[（(](?P<n>\d{{1,2}})[）)]"),
    "1.": re.compile(rf"{_OPEN}(?P<n>\d{{1,2}})[.．、](?=[{HAN}“「])"),
    "——": re.compile(rf"{_DASH_OPEN}(?P<n>——|－－|--)(?=[{HAN}“「（(])"),
}
# a character each style's marker contains: sentences without it are not searched
_HINT = {"一是": "是", "第一": "第", "第一个": "第", "其一": "其", "一方面": "方面"}
_WORDS = {"首先": 1, "其次": 2, "再次": 3, "一方面": 1, "另一方面": 2}
_NEXT = ("然后", "然後", "再来", "再來", "最后", "最後", "——", "－－", "--")  # the next number of an open run
_SEPARATORS = "，、；：。,;:！？!? \n"
#: Tags of words that do not make clauses a parallel run when they open them: pronouns (我们…，我们…), numerals,
#: conjunctions, particles, punctuation.
_NOT_LEADS = frozenset("r m mq q c u uj ul uz uv ud ug y e x w".split())
_PARTICLES = "的地得了着過过"
_RUNS_ON = re.compile("[的”」』’]")
_SHORT = 4  # characters of a filler that is one word (道德, 发展程度)
_CLOSERS = {close: open_ for open_, close in QUOTE_PAIRS.items() if close != open_}
SAME_WORD = "同词"  # style of runs of clauses opening with one word
MIN_SAME_WORD = 3  # clauses in such a run

COLUMNS = [
    "enumeration",
    "style",
    "n_items",
    "items",
    "sentence",
    "last_sentence",
    "paragraph",
    "start",
    "end",
    "frame",
]
ITEM_COLUMNS = ["enumeration", "style", "item", "marker", "text", "sentence", "start", "end", "frame"]


@dataclass
class _Marker:
    style: str
    n: int  # 1, 2, … (最后 and —— get the next number in their run)
    start: int  # absolute offsets of the marker
    end: int
    row: int  # sentence row in the index
    paragraph: int
    opens_paragraph: bool
    head: str = ""  # what 第N个… counts (阶段, 步): one enumeration counts one thing

    def follows(self, last: _Marker) -> bool:
        """Whether this marker can continue a run ending in ``last``."""
        near = (
            self.paragraph == last.paragraph
            or self.row - last.row <= 1
            or (self.opens_paragraph and last.opens_paragraph and self.paragraph == last.paragraph + 1)
        )
        return near and self.head == last.head and self.n in (last.n + 1, -1)


@dataclass
class _Run:
    """An enumeration: its style, and per item the marker, the item's span and the sentence row it opens in."""

    style: str
    markers: list[str]
    spans: list[tuple[int, int]]
    rows: list[int]
    frame: str | None = None  # for runs of clauses opening with one word: 明确X


def _structure_starts(speech) -> set[int]:
    """Where numbered headings start (sections, subsections, third-level items): their labels are structure."""
    return {h.start for name in ("sections", "subsections", "items") for h in getattr(speech, name, None) or []}


def _markers(index: SentenceIndex, para_starts: dict[int, int], skip: set[int]) -> list[_Marker]:
    found: list[_Marker] = []
    for row, (_, start, _, sent) in enumerate(index.spans()):
        for style, pattern in _STYLES.items():
            if _HINT.get(style, "") not in sent:
                continue
            for m in pattern.finditer(sent):
                word, a = m.group("n"), start + m.start()
                n = -1 if word in _NEXT else _WORDS.get(word) or cn_number(word)
                if n is None or a in skip:
                    continue
                paragraph = int(index.paragraphs[row])
                opens = para_starts.get(paragraph) == a
                found.append(
                    _Marker(style, n, a, start + m.end(), row, paragraph, opens, m.groupdict().get("head") or "")
                )
    found.sort(key=lambda k: k.start)
    return found


def _marker_runs(markers: list[_Marker]) -> list[list[_Marker]]:
    """Runs of one style numbered 1, 2, 3 … in one paragraph or consecutive sentences (然后/最后 take the next
    number; ——-items are numbered in order; paragraph-opening markers may continue in the next paragraph)."""
    runs: list[list[_Marker]] = []
    open_runs: dict[str, list[_Marker]] = {}
    for k in markers:
        run = open_runs.get(k.style)
        if run and k.follows(run[-1]):
            if k.n == -1:
                k.n = run[-1].n + 1
            run.append(k)
            continue
        if k.n == 1 or (k.n == -1 and k.style == "——"):
            k.n = 1
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
        spans.append(_strip(text, k.end, end))
    return spans


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` without the separators around it (，；。) and without a closing quotation mark it does not open
    (第二条，不怕” → 不怕)."""
    while a < b and text[a] in _SEPARATORS:
        a += 1
    while b > a and (
        text[b - 1] in _SEPARATORS or (text[b - 1] in _CLOSERS and _CLOSERS[text[b - 1]] not in text[a : b - 1])
    ):
        b -= 1
    return a, b


def _same_word_runs(speech, index: SentenceIndex) -> list[_Run]:
    """Runs of MIN_SAME_WORD or more adjacent clauses of one sentence that open with one word (not a pronoun,
    numeral, conjunction or particle): 坚持X，坚持Y，坚持Z; 民主决策、民主管理、民主监督."""
    from ..tokens import get_tokenizer  # imported here: jieba is loaded only when enumerations are asked for

    tok = get_tokenizer(getattr(speech, "lexicon", None))
    tokens = speech.tokens
    first = dict(zip(tokens["start"].tolist(), tokens["token"].astype(str).tolist()))
    runs: list[_Run] = []
    for row, (_, start, _, sent) in enumerate(index.spans()):
        spans = clauses(sent, start)
        groups = _word_groups([first.get(a, "") for a, _ in spans])
        taken = {k for i, j, _ in groups for k in range(i, j)}
        for i, j, word in groups:
            members = spans[i:j]
            if i and i - 1 not in taken and (inside := _opening_inside(spans[i - 1], word, first)) is not None:
                members = [(inside, spans[i - 1][1]), *members]  # 我们要坚持以人民为中心，坚持…
            if tok.tag(word) in _NOT_LEADS or not (run := _shared_opening(index.text, members, word, first)):
                continue
            runs.append(_Run(SAME_WORD, [run[0]] * len(run[1]), run[1], [row] * len(run[1]), f"{run[0]}X"))
    return runs


def _opening_inside(span: tuple[int, int], word: str, first: dict[int, str]) -> int | None:
    """Where the token ``word`` last starts inside the clause ``span`` (after its start): the first member of a
    run may begin there (培养有理想、有道德、有文化)."""
    return next((p for p in range(span[1] - len(word), span[0], -1) if first.get(p) == word), None)


def _word_groups(words: list[str]) -> list[tuple[int, int, str]]:
    """``(i, j, word)``: MIN_SAME_WORD or more adjacent clauses ``[i, j)`` whose first tokens are ``word``; then,
    among the other clauses, runs whose first tokens share an opening that is itself the first token of one of
    them (明确 of 明确 / 明确责任; 民主 of 民主决策 / 民主 管理 / 民主监督; not 发 of 发展 / 发挥 / 发扬, nor 资本 of
    资本主义 / 资本家)."""
    groups: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):  # the same token
        j = i + 1
        while j < len(words) and words[j] == words[i]:
            j += 1
        if j - i >= MIN_SAME_WORD and words[i]:
            groups.append((i, j, words[i]))
        i = j
    taken = {k for a, b, _ in groups for k in range(a, b)}

    def shared(members: list[str]) -> str:
        opening = os.path.commonprefix(members)
        return opening if opening in members else ""

    i = 0
    while i < len(words):  # the same opening
        j = i + 1
        while j < len(words) and j not in taken and i not in taken and shared(words[i : j + 1]):
            j += 1
        if j - i >= MIN_SAME_WORD:
            groups.append((i, j, shared(words[i:j])))
        i = j
    return sorted(groups)


def _shared_opening(
    text: str, members: list[tuple[int, int]], word: str, first: dict[int, str]
) -> tuple[str, list[tuple[int, int]]] | None:
    """The words every member opens with (坚定不移 + 地; 有 + 的) and the members' fillers after them; None when a
    filler would be empty or open with a particle (有不少的企业…，有的…: not one frame)."""
    while True:
        nxt = {first.get(a + len(word), "") for a, _ in members}
        step = nxt.pop() if len(nxt) == 1 else ""
        if not step or any(b - a <= len(word) + len(step) for a, b in members):
            break
        word += step
    items = [_strip(text, a + len(word), b) for a, b in members]
    if any(b <= a or text[a] in _PARTICLES for a, b in items):
        return None
    return word, items[:-1] + [_last_filler(text, items)]


def _last_filler(text: str, items: list[tuple[int, int]]) -> tuple[int, int]:
    """The last filler, cut where the phrase the run belongs to goes on (有理想、有道德、有纪律的社会主义新人 → 纪律;
    促生产，促工作，促战备”的方针 → 战备) when every filler is a short word (four characters at most) and the others
    have no such 的 or closing quotation mark."""
    a, b = items[-1]
    cut = _RUNS_ON.search(text, a + 1, b)
    if (
        cut
        and cut.start() - a <= _SHORT
        and all(y - x <= _SHORT and not _RUNS_ON.search(text, x, y) for x, y in items[:-1])
    ):
        return a, cut.start()
    return a, b


def _runs(speech) -> tuple[SentenceIndex, list[_Run]]:
    """Every enumeration of the body (and back matter), in text order."""
    index = SentenceIndex(speech, parts=("body", "back"))
    paragraphs = speech.paragraphs
    para_starts = dict(zip(paragraphs["paragraph"].tolist(), paragraphs["start"].tolist()))
    para_ends = dict(zip(paragraphs["paragraph"].tolist(), paragraphs["end"].tolist()))
    runs = []
    for run in _marker_runs(_markers(index, para_starts, _structure_starts(speech))):
        markers = [index.text[k.start : k.end].rstrip("，、：,:") for k in run]
        runs.append(_Run(run[0].style, markers, _item_spans(run, index, para_ends), [k.row for k in run]))
    runs += _same_word_runs(speech, index)
    runs = [r for r in runs if all(b > a for a, b in r.spans)]  # 第一、第二产业: ordinals, not items
    return index, sorted(runs, key=lambda r: r.spans[0][0])


def enumeration_items(speech) -> pd.DataFrame:
    """One row per enumerated item: enumeration id, style, item number, marker, text, sentence, start, end."""
    index, runs = _runs(speech)
    rows = [
        dict(
            enumeration=e,
            style=run.style,
            item=i,
            marker=marker,
            text=index.text[a:b],
            sentence=int(index.ids[row]),
            start=a,
            end=b,
            frame=run.frame,
        )
        for e, run in enumerate(runs, start=1)
        for i, (marker, (a, b), row) in enumerate(zip(run.markers, run.spans, run.rows), start=1)
    ]
    return frame_table(rows, ITEM_COLUMNS)


def enumerations(speech, *, items: bool = False) -> pd.DataFrame:
    """Enumerations (一是…六是, 第一…第二, 首先…其次…最后, ——-items, 坚持X，坚持Y，坚持Z …) and their items.

    One row per enumeration in text order: ``enumeration`` (id), ``style``, ``n_items``, ``items`` (list of the
    items' text), ``sentence`` and ``last_sentence`` (where it begins and ends), ``paragraph``, ``start``/``end``
    (from the first item's start to the last item's end) and ``frame`` (for 同词 runs, the shared word and a slot:
    ``坚持X``; None for the other styles). With ``items=True``, one row per item instead (``enumeration_items``:
    its ``marker`` is 一是, 第二, 首先, ——, 1. … or the shared word, its ``text`` the item or the slot's filler).

    Styles, each a form of marking items found in the body (and back matter) of the text, never in its title or
    headings (a numbered heading's label is structure, see ``speech.items``):

    * ``一是`` — 一是…二是…三是…;  ``第一`` — 第一，… 第二，… (also 第一、 第一是 第一：);
    * ``第一个`` — 第一个阶段…第二个阶段…, 第一步…第二步… (every marker counts the same thing: 阶段, 步, 方面,
      条 …);  ``其一`` — 其一…其二…;
    * ``首先`` — 首先…其次…再次…, where 然后, 再来 (再來) and 最后 (最後) take the next number;
    * ``一方面`` — 一方面…另一方面…;
    * ``（1）`` — （1）…（2）… and ``1.`` — 1.… 2、… inside paragraphs (a label that opens a numbered heading is
      not a marker);
    * ``——`` — items opening with —— (or －－): paragraphs in a row, or clauses after ：；。;
    * ``同词`` — three or more adjacent clauses of one sentence opening with the same word (坚持以人民为中心，坚持
      新发展理念，坚持深化改革开放): the word is each item's marker, the rest of the clause its text, the frame
      ``坚持X``. A word is a token of the tokenizer (a clause whose first token is longer but starts with it,
      明确责任, opens with it too); pronouns, numerals, conjunctions and particles do not open such runs
      (我们…，我们…). The clause before the run joins it when the word stands inside it (我们要坚持以人民为中心，
      坚持…); the frame takes every word the members share (坚定不移地X), and the last filler stops where a phrase
      of short fillers goes on (有理想、有道德、有纪律的新人 → 纪律).

    A marker counts only where a clause begins (start of a sentence, or after punctuation), so 统一是 or 第一次 are not
    markers. An enumeration of markers is a run of one style numbered 1, 2, 3 … without a gap, in one paragraph or
    consecutive sentences; a new 一是/第一 starts a new enumeration. An item runs from the end of its marker to the
    next marker; the last item ends with its sentence — or with its paragraph when every marker opens a paragraph
    (one item per paragraph, as in 第一，… / 第二，… speeches and ——-paragraphs). Items are stripped of the
    separators around them (，；。); markers followed by no text (第一、第二产业) make no enumeration.
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
        frame=("frame", "first"),
    ).reset_index()
    out["paragraph"] = out["sentence"].map(sentence_paragraph)
    out["frame"] = out["frame"].astype(object).where(out["frame"].notna(), None)
    return out[COLUMNS]
