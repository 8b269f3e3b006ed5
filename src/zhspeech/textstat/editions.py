"""Two editions side by side: sections aligned by number and heading, a sentence-level diff with the changed words
marked, and the diff as an HTML table.

Two speeches (this year's report and last year's, a draft and its final text, two printings of one speech) are
read section by section: :func:`textstat_section_alignment` pairs the sections of A with those of B,
:func:`textstat_edition_diff` compares the sentences of each pair (``difflib.SequenceMatcher``) and lists the
added, removed and changed sentences with the words that changed, and :func:`edition_diff_html` shows that table
as a self-contained HTML table for a notebook or a report.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from .._checks import check_positive, require_columns
from ..errors import OptionError
from ..text.model import Speech
from ._tokens import Parts, check_parts, in_parts

ALIGNMENT_COLUMNS = ["section_a", "section_b", "heading_a", "heading_b", "similarity", "how"]
DIFF_COLUMNS = [
    "section_a",
    "section_b",
    "heading_a",
    "heading_b",
    "op",
    "sentence_a",
    "sentence_b",
    "text_a",
    "text_b",
    "ratio",
    "removed_words",
    "added_words",
    "removed_spans",
    "added_spans",
]
OPS = ("equal", "changed", "added", "removed")
#: The parts of a text the diff compares unless told otherwise: the headings and the body (not the title, whose
#: year changes every edition, nor back matter).
EDITION_PARTS = ("heading", "body")


def _check_speech(name: str, value: object) -> Speech:
    if not isinstance(value, Speech):
        raise OptionError(f"{name} must be a Speech (zhspeech.load or zhspeech.parse), got {type(value).__name__}")
    return value


def _check_share(name: str, value: object) -> float:
    """``value`` as a float in (0, 1]; ``OptionError`` naming ``name`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise OptionError(f"{name} must be a number in (0, 1], got {value!r}")
    return float(value)


def _headed_sections(speech: Speech) -> list[tuple[int, str]]:
    """(number, heading) of each section in text order: the section numbers of the sentence table, each with the
    text of its first heading (a text that repeats its outline writes a number twice; the sentence table keeps
    one section per number)."""
    headings: dict[int, str] = {}
    for heading in speech.sections:
        if heading.number is not None:
            headings.setdefault(int(heading.number), heading.heading.strip())
    numbers = pd.unique(speech.sentences["section"].to_numpy(dtype=np.int64))
    return [(int(n), headings.get(int(n), "")) for n in numbers if n != 0]


_NUMERALS = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[〇○零一二三四五六七八九十百千万]{2,}")


def _heading_form(heading: str) -> str:
    """A heading as compared: NFKC-folded (１９９０ and 1990 alike) and each number, in digits or a run of two or
    more Chinese numerals, read as one ``#`` (2015年工作回顾 and 2016年工作回顾 agree)."""
    return _NUMERALS.sub("#", unicodedata.normalize("NFKC", heading))


def _heading_ratio(a: str, b: str) -> float:
    """Similarity of two headings: ``SequenceMatcher.ratio`` of their compared forms (:func:`_heading_form`)."""
    return SequenceMatcher(None, _heading_form(a), _heading_form(b), False).ratio()


def _crosses(i: int, j: int, pairs: list[tuple[int, int]]) -> bool:
    """Whether pairing ``i`` with ``j`` reuses a side of ``pairs`` or crosses one (the order of sections kept)."""
    return any(i == p or j == q or (i < p) != (j < q) for p, q in pairs)


def _pair_sections(
    heads_a: list[tuple[int, str]], heads_b: list[tuple[int, str]], min_similarity: float
) -> dict[tuple[int, int], str]:
    """Pairs of indices into ``heads_a`` × ``heads_b`` and how each was made: first by heading (most similar
    first; a tie goes to the pair with equal numbers, then the nearer one), then, among sections left over
    between two pairs, by equal number. Pairs never cross: sections keep their order."""
    ratios = {(i, j): _heading_ratio(ha, hb) for i, (_, ha) in enumerate(heads_a) for j, (_, hb) in enumerate(heads_b)}
    candidates = sorted(
        (-r, heads_a[i][0] != heads_b[j][0], abs(i - j), i, j) for (i, j), r in ratios.items() if r >= min_similarity
    )
    pairs: list[tuple[int, int]] = []
    for *_, i, j in candidates:
        if not _crosses(i, j, pairs):
            pairs.append((i, j))
    how = {(i, j): "number+heading" if heads_a[i][0] == heads_b[j][0] else "heading" for i, j in pairs}
    by_number = sorted(
        (i, j)
        for i, (na, _) in enumerate(heads_a)
        for j, (nb, _) in enumerate(heads_b)
        if na == nb and ratios[(i, j)] < min_similarity
    )
    for i, j in by_number:
        if not _crosses(i, j, list(how)):
            how[(i, j)] = "number"
    return how


def _merge_rows(n_a: int, n_b: int, pairs: list[tuple[int, int]]) -> list[tuple[int | None, int | None]]:
    """Index pairs in reading order: each pair preceded by the sections of A, then of B, left out before it."""
    rows: list[tuple[int | None, int | None]] = []
    next_a = next_b = 0
    for i, j in [*sorted(pairs), (n_a, n_b)]:
        rows += [(k, None) for k in range(next_a, i)] + [(None, k) for k in range(next_b, j)]
        if i < n_a and j < n_b:
            rows.append((i, j))
        next_a, next_b = i + 1, j + 1
    return rows


def textstat_section_alignment(a: Speech, b: Speech, *, min_similarity: float = 0.6) -> pd.DataFrame:
    """The sections of speech ``a`` paired with those of ``b``, in reading order.

    Sections are the level-1 headings (``speech.sections``). Pairs are made by heading first: the headings'
    similarity is ``difflib.SequenceMatcher.ratio`` of their texts (label left out, NFKC-folded, and each number
    read as one placeholder, so 2015年工作回顾 and 2016年工作回顾 agree), and the most similar pairs with
    ``similarity ≥ min_similarity`` are taken first, never crossing an earlier pair, so a section inserted in B
    that shifts the numbers after it still finds its neighbours. Sections left over between two pairs are then
    paired by equal number (however different their headings). The rest are one-sided.
    Section 0 (the title and the text before the first heading) always pairs with section 0; when either text has
    no sections, the whole of each text is one unit, section 0 (``attrs["whole_text"]``).

    Columns: ``section_a``, ``section_b`` (section numbers; ``<NA>`` on the side where a section has no partner),
    ``heading_a``, ``heading_b`` (heading texts without their labels; ``""`` for section 0 or a missing side),
    ``similarity`` (heading similarity, 0–1; NaN for section 0 and one-sided rows), ``how``: ``"number+heading"``
    (similar headings, same number), ``"heading"`` (similar headings, renumbered), ``"number"`` (same number,
    headings below ``min_similarity``; section 0), ``"added"`` (only in B), ``"removed"`` (only in A).
    """
    a, b = _check_speech("a", a), _check_speech("b", b)
    min_similarity = _check_share("min_similarity", min_similarity)
    heads_a, heads_b = _headed_sections(a), _headed_sections(b)
    whole = not heads_a or not heads_b
    rows = [(0, 0, "", "", math.nan, "number")]
    if not whole:
        how = _pair_sections(heads_a, heads_b, min_similarity)
        for i, j in _merge_rows(len(heads_a), len(heads_b), list(how)):
            number_a, heading_a = heads_a[i] if i is not None else (None, "")
            number_b, heading_b = heads_b[j] if j is not None else (None, "")
            if i is not None and j is not None:
                rows.append((number_a, number_b, heading_a, heading_b, _heading_ratio(heading_a, heading_b), how[i, j]))
            else:
                rows.append((number_a, number_b, heading_a, heading_b, math.nan, "added" if i is None else "removed"))
    table = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    table = table.astype({"section_a": "Int64", "section_b": "Int64", "similarity": "float64"})
    table.attrs.update(whole_text=whole, min_similarity=min_similarity)
    return table


@dataclass(frozen=True)
class _Unit:
    """The sentences of one side of an aligned pair: ids, texts, start offsets in the speech's text, and the
    strings compared (the texts, without the label of a heading or numbered lead)."""

    ids: list[int]
    texts: list[str]
    starts: list[int]
    keys: list[str]


def _compared(speech: Speech, texts: list[str], starts: list[int]) -> list[str]:
    """Each sentence as compared: a sentence that opens a heading (any level; 一、, （三）, 1.) without its label,
    so that renumbering alone changes nothing."""
    labels = {h.start: h.label for h in (*speech.sections, *speech.subsections, *speech.items) if h.label}
    keys = []
    for text, start in zip(texts, starts):
        label = labels.get(start, "")
        keys.append(text[len(label) :].lstrip() if label and text.startswith(label) else text)
    return keys


def _units(speech: Speech, parts: tuple[str, ...], whole: bool) -> dict[int, _Unit]:
    """The compared sentences of ``speech`` by section number (all in 0 when ``whole``)."""
    sentences = in_parts(speech.sentences, parts)
    sections = np.zeros(len(sentences), dtype=np.int64) if whole else sentences["section"].to_numpy(dtype=np.int64)
    ids, texts = sentences["sentence"].astype("int64").tolist(), sentences["text"].astype(str).tolist()
    starts = sentences["start"].astype("int64").tolist()
    keys = _compared(speech, texts, starts)
    units: dict[int, _Unit] = {}
    for number in pd.unique(sections):
        keep = np.flatnonzero(sections == number).tolist()
        units[int(number)] = _Unit(*([column[k] for k in keep] for column in (ids, texts, starts, keys)))
    return units


def _char_codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _shared_chars(texts_a: list[str], texts_b: list[str]) -> np.ndarray:
    """Characters each sentence of A shares with each of B, counted with multiplicity (a ``len(texts_a)`` ×
    ``len(texts_b)`` matrix): what ``SequenceMatcher.quick_ratio`` bounds the similarity with, for all pairs."""
    codes_a = [_char_codes(t) for t in texts_a]
    alphabet = np.unique(np.concatenate([*codes_a, np.zeros(0, np.uint32)]))
    shared = np.zeros((len(texts_a), len(texts_b)), dtype=np.int64)
    if not len(alphabet):
        return shared
    counts = np.zeros((len(texts_a), len(alphabet) + 1), dtype=np.int32)  # last column: characters A lacks
    for i, codes in enumerate(codes_a):
        np.add.at(counts[i], np.searchsorted(alphabet, codes), 1)
    for j, text in enumerate(texts_b):
        chars, n = np.unique(_char_codes(text), return_counts=True)
        at = np.searchsorted(alphabet, chars)
        at[(at >= len(alphabet)) | (alphabet[np.minimum(at, len(alphabet) - 1)] != chars)] = len(alphabet)
        shared[:, j] = np.minimum(counts[:, at], n).sum(axis=1) if len(at) else 0
    return shared


def _pair_block(texts_a: list[str], texts_b: list[str], min_ratio: float) -> list[tuple[int, int, float]]:
    """Greedy pairing of the sentences of a replaced block: the most similar pairs first (character
    ``SequenceMatcher.ratio`` ≥ ``min_ratio``; ties in text order), each sentence used once. The ratio is
    computed only where the shared characters allow it to reach ``min_ratio``."""
    lengths = np.add.outer([len(t) for t in texts_a], [len(t) for t in texts_b])
    bound = 2 * _shared_chars(texts_a, texts_b) / np.maximum(lengths, 1)
    found: list[tuple[float, int, int]] = []
    matcher = SequenceMatcher(None, autojunk=False)
    for i, j in zip(*np.nonzero(bound >= min_ratio)):
        matcher.set_seqs(texts_a[i], texts_b[j])
        ratio = matcher.ratio()
        if ratio >= min_ratio:
            found.append((-ratio, int(i), int(j)))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for negative, i, j in sorted(found):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j, -negative))
    return pairs


def _block_events(
    a_range: range, b_range: range, texts_a: list[str], texts_b: list[str], min_ratio: float
) -> list[tuple[str, int | None, int | None, float]]:
    """Events of a replaced block in reading order: changed pairs in B's order; a removed sentence after the
    changed pair that precedes it in A; an added sentence at its place in B."""
    pairs = _pair_block([texts_a[i] for i in a_range], [texts_b[j] for j in b_range], min_ratio)
    keyed: list[tuple[tuple[int, int, int], tuple[str, int | None, int | None, float]]] = []
    for i, j, ratio in pairs:
        keyed.append(((j, 0, i), ("changed", a_range[i], b_range[j], ratio)))
    paired_a, paired_b = {p[0] for p in pairs}, {p[1] for p in pairs}
    for i in range(len(a_range)):
        if i not in paired_a:
            before = [(p, q) for p, q, _ in pairs if p < i]
            anchor = max(before)[1] if before else -1
            keyed.append(((anchor, 1, i), ("removed", a_range[i], None, math.nan)))
    for j in range(len(b_range)):
        if j not in paired_b:
            keyed.append(((j, 0, -1), ("added", None, b_range[j], math.nan)))
    return [event for _, event in sorted(keyed, key=lambda item: item[0])]


def _unit_events(
    unit_a: _Unit | None, unit_b: _Unit | None, min_ratio: float
) -> list[tuple[str, int | None, int | None, float]]:
    """(op, index in A, index in B, ratio) for every sentence of an aligned pair, in reading order."""
    texts_a = unit_a.keys if unit_a else []
    texts_b = unit_b.keys if unit_b else []
    events: list[tuple[str, int | None, int | None, float]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, texts_a, texts_b, autojunk=False).get_opcodes():
        if tag == "equal":
            events += [("equal", i1 + k, j1 + k, 1.0) for k in range(i2 - i1)]
        elif tag == "delete":
            events += [("removed", i, None, math.nan) for i in range(i1, i2)]
        elif tag == "insert":
            events += [("added", None, j, math.nan) for j in range(j1, j2)]
        else:
            events += _block_events(range(i1, i2), range(j1, j2), texts_a, texts_b, min_ratio)
    return events


class _SentenceTokens:
    """The tokens of each sentence of a speech, read from its token table on first use."""

    def __init__(self, speech: Speech) -> None:
        self._speech = speech
        self._arrays: tuple | None = None

    def _load(self) -> tuple:
        if self._arrays is None:
            tokens = self._speech.tokens
            require_columns(tokens, ("token", "sentence", "start", "end"), "token table (speech.tokens)")
            tokens = tokens.sort_values(["sentence", "start"], kind="mergesort")
            punct = tokens["is_punct"].to_numpy(bool) if "is_punct" in tokens.columns else np.zeros(len(tokens), bool)
            self._arrays = (
                tokens["sentence"].to_numpy(np.int64),
                tokens["token"].astype(str).tolist(),
                tokens["start"].to_numpy(np.int64),
                tokens["end"].to_numpy(np.int64),
                punct,
            )
        return self._arrays

    def of(self, unit: _Unit, k: int) -> tuple[list[str], list[int], list[int], list[bool]]:
        """The tokens of sentence ``k`` of ``unit`` after its label (if it opens a heading): strings, start and
        end offsets within the sentence, and whether each is a word or a number (not punctuation nor space). A
        sentence without tokens is read character by character."""
        ids, strings, starts, ends, punct = self._load()
        text, skip = unit.texts[k], len(unit.texts[k]) - len(unit.keys[k])
        lo, hi = np.searchsorted(ids, unit.ids[k], "left"), np.searchsorted(ids, unit.ids[k], "right")
        if lo == hi:
            chars = range(skip, len(text))
            return [text[c] for c in chars], list(chars), [c + 1 for c in chars], [not text[c].isspace() for c in chars]
        rel_starts, rel_ends = (starts[lo:hi] - unit.starts[k]).tolist(), (ends[lo:hi] - unit.starts[k]).tolist()
        keep = [m for m in range(hi - lo) if rel_ends[m] > skip]
        words = [strings[lo + m] for m in keep]
        counted = [not punct[lo + m] and bool(w.strip()) for m, w in zip(keep, words)]
        return words, [rel_starts[m] for m in keep], [rel_ends[m] for m in keep], counted


def _run(side: tuple, lo: int, hi: int, front: int, back: int) -> tuple[list[str], list[tuple[int, int]]]:
    """Words and span of tokens ``lo:hi`` of a sentence without their first ``front`` and last ``back``
    characters (the part two replaced runs share): the tokens that overlap what is left, and their span."""
    strings, starts, ends, counted = side
    joined = sum(len(w) for w in strings[lo:hi])
    if front + back >= joined:
        return [], []
    words, offset, span_start, span_end = [], 0, None, None
    for k in range(lo, hi):
        first, last = max(front - offset, 0), min(joined - back - offset, len(strings[k]))
        if first < last:
            words += [strings[k]] if counted[k] else []
            span_start = starts[k] if span_start is None else span_start
            span_end = ends[k]
        offset += len(strings[k])
    return words, [(span_start, span_end)]


def _shared_ends(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and of the common suffix of ``a`` and ``b`` (not overlapping)."""
    front = 0
    while front < min(len(a), len(b)) and a[front] == b[front]:
        front += 1
    back = 0
    while back < min(len(a), len(b)) - front and a[-1 - back] == b[-1 - back]:
        back += 1
    return front, back


def _word_diff(a: tuple, b: tuple) -> tuple[list[str], list[str], list[tuple[int, int]], list[tuple[int, int]]]:
    """Removed and added words (punctuation left out) and the character spans of the removed and added runs,
    from a token-level ``SequenceMatcher`` over the two sentences. In a replaced run the characters both sides
    share at its start and end are left out, so a word cut differently in the two sentences (大众创业 | 大众 创业)
    is no change, and 登记注册 → 登记 marks 登记注册 as removed and nothing as added."""
    removed: list[str] = []
    added: list[str] = []
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a[0], b[0], autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        front, back = _shared_ends("".join(a[0][i1:i2]), "".join(b[0][j1:j2]))
        words, spans = _run(a, i1, i2, front, back)
        removed, spans_a = removed + words, spans_a + spans
        words, spans = _run(b, j1, j2, front, back)
        added, spans_b = added + words, spans_b + spans
    return removed, added, spans_a, spans_b


def _all_words(side: tuple) -> list[str]:
    """All words of an added or removed sentence (punctuation left out)."""
    return [w for w, keep in zip(side[0], side[3]) if keep]


def _event_row(
    event: tuple[str, int | None, int | None, float],
    pair: tuple,
    units: tuple[_Unit | None, _Unit | None],
    tokens: tuple[_SentenceTokens, _SentenceTokens],
) -> tuple:
    """One row of the diff table for one event of an aligned pair."""
    op, i, j, ratio = event
    unit_a, unit_b = units
    id_a = unit_a.ids[i] if i is not None and unit_a else None
    id_b = unit_b.ids[j] if j is not None and unit_b else None
    text_a = unit_a.texts[i] if i is not None and unit_a else None
    text_b = unit_b.texts[j] if j is not None and unit_b else None
    side_a = tokens[0].of(unit_a, i) if op in ("changed", "removed") and unit_a else None
    side_b = tokens[1].of(unit_b, j) if op in ("changed", "added") and unit_b else None
    if op == "changed":
        removed, added, spans_a, spans_b = _word_diff(side_a, side_b)
    elif op == "removed":
        removed, added, spans_a, spans_b = _all_words(side_a), [], [(0, len(text_a))], []
    elif op == "added":
        removed, added, spans_a, spans_b = [], _all_words(side_b), [], [(0, len(text_b))]
    else:
        removed, added, spans_a, spans_b = [], [], [], []
    return (*pair, op, id_a, id_b, text_a, text_b, ratio, removed, added, spans_a, spans_b)


def textstat_edition_diff(
    a: Speech,
    b: Speech,
    *,
    min_ratio: float = 0.5,
    equal: bool = False,
    parts: Parts = EDITION_PARTS,
    min_similarity: float = 0.6,
) -> pd.DataFrame:
    """A sentence-level diff of two editions of a text, section by aligned section.

    Sections are paired by :func:`textstat_section_alignment` (``min_similarity`` passes to it). Within each pair
    the sentences of the chosen ``parts`` (default: headings and body; see :data:`EDITION_PARTS`) are compared as
    whole strings with ``difflib.SequenceMatcher`` (no junk heuristic); a sentence that opens a heading or a
    numbered lead is compared without its label (一、, （三）), so renumbering alone is no change (the alignment
    table records it). Sentences in a replaced block (k sentences
    of A where B has m others) are paired greedily, the most similar first, when their character similarity
    (``SequenceMatcher.ratio``) is at least ``min_ratio``: those pairs are ``"changed"``, the rest ``"removed"``
    (only in A) or ``"added"`` (only in B). The sentences of a section on one side only are all removed or added; a
    sentence moved to another section shows as removed there and added here.

    One row per event, in reading order: ``section_a``, ``section_b`` and ``heading_a``, ``heading_b`` (the aligned
    pair, as in the alignment table); ``op`` (``"changed"``, ``"added"``, ``"removed"``; also ``"equal"`` when
    ``equal=True``); ``sentence_a``, ``sentence_b`` (sentence ids in each speech's ``sentences``; ``<NA>`` on the
    missing side); ``text_a``, ``text_b`` (the sentences; missing, NaN, on the absent side); ``ratio`` (character
    similarity of a changed pair, labels left out; 1 for equal, NaN otherwise); ``removed_words``,
    ``added_words`` (lists of tokens, words and numbers, punctuation left out: for a changed pair those of a
    token-level diff of the two sentences, using each speech's token table; all tokens of a removed or added
    sentence); ``removed_spans``,
    ``added_spans`` (lists of ``(start, end)`` character offsets into ``text_a`` / ``text_b`` of the removed and
    added runs, punctuation included: what :func:`edition_diff_html` marks).

    ``attrs``: ``equal``, ``changed``, ``added``, ``removed`` (number of sentences or pairs of each op, whether or
    not equal rows are shown), ``sentences_a``, ``sentences_b`` (sentences compared on each side),
    ``unchanged_share`` (2 × equal / (sentences_a + sentences_b), 1.0 for identical texts), ``min_ratio``,
    ``parts`` and ``whole_text`` (as in the alignment table).
    """
    a, b = _check_speech("a", a), _check_speech("b", b)
    min_ratio = _check_share("min_ratio", min_ratio)
    chosen = check_parts(parts)
    alignment = textstat_section_alignment(a, b, min_similarity=min_similarity)
    whole = bool(alignment.attrs["whole_text"])
    units_a, units_b = _units(a, chosen, whole), _units(b, chosen, whole)
    tokens = (_SentenceTokens(a), _SentenceTokens(b))
    rows, counts = [], dict.fromkeys(OPS, 0)
    for section_a, section_b, heading_a, heading_b, *_ in alignment.itertuples(index=False):
        unit_a = units_a.get(int(section_a)) if not pd.isna(section_a) else None
        unit_b = units_b.get(int(section_b)) if not pd.isna(section_b) else None
        pair = (section_a, section_b, heading_a, heading_b)
        for event in _unit_events(unit_a, unit_b, min_ratio):
            counts[event[0]] += 1
            if event[0] != "equal" or equal:
                rows.append(_event_row(event, pair, (unit_a, unit_b), tokens))
    n_a, n_b = sum(len(u.ids) for u in units_a.values()), sum(len(u.ids) for u in units_b.values())
    table = _diff_table(rows, counts, n_a, n_b)
    table.attrs.update(min_ratio=min_ratio, parts=chosen, whole_text=whole)
    return table


def _diff_table(rows: list[tuple], counts: dict[str, int], n_a: int, n_b: int) -> pd.DataFrame:
    """The diff's rows as a table, with the counts of each op and the share of sentences unchanged in attrs."""
    table = pd.DataFrame(rows, columns=DIFF_COLUMNS)
    table = table.astype({c: "Int64" for c in ("section_a", "section_b", "sentence_a", "sentence_b")})
    table = table.astype({"ratio": "float64"})
    share = 2 * counts["equal"] / (n_a + n_b) if n_a + n_b else 1.0
    table.attrs.update(counts, sentences_a=n_a, sentences_b=n_b, unchanged_share=share)
    return table


_STYLE = {
    "table": "border-collapse:collapse;width:100%;font-size:13px;line-height:1.6;table-layout:fixed",
    "caption": "caption-side:top;text-align:left;padding:4px 0;font-weight:600",
    "th": "text-align:left;border-bottom:2px solid #999;padding:4px 6px",
    "group": "text-align:left;background:#eef1f5;border-top:1px solid #aab;padding:4px 6px;font-weight:600",
    "td": "vertical-align:top;border-top:1px solid #e3e3e3;padding:3px 6px;word-break:break-all",
    "id": "color:#888;font-size:11px;margin-right:4px",
    "del": "background:#fbd0d0;color:#8a1010;text-decoration:line-through",
    "ins": "background:#cdeccd;color:#0b5a0b;text-decoration:none",
}
_OP_COLOR = {"changed": "#8a5a00", "added": "#0b5a0b", "removed": "#8a1010", "equal": "#666"}
_HTML_COLUMNS = ("section_a", "section_b", "heading_a", "heading_b", "op", "sentence_a", "sentence_b", "text_a")
_HTML_COLUMNS_B = ("text_b", "ratio", "removed_spans", "added_spans")


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, (str, list, tuple, np.ndarray)) and bool(pd.isna(value)))


def _marked(text: object, spans: object, tag: str) -> str:
    """``text`` HTML-escaped, with the character ``spans`` wrapped in ``<del>`` or ``<ins>``."""
    if _missing(text):
        return ""
    text = str(text)
    pieces, position = [], 0
    for start, end in sorted((int(s), int(e)) for s, e in ([] if _missing(spans) else spans)):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        pieces += [
            html.escape(text[position:start]),
            f'<{tag} style="{_STYLE[tag]}">{html.escape(text[start:end])}</{tag}>',
        ]
        position = end
    return "".join(pieces) + html.escape(text[position:])


def _section_label(number: object, heading: object) -> str:
    return "" if _missing(number) else f"§{int(number)} {'' if _missing(heading) else heading}".strip()


def _group_title(row: pd.Series, a_label: str, b_label: str, whole: bool) -> str:
    """The group row of an aligned pair: both headings (one when they agree), or the side it is found on."""
    label_a, label_b = (
        _section_label(row["section_a"], row["heading_a"]),
        _section_label(row["section_b"], row["heading_b"]),
    )
    if whole:
        return "Whole text"
    if label_a == "§0" or label_b == "§0":
        return "§0 Title and opening (before the first section)"
    if not label_a or not label_b:
        return f"{label_a or label_b} (only in {a_label if label_a else b_label})"
    return label_a if label_a == label_b else f"{label_a} → {label_b}"


def _sentence_cell(sentence: object, text: object, spans: object, tag: str) -> str:
    if _missing(text):
        return f'<td style="{_STYLE["td"]}"></td>'
    number = "" if _missing(sentence) else f'<span style="{_STYLE["id"]}">{int(sentence)}</span>'
    return f'<td style="{_STYLE["td"]}">{number}{_marked(text, spans, tag)}</td>'


def _event_html(row: pd.Series) -> str:
    color = _OP_COLOR.get(str(row["op"]), "#333")
    ratio = "" if _missing(row["ratio"]) else f"{float(row['ratio']):.2f}"
    return (
        f'<tr><td style="{_STYLE["td"]};color:{color}">{html.escape(str(row["op"]))}</td>'
        + _sentence_cell(row["sentence_a"], row["text_a"], row["removed_spans"], "del")
        + _sentence_cell(row["sentence_b"], row["text_b"], row["added_spans"], "ins")
        + f'<td style="{_STYLE["td"]};text-align:right">{ratio}</td></tr>'
    )


def _caption(diff: pd.DataFrame, a_label: str, b_label: str) -> str:
    counts = {op: int(diff.attrs.get(op, (diff["op"] == op).sum())) for op in ("changed", "added", "removed")}
    text = f"{a_label} → {b_label}: " + ", ".join(f"{n:,} {op}" for op, n in counts.items()) + " sentences"
    share = diff.attrs.get("unchanged_share")
    return text + (f"; {float(share):.1%} unchanged" if share is not None else "")


def edition_diff_html(
    diff: pd.DataFrame, *, a_label: str = "A", b_label: str = "B", max_rows: int | None = None
) -> str:
    """The diff of :func:`textstat_edition_diff` as one self-contained HTML table (inline styles only: no script,
    no style sheet, nothing fetched), for ``IPython.display.HTML`` in a notebook or a saved report.

    A caption sums up the events (from ``diff.attrs`` when present); a shaded row opens each aligned pair of
    sections with its headings (``§2 heading → §3 heading`` when renumbered or reworded); each event row shows the
    op, sentence A with its removed words in ``<del>`` and sentence B with its added words in ``<ins>`` (sentence
    ids in grey), and the similarity of a changed pair. Text is HTML-escaped. ``max_rows`` shows the first event
    rows only and says how many were left out. Same table in, same string out.
    """
    require_columns(diff, (*_HTML_COLUMNS, *_HTML_COLUMNS_B), "edition diff (textstat_edition_diff)")
    if max_rows is not None:
        max_rows = check_positive("max_rows", max_rows)
    a_label, b_label = str(a_label), str(b_label)
    whole = bool(diff.attrs.get("whole_text", False))
    shown = diff if max_rows is None else diff.iloc[:max_rows]
    head = "".join(
        f'<th style="{_STYLE["th"]}{w}">{html.escape(t)}</th>'
        for t, w in (("op", ";width:8%"), (a_label, ";width:42%"), (b_label, ";width:42%"), ("similarity", ";width:8%"))
    )
    lines = [f'<table style="{_STYLE["table"]}">']
    lines.append(f'<caption style="{_STYLE["caption"]}">{html.escape(_caption(diff, a_label, b_label))}</caption>')
    lines.append(f"<thead><tr>{head}</tr></thead>")
    lines.append("<tbody>")
    previous = None
    for _, row in shown.iterrows():
        group = tuple(None if _missing(row[c]) else int(row[c]) for c in ("section_a", "section_b"))
        if group != previous:
            title = html.escape(_group_title(row, a_label, b_label, whole))
            lines.append(f'<tr><th colspan="4" style="{_STYLE["group"]}">{title}</th></tr>')
            previous = group
        lines.append(_event_html(row))
    if not len(diff):
        lines.append(
            f'<tr><td colspan="4" style="{_STYLE["td"]}">No differences: the compared sentences are the same.</td></tr>'
        )
    elif len(shown) < len(diff):
        left = len(diff) - len(shown)
        lines.append(f'<tr><td colspan="4" style="{_STYLE["td"]};color:#666">… {left:,} more rows not shown</td></tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines) + "\n"
