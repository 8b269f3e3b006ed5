"""Collocations: words near a node term within a window, with MI, logDice, G² and t from their 2×2 counts.

References: Church & Hanks (1990) for MI, Rychlý (2008) for logDice, Evert (2008) for window-based tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive
from ._tokens import (
    DEFAULT_PARTS,
    Parts,
    _block_ends,
    _blocks,
    _search_text,
    _term_spans,
    _text_and_tokens,
    _words,
    check_parts,
    in_parts,
)
from .measures import g2_statistic, log_dice

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech


def _window_positions(
    words: pd.DataFrame, spans: np.ndarray, window: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Masks over words: node words, positions in some left window, positions in some right window."""
    starts, ends = words["start"].to_numpy(), words["end"].to_numpy()
    sentence = words["sentence"].to_numpy()
    first_of, last_of = _blocks(sentence), _block_ends(sentence)
    first = np.searchsorted(ends, spans[:, 0], side="right")  # first word ending after the match starts
    last = np.searchsorted(starts, spans[:, 1], side="left") - 1  # last word starting before the match ends
    ok = first <= last
    first, last = first[ok], last[ok]
    marks = [np.zeros(len(words) + 1, dtype=np.int64) for _ in range(3)]
    ranges = (
        (first, last),
        (np.maximum(first - window, first_of[first]), first - 1),
        (last + 1, np.minimum(last + window, last_of[last])),
    )
    for mark, (lo, hi) in zip(marks, ranges):
        valid = lo <= hi
        np.add.at(mark, lo[valid], 1)
        np.add.at(mark, hi[valid] + 1, -1)
    node, left, right = (np.cumsum(m)[:-1] > 0 for m in marks)
    return node, left & ~node, right & ~node, int(ok.sum())


def _scores(table: pd.DataFrame, big_n: int) -> pd.DataFrame:
    """Expected n12, direction, MI, logDice, G² and t of each row's 2×2 table of window positions (n12, n1, n2, N)."""
    o, r1, c1 = (table[c].to_numpy(dtype=float) for c in ("n12", "n1", "n2"))
    table["expected"] = r1 * c1 / big_n
    table["negative"] = o < table["expected"].to_numpy()
    table["mi"] = np.log2(o * big_n / (r1 * c1))
    table["logdice"] = log_dice(o, r1, c1)
    table["g2"] = g2_statistic(o, c1 - o, r1, big_n - r1)
    table["t"] = (o - r1 * c1 / big_n) / np.sqrt(o)
    return table


def textstat_collocations(
    tokens: pd.DataFrame | Speech,
    node: str,
    *,
    window: int = 5,
    min_count: int = 2,
    measure: Literal["logdice", "mi", "g2", "t", "n12"] = "g2",
    substring: bool = False,
    negative: bool = False,
    parts: Parts = DEFAULT_PARTS,
) -> pd.DataFrame:
    """Words that occur near ``node`` within ±``window`` words, never crossing a sentence.

    Counts are over word positions (punctuation and numbers are skipped, not counted in the window):

    - ``N``: words in the parts counted (``parts``: title, headings and body by default; add ``"back"`` for
      appendices and glossaries, or give ``("body",)``);
    - ``n1``: window positions — words within ``window`` words left or right of an occurrence of the node, in the
      same sentence, each position counted once even where two windows overlap, node positions excluded;
    - ``n2``: occurrences of the collocate in those parts;
    - ``n12``: window positions holding the collocate (``left``/``right``: those in a left/right window);

    so [[n12, n1 − n12], [n2 − n12, N − n1 − n2 + n12]] is a proper 2×2 table of positions (Evert 2008) and
    MI = log2(n12·N/(n1·n2)), logDice = 14 + log2(2·n12/(n1 + n2)), t = (n12 − n1·n2/N)/√n12 and ``g2`` (its
    log-likelihood) all use it. ``expected`` = n1·n2/N; ``negative`` marks a collocate seen less often near the node
    than expected (n12 < expected: G² is then a measure of avoidance, MI and t are negative). Such rows are left
    out unless ``negative=True`` keeps them. ``attrs``: ``node_count`` (node occurrences), ``node_forms`` (token strings
    matched, with counts), ``N``, ``n1``, ``window``, ``parts``. The node is matched on token boundaries and may span
    several tokens, in every part counted (a heading's node has its window in the heading); ``substring=True``
    makes every word containing it a node (数字 → 数字经济, 数字鸿沟 …; a word is a node only if it contains the
    string, not where the string runs across a token boundary). A node word is never a collocate. In a traditional
    text the words counted are the ``norm`` (simplified) forms and the node may be written either way.
    Rows with ``n12 ≥ min_count``, sorted by ``measure`` (descending), then n12, then collocate.
    """
    check_positive("window", window)
    check_positive("min_count", min_count)
    check_choice("measure", measure, ("logdice", "mi", "g2", "t", "n12"))
    chosen = check_parts(parts)
    text, tokens = _text_and_tokens(tokens)
    counted = in_parts(tokens, chosen)
    words, spans = _words(counted), _term_spans(_search_text(text, tokens), counted, node, substring)
    node_mask, left, right, node_count = _window_positions(words, spans, window)
    terms = words["term"]
    forms = terms[node_mask].value_counts()
    in_window = left | right
    n1, big_n = int(in_window.sum()), len(words)
    n12 = terms[in_window].value_counts()
    n12 = n12[n12 >= min_count]
    table = pd.DataFrame({"collocate": n12.index.astype(str).to_numpy(dtype=object), "n12": n12.to_numpy()})
    table = table.assign(n1=n1, n2=terms.value_counts().reindex(table["collocate"]).to_numpy(), N=big_n)
    for side, mask in (("left", left), ("right", right)):
        table[side] = terms[mask].value_counts().reindex(table["collocate"]).fillna(0).astype(int).to_numpy()
    table = _scores(table, big_n)
    table = table if negative else table[~table["negative"].to_numpy(dtype=bool)]
    order = [measure, "n12", "collocate"]
    table = table.sort_values(order, ascending=[False, False, True], kind="mergesort").reset_index(drop=True)
    forms = {str(k): int(v) for k, v in forms.items()}
    table.attrs.update(node=node, parts=chosen, window=window, N=big_n, n1=n1, node_count=node_count, node_forms=forms)
    return table
