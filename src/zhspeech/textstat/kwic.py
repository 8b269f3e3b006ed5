"""Keyword in context: every occurrence of a term with the characters around it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._checks import check_choice, check_positive
from ._tokens import _block_ends, _blocks, _term_spans, _text_and_tokens

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Speech


def kwic(
    data: pd.DataFrame | Speech,
    term: str,
    *,
    width: int = 20,
    sort: Literal["position", "left", "right"] = "position",
    substring: bool = False,
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` with ``width`` characters either side.

    The term is matched as a token or a run of whole tokens (``substring=True`` also finds it inside longer tokens)
    within one sentence. The context is taken from the text (``speech.text``; for a bare token table the text is
    rebuilt from the tokens, whitespace shown as spaces): it runs across sentence boundaries, as concordancers do,
    but stops at the paragraph's edges. Columns: ``left``, ``node``, ``right``, ``sentence``, ``paragraph``,
    ``section``, ``start``, ``end`` (offsets of the node). ``sort="left"`` orders by the left context read
    backwards from the node (the nearest character first), ``"right"`` by the right context; ties keep text order.
    """
    check_positive("width", width)
    check_choice("sort", sort, ("position", "left", "right"))
    text, tokens = _text_and_tokens(data)
    spans = _term_spans(text, tokens, term, substring=substring)
    starts = tokens["start"].to_numpy()
    paragraph = tokens["paragraph"].to_numpy()
    para_start = starts[_blocks(paragraph)]
    para_end = tokens["end"].to_numpy()[_block_ends(paragraph)]
    at = np.searchsorted(starts, spans[:, 0], side="right") - 1  # the token the match starts in
    rows = []
    for (s, e), i in zip(spans, at):
        lo, hi = max(int(para_start[i]), s - width), min(int(para_end[i]), e + width)
        rows.append((text[lo:s].replace("\n", " "), text[s:e], text[e:hi].replace("\n", " "), int(s), int(e)))
    table = pd.DataFrame(rows, columns=["left", "node", "right", "start", "end"])
    for column in ("sentence", "paragraph", "section"):
        table[column] = tokens[column].to_numpy()[at].astype(int) if len(at) else pd.Series(dtype=int)
    if sort != "position" and len(table):
        key = table["left"].str[::-1] if sort == "left" else table["right"]
        table = table.assign(_key=key).sort_values("_key", kind="mergesort").drop(columns="_key")
    return table[["left", "node", "right", "sentence", "paragraph", "section", "start", "end"]].reset_index(drop=True)
