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
from ..text.script import to_simplified

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
    """Rows with ``is_word``, with ``term`` (the ``norm`` a statistic counts: the simplified form of a traditional
    text's token, else the token) and ``written`` (the token as written) as plain string columns."""
    words = tokens.loc[tokens["is_word"].astype(bool)]
    written = words["token"].astype(str).to_numpy(dtype=object)
    norm = words["norm"].astype(str).to_numpy(dtype=object) if "norm" in words.columns else written
    return words.assign(term=norm, written=written)


def is_traditional(tokens: pd.DataFrame) -> bool:
    """Whether the token table is of a traditional text (``attrs["script"]``; else ``norm`` differs from
    ``token`` somewhere)."""
    script = tokens.attrs.get("script")
    if script is not None or "norm" not in tokens.columns:
        return script == "traditional"
    return bool((tokens["token"].astype(str) != tokens["norm"].astype(str)).any())


def with_written(table: pd.DataFrame, words: pd.DataFrame) -> pd.DataFrame:
    """``table`` (a ``term`` column of norms) with a ``written`` column after ``term`` when the words are of a
    traditional text: the forms as written, most frequent first, joined by 、 (發展; 於、于 where both occur)."""
    if not is_traditional(words) or "term" not in table.columns:
        return table
    pairs = words.groupby(["term", "written"], sort=False).size().rename("n").reset_index()
    pairs = pairs.sort_values(["term", "n", "written"], ascending=[True, False, True], kind="mergesort")
    forms = pairs.groupby("term", sort=False)["written"].agg("、".join)
    table = table.copy()
    table.insert(table.columns.get_loc("term") + 1, "written", table["term"].map(forms).to_numpy(dtype=object))
    return table


def script_notice(data: pd.DataFrame | Speech) -> str:
    """One line saying in which script the text is written and, for a traditional text, how it is counted."""
    tokens = _table(data)
    if not is_traditional(tokens):
        return "Written in simplified characters: words are counted as written."
    words = tokens.loc[tokens["is_word"].astype(bool)]
    changed = int((words["token"].astype(str).to_numpy() != words["norm"].astype(str).to_numpy()).sum())
    return (
        f"Written in traditional characters: segmented, tagged and counted in simplified form (OpenCC t2s; {changed:,}"
        f" of {len(words):,} words differ as written); the tables show simplified terms, `token` keeps the text."
    )


def _search_text(text: str, tokens: pd.DataFrame) -> str:
    """The string a term is searched in: the simplified form of a traditional text (same length), else ``text``."""
    if not is_traditional(tokens):
        return text
    return to_simplified(text)


def _search_term(term: str, tokens: pd.DataFrame) -> str:
    """``term`` as searched: simplified for a traditional text (发展 and 發展 find the same words)."""
    if not is_traditional(tokens):
        return term
    return to_simplified(term)


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
    for token, start in zip(tokens["token"].astype(str), tokens["start"].to_numpy()):  # as written
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
    ``substring=True`` also finds it inside one longer token (数字 in 数字经济), never across a token boundary
    (展现 in 开发|展现 does not contain 发展). In a traditional text ``text`` is its simplified form
    (:func:`_search_text`) and the term is simplified too.
    """
    term = _search_term(_check_term(term), tokens)
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
    whole = np.isin(found[:, 0], starts) & np.isin(found[:, 1], ends)
    if substring:  # or inside one token: the token starting last at or before the match ends after it
        at = np.searchsorted(starts, found[:, 0], side="right") - 1
        whole |= (at >= 0) & (ends[np.clip(at, 0, None)] >= found[:, 1])
    return found[keep & whole]
