"""Two texts (or two sets of texts) compared term by term, and each group of a corpus against the rest.

>>> table = textstat_compare(speech_2016, speech_2017)        # + = the term leans the second text
>>> table.head(15)[["term", "count_a", "count_b", "log_odds_z"]]
>>> textstat_compare_groups(corpus.dtm(), "author")            # each author against all the others

Every row carries both counts and both word counts, so each figure recomputes from the row (with ``prior`` and
``attrs["prior_total"]`` for the log-odds z-score). References: Dunning (1993) for G²; Benjamini & Hochberg (1995)
for adjusted p; Hardie (2014) for Log Ratio; Gabrielatos & Marchi (2012) for %DIFF; Monroe, Colaresi & Quinn (2008)
for the weighted log-odds ratio with an informative Dirichlet prior.

The prior's size α_0 (how many words the prior is worth) defaults to the size of the comparison, words_a + words_b.
With the default background (the two sides pooled) every α_w is then the term's pooled count: the empirical-Bayes
prior of tidylo's ``bind_log_odds`` (each count inflated by the term's count over all sets, a moment estimate of the
Dirichlet; Minka 2012), which common Python implementations share (they add the pooled counts, or a background
corpus's raw counts). With a background of its own (a corpus of millions of words) the default keeps the prior at
the size of the comparison, so the background shapes the prior without swamping two speeches of 10,000 words;
``alpha_0=prior.sum()`` adds its raw counts instead.

In :func:`textstat_compare` the prior is α_w = α_0 × (background count of w / background total), the background
being the two sides pooled (so α_w = count_a + count_b) or ``prior``, a Series of counts such as
``corpus.dtm().totals()`` (a term it lacks counts 0.5 there); α_0 defaults to words_a + words_b.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive
from ..errors import OptionError, TableError
from ._tokens import DEFAULT_PARTS, Parts, _counted, _words, check_parts, is_traditional, with_written
from .measures import _p_values, g2_statistic

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus.dtm import DocumentTermMatrix
    from ..text.model import Speech

SORTS = ("log_odds_z", "g2", "log_ratio", "pct_diff", "p_fdr")
Sort = Literal["log_odds_z", "g2", "log_ratio", "pct_diff", "p_fdr"]  # the measures a table is ranked by
#: What %DIFF divides by when a term is absent from the reference side (Gabrielatos & Marchi 2012).
PCT_DIFF_ZERO = 1e-18
#: Keys of a side's description kept in ``attrs["a"]`` / ``attrs["b"]``.
_INFO = ("path", "title", "year", "author", "date")


def side_label(info: Mapping[str, Any] | None) -> str:
    """A side of a comparison as tables, charts and readings name it, from what ``attrs["a"]``/``attrs["b"]``
    know of it: its year and author ("2017 李克强"), else its title, name or path; "" when nothing is known."""
    info = info or {}
    known = [str(info[k]) for k in ("year", "author") if info.get(k) not in (None, "")]
    if known:
        return " ".join(known)
    return str(next((info[k] for k in ("title", "name", "path") if info.get(k) not in (None, "")), ""))


@dataclass
class _Side:
    """What one side of a comparison contributes: its term counts, its size and what is known about it."""

    counts: pd.Series  # term → count (> 0), int64
    words: int  # the word count every rate uses (stopwords included)
    docs: pd.Series | None  # term → documents containing it; None: a single document
    n_docs: int
    stop: frozenset[str] | None  # the side's stopwords; None when the side does not say
    forms: pd.DataFrame | None = None  # term/written pairs of a traditional text
    info: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """What is known of the side, with its word and document counts."""
        return {**self.info, "words": self.words, "n_docs": self.n_docs}

    def doc_freq(self, terms: pd.Index) -> np.ndarray:
        """Documents of this side containing each of ``terms`` (1/0 for a single document)."""
        if self.docs is None:
            return (self.counts.reindex(terms, fill_value=0).to_numpy() > 0).astype(np.int64)
        return self.docs.reindex(terms, fill_value=0).to_numpy(dtype=np.int64)


def term_counts(data: Speech | pd.DataFrame, *, parts: Parts = DEFAULT_PARTS) -> pd.Series:
    """The term counts :func:`textstat_compare` reads from a speech or token table: ``norm`` of the word tokens in
    ``parts``, most frequent first (ties by term). ``attrs``: ``words`` (all words counted, stopwords included),
    ``stop`` (the stopwords among the terms) and, for a ``Speech``, path, title, year, author and date."""
    side = _token_side(data, check_parts(parts))
    counts = side.counts.copy()
    counts.attrs.update(words=side.words, stop=side.stop, **side.info)
    return counts


def _side(data: object, parts: tuple[str, ...], name: str) -> _Side:
    """One side of a comparison from a Speech, a token table, a Series of term counts or a document-term matrix."""
    if isinstance(data, pd.Series):
        side = _series_side(data, name)
    elif hasattr(data, "matrix") and hasattr(data, "terms") and hasattr(data, "stop"):
        side = _dtm_side(data)
    elif isinstance(data, pd.DataFrame) or hasattr(data, "tokens"):
        side = _token_side(data, parts)
    else:
        raise TableError(
            f"{name} must be a Speech, a token table, a Series of term counts or a DocumentTermMatrix; "
            f"got {type(data).__name__}"
        )
    return _with_words(side, name, parts)


def _with_words(side: _Side, name: str, parts: tuple[str, ...]) -> _Side:
    """``side``, or an ``OptionError`` when it has no word to count."""
    if side.words <= 0:
        raise OptionError(f"{name} has no words to count (in the parts {', '.join(parts)})")
    return side


def _token_side(data: Speech | pd.DataFrame, parts: tuple[str, ...]) -> _Side:
    words = _words(_counted(data, parts))
    terms = words["term"]
    counts = _sorted_counts(terms.value_counts())
    stop = frozenset(terms[words["is_stop"].astype(bool)]) if "is_stop" in words.columns else None
    forms = words[["term", "written"]] if is_traditional(words) else None
    info = {} if isinstance(data, pd.DataFrame) else _speech_info(data)
    return _Side(counts, len(words), None, 1, stop, forms, info)


def _speech_info(speech: Any) -> dict[str, Any]:
    byline = getattr(speech, "byline", None)
    path = getattr(speech, "path", None)
    return {
        "path": str(path) if path is not None else None,
        "title": getattr(speech, "title", None),
        "year": getattr(speech, "year", None),
        "author": getattr(byline, "author", None),
        "date": getattr(speech, "date", None),
    }


def _series_side(series: pd.Series, name: str) -> _Side:
    values = pd.to_numeric(series, errors="coerce")
    if values.isna().any() or (values < 0).any() or (values != np.floor(values)).any():
        raise TableError(f"{name}: a Series of term counts needs whole numbers ≥ 0 (index = term)")
    if series.index.has_duplicates:
        raise TableError(f"{name}: the term index has duplicates ({series.index[series.index.duplicated()][0]!r})")
    counts = values[values > 0].astype(np.int64)
    counts.index = counts.index.astype(str)
    attrs = series.attrs
    words = attrs.get("words")
    words = int(counts.sum()) if words is None else int(words)
    if words < int(counts.sum()):
        raise OptionError(f"{name}: attrs['words']={words} is smaller than the sum of the counts ({counts.sum()})")
    docs = attrs.get("docs")
    docs = pd.Series(docs, dtype=np.int64) if docs is not None else None
    stop = frozenset(attrs["stop"]) if attrs.get("stop") is not None else None
    info = {k: attrs[k] for k in _INFO if k in attrs}
    return _Side(_sorted_counts(counts), words, docs, int(attrs.get("n_docs", 1)), stop, None, info)


def _dtm_side(dtm: DocumentTermMatrix) -> _Side:
    totals, docs = dtm.totals(), dtm.doc_freq()
    present = totals.to_numpy() > 0
    stop = frozenset(dtm.terms[np.asarray(dtm.stop, dtype=bool)])
    n_docs = len(dtm.documents)
    return _Side(_sorted_counts(totals[present]), int(dtm.words.sum()), docs[present], n_docs, stop, None, {})


def _sorted_counts(counts: pd.Series) -> pd.Series:
    """Counts as int64, most frequent first, ties by term (the same order whatever built them)."""
    frame = pd.DataFrame({"term": counts.index.astype(str), "count": counts.to_numpy(dtype=np.int64)})
    frame = frame.sort_values(["count", "term"], ascending=[False, True], kind="mergesort")
    return pd.Series(frame["count"].to_numpy(), index=pd.Index(frame["term"].to_numpy(dtype=object), name="term"))


# --------------------------------------------------------------------------------------------- the statistics


def _prior_weights(
    terms: pd.Index, pooled: np.ndarray, pooled_total: int, prior: pd.Series | None, alpha_0: float | None
) -> tuple[np.ndarray, float]:
    """α_w for each of ``terms`` and α_0: α_w = α_0 × background count of w / background total.

    The background is ``pooled`` (the two sides together, ``pooled_total`` words) unless ``prior`` gives one (a
    term the prior lacks counts 0.5 there, so its α_w stays positive). α_0 defaults to ``pooled_total``."""
    a0 = float(pooled_total) if alpha_0 is None else _check_alpha_0(alpha_0)
    if prior is None:
        return a0 * pooled.astype(float) / float(pooled_total), a0
    background = _check_prior(prior)
    counts = background.reindex(terms).to_numpy(dtype=float)
    counts = np.where(np.isnan(counts) | (counts <= 0), 0.5, counts)
    return a0 * counts / float(background.sum()), a0


def _check_alpha_0(alpha_0: object) -> float:
    if isinstance(alpha_0, bool) or not isinstance(alpha_0, (int, float, np.integer, np.floating)):
        raise OptionError(f"alpha_0 must be a positive number, got {alpha_0!r}")
    if not (math.isfinite(float(alpha_0)) and float(alpha_0) > 0):
        raise OptionError(f"alpha_0 must be a positive number, got {alpha_0!r}")
    return float(alpha_0)


def _check_prior(prior: object) -> pd.Series:
    """The background counts of a ``prior`` Series (index = term), summed over duplicate terms."""
    if not isinstance(prior, pd.Series):
        raise OptionError(f"prior must be a pandas Series of term counts (index = term), got {type(prior).__name__}")
    values = pd.to_numeric(prior, errors="coerce")
    if values.isna().any() or (values < 0).any() or not values.sum() > 0:
        raise OptionError("prior must hold counts ≥ 0 with a positive total (e.g. corpus.dtm().totals())")
    values.index = values.index.astype(str)
    return values.groupby(level=0, sort=False).sum() if values.index.has_duplicates else values


def _contrast(
    y_a: np.ndarray, y_b: np.ndarray, n_a: int, n_b: int, alpha_w: np.ndarray, alpha_0: float
) -> dict[str, np.ndarray]:
    """Every statistic of a term counted ``y_a`` times in ``n_a`` words (side A) and ``y_b`` in ``n_b`` (side B).

    Signs: positive = the term leans B (its rate in B is higher)."""
    ya, yb = y_a.astype(float), y_b.astype(float)
    per_a, per_b = ya / n_a * 1e4, yb / n_b * 1e4
    leans_b, leans_a = yb * n_a > ya * n_b, yb * n_a < ya * n_b
    g2 = g2_statistic(ya, yb, n_a, n_b)
    p, p_fdr = _p_values(g2)
    ratio = np.log2((np.where(yb > 0, yb, 0.5) / n_b) / (np.where(ya > 0, ya, 0.5) / n_a))
    pct = (per_b - per_a) / np.where(per_a > 0, per_a, PCT_DIFF_ZERO) * 100
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((yb + alpha_w) / (n_b + alpha_0 - yb - alpha_w)) - np.log(
            (ya + alpha_w) / (n_a + alpha_0 - ya - alpha_w)
        )
        z = delta / np.sqrt(1 / (ya + alpha_w) + 1 / (yb + alpha_w))
    return {
        "per_10k_a": per_a,
        "per_10k_b": per_b,
        "g2": np.where(leans_a, -g2, g2),
        "p": p,
        "p_fdr": p_fdr,
        "log_ratio": ratio,
        "pct_diff": pct,
        "prior": alpha_w,
        "log_odds_z": z,
        "lean": np.where(leans_b, "b", np.where(leans_a, "a", "=")).astype(object),
    }


def _rank(table: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Rows by ``sort``: the largest absolute value first (p_fdr: the smallest first), ties by term."""
    key = table[sort] if sort == "p_fdr" else -table[sort].abs()
    ranked = table.assign(_key=key.to_numpy()).sort_values(["_key", "term"], kind="mergesort")
    return ranked.drop(columns="_key").reset_index(drop=True)


def _check_options(min_count: int, sort: str, p_max: float | None) -> None:
    check_positive("min_count", min_count)
    check_choice("sort", sort, SORTS)
    if p_max is not None and (
        isinstance(p_max, bool) or not isinstance(p_max, (int, float)) or not 0 < float(p_max) <= 1
    ):
        raise OptionError(f"p_max must be a number in (0, 1], got {p_max!r}")


# --------------------------------------------------------------------------------------------------- A vs B


def textstat_compare(
    a: Speech | pd.DataFrame | pd.Series | DocumentTermMatrix,
    b: Speech | pd.DataFrame | pd.Series | DocumentTermMatrix,
    *,
    min_count: int = 3,
    drop_stopwords: bool = True,
    prior: pd.Series | None = None,
    alpha_0: float | None = None,
    p_max: float | None = None,
    sort: Sort = "log_odds_z",
    parts: Parts = DEFAULT_PARTS,
    shared: bool = True,
) -> pd.DataFrame:
    """Terms compared between ``a`` and ``b``: what B says more (positive values, ``lean`` "b") or less than A.

    ``a`` and ``b``: a ``Speech`` or token table (the ``norm`` of its word tokens in ``parts`` is counted: a
    traditional text in simplified form), a Series of term counts (index = term; its total is the word count unless
    ``attrs["words"]`` says more; ``attrs["docs"]`` may give document frequencies, ``attrs["n_docs"]`` the number
    of documents, ``attrs["stop"]`` the stopwords), or a ``DocumentTermMatrix`` (all its documents as one side:
    ``dtm.subset(rows)`` compares one set of documents with another). Stopwords count in every word count.

    Terms with ``count_a + count_b ≥ min_count`` are tested. Columns, each recomputable from its row:

    - ``term`` (and ``written``: the forms as written, when a side is a traditional text);
    - ``count_a``, ``count_b``; ``words_a``, ``words_b`` (all words of each side); ``per_10k_a``, ``per_10k_b``
      (count / words × 10,000); ``docs_a``, ``docs_b`` (documents containing the term: 1 or 0 for one speech);
    - ``g2``: log-likelihood G² of [[count_a, words_a − count_a], [count_b, words_b − count_b]] (Dunning 1993),
      signed: positive when the rate in B is higher; ``p`` (χ², 1 df) and ``p_fdr`` (Benjamini–Hochberg over every
      tested term, before stopwords or ``p_max`` remove rows);
    - ``log_ratio``: log2(rate_b / rate_a), a zero count counted as 0.5 (Hardie 2014): +1 = twice as frequent in B;
    - ``pct_diff``: %DIFF = (per_10k_b − per_10k_a) / per_10k_a × 100 (Gabrielatos & Marchi 2012); a term absent
      from A divides by 1e-18 as they do, so it gets a huge, finite value (per_10k_b × 10²⁰);
    - ``prior`` (α_w) and ``log_odds_z``: the weighted log-odds ratio with an informative Dirichlet prior (Monroe,
      Colaresi & Quinn 2008). With y counts, n word counts and α_0 = ``attrs["prior_total"]``:
      δ = log((y_b + α_w) / (n_b + α_0 − y_b − α_w)) − log((y_a + α_w) / (n_a + α_0 − y_a − α_w)),
      σ² = 1/(y_a + α_w) + 1/(y_b + α_w), ``log_odds_z`` = δ / σ (positive: leans B; the prior: module notes);
    - ``lean``: "b" when the rate in B is higher, "a" when lower, "=" when equal.

    ``shared`` (two ``Speech`` sides): one segmentation for both, the terms either text adds joined in both
    (:func:`zhspeech.tokens.shared.shared_tokens`); ``attrs["merged"]`` counts the runs joined on each side.

    ``drop_stopwords`` removes stopword rows after every statistic is computed; ``p_max`` keeps rows with
    ``p_fdr ≤ p_max``. Rows are ranked by ``sort``: largest absolute value first (``p_fdr``: smallest first),
    ties by term. ``attrs``: words_a, words_b, prior_total (α_0), prior ("pooled" or "given"), min_count, parts,
    and ``a``/``b``: what is known of each side (path, title, year, author, date, words, n_docs).
    """
    _check_options(min_count, sort, p_max)
    check_choice("drop_stopwords", drop_stopwords, (True, False))
    check_choice("shared", shared, (True, False))
    chosen = check_parts(parts)
    side_a, side_b, merged = _sides(a, b, chosen, shared)
    table, a0 = _pair_table(side_a, side_b, min_count, prior, alpha_0)
    table = table[~table["term"].isin(_stop_terms(side_a, side_b))] if drop_stopwords else table
    table = table[table["p_fdr"] <= p_max] if p_max is not None else table
    table = _with_forms(_rank(table, sort), side_a, side_b)
    table.attrs.update(words_a=side_a.words, words_b=side_b.words, prior_total=a0, min_count=min_count, parts=chosen)
    table.attrs.update(prior="pooled" if prior is None else "given", a=side_a.describe(), b=side_b.describe())
    table.attrs.update(merged=merged)
    return table


def _sides(a: object, b: object, parts: tuple[str, ...], shared: bool) -> tuple[_Side, _Side, tuple[int, int] | None]:
    """The two sides; two speeches in one segmentation when ``shared`` (with the runs joined on each side)."""
    if not (shared and _is_speech(a) and _is_speech(b)):
        return _side(a, parts, "a"), _side(b, parts, "b"), None
    from ..tokens.shared import shared_tokens

    tokens_a, tokens_b = shared_tokens([a, b])  # type: ignore[list-item]
    side_a, side_b = _token_side(tokens_a, parts), _token_side(tokens_b, parts)
    side_a.info, side_b.info = _speech_info(a), _speech_info(b)
    side_a, side_b = _with_words(side_a, "a", parts), _with_words(side_b, "b", parts)
    return side_a, side_b, (int(tokens_a.attrs["merged"]), int(tokens_b.attrs["merged"]))


def _is_speech(data: object) -> bool:
    return not isinstance(data, (pd.DataFrame, pd.Series)) and hasattr(data, "tokens") and hasattr(data, "sentences")


def _pair_table(
    side_a: _Side, side_b: _Side, min_count: int, prior: pd.Series | None, alpha_0: float | None
) -> tuple[pd.DataFrame, float]:
    """One row per term with ``count_a + count_b ≥ min_count``, every statistic computed; and α_0."""
    terms = side_a.counts.index.union(side_b.counts.index)
    y_a = side_a.counts.reindex(terms, fill_value=0).to_numpy(dtype=np.int64)
    y_b = side_b.counts.reindex(terms, fill_value=0).to_numpy(dtype=np.int64)
    keep = y_a + y_b >= min_count
    terms, y_a, y_b = terms[keep], y_a[keep], y_b[keep]
    n_a, n_b = side_a.words, side_b.words
    alpha_w, a0 = _prior_weights(terms, y_a + y_b, n_a + n_b, prior, alpha_0)
    stats = _contrast(y_a, y_b, n_a, n_b, alpha_w, a0)
    head = {
        "term": terms.to_numpy(dtype=object),
        "count_a": y_a,
        "count_b": y_b,
        "words_a": np.full(len(terms), n_a, dtype=np.int64),
        "words_b": np.full(len(terms), n_b, dtype=np.int64),
        "per_10k_a": stats.pop("per_10k_a"),
        "per_10k_b": stats.pop("per_10k_b"),
        "docs_a": side_a.doc_freq(terms),
        "docs_b": side_b.doc_freq(terms),
    }
    return pd.DataFrame({**head, **stats}), a0


def _stop_terms(*sides: _Side) -> frozenset[str]:
    """The stopwords to drop: those the sides name, or the kit's list when a side does not say."""
    if all(side.stop is not None for side in sides):
        return frozenset().union(*(side.stop for side in sides))
    from ..tokens.stopwords import stopwords  # imported here: only a bare Series of counts needs the list

    return stopwords()


def _with_forms(table: pd.DataFrame, *sides: _Side) -> pd.DataFrame:
    """``table`` with a ``written`` column when a side is a traditional text (see ``with_written``)."""
    forms = [side.forms for side in sides if side.forms is not None]
    if not forms:
        return table
    words = pd.concat(forms, ignore_index=True)
    words.attrs["script"] = "traditional"
    return with_written(table, words)


# ------------------------------------------------------------------------------------------ groups vs the rest

_GROUP_COLUMNS = [
    "group",
    "term",
    "count",
    "count_rest",
    "words",
    "words_rest",
    "per_10k",
    "per_10k_rest",
    "docs",
    "docs_rest",
    "n_docs",
    "n_docs_rest",
    "g2",
    "p",
    "p_fdr",
    "log_ratio",
    "pct_diff",
    "prior",
    "log_odds_z",
    "lean",
]


def textstat_compare_groups(
    dtm: DocumentTermMatrix,
    by: str,
    *,
    target: object = None,
    min_count: int = 3,
    drop_stopwords: bool = True,
    prior: pd.Series | None = None,
    alpha_0: float | None = None,
    p_max: float | None = None,
    sort: Sort = "log_odds_z",
    direction: Literal["over", "under", "all"] = "over",
) -> pd.DataFrame:
    """Each group of documents (by the documents' column ``by``: year, author, decade …) against all the others.

    One comparison per group of ``dtm.grouped(by)`` (or only ``target``: one value, or a list of values): the
    group is side B, every other document of ``dtm`` side A, with the statistics of :func:`textstat_compare`, so
    positive values lean the group. Terms with a corpus count ``count + count_rest ≥ min_count`` are tested, and
    ``p_fdr`` is adjusted over every term tested for the group. Long table, groups in sorted order, each ranked by
    ``sort`` (ties by term), with ``group`` (the value of ``by``), ``term``, ``count``/``count_rest``,
    ``words``/``words_rest``, ``per_10k``/``per_10k_rest``, ``docs``/``docs_rest`` (documents containing the
    term, from the documents themselves), ``n_docs``/``n_docs_rest`` (documents on each side), ``g2``, ``p``,
    ``p_fdr``, ``log_ratio``, ``pct_diff``, ``prior`` (α_w), ``log_odds_z`` and ``lean`` ("group", "rest" or "=").
    The background of the prior is the whole corpus (or ``prior``), α_0 its word count (or ``alpha_0``).

    ``direction`` keeps the terms a group uses more than the rest ("over", the default), less ("under") or both
    ("all"), after the statistics; so do ``drop_stopwords`` and ``p_max`` (on ``p_fdr``).
    ``attrs``: by, prior_total (α_0), prior ("corpus" or "given"), min_count, words (of the corpus).
    """
    _check_options(min_count, sort, p_max)
    check_choice("drop_stopwords", drop_stopwords, (True, False))
    check_choice("direction", direction, ("over", "under", "all"))
    grouped = dtm.grouped(by)
    present = dataclasses.replace(dtm, matrix=(dtm.matrix > 0).astype(np.int64))
    doc_freq = present.grouped(by).matrix
    base = _corpus_base(dtm, min_count, prior, alpha_0)
    idx = base["idx"]
    keep = ~np.asarray(dtm.stop, dtype=bool)[idx] if drop_stopwords else np.ones(len(idx), dtype=bool)
    frames = []
    for row in _group_rows(grouped.documents[by].tolist(), target, by):
        side = grouped.documents.iloc[row]
        counts = grouped.matrix.getrow(row).toarray().ravel()[idx]
        stats = _group_stats(base, int(side["words"]), counts)
        if stats is None:
            continue
        chosen = keep & _wanted(stats, p_max, direction)
        docs = doc_freq.getrow(row).toarray().ravel()[idx]
        group = {"group": side[by], "n_docs": int(side["n_docs"])}
        frames.append(_rank(_group_frame(base, group, stats, counts, docs, chosen), sort))
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=_GROUP_COLUMNS)
    table.attrs.update(by=by, prior_total=base["alpha_0"], min_count=min_count, words=base["words"])
    table.attrs["prior"] = "corpus" if prior is None else "given"
    return table


def _corpus_base(
    dtm: DocumentTermMatrix, min_count: int, prior: pd.Series | None, alpha_0: float | None
) -> dict[str, Any]:
    """What every group's comparison shares: the tested terms (corpus count ≥ ``min_count``; ``idx`` their
    columns), their corpus counts and document frequencies, the corpus size and the prior."""
    totals, total_docs = dtm.totals().to_numpy(dtype=np.int64), dtm.doc_freq().to_numpy(dtype=np.int64)
    words = int(dtm.words.sum())
    idx = np.flatnonzero(totals >= min_count)
    terms = dtm.terms[idx]
    alpha_w, a0 = _prior_weights(terms, totals[idx], words, prior, alpha_0)
    return {
        "idx": idx,
        "terms": terms.to_numpy(dtype=object),
        "totals": totals[idx],
        "total_docs": total_docs[idx],
        "words": words,
        "n_docs": len(dtm.documents),
        "alpha_w": alpha_w,
        "alpha_0": a0,
    }


def _group_rows(groups: list[object], target: object, by: str) -> list[int]:
    """Rows of the grouped matrix to compare: every group, or those of ``target``."""
    if len(groups) < 2 and target is None:
        raise OptionError(f"by={by!r} gives {len(groups)} group: nothing to compare it with")
    if target is None:
        return list(range(len(groups)))
    wanted = list(target) if isinstance(target, (list, tuple, set, pd.Series, np.ndarray)) else [target]
    missing = [t for t in wanted if t not in groups]
    if missing:
        shown = ", ".join(map(repr, groups[:10])) + (" …" if len(groups) > 10 else "")
        raise OptionError(f"target={missing[0]!r} is not a value of {by!r}; the groups are {shown}")
    return [groups.index(t) for t in dict.fromkeys(wanted)]


def _group_stats(base: dict[str, Any], n_b: int, counts: np.ndarray) -> dict[str, np.ndarray] | None:
    """The statistics of one group (side B, ``n_b`` words) against the rest of the corpus (side A); None when a
    side has no words."""
    n_a = base["words"] - n_b
    if n_a <= 0 or n_b <= 0:
        return None
    stats = _contrast(base["totals"] - counts, counts, n_a, n_b, base["alpha_w"], base["alpha_0"])
    stats["lean"] = np.where(stats["lean"] == "b", "group", np.where(stats["lean"] == "a", "rest", "=")).astype(object)
    stats["words"], stats["words_rest"] = n_b, n_a
    return stats


def _wanted(stats: dict[str, np.ndarray], p_max: float | None, direction: str) -> np.ndarray:
    """The rows ``p_max`` and ``direction`` keep."""
    keep = np.ones(len(stats["p_fdr"]), dtype=bool)
    if p_max is not None:
        keep &= stats["p_fdr"] <= p_max
    if direction != "all":
        keep &= stats["lean"] == ("group" if direction == "over" else "rest")
    return keep


def _group_frame(
    base: dict[str, Any],
    group: dict[str, Any],
    stats: dict[str, Any],
    counts: np.ndarray,
    docs: np.ndarray,
    keep: np.ndarray,
) -> pd.DataFrame:
    """The kept rows of one group's comparison, in the columns of :data:`_GROUP_COLUMNS`."""
    n = int(keep.sum())
    columns = {
        "group": [group["group"]] * n,
        "term": base["terms"][keep],
        "count": counts[keep],
        "count_rest": (base["totals"] - counts)[keep],
        "words": np.full(n, stats["words"], dtype=np.int64),
        "words_rest": np.full(n, stats["words_rest"], dtype=np.int64),
        "per_10k": stats["per_10k_b"][keep],
        "per_10k_rest": stats["per_10k_a"][keep],
        "docs": docs[keep],
        "docs_rest": (base["total_docs"] - docs)[keep],
        "n_docs": np.full(n, group["n_docs"], dtype=np.int64),
        "n_docs_rest": np.full(n, base["n_docs"] - group["n_docs"], dtype=np.int64),
    }
    stat_columns = ("g2", "p", "p_fdr", "log_ratio", "pct_diff", "prior", "log_odds_z", "lean")
    return pd.DataFrame({**columns, **{c: stats[c][keep] for c in stat_columns}})
