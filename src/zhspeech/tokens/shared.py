"""One segmentation for a set of texts: the terms any of them adds, joined in all of them.

Each text adds terms of its own to the dictionary (quoted terms, 《》 titles, numbered formulas, organization names,
multiword terms it repeats: see :func:`zhspeech.text_terms`). Compared across texts, that is a bias: 地方政府 is one
token in a report that repeats it and two (地方 | 政府) in one that does not, so a comparison would count it as new.
:func:`shared_tokens` joins every run of adjacent tokens that spells a term added by any text of the set, in every
text of the set, so each term is counted the same way everywhere.

>>> a, b = zhspeech.load(path_a), zhspeech.load(path_b)
>>> tokens_a, tokens_b = shared_tokens([a, b])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._checks import require_columns

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech

_COLUMNS = ("token", "sentence", "start", "end", "is_word")


def added_terms(speech: Speech) -> dict[str, str]:
    """The terms ``speech`` added to the dictionary for its own tokens, with their tags (``text_terms`` rows with
    ``added``), in their simplified form."""
    from .pipeline import text_terms

    terms = text_terms(speech)
    terms = terms[terms["added"]]
    return dict(zip(terms["term"].astype(str), terms["tag"].astype(str)))


def _term_tags(terms: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    """Term → tag (``"n"`` for terms given without tags); single characters left out: they are already tokens."""
    tags = dict(terms) if isinstance(terms, Mapping) else dict.fromkeys(terms, "n")
    return {t: tag for t, tag in tags.items() if len(t) > 1}


def _prefixes(terms: Iterable[str]) -> frozenset[str]:
    return frozenset(term[:k] for term in terms for k in range(1, len(term) + 1))


def _runs(norms: np.ndarray, joined: np.ndarray, terms: Mapping[str, str]) -> list[tuple[int, int]]:
    """Spans [i, j) of two or more adjacent tokens whose forms spell a term, longest first, left to right.
    ``joined[k]``: token k+1 follows token k in the same sentence with nothing between them."""
    prefixes = _prefixes(terms)
    runs, i, n = [], 0, len(norms)
    while i < n:
        text, best, j = norms[i], 0, i + 1
        while j < n and joined[j - 1] and text in prefixes:
            text += norms[j]
            j += 1
            if text in terms:
                best = j
        if best:
            runs.append((i, best))
            i = best
        else:
            i += 1
    return runs


def merge_terms(tokens: pd.DataFrame, terms: Mapping[str, str] | Iterable[str]) -> pd.DataFrame:
    """``tokens`` with every run of adjacent tokens of one sentence whose simplified forms (``norm``) spell one of
    ``terms`` joined into one word token (the longest term first, left to right).

    ``terms``: term → POS tag (a tag of ``"n"`` when only the terms are given). A joined row keeps the ids of its
    first token, spans first start to last end, concatenates ``token`` and ``norm``, takes the term's tag and is a
    word (not a stopword, not punctuation). Other rows are unchanged. ``attrs["merged"]`` counts the runs joined.
    """
    require_columns(tokens, _COLUMNS, "token table (speech.tokens)")
    tags = _term_tags(terms)
    written = tokens["token"].astype(str).to_numpy(dtype=object)
    norms = tokens["norm"].astype(str).to_numpy(dtype=object) if "norm" in tokens.columns else written
    sentence = tokens["sentence"].to_numpy()
    contiguous = (sentence[1:] == sentence[:-1]) & (tokens["start"].to_numpy()[1:] == tokens["end"].to_numpy()[:-1])
    runs = _runs(norms, contiguous, tags) if tags and len(tokens) else []
    if not runs:
        out = tokens.copy()
        out.attrs["merged"] = 0
        return out
    return _joined(tokens, runs, written, norms, tags)


def _joined(
    tokens: pd.DataFrame, runs: list[tuple[int, int]], written: np.ndarray, norms: np.ndarray, tags: Mapping[str, str]
) -> pd.DataFrame:
    keep = np.ones(len(tokens), dtype=bool)
    heads = np.array([i for i, _ in runs], dtype=np.int64)
    token_col, norm_col = written.copy(), norms.copy()
    pos = tokens["pos"].astype(str).to_numpy(dtype=object) if "pos" in tokens.columns else None
    end = tokens["end"].to_numpy().copy()
    for i, j in runs:
        keep[i + 1 : j] = False
        token_col[i], norm_col[i] = "".join(written[i:j]), "".join(norms[i:j])
        end[i] = end[j - 1]
        if pos is not None:
            pos[i] = tags[norm_col[i]]
    out = tokens.copy()
    out["token"] = pd.Categorical(token_col)
    if "norm" in out.columns:
        out["norm"] = pd.Categorical(norm_col)
    if pos is not None:
        out["pos"] = pd.Categorical(pos)
    out["end"] = end.astype(tokens["end"].dtype)
    for flag, value in (("is_word", True), ("is_stop", False), ("is_punct", False)):
        if flag in out.columns:
            column = out[flag].to_numpy().copy()
            column[heads] = value
            out[flag] = column
    out = out.loc[keep].reset_index(drop=True)
    out.attrs.update(tokens.attrs, merged=len(runs))
    return out


def shared_terms(speeches: Sequence[Speech]) -> dict[str, str]:
    """The terms any of ``speeches`` adds (term → tag; the first speech's tag where two differ)."""
    union: dict[str, str] = {}
    for speech in speeches:
        for term, tag in added_terms(speech).items():
            union.setdefault(term, tag)
    return union


def shared_tokens(speeches: Sequence[Speech]) -> list[pd.DataFrame]:
    """The token tables of ``speeches``, each with the terms any of them adds joined (:func:`merge_terms`), so a
    term is one token in all of them or in none."""
    union = shared_terms(speeches)
    return [merge_terms(speech.tokens, union) for speech in speeches]


def merged_counts(
    norms: np.ndarray, joined: np.ndarray, word: np.ndarray, terms: Mapping[str, str] | Iterable[str]
) -> Counter:
    """Word counts of a token sequence once the runs spelling one of ``terms`` are joined (as :func:`merge_terms`
    joins them): ``norms`` the tokens' simplified forms, ``joined[k]`` whether token k+1 follows token k in the same
    sentence with nothing between, ``word`` which tokens are words. A joined run counts as one word."""
    tags = _term_tags(terms)
    runs = _runs(norms, joined, tags) if tags and len(norms) else []
    keep = np.asarray(word, dtype=bool).copy()
    counts: Counter = Counter()
    for i, j in runs:
        keep[i:j] = False
        counts["".join(norms[i:j])] += 1
    counts.update(norms[keep].tolist())
    return counts
