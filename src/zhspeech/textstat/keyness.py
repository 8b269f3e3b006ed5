"""Keyness: terms over- or under-used against a reference corpus, or in one section against the rest.

Every row carries both counts and both sizes, so G², p and Log Ratio recompute from it. References: Dunning (1993)
for G², Hardie (2014) for Log Ratio, Benjamini & Hochberg (1995) for adjusted p.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive
from ._tokens import DEFAULT_PARTS, Parts, _counted, _words, check_parts, with_written
from .measures import _p_values, g2_statistic
from .reference import Reference, load_reference

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech


def textstat_keyness(
    tokens: pd.DataFrame | Speech,
    reference: Reference | None = None,
    *,
    measure: Literal["g2", "log_ratio"] = "g2",
    direction: Literal["over", "under", "all"] = "over",
    min_count: int = 3,
    drop_stopwords: bool | Literal["over"] = False,
    parts: Parts = DEFAULT_PARTS,
) -> pd.DataFrame:
    """Terms over- (or under-) used against a reference corpus.

    ``reference`` defaults to ``load_reference("jieba")``: the word counts of jieba's bundled dictionary, a general
    written-Chinese corpus of 60,101,967 words (see ``zhspeech.textstat.reference`` for the sources and why not
    wordfreq).
    Each term with ``count ≥ min_count`` is tested on the full 2×2 table [[count, corpus_size − count],
    [ref_count, ref_size − ref_count]]: ``g2`` (log-likelihood, 1 df), ``p`` (χ², 1 df), ``p_fdr``
    (Benjamini–Hochberg over all tested terms, before ``direction`` or ``drop_stopwords`` filter the rows), and
    ``log_ratio`` = log2((count/corpus_size) / (ref_count/ref_size)) (Hardie 2014), where a zero count on either
    side is replaced by 0.5 — a term absent from the reference gets a finite, conservative ratio.
    Every row carries ``count``, ``ref_count``, ``corpus_size`` and ``ref_size`` (words), so each G² recomputes.
    A traditional text is counted in its simplified form (``norm``: the reference is simplified), with a ``written``
    column of the forms as written.

    ``direction`` keeps terms relatively more frequent in the speech ("over"), less frequent ("under"), or both.
    ``drop_stopwords`` removes stopwords from the rows (``True``), or only from the over-used rows (``"over"``):
    what a genre avoids (是, 这, 了) is part of its register, while the over-use of a function word mostly reflects
    how the reference counted it (jieba's dictionary counts 的 far below its real frequency).
    Sorted by ``measure`` (g2 descending; log_ratio from the extreme end), then count, then term.

    ``parts``: the parts of the speech counted, ``("title", "heading", "body")`` by default (add ``"back"`` for
    appendices and glossaries; ``("body",)`` for the body alone); ``corpus_size`` is the words in those parts.
    ``attrs``: corpus_size, ref_size, reference (name), reference_source, parts.
    """
    check_choice("measure", measure, ("g2", "log_ratio"))
    check_choice("direction", direction, ("over", "under", "all"))
    check_choice("drop_stopwords", drop_stopwords, (True, False, "over"))
    check_positive("min_count", min_count)
    chosen = check_parts(parts)
    reference = reference if reference is not None else load_reference()
    words = _words(_counted(tokens, chosen))
    c1, c2 = len(words), reference.total
    counts = words["term"].value_counts()
    table = _keyness_table(counts[counts >= min_count], reference, c1)
    over = table["count"].to_numpy() * float(c2) > table["ref_count"].to_numpy() * float(c1)
    under = table["count"].to_numpy() * float(c2) < table["ref_count"].to_numpy() * float(c1)
    table = table[over] if direction == "over" else table[under] if direction == "under" else table
    if drop_stopwords is not False and "is_stop" in words.columns:
        stop = table["term"].isin(set(words.loc[words["is_stop"].astype(bool), "term"]))
        table = table[~(stop & over[table.index])] if drop_stopwords == "over" else table[~stop]
    table = with_written(_rank(table, measure, direction), words)
    table.attrs.update(
        corpus_size=c1, ref_size=c2, reference=reference.name, reference_source=reference.source, parts=chosen
    )
    return table


def _keyness_table(counts: pd.Series, reference: Reference, c1: int) -> pd.DataFrame:
    """One row per term of ``counts`` (a term's count in ``c1`` words) with its reference count and statistics."""
    c2 = reference.total
    a = counts.to_numpy(dtype=np.int64)
    b = np.asarray(reference.count(counts.index), dtype=np.int64)
    g2 = g2_statistic(a, b, c1, c2)
    p, p_fdr = _p_values(g2)
    ratio = np.log2((np.where(a > 0, a, 0.5) / c1) / (np.where(b > 0, b, 0.5) / c2))
    columns = {"term": counts.index.astype(str).to_numpy(dtype=object), "count": a, "ref_count": b}
    sizes = {"corpus_size": c1, "ref_size": c2}
    return pd.DataFrame({**columns, **sizes, "g2": g2, "p": p, "p_fdr": p_fdr, "log_ratio": ratio})


def _rank(table: pd.DataFrame, measure: str, direction: str) -> pd.DataFrame:
    """Rows by ``measure`` (g2 descending; log_ratio from the extreme end), then count, then term."""
    key = table[measure] if measure == "g2" else table["log_ratio"] * (-1 if direction == "under" else 1)
    if measure == "log_ratio" and direction == "all":
        key = table["log_ratio"].abs()
    order = ["_key", "count", "term"]
    ranked = table.assign(_key=key).sort_values(order, ascending=[False, False, True], kind="mergesort")
    return ranked.drop(columns="_key").reset_index(drop=True)


def textstat_keyness_sections(
    data: pd.DataFrame | Speech,
    *,
    measure: Literal["g2", "log_ratio"] = "g2",
    direction: Literal["over", "under", "all"] = "over",
    min_count: int = 3,
    drop_stopwords: bool = False,
    parts: Parts = DEFAULT_PARTS,
) -> pd.DataFrame:
    """What is distinctive about each section: the section's words against the rest of the speech.

    For each section (including section 0, the text before the first heading, when it has words) the section is
    the corpus and the other sections together are the reference: ``count`` = in the section, ``ref_count`` = in the
    rest, ``corpus_size``/``ref_size`` their word counts. Columns as ``textstat_keyness`` plus ``section`` and
    ``heading`` (empty when ``data`` is a bare token table). ``p_fdr`` is adjusted within each section.
    ``parts`` as in :func:`textstat_keyness`: a section's heading counts with the section by default, the title with
    section 0, and both sides count only the parts chosen.
    """
    chosen = check_parts(parts)
    tokens = _counted(data, chosen)
    speech = None if isinstance(data, pd.DataFrame) else data
    words_section = tokens.loc[tokens["is_word"].astype(bool), "section"]
    frames = []
    for number in sorted(pd.unique(words_section)):
        inside = tokens["section"] == number
        if (words_section != number).sum() == 0:  # a single section has no rest to compare with
            continue
        rest = Reference.from_tokens(tokens[~inside], name=f"rest of speech (not section {number})")
        table = textstat_keyness(
            tokens[inside],
            rest,
            measure=measure,
            direction=direction,
            min_count=min_count,
            drop_stopwords=drop_stopwords,
            parts=chosen,
        )
        heading = speech.section_heading(int(number)) if speech is not None else ""
        frames.append(table.assign(section=int(number), heading=heading))
    if not frames:
        return pd.DataFrame(
            columns=[
                "section",
                "heading",
                "term",
                "count",
                "ref_count",
                "corpus_size",
                "ref_size",
                "g2",
                "p",
                "p_fdr",
                "log_ratio",
            ]
        )
    table = pd.concat(frames, ignore_index=True)
    table.attrs.update(reference="rest of the speech", parts=chosen)
    return table[["section", "heading", *[c for c in table.columns if c not in ("section", "heading")]]]
