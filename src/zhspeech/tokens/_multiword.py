"""The multiword step: sequences of adjacent content words that recur as a unit in a text are joined into one
token (:func:`lexicon.multiword_chains`; the rules are in ``data/lexicon/README.md``)."""

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
    """The multiword step's state: the rule, the joined terms' tags and their records."""

    tok: Tokenizer
    rule: lx.MultiwordRule = field(default_factory=lx.MultiwordRule)
    tags: dict[str, str] = field(default_factory=dict)  # joined term -> tag
    found: dict[str, lx.Term] = field(default_factory=dict)


def _merge_round(seg: _Segments, mw: _Multiword, new: set[str] | None = None) -> _Segments:
    """Join the multiword terms of the text: the chains of :func:`lexicon.multiword_chains`, longest first; an
    occurrence that overlaps one already joined is left as it is.

    ``new``: when given, only chains holding one of these words are joined (a further round after a first one)."""
    vocab, codes = seg.vocab, seg.codes
    tags = _tags_of(mw.tok, vocab, mw.tags)
    stop = np.array([w in _stopset() for w in vocab], dtype=bool)
    heads = [mw.tok.tag(w[-2:]) if t == "l" and mw.tok.known(w[-2:]) else "" for w, t in zip(vocab, tags)]
    words = lx.chain_words(vocab, tags, stop, set(mw.tok.lexicon) | _keepset(), _keepset(), heads)
    touch = np.zeros(len(codes), dtype=bool)
    touch[:-1] = (seg.sent[:-1] == seg.sent[1:]) & (seg.ends[:-1] == seg.starts[1:])
    chains = lx.multiword_chains(codes, touch, words, mw.rule)
    if new is not None and not chains.empty:
        chains = chains[chains["parts"].map(lambda g: any(vocab[w] in new for w in g))]
    take_at, take_size, take_chain = _occurrences(chains, len(codes))
    if not len(take_at):
        return seg
    vocab, term_codes = _record(vocab, tags, chains, take_chain, mw)
    codes, ends = codes.copy(), seg.ends.copy()
    codes[take_at] = term_codes
    ends[take_at] = seg.ends[take_at + take_size - 1]
    keep = np.ones(len(codes), dtype=bool)
    for extra in range(1, int(take_size.max())):
        inside = take_size > extra
        keep[take_at[inside] + extra] = False
    counts = np.bincount(seg.sent[keep], minlength=len(seg.counts)).astype(np.int32)
    return _Segments(vocab, codes[keep], seg.starts[keep], counts, ends[keep], seg.sent[keep])


def _occurrences(chains: pd.DataFrame, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each chain is joined: start position, number of words and row of ``chains`` of every occurrence taken,
    in text order; chains are taken in table order (longest first) and never overlap."""
    used = np.zeros(n, dtype=bool)
    at, size, row = [], [], []
    for i, (parts, starts) in enumerate(zip(chains["parts"].tolist(), chains["starts"].tolist())):
        k = len(parts)
        for s in starts.tolist():
            if not used[s : s + k].any():
                used[s : s + k] = True
                at.append(s)
                size.append(k)
                row.append(i)
    order = np.argsort(np.array(at, dtype=np.int64), kind="stable")
    return (np.array(at, dtype=np.int64)[order], np.array(size, dtype=np.int64)[order], np.array(row)[order])


def _record(
    vocab: list[str], tags: list[str], chains: pd.DataFrame, rows: np.ndarray, mw: _Multiword
) -> tuple[list[str], np.ndarray]:
    """Codes of the joined terms of ``rows`` (new vocabulary entries as needed); each term and its joined
    occurrences recorded in ``mw`` (tag: the tag of its last word, Chinese compounds being head-final)."""
    index = {w: i for i, w in enumerate(vocab)}
    vocab = list(vocab)
    codes = np.empty(len(rows), dtype=np.int32)
    table = list(zip(chains["parts"].tolist(), chains["n12"].tolist(), chains["share"].tolist()))
    for j, r in enumerate(rows.tolist()):
        parts, n12, share = table[r]
        term = "".join(vocab[w] for w in parts)
        if term not in mw.found:
            note = f"{'+'.join(vocab[w] for w in parts)}: n12={n12}, share={share:.2f}"
            mw.found[term] = lx.Term(term, "multiword", 0, True, tags[parts[-1]], note)
            mw.tags.setdefault(term, tags[parts[-1]])
        mw.found[term].count += 1
        if term not in index:
            index[term] = len(vocab)
            vocab.append(term)
        codes[j] = index[term]
    return vocab, codes


@lru_cache(maxsize=1)
def _stopset() -> frozenset[str]:
    return stopwords()


@lru_cache(maxsize=1)
def _keepset() -> frozenset[str]:
    return keep_words()
