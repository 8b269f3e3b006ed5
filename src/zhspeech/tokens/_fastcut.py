"""The fast jieba path: a private ``jieba.Tokenizer`` per lexicon set, a cut that yields exactly jieba's tokens
(except that a year in Chinese numerals is one token) with the word log-probabilities precomputed, and POS tags
read from jieba's dictionary table instead of a ``jieba.posseg`` pass (its HMM only for words the dictionary lacks,
once per word)."""

from __future__ import annotations

import hashlib
import logging
import marshal
import math
import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import jieba
from jieba import finalseg

from .. import cache, config
from ..errors import LexiconError
from . import lexicon as lx

_RE_HAN = jieba.re_han_default  # the runs jieba segments with its dictionary; everything else is one char a token

#: A number token: digits and numerals, or a year written in Chinese numerals (一九五三年, 二〇三五年, 一九八○年).
_NUMBER = re.compile(r"[0-9０-９零〇一二三四五六七八九十百千万亿两.．%％]+|[一二][〇零○一二三四五六七八九]{3}年")
#: A year in Chinese numerals, kept as one token (jieba cuts 二〇三五年 into 二 / 〇 / 三五年); not after a numeral.
_YEAR = re.compile(r"(?<![〇零○一二三四五六七八九十百千万两0-9])[一二][〇零○一二三四五六七八九]{3}年")

_ENG = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")


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
    """jieba's word → POS table (the one ``jieba.posseg`` reads), kept in ``config.CACHE_DIR`` between processes."""
    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    stat = os.stat(path)
    digest = hashlib.md5(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()
    stored = config.CACHE_DIR / f"jieba-tags-{digest}.marshal"
    try:  # loads() of the bytes: three times faster than load() from the file object
        return marshal.loads(stored.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tags = {}
    with open(path, "rb") as f:
        for line in f:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    cache.write_atomic(stored, marshal.dumps(tags))  # a read-only temp dir only costs time
    return tags


class Tokenizer:
    """jieba segmentation with a lexicon: a private ``jieba.Tokenizer``, a fast cut and dictionary POS tags.

    Get one with :func:`get_tokenizer` (cached per lexicon set). ``cut`` yields exactly the tokens of
    ``self.jieba.lcut`` (without whitespace), a year in Chinese numerals (二〇三五年) being one token; ``tag``
    gives the ``jieba.posseg`` tag of a word.
    """

    def __init__(
        self,
        jt: jieba.Tokenizer,
        lexicon: dict[str, str],
        paths: tuple[Path, ...],
        added: tuple[tuple[str, str], ...] = (),
        logs: dict[int, float] | None = None,
        guessed: dict[str, str] | None = None,
    ):
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
        """Tokens of ``text`` (jieba's accurate mode with HMM; a year in Chinese numerals one token), whitespace
        left out."""
        words: list[str] = []
        self.spans_into(text, 0, words, [])
        return words

    def spans_into(self, text: str, offset: int, words: list[str], starts: list[int]) -> None:
        """Append the tokens of ``text`` to ``words`` and their offsets (+ ``offset``) to ``starts``; a year in
        Chinese numerals (:data:`_YEAR`) is one token, the text around it is cut as jieba cuts it."""
        pos = 0
        for m in _YEAR.finditer(text) if "年" in text else ():
            self._spans(text[pos : m.start()], offset + pos, words, starts)
            words.append(m.group())
            starts.append(offset + m.start())
            pos = m.end()
        self._spans(text[pos:] if pos else text, offset + pos, words, starts)

    def _spans(self, text: str, offset: int, words: list[str], starts: list[int]) -> None:
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
    def with_terms(self, terms: Mapping[str, str] | Sequence[tuple[str, str]]) -> Tokenizer:
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
    han = "".join(lx.JIEBA_HAN.findall(word))
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
            _initialize(jt)
    base_tags = dictionary_tags()
    for e in lx.read_lexicon(key[-1][0]) if key else ():
        jt.add_word(e.word, e.freq)
        lexicon[e.word] = e.tag or base_tags.get(e.word) or lx.DEFAULT_TAG
    jt.user_word_tag_tab = dict(lexicon)
    return Tokenizer(jt, lexicon, tuple(Path(p) for p, _, _ in key))


def _initialize(jt: jieba.Tokenizer) -> None:
    """Load jieba's default dictionary: from jieba's own cache file (what ``initialize`` reads, when it is newer
    than the dictionary) with ``marshal.loads`` on its bytes, three times faster than jieba's ``marshal.load`` on
    the open file — a worker process starts a second sooner; anything else is left to ``initialize``."""
    if jt.cache_file is None and jt.dictionary == jieba.DEFAULT_DICT:
        stored = Path(jt.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
        source = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
        try:
            if stored.stat().st_mtime > source.stat().st_mtime:
                jt.FREQ, jt.total = marshal.loads(stored.read_bytes())
                jt.initialized = True
                return
        except (OSError, EOFError, ValueError, TypeError):
            pass
    jt.initialize()


def _tokenizer_for(paths: tuple[Path, ...]) -> Tokenizer:
    return _build(_file_key(paths))


def get_tokenizer(lexicon: lx.LexiconArg = None, *, project: bool = True, genre: bool = False) -> Tokenizer:
    """The tokenizer for the project lexicon (if ``project``), the genre lexicon (if ``genre``) plus ``lexicon``
    (a path or list of paths).

    Built once per set of lexicon files (and rebuilt when a file changes); a bad lexicon line raises LexiconError.
    """
    return _tokenizer_for(lx.lexicon_paths(lexicon, project=project, genre=genre))
