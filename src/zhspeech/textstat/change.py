"""Change over time in a corpus: term trajectories, first and last appearances, new and dropped terms.

>>> dtm = corpus.dtm()
>>> textstat_trajectories(dtm, ["改革", "创新"])          # per year: count, words, per 10k, documents
>>> textstat_first_last(dtm, formulas=True)               # numbered formulas: first and last year used
>>> textstat_new_terms(dtm).query("year == 2017")         # new in 2017, and dropped since 2016

Every function reads a ``DocumentTermMatrix`` (``zhspeech.corpus.dtm``) and groups its documents by ``by`` first,
so a year with several documents is one period. Periods follow the sorted values of ``by``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive
from ..errors import OptionError

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus.dtm import DocumentTermMatrix


def _periods(dtm: DocumentTermMatrix, by: str) -> tuple[DocumentTermMatrix, DocumentTermMatrix]:
    """The counts grouped by ``by``, and the document frequencies grouped the same way (documents containing each
    term in each period)."""
    grouped = dtm.grouped(by)
    present = dataclasses.replace(dtm, matrix=(dtm.matrix > 0).astype(np.int64))
    return grouped, present.grouped(by)


def _term_list(terms: str | Iterable[str]) -> list[str]:
    wanted = [terms] if isinstance(terms, str) else list(terms)
    if not wanted or any(not isinstance(t, str) or not t.strip() for t in wanted):
        raise OptionError(f"terms must be one or more non-empty strings, got {terms!r}")
    return list(dict.fromkeys(t.strip() for t in wanted))


def _lookup(dtm: DocumentTermMatrix, terms: list[str]) -> tuple[list[str], np.ndarray]:
    """``terms`` as the matrix counts them (a traditional form not in the vocabulary is looked up simplified) and
    their column positions (−1: not in the vocabulary)."""
    index = dtm.terms
    found = []
    for term in terms:
        if term not in index:
            from ..text.script import to_simplified  # imported here: OpenCC loads only for an unknown form

            simple = to_simplified(term)
            term = simple if simple in index else term
        found.append(term)
    return found, index.get_indexer(found)


def textstat_trajectories(dtm: DocumentTermMatrix, terms: str | Iterable[str], *, by: str = "year") -> pd.DataFrame:
    """How often each of ``terms`` is used in each period (documents grouped by ``by``), with zeros kept.

    One row per term and period, terms in the order given, periods sorted: ``term`` (as counted: the simplified
    form ``norm``; a traditional form is looked up simplified), ``<by>``, ``count``, ``words`` (all words of the
    period), ``per_10k`` = count / words × 10,000, ``docs`` (documents of the period containing the term) and
    ``n_docs`` (documents in the period). A term is a whole token: 改革 counts the token 改革, not 改革开放.
    ``attrs``: by, missing (terms not in the vocabulary of the corpus: all zeros).
    """
    wanted = _term_list(terms)
    grouped, docs = _periods(dtm, by)
    found, cols = _lookup(dtm, wanted)
    n_periods, n_terms = len(grouped.documents), len(found)
    safe = np.where(cols >= 0, cols, 0)
    counts = grouped.matrix[:, safe].toarray() * (cols >= 0)  # periods × terms
    present = docs.matrix[:, safe].toarray() * (cols >= 0)
    words = grouped.documents["words"].to_numpy(dtype=np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_10k = np.where(words[:, None] > 0, counts / words[:, None] * 1e4, np.nan)
    table = pd.DataFrame(
        {
            "term": np.repeat(np.array(found, dtype=object), n_periods),
            by: np.tile(grouped.documents[by].to_numpy(), n_terms),
            "count": counts.T.ravel().astype(np.int64),
            "words": np.tile(words, n_terms),
            "per_10k": per_10k.T.ravel(),
            "docs": present.T.ravel().astype(np.int64),
            "n_docs": np.tile(grouped.documents["n_docs"].to_numpy(dtype=np.int64), n_terms),
        }
    )
    table.attrs.update(by=by, missing=[t for t, c in zip(found, cols) if c < 0])
    return table


def textstat_first_last(
    dtm: DocumentTermMatrix,
    *,
    by: str = "year",
    terms: str | Iterable[str] | None = None,
    min_count: int = 3,
    formulas: bool = False,
    drop_stopwords: bool = True,
) -> pd.DataFrame:
    """When each term was first and last used across the periods of the corpus (documents grouped by ``by``).

    One row per term with a corpus count ≥ ``min_count`` (or each of ``terms`` found in the corpus, stopwords
    included): ``term``, ``first`` and ``last`` (the first and last period using it), ``n_periods`` (periods
    using it), ``periods`` (periods from first to last, inclusive), ``count`` (in the whole corpus) and ``docs``
    (documents using it).
    ``formulas=True`` keeps the terms shaped like numbered formulas (一带一路, 四个全面, 八项规定, 五位一体), by the
    shapes ``zhspeech.formulas`` reads (see :func:`formula_shaped`). Sorted by first period, then by count
    (descending), then by term. ``attrs``: by, periods (the sorted values of ``by``).
    """
    check_positive("min_count", min_count)
    check_choice("formulas", formulas, (True, False))
    check_choice("drop_stopwords", drop_stopwords, (True, False))
    grouped, docs = _periods(dtm, by)
    totals = np.asarray(grouped.matrix.sum(axis=0)).ravel()
    keep = totals >= min_count
    if terms is not None:
        _, cols = _lookup(dtm, _term_list(terms))
        keep = np.zeros(len(totals), dtype=bool)
        keep[cols[cols >= 0]] = True
    keep &= totals > 0
    if drop_stopwords and terms is None:  # a stopword asked for by name is kept
        keep &= ~np.asarray(dtm.stop, dtype=bool)
    if formulas:
        keep[keep] = [formula_shaped(t) for t in dtm.terms[keep]]
    idx = np.flatnonzero(keep)
    used = grouped.matrix[:, idx].tocsc()  # periods × kept terms; every column has a non-zero count
    used.eliminate_zeros()
    used.sort_indices()
    first, last = used.indices[used.indptr[:-1]], used.indices[used.indptr[1:] - 1]
    n_periods = np.diff(used.indptr)
    labels = grouped.documents[by].to_numpy()
    table = pd.DataFrame(
        {
            "term": dtm.terms[idx].to_numpy(dtype=object),
            "first": labels[first],
            "last": labels[last],
            "n_periods": n_periods.astype(np.int64),
            "periods": (last - first + 1).astype(np.int64),
            "count": totals[idx].astype(np.int64),
            "docs": np.asarray(docs.matrix[:, idx].sum(axis=0)).ravel().astype(np.int64),
        }
    )
    table = table.assign(_first=first).sort_values(
        ["_first", "count", "term"], ascending=[True, False, True], kind="mergesort"
    )
    table = table.drop(columns="_first").reset_index(drop=True)
    table.attrs.update(by=by, periods=labels.tolist())
    return table


def formula_shaped(term: str) -> bool:
    """Whether ``term``, read alone, is a numbered formula by the rules of ``zhspeech.formulas``.

    The term has a formula's shape (a numeral, a measure word and a head: 八项规定, 三大攻坚战; N位一体; a paired
    shape: 一带一路, 三严三实, 三去一降一补) and, in the order ``zhspeech.formulas`` weighs the evidence: the project
    lexicon lists it; or the number is 二 or more (a paired shape may open with 一) and jieba's dictionary knows it
    as a noun or a fixed expression (一国两制, 两步走; not an idiom: 一心一意, 四分五裂); or, unknown to both, its
    number is at most 十, a paired shape has no numeral or measure word between its numbers (三十五个, 一百五十六项
    are numbers) and a measure shape has a head of two characters or more that is neither general (三个方面,
    两项工作), nor cut short (五个重点), nor a clock time (三点钟). What needs the text (quotation marks, mentions
    that name rather than count) is left out: a term is judged alone.
    """
    from ..rhetoric import _formulas as rule  # imported here: the rules load only when formulas are asked for

    shape = rule._listed_shape(term)
    if shape is None or (shape.kind == "paired" and not rule._PAIRED.fullmatch(term)):
        return False
    if shape.kind != "paired" and not shape.head and shape.measure != "位":  # 四大, 八字: the head is in the text
        return False
    listed, tags = _dictionaries()
    if term in listed:
        return True
    if shape.kind != "paired" and shape.number < 2:
        return False
    if term in tags:
        return tags[term] in rule._NAME_TAGS
    if shape.number > rule._MAX_NUMBER:
        return False
    if shape.kind == "paired":
        pair = term[1:]
        return not any(c in rule._NUMERAL_CHARS or c in rule._PAIR_STOP for c in pair[0::2])
    head = shape.head
    if not head:  # N位一体
        return True
    if len(head) < 2 or head[0] in rule._NUMERAL_CHARS or head[0] in rule._HEAD_FIRST_STOP or head[0] in "钟鐘半":
        return False
    general = head.endswith(rule._GENERIC_ENDINGS) or any(head.endswith(g) for g in rule._GENERIC_HEADS)
    return not general and not any(head.endswith(w) for w in rule._ATTRIBUTIVE | rule._DOMAIN)


@lru_cache(maxsize=1)
def _dictionaries() -> tuple[frozenset[str], dict[str, str]]:
    """The words of the project lexicon, and jieba's word → tag table (what ``zhspeech.formulas`` consults)."""
    from ..tokens._fastcut import dictionary_tags  # imported here: jieba loads only when formulas are asked for
    from ..tokens.lexicon import load_lexicon

    return frozenset(load_lexicon()["word"].astype(str)), dictionary_tags()


def textstat_new_terms(
    dtm: DocumentTermMatrix, *, by: str = "year", min_count: int = 3, drop_stopwords: bool = True
) -> pd.DataFrame:
    """Terms new in each period, and terms dropped since the period before (documents grouped by ``by``).

    ``new``: used at least ``min_count`` times in the period and in no earlier period at all. ``dropped``: used at
    least ``min_count`` times in the previous period and not at all in this one. The first period has neither.
    One row per term and period: ``term``, ``<by>``, ``status`` ("new" or "dropped"), ``count`` (in the period),
    ``count_previous`` (in the previous period), ``previous`` (the previous period) and ``per_10k`` (per 10,000
    words of the period for a new term, of the previous period for a dropped one). Sorted by period, new before
    dropped, then by count (descending) and term. ``attrs``: by, min_count.
    """
    check_positive("min_count", min_count)
    check_choice("drop_stopwords", drop_stopwords, (True, False))
    grouped = dtm.grouped(by)
    labels = grouped.documents[by].tolist()
    words = grouped.documents["words"].to_numpy(dtype=np.int64)
    matrix = grouped.matrix.tocsr()
    allowed = ~np.asarray(dtm.stop, dtype=bool) if drop_stopwords else np.ones(len(dtm.terms), dtype=bool)
    seen = np.zeros(len(dtm.terms), dtype=bool)
    previous = np.zeros(len(dtm.terms), dtype=np.int64)
    frames = []
    for i, label in enumerate(labels):
        current = np.zeros(len(dtm.terms), dtype=np.int64)
        row = matrix.getrow(i)
        current[row.indices] = row.data
        if i > 0:
            new = np.flatnonzero((current >= min_count) & ~seen & allowed)
            dropped = np.flatnonzero((previous >= min_count) & (current == 0) & allowed)
            when = (label, labels[i - 1])
            frames.append(_changes(dtm.terms, new, "new", when, current, previous, words[i]))
            frames.append(_changes(dtm.terms, dropped, "dropped", when, current, previous, words[i - 1]))
        seen |= current > 0
        previous = current
    columns = ["term", by, "status", "count", "count_previous", "previous", "per_10k"]
    frames = [f for f in frames if len(f)]  # an empty frame would turn the period columns into floats
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    table = table.rename(columns={"period": by})[columns]
    table.attrs.update(by=by, min_count=min_count)
    return table


def _changes(
    terms: pd.Index,
    idx: np.ndarray,
    status: str,
    when: tuple[object, object],
    current: np.ndarray,
    previous: np.ndarray,
    words: int,
) -> pd.DataFrame:
    """Rows of one status in one period (``when``: the period and the one before), the most frequent first (ties
    by term)."""
    label, before = when
    shown = current[idx] if status == "new" else previous[idx]
    table = pd.DataFrame(
        {
            "term": terms[idx].to_numpy(dtype=object),
            "period": [label] * len(idx),
            "status": [status] * len(idx),
            "count": current[idx],
            "count_previous": previous[idx],
            "previous": [before] * len(idx),
            "per_10k": shown / words * 1e4 if words else np.full(len(idx), np.nan),
        }
    )
    order = np.lexsort((table["term"].to_numpy(dtype=str), -shown))
    return table.iloc[order].reset_index(drop=True)
