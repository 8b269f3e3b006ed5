"""Tokens: jieba segmentation with the project lexicon, dictionary POS tags, one memory-lean row per token.

    >>> speech = zhspeech.load(zhspeech.config.SPEECH_PATH)
    >>> speech.tokens.head()                       # = zhspeech.tokens.speech_tokens(speech)
    >>> zhspeech.tokenize("推动构建网络空间命运共同体。")

The token table has one row per token, in text order:

===========  =====================================================================================================
token        the token (categorical); ``text[start:end] == token``
pos          jieba's ICTCLAS tag (categorical): from the dictionary, the lexicon or the text's own terms
sentence     sentence id (as in ``speech.sentences``; for ``tokenize(text)``: a simple split, see below)
paragraph    paragraph id; ``section``: section number (0 = before the first heading / no sections)
start, end   int32 character offsets into ``speech.text`` (or the text given to ``tokenize``)
is_stop      a word in the stopword list (``zhspeech.stopwords``)
is_punct     punctuation or symbols only (no letter, digit or Han character)
is_word      not punctuation and not a number (digits, Chinese numerals 一…十百千万亿两零〇, decimal points and
             percent signs only): statistics count only these rows
===========  =====================================================================================================

Whitespace is never a token, and tokens never cross a sentence: each sentence is segmented on its own. For a Speech
only body sentences are tokenized (title, byline and headings are not sentences). ``tokenize(text)`` splits the raw
text into paragraphs at line breaks and into sentences after 。！？!?… (with any closing quote or bracket); its
``section`` is 0. For headings, points and page-break repair use ``zhspeech.parse(text).tokens``.

**Speed.** Segmentation follows ``jieba.Tokenizer.cut`` step for step (same dictionary graph, same route, same HMM
for unknown stretches), so it yields exactly jieba's tokens, but with the word log-probabilities precomputed; POS
tags come from jieba's dictionary table (the table ``jieba.posseg`` uses) instead of the much slower
``jieba.posseg`` pass, with ``posseg``'s HMM only for words not in the dictionary, once per distinct word. Numbers
and Latin words are tagged ``m`` and ``eng`` as ``posseg`` does. :func:`compare_posseg` measures the agreement.

**Parallel.** ``n_jobs=2`` cuts the sentences into small contiguous chunks of about equal size; ``n_jobs − 1``
worker processes and the calling process take them in turn (``fork``: the workers inherit the loaded dictionary;
where only ``spawn`` exists each worker rebuilds it once). Chunks are put back in text order, so the table is
identical to ``n_jobs=1``. Texts under ``PARALLEL_MIN_CHARS`` characters are done in-process.

**Lexicon.** See :mod:`zhspeech.lexicon` and ``data/lexicon/README.md``: the project lexicon and user lexicons, the
terms each text marks, and the multiword step. ``terms=False`` keeps only the lexicon files.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import math
import multiprocessing
import os
import re
import tempfile
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Mapping, Sequence

import jieba
import numpy as np
import pandas as pd
from jieba import finalseg

from . import cache
from . import lexicon as lx
from .errors import LexiconError
from .stopwords import keep_words, stopwords

if TYPE_CHECKING:  # pragma: no cover
    from .speech import Speech

__all__ = ["Tokenizer", "get_tokenizer", "tokenize", "speech_tokens", "terms_for", "compare_posseg"]

_RE_HAN = jieba.re_han_default  # the runs jieba segments with its dictionary; everything else is one char a token
_NUMBER = re.compile(r"[0-9０-９零〇一二三四五六七八九十百千万亿两.．%％]+")
_ENG = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")

#: Texts shorter than this are tokenized in-process even with n_jobs > 1 (starting workers costs more).
PARALLEL_MIN_CHARS = 20_000


@contextmanager
def _quiet_jieba() -> Iterator[None]:
    """Silence jieba's "Building prefix dict…" messages while we load, then restore its logging level."""
    logger = jieba.default_logger
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@lru_cache(maxsize=1)
def dictionary_tags() -> dict[str, str]:
    """jieba's word → POS table (the one ``jieba.posseg`` reads), cached in the temp dir like jieba's own cache."""
    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    stat = os.stat(path)
    digest = hashlib.md5(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()
    stored = os.path.join(tempfile.gettempdir(), f"zhspeech.tags.{digest}.cache")
    try:
        with open(stored, "rb") as f:
            return marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tags = {}
    with open(path, "rb") as f:
        for line in f:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    cache.write_atomic(Path(stored), marshal.dumps(tags))  # a read-only temp dir only costs time
    return tags


class Tokenizer:
    """jieba segmentation with a lexicon: a private ``jieba.Tokenizer``, a fast cut and dictionary POS tags.

    Get one with :func:`get_tokenizer` (cached per lexicon set). ``cut`` yields exactly the tokens of
    ``self.jieba.lcut`` (without whitespace); ``tag`` gives the ``jieba.posseg`` tag of a word.
    """

    def __init__(self, jt: jieba.Tokenizer, lexicon: dict[str, str], paths: tuple[Path, ...],
                 added: tuple[tuple[str, str], ...] = (), logs: dict[int, float] | None = None,
                 guessed: dict[str, str] | None = None):
        self.jieba = jt  # private instance; jieba's global tokenizer is never touched
        self.lexicon = lexicon  # word -> tag of every lexicon entry and text term
        self.paths = paths
        self.added = added  # (term, tag) added for one text by with_terms, in order
        self._freq = jt.FREQ
        self._logtotal = math.log(jt.total)
        if logs is None:  # log of every frequency in the dictionary (a few thousand distinct values)
            logs = {f: math.log(f) for f in set(jt.FREQ.values()) if f}
        self._log = logs
        self._tags = dictionary_tags()
        self._guessed: dict[str, str] = {} if guessed is None else guessed  # shared with copies: context-free

    def __repr__(self) -> str:
        return f"<zhspeech Tokenizer lexicon={[p.name for p in self.paths]} added={len(self.added)}>"

    def __reduce__(self):  # rebuilt from its recipe (a jieba.Tokenizer holds a lock and cannot be pickled)
        return (_rebuild, (self.paths, self.added))

    # ------------------------------------------------------------------------------------------- segmentation
    def cut(self, text: str) -> list[str]:
        """Tokens of ``text`` (jieba's accurate mode with HMM), whitespace left out."""
        words: list[str] = []
        self.spans_into(text, 0, words, [])
        return words

    def spans_into(self, text: str, offset: int, words: list[str], starts: list[int]) -> None:
        """Append the tokens of ``text`` to ``words`` and their offsets (+ ``offset``) to ``starts``."""
        pos = offset
        block = self._block
        for n, blk in enumerate(_RE_HAN.split(text)):  # split keeps the runs: they are the odd items
            if n & 1:
                block(blk, pos, words, starts)
            else:
                for j, ch in enumerate(blk):
                    if not ch.isspace() and ch.isprintable():
                        words.append(ch)
                        starts.append(pos + j)
            pos += len(blk)

    def _block(self, s: str, base: int, words: list[str], starts: list[int]) -> None:
        """jieba's ``__cut_DAG`` on one run: best route through the dictionary graph, HMM for unknown stretches."""
        n = len(s)
        get, logs, logtotal = self._freq.get, self._log, self._logtotal
        score = [0.0] * (n + 1)
        nxt = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            i = k + 1
            f = get(s[k])
            if f:
                best, bx = logs[f] - logtotal + score[i], i
            else:
                best, bx = -1e300, 0
            if f is not None:
                while i < n:  # longer words starting at k, while s[k:i] is a dictionary prefix
                    i += 1
                    f = get(s[k:i])
                    if f is None:
                        break
                    if f:
                        t = logs[f] - logtotal + score[i]
                        if t >= best:  # ties go to the longer word, as in jieba
                            best, bx = t, i
            if not bx:  # no word starts here: the character alone, at frequency 1
                best, bx = score[k + 1] - logtotal, k + 1
            score[k] = best
            nxt[k] = bx
        x, buf = 0, -1
        while x < n:
            y = nxt[x]
            if y - x == 1:
                if buf < 0:
                    buf = x
            else:
                if buf >= 0:
                    self._flush(s, buf, x, base, words, starts)
                    buf = -1
                words.append(s[x:y])
                starts.append(base + x)
            x = y
        if buf >= 0:
            self._flush(s, buf, n, base, words, starts)

    def _flush(self, s: str, a: int, b: int, base: int, words: list[str], starts: list[int]) -> None:
        """A stretch of single characters: kept as characters if known, else jieba's HMM (``finalseg``)."""
        buf = s[a:b]
        if b - a == 1 or self._freq.get(buf):
            for j in range(a, b):
                words.append(s[j])
                starts.append(base + j)
            return
        p = base + a
        for w in finalseg.cut(buf):
            words.append(w)
            starts.append(p)
            p += len(w)

    # ------------------------------------------------------------------------------------------------ tagging
    def known(self, word: str) -> bool:
        """Whether ``word`` is a word of the dictionary (jieba's plus lexicon and text terms)."""
        return bool(self._freq.get(word))

    def tag(self, word: str) -> str:
        """The ICTCLAS tag ``jieba.posseg`` gives ``word`` (lexicon tags first, then jieba's dictionary)."""
        tag = self.lexicon.get(word) or self._tags.get(word)
        if tag is None:
            tag = self._guessed.get(word)
            if tag is None:
                tag = self._guessed[word] = _guess_tag(word)
        return tag

    # ---------------------------------------------------------------------------------------------- variants
    def with_terms(self, terms: Mapping[str, str] | Sequence[tuple[str, str]]) -> "Tokenizer":
        """A copy with more words (``term → tag``), each at jieba's suggested frequency; self is unchanged."""
        items = tuple(terms.items()) if isinstance(terms, Mapping) else tuple(terms)
        jt = _copy_jieba(self.jieba)
        lexicon, logs = dict(self.lexicon), dict(self._log)
        for term, tag in items:
            if not jt.FREQ.get(term):
                jt.add_word(term, None, tag)
                logs.setdefault(jt.FREQ[term], math.log(jt.FREQ[term]))
            lexicon[term] = tag
        return Tokenizer(jt, lexicon, self.paths, self.added + items, logs, self._guessed)

    def posseg(self):
        """A ``jieba.posseg.POSTokenizer`` over an identical dictionary (for checking tags; slow)."""
        import jieba.posseg

        jt = _copy_jieba(self.jieba)
        jt.user_word_tag_tab = dict(self.lexicon)
        return jieba.posseg.POSTokenizer(jt)


def _copy_jieba(jt: jieba.Tokenizer) -> jieba.Tokenizer:
    copy = jieba.Tokenizer()
    copy.FREQ, copy.total, copy.initialized = dict(jt.FREQ), jt.total, True
    copy.user_word_tag_tab = dict(jt.user_word_tag_tab)
    return copy


def _guess_tag(word: str) -> str:
    """Tag of a word missing from the dictionary, as ``jieba.posseg`` would give it."""
    if _NUMBER.fullmatch(word):
        return "m"
    if _ENG.fullmatch(word):
        return "eng"
    if not any(ch.isalnum() for ch in word):
        return "x"
    han = "".join(lx._HAN.findall(word))
    if not han:
        return "x"
    viterbi, *model = _posseg_hmm()
    _, states = viterbi(han, *model)
    return states[-1][1]  # the tag of the last piece: Chinese compounds are head-final


@lru_cache(maxsize=1)
def _posseg_hmm() -> tuple:
    """``jieba.posseg``'s HMM: its viterbi and tables, loaded without importing ``jieba.posseg`` itself (whose
    import builds a second copy of the dictionary's tag table, 0.7 s)."""
    import importlib.util
    import sys

    loaded = sys.modules.get("jieba.posseg")
    if loaded is not None:
        return (loaded.viterbi, loaded.char_state_tab_P, loaded.start_P, loaded.trans_P, loaded.emit_P)
    folder = Path(jieba.__file__).parent / "posseg"
    parts = []
    for name in ("viterbi", "char_state_tab", "prob_start", "prob_trans", "prob_emit"):
        spec = importlib.util.spec_from_file_location(f"zhspeech._posseg_{name}", folder / f"{name}.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        parts.append(module.viterbi if name == "viterbi" else module.P)
    return tuple(parts)


def _rebuild(paths: tuple[Path, ...], added: tuple[tuple[str, str], ...]) -> Tokenizer:
    tok = _tokenizer_for(paths)
    return tok.with_terms(added) if added else tok


def _file_key(paths: tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    key = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError as exc:
            raise LexiconError(f"cannot read lexicon {path}: {exc.strerror or exc}") from None
        key.append((str(path.resolve()), stat.st_mtime_ns, stat.st_size))
    return tuple(key)


@lru_cache(maxsize=4)
def _build(key: tuple[tuple[str, int, int], ...]) -> Tokenizer:
    """The tokenizer for lexicon files ``key`` (path, mtime, size), built on the one for all but the last file."""
    if len(key) > 1:
        base = _build(key[:-1])
        jt, lexicon = _copy_jieba(base.jieba), dict(base.lexicon)
    else:
        jt, lexicon = jieba.Tokenizer(), {}
        with _quiet_jieba():
            jt.initialize()  # jieba's default dictionary, from jieba's cache in the temp dir
    base_tags = dictionary_tags()
    for e in lx.read_lexicon(key[-1][0]) if key else ():
        jt.add_word(e.word, e.freq)
        lexicon[e.word] = e.tag or base_tags.get(e.word) or lx.DEFAULT_TAG
    jt.user_word_tag_tab = dict(lexicon)
    return Tokenizer(jt, lexicon, tuple(Path(p) for p, _, _ in key))


def _tokenizer_for(paths: tuple[Path, ...]) -> Tokenizer:
    return _build(_file_key(paths))


def get_tokenizer(lexicon: lx.LexiconArg = None, *, project: bool = True) -> Tokenizer:
    """The tokenizer for the project lexicon (if ``project``) plus ``lexicon`` (a path or list of paths).

    Built once per set of lexicon files (and rebuilt when a file changes); a bad lexicon line raises LexiconError.
    """
    return _tokenizer_for(lx.lexicon_paths(lexicon, project=project))


# ------------------------------------------------------------------------------------------------ segmentation

class _Segments:
    """Tokens of a list of sentences as arrays: vocabulary, codes, offsets, tokens per sentence; once complete,
    also each token's end and sentence index."""

    __slots__ = ("vocab", "codes", "starts", "counts", "ends", "sent")

    def __init__(self, vocab: list[str], codes: np.ndarray, starts: np.ndarray, counts: np.ndarray,
                 ends: np.ndarray | None = None, sent: np.ndarray | None = None):
        self.vocab, self.codes, self.starts, self.counts = vocab, codes, starts, counts
        self.ends, self.sent = ends, sent

    def complete(self) -> "_Segments":
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
            spans(text[begin[k]:end[k]], begin[k], words, starts)
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
    joined = [codes[offsets[k]:offsets[k + 1]].astype(np.int32)[p.codes] for k, p in enumerate(parts)]
    return _Segments(list(vocab), np.concatenate(joined), np.concatenate([p.starts for p in parts]),
                     np.concatenate([p.counts for p in parts]))


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
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, (int, np.integer)) or not (n_jobs >= 1 or n_jobs == -1):
        raise ValueError(f"n_jobs must be a positive integer or -1 (all cores), got {n_jobs!r}")
    return (os.cpu_count() or 1) if n_jobs == -1 else int(n_jobs)


# ---------------------------------------------------------------------------------------------- multiword step

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


def _join_terms(vocab: list[str], tags: list[str], a_codes: np.ndarray, b_codes: np.ndarray, pairs: pd.DataFrame,
                mw: _Multiword) -> tuple[list[str], np.ndarray]:
    """Codes of the joined terms (new vocabulary entries as needed); each term recorded in ``mw``."""
    size = np.int64(len(vocab))
    keys, inverse, counts = np.unique(a_codes.astype(np.int64) * size + b_codes, return_inverse=True,
                                      return_counts=True)
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


# -------------------------------------------------------------------------------------------------- the table

def _small_int(values: np.ndarray) -> np.ndarray:
    """The smallest signed integer dtype that holds ``values`` (ids are small: int8/int16 mostly)."""
    top = int(values.max()) if len(values) else 0
    low = int(values.min()) if len(values) else 0
    for dtype in (np.int8, np.int16, np.int32):
        if np.iinfo(dtype).min <= low and top <= np.iinfo(dtype).max:
            return values.astype(dtype)
    return values.astype(np.int64)


def _word_flags(vocab: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per vocabulary entry: is_punct, is_word, is_stop."""
    punct = np.array([not any(ch.isalnum() for ch in w) for w in vocab], dtype=bool)
    number = np.array([_NUMBER.fullmatch(w) is not None for w in vocab], dtype=bool)
    word = ~punct & ~number
    stop = word & np.array([w in _stopset() for w in vocab], dtype=bool)
    return punct, word, stop


def _assemble(seg: _Segments, ids: Mapping[str, np.ndarray], tags: list[str]) -> pd.DataFrame:
    """The token table: categorical token and pos, small-int ids, int32 offsets, word flags."""
    used = np.bincount(seg.codes, minlength=len(seg.vocab)) > 0
    remap = (np.cumsum(used) - 1).astype(np.int32)
    vocab = [w for w, u in zip(seg.vocab, used) if u]
    tags = [t for t, u in zip(tags, used) if u]
    codes = remap[seg.codes]
    tag_names = sorted(set(tags))
    tag_codes = np.array([tag_names.index(t) for t in tags], dtype=np.int8)
    punct, word, stop = _word_flags(vocab)
    table = pd.DataFrame({
        "token": pd.Categorical.from_codes(codes, categories=pd.Index(vocab, dtype=object)),
        "pos": pd.Categorical.from_codes(tag_codes[codes] if len(codes) else codes,
                                         categories=pd.Index(tag_names, dtype=object)),
        **{name: _small_int(values[seg.sent]) for name, values in ids.items()},
        "start": seg.starts.astype(np.int32), "end": seg.ends.astype(np.int32),
        "is_stop": stop[codes], "is_punct": punct[codes], "is_word": word[codes],
    })
    return table


def _pipeline(text: str, sentences: pd.DataFrame, tok: Tokenizer, n_jobs: int,
              terms: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Token table of the sentences (``start``/``end`` into ``text``) and the table of terms the text added."""
    begin = sentences["start"].to_numpy(dtype=np.int64)
    end = sentences["end"].to_numpy(dtype=np.int64)
    ids = {c: sentences[c].to_numpy(dtype=np.int64) for c in ("sentence", "paragraph", "section")}
    found: dict[str, lx.Term] = {}
    if terms:
        found = {term.term: term for term in lx.marked_terms(text, tok)}
        added = [(t.term, t.tag) for t in found.values() if t.added]
        tok = tok.with_terms(added) if added else tok
    seg = _segment(tok, text, begin, end, n_jobs).complete()
    mw = _Multiword(tok, found=found)
    if terms:
        new: set[str] | None = None
        for _ in range(mw.rule.rounds):
            before = set(mw.tags)
            seg = _merge_round(seg, mw, new)
            new = set(mw.tags) - before  # later rounds only extend the terms just joined
            if not new:
                break
    table = _assemble(seg, ids, _tags_of(tok, seg.vocab, mw.tags))
    if found:  # a term that is a word is counted as tokens (the multiword step counted its own joins)
        counts = dict(zip(seg.vocab, np.bincount(seg.codes, minlength=len(seg.vocab)).tolist()))
        for term in found.values():
            if term.source != "multiword" and (term.added or term.note == "already a word"):
                term.count = counts.get(term.term, 0)
    return table, _terms_table(found.values())


def _terms_table(found: Sequence[lx.Term] | Iterator[lx.Term]) -> pd.DataFrame:
    table = pd.DataFrame([vars(t) for t in found], columns=["term", "source", "count", "added", "tag", "note"])
    order = {s: i for i, s in enumerate(lx._SOURCES)}
    table = table.assign(_o=table["source"].map(order)).sort_values(
        ["_o", "added", "count", "term"], ascending=[True, False, False, True], kind="mergesort")
    return table.drop(columns="_o").reset_index(drop=True).astype({"count": "int64", "added": bool})


# ------------------------------------------------------------------------------------------ sentences of a text

_SENTENCE = re.compile(r"[^\s。！？!?…][^\n。！？!?…]*(?:[。！？!?…]+[”’」』）)\]]*)?|[。！？!?…]+[”’」』）)\]]*")


def simple_sentences(text: str) -> pd.DataFrame:
    """Paragraphs at line breaks, sentences after 。！？!?… (and a closing quote or bracket): the split
    ``tokenize(text)`` uses. Returns ``sentence``, ``paragraph``, ``section`` (0), ``start``, ``end``."""
    starts, ends = [], []
    for m in _SENTENCE.finditer(text):
        starts.append(m.start())
        ends.append(m.start() + len(m.group().rstrip()))
    begin = np.array(starts, dtype=np.int64)
    newlines = np.array([m.start() for m in re.finditer("\n", text)], dtype=np.int64)
    line = np.searchsorted(newlines, begin)  # line of each sentence
    first_of_line = np.r_[True, line[1:] != line[:-1]] if len(line) else np.zeros(0, dtype=bool)
    return pd.DataFrame({"sentence": np.arange(1, len(begin) + 1), "paragraph": np.cumsum(first_of_line),
                         "section": np.zeros(len(begin), dtype=np.int64), "start": begin,
                         "end": np.array(ends, dtype=np.int64)})


# ---------------------------------------------------------------------------------------------- public API

_TERMS: OrderedDict[tuple, pd.DataFrame] = OrderedDict()  # terms of the last few texts, for text_terms()


def _remember(key: tuple, terms: pd.DataFrame) -> None:
    _TERMS[key] = terms
    _TERMS.move_to_end(key)
    while len(_TERMS) > 8:
        _TERMS.popitem(last=False)


def _run(text: str, sentences: pd.DataFrame, tok: Tokenizer, n_jobs: int, terms: bool, kind: str) -> pd.DataFrame:
    table, found = _pipeline(text, sentences, tok, _check_jobs(n_jobs), terms)
    if terms:
        _remember((kind, text, tok.paths), found)
    return table


def tokenize(text: str, *, n_jobs: int = 1, lexicon: lx.LexiconArg = None, terms: bool = True) -> pd.DataFrame:
    """Token table of a raw text (see the module docstring for the columns).

    ``lexicon``: user lexicon file(s), loaded after the project lexicon. ``terms=False`` skips the terms the text
    marks and the multiword step (plain lexicon segmentation). ``n_jobs=2`` segments in two worker processes
    (same table). Offsets index ``text`` as given; sentences come from :func:`simple_sentences`.
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() expects a str, got {type(text).__name__}")
    return _run(text, simple_sentences(text), get_tokenizer(lexicon), n_jobs, terms, "text")


def speech_tokens(speech: "Speech", *, n_jobs: int = 1, terms: bool = True) -> pd.DataFrame:
    """Token table of a Speech's body sentences (``Speech.tokens`` calls this), with its lexicon.

    With ``terms`` (the default) the table and the text's terms are kept in the on-disk cache
    (:mod:`zhspeech.cache`), keyed by the text, the lexicon files' contents and the kit's code, so the notebooks
    of a report tokenize a speech once.
    """
    if not terms:
        return _run(speech.text, speech.sentences, get_tokenizer(speech.lexicon), n_jobs, terms, "speech")
    paths = _resolved_paths(speech.lexicon)
    entry = cache.key("tokens", [speech.text, *(str(p) for p in paths), *paths])

    def compute() -> tuple[pd.DataFrame, pd.DataFrame]:
        tok = get_tokenizer(speech.lexicon)
        table = _run(speech.text, speech.sentences, tok, n_jobs, terms, "speech")
        return table, _TERMS[("speech", speech.text, tok.paths)]

    table, found = cache.cached(entry, compute)
    _remember(("speech", speech.text, paths), found)
    return table


def _resolved_paths(lexicon: lx.LexiconArg) -> tuple[Path, ...]:
    """The lexicon files as a built tokenizer names them (``Tokenizer.paths``), without building it."""
    return tuple(Path(p) for p, _, _ in _file_key(lx.lexicon_paths(lexicon)))


def terms_for(data: "str | Speech", *, lexicon: lx.LexiconArg = None) -> pd.DataFrame:
    """The terms table of a text or speech (``zhspeech.lexicon.text_terms``), from cache when already tokenized."""
    if isinstance(data, str):
        key, text = "text", data
        paths = get_tokenizer(lexicon).paths
    else:
        key, text, paths = "speech", data.text, _resolved_paths(data.lexicon)
    found = _TERMS.get((key, text, paths))
    if found is None:
        if key == "text":
            tokenize(text, lexicon=lexicon)
        else:
            speech_tokens(data)  # type: ignore[arg-type]
        found = _TERMS[(key, text, paths)]
    return found.copy()


def compare_posseg(data: "str | Speech", *, lexicon: lx.LexiconArg = None) -> pd.DataFrame:
    """Our tokens and tags beside ``jieba.posseg``'s, over an identical dictionary (lexicon + the text's terms).

    ``posseg`` runs on the same sentences. Rows are our tokens: ``token``, ``start``, ``end``, ``pos``,
    ``posseg`` (posseg's tag for a token with exactly the same span; empty where posseg cut the span differently),
    ``agree`` (same span and same tag). ``table["agree"].mean()`` is the agreement rate. Slow: posseg is the
    reference, not the hot path.
    """
    if isinstance(data, str):
        text, tokens, sentences = data, tokenize(data, lexicon=lexicon), simple_sentences(data)
    else:
        text, tokens, sentences = data.text, data.tokens, data.sentences
    terms = terms_for(data, lexicon=lexicon)
    added = terms[terms["added"]]
    tok = get_tokenizer(lexicon if isinstance(data, str) else data.lexicon)
    postok = tok.with_terms(list(zip(added["term"], added["tag"]))).posseg()
    spans: dict[tuple[int, int], str] = {}
    for a, b in zip(sentences["start"].tolist(), sentences["end"].tolist()):
        pos = a
        for pair in postok.cut(text[a:b]):
            spans[(pos, pos + len(pair.word))] = pair.flag
            pos += len(pair.word)
    table = tokens[["token", "start", "end", "pos"]].astype({"token": str, "pos": str})
    table["posseg"] = [spans.get(k) for k in zip(table["start"].tolist(), table["end"].tolist())]
    table["agree"] = table["posseg"] == table["pos"]
    return table
