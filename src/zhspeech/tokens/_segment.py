"""Segmenting many sentences, in this process or in worker processes that take small chunks in turn; the chunks
are put back in text order, so any ``n_jobs`` gives the same table."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from .._checks import check_positive
from ._fastcut import Tokenizer

#: Texts shorter than this are tokenized in-process even with n_jobs > 1 (starting workers costs more).
PARALLEL_MIN_CHARS = 20_000


class _Segments:
    """Tokens of a list of sentences as arrays: vocabulary, codes, offsets, tokens per sentence; once complete,
    also each token's end and sentence index."""

    __slots__ = ("vocab", "codes", "starts", "counts", "ends", "sent")

    def __init__(
        self,
        vocab: list[str],
        codes: np.ndarray,
        starts: np.ndarray,
        counts: np.ndarray,
        ends: np.ndarray | None = None,
        sent: np.ndarray | None = None,
    ):
        self.vocab, self.codes, self.starts, self.counts = vocab, codes, starts, counts
        self.ends, self.sent = ends, sent

    def complete(self) -> _Segments:
        """Add each token's end offset and sentence index (done once, on the whole text)."""
        lengths = np.array([len(w) for w in self.vocab], dtype=np.int32)
        self.ends = self.starts + (lengths[self.codes] if len(self.codes) else 0)
        self.sent = np.repeat(np.arange(len(self.counts), dtype=np.int32), self.counts)
        return self


def _segment_range(tok: Tokenizer, text: str, bounds: tuple[list[int], list[int]], lo: int, hi: int) -> _Segments:
    words: list[str] = []
    starts: list[int] = []
    counts = np.zeros(hi - lo, dtype=np.int32)
    spans, begin, end = tok.spans_into, bounds[0], bounds[1]
    with _no_gc():
        for k in range(lo, hi):
            n0 = len(words)
            spans(text[begin[k] : end[k]], begin[k], words, starts)
            counts[k - lo] = len(words) - n0
    codes, uniques = pd.factorize(np.array(words, dtype=object))
    return _Segments(list(uniques), codes.astype(np.int32), np.array(starts, dtype=np.int32), counts)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (the loop makes no cycles; its many small lists only trigger scans)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


_WORKER: tuple | None = None


def _init_worker(*state) -> None:
    global _WORKER
    _WORKER = state  # under fork, inherited as is: the dictionary is loaded once, by the parent


def _drain(state: tuple | None = None) -> list[tuple[int, _Segments]]:
    """Take chunks off the shared counter until none is left; return them with their numbers."""
    tok, text, bounds, chunks, counter = state or _WORKER  # type: ignore[misc]
    done = []
    while True:
        with counter.get_lock():
            i = counter.value
            counter.value += 1
        if i >= len(chunks):
            return done
        done.append((i, _segment_range(tok, text, bounds, *chunks[i])))


def _chunks(lengths: np.ndarray, parts: int) -> list[tuple[int, int]]:
    """Contiguous sentence ranges of about equal character counts."""
    cum = np.cumsum(lengths)
    cuts = np.searchsorted(cum, cum[-1] * np.arange(1, parts) / parts, side="right")
    edges = np.unique(np.concatenate([[0], cuts, [len(lengths)]]))
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:]) if b > a]


def _concat(parts: list[_Segments]) -> _Segments:
    """One vocabulary for all parts, in first-occurrence order across them: what a single pass gives."""
    codes, vocab = pd.factorize(np.concatenate([np.array(p.vocab, dtype=object) for p in parts]))
    offsets = np.cumsum([0] + [len(p.vocab) for p in parts])
    joined = [codes[offsets[k] : offsets[k + 1]].astype(np.int32)[p.codes] for k, p in enumerate(parts)]
    return _Segments(
        list(vocab),
        np.concatenate(joined),
        np.concatenate([p.starts for p in parts]),
        np.concatenate([p.counts for p in parts]),
    )


def _segment(tok: Tokenizer, text: str, begin: np.ndarray, end: np.ndarray, n_jobs: int) -> _Segments:
    bounds = (begin.tolist(), end.tolist())
    if n_jobs == 1 or len(begin) < 2 or int((end - begin).sum()) < PARALLEL_MIN_CHARS:
        return _segment_range(tok, text, bounds, 0, len(begin))
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunks = _chunks(end - begin, n_jobs * 32)  # small chunks, taken in turn: everyone finishes together
    state = (tok, text, bounds, chunks, ctx.Value("i", 0))
    gc.freeze()  # workers then leave the inherited objects alone (no copy-on-write from collector scans)
    try:
        pool = ctx.Pool(n_jobs - 1, initializer=_init_worker, initargs=state)
    finally:
        gc.unfreeze()
    with pool:  # n_jobs - 1 workers and this process share the chunks
        pending = [pool.apply_async(_drain) for _ in range(n_jobs - 1)]
        done = dict(_drain(state))
        for result in pending:
            done.update(result.get())
    return _concat([done[i] for i in range(len(chunks))])  # in text order: the same table as n_jobs=1


def _check_jobs(n_jobs: int) -> int:
    """Worker count: a whole number ≥ 1, or -1 for one per core."""
    if isinstance(n_jobs, int) and not isinstance(n_jobs, bool) and n_jobs == -1:
        return os.cpu_count() or 1
    return check_positive("n_jobs (or -1 for all cores)", n_jobs)
