"""Lengths of sentences and paragraphs: per sentence, and as distributions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .._checks import HAN
from ._tokens import Parts, _counted, in_parts

#: Lengths describe the prose: body sentences and paragraphs unless other parts are asked for.
BODY = ("body",)

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech


def textstat_sentence_lengths(data: pd.DataFrame | Speech, *, parts: Parts = BODY) -> pd.DataFrame:
    """Length of each sentence: ``sentence``, ``part``, ``paragraph``, ``section``, ``chars``, ``han`` (Han
    characters) and ``tokens`` (words, as counted everywhere else).

    From a Speech, ``chars`` and ``han`` come from ``speech.sentences`` (the sentence text as written); from a bare
    token table they are summed over the sentence's tokens, so whitespace inside a sentence is not counted.
    ``parts``: the body by default — sentence lengths describe the prose, and a title or heading line, counted as
    one sentence in the other statistics, would read here as a very short sentence; give
    ``("title", "heading", "body")`` to include them, or add ``"back"`` for appendices and glossaries.
    """
    tokens = _counted(data, parts)
    words = tokens.loc[tokens["is_word"].astype(bool)].groupby("sentence", observed=True).size()
    if isinstance(data, pd.DataFrame):
        text = tokens["token"].astype(str)
        by = tokens.groupby("sentence", observed=True)
        part = by["part"].first().astype(str) if "part" in tokens.columns else "body"
        table = pd.DataFrame(
            {
                "part": part,
                "paragraph": by["paragraph"].first(),
                "section": by["section"].first(),
                "chars": text.str.len().groupby(tokens["sentence"], observed=True).sum(),
                "han": text.str.count(HAN.pattern).groupby(tokens["sentence"], observed=True).sum(),
            }
        )
        table = table.rename_axis("sentence").reset_index()
    else:
        sentences = in_parts(data.sentences, parts)
        if "part" not in sentences.columns:
            sentences = sentences.assign(part="body")
        table = sentences[["sentence", "part", "paragraph", "section", "chars", "han"]].copy()
    table["tokens"] = table["sentence"].map(words).fillna(0).astype(int)
    return table.sort_values("sentence").reset_index(drop=True)


def textstat_length_summary(speech: Speech, *, parts: Parts = BODY) -> pd.DataFrame:
    """Length distributions of paragraphs and sentences: one row per unit and measure (``chars``, ``han``) with
    ``count``, ``mean``, ``median``, ``min``, ``max`` and ``total``.

    ``parts`` as in :func:`textstat_sentence_lengths`: body sentences by default; the paragraphs are the body
    paragraphs (and back-matter paragraphs when ``"back"`` is asked for), since a title or heading line is no
    paragraph. A unit with no rows has count 0 and empty (NaN) lengths.
    """
    rows = []
    for unit, frame in (("paragraph", speech.paragraphs), ("sentence", speech.sentences)):
        frame = in_parts(frame, parts)
        for measure in ("chars", "han"):
            s = frame[measure].astype("int64")
            empty = s.empty
            rows.append(
                {
                    "unit": unit,
                    "measure": measure,
                    "count": int(s.size),
                    "mean": float("nan") if empty else round(float(s.mean()), 1),
                    "median": float(s.median()) if not empty else float("nan"),
                    "min": pd.NA if empty else int(s.min()),
                    "max": pd.NA if empty else int(s.max()),
                    "total": int(s.sum()),
                }
            )
    return pd.DataFrame(rows)
