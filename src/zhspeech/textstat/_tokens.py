"""What every statistic shares: the checked token table, the parts it counts, its words, sentence runs, and where
a term occurs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._checks import check_choice, require_columns
from ..errors import OptionError

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech


_COLUMNS = ("token", "sentence", "paragraph", "section", "start", "end", "is_word")

#: The parts of a text (the ``part`` column of ``speech.sentences`` and of the token table), in reading order.
PARTS = ("title", "heading", "body", "back")
#: What the statistics count unless told otherwise: the title, the headings and the body; back matter (appendices,
#: glossaries) only when asked for.
DEFAULT_PARTS = ("title", "heading", "body")

Parts = str | Sequence[str] | None


def check_parts(parts: Parts) -> tuple[str, ...]:
    """``parts`` as a tuple of part names (``None``: :data:`DEFAULT_PARTS`; one name: a tuple of it);
    ``OptionError`` naming the allowed values for anything else."""
    if parts is None:
        return DEFAULT_PARTS
    try:
        chosen = (parts,) if isinstance(parts, str) else tuple(parts)
    except TypeError:  # not a name nor a collection of names
        chosen = ()
    if not chosen:
        raise OptionError(f"parts={parts!r} must name one or more of {', '.join(map(repr, PARTS))}")
    for part in chosen:
        check_choice("parts", part, PARTS)
    return tuple(p for p in PARTS if p in chosen)


def in_parts(table: pd.DataFrame, parts: Parts) -> pd.DataFrame:
    """The rows of ``table`` (tokens or sentences) in ``parts``; a table without a ``part`` column is all body."""
    chosen = check_parts(parts)
    if "part" not in table.columns:
        return table if "body" in chosen else table.iloc[:0]
    keep = table["part"].isin(chosen).to_numpy()
    return table if keep.all() else table.loc[keep]


def _counted(data: pd.DataFrame | Speech, parts: Parts) -> pd.DataFrame:
    """The token table of ``data`` restricted to ``parts``: the tokens a statistic counts."""
    return in_parts(_table(data), parts)


def _table(data: pd.DataFrame | Speech) -> pd.DataFrame:
    """The token table of ``data`` (a Speech or a table), checked and in text order."""
    tokens = data if isinstance(data, pd.DataFrame) or not hasattr(data, "tokens") else data.tokens
    require_columns(tokens, _COLUMNS, "token table (speech.tokens)")
    if len(tokens) and not tokens["start"].is_monotonic_increasing:
        tokens = tokens.sort_values("start", kind="mergesort")
    return tokens


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    """Rows with ``is_word``, with ``term`` as a plain string column."""
    words = tokens.loc[tokens["is_word"].astype(bool)]
    return words.assign(term=words["token"].astype(str).to_numpy(dtype=object))


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


def _text_and_tokens(data: pd.DataFrame | Speech) -> tuple[str, pd.DataFrame]:
    tokens = _table(data)
    text = data.text if not isinstance(data, pd.DataFrame) else _token_text(tokens)
    return text, tokens


def _check_term(term: object) -> str:
    """``term`` without surrounding whitespace; ``OptionError`` unless it is a non-empty string."""
    if not isinstance(term, str) or not term.strip():
        raise OptionError(f"term must be a non-empty string, got {term!r}")
    return term.strip()


def _term_spans(text: str, tokens: pd.DataFrame, term: str, substring: bool = False) -> np.ndarray:
    """Character spans (start, end) where ``term`` occurs inside one sentence.

    By default a match must start and end on token boundaries (the term is a token or a run of whole tokens);
    ``substring=True`` also finds it inside longer tokens (数字 in 数字经济).
    """
    term = _check_term(term)
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
