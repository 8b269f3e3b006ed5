"""The tokenizer's word dictionary, read without importing jieba: word frequencies and jieba's segmentation route.

:func:`load` reads ``dict.txt`` of the installed jieba package (found with ``importlib.util.find_spec``, which does
not run the package) and adds the project lexicon the way the tokenizer does. The parsed dictionary is kept in
``config.CACHE_DIR`` between processes and loaded once per process. :meth:`Dictionary.segment` is jieba's
max-probability route over that dictionary (log frequency over the dictionary total, no HMM).
"""

from __future__ import annotations

import hashlib
import marshal
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .. import cache, config


@dataclass
class Dictionary:
    """jieba's dictionary (plus the project lexicon): word frequencies and the POS tags of single characters.

    The words are kept as one UTF-8 byte string per first character (``\\nword\\tfreq`` entries), which loads in
    milliseconds and is searched only for the few characters a text asks about.
    """

    buckets: dict[str, bytes]
    tags: dict[str, str]
    total: int
    longest: int
    added: dict[str, int] = field(default_factory=dict)  # lexicon words
    added_prefixes: set[str] = field(default_factory=set)
    _seen: dict[str, int | None] = field(default_factory=dict, repr=False)

    def freq(self, word: str) -> int | None:
        """The frequency of ``word``: 0 when it only begins longer words, None when no word begins with it."""
        if word in self._seen:
            return self._seen[word]
        found = self.added.get(word)
        if found is None:
            bucket, key = self.buckets.get(word[0], b""), b"\n" + word.encode()
            at = bucket.find(key + b"\t")
            if at >= 0:
                found = int(bucket[at + len(key) + 1 : bucket.index(b"\n", at + 1)])
            elif word in self.added_prefixes or bucket.find(key) >= 0:
                found = 0
        self._seen[word] = found
        return found

    def segment(self, text: str) -> list[str]:
        """The words of ``text`` on jieba's max-probability route (``jieba.cut(text, HMM=False)`` on Han text)."""
        n, log_total = len(text), math.log(self.total)
        score, nxt = [0.0] * (n + 1), list(range(1, n + 2))
        for i in range(n - 1, -1, -1):
            best = None
            for j in range(i + 1, min(n, i + self.longest) + 1):
                f = self.freq(text[i:j])
                if f is None:
                    break  # no word begins with text[i:j]
                if f:
                    candidate = (math.log(f) - log_total + score[j], j)
                    best = candidate if best is None or candidate > best else best
            # a character that begins no word is a word of frequency 1, as in jieba
            score[i], nxt[i] = best if best is not None else (score[i + 1] - log_total, i + 1)
        words, i = [], 0
        while i < n:
            words.append(text[i : nxt[i]])
            i = nxt[i]
        return words

    def tag(self, char: str) -> str | None:
        """jieba's POS tag of a single character (None when the dictionary lacks it)."""
        return self.tags.get(char)

    def add(self, word: str, freq: int | None = None) -> None:
        """Add a word as ``jieba.Tokenizer.add_word`` does (no frequency: just enough to keep the word whole)."""
        if freq is None:
            product = 1.0
            for part in self.segment(word):
                product *= (self.freq(part) or 1) / self.total
            freq = max(int(product * self.total) + 1, self.freq(word) or 1)
        self.added[word] = freq
        self.added_prefixes.update(word[:k] for k in range(1, len(word)))
        self.total += freq
        self.longest = max(self.longest, len(word))
        self._seen.clear()


def jieba_dictionary_path() -> Path | None:
    """``dict.txt`` of the installed jieba package, or None when jieba is not installed."""
    try:
        spec = find_spec("jieba")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


def _parse(path: Path) -> tuple[dict[str, bytes], dict[str, str], int, int]:
    """Words by first character, single-character tags, the total (which, as in jieba, counts a repeated word each
    time) and the longest word's length."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    with open(path, "rb") as f:
        for line in f:
            parts = line.decode("utf-8").split()
            if len(parts) >= 2 and parts[1].isdigit():
                freq[parts[0]] = int(parts[1])
                total += int(parts[1])
                if len(parts) == 3 and len(parts[0]) == 1:
                    tags[parts[0]] = parts[2]
    entries: dict[str, list[str]] = {}
    for word, f in freq.items():
        entries.setdefault(word[0], []).append(f"\n{word}\t{f}")
    buckets = {first: ("".join(e) + "\n").encode() for first, e in entries.items()}
    return buckets, tags, total, max(map(len, freq), default=1)


def _read(path: Path, lexicon: Path) -> tuple:
    """The dictionary file with the lexicon added, from the cache when neither file (path, size, mtime) changed."""
    stamps = []
    for file in (path, lexicon):
        try:
            stat = file.stat()
            stamps.append(f"{file}|{stat.st_size}|{stat.st_mtime_ns}")
        except OSError:
            stamps.append(f"{file}|missing")
    digest = hashlib.md5("|".join(stamps).encode()).hexdigest()
    stored = config.CACHE_DIR / f"jieba-dict-{digest}.marshal"
    try:
        parsed = marshal.loads(stored.read_bytes())  # loads(): marshal.load reads a file slowly
        if isinstance(parsed, tuple) and len(parsed) == 6:
            return parsed
    except (OSError, EOFError, ValueError, TypeError):
        pass
    words = Dictionary(*_parse(path))
    for word, freq in _lexicon_words(lexicon):
        words.add(word, freq)
    parsed = (words.buckets, words.tags, words.total, words.longest, words.added, words.added_prefixes)
    cache.write_atomic(stored, marshal.dumps(parsed))  # a read-only cache folder only costs time
    return parsed


def _lexicon_words(path: Path) -> list[tuple[str, int | None]]:
    """``(word, freq)`` of a lexicon file (format of ``tokens.lexicon.read_lexicon``); lines it would reject are
    skipped here (the tokenizer reports them)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    words = []
    for line in text.splitlines():
        fields = line.split()
        if fields and not fields[0].startswith("#") and len(fields) <= 3:
            freq = next((int(f) for f in fields[1:] if f.isascii() and f.isdigit()), None)
            if freq != 0:
                words.append((fields[0], freq))
    return words


@lru_cache(maxsize=1)
def load() -> Dictionary | None:
    """jieba's dictionary with the project lexicon, once per process; None when jieba is not installed."""
    path = jieba_dictionary_path()
    if path is None:
        return None
    try:
        return Dictionary(*_read(path, config.LEXICON_PATH))
    except (OSError, UnicodeDecodeError):
        return None
