"""Lengths of sentences and paragraphs: per sentence, and as distributions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .._checks import HAN
from ._tokens import _table

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech


def textstat_sentence_lengths(data: pd.DataFrame | Speech) -> pd.DataFrame:
    """Length of each sentence: ``sentence``, ``paragraph``, ``section``, ``chars``, ``han`` (Han characters) and
    ``tokens`` (words, as counted everywhere else).

    From a Speech, ``chars`` and ``han`` come from ``speech.sentences`` (the sentence text as written); from a bare
    token table they are summed over the sentence's tokens, so whitespace inside a sentence is not counted.
    Only body sentences (id ≥ 1) are listed.
    """
    tokens = _table(data)
    body = tokens[tokens["sentence"] >= 1]
    words = body.loc[body["is_word"].astype(bool)].groupby("sentence", observed=True).size()
    if isinstance(data, pd.DataFrame):
        text = body["token"].astype(str)
        table = (
            pd.DataFrame(
                {
                    "paragraph": body.groupby("sentence")["paragraph"].first(),
                    "section": body.groupby("sentence")["section"].first(),
                    "chars": text.str.len().groupby(body["sentence"]).sum(),
                    "han": text.str.count(HAN.pattern).groupby(body["sentence"]).sum(),
                }
            )
            .rename_axis("sentence")
            .reset_index()
        )
    else:
        table = data.sentences[["sentence", "paragraph", "section", "chars", "han"]].copy()
    table["tokens"] = table["sentence"].map(words).fillna(0).astype(int)
    return table.sort_values("sentence").reset_index(drop=True)


def textstat_length_summary(speech: Speech) -> pd.DataFrame:
    """Length distributions of body paragraphs and sentences: one row per unit and measure (``chars``, ``han``)
    with ``count``, ``mean``, ``median``, ``min``, ``max`` and ``total``."""
    rows = []
    for unit, frame in (("paragraph", speech.paragraphs), ("sentence", speech.sentences)):
        for measure in ("chars", "han"):
            s = frame[measure]
            rows.append(
                {
                    "unit": unit,
                    "measure": measure,
                    "count": int(s.size),
                    "mean": round(float(s.mean()), 1),
                    "median": float(s.median()),
                    "min": int(s.min()),
                    "max": int(s.max()),
                    "total": int(s.sum()),
                }
            )
    return pd.DataFrame(rows)
