"""Vocabulary statistics over a token table: each function takes the table and returns a tidy DataFrame.

Every function works on any table with the token-table columns (``token``, ``sentence``, ``paragraph``,
``section``, ``start``, ``end``, ``is_word``; ``pos`` and ``is_stop`` where used) — ``speech.tokens``, a slice of
it, or a table built by hand. **Words** are the rows with ``is_word`` (punctuation, numbers and whitespace never
count); every size printed (``tokens``, ``corpus_size``, ``N``) is a number of words.

Sizes travel with the tables, as columns or in ``DataFrame.attrs``, so every figure recomputes from the counts:
``per_10k = count / tokens * 10_000``; keyness G² from ``count``, ``ref_count``, ``corpus_size``, ``ref_size``;
collocation measures from ``n12``, ``n1``, ``n2``, ``N``.

References: Gries (2008) and Lijffijt & Gries (2012) for DP; Dunning (1993) for G²; Hardie (2014) for Log Ratio;
Benjamini & Hochberg (1995) for adjusted p; Church & Hanks (1990) for MI, Rychlý (2008) for logDice, Evert (2008)
for window-based co-occurrence tables; Covington & McFall (2010) for MATTR; McCarthy & Jarvis (2010) for MTLD.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Literal, Sequence

import numpy as np
import pandas as pd

from .errors import SpeechError
from .reference import Reference, load_reference

if TYPE_CHECKING:  # pragma: no cover
    from .speech import Speech

__all__ = [
    "textstat_frequency", "textstat_pos", "textstat_ngrams", "textstat_keyness", "textstat_keyness_sections",
    "textstat_collocations", "kwic", "textstat_diversity", "textstat_sentence_length",
]

_COLUMNS = ("token", "sentence", "paragraph", "section", "start", "end", "is_word")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

#: Names of the ICTCLAS tags jieba uses (the common ones; other tags are shown as they are).
POS_NAMES: dict[str, str] = {
    "n": "名词", "nr": "人名", "ns": "地名", "nt": "机构团体", "nz": "其他专名", "ng": "名语素", "nrt": "音译人名",
    "nrfg": "人名", "v": "动词", "vn": "名动词", "vd": "副动词", "vg": "动语素", "vi": "不及物动词",
    "vq": "动词", "a": "形容词", "ad": "副形词", "an": "名形词", "ag": "形语素", "d": "副词", "df": "副词",
    "dg": "副语素", "m": "数词", "mq": "数量词", "q": "量词", "r": "代词", "rz": "指示代词", "rr": "人称代词",
    "p": "介词", "c": "连词", "u": "助词", "uj": "助词（的）", "ul": "助词（了）", "uz": "助词（着）",
    "ug": "助词（过）", "uv": "助词（地）", "ud": "助词（得）", "y": "语气词", "e": "叹词", "o": "拟声词",
    "f": "方位词", "s": "处所词", "t": "时间词", "tg": "时语素", "b": "区别词", "z": "状态词", "i": "成语",
    "l": "习用语", "j": "简称", "k": "后缀", "h": "前缀", "g": "语素", "x": "非语素字", "eng": "外文",
}


# ---------------------------------------------------------------------------------------------------- helpers

def _table(data: "pd.DataFrame | Speech") -> pd.DataFrame:
    """The token table of ``data`` (a Speech or a table), checked and in text order."""
    tokens = data if isinstance(data, pd.DataFrame) else data.tokens
    missing = [c for c in _COLUMNS if c not in tokens.columns]
    if missing:
        raise SpeechError(f"token table lacks column(s) {', '.join(missing)}; "
                          f"expected the columns of speech.tokens: {', '.join(_COLUMNS)}")
    if len(tokens) and not tokens["start"].is_monotonic_increasing:
        tokens = tokens.sort_values("start", kind="mergesort")
    return tokens


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    """Rows with ``is_word``, with ``term`` as a plain string column."""
    words = tokens.loc[tokens["is_word"].astype(bool)]
    return words.assign(term=words["token"].astype(str).to_numpy(dtype=object))


def _check_choice(name: str, value: object, allowed: Sequence[object]) -> None:
    if value not in allowed:
        raise ValueError(f"{name}={value!r} is not one of {', '.join(map(repr, allowed))}")


def _check_positive(name: str, value: int, minimum: int = 1) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer ≥ {minimum}, got {value!r}")


def _blocks(ids: np.ndarray) -> np.ndarray:
    """Index of the first element of each element's run of equal ``ids`` (runs of a sentence, a paragraph)."""
    change = np.ones(len(ids), dtype=bool)
    change[1:] = ids[1:] != ids[:-1]
    return np.maximum.accumulate(np.where(change, np.arange(len(ids)), 0))


def _block_ends(ids: np.ndarray) -> np.ndarray:
    """Index of the last element of each element's run of equal ``ids``."""
    return (len(ids) - 1 - _blocks(ids[::-1]))[::-1]


def _token_text(tokens: pd.DataFrame) -> str:
    """The text the tokens were cut from: each token at its offset, gaps (whitespace, line ends) as spaces."""
    parts: list[str] = []
    position = 0
    for token, start in zip(tokens["token"].astype(str), tokens["start"].to_numpy()):
        if start < position:  # overlapping offsets: keep the text we have
            continue
        parts.append(" " * (start - position))
        parts.append(token)
        position = start + len(token)
    return "".join(parts)


def _text_and_tokens(data: "pd.DataFrame | Speech") -> tuple[str, pd.DataFrame]:
    tokens = _table(data)
    text = data.text if not isinstance(data, pd.DataFrame) else _token_text(tokens)
    return text, tokens


def g2_statistic(a: np.ndarray, b: np.ndarray, c1: np.ndarray, c2: np.ndarray) -> np.ndarray:
    """Log-likelihood G² of the 2×2 table [[a, c1 − a], [b, c2 − b]] (Dunning 1993): 2 Σ O ln(O/E), 0 ln 0 = 0.

    ``a`` and ``b`` are the counts of a term in two corpora of ``c1`` and ``c2`` words. The same statistic as
    ``scipy.stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")``.
    """
    a, b, c1, c2 = (np.asarray(x, dtype=float) for x in (a, b, c1, c2))
    observed = np.stack([a, c1 - a, b, c2 - b])
    n = c1 + c2
    col1, col2 = a + b, n - a - b
    expected = np.stack([c1 * col1, c1 * col2, c2 * col1, c2 * col2]) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return np.maximum(2.0 * cells.sum(axis=0), 0.0)


def _p_values(g2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """p from χ² with 1 df and Benjamini–Hochberg adjusted p over the same family.

    ``scipy.special.chdtrc`` is the χ² survival function behind ``scipy.stats.chi2.sf`` (importing
    ``scipy.stats`` costs a notebook about half a second); the adjustment is :func:`bh_adjust`.
    """
    from scipy.special import chdtrc

    p = chdtrc(1, np.asarray(g2, dtype=float))
    return p, bh_adjust(p)


def bh_adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (``scipy.stats.false_discovery_control(p, method="bh")``):
    p₍ᵢ₎·m/i, made monotone from the largest p down, capped at 1, returned in the input order."""
    p = np.asarray(p, dtype=float)
    if p.size == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")[::-1]  # largest p first
    scaled = p[order] * p.size / np.arange(p.size, 0, -1)
    adjusted = np.empty_like(p)
    adjusted[order] = np.minimum(np.minimum.accumulate(scaled), 1.0)
    return adjusted


# ---------------------------------------------------------------------------------------------- frequency

def _frequency(words: pd.DataFrame) -> pd.DataFrame:
    """count, paragraphs, dp, dp_norm, pos of each term in ``words`` (parts = paragraphs)."""
    total = len(words)
    sizes = words.groupby("paragraph", observed=True).size() / total  # s_i: share of the words in each part
    cells = words.groupby(["term", "paragraph"], observed=True).size().rename("f").reset_index()
    count = cells.groupby("term")["f"].sum()
    v = cells["f"] / cells["term"].map(count)  # v_i: share of the term's occurrences in each part
    s = cells["paragraph"].map(sizes)
    # DP = ½ Σ_i |v_i − s_i|; parts without the term contribute s_i, i.e. 1 − Σ s_i over parts with it
    dev = (v - s).abs().groupby(cells["term"]).sum()
    covered = s.groupby(cells["term"]).sum()
    dp = (0.5 * (dev + 1.0 - covered)).clip(0.0, 1.0)
    table = pd.DataFrame({"count": count, "paragraphs": cells.groupby("term").size(), "dp": dp})
    table["dp_norm"] = table["dp"] / (1.0 - sizes.min()) if len(sizes) > 1 else np.nan
    table["per_10k"] = table["count"] / total * 1e4
    if "pos" in words.columns:
        tags = words.groupby(["term", "pos"], observed=True).size().rename("n").reset_index()
        tags = tags.assign(pos=tags["pos"].astype(str)).sort_values(["term", "n", "pos"], ascending=[True, False, True])
        table["pos"] = tags.drop_duplicates("term").set_index("term")["pos"]
    return table.rename_axis("term").reset_index()


def textstat_frequency(tokens: "pd.DataFrame | Speech", *, min_count: int = 1,
                       by: Literal["section"] | None = None, drop_stopwords: bool = False) -> pd.DataFrame:
    """How often each term occurs and how evenly it spreads over the paragraphs.

    One row per term: ``count``; ``per_10k`` (count per 10,000 words); ``paragraphs`` (how many paragraphs contain
    it); ``dp`` — Gries' (2008) deviation of proportions over paragraphs, ½ Σ|v_i − s_i| with s_i the paragraph's
    share of all words and v_i its share of the term's occurrences: 0 = spread exactly like the text, near 1 =
    concentrated in one small paragraph; ``dp_norm`` = dp / (1 − min s_i) (Lijffijt & Gries 2012), which reaches 1;
    ``pos`` the term's most frequent tag. Sorted by count (descending), then term.

    ``attrs["tokens"]`` holds the number of words (the per-10k base). ``by="section"`` computes each section on its
    own (DP over that section's paragraphs) and adds ``section`` and ``tokens`` (words in the section) columns.
    ``drop_stopwords`` drops stopword rows from the result after counting, so the rates keep all words as base.
    """
    _check_positive("min_count", min_count)
    _check_choice("by", by, (None, "section"))
    tokens = _table(tokens)
    words = _words(tokens)
    columns = ["term", "count", "per_10k", "paragraphs", "dp", "dp_norm"] + (["pos"] if "pos" in words else [])
    if words.empty:
        table = pd.DataFrame({c: pd.Series(dtype=object if c in ("term", "pos") else float) for c in columns})
    elif by is None:
        table = _frequency(words)[columns]
    else:
        parts = [_frequency(group)[columns].assign(section=key, tokens=len(group))
                 for key, group in words.groupby("section", sort=True, observed=True)]
        table = pd.concat(parts, ignore_index=True)[["section", "tokens", *columns]]
    if drop_stopwords and "is_stop" in words.columns and not table.empty:
        table = table[~table["term"].isin(set(words.loc[words["is_stop"].astype(bool), "term"]))]
    table = table[table["count"] >= min_count]
    keys = (["section"] if by else []) + ["count", "term"]
    table = table.sort_values(keys, ascending=[True] * (len(keys) - 2) + [False, True], kind="mergesort")
    table = table.reset_index(drop=True)
    table.attrs.update(tokens=len(words), paragraphs=int(words["paragraph"].nunique()))
    return table


def textstat_pos(tokens: "pd.DataFrame | Speech", *, examples: int = 5) -> pd.DataFrame:
    """Part-of-speech profile: one row per ICTCLAS tag — ``pos``, ``name`` (Chinese name of the tag), ``count``
    (words with the tag), ``share`` (of all words), ``types`` (distinct terms) and the most frequent ``terms``."""
    _check_positive("examples", examples, minimum=0)
    words = _words(_table(tokens))
    if "pos" not in words.columns:
        raise SpeechError("token table has no 'pos' column")
    words = words.assign(pos=words["pos"].astype(str))
    freq = words.groupby(["pos", "term"]).size().rename("n").reset_index()
    freq = freq.sort_values(["pos", "n", "term"], ascending=[True, False, True])
    table = freq.groupby("pos").agg(count=("n", "sum"), types=("term", "size"),
                                    terms=("term", lambda t: "、".join(t.iloc[:examples])))
    table["share"] = table["count"] / len(words)
    table["name"] = [POS_NAMES.get(p, p) for p in table.index]
    table = table.reset_index().sort_values(["count", "pos"], ascending=[False, True], kind="mergesort")
    table.attrs["tokens"] = len(words)
    return table[["pos", "name", "count", "share", "types", "terms"]].reset_index(drop=True)


def textstat_ngrams(tokens: "pd.DataFrame | Speech", n: int | Sequence[int] = (2, 3, 4), *, min_count: int = 2,
                    drop_stopwords: bool = False) -> pd.DataFrame:
    """Recurring sequences of 2–4 words.

    An n-gram is n consecutive words of one sentence with no punctuation or number between them: n-grams never
    cross a sentence and never bridge a comma or an enumeration mark (、), so 安全、开放 is not a bigram.
    One row per n-gram: ``ngram`` (words joined by a space), ``text`` (joined as written), ``n``, ``count``,
    ``per_10k`` (per 10,000 words, ``attrs["tokens"]``), ``sentences`` (how many sentences contain it).
    ``drop_stopwords`` drops n-grams that begin or end with a stopword. Sorted by count, then n, then n-gram.
    """
    sizes = (n,) if isinstance(n, (int, np.integer)) else tuple(n)
    for size in sizes:
        _check_positive("n", size, minimum=2)
    _check_positive("min_count", min_count)
    tokens = _table(tokens)
    is_word = tokens["is_word"].astype(bool).to_numpy()
    sentence = tokens["sentence"].to_numpy()
    brk = ~is_word
    brk[1:] |= sentence[1:] != sentence[:-1]
    run = np.cumsum(brk)[is_word]  # words of one run: same sentence, no non-word between them
    words = _words(tokens)
    terms = words["term"].to_numpy(dtype=object)
    stop = words["is_stop"].astype(bool).to_numpy() if "is_stop" in words else np.zeros(len(words), bool)
    sent = words["sentence"].to_numpy()
    frames = []
    for size in sizes:
        if len(terms) < size:
            continue
        idx = np.nonzero(run[: len(run) - size + 1] == run[size - 1:])[0]
        if drop_stopwords:
            idx = idx[~stop[idx] & ~stop[idx + size - 1]]
        pieces = [pd.Series(terms[idx + j]) for j in range(size)]
        gram = pieces[0].str.cat(pieces[1:], sep=" ") if size > 1 else pieces[0]
        frames.append(pd.DataFrame({"ngram": gram, "n": size, "sentence": sent[idx]}))
    grams = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["ngram", "n", "sentence"])
    table = grams.groupby(["ngram", "n"]).agg(count=("sentence", "size"), sentences=("sentence", "nunique"))
    table = table.reset_index()
    table = table[table["count"] >= min_count].copy()
    table["text"] = table["ngram"].str.replace(" ", "", regex=False)
    table["per_10k"] = table["count"] / max(len(words), 1) * 1e4
    table = table.sort_values(["count", "n", "ngram"], ascending=[False, True, True], kind="mergesort")
    table.attrs["tokens"] = len(words)
    return table[["ngram", "text", "n", "count", "per_10k", "sentences"]].reset_index(drop=True)


# ------------------------------------------------------------------------------------------------ keyness

def textstat_keyness(tokens: "pd.DataFrame | Speech", reference: Reference | None = None, *,
                     measure: Literal["g2", "log_ratio"] = "g2",
                     direction: Literal["over", "under", "all"] = "over", min_count: int = 3,
                     drop_stopwords: bool | Literal["over"] = False) -> pd.DataFrame:
    """Terms over- (or under-) used against a reference corpus.

    ``reference`` defaults to ``load_reference("jieba")``: the word counts of jieba's bundled dictionary, a general
    written-Chinese corpus of 60,101,967 words (see ``zhspeech.reference`` for the sources and why not wordfreq).
    Each term with ``count ≥ min_count`` is tested on the full 2×2 table [[count, corpus_size − count],
    [ref_count, ref_size − ref_count]]: ``g2`` (log-likelihood, 1 df), ``p`` (χ², 1 df), ``p_fdr``
    (Benjamini–Hochberg over all tested terms, before ``direction`` or ``drop_stopwords`` filter the rows), and
    ``log_ratio`` = log2((count/corpus_size) / (ref_count/ref_size)) (Hardie 2014), where a zero count on either
    side is replaced by 0.5 — a term absent from the reference gets a finite, conservative ratio.
    Every row carries ``count``, ``ref_count``, ``corpus_size`` and ``ref_size`` (words), so each G² recomputes.

    ``direction`` keeps terms relatively more frequent in the speech ("over"), less frequent ("under"), or both.
    ``drop_stopwords`` removes stopwords from the rows (``True``), or only from the over-used rows (``"over"``):
    what a genre avoids (是, 这, 了) is part of its register, while the over-use of a function word mostly reflects
    how the reference counted it (jieba's dictionary counts 的 far below its real frequency).
    Sorted by ``measure`` (g2 descending; log_ratio from the extreme end), then count, then term.
    ``attrs``: corpus_size, ref_size, reference (name), reference_source.
    """
    _check_choice("measure", measure, ("g2", "log_ratio"))
    _check_choice("direction", direction, ("over", "under", "all"))
    _check_choice("drop_stopwords", drop_stopwords, (True, False, "over"))
    _check_positive("min_count", min_count)
    reference = reference if reference is not None else load_reference()
    words = _words(_table(tokens))
    c1, c2 = len(words), reference.total
    counts = words["term"].value_counts()
    counts = counts[counts >= min_count]
    a = counts.to_numpy(dtype=np.int64)
    b = np.asarray(reference.count(counts.index), dtype=np.int64)
    g2 = g2_statistic(a, b, c1, c2)
    p, p_fdr = _p_values(g2)
    ratio = np.log2((np.where(a > 0, a, 0.5) / c1) / (np.where(b > 0, b, 0.5) / c2))
    table = pd.DataFrame({"term": counts.index.astype(str).to_numpy(dtype=object), "count": a, "ref_count": b,
                          "corpus_size": c1, "ref_size": c2, "g2": g2, "p": p, "p_fdr": p_fdr,
                          "log_ratio": ratio})
    over = a * float(c2) > b * float(c1)
    under = a * float(c2) < b * float(c1)
    table = table[over] if direction == "over" else table[under] if direction == "under" else table
    if drop_stopwords is not False and "is_stop" in words.columns:
        stop = table["term"].isin(set(words.loc[words["is_stop"].astype(bool), "term"]))
        table = table[~(stop & over[table.index])] if drop_stopwords == "over" else table[~stop]
    key = table[measure] if measure == "g2" else table["log_ratio"] * (-1 if direction == "under" else 1)
    if measure == "log_ratio" and direction == "all":
        key = table["log_ratio"].abs()
    table = (table.assign(_key=key).sort_values(["_key", "count", "term"], ascending=[False, False, True],
                                                kind="mergesort").drop(columns="_key").reset_index(drop=True))
    table.attrs.update(corpus_size=c1, ref_size=c2, reference=reference.name,
                       reference_source=reference.source)
    return table


def textstat_keyness_sections(data: "pd.DataFrame | Speech", *, measure: Literal["g2", "log_ratio"] = "g2",
                              direction: Literal["over", "under", "all"] = "over", min_count: int = 3,
                              drop_stopwords: bool = False) -> pd.DataFrame:
    """What is distinctive about each section: the section's words against the rest of the speech.

    For each section (including section 0, the text before the first heading, when it has words) the section is
    the corpus and the other sections together are the reference: ``count`` = in the section, ``ref_count`` = in the
    rest, ``corpus_size``/``ref_size`` their word counts. Columns as ``textstat_keyness`` plus ``section`` and
    ``heading`` (empty when ``data`` is a bare token table). ``p_fdr`` is adjusted within each section.
    """
    tokens = _table(data)
    speech = None if isinstance(data, pd.DataFrame) else data
    words_section = tokens.loc[tokens["is_word"].astype(bool), "section"]
    frames = []
    for number in sorted(pd.unique(words_section)):
        inside = tokens["section"] == number
        if (words_section != number).sum() == 0:  # a single section has no rest to compare with
            continue
        rest = Reference.from_tokens(tokens[~inside], name=f"rest of speech (not section {number})")
        table = textstat_keyness(tokens[inside], rest, measure=measure, direction=direction,
                                 min_count=min_count, drop_stopwords=drop_stopwords)
        heading = speech.section_heading(int(number)) if speech is not None else ""
        frames.append(table.assign(section=int(number), heading=heading))
    if not frames:
        return pd.DataFrame(columns=["section", "heading", "term", "count", "ref_count", "corpus_size", "ref_size",
                                     "g2", "p", "p_fdr", "log_ratio"])
    table = pd.concat(frames, ignore_index=True)
    table.attrs.update(reference="rest of the speech")
    return table[["section", "heading", *[c for c in table.columns if c not in ("section", "heading")]]]


# ------------------------------------------------------------------------------------ matching a term

def _term_spans(text: str, tokens: pd.DataFrame, term: str, substring: bool = False) -> np.ndarray:
    """Character spans (start, end) where ``term`` occurs inside one sentence.

    By default a match must start and end on token boundaries (the term is a token or a run of whole tokens);
    ``substring=True`` also finds it inside longer tokens (数字 in 数字经济).
    """
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"term must be a non-empty string, got {term!r}")
    term = term.strip()
    starts = tokens["start"].to_numpy()
    ends = tokens["end"].to_numpy()
    sentence = tokens["sentence"].to_numpy()
    first, last = _blocks(sentence), _block_ends(sentence)
    block_starts, block_ends = starts[np.unique(first)], ends[np.unique(last)]
    found = np.array([(m.start(), m.end()) for m in re.finditer(re.escape(term), text)], dtype=np.int64)
    if not len(found):
        return found.reshape(0, 2)
    block = np.searchsorted(block_starts, found[:, 0], side="right") - 1
    keep = (block >= 0) & (found[:, 1] <= block_ends[np.clip(block, 0, None)])
    if not substring:
        keep &= np.isin(found[:, 0], starts) & np.isin(found[:, 1], ends)
    return found[keep]


# ------------------------------------------------------------------------------------------ collocations

def _window_positions(words: pd.DataFrame, spans: np.ndarray,
                      window: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Masks over words: node words, positions in some left window, positions in some right window."""
    starts, ends = words["start"].to_numpy(), words["end"].to_numpy()
    sentence = words["sentence"].to_numpy()
    first_of, last_of = _blocks(sentence), _block_ends(sentence)
    first = np.searchsorted(ends, spans[:, 0], side="right")  # first word ending after the match starts
    last = np.searchsorted(starts, spans[:, 1], side="left") - 1  # last word starting before the match ends
    ok = first <= last
    first, last = first[ok], last[ok]
    marks = [np.zeros(len(words) + 1, dtype=np.int64) for _ in range(3)]
    ranges = ((first, last),
              (np.maximum(first - window, first_of[first]), first - 1),
              (last + 1, np.minimum(last + window, last_of[last])))
    for mark, (lo, hi) in zip(marks, ranges):
        valid = lo <= hi
        np.add.at(mark, lo[valid], 1)
        np.add.at(mark, hi[valid] + 1, -1)
    node, left, right = (np.cumsum(m)[:-1] > 0 for m in marks)
    return node, left & ~node, right & ~node, int(ok.sum())


def textstat_collocations(tokens: "pd.DataFrame | Speech", node: str, *, window: int = 5, min_count: int = 2,
                          measure: Literal["logdice", "mi", "g2", "t", "n12"] = "g2",
                          substring: bool = False) -> pd.DataFrame:
    """Words that occur near ``node`` within ±``window`` words, never crossing a sentence.

    Counts are over word positions (punctuation and numbers are skipped, not counted in the window):

    - ``N``: words in the whole table;
    - ``n1``: window positions — words within ``window`` words left or right of an occurrence of the node, in the
      same sentence, each position counted once even where two windows overlap, node positions excluded;
    - ``n2``: occurrences of the collocate in the whole table;
    - ``n12``: window positions holding the collocate (``left``/``right``: those in a left/right window);

    so [[n12, n1 − n12], [n2 − n12, N − n1 − n2 + n12]] is a proper 2×2 table of positions (Evert 2008) and
    MI = log2(n12·N/(n1·n2)), logDice = 14 + log2(2·n12/(n1 + n2)), t = (n12 − n1·n2/N)/√n12 and ``g2`` (its
    log-likelihood) all use it. ``attrs``: ``node_count`` (node occurrences), ``node_forms`` (token strings
    matched, with counts), ``N``, ``n1``, ``window``. The node is matched on token boundaries and may span several
    tokens; ``substring=True`` makes every word containing it a node (数字 → 数字经济, 数字鸿沟 …). A node word is
    never a collocate. Rows with ``n12 ≥ min_count``, sorted by ``measure`` (descending), then n12, then collocate.
    """
    _check_positive("window", window)
    _check_positive("min_count", min_count)
    _check_choice("measure", measure, ("logdice", "mi", "g2", "t", "n12"))
    text, tokens = _text_and_tokens(tokens)
    words = _words(tokens)
    spans = _term_spans(text, tokens, node, substring=substring)
    node_mask, left, right, node_count = _window_positions(words, spans, window)
    terms = words["term"]
    forms = terms[node_mask].value_counts()
    in_window = left | right
    n1, big_n = int(in_window.sum()), len(words)
    n12 = terms[in_window].value_counts()
    n12 = n12[n12 >= min_count]
    table = pd.DataFrame({"collocate": n12.index.astype(str).to_numpy(dtype=object), "n12": n12.to_numpy()})
    table["n1"] = n1
    table["n2"] = terms.value_counts().reindex(table["collocate"]).to_numpy()
    table["N"] = big_n
    table["left"] = terms[left].value_counts().reindex(table["collocate"]).fillna(0).astype(int).to_numpy()
    table["right"] = terms[right].value_counts().reindex(table["collocate"]).fillna(0).astype(int).to_numpy()
    o, r1, c1 = (table[c].to_numpy(dtype=float) for c in ("n12", "n1", "n2"))
    table["mi"] = np.log2(o * big_n / (r1 * c1))
    table["logdice"] = 14 + np.log2(2 * o / (r1 + c1))
    table["g2"] = g2_statistic(o, c1 - o, r1, big_n - r1)
    table["t"] = (o - r1 * c1 / big_n) / np.sqrt(o)
    table = table.sort_values([measure, "n12", "collocate"], ascending=[False, False, True], kind="mergesort")
    table = table.reset_index(drop=True)
    table.attrs.update(node=node, window=window, N=big_n, n1=n1, node_count=node_count,
                       node_forms={str(k): int(v) for k, v in forms.items()})
    return table


# ------------------------------------------------------------------------------------------------- KWIC

def kwic(data: "pd.DataFrame | Speech", term: str, *, width: int = 20,
         sort: Literal["position", "left", "right"] = "position", substring: bool = False) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` with ``width`` characters either side.

    The term is matched as a token or a run of whole tokens (``substring=True`` also finds it inside longer tokens)
    within one sentence. The context is taken from the text (``speech.text``; for a bare token table the text is
    rebuilt from the tokens, whitespace shown as spaces): it runs across sentence boundaries, as concordancers do,
    but stops at the paragraph's edges. Columns: ``left``, ``node``, ``right``, ``sentence``, ``paragraph``,
    ``section``, ``start``, ``end`` (offsets of the node). ``sort="left"`` orders by the left context read
    backwards from the node (the nearest character first), ``"right"`` by the right context; ties keep text order.
    """
    _check_positive("width", width)
    _check_choice("sort", sort, ("position", "left", "right"))
    text, tokens = _text_and_tokens(data)
    spans = _term_spans(text, tokens, term, substring=substring)
    starts = tokens["start"].to_numpy()
    paragraph = tokens["paragraph"].to_numpy()
    para_start = starts[_blocks(paragraph)]
    para_end = tokens["end"].to_numpy()[_block_ends(paragraph)]
    at = np.searchsorted(starts, spans[:, 0], side="right") - 1  # the token the match starts in
    rows = []
    for (s, e), i in zip(spans, at):
        lo, hi = max(int(para_start[i]), s - width), min(int(para_end[i]), e + width)
        rows.append((text[lo:s].replace("\n", " "), text[s:e], text[e:hi].replace("\n", " "), int(s), int(e)))
    table = pd.DataFrame(rows, columns=["left", "node", "right", "start", "end"])
    for column in ("sentence", "paragraph", "section"):
        table[column] = tokens[column].to_numpy()[at].astype(int) if len(at) else pd.Series(dtype=int)
    if sort != "position" and len(table):
        key = table["left"].str[::-1] if sort == "left" else table["right"]
        table = table.assign(_key=key).sort_values("_key", kind="mergesort").drop(columns="_key")
    return table[["left", "node", "right", "sentence", "paragraph", "section", "start", "end"]].reset_index(drop=True)


# --------------------------------------------------------------------------------------------- diversity

def _mattr(terms: Sequence[str], window: int) -> float:
    """Moving-average TTR (Covington & McFall 2010): mean TTR of every window of ``window`` consecutive words."""
    if len(terms) < window:
        return float("nan")
    counts = Counter(terms[:window])
    total = len(counts)
    for out, new in zip(terms, terms[window:]):
        counts[new] += 1
        counts[out] -= 1
        if counts[out] == 0:
            del counts[out]
        total += len(counts)
    return total / (len(terms) - window + 1) / window


def _mtld_pass(terms: Sequence[str], threshold: float) -> float:
    """One MTLD pass (McCarthy & Jarvis 2010): words per factor, a factor ending when the running TTR ≤ threshold;
    the leftover segment counts as the partial factor (1 − TTR) / (1 − threshold)."""
    factors, types, count = 0.0, set(), 0
    for term in terms:
        types.add(term)
        count += 1
        if len(types) / count <= threshold:
            factors, types, count = factors + 1, set(), 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(terms) / factors if factors else float("nan")


def _diversity(terms: list[str], window: int, threshold: float) -> dict[str, float]:
    n, types = len(terms), len(set(terms))
    mtld = (_mtld_pass(terms, threshold) + _mtld_pass(terms[::-1], threshold)) / 2 if n else float("nan")
    return {"tokens": n, "types": types, "ttr": types / n if n else float("nan"),
            "mattr": _mattr(terms, window), "mtld": mtld}


def textstat_diversity(tokens: "pd.DataFrame | Speech", *, window: int = 100, threshold: float = 0.72,
                       by: Literal["section"] | None = None) -> pd.DataFrame:
    """Lexical diversity of the words: ``tokens``, ``types``, ``ttr`` (types/tokens), ``mattr`` (mean TTR over every
    run of ``window`` consecutive words, Covington & McFall 2010; NaN when there are fewer words than ``window``)
    and ``mtld`` (McCarthy & Jarvis 2010: mean length of word runs whose TTR stays above ``threshold`` = 0.72, the
    average of a forward and a backward pass, with the leftover as a partial factor; NaN when no factor forms).
    One row, or one per section with ``by="section"``. TTR falls with length, so compare texts by MATTR/MTLD.
    """
    _check_positive("window", window)
    _check_choice("by", by, (None, "section"))
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold!r}")
    words = _words(_table(tokens))
    if by is None:
        table = pd.DataFrame([_diversity(words["term"].tolist(), window, threshold)])
    else:
        table = pd.DataFrame([{"section": int(key), **_diversity(group["term"].tolist(), window, threshold)}
                              for key, group in words.groupby("section", sort=True, observed=True)])
    table.attrs.update(window=window, threshold=threshold)
    return table


def textstat_sentence_length(data: "pd.DataFrame | Speech") -> pd.DataFrame:
    """Length of each sentence: ``sentence``, ``paragraph``, ``section``, ``chars``, ``han`` (Han characters) and
    ``tokens`` (words, as counted everywhere else).

    From a Speech, ``chars`` and ``han`` come from ``speech.sentences`` (the sentence text as written); from a bare
    token table they are summed over the sentence's tokens, so whitespace inside a sentence is not counted.
    Only body sentences (id ≥ 1) are listed.
    """
    tokens = _table(data)
    body = tokens[tokens["sentence"] >= 1]
    words = body.loc[body["is_word"].astype(bool)].groupby("sentence", observed=True).size()
    if isinstance(data, pd.DataFrame):
        text = body["token"].astype(str)
        table = pd.DataFrame({
            "paragraph": body.groupby("sentence")["paragraph"].first(),
            "section": body.groupby("sentence")["section"].first(),
            "chars": text.str.len().groupby(body["sentence"]).sum(),
            "han": text.str.count(_HAN.pattern).groupby(body["sentence"]).sum(),
        }).rename_axis("sentence").reset_index()
    else:
        table = data.sentences[["sentence", "paragraph", "section", "chars", "han"]].copy()
    table["tokens"] = table["sentence"].map(words).fillna(0).astype(int)
    return table.sort_values("sentence").reset_index(drop=True)
