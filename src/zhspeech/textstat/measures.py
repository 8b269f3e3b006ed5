"""Association and test statistics on 2×2 tables: log-likelihood G² with p and Benjamini–Hochberg adjustment.

References: Dunning (1993) for G²; Benjamini & Hochberg (1995) for adjusted p.
"""

from __future__ import annotations

import math

import numpy as np


def g2_statistic(a: np.ndarray, b: np.ndarray, c1: np.ndarray, c2: np.ndarray) -> np.ndarray:
    """Log-likelihood G² of the 2×2 table [[a, c1 − a], [b, c2 − b]] (Dunning 1993): 2 Σ O ln(O/E), 0 ln 0 = 0.

    ``a`` and ``b`` are the counts of a term in two corpora of ``c1`` and ``c2`` words. The same statistic as
    ``scipy.stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")``.
    """
    a, b, c1, c2 = (np.asarray(x, dtype=float) for x in (a, b, c1, c2))
    observed = np.stack([a, c1 - a, b, c2 - b])
    n = c1 + c2
    col1, col2 = a + b, n - a - b
    expected = np.stack([c1 * col1, c1 * col2, c2 * col1, c2 * col2]) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return np.maximum(2.0 * cells.sum(axis=0), 0.0)


def _p_values(g2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """p from χ² with 1 df and Benjamini–Hochberg adjusted p over the same family.

    With one degree of freedom the χ² survival function is erfc(√(G²/2)) (the value ``scipy.stats.chi2.sf(g2, 1)``
    gives, to rounding); ``math.erfc`` avoids importing ``scipy.special``/``scipy.stats`` (half a second to a
    second on a cold start). The adjustment is :func:`bh_adjust`.
    """
    g2 = np.asarray(g2, dtype=float)
    p = _ERFC(np.sqrt(np.maximum(g2, 0.0) / 2.0)).astype(float) if g2.size else g2.copy()
    return p, bh_adjust(p)


_ERFC = np.frompyfunc(math.erfc, 1, 1)


def bh_adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (``scipy.stats.false_discovery_control(p, method="bh")``):
    p₍ᵢ₎·m/i, made monotone from the largest p down, capped at 1, returned in the input order."""
    p = np.asarray(p, dtype=float)
    if p.size == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")[::-1]  # largest p first
    scaled = p[order] * p.size / np.arange(p.size, 0, -1)
    adjusted = np.empty_like(p)
    adjusted[order] = np.minimum(np.minimum.accumulate(scaled), 1.0)
    return adjusted


def log_dice(n12: np.ndarray, n1: np.ndarray, n2: np.ndarray) -> np.ndarray:
    """logDice (Rychlý 2008): 14 + log2(2·n12 / (n1 + n2)); at most 14, independent of the corpus size."""
    return 14 + np.log2(2 * np.asarray(n12) / (np.asarray(n1) + np.asarray(n2)))
