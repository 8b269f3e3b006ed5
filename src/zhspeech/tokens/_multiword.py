"""The multiword step: adjacent content words that recur as a unit in a text are joined into one token, in up to
``MultiwordRule.rounds`` rounds (see ``data/lexicon/README.md``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from . import lexicon as lx
from ._fastcut import Tokenizer
from ._segment import _Segments
from .stopwords import keep_words, stopwords


def _tags_of(tok: Tokenizer, vocab: list[str], extra: Mapping[str, str]) -> list[str]:
    return [extra.get(w) or tok.tag(w) for w in vocab]


@dataclass
class _Multiword:
    """The multiword step's state across rounds."""

    tok: Tokenizer
    rule: lx.MultiwordRule = field(default_factory=lx.MultiwordRule)
    tags: dict[str, str] = field(default_factory=dict)  # joined term -> tag
    found: dict[str, lx.Term] = field(default_factory=dict)


def _merge_round(seg: _Segments, mw: _Multiword, new: set[str] | None = None) -> _Segments:
    """One round of the multiword step: find the pairs that recur as a unit, join their occurrences.

    ``new``: the terms the previous round joined; only pairs with one of them are considered."""
    vocab, codes, ends, sent = seg.vocab, seg.codes, seg.ends, seg.sent
    tags = _tags_of(mw.tok, vocab, mw.tags)
    stop = np.array([w in _stopset() for w in vocab], dtype=bool)
    first, last = lx.candidate_words(vocab, tags, stop, set(mw.tok.lexicon) | _keepset())
    lengths = np.array([len(w) for w in vocab], dtype=np.int32)
    joined = np.zeros(len(codes), dtype=bool)
    joined[:-1] = (sent[:-1] == sent[1:]) & (ends[:-1] == seg.starts[1:])
    if new is not None:
        touch = np.array([w in new for w in vocab], dtype=bool)
        joined[:-1] &= touch[codes[:-1]] | touch[codes[1:]]
    cand = lx.candidate_positions(codes, joined, first, last, lengths, mw.rule)
    pairs = lx.pair_table(codes, cand, len(vocab), mw.rule)
    if pairs.empty:
        return seg
    size = np.int64(len(vocab))
    keys = codes[cand].astype(np.int64) * size + codes[cand + 1]
    hit = cand[np.isin(keys, pairs["a"].to_numpy() * size + pairs["b"].to_numpy())]
    run_start = np.r_[True, np.diff(hit) != 1]  # a b c with ab and bc both terms: take ab, then look again
    run_id = np.cumsum(run_start) - 1
    take = hit[(np.arange(len(hit)) - np.flatnonzero(run_start)[run_id]) % 2 == 0]
    vocab, new_codes = _join_terms(vocab, tags, codes[take], codes[take + 1], pairs, mw)
    codes, ends = codes.copy(), ends.copy()
    codes[take] = new_codes
    ends[take] = ends[take + 1]
    keep = np.ones(len(codes), dtype=bool)
    keep[take + 1] = False
    counts = np.bincount(sent[keep], minlength=len(seg.counts)).astype(np.int32)
    return _Segments(vocab, codes[keep], seg.starts[keep], counts, ends[keep], sent[keep])


def _join_terms(
    vocab: list[str], tags: list[str], a_codes: np.ndarray, b_codes: np.ndarray, pairs: pd.DataFrame, mw: _Multiword
) -> tuple[list[str], np.ndarray]:
    """Codes of the joined terms (new vocabulary entries as needed); each term recorded in ``mw``."""
    size = np.int64(len(vocab))
    keys, inverse, counts = np.unique(
        a_codes.astype(np.int64) * size + b_codes, return_inverse=True, return_counts=True
    )
    index = {w: i for i, w in enumerate(vocab)}
    vocab = list(vocab)
    stats = {(r.a, r.b): r for r in pairs.itertuples(index=False)}
    codes = np.empty(len(keys), dtype=np.int32)
    for j, (key, count) in enumerate(zip(keys.tolist(), counts.tolist())):
        a, b = divmod(key, int(size))
        term = vocab[a] + vocab[b]
        if term not in mw.found:
            r = stats[(a, b)]
            note = f"{vocab[a]}+{vocab[b]}: n12={r.n12}, n1={r.n1}, n2={r.n2}, dice={r.dice:.2f}"
            mw.found[term] = lx.Term(term, "multiword", 0, True, tags[b], note)
            mw.tags.setdefault(term, tags[b])
        mw.found[term].count += count
        if term not in index:
            index[term] = len(vocab)
            vocab.append(term)
        codes[j] = index[term]
    return vocab, codes[inverse.ravel()]


@lru_cache(maxsize=1)
def _stopset() -> frozenset[str]:
    return stopwords()


@lru_cache(maxsize=1)
def _keepset() -> frozenset[str]:
    return keep_words()
