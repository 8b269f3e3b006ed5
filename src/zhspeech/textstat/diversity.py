"""Lexical diversity: TTR, MATTR (Covington & McFall 2010) and MTLD (McCarthy & Jarvis 2010)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import pandas as pd

from .._checks import check_choice, check_positive
from ..errors import OptionError
from ._tokens import DEFAULT_PARTS, Parts, _counted, _words, check_parts

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech


def _mattr(terms: Sequence[str], window: int) -> float:
    """Moving-average TTR (Covington & McFall 2010): mean TTR of every window of ``window`` consecutive words."""
    if len(terms) < window:
        return float("nan")
    counts = Counter(terms[:window])
    total = len(counts)
    for out, new in zip(terms, terms[window:]):
        counts[new] += 1
        counts[out] -= 1
        if counts[out] == 0:
            del counts[out]
        total += len(counts)
    return total / (len(terms) - window + 1) / window


def _mtld_pass(terms: Sequence[str], threshold: float) -> float:
    """One MTLD pass (McCarthy & Jarvis 2010): words per factor, a factor ending when the running TTR ≤ threshold;
    the leftover segment counts as the partial factor (1 − TTR) / (1 − threshold)."""
    factors, types, count = 0.0, set(), 0
    for term in terms:
        types.add(term)
        count += 1
        if len(types) / count <= threshold:
            factors, types, count = factors + 1, set(), 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(terms) / factors if factors else float("nan")


def _diversity(terms: list[str], window: int, threshold: float) -> dict[str, float]:
    n, types = len(terms), len(set(terms))
    mtld = (_mtld_pass(terms, threshold) + _mtld_pass(terms[::-1], threshold)) / 2 if n else float("nan")
    return {
        "tokens": n,
        "types": types,
        "ttr": types / n if n else float("nan"),
        "mattr": _mattr(terms, window),
        "mtld": mtld,
    }


def textstat_diversity(
    tokens: pd.DataFrame | Speech,
    *,
    window: int = 100,
    threshold: float = 0.72,
    by: Literal["section"] | None = None,
    parts: Parts = DEFAULT_PARTS,
) -> pd.DataFrame:
    """Lexical diversity of the words: ``tokens``, ``types``, ``ttr`` (types/tokens), ``mattr`` (mean TTR over every
    run of ``window`` consecutive words, Covington & McFall 2010; NaN when there are fewer words than ``window``)
    and ``mtld`` (McCarthy & Jarvis 2010: mean length of word runs whose TTR stays above ``threshold`` = 0.72, the
    average of a forward and a backward pass, with the leftover as a partial factor; NaN when no factor forms).
    One row, or one per section with ``by="section"``. TTR falls with length, so compare texts by MATTR/MTLD.
    ``parts``: the parts of the text counted, in reading order (title, headings and body by default; add
    ``"back"`` for appendices and glossaries, or give ``("body",)``); ``attrs``: window, threshold, parts.
    """
    check_positive("window", window)
    check_choice("by", by, (None, "section"))
    if not 0 < threshold < 1:
        raise OptionError(f"threshold must be between 0 and 1, got {threshold!r}")
    chosen = check_parts(parts)
    words = _words(_counted(tokens, chosen))
    if by is None:
        table = pd.DataFrame([_diversity(words["term"].tolist(), window, threshold)])
    else:
        table = pd.DataFrame(
            [
                {"section": int(key), **_diversity(group["term"].tolist(), window, threshold)}
                for key, group in words.groupby("section", sort=True, observed=True)
            ]
        )
    table.attrs.update(window=window, threshold=threshold, parts=chosen)
    return table
