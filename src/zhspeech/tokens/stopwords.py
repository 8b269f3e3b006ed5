"""Stopwords for policy speeches: a maintained list, a short genre list, minus the words that carry meaning here."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import config
from ..errors import LexiconError
from .lexicon import read_utf8


def read_word_list(path: str | Path) -> list[str]:
    """Words of a one-word-a-line file (UTF-8; empty lines and ``#`` comments ignored), in file order."""
    path = Path(path)
    text = read_utf8(path, "word list")
    words = []
    for lineno, line in enumerate(text.splitlines(), 1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if any(ch.isspace() for ch in word):
            raise LexiconError(f"{path}, line {lineno}: one word a line expected, got {line.strip()!r}")
        words.append(word)
    return words


@lru_cache(maxsize=8)
def _stopwords(base: bool, genre: bool, keep: bool) -> frozenset[str]:
    words: set[str] = set()
    if base:
        import stopwordsiso

        words |= set(stopwordsiso.stopwords("zh"))
    if genre:
        words |= set(read_word_list(config.STOPWORDS_GENRE_PATH))
    if keep:
        words -= set(read_word_list(config.STOPWORDS_KEEP_PATH))
    return frozenset(words)


def stopwords(*, base: bool = True, genre: bool = True, keep: bool = True) -> frozenset[str]:
    """The stopword set: ``stopwordsiso`` zh (``base``) plus the genre list, minus the keep-list.

    The base list is ``stopwordsiso``'s Chinese list (Stopwords ISO, maintained upstream). Two project files in
    ``data/lexicon/`` adjust it for the genre (see ``data/lexicon/README.md``):

    - ``stopwords_genre.txt`` adds formulaic fillers of official speeches (light verbs such as 进行/予以, discourse
      markers such as 一是/二是, 当前, 此外);
    - ``stopwords_keep.txt`` lists policy verbs and adverbs (坚持, 加强, 推动, 促进, 深化, 积极, 构建, 发展, 合作 …)
      that are never stopwords in this genre, even where a general list has them.

    Turn a part off to see its effect, e.g. ``stopwords(keep=False)`` is the list without the genre's keep-list.
    Only word tokens can be stopwords: punctuation, numbers and whitespace are never counted as words at all (see
    ``zhspeech.tokenize``).
    """
    return _stopwords(bool(base), bool(genre), bool(keep))


def keep_words() -> frozenset[str]:
    """Policy verbs and adverbs that are never stopwords in this genre (``data/lexicon/stopwords_keep.txt``)."""
    return frozenset(read_word_list(config.STOPWORDS_KEEP_PATH))
