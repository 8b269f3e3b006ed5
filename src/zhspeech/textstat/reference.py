"""Reference word counts for keyness: what "general Chinese" looks like.

``load_reference()`` gives the default, jieba's dictionary counts (its docstring gives the source and caveats);
``load_reference(path)`` and ``Reference.from_tokens`` build other references.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from .. import cache
from ..errors import SpeechError, SpeechFileError

__all__ = ["Reference", "load_reference"]

JIEBA_SOURCE = (
    "jieba {version} dictionary (jieba/dict.txt): integer word counts from the segmented general-Chinese "
    "corpus the dictionary was compiled from (news text incl. People's Daily and other texts; "
    "see fxsjy/jieba#7, #896); {total:,} words, {types:,} word types"
)


@dataclass(frozen=True, eq=False)
class Reference:
    """Word counts of a reference corpus and its size in words.

    ``counts`` is an int64 Series indexed by term; ``total`` is the corpus size the counts are out of (the sum of
    all counts for a dictionary-style list). ``name`` is short (``"jieba"``), ``source`` says where the counts come
    from and is printed with every keyness table.
    """

    counts: pd.Series
    total: int
    name: str
    source: str = ""

    def __post_init__(self) -> None:
        if self.total <= 0:
            raise SpeechError(f"reference {self.name!r} has size {self.total}; it needs at least one word")
        if len(self.counts) and int(self.counts.max()) > self.total:
            raise SpeechError(f"reference {self.name!r}: a count exceeds the corpus size {self.total}")

    def __len__(self) -> int:
        return len(self.counts)

    def __contains__(self, term: object) -> bool:
        return term in self.counts.index

    def count(self, terms: str | list[str] | pd.Index | pd.Series) -> np.ndarray | int:
        """Reference count of one term (int) or of each term (array); 0 for terms the reference lacks."""
        if isinstance(terms, str):
            return int(self.counts.get(terms, 0))
        return self.counts.reindex(pd.Index(terms, dtype=object)).fillna(0).to_numpy(dtype=np.int64)

    @classmethod
    def from_counts(
        cls, counts: Mapping[str, int] | pd.Series, *, name: str, source: str = "", total: int | None = None
    ) -> Reference:
        """A reference from term → count; ``total`` defaults to the sum of the counts."""
        series = pd.Series(counts, dtype="int64") if not isinstance(counts, pd.Series) else counts.astype("int64")
        if (series < 0).any():
            raise SpeechError(f"reference {name!r} has negative counts")
        series.index = series.index.astype(str)
        if not series.index.is_unique:
            series = series.groupby(level=0, sort=False).sum()
        return cls(series, int(series.sum()) if total is None else int(total), name, source)

    @classmethod
    def from_tokens(cls, tokens: pd.DataFrame, *, name: str = "tokens", source: str = "") -> Reference:
        """A reference from a token table: counts of its words (rows with ``is_word``)."""
        column = "norm" if "norm" in tokens.columns else "token"  # a traditional text counts its simplified forms
        words = tokens.loc[tokens["is_word"].astype(bool), column].astype(str)
        counts = words.value_counts()
        return cls.from_counts(counts, name=name, source=source or f"{name}: {len(words):,} words")


def load_reference(name: str | Path = "jieba") -> Reference:
    """Load a reference: ``"jieba"`` (default) or a file of ``word count [tag]`` lines.

    The default reference is **jieba's bundled dictionary** (``jieba/dict.txt``, jieba 0.42.1): 349,046 lines of
    ``word count tag`` giving integer word counts in the segmented corpus jieba's dictionary was compiled from,
    60,101,967 words in all. The jieba project publishes the counts, not the corpus; its issue tracker describes that
    corpus as segmented news text (People's Daily) and other general texts (fxsjy/jieba#7, #896). It is therefore a
    reference for general written Chinese of roughly the 1990s–2000s, segmented by the same dictionary the speech's
    tokens come from, which keeps the two sides of the comparison on one segmentation scheme.

    Why not wordfreq's ``zh`` list: it gives rounded proportions blended from several sources, not the counts behind
    them, so a G² computed from it would need an invented corpus size and could not be recomputed from reported
    integers.

    Caveats, visible in the counts themselves: about half of the entries carry the floor count 3 (listed but rare);
    the count of 的 (318,825, 0.53 % of the total) is far below its frequency in running text (wordfreq: about 6 %),
    so 的 looks over-used against this reference; and terms the project lexicon keeps whole (网络空间命运共同体) are
    not entries, so their reference count is 0. Duplicate entries (jieba has one) are summed.

    Any other reference works the same way: ``load_reference(path)`` reads a file in the same ``word count [tag]``
    format (for instance counts from a corpus of earlier speeches), and ``Reference.from_tokens`` turns a token
    table — another speech — into a reference.
    """
    if isinstance(name, str) and name == "jieba":
        return _jieba_reference()
    path = Path(name)
    if not path.is_file():
        raise SpeechFileError(f"reference {str(name)!r} is neither 'jieba' nor a readable file of 'word count' lines")
    return _read_counts_file(path)


@lru_cache(maxsize=1)
def _jieba_reference() -> Reference:
    spec = importlib.util.find_spec("jieba")  # locate jieba's files without importing it
    if spec is None or not spec.submodule_search_locations:
        raise SpeechError("the jieba package is not installed; it provides the default reference counts")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return cache.cached(cache.key("reference", [path]), lambda: _read_jieba(path))


def _read_jieba(path: Path) -> Reference:
    # jieba's own file: one 'word count tag' per line, read by pandas' C parser (a Python loop takes seconds)
    frame = pd.read_csv(
        path,
        sep=" ",
        header=None,
        names=["term", "count", "tag"],
        usecols=["term", "count"],
        dtype={"term": str, "count": "int64"},
        keep_default_na=False,
        quoting=3,
        encoding="utf-8",
    )
    ref = Reference.from_counts(pd.Series(frame["count"].to_numpy(), index=frame["term"].to_numpy()), name="jieba")
    source = JIEBA_SOURCE.format(version=metadata.version("jieba"), total=ref.total, types=len(ref))
    return Reference(ref.counts, ref.total, "jieba", source)


def _read_counts_file(path: Path, name: str | None = None) -> Reference:
    terms: list[str] = []
    counts: list[int] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SpeechFileError(f"cannot read reference {path}: {exc}") from None
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if len(parts) < 2 or not parts[1].isdigit():
            raise SpeechError(f"{path}, line {number}: expected 'word count [tag]', got {line.strip()!r}")
        terms.append(parts[0])
        counts.append(int(parts[1]))
    if not terms:
        raise SpeechError(f"{path}: no 'word count' lines")
    series = pd.Series(counts, index=terms, dtype="int64")
    ref_name = name or path.stem
    return Reference.from_counts(series, name=ref_name, source=f"{path.name}: word counts from {path}")
